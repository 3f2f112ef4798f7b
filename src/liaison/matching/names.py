"""Parse a raw name into typed tokens: the unit the aligner works on.

A parsed :class:`Name` keeps the original text (for explanations) and a
tuple of :class:`Token` objects, each with its role (name part, initial,
particle, legal form, number…), its ASCII text, phonetic key, consonant
skeleton and the script it came from. Parsing is done once per register
record and reused for every comparison.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from anyascii import anyascii
from rapidfuzz.distance import OSA

from liaison.matching.text import (
    ABJADS,
    Script,
    abjad_skeletons,
    phonetic_key,
    skeleton,
    skeletons,
    transliterate,
)
from liaison.matching.vocabulary import (
    ABBREVIATIONS,
    LEGAL_FORM_MAX_LEN,
    LEGAL_FORMS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    ORG_GENERIC,
    ORG_STOPWORDS,
    PARTICLES,
    REGION_WORDS,
    ROMAN_NUMERALS,
    TITLES,
)


class EntityKind(StrEnum):
    """What a name names; it decides which parsing rules apply."""

    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    OTHER = "other"

    @classmethod
    def from_schema(cls, schema: str | None) -> EntityKind:
        """Map FollowTheMoney-style schema names (``Person``, ``Company``…)."""
        value = (schema or "").strip().lower()
        if value in ("person", "individual", ""):
            return cls.PERSON
        if value in ("company", "organization", "organisation"):
            return cls.ORGANIZATION
        if value == "vessel":
            return cls.VESSEL
        return cls.OTHER


class TokenKind(StrEnum):
    NAME = "name"
    INITIAL = "initial"
    PARTICLE = "particle"
    NUMBER = "number"
    LEGAL = "legal"
    GENERIC = "generic"
    PLACE = "place"
    STOP = "stop"


# How much a token says about identity when it matches, and how much it
# contradicts when both sides have an unmatched token of this kind.
_WEIGHT = {
    TokenKind.NAME: 1.0,
    TokenKind.INITIAL: 0.4,
    TokenKind.PARTICLE: 0.2,
    TokenKind.NUMBER: 0.8,
    TokenKind.LEGAL: 0.3,
    TokenKind.GENERIC: 0.5,
    TokenKind.PLACE: 0.3,
    TokenKind.STOP: 0.1,
}
_CONFLICT = {
    TokenKind.NAME: 1.0,
    TokenKind.INITIAL: 1.0,
    TokenKind.PARTICLE: 0.1,
    TokenKind.NUMBER: 0.3,
    TokenKind.LEGAL: 0.0,
    TokenKind.GENERIC: 0.6,
    TokenKind.PLACE: 1.0,
    TokenKind.STOP: 0.0,
}


@dataclass(frozen=True, slots=True, eq=False)
class Token:
    """One name part in comparable form.

    Compared and hashed by identity: tokens are interned by the parser, and
    identity hashing keeps the similarity cache cheap.
    """

    text: str
    kind: TokenKind
    script: Script
    key: str
    skeleton: str
    weight: float
    conflict: float
    # Every skeleton the part may stand for: one per reading of Arabic-script
    # letters with more than one Latin value (see text.abjad_skeletons), and
    # for any part the skeleton keeping letters that meet once vowels are
    # gone (see text.skeletons).
    skeletons: tuple[str, ...] = ()

    @property
    def from_abjad(self) -> bool:
        return self.script in ABJADS


@dataclass(frozen=True, slots=True)
class Name:
    """A parsed name: the original string and its tokens."""

    original: str
    kind: EntityKind
    script: Script
    tokens: tuple[Token, ...]
    # A Japanese reading of a kanji name (see japanese.kanji_readings): two
    # readings are not compared with each other, the kanji themselves are.
    reading: bool = field(default=False, compare=False)
    # Worked out on first use (most register names are never compared) and kept.
    _form: str | None = field(default=None, init=False, compare=False, repr=False)
    _runs: tuple[Run, ...] | None = field(default=None, init=False, compare=False, repr=False)

    @property
    def form(self) -> str:
        """The normalised form, tokens joined by spaces (used in explanations)."""
        if self._form is None:
            object.__setattr__(self, "_form", " ".join(token.text for token in self.tokens))
        assert self._form is not None
        return self._form

    @property
    def runs(self) -> tuple[Run, ...]:
        """Runs of neighbouring parts that may be one part written apart."""
        if self._runs is None:
            object.__setattr__(self, "_runs", _find_runs(self.tokens))
        assert self._runs is not None
        return self._runs


class Run(NamedTuple):
    """Two or three neighbouring parts that may be one part written apart
    (``Abdul Rahman`` / ``Abdulrahman``) or an acronym's letters."""

    start: int
    size: int
    first: str  # first letter of the run, as written and as keyed
    first_key: str
    joined_key: str
    letters: str
    weight: float


