"""The stable JSON form of read messages (``liaison parse``; docs/formats.md).

Names here are a public interface: add keys, never rename or remove them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields, is_dataclass
from datetime import datetime
from enum import Enum
from operator import attrgetter, methodcaller
from typing import Any

from liaison.domain.dates import PartialDate
from liaison.domain.passenger import Booking, PaxlstMessage, Payment, PnrMessage, Traveller

JSON = dict[str, Any]

# Where the public JSON differs from the dataclass fields (docs/formats.md); every other
# field is written under its own name, in field order, so a new field appears by itself.
_HEAD = ("sender", "reference", "interchange_reference", "recipient", "prepared", "version", "format")
_FIRST: dict[type, tuple[str, ...]] = {
    # Keys written first, in the order docs/formats.md gives.
    Traveller: ("reference", "role", "surname", "given_names", "title", "name_as_sent"),
    PnrMessage: _HEAD,
    PaxlstMessage: _HEAD,
}
_RENAMED: dict[tuple[type, str], str] = {(Traveller, "is_infant"): "infant"}
# Fields added after the interface was written down: not in it until docs/formats.md names them.
_LEFT_OUT: dict[type, frozenset[str]] = {Payment: frozenset({"payer"}), Booking: frozenset({"travel_agency"})}
_KIND: dict[type, str] = {PnrMessage: "pnr", PaxlstMessage: "paxlst"}


def _fields_of(cls: type) -> Callable[[Any], JSON]:
    """A dataclass's writer: its fields looked up once, not on every object."""
    left_out = _LEFT_OUT.get(cls, frozenset())
    first = _FIRST.get(cls, ())
    names = [f.name for f in fields(cls) if f.name not in left_out and f.name not in first]
    pairs = tuple((_RENAMED.get((cls, name), name), name) for name in (*first, *names))
    head: JSON = {"kind": _KIND[cls]} if cls in _KIND else {}

    def convert(value: Any) -> JSON:
        document = head.copy()
        for key, name in pairs:
            item = getattr(value, name)
            # Most values are plain strings or None: no call for them.
            if item is None or type(item) is str:
                document[key] = item
            else:
                document[key] = (_converters.get(type(item)) or _converter(type(item)))(item)
        return document

    return convert


def _converter(cls: type) -> Callable[[Any], Any]:
    """How to write values of one type, worked out once per type."""
    convert: Callable[[Any], Any]
    if issubclass(cls, Enum):
        convert = attrgetter("value")
    elif cls is type(None) or issubclass(cls, str | int | float):
        convert = _same
    elif issubclass(cls, tuple | list):
        convert = _items
    elif issubclass(cls, datetime | PartialDate):
        convert = methodcaller("isoformat")
    elif is_dataclass(cls):
        convert = _fields_of(cls)
    else:
        raise TypeError(f"no JSON form for {cls.__name__}")
    _converters[cls] = convert
    return convert


def _same(value: Any) -> Any:
    return value


def _items(value: Iterable[Any]) -> list[Any]:
    return [item if type(item) is str else to_json(item) for item in value]


_converters: dict[type, Callable[[Any], Any]] = {}


def to_json(value: object) -> Any:
    """The JSON value of a domain object: dataclasses by field (in field order, but for
    the exceptions above), enums by value, dates in ISO 8601, tuples as lists."""
    convert = _converters.get(type(value)) or _converter(type(value))
    return convert(value)


def message_json(message: PnrMessage | PaxlstMessage) -> JSON:
    """One JSON document per message."""
    document: JSON = to_json(message)
    return document


def document_text(parts: Iterable[PnrMessage | PaxlstMessage]) -> Iterator[str]:
    """``message_json`` documents, one per line, as text written from a reader's stream
    of parts (``formats.iter_message_bytes``). The parts of one message follow each
    other and share its reference (unique in an interchange), so each part's bookings
    (or travellers) are appended to the open document and its warnings close it: the
    text is exactly ``json.dumps`` of the merged message, which is never held whole."""
    current: tuple[str, str, str | None, str | None] | None = None
    items = 0
    warnings: list[str] = []
    for part in parts:
        pnr = isinstance(part, PnrMessage)
        identity = ("pnr" if pnr else "paxlst", part.reference, part.interchange_reference, part.sender)
        if identity != current:
            if current is not None:
                yield _closing(warnings)
            head = message_json(part)
            key = "bookings" if pnr else "travellers"
            del head[key], head["warnings"]
            yield json.dumps(head, ensure_ascii=False)[:-1] + f', "{key}": ['
            current, items, warnings = identity, 0, []
        values = part.bookings if isinstance(part, PnrMessage) else part.travellers
        for value in map(to_json, values):
            yield (", " if items else "") + json.dumps(value, ensure_ascii=False)
            items += 1
        warnings.extend(part.warnings)
    if current is not None:
        yield _closing(warnings)


def _closing(warnings: list[str]) -> str:
    return '], "warnings": ' + json.dumps(warnings, ensure_ascii=False) + "}\n"
