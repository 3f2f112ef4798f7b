"""Card numbers masked in a raw message before it is stored.

Airlines should send forms of payment masked, and some do not. The raw
message is kept as received so that nothing is lost, with one exception: a
card number keeps only its BIN and last four digits, as the readers do, before
anything is written. Two passes over the decoded text, whose edits are joined:

1. What the reader understood. EDIFACT values are located by the tokenizer's
   own rules (``edifact.iter_located``: the separators, release character and
   terminator ``UNA`` declares, the typographic apostrophe, line breaks inside
   segments); XML ``AccountNbr`` attributes are found by the XML parser itself,
   in either quoting, and decoded with their character references. The card
   number field (``FOP`` component 5, ``AccountNbr``) is masked as the reader
   masks it, whatever its digits; any other EDIFACT value is masked where it
   holds a card number.
2. A safety net over the whole text: any run of 13 to 19 digits passing the
   Luhn check is masked, however it is written (blanks, dots, dashes, line
   breaks, NUL bytes of UTF-16 read as bytes, XML character references decimal
   or hexadecimal, EDIFACT release characters).

Digit runs that are no card number (amounts, dates, references failing the
Luhn check) stay exactly as they were. A Luhn-valid run of card length is
masked wherever it is, even where it is a phone or ticket number: more, not less.
"""

from __future__ import annotations

import base64
import codecs
import contextlib
import email
import email.policy
import quopri
import re
from collections.abc import Iterator
from functools import lru_cache
from xml.parsers import expat

from liaison.domain.cards import MASK, card_digits_to_mask, mask_card_numbers_in_text
from liaison.domain.codes import MessageFormat
from liaison.domain.passenger import card_number_hidden
from liaison.formats.detect import detect_format
from liaison.formats.edifact import Delimiters, decode, iter_located, read_una
from liaison.formats.errors import ParseError
from liaison.formats.gateway import open_envelope

Span = tuple[int, int]  # characters of the text replaced by one mask character

# --- the safety net ----------------------------------------------------------------

_DIGIT_REF = r"&#0*(?:4[89]|5[0-7]);|&#[xX]0*3[0-9];"
_BLANK_REF = r"&#0*(?:9|10|13|32|45|46);|&#[xX]0*(?:9|[aAdD]|20|2[dDeE]);"
_BLANK = r"[\s.\-\x00\u2010-\u2015]"
_GAP = 10  # blanks between two digits of one number (a line break and an indent)