_UNJOINABLE_KINDS = frozenset({TokenKind.LEGAL, TokenKind.NUMBER})
_new_run = Run._make


def run_at(tokens: tuple[Token, ...], start: int, size: int) -> Run | None:
    """The run of ``size`` parts from ``start``, if those parts can be joined."""
    run = tokens[start : start + size]
    if len(run) < size:
        return None
    for token in run:
        if token.kind in _UNJOINABLE_KINDS:
            return None
    head = run[0]
    # Positional, from a tuple: screening builds runs for most names it meets.
    return _new_run(
        (
            start,
            size,
            head.text[:1],
            head.key[:1],
            "".join([t.key for t in run]),
            "".join([t.text[:1] for t in run]),
            sum([t.weight for t in run]),
        )
    )


def _find_runs(tokens: tuple[Token, ...]) -> tuple[Run, ...]:
    runs = []
    for size in (2, 3):
        for start in range(len(tokens) - size + 1):
            run = run_at(tokens, start, size)
            if run is not None:
                runs.append(run)
    return tuple(runs)


# Not after a lone lower-case letter: "oTm", "tOm" are one part with a
# shifted capital, not an initial and a part.
_CAMEL = re.compile(r"(?<=[a-z])(?<!\b[a-z])(?=[A-Z][a-z]|[A-Z]{2,}\b)")
_APOSTROPHES = re.compile(r"['’‘`ʻʼ´]")
_INITIALISM = re.compile(r"\b(?:[a-z]\.\s?){1,}[a-z]\b\.?")
_SPLIT = re.compile(r"[^a-z0-9]+")
_DIGIT_ALPHA = re.compile(r"(?<=[0-9])(?=[a-z])|(?<=[a-z])(?=[0-9])")
_ORDINAL_NUM = re.compile(r"^([0-9]+)(?:st|nd|rd|th)$")
_HAS_DIGIT = re.compile(r"[0-9]")
_LEET = re.compile(r"\b(?=[a-z0-9]*[a-z])(?=[a-z0-9]*[0-9])[a-z0-9]+\b")
_LEET_MAP = str.maketrans("0134579", "oieastg")
# OCR also reads B, G and Z as 8, 6 and 2 (HU8ERT, 16NAZIO). A word shaped
# like a document or serial number (A1234567, 12345AB) and an ordinal
# (2nd) are left as they are.
_OCR_MAP = str.maketrans("0123456789", "oizeasgtbg")
_NUMBER_LIKE = re.compile(r"[a-z]{0,3}[0-9]{4,}[a-z]{0,3}|[0-9]+(?:st|nd|rd|th)")


def _repair_digits(word: str) -> str:
    if _NUMBER_LIKE.fullmatch(word):
        return word
    return word.translate(_OCR_MAP)


_DOTTED_LETTER = re.compile(r"\b([a-z])\.")
_LEADING_WORD = re.compile(r"^\s*[a-z]+ +[a-z]")
# Particles that are also given names in their own right.
GIVEN_NAME_PARTICLES = frozenset({"ben", "van", "al", "del"})
_ORDINAL_SUFFIX = re.compile(r"\b([0-9]+)(?:st|nd|rd|th)\b")


@lru_cache(maxsize=200_000)
def _make_token(text: str, kind: TokenKind, script: Script) -> Token:
    weight = _WEIGHT[kind]
    if kind == TokenKind.NAME:
        # Very short parts (Ko, Li, Un) say less than long ones.
        weight *= 0.55 + 0.45 * min(len(text), 5) / 5
    return Token(
        text=text,
        kind=kind,
        script=script,
        key=phonetic_key(text),
        skeleton=skeleton(text),
        weight=weight,
        conflict=_CONFLICT[kind],
        skeletons=abjad_skeletons(text) if script in ABJADS else skeletons(text),
    )


