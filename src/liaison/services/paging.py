"""Pagination and sorting for every list, checked against a whitelist of columns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from liaison.domain.errors import InvalidInput

S = TypeVar("S", bound="Select[*tuple[Any, ...]]")

MAX_PAGE = 500
MAX_OFFSET = 10_000_000


@dataclass(frozen=True)
class PageRequest:
    limit: int = 50
    offset: int = 0
    sort: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_PAGE:
            raise InvalidInput(f"limit: between 1 and {MAX_PAGE}")
        if not 0 <= self.offset <= MAX_OFFSET:
            raise InvalidInput(f"offset: between 0 and {MAX_OFFSET}")


def apply_page(
    query: S,
    page: PageRequest,
    sortable: Mapping[str, InstrumentedAttribute[Any] | ColumnElement[Any]],
    *,
    default: str,
) -> S:
    """Order by `sort` (a column name, `-name` for descending), then limit and offset.

    A sort may also be an expression (the hits' score as the reader may see it)."""
    key = page.sort or default
    descending = key.startswith("-")
    name = key.lstrip("-")
    if name not in sortable:
        raise InvalidInput(f"sort: {name!r} is not one of {', '.join(sorted(sortable))}")
    column = sortable[name]
    order = column.desc() if descending else column.asc()
    return query.order_by(order).limit(page.limit).offset(page.offset)


def count_rows(session: Session, query: Select[*tuple[Any, ...]]) -> int:
    """How many rows `query` gives, counted by the database (for a page's total)."""
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
