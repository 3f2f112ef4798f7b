"""Document numbers as lists write them: a label in front of the number.

Sanctions lists give numbers such as ``TIN: 183111242572``, ``Passport No. AB123``
or ``INN 7707083893``. The matcher compares numbers letter by letter
(``domain.documents.document_number_key``), so the label must not stay in the
number: it names the document's type instead. A label is only taken when it
cannot be part of the number: words without digits before a colon or before a
number word (``No.``, ``Nr``, ``Number``, ``#``, ``№``), or a word of four
letters or more, or a well-known identifier acronym (``ID``, ``TIN``, ``SSN``…),
followed by a value with a digit. ``AB 123456`` stays as it is: a two-letter
series is part of many passport numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER_WORD = r"(?:(?:number|num|nr|no)\b|n°|nº|№|#)"
_WORD = r"[^\W\d_]+"
_LABEL_WORDS = rf"{_WORD}(?:[\s'’./()-]+{_WORD})*\)?"
_COLON = re.compile(
    rf"^(?P<label>{_LABEL_WORDS})\.?\s*(?:{_NUMBER_WORD}\.?)?\s*:\s*(?P<number>.*\d.*)$", re.I
)
_WITH_NUMBER_WORD = re.compile(
    rf"^(?P<label>{_LABEL_WORDS})\.?\s+{_NUMBER_WORD}\.?\s*[:.]?\s*(?P<number>.*\d.*)$", re.I
)
_HASH = re.compile(rf"^(?P<label>{_LABEL_WORDS})\s*[#№]\s*(?P<number>.*\d.*)$", re.I)
# Identifier acronyms shorter than four letters that name a document, never a number's series.
_ACRONYMS = frozenset(
    {
        *("id", "tin", "inn", "ssn", "nic", "nin", "nid", "vat", "ein", "pin", "dni"),
        *("nie", "cpf", "rfc", "kpp", "bin", "iin", "nit", "ruc", "uin", "itn", "pan"),
    }
)
_ONLY_NUMBER_WORD = re.compile(rf"^{_NUMBER_WORD}\.?\s*[:.]?\s*(?P<number>.*\d.*)$", re.I)
_PASSPORT = re.compile(r"pass|pasaport|паспорт|paszport", re.I)
_TRAILING_NUMBER_WORD = re.compile(rf"[\s.:]*\b{_NUMBER_WORD}\.?$|[\s.:#№]+$", re.I)


@dataclass(frozen=True, slots=True)
class LabelledNumber:
    """``label`` is the document type the text named (``None`` when it named none)."""

    number: str
    label: str | None = None

    @property
    def names_a_passport(self) -> bool:
        return self.label is not None and _PASSPORT.search(self.label) is not None


def _clean_label(label: str) -> str:
    return _TRAILING_NUMBER_WORD.sub("", label.strip()).strip() or label.strip()


def split_document_number(text: str) -> LabelledNumber:
    """The number without a leading label, and the label as the document type."""
    value = " ".join(text.split())
    found = _ONLY_NUMBER_WORD.match(value)
    if found:
        return LabelledNumber(found["number"].strip(" .:"))
    for pattern in (_COLON, _WITH_NUMBER_WORD, _HASH):
        found = pattern.match(value)
        if found:
            return LabelledNumber(found["number"].strip(" .:"), _clean_label(found["label"]))
    return _bare_label(value)


def _bare_label(value: str) -> LabelledNumber:
    """``National ID 12345``: the longest run of leading words that ends in a
    document word (four letters or more, or a known acronym), before a value
    with a digit; ``Passport AB 12345`` keeps ``AB`` in the number."""
    words = value.split(" ")
    leading = 0
    while leading < len(words) - 1 and words[leading].isalpha():
        leading += 1
    for end in range(leading, 0, -1):
        last = words[end - 1]
        number = " ".join(words[end:])
        if any(ch.isdigit() for ch in number) and (len(last) >= 4 or last.lower() in _ACRONYMS):
            return LabelledNumber(number.strip(" .:"), " ".join(words[:end]))
    return LabelledNumber(value)