def _numbers(words: list[str]) -> list[str]:
    """Spell-out numbers and ordinals as digits: ``forty four`` and ``Forty-4`` → 44."""
    out: list[str] = []
    for word in words:
        match = _ORDINAL_NUM.match(word)
        if match:
            word = match.group(1)
        elif word in ORDINAL_WORDS:
            word = str(ORDINAL_WORDS[word])
        elif word in NUMBER_WORDS:
            word = str(NUMBER_WORDS[word])
        if (
            out
            and word.isdigit()
            and len(word) == 1
            and out[-1].isdigit()
            and len(out[-1]) == 2
            and out[-1].endswith("0")
        ):
            out[-1] = str(int(out[-1]) + int(word))
            continue
        out.append(word)
    return out


_LONG_LEGAL_FORMS: tuple[tuple[str, int, str], ...] = tuple(
    (" ".join(phrase), len(phrase), cls) for phrase, cls in LEGAL_FORMS.items() if len(" ".join(phrase)) >= 10
)


def _fuzzy_legal_form(words: list[str], start: int) -> tuple[str, int] | None:
    """A long legal form written with a typo (``Aktiengeselschaft``,
    ``joynt stock company``): at most one edit in ten characters."""
    for text, length, cls in _LONG_LEGAL_FORMS:
        window = " ".join(words[start : start + length])
        if abs(len(window) - len(text)) <= 2 and OSA.normalized_similarity(window, text) >= 0.9:
            return cls, length
    return None


def _legal_forms(words: list[str]) -> list[tuple[str, bool]]:
    """Mark legal-form phrases (longest first); each becomes one token of its class."""
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(words):
        for length in range(min(LEGAL_FORM_MAX_LEN, len(words) - i), 0, -1):
            cls = LEGAL_FORMS.get(tuple(words[i : i + length]))
            if cls is not None and not (length == 1 and len(words) == 1):
                out.append((cls, True))
                i += length
                break
        else:
            fuzzy = _fuzzy_legal_form(words, i) if i > 0 or len(words) > 1 else None
            if fuzzy is not None:
                out.append((fuzzy[0], True))
                i += fuzzy[1]
            else:
                out.append((words[i], False))
                i += 1
    return out


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """One-word country names (pycountry, English) and world regions."""
    import pycountry

    words = set(REGION_WORDS)
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if isinstance(value, str) and " " not in value and value.isascii():
                words.add(value.lower())
    return frozenset(words)


