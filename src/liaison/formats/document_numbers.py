"""Document numbers as lists write them: a label in front, sometimes words after.

Sanctions lists give numbers such as ``TIN: 183111242572``, ``Passport No. AB123``,
``INN 7707083893`` or ``Passport 12345 issued in Iraq on 2002``. The matcher
compares numbers letter by letter (``domain.documents.document_number_key``), so
neither the label nor the words after may stay in the number: the label names
the document's type, the words after are the document's note.

A label is taken when it cannot be part of the number: words before a colon or
before a number word (``No.``, ``Nr``, ``Number``, ``#``, ``№``, ``n°``), or,
with nothing between label and number, words that end in a known document word
(``_DOCUMENT_WORDS``: passport, ID, national ID, identity card, TIN, tax, SSN,
driving licence, visa, residence permit… in English and French, and a few
others lists use). Any other leading word is kept: ``ABCD 123456``,
``CZECH 1234`` and ``Libya 203037`` are numbers as written, and ``AB 123456``
keeps its two-letter series, part of many passport numbers.

The number ends before the first word of two letters or more with no digit that
follows a word with one (``12345 issued in Iraq`` is ``12345``, note
``issued in Iraq``); a single letter stays (``12345678 Z``, a check letter).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NUMBER_WORD = r"(?:(?:number|numéro|numero|num|nr|no)\b|n°|nº|№|#)"
_WORD = r"[^\W\d_]+"
_LABEL_WORDS = rf"{_WORD}(?:[\s'’./()-]+{_WORD})*\)?"
_COLON = re.compile(
    rf"^(?P<label>{_LABEL_WORDS})\.?\s*(?:{_NUMBER_WORD}\.?)?\s*:\s*(?P<number>.*\d.*)$", re.I
)
_WITH_NUMBER_WORD = re.compile(
    rf"^(?P<label>{_LABEL_WORDS})\.?\s+{_NUMBER_WORD}\.?\s*[:.]?\s*(?P<number>.*\d.*)$", re.I
)
_HASH = re.compile(rf"^(?P<label>{_LABEL_WORDS})\s*[#№]\s*(?P<number>.*\d.*)$", re.I)
# Identifier acronyms that name a document, never a number's series.
_ACRONYMS = frozenset(
    {
        *("id", "tin", "inn", "ssn", "nic", "nin", "nid", "vat", "ein", "pin", "dni"),
        *("nie", "cpf", "rfc", "kpp", "bin", "iin", "nit", "ruc", "uin", "itn", "pan"),
        *("cni", "nif", "ogrn", "snils", "cuit", "curp", "nino", "pesel"),
    }
)
# Document words (compared folded: lower case, no accents, no dots, straight apostrophes).
# A bare label must end in one of these; qualifiers before it stay in the label
# (``Iraqi passport``, ``National ID``).
_DOCUMENT_WORDS = frozenset(
    {
        *_ACRONYMS,
        # English
        *("passport", "id card", "identity card", "identity document", "identification"),
        *("identification card", "identification document", "identity", "tax", "tax id", "taxpayer"),
        *("social security", "driving licence", "driving license", "driver's licence"),
        *("driver's license", "drivers licence", "drivers license", "driver licence", "driver license"),
        *("licence", "license", "visa", "residence permit", "residence card", "work permit"),
        *("travel document", "seaman's book", "seaman book", "permit"),
        # French
        *("passeport", "carte d'identite", "carte nationale d'identite", "piece d'identite"),
        *("titre de sejour", "carte de sejour", "carte de resident", "permis de sejour"),
        *("permis de conduire", "numero fiscal", "identifiant fiscal", "document de voyage"),
        *("titre de voyage",),
        # Others lists use
        *("reisepass", "personalausweis", "pasaporte", "cedula", "pasaport", "паспорт", "paszport"),
    }
)
_LONGEST_DOCUMENT_WORDS = max(len(words.split()) for words in _DOCUMENT_WORDS)
_LABEL_WORD = re.compile(r"^[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?$")
_ONLY_NUMBER_WORD = re.compile(rf"^{_NUMBER_WORD}\.?\s*[:.]?\s*(?P<number>.*\d.*)$", re.I)
_PASSPORT = re.compile(r"pass|pasaport|паспорт|paszport", re.I)
# Punctuation around a number that is not part of it.
_NUMBER_ENDS = " .:,;"
_TRAILING_NUMBER_WORD = re.compile(rf"[\s.:]*\b{_NUMBER_WORD}\.?$|[\s.:#№]+$", re.I)


@dataclass(frozen=True, slots=True)
class LabelledNumber:
    """``label`` is the document type the text named (``None`` when it named none);
    ``note`` the words that followed the number (``None`` when none did)."""

    number: str
    label: str | None = None
    # Words after the number (``issued in Iraq on 2002``): the document's note.
    note: str | None = None

    @property
    def names_a_passport(self) -> bool:
        return self.label is not None and _PASSPORT.search(self.label) is not None


def _clean_label(label: str) -> str:
    return _TRAILING_NUMBER_WORD.sub("", label.strip()).strip() or label.strip()


def split_document_number(text: str) -> LabelledNumber:
    """The number without a leading label (the label is the document type) and
    without the words after it (they are the note)."""
    value = " ".join(text.split())
    found = _ONLY_NUMBER_WORD.match(value)
    if found:  # unless the number word begins a document's name (``Numéro fiscal 123``)
        named = _bare_label(value)
        return named if named.label is not None else _with_note(found["number"])
    for pattern in (_COLON, _WITH_NUMBER_WORD, _HASH):
        found = pattern.match(value)
        if found:
            return _with_note(found["number"], _clean_label(found["label"]))
    return _bare_label(value)


def _fold(words: list[str]) -> str:
    """Words as ``_DOCUMENT_WORDS`` lists them: lower case, no accents, no dots."""
    text = unicodedata.normalize("NFKD", " ".join(words).casefold().replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace(".", "")


def _ends_in_document_word(words: list[str]) -> bool:
    return any(
        _fold(words[-size:]) in _DOCUMENT_WORDS
        for size in range(1, min(len(words), _LONGEST_DOCUMENT_WORDS) + 1)
    )


def _bare_label(value: str) -> LabelledNumber:
    """``National ID 12345``: the longest run of leading words that ends in a
    document word, before a value with a digit; ``Passport AB 12345`` keeps ``AB``
    in the number, and leading words that name no document stay in it."""
    words = value.split(" ")
    leading = 0
    while leading < len(words) - 1 and _LABEL_WORD.match(words[leading]):
        leading += 1
    for end in range(leading, 0, -1):
        number = " ".join(words[end:])
        if any(ch.isdigit() for ch in number) and _ends_in_document_word(words[:end]):
            return _with_note(number, " ".join(words[:end]))
    return _with_note(value)


def _with_note(text: str, label: str | None = None) -> LabelledNumber:
    """The number up to the first word of two letters or more with no digit after
    a word with one; the words from there on are the note."""
    words = text.split(" ")
    seen_digit = False
    for at, word in enumerate(words):
        if any(ch.isdigit() for ch in word):
            seen_digit = True
        elif seen_digit and sum(ch.isalpha() for ch in word) >= 2:
            note = " ".join(words[at:]).strip(" .,;:")
            return LabelledNumber(" ".join(words[:at]).strip(_NUMBER_ENDS), label, note or None)
    return LabelledNumber(text.strip(_NUMBER_ENDS), label)
