"""Reading every message of one type in an interchange, each on its own, so one
broken message never loses the others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from liaison.domain.passenger import PaxlstMessage, PnrMessage
from liaison.formats.edifact import EnvelopeReader, RawMessage
from liaison.formats.errors import ParseError
from liaison.formats.result import ReadResult

M = TypeVar("M", PnrMessage, PaxlstMessage)


def read_interchange(
    data: bytes,
    message_type: str,
    read_message: Callable[[RawMessage, EnvelopeReader], tuple[M, list[ParseError]]],
) -> ReadResult[M]:
    """Messages and errors of every `message_type` message (UNH..UNT) in `data`;
    envelope warnings are added to each message read."""
    env = EnvelopeReader(data)
    messages: list[M] = []
    errors: list[ParseError] = []
    for item in env.messages(message_type):
        if isinstance(item, ParseError):
            errors.append(item)
            continue
        try:
            message, errs = read_message(item, env)
        except ParseError as exc:
            errors.append(exc)
            continue
        messages.append(message)
        errors.extend(errs)
    errors.extend(env.errors)
    extra: tuple[str, ...] = tuple(env.warnings)
    if extra:
        messages = [with_warnings(message, extra) for message in messages]
    return ReadResult(tuple(messages), tuple(errors))


def with_warnings(message: M, extra: tuple[str, ...]) -> M:
    return replace(message, warnings=(*message.warnings, *extra))