@lru_cache(maxsize=65_536)
def parse_name(raw: str, kind: EntityKind = EntityKind.PERSON) -> Name:
    """Parse one name string. Pure and cached: the same input gives the same Name.

    Rules: transliterate to ASCII; ``SURNAME, Given`` becomes ``Given SURNAME``;
    CamelCase glued names are split (``RamiMakhlouf``); apostrophes vanish
    (``Qa'ida``); dotted initialisms join for organisations (``A.B.C.``) and
    split into initials for people (``J.-C.``); number words become digits;
    honorifics are dropped from people's names; legal forms become one token
    of their class.
    """
    ascii_text, script = transliterate(raw)
    if kind == EntityKind.PERSON and ascii_text.count(",") == 1:
        surname, given = ascii_text.split(",")
        if surname.strip() and given.strip():
            ascii_text = f"{given} {surname}"
    if not ascii_text.isupper() and not ascii_text.islower():
        ascii_text = _CAMEL.sub(" ", ascii_text)
    text = ascii_text.lower().replace("&", " and ")
    text = _APOSTROPHES.sub("", text)
    dotted: frozenset[str] = frozenset()
    if "." in text:
        if kind == EntityKind.PERSON:
            # "E." is an initial, never the particle "e".
            dotted = frozenset(_DOTTED_LETTER.findall(text))
            text = text.replace(".", " ")
        else:
            text = _INITIALISM.sub(lambda m: re.sub(r"[.\s]", "", m.group(0)) + " ", text)
    if _HAS_DIGIT.search(text):
        if kind == EntityKind.PERSON:
            # OCR and keyboard confusions inside a person's name: Ig0r Sech1n.
            text = _LEET.sub(lambda m: _repair_digits(m.group(0)), text)
        text = _ORDINAL_SUFFIX.sub(r"\1", text)
        text = _DIGIT_ALPHA.sub(" ", text)
    words = [w for w in _SPLIT.split(text) if w]
    words = [ABBREVIATIONS.get(w, w) for w in words] if kind != EntityKind.PERSON else words
    if kind != EntityKind.PERSON:
        words = [
            str(ROMAN_NUMERALS[w]) if w in ROMAN_NUMERALS and (i > 0 or len(w) > 1) else w
            for i, w in enumerate(words)
        ]
    words = _numbers(words)
    name_words = sum(1 for w in words if w not in TITLES)
    latin = script == Script.LATIN  # "mr" from عامر is a name, not a title
    # A particle word standing first, set apart by a space, in a Latin
    # person's name is a given name: Ben Chandler, Van Taylor, Al Gore (but
    # al-Assad, Ben-Gurion and van der Berg keep their particles).
    leading_given = (
        kind == EntityKind.PERSON
        and latin
        and len(words) >= 2
        and words[1] not in PARTICLES
        and words[0] in GIVEN_NAME_PARTICLES
        and _LEADING_WORD.match(text) is not None
    )
    syllabic = script in DENSE_SCRIPTS
    tokens: list[Token] = []
    is_org = kind in (EntityKind.ORGANIZATION, EntityKind.OTHER, EntityKind.VESSEL)
    marked = _legal_forms(words) if is_org else [(w, False) for w in words]
    # A particle binds to the name after it (de la Cruz, van Dijk, bin Laden):
    # a last word is a name (MARIA LE, CHEN BIN), and so is a word written
    # with letters no particle has (Vietnamese Lê, Văn).
    last = len(marked) - 1 if kind == EntityKind.PERSON else len(marked)
    accented = _accented_words(raw) if latin and not raw.isascii() else frozenset()
    for position, (word, legal) in enumerate(marked):
        if legal:
            tokens.append(_make_token(word, TokenKind.LEGAL, script))
            continue
        if kind == EntityKind.PERSON and word in TITLES and name_words > 0 and latin:
            continue
        if word.isdigit():
            token_kind = TokenKind.NUMBER
        elif syllabic:
            # 안 (An), 우 (U): a syllable of a Korean, Chinese or Japanese
            # name is a name part, never a particle or an initial.
            token_kind = TokenKind.NAME
        elif (
            word in PARTICLES
            and len(words) > 1
            and position < last
            and word not in accented
            and not (leading_given and not tokens and word == words[0])
            and word not in dotted
        ):
            token_kind = TokenKind.PARTICLE
            word = PARTICLES[word]
        elif is_org and word in ORG_STOPWORDS:
            token_kind = TokenKind.STOP
        elif is_org and word in ORG_GENERIC:
            token_kind = TokenKind.GENERIC
        elif is_org and len(words) > 1 and word in place_words():
            # Faberlic Europe, Deutsche Bank (Schweiz): a country or region
            # qualifies the entity; it says little when present on one side.
            token_kind = TokenKind.PLACE
        elif len(word) == 1 and kind != EntityKind.VESSEL:
            token_kind = TokenKind.INITIAL
        else:
            token_kind = TokenKind.NAME
        tokens.append(_make_token(word, token_kind, script))
    if is_org and len(tokens) > 1 and tokens[0].text == "the":
        tokens = tokens[1:]
    return Name(original=raw, kind=kind, script=script, tokens=tuple(tokens))


def _accented_words(raw: str) -> frozenset[str]:
    """Words of a Latin name written with letters outside ASCII, folded."""
    return frozenset(anyascii(w).lower() for w in _RAW_WORDS.split(raw) if w and not w.isascii())


_RAW_WORDS = re.compile(r"[^\w]+")


DENSE_SCRIPTS = frozenset({Script.HAN, Script.HANGUL, Script.KANA})
# Scripts whose characters are name elements, compared one by one between
# two names of that script (see character_name). A kana is a mora, not a
# name part: kana names are compared by their romanised words.
CHARACTER_SCRIPTS = frozenset({Script.HAN, Script.HANGUL})


@lru_cache(maxsize=16_384)
def character_name(name: Name) -> Name:
    """The name as one token per character, for comparing two names written
    in the same syllabic or logographic script: each character is a name
    part there, and two different characters are two different parts even
    when their romanisations are close (近平 / 近朋)."""
    tokens = tuple(_character_token(c, name.script) for c in name.original if c.isalpha())
    return Name(original=name.original, kind=name.kind, script=name.script, tokens=tokens)


@lru_cache(maxsize=65_536)
def _character_token(char: str, script: Script) -> Token:
    """One token per character and script: tokens compare by identity, so
    interning them lets the part-similarity cache serve every name that
    shares a character (a fresh token per name missed it every time)."""
    return Token(
        text=char,
        kind=TokenKind.NAME,
        script=script,
        key=char,
        skeleton=char,
        weight=1.0,
        conflict=1.0,
        skeletons=(char,),
    )
