"""One hit of a hit / no-hit query, read back by the agency that asked or by the owner.

The asker reads hit, owner, kind and what to do until the owner releases the record;
then, like the owner all along, it reads the score and the explanation ("explain
every hit" holds for whoever is entitled to the details)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from liaison.domain.codes import RegisterKind
from liaison.domain.errors import Forbidden, NotFound
from liaison.domain.permissions import Permission
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.registers.redaction import query_instructions, withheld_explanation
from liaison.store import schema

_READERS = (Permission.QUERY, Permission.REQUEST_DETAILS, Permission.DECIDE_DETAILS)


class QueryHitView(BaseModel):
    query_hit_id: int
    hit: bool = True
    owner: str = Field(description="the owner agency's code: the agency to contact")
    asked_by: str
    register_kind: RegisterKind
    details_released: bool = Field(description="the owner's agency, or released to the reader's")
    what_to_do: str
    score: float | None = Field(description="null until the owner releases the details")
    explanation: dict[str, Any] = Field(description="how it compared, once released; else only what to do")


def read_query_hit(session: Session, principal: Principal, query_hit_id: int) -> QueryHitView:
    """The hit for its asker or its owner (anyone else: not found); audited."""
    if not any(principal.can(permission) for permission in _READERS):
        raise Forbidden("this needs the queries, details:request or details:decide permission")
    hit = session.get(schema.QueryHit, query_hit_id)
    asker_id = hit.query.agency_id if hit is not None else None
    if hit is None or principal.agency_id not in (asker_id, hit.owner_agency_id):
        raise NotFound(f"no hit {query_hit_id} among your agency's queries or records")
    rows = session.execute(
        select(schema.Agency.id, schema.Agency.code).where(
            schema.Agency.id.in_({hit.owner_agency_id, hit.query.agency_id})
        )
    )
    codes = {row[0]: row[1] for row in rows}  # not dict(result): a Result has keys()
    owner = codes[hit.owner_agency_id]
    released = hit.owner_agency_id == principal.agency_id or (
        session.get(schema.RecordRelease, (hit.record_id, principal.agency_id)) is not None
    )
    if hit.owner_agency_id == principal.agency_id:
        what_to_do = "Your agency's record: decide the asker's request for the details when it comes."
    elif released:
        what_to_do = f"{owner} released the details to your agency: read the record under its handling code."
    else:
        what_to_do = query_instructions(owner, hit.id)
    explanation = hit.explanation or {}
    audit.record(session, "query_hit_read", principal=principal, object_type="query_hit", object_id=hit.id)
    return QueryHitView(
        query_hit_id=hit.id,
        owner=owner,
        asked_by=codes[hit.query.agency_id],
        register_kind=hit.query.kind,
        details_released=released,
        what_to_do=what_to_do,
        score=round(hit.score, 4) if released else None,
        explanation=explanation if released else withheld_explanation(explanation, what_to_do),
    )
