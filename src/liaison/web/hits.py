"""The hit review queue and the hit page: the analyst's day.

Lists and reads go through `services.travel.hits` (agency-scoped, audited); the queue's
extra columns through `services.travel.hit_review`, which starts from the same hits."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from liaison.domain.codes import HitStatus
from liaison.domain.errors import InvalidInput
from liaison.http.deps import DbDep, Id
from liaison.matching.explain import RULES
from liaison.matching.priority import Priority
from liaison.services.criteria import rules
from liaison.services.paging import PageRequest
from liaison.services.travel import hit_review, hits
from liaison.web.deps import Reader, ReaderDep
from liaison.web.pages import safe_next
from liaison.web.rule_words import reader_gettext, told_in
from liaison.web.templating import render

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
StatusFilter = Literal["new", "in_review", "confirmed", "dismissed", "all"]


@router.get("/hits", response_class=HTMLResponse)
def queue(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    status: StatusFilter = "new",
    flight: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    register: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    min_score: Annotated[float | None, Query(ge=0, le=1)] = None,
    priority: Annotated[str, Query(max_length=32)] = "",
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    principal = reader.principal
    try:
        grade = Priority.of_code(priority) if priority else None
    except ValueError as unknown:
        raise InvalidInput(f"priority: {unknown}") from None
    found, total = hits.list_hits(
        db,
        principal,
        PageRequest(limit=PAGE_SIZE, offset=offset),
        status=None if status == "all" else HitStatus(status),
        min_score=min_score,
        flight_id=flight,
        register_id=register,
        priority=grade,
    )
    flights, registers = hit_review.filter_choices(db, principal)
    filters = {
        "status": status,
        "flight": flight,
        "register": register,
        "min_score": min_score,
        "priority": priority or None,
    }
    kept = {key: value for key, value in filters.items() if value is not None}

    def page_link(at: int) -> str:
        return "/hits?" + urlencode({**kept, "offset": at})

    return render(
        request,
        "hits/queue.html",
        {
            "hits": found,
            "places": hit_review.places(db, principal, [hit.id for hit in found]),
            "total": total,
            "filters": filters,
            "flights": flights,
            "registers": registers,
            "statuses": list(HitStatus),
            "priorities": list(Priority),
            "here": request.url.path + ("?" + request.url.query if request.url.query else ""),
            "previous": page_link(max(offset - PAGE_SIZE, 0)) if offset > 0 else None,
            "next_page": page_link(offset + PAGE_SIZE) if offset + PAGE_SIZE < total else None,
            "offset": offset,
        },
        user=reader.user,
    )


@router.get("/hits/{hit_id}", response_class=HTMLResponse)
def hit_page(request: Request, db: DbDep, reader: ReaderDep, hit_id: Id, back: str | None = None) -> Response:
    page = hit_review.hit_page(db, reader.principal, hit_id)
    return render(
        request,
        "hits/hit.html",
        {
            "page": page,
            "explanation": told_in(db, page.hit.explanation, reader_gettext(request, reader.user)),
            "glossary": glossary(page.hit.explanation),
            "back": safe_next(back or "/hits"),
            "error": None,
            "rule_link": _rule_link(db, reader, page),
        },
        user=reader.user,
    )


def glossary(explanation: dict[str, Any]) -> list[tuple[str, str]]:
    """The alignment rules this hit's names were aligned by, each with its meaning
    (English: the page translates it), in the order they first appear; a rule the
    glossary does not know yet is left out rather than explained wrongly."""
    name = explanation.get("name")
    aligned = name.get("aligned") if isinstance(name, dict) else None
    if not isinstance(aligned, list):
        return []
    seen: dict[str, str] = {}
    for part in aligned:
        rule = part.get("rule") if isinstance(part, dict) else None
        if not isinstance(rule, str):
            continue
        # "joined skeleton": parts joined, then compared by the skeleton rule.
        for word in rule.split():
            if word in RULES and word not in seen:
                seen[word] = RULES[word]
    return list(seen.items())


def _rule_link(db: Session, reader: Reader, page: hit_review.HitPage) -> str | None:
    """The rule page of the rule that raised a rule hit, when the reader may open it."""
    rule_id = page.hit.explanation.get("rule_id")
    if page.hit.explanation.get("kind") != "rule" or not isinstance(rule_id, int):
        return None
    if not rules.readable(db, reader.principal, rule_id):
        return None
    return f"/rules/{rule_id}#version-{page.hit.explanation.get('version', '')}"


@router.post("/hits/{hit_id}/review")
def review(
    request: Request,
    db: DbDep,
    reader: ReaderDep,
    hit_id: Id,
    action: Annotated[Literal["start", "confirm", "dismiss"], Form()],
    reason: Annotated[str, Form(max_length=4000)] = "",
    back: Annotated[str, Form()] = "/hits",
) -> Response:
    """Start the review, or confirm or dismiss with a reason; then back to the queue
    (or, for a start, to the hit)."""
    try:
        hits.review(db, reader.principal, hit_id, action, reason)
    except InvalidInput as refused:
        page = hit_review.hit_page(db, reader.principal, hit_id)
        return render(
            request,
            "hits/hit.html",
            {
                "page": page,
                "explanation": told_in(db, page.hit.explanation, reader_gettext(request, reader.user)),
                "glossary": glossary(page.hit.explanation),
                "back": safe_next(back),
                "error": refused.message,
                "action": action,
                "rule_link": _rule_link(db, reader, page),
            },
            user=reader.user,
            status_code=422,
        )
    if action == "start":
        return RedirectResponse(f"/hits/{hit_id}?" + urlencode({"back": safe_next(back)}), status_code=303)
    return RedirectResponse(safe_next(back), status_code=303)
