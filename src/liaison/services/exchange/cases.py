"""Cases: who opens them, who is in them. An agency sees a case only while it is in it."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from liaison.domain.cards import mask_card_numbers_in_text
from liaison.domain.codes import AgencyKind
from liaison.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from liaison.domain.exchange import CaseStatus, CrimeArea
from liaison.domain.permissions import Permission
from liaison.services.exchange.views import CaseIn, CaseView
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.paging import PageRequest, apply_page, count_rows
from liaison.store import schema
from liaison.store.types import utcnow

CASE_SORTS = {"id": schema.Case.id, "opened_at": schema.Case.opened_at, "subject": schema.Case.subject}


def require_exchange(session: Session, principal: Principal, permission: Permission) -> None:
    """The permission, held for an agency that takes part in exchange (carriers do not)."""
    principal.require(permission)
    agency = session.get(schema.Agency, principal.agency_id)
    if agency is None or agency.kind is AgencyKind.CARRIER:
        raise Forbidden("carriers take no part in case exchange")


def member_case(session: Session, principal: Principal, case_id: int) -> schema.Case:
    """The case, if the principal's agency is in it; otherwise NotFound (not Forbidden:
    an agency outside a case must not learn that it exists)."""
    case = session.scalar(
        select(schema.Case)
        .join(schema.CaseAgency, schema.CaseAgency.case_id == schema.Case.id)
        .where(schema.Case.id == case_id, schema.CaseAgency.agency_id == principal.agency_id)
    )
    if case is None:
        raise NotFound(f"no case {case_id} for your agency")
    return case


def agency_ids(session: Session, case_id: int) -> set[int]:
    return set(
        session.scalars(select(schema.CaseAgency.agency_id).where(schema.CaseAgency.case_id == case_id))
    )


def codes_of(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.execute(select(schema.Agency.id, schema.Agency.code).where(schema.Agency.id.in_(wanted)))
    return {row[0]: row[1] for row in rows}


def exchange_agency(session: Session, code: str, field: str = "agencies") -> schema.Agency:
    """An agency that may take part in police exchange (not a carrier)."""
    agency = session.scalar(select(schema.Agency).where(schema.Agency.code == code.strip().upper()))
    if agency is None:
        raise InvalidInput(f"{field}: no agency {code!r}")
    if agency.kind is AgencyKind.CARRIER:
        raise InvalidInput(f"{field}: {agency.code} is a carrier; carriers take no part in case exchange")
    return agency


def open_case(
    session: Session,
    principal: Principal,
    body: CaseIn,
    *,
    origin: str | None = None,
    lead_agency_id: int | None = None,
    now: datetime | None = None,
    flow: bool = False,
) -> schema.Case:
    """Open a case led by the principal's agency (or `lead_agency_id`, for built-in flows,
    which follow from an act the principal was allowed and so need no permission of their own)."""
    if not flow:
        require_exchange(session, principal, Permission.EXCHANGE_WRITE)
    now = now or utcnow()
    others = [exchange_agency(session, code) for code in dict.fromkeys(body.agencies)]
    case = schema.Case(
        reference=f"PENDING-{uuid.uuid4().hex[:20]}",
        subject=mask_card_numbers_in_text(body.subject.strip()),
        crime_area=body.crime_area,
        lead_agency_id=lead_agency_id or principal.agency_id,
        opened_by_id=principal.user_id,
        origin=origin,
        opened_at=now,
    )
    session.add(case)
    session.flush()
    case.reference = f"C{now:%Y}-{case.id:06d}"
    members = {principal.agency_id, case.lead_agency_id, *(a.id for a in others)}
    for agency_id in members:
        session.add(
            schema.CaseAgency(
                case_id=case.id, agency_id=agency_id, added_by_agency_id=principal.agency_id, joined_at=now
            )
        )
    session.flush()
    audit.record(session, "case_opened", principal=principal, object_type="case", object_id=case.id)
    return case


def join(session: Session, case: schema.Case, agency_id: int, by_agency_id: int) -> bool:
    """Add an agency to a case; False if it was already in it (or joined meanwhile)."""
    if session.get(schema.CaseAgency, (case.id, agency_id)) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(
                schema.CaseAgency(case_id=case.id, agency_id=agency_id, added_by_agency_id=by_agency_id)
            )
    except IntegrityError:  # another transaction added it first
        return False
    return True


def add_agency(session: Session, principal: Principal, case_id: int, code: str) -> CaseView:
    """Bring another agency into the case (the lead agency's decision). It sees the
    messages sent to it from now on (and any passed on to it), not the earlier ones."""
    require_exchange(session, principal, Permission.EXCHANGE_WRITE)
    case = member_case(session, principal, case_id)
    if case.lead_agency_id != principal.agency_id:
        raise Forbidden("only the lead agency brings other agencies into a case")
    if case.status is not CaseStatus.OPEN:
        raise Conflict(f"case {case.reference} is closed")
    agency = exchange_agency(session, code, "agency")
    if not join(session, case, agency.id, principal.agency_id):
        raise Conflict(f"{agency.code} is already in case {case.reference}")
    audit.record(
        session, "case_agency_added", principal=principal, object_type="case", object_id=case.id,
        detail={"agency": agency.code},
    )  # fmt: skip
    return case_view(session, case)


def close_case(session: Session, principal: Principal, case_id: int) -> CaseView:
    """Close the case (lead agency): no more messages; its open requests are no longer
    flagged as overdue."""
    require_exchange(session, principal, Permission.EXCHANGE_WRITE)
    case = member_case(session, principal, case_id)
    if case.lead_agency_id != principal.agency_id:
        raise Forbidden("only the lead agency closes a case")
    case.status = CaseStatus.CLOSED
    audit.record(session, "case_closed", principal=principal, object_type="case", object_id=case.id)
    return case_view(session, case)


def case_view(session: Session, case: schema.Case) -> CaseView:
    members = agency_ids(session, case.id)
    codes = codes_of(session, members | {case.lead_agency_id})
    return CaseView(
        id=case.id,
        reference=case.reference,
        subject=case.subject,
        crime_area=case.crime_area,
        status=case.status,
        lead=codes[case.lead_agency_id],
        agencies=sorted(codes[a] for a in members),
        opened_at=case.opened_at,
    )


def read_case(session: Session, principal: Principal, case_id: int) -> CaseView:
    require_exchange(session, principal, Permission.EXCHANGE_READ)
    case = member_case(session, principal, case_id)
    audit.record(session, "case_read", principal=principal, object_type="case", object_id=case.id)
    return case_view(session, case)


def list_cases(
    session: Session,
    principal: Principal,
    page: PageRequest,
    *,
    status: CaseStatus | None = None,
    crime_area: CrimeArea | None = None,
) -> tuple[list[CaseView], int]:
    require_exchange(session, principal, Permission.EXCHANGE_READ)
    query = (
        select(schema.Case)
        .join(schema.CaseAgency, schema.CaseAgency.case_id == schema.Case.id)
        .where(schema.CaseAgency.agency_id == principal.agency_id)
    )
    if status is not None:
        query = query.where(schema.Case.status == status)
    if crime_area is not None:
        query = query.where(schema.Case.crime_area == crime_area)
    total = count_rows(session, query)
    cases = list(session.scalars(apply_page(query, page, CASE_SORTS, default="-opened_at")))
    audit.record(
        session,
        "cases_listed",
        principal=principal,
        object_type="case",
        detail={"ids": [c.id for c in cases]},
    )
    return [case_view(session, case) for case in cases], total
