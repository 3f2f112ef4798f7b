"""Character sets of EDIFACT values: what UNB declares, and per-value repair.

An interchange is decoded once as UTF-8 with ``surrogateescape``: every byte
that is not part of valid UTF-8 becomes one lone surrogate (U+DC80..U+DCFF), so
the text is lossless and keeps one character per undecodable byte (offsets map
back to bytes exactly). Then each *value* (component) is settled on its own, so
a file that mixes encodings (a UTF-8 push with one name typed in Latin-1) loses
nothing:

- valid UTF-8 is UTF-8: a multi-byte sequence is evidence enough, whatever UNB
  declares (ASCII levels UNOA/UNOB and ``IATA`` say nothing about other bytes);
  where UNB declares a single-byte set (UNOC..UNOL) it is read as UTF-8 with a
  warning, since the declaration is wrong;
- a value that is not valid UTF-8 is read in the single-byte set UNB declares
  (silently: the declaration settles it) or, when UNB declares UTF-8 (UNOW,
  UNOY), ASCII or nothing, in Windows-1252 (ISO 8859-1 for its five undefined
  bytes), the usual single-byte set of airline and PC systems, with a warning;
- UTF-8 that was already garbled upstream (read as Windows-1252 or ISO 8859-1
  and encoded again: ``MÃœLLER``) is repaired with a warning.

Assumptions (ISO 9735-1 syntax identifiers): UNOC..UNOK are ISO 8859-1, -2,
-5, -7, -3, -4, -6, -8, -9 in that order of letters C, D, E, F, G, H, I, J, K;
UNOL is ISO 8859-15; UNOW and UNOY are taken as UTF-8 (UNOY is UCS without code
extension, which every API/PNR sender seen writes as UTF-8).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

SINGLE_BYTE: dict[str, tuple[str, str]] = {
    "UNOC": ("latin-1", "ISO 8859-1"),
    "UNOD": ("iso8859-2", "ISO 8859-2"),
    "UNOE": ("iso8859-5", "ISO 8859-5"),
    "UNOF": ("iso8859-7", "ISO 8859-7"),
    "UNOG": ("iso8859-3", "ISO 8859-3"),
    "UNOH": ("iso8859-4", "ISO 8859-4"),
    "UNOI": ("iso8859-6", "ISO 8859-6"),
    "UNOJ": ("iso8859-8", "ISO 8859-8"),
    "UNOK": ("iso8859-9", "ISO 8859-9"),
    "UNOL": ("iso8859-15", "ISO 8859-15"),
}
UTF8_SYNTAX = frozenset({"UNOW", "UNOY"})

_SURROGATE = "\udc80-\udcff"
_HAS_SURROGATE = re.compile(f"[{_SURROGATE}]")
# The characters Windows-1252 puts at 0x80..0x9F, as a character class.
_CP1252_HIGH = "".join(
    ch for b in range(0x80, 0xA0) if (ch := bytes([b]).decode("cp1252", "ignore")) and ord(ch) > 0xFF
)
# A UTF-8 lead byte read as one character, followed by a continuation byte read as one.
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]")
_REVERSE_1252 = {bytes([b]).decode("cp1252", "ignore"): b for b in range(0x80, 0xA0)}
_REVERSE_1252.pop("", None)
_SYNTAX = re.compile(rb"UNB[^A-Za-z0-9\s]\s*([A-Z]{4})")


def utf16_order(head: bytes | memoryview) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``head`` starts with a UTF-16 byte-order mark, or
    with an interchange or XML document written in UTF-16 without one; else None."""
    start = bytes(head[:4])
    if start.startswith(codecs.BOM_UTF16_LE) and not start.startswith(codecs.BOM_UTF32_LE):
        return "utf-16-le"
    if start.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    if start in (b"U\x00N\x00", b"<\x00?\x00") or (start[:2] == b"<\x00" and start[3:] == b"\x00"):
        return "utf-16-le"
    if start in (b"\x00U\x00N", b"\x00<\x00?") or (start[:2] == b"\x00<" and start[2:3] == b"\x00"):
        return "utf-16-be"
    return None


def declared_syntax(head: bytes) -> str | None:
    """The syntax identifier of the first ``UNB`` in ``head`` (``UNOC``, ``IATA``…)."""
    match = _SYNTAX.search(head)
    return match.group(1).decode("ascii") if match else None


def windows_1252(raw: bytes) -> str:
    """Windows-1252, with ISO 8859-1 for the five bytes it leaves undefined: never fails."""
    return raw.decode("cp1252", "liaison-latin-1")


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("liaison-latin-1", _latin1_fallback)


def undo_mojibake(value: str) -> str | None:
    """``value`` decoded once more if it is UTF-8 that was read as Windows-1252 or
    ISO 8859-1 and encoded again; None if it is not."""
    out = bytearray()
    for ch in value:
        code = ord(ch)
        if code < 0x100:
            out.append(code)
        elif ch in _REVERSE_1252:
            out.append(_REVERSE_1252[ch])
        else:
            return None
    try:
        fixed = out.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if fixed != value else None


@dataclass(frozen=True, slots=True)
class Charset:
    """How the values of one interchange are settled (see the module's docstring)."""

    syntax: str | None
    mixed: bool  # some bytes were not valid UTF-8 (the text holds lone surrogates)
    mojibake: bool  # the text holds something that looks like garbled UTF-8
    non_ascii: bool  # the text holds anything but ASCII

    @property
    def declared(self) -> tuple[str, str] | None:
        return SINGLE_BYTE.get(self.syntax or "")

    def trigger(self) -> re.Pattern[str] | None:
        """What a segment must contain for its values to be looked at; None: nothing to do."""
        parts = []
        if self.mixed:
            parts.append(_HAS_SURROGATE.pattern)
        if self.declared is not None and self.non_ascii:
            parts.append("[^\x00-\x7f]")
        if self.mojibake:
            parts.append(_MOJIBAKE.pattern)
        return re.compile("|".join(parts)) if parts else None

    def settle(self, value: str) -> tuple[str, str | None]:
        """The value as it is meant, and the catalogue code of a warning if one is due."""
        if value.isascii():
            return value, None
        declared = self.declared
        if self.mixed and _HAS_SURROGATE.search(value):
            raw = value.encode("utf-8", "surrogateescape")
            if declared is not None:
                return raw.decode(declared[0], "replace"), None
            return windows_1252(raw), "charset-guessed"
        if self.mojibake and _MOJIBAKE.search(value) and (fixed := undo_mojibake(value)) is not None:
            return fixed, "mojibake-repaired"
        if declared is not None:
            return value, "charset-not-as-declared"
        return value, None

    def describe(self, code: str) -> str:
        """What a warning of ``code`` says was done."""
        declared = self.declared
        syntax = self.syntax or "no syntax identifier"
        if code == "charset-guessed":
            said = "UTF-8" if self.syntax in UTF8_SYNTAX else syntax
            return f"not valid UTF-8 (UNB declares {said}); read as Windows-1252, a guess"
        if code == "charset-not-as-declared" and declared is not None:
            return f"UTF-8, not the {declared[1]} UNB declares ({syntax}); read as UTF-8"
        return "garbled UTF-8 (UTF-8 read as Windows-1252 or ISO 8859-1 and encoded again) repaired"


def has_mojibake(text: str) -> bool:
    """Whether ``text`` holds something that looks like garbled UTF-8 (one C-speed scan)."""
    return _MOJIBAKE.search(text) is not None
