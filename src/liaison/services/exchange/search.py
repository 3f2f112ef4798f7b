"""Full-text search over the messages an agency may read: FTS5 on SQLite,
PostgreSQL's text search elsewhere; the entities of the hits as facets."""

from __future__ import annotations

import re

from sqlalchemy import column, func, literal_column, select, table
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnClause

from liaison.domain.errors import InvalidInput
from liaison.domain.permissions import Permission
from liaison.services.exchange.cases import require_exchange
from liaison.services.exchange.messages import fold, visible_messages
from liaison.services.exchange.views import Facet, SearchAnswer, SearchHit
from liaison.services.identity import audit
from liaison.services.identity.principals import Principal
from liaison.services.registers.records import marking
from liaison.store import schema

MAX_HITS = 100
MAX_FACETS = 30
_WORD = re.compile(r"\w+", re.UNICODE)
# The FTS5 table of migration 0005 (SQLite only), outside the models.
_FTS = table("exchange_search", column("rowid"), column("search_text"))
_FTS_NAME: ColumnClause[str] = literal_column("exchange_search")


def search(session: Session, principal: Principal, query: str, *, limit: int = 50) -> SearchAnswer:
    """Messages containing every word of `query`, among those the agency may read."""
    require_exchange(session, principal, Permission.EXCHANGE_READ)
    words = _WORD.findall(fold(query))
    if not words:
        raise InvalidInput("q: give at least one word to search for")
    limit = max(1, min(limit, MAX_HITS))
    visible = visible_messages(principal.agency_id).with_only_columns(schema.CaseMessage.id).subquery()
    if session.get_bind().dialect.name == "sqlite":
        # Each word quoted: the user's text is never read as FTS5 query syntax.
        match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
        rows = session.execute(
            select(_FTS.c.rowid, func.snippet(_FTS_NAME, 0, "[", "]", "…", 16))
            .where(_FTS_NAME.op("MATCH")(match), _FTS.c.rowid.in_(select(visible.c.id)))
            .order_by(literal_column("rank"))
            .limit(limit)
        ).all()
    else:
        tsquery = func.to_tsquery("simple", " & ".join(words))
        document = func.to_tsvector("simple", schema.CaseMessage.search_text)
        rows = session.execute(
            select(
                schema.CaseMessage.id,
                func.ts_headline(
                    "simple", schema.CaseMessage.search_text, tsquery, "StartSel=[, StopSel=], MaxWords=16"
                ),
            )
            .where(document.op("@@")(tsquery), schema.CaseMessage.id.in_(select(visible.c.id)))
            .order_by(func.ts_rank(document, tsquery).desc())
            .limit(limit)
        ).all()
    ids = [row[0] for row in rows]
    found = {
        row[0]: row[1:]
        for row in session.execute(
            select(
                schema.CaseMessage.id,
                schema.Case.id,
                schema.Case.reference,
                schema.Case.subject,
                schema.CaseMessage.handling_code,
                schema.CaseMessage.handling_restriction,
            )
            .join(schema.Case, schema.Case.id == schema.CaseMessage.case_id)
            .where(schema.CaseMessage.id.in_(ids))
        )
    }
    facets = session.execute(
        select(
            schema.MessageEntity.kind,
            schema.MessageEntity.normalised,
            func.count(func.distinct(schema.MessageEntity.message_id)),
        )
        .where(schema.MessageEntity.message_id.in_(ids))
        .group_by(schema.MessageEntity.kind, schema.MessageEntity.normalised)
        .order_by(
            func.count(func.distinct(schema.MessageEntity.message_id)).desc(), schema.MessageEntity.normalised
        )
        .limit(MAX_FACETS)
    ).all()
    audit.record(
        session, "exchange_searched", principal=principal, object_type="case_message",
        detail={"query": query[:200], "ids": ids},
    )  # fmt: skip
    return SearchAnswer(
        hits=[
            SearchHit(
                message_id=message_id,
                case_id=found[message_id][0],
                case_reference=found[message_id][1],
                subject=found[message_id][2],
                snippet=snippet,
                handling_code=found[message_id][3],
                handling_marking=marking(found[message_id][3], found[message_id][4]),
            )
            for message_id, snippet in rows
        ],
        facets=[Facet(kind=kind, value=value, messages=count) for kind, value, count in facets],
    )
