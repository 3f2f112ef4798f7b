"""What a reader returns: every message it could read and every error it met."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from liaison.formats.errors import ParseError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ReadResult(Generic[T]):
    """Readers never stop at the first error: one broken PNR (or message) is
    reported in ``errors`` while everything readable is in ``messages``."""

    messages: tuple[T, ...]
    errors: tuple[ParseError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @classmethod
    def collect(cls, items: Iterable[T | ParseError]) -> ReadResult[T]:
        """Gather a streaming reader's items (see ``formats.iter_message_bytes``)."""
        messages: list[T] = []
        errors: list[ParseError] = []
        for item in items:
            if isinstance(item, ParseError):
                errors.append(item)
            else:
                messages.append(item)
        return cls(tuple(messages), tuple(errors))
