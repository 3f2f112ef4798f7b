"""Card numbers masked in a raw message before it is stored.

Airlines should send forms of payment masked, and some do not. The raw
message is kept as received so that nothing is lost, with one exception: a
card number keeps only its BIN and last four digits, as the readers do, before
anything is written. Two passes, both over the decoded text:

1. What the reader understood. EDIFACT values are located by the tokenizer's
   own rules (``edifact.iter_located``: the separators, release character and
   terminator ``UNA`` declares, the typographic apostrophe, line breaks inside
   segments); XML attributes are found by the XML parser itself, in either
   quoting, with their character references. The card number field (``FOP``
   component 5, ``AccountNbr``) is masked as the reader masks it, whatever its
   digits; any other value is masked where it holds a card number.
2. A safety net over the whole text: any run of 13 to 19 digits passing the
   Luhn check is masked, however it is written (blanks, dots, dashes, line
   breaks, NUL bytes of UTF-16 read as bytes, XML character references,
   EDIFACT release characters).

Digit runs that are no card number (amounts, dates, references failing the
Luhn check) stay exactly as they were.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from xml.parsers import expat

from liaison.domain.cards import MASK, card_digits_to_mask, mask_card_numbers_in_text
from liaison.domain.codes import MessageFormat
from liaison.formats.detect import detect_format
from liaison.formats.edifact import Delimiters, decode, iter_located, read_una
from liaison.formats.errors import ParseError

# --- the safety net ----------------------------------------------------------------

_DIGIT_REF = r"&#0*(?:4[89]|5[0-7]);|&#[xX]0*3[0-9];"
_BLANK_REF = r"&#0*(?:9|10|13|32|45|46);|&#[xX]0*(?:9|[aAdD]|20|2[dDeE]);"
_BLANK = r"[\s.\-\x00\u2010-\u2015]"


def _net(release: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    digit = rf"(?:\d|{_DIGIT_REF}|{re.escape(release)}\d)"
    blank = rf"(?:{_BLANK}|{_BLANK_REF})"
    run = re.compile(rf"{digit}(?:{blank}{{0,8}}{digit}){{12,}}")
    unit = re.compile(rf"(?P<d>{digit})|{blank}")
    return run, unit


_NETS = {"?": _net("?")}


def mask_digit_runs(text: str, release: str = "?", mask: str = MASK) -> str:
    """Mask every Luhn-valid run of 13 to 19 digits, however written (see above)."""
    if release not in _NETS:
        _NETS[release] = _net(release)
    run, unit = _NETS[release]

    def masked(match: re.Match[str]) -> str:
        groups: list[list[tuple[int, int, bool]]] = []  # (start, end, released) per digit
        glued = False
        for u in unit.finditer(match.group(0)):
            if u.group("d") is None:
                glued = False
                continue
            token = u.group(0)
            digit = (u.start(), u.end(), len(token) == 2 and token[0] == release)
            if glued:
                groups[-1].append(digit)
            else:
                groups.append([digit])
            glued = True
        flat = [d for group in groups for d in group]
        hidden = card_digits_to_mask([_digits(match.group(0), g) for g in groups])
        if not hidden:
            return match.group(0)
        out, pos, source = [], 0, match.group(0)
        for index in sorted(hidden):
            start, end, released = flat[index]
            out.append(source[pos : start + 1 if released else start])
            out.append(mask)
            pos = end
        out.append(source[pos:])
        return "".join(out)

    return run.sub(masked, text)


def _digits(source: str, group: list[tuple[int, int, bool]]) -> str:
    """The digits a group of digit tokens stands for."""
    out = []
    for start, end, _ in group:
        token = source[start:end]
        if token.startswith("&#"):
            body = token[2:-1]
            out.append(chr(int(body[1:], 16) if body[:1] in "xX" else int(body)))
        else:
            out.append(token[-1])
    return "".join(out)


# --- what the readers understood ----------------------------------------------------


def _mask_field(value: str) -> list[int]:
    """Indices of the digits of a card number field that the reader masks
    (``passenger.mask_card_number``: letters and digits counted, the first six
    and the last four kept, or only the last four of a short one)."""
    shown = [i for i, ch in enumerate(value) if ch.isalnum()]
    n = len(shown)
    keep_first = 6 if n > 10 else 0
    return [i for k, i in enumerate(shown) if keep_first <= k < n - 4 and value[i].isdigit()]


def _mask_value(value: str) -> list[int]:
    """Indices of the characters of any other value that belong to a card number."""
    masked = mask_card_numbers_in_text(value)
    return [i for i, (a, b) in enumerate(zip(value, masked, strict=True)) if a != b]


def _edifact_mask_char(d: Delimiters) -> str:
    service = {d.component, d.element, d.release, d.terminator, d.decimal, d.reserved}
    return next(ch for ch in "X*#%0" if ch not in service)


# 13 digits with anything but digits between: the segments worth reading closely.
_CARD_RUN = re.compile(r"\d(?:\D{0,40}?\d){12}")


def _mask_edifact(text: str) -> tuple[str, str, str]:
    """EDIFACT masked by the tokenizer's view; with the release and mask characters."""
    try:
        delimiters, start = read_una(text)
    except ParseError:
        return text, "?", MASK
    mask = _edifact_mask_char(delimiters)

    def wanted(raw: str) -> bool:
        head = raw.lstrip()[:8].replace("\r", "").replace("\n", "")
        return head[:3].upper() == "FOP" or _CARD_RUN.search(raw) is not None

    chars: list[str] | None = None
    for value in iter_located(text, delimiters, start, wanted):
        if value.element == 0:
            continue
        if value.tag == "FOP" and value.component == 5:
            hidden = _mask_field(value.value)
        else:
            hidden = _mask_value(value.value)
        if hidden:
            chars = chars if chars is not None else list(text)
            for i in hidden:
                chars[value.positions[i]] = mask
    return ("".join(chars) if chars is not None else text), delimiters.release, mask


