"""Response envelopes shared by routers."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

from liaison.services.paging import PageRequest

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int | None = None
    limit: int
    offset: int

    @classmethod
    def of(cls, items: list[T], page: PageRequest, total: int | None = None) -> Page[T]:
        return cls(items=items, total=total, limit=page.limit, offset=page.offset)