@lru_cache(maxsize=16)
def _net(release: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    rel = re.escape(release)
    # Stretches made only of what a written card number can hold: one cheap pass
    # finds them, the exact patterns below run inside them only.
    stretch = re.compile(rf"[0-9&{rel}][0-9&#xXaAdDeE;{rel}\s.\-\x00\u2010-\u2015]{{12,}}")
    digit = rf"(?:[0-9]|{_DIGIT_REF}|{rel}[0-9])"
    blank = rf"(?:{_BLANK}|{_BLANK_REF})"
    run = re.compile(rf"(?<![0-9]){digit}(?:{blank}{{0,{_GAP}}}{digit}){{12,}}")
    unit = re.compile(rf"(?P<d>{digit})|{blank}")
    return stretch, run, unit


_DIGITS = re.compile(r"[0-9]+")


def _card_runs(text: str, release: str) -> Iterator[tuple[int, list[Span]]]:
    """Each run of digits holding a card number: where it starts and the digits to mask."""
    stretch, run, unit = _net(release)
    for area in stretch.finditer(text):
        for found in run.finditer(text, area.start(), area.end()):
            written = found.group(0)
            plain = "&" not in written and release not in written  # the common case
            if plain and not card_digits_to_mask(_DIGITS.findall(written)):
                continue
            spans = _card_digits(text, found, unit)
            if spans:
                yield found.start(), spans


def _card_digits(text: str, found: re.Match[str], unit: re.Pattern[str]) -> list[Span]:
    """The digits to mask in one run, each where it is written (a reference, a released digit)."""
    groups: list[list[tuple[int, int, str]]] = []
    glued = False
    for u in unit.finditer(text, found.start(), found.end()):
        if u.group("d") is None:
            glued = False
            continue
        start, end = u.span()
        token = u.group(0)
        if token.startswith("&#"):
            number = token[2:-1]
            digit = chr(int(number[1:], 16) if number[:1] in "xX" else int(number))
        elif len(token) == 2:
            digit, start = token[1], start + 1  # released: the release character stays
        else:
            digit = token
        if not glued:
            groups.append([])
        groups[-1].append((start, end, digit))
        glued = True
    flat = [d for group in groups for d in group]
    hidden = card_digits_to_mask(["".join(d[2] for d in group) for group in groups])
    return [flat[i][:2] for i in sorted(hidden)]


def _apply(text: str, edits: list[Span], mask: str) -> str:
    if not edits:
        return text
    out: list[str] = []
    last = 0
    for begin, end in sorted(set(edits)):
        if begin < last:
            continue  # the same character masked by both passes
        out.append(text[last:begin])
        out.append(mask)
        last = end
    out.append(text[last:])
    return "".join(out)


# --- what the readers understood ----------------------------------------------------


def _free_value(value: str) -> list[int]:
    """Indices of the characters of any other value that belong to a card number."""
    masked = mask_card_numbers_in_text(value)
    return [i for i, (a, b) in enumerate(zip(value, masked, strict=True)) if a != b]


def _edifact_mask(d: Delimiters) -> str:
    """``X``, unless the interchange made it a service character."""
    service = {d.component, d.element, d.release, d.terminator, d.decimal, d.reserved}
    return next(ch for ch in "X*#%0" if ch not in service)


def _fop_tags(text: str) -> Iterator[int]:
    """Wherever ``FOP`` is written, in any case: the segments whose card field is read."""
    upper = text.upper()
    at = upper.find("FOP")
    while at != -1:
        yield at
        at = upper.find("FOP", at + 3)


def _edifact_edits(text: str, delimiters: Delimiters, start: int, marks: list[int]) -> list[Span]:
    """Card numbers in the values the EDIFACT reader reads, in the segments at ``marks``."""
    marks = sorted([*marks, *_fop_tags(text)])
    if not marks:
        return []
    edits: list[Span] = []
    for value in iter_located(text, delimiters, start, marks):
        if value.element == 0:
            continue
        card = value.tag == "FOP" and value.component == 5
        for i in card_number_hidden(value.value) if card else _free_value(value.value):
            edits.append((value.positions[i], value.positions[i] + 1))
    return edits


class _Unsafe(Exception):
    """A DOCTYPE or entity declaration: the reader refuses it, so it is not parsed here."""


_ATTRIBUTE = re.compile(r"""\s+([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REFERENCE = re.compile(r"&#[xX]([0-9a-fA-F]+);|&#([0-9]+);|&(\w+);|(.)", re.DOTALL)
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "apos": "'", "quot": '"'}


def _is_account(name: str) -> bool:
    return name.rsplit(":", 1)[-1].lower() == "accountnbr"


def _account_tags(text: str) -> list[int]:
    """Character offsets of the start tags carrying ``AccountNbr``, as the XML parser sees them."""
    found: list[int] = []
    parser = expat.ParserCreate(encoding="utf-8")

    def start(_name: str, attributes: dict[str, str]) -> None:
        if any(_is_account(name) for name in attributes):
            found.append(parser.CurrentByteIndex)

    def refuse(*_args: object) -> None:
        raise _Unsafe

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    data = text.encode("utf-8")
    # Not well-formed or unsafe: the reader refuses it too; the safety net still masks it.
    with contextlib.suppress(expat.ExpatError, _Unsafe, ValueError):
        parser.Parse(data, True)
    offsets, chars, last = [], 0, 0
    for byte in found:  # in document order: ascending
        chars += len(data[last:byte].decode("utf-8"))
        last = byte
        offsets.append(chars)
    return offsets


def _xml_edits(text: str) -> list[Span]:
    """``AccountNbr`` attributes masked as the reader masks them, in either quoting,
    their character references decoded as the parser decodes them."""
    edits: list[Span] = []
    for offset in _account_tags(text):
        pos = offset + 1  # past "<", over the element's name to its attributes
        while pos < len(text) and not text[pos].isspace() and text[pos] not in "/>":
            pos += 1
        while (attribute := _ATTRIBUTE.match(text, pos)) is not None:
            pos = attribute.end()
            if not _is_account(attribute.group(1)):
                continue
            group = 2 if attribute.group(2) is not None else 3
            base = attribute.start(group)
            units = list(_REFERENCE.finditer(attribute.group(group)))
            value = "".join(_decoded(u) for u in units)
            edits.extend((base + units[i].start(), base + units[i].end()) for i in card_number_hidden(value))
    return edits


def _decoded(unit: re.Match[str]) -> str:
    hexa, dec, name, plain = unit.groups()
    if plain is not None:
        return plain
    if name is not None:
        return _ENTITIES.get(name, "&")
    try:
        return chr(int(hexa, 16) if hexa is not None else int(dec))
    except (ValueError, OverflowError):
        return "&"


# --- the whole message ----------------------------------------------------------------


def mask_card_numbers(body: bytes) -> bytes:
    """The message with every clear card number masked to its BIN and last four digits.

    An interchange inside a gateway envelope is masked where it is: in place when
    it is a plain slice of the input (Type-B heading, plain e-mail), and in its MIME
    part when the e-mail encodes it (base64, quoted-printable) — decoded, masked and
    encoded again, since a card number in base64 is invisible to any text search."""
    if not body:
        return body
    opened = open_envelope(body)
    if opened.decoded_part:
        return _mask_mail(body)
    if opened.envelope is None or (opened.start, opened.end) == (0, len(body)):
        return _mask_message(body)
    inner = _mask_message(body[opened.start : opened.end])
    return _mask_message(body[: opened.start]) + inner + _mask_message(body[opened.end :])


def _mask_mail(body: bytes) -> bytes:
    """Every decoded part of a MIME e-mail masked, and encoded again as it came."""
    message = email.message_from_bytes(body, policy=email.policy.compat32)
    changed = False
    for part in message.walk():
        payload = None if part.is_multipart() else part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        masked = _mask_message(payload)
        if masked == payload:
            continue
        encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
        if encoding == "base64":
            part.set_payload(base64.encodebytes(masked).decode("ascii"))
        elif encoding == "quoted-printable":
            part.set_payload(quopri.encodestring(masked).decode("ascii"))
        else:
            part.set_payload(masked.decode("latin-1"))
        changed = True
    return message.as_bytes() if changed else body


def _mask_message(body: bytes) -> bytes:
    """``mask_card_numbers`` for a message with no envelope around it."""
    if not body:
        return body
    decoded = decode(body)
    text = decoded.text
    try:
        fmt: MessageFormat | None = detect_format(body)
    except ParseError:
        fmt = None
    delimiters: Delimiters | None = None
    start = 0
    if fmt is not None and fmt is not MessageFormat.PNRGOV_XML:
        try:
            delimiters, start = read_una(text)
        except ParseError:
            delimiters = None
    release = delimiters.release if delimiters is not None else "?"
    runs = list(_card_runs(text, release))
    if release != "?":
        runs += _card_runs(text, "?")  # more, not less
    edits = [span for _, spans in runs for span in spans]
    mask = MASK
    if delimiters is not None:
        mask = _edifact_mask(delimiters)
        edits += _edifact_edits(text, delimiters, start, [begin for begin, _ in runs])
    elif fmt is MessageFormat.PNRGOV_XML and "accountnbr" in text.lower():
        edits += _xml_edits(text)
    if not edits:
        return body
    return _encoded(body, decoded.prefix_bytes, decoded.encoding, _apply(text, edits, mask))


def _encoded(body: bytes, prefix: int, encoding: str, text: str) -> bytes:
    """``text`` in the message's own encoding, behind its byte order mark if it had one."""
    if body.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16-be"
    return body[:prefix] + text.encode(encoding, "replace")
