"""Named lists risk rules refer to ("departure points of concern"), per agency.

A rule version keeps a copy of the lists it uses as they stood when it was
saved, so changing a list never changes an approved rule behind its
approver's back: the change takes effect through a new, approved version.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.criteria import NamedList
from liaison.criteria.places import country, is_airport
from liaison.criteria.sensitive import forbidden_words
from liaison.domain.codes import ListKind
from liaison.domain.errors import InvalidInput
from liaison.domain.permissions import Permission
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.store import schema
from liaison.store.types import utcnow

MAX_ENTRIES = 5_000


def clean_entries(kind: ListKind, entries: list[str]) -> list[str]:
    """Entries checked against real data, upper-cased, deduplicated, sorted."""
    if len(entries) > MAX_ENTRIES:
        raise InvalidInput(f"entries: at most {MAX_ENTRIES} entries")
    cleaned: set[str] = set()
    for i, raw in enumerate(entries):
        value = raw.strip().upper()
        if kind == ListKind.AIRPORTS and not is_airport(value):
            raise InvalidInput(f"entries[{i}]: {raw!r} is not an IATA airport code")
        if kind == ListKind.COUNTRIES:
            code = country(value)
            if code is None:
                raise InvalidInput(f"entries[{i}]: {raw!r} is not an ISO 3166 country code")
            value = code
        if kind == ListKind.BINS and not (value.isdigit() and 1 <= len(value) <= 8):
            raise InvalidInput(f"entries[{i}]: {raw!r} is not a card BIN prefix (1 to 8 digits)")
        cleaned.add(value)
    return sorted(cleaned)


def save_list(
    session: Session, principal: Principal, name: str, kind: ListKind, entries: list[str]
) -> schema.CriteriaList:
    """Create or replace one of the agency's lists."""
    principal.require(Permission.RULES_WRITE)
    name = " ".join(name.split())
    if not name or len(name) > 100:
        raise InvalidInput("name: 1 to 100 characters")
    reason = forbidden_words(name)
    if reason is not None:
        raise InvalidInput(f"name: {reason}")
    cleaned = clean_entries(kind, entries)
    found = session.scalar(
        select(schema.CriteriaList).where(
            schema.CriteriaList.agency_id == principal.agency_id, schema.CriteriaList.name == name
        )
    )
    if found is None:
        found = schema.CriteriaList(agency_id=principal.agency_id, name=name, kind=kind, entries=cleaned)
        session.add(found)
    else:
        if found.kind != kind:
            raise InvalidInput(f"kind: list {name!r} holds {found.kind.value}")
        found.entries = cleaned
    found.updated_at = utcnow()
    found.updated_by_id = principal.user_id
    session.flush()
    audit.record(
        session,
        "criteria_list_saved",
        principal=principal,
        object_type="criteria_list",
        object_id=found.id,
        detail={"name": name, "kind": kind.value, "entries": len(cleaned)},
    )
    return found


def lists_of(session: Session, agency_id: int) -> list[schema.CriteriaList]:
    return list(
        session.scalars(
            select(schema.CriteriaList)
            .where(schema.CriteriaList.agency_id == agency_id)
            .order_by(schema.CriteriaList.name)
        )
    )


def named_lists(session: Session, agency_id: int) -> dict[str, NamedList]:
    return {
        row.name: NamedList(row.name, row.kind.value, frozenset(row.entries))
        for row in lists_of(session, agency_id)
    }


def snapshot(lists: dict[str, NamedList], used: tuple[str, ...]) -> dict[str, dict[str, object]]:
    """The lists a rule version uses, as JSON, kept with the version."""
    return {name: {"kind": lists[name].kind, "entries": sorted(lists[name].values)} for name in used}


def from_snapshot(data: dict[str, dict[str, object]]) -> dict[str, NamedList]:
    out = {}
    for name, item in data.items():
        entries = item.get("entries")
        values = frozenset(str(v) for v in entries) if isinstance(entries, list) else frozenset()
        out[name] = NamedList(name, str(item.get("kind")), values)
    return out