class _Unsafe(Exception):
    """A DOCTYPE or entity declaration: the reader refuses it, and so is it not parsed here."""


_ATTRIBUTE = re.compile(r"""\s+([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REFERENCE = re.compile(r"&#[xX]([0-9a-fA-F]+);|&#([0-9]+);|&(\w+);|(.)", re.DOTALL)
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "apos": "'", "quot": '"'}


def _start_tags(text: str) -> list[int]:
    """Byte offsets (in UTF-8) of the start tags that carry an attribute, as the parser sees them."""
    found: list[int] = []
    parser = expat.ParserCreate(encoding="utf-8")

    def start(_name: str, attributes: dict[str, str]) -> None:
        if attributes:
            found.append(parser.CurrentByteIndex)

    def refuse(*_args: object) -> None:
        raise _Unsafe

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(text.encode("utf-8"), True)
    except (expat.ExpatError, _Unsafe, ValueError):
        pass  # the reader refuses it too; the safety net still masks it
    return found


def _decoded(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """An attribute value as the parser decodes it, with the span of each character."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _REFERENCE.finditer(raw):
        hexa, dec, name, plain = m.groups()
        if plain is not None:
            ch = " " if plain in "\t\r\n" else plain
        elif name is not None:
            ch = _ENTITIES.get(name, "?")
        else:
            ch = chr(int(hexa, 16)) if hexa is not None else chr(int(dec))
        chars.append(ch)
        spans.append(m.span())
    return "".join(chars), spans


def _mask_xml(text: str) -> str:
    offsets = _start_tags(text)
    if not offsets:
        return text
    data = text.encode("utf-8")
    edits: list[tuple[int, int]] = []  # character spans to replace by the mask
    for offset in _char_offsets(data, offsets):
        name_end = offset + 1  # past "<": the element name, then its attributes
        while name_end < len(text) and not text[name_end].isspace() and text[name_end] not in "/>":
            name_end += 1
        pos = name_end
        while (m := _ATTRIBUTE.match(text, pos)) is not None:
            pos = m.end()
            group = 2 if m.group(2) is not None else 3
            value_start = m.start(group)
            value, spans = _decoded(m.group(group))
            card_field = m.group(1).rsplit(":", 1)[-1].lower() == "accountnbr"
            hidden = _mask_field(value) if card_field else _mask_value(value)
            edits.extend((value_start + spans[i][0], value_start + spans[i][1]) for i in hidden)
    if not edits:
        return text
    out, last = [], 0
    for begin, end in sorted(edits):
        out.append(text[last:begin])
        out.append(MASK)
        last = end
    out.append(text[last:])
    return "".join(out)


def _char_offsets(data: bytes, byte_offsets: Iterable[int]) -> Iterator[int]:
    """Character offsets of ascending byte offsets into UTF-8 ``data``."""
    chars = last = 0
    for offset in byte_offsets:
        chars += len(data[last:offset].decode("utf-8"))
        last = offset
        yield chars


# --- the whole message ----------------------------------------------------------------


def mask_card_numbers(body: bytes) -> bytes:
    """The message with every clear card number masked to its BIN and last four digits."""
    decoded = decode(body)
    text = decoded.text
    try:
        fmt: MessageFormat | None = detect_format(body)
    except ParseError:
        fmt = None
    release, mask = "?", MASK
    if fmt is MessageFormat.PNRGOV_XML:
        text = _mask_xml(text)
    elif fmt is not None:
        text, release, mask = _mask_edifact(text)
    text = mask_digit_runs(text, release, mask)
    if release != "?":
        text = mask_digit_runs(text, "?", mask)
    if text == decoded.text:
        return body
    return _encoded(body, decoded.prefix_bytes, decoded.encoding, text)


def _encoded(body: bytes, prefix: int, encoding: str, text: str) -> bytes:
    """``text`` in the message's own encoding, behind its byte order mark if it had one."""
    if body.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16-be"
    return body[:prefix] + text.encode(encoding, "replace")

