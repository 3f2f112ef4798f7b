"""Non-name evidence: birth date, gender, nationality, place of birth, documents.

Each comparison returns an :class:`EvidenceItem` with an additive
adjustment to the name score. Missing evidence is never held against a
match (adjustment 0), except that against a dated record without a birth
date a common name, which many people bear, is weak evidence on its own
(``DATE_UNKNOWN_COMMON``);
agreeing evidence adds a little; contradicting
evidence subtracts, in proportion to how far apart the values are.
Registers and messages are dirty (``1969-7-16``, ``1974-01-32``, year
only), so dates are read leniently here rather than with
:class:`~liaison.domain.dates.PartialDate`, which rejects such input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from anyascii import anyascii

from liaison.domain.dates import PartialDate
from liaison.matching.explain import EvidenceItem, Outcome

# Adjustments. Agreement adds little (names carry identity); contradiction
# of a hard attribute (gender, birth year far apart) takes away a lot.
DATE_EXACT = 0.08
DATE_SWAPPED = 0.04
DATE_ONE_DIGIT = 0.02
DATE_YEAR_AGREES = 0.03
DATE_SAME_YEAR_DIFFERENT_DAY = -0.03
# Two full dates that are neither equal nor one plausible typing slip apart
# (one digit of the day or month, two neighbouring digits of the day or month
# transposed, day and month swapped, the last digit of the year with day and
# month equal) are two birthdays: another person. The penalty alone takes a
# perfect name below the 0.7 threshold even with gender, nationality and
# place agreeing (1.0 - 0.40 + 0.07 = 0.67); an agreeing document (+0.25 or
# more) still makes the hit. Registers that know a full date record it from
# a document, so a wholly different full date is not "approximate".
DATE_CONTRADICTS = -0.4
DATE_CONTRADICTS_COMMON = -0.6
# But a contradiction means "another person" only when another person is
# there to be: a wholly wrong full date (typed from another record, a
# calendar converted, a guess) is rare, roughly one record pair in
# 2**DATE_ERROR_BITS (3 %), yet rarer still is a namesake of a long rare
# name. The odds that the date, not the person, is wrong are that error
# rate over the expected number of namesakes (frequency.namesakes_log2):
# even at one expected namesake (log2 0) the strong penalty holds; it eases
# linearly until namesakes are as unlikely as an error (log2 -5 and below),
# where it is the cap for approximate dates of a name with that many parts
# (DATE_MAX_PENALTY: -0.28 for three, -0.25 for more), so a near-perfect
# long rare name still alerts, at low priority. It needs at least
# DATE_RARE_NAME_PARTS agreeing full parts: the bits of two parts,
# multiplied as if independent from a census or a young learned table,
# understate namesakes too easily (Kim Song, Parlindungan Siregar).
DATE_ERROR_BITS = 5.0
DATE_RARE_NAME_PARTS = 3
# The same day and month 1 to this many years apart (not one digit of the
# year apart, see _compare_full_dates): the year recorded wrongly or
# converted from another calendar, weighed as year-only dates. Between two
# people it is a coincidence of about 1 in 365 x (60 / 10) birth years
# (2**-11), far below the rate of a wrong year; a common name's namesakes
# still pay, as for year-only dates, by commonness.
SAME_BIRTHDAY_YEARS = 5
# Years differing in one digit ten or more years apart (1957 / 1967): a
# typing slip is as likely as another person.
DATE_YEAR_ONE_DIGIT = -0.1
DATE_PER_YEAR = -0.06
# The largest birth-date penalty for a rare name, by how many full name
# parts agreed: the more parts of a rare name agree, the likelier a far-off
# date is a recording error rather than another person.
DATE_MAX_PENALTY = {0: -0.45, 1: -0.45, 2: -0.3, 3: -0.28}
DATE_MAX_PENALTY_MANY_PARTS = -0.25
# For a common name (commonness 1, see liaison.matching.frequency) a
# contradicting date is the usual sign of a namesake: each of these is
# reached linearly as the agreeing name gets more common.
DATE_PER_YEAR_COMMON = -0.3
DATE_MAX_PENALTY_COMMON = -0.5
DATE_YEAR_ONE_DIGIT_COMMON = -0.4
DATE_DIFFERENT_DAY_COMMON = -0.15
# A birth date on one side only (a register person without one against a
# dated traveller, or the reverse): the name is all the evidence, and a
# name borne by many is no evidence of being this one of them. At
# commonness 1 (thousands of bearers) a name-only match costs this much,
# linearly less down to nothing at one expected bearer: the exact common
# name still alerts (at the lowest priority), a common name with a part
# missing or misspelt (Kimberly Smith / Kimberly Alicia Smith, 0.87) does
# not, and a rare name keeps its score.
DATE_UNKNOWN_COMMON = -0.2
GENDER_AGREE = 0.02
GENDER_DISAGREE = -0.2
NATIONALITY_AGREE = 0.03
NATIONALITY_DISAGREE = -0.1
PLACE_AGREE = 0.02
DOCUMENT_EXACT = 0.35
DOCUMENT_OCR = 0.25
DOCUMENT_OTHER_COUNTRY = 0.1
DOCUMENT_DISAGREE = -0.05


@dataclass(frozen=True, slots=True)
class LooseDate:
    """A birth date as recorded: year, and month and day when known and sane."""

    year: int
    month: int | None
    day: int | None
    text: str

    @property
    def is_full(self) -> bool:
        return self.month is not None and self.day is not None

    def digits(self) -> str:
        return f"{self.year:04d}{self.month or 0:02d}{self.day or 0:02d}"


_DATE = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")


@lru_cache(maxsize=65_536)
def parse_loose_date(value: str | PartialDate | None) -> LooseDate | None:
    """Read ``YYYY``, ``YYYY-M``, ``YYYY-MM-DD`` leniently; None when unusable."""
    if value is None:
        return None
    if isinstance(value, PartialDate):
        return LooseDate(value.year, value.month, value.day, value.isoformat())
    match = _DATE.match(value)
    if match is None:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is not None and not 1 <= month <= 12:
        month, day = None, None
    if day is not None and not 1 <= day <= 31:
        day = None
    return LooseDate(year, month, day, value.strip())


def _one_digit_apart(a: int, b: int) -> bool:
    return sum(x != y for x, y in zip(f"{a:04d}", f"{b:04d}", strict=True)) == 1


def _blend(rare: float, common: float, commonness: float) -> float:
    return rare + (common - rare) * commonness


def _two_digits_slip(a: int, b: int) -> bool:
    """A day or month written with one digit wrong or its two digits
    transposed (07 / 08, 12 / 21)."""
    x, y = f"{a:02d}", f"{b:02d}"
    return (x[0] == y[0]) != (x[1] == y[1]) or (x[0] == y[1] and x[1] == y[0])


def _compare_full_dates(
    a: LooseDate, b: LooseDate, name_parts: int, commonness: float, namesakes: float
) -> tuple[Outcome, float, str]:
    """Two full dates: the same, a plausible typing slip, or another person
    (unless the name is too rare for another person, see DATE_ERROR_BITS)."""
    if a.year == b.year:
        if a.month == b.month and a.day == b.day:
            return Outcome.AGREE, DATE_EXACT, "same date"
        if a.day == b.month and a.month == b.day:
            return Outcome.PARTIAL, DATE_SWAPPED, "day and month swapped"
        if a.month == b.month and _two_digits_slip(a.day or 0, b.day or 0):
            return Outcome.PARTIAL, DATE_ONE_DIGIT, "one digit of the day differs"
        if a.day == b.day and _two_digits_slip(a.month or 0, b.month or 0):
            return Outcome.PARTIAL, DATE_ONE_DIGIT, "one digit of the month differs"
    elif a.month == b.month and a.day == b.day and abs(a.year - b.year) < 10 and a.year // 10 == b.year // 10:
        # Only the last digit of the year differs (1983 / 1982; not 1979 / 1980).
        return Outcome.PARTIAL, DATE_ONE_DIGIT, "one digit of the year differs"
    if abs(a.year - b.year) <= 1 and _one_day_apart(a, b):
        return Outcome.PARTIAL, DATE_ONE_DIGIT, "one day apart"
    penalty, rare = _contradiction(name_parts, commonness, namesakes)
    years = abs(a.year - b.year)
    detail = (
        "same year, different day"
        if years == 0
        else f"different date, {years} year{'s' if years > 1 else ''} apart"
    )
    if rare:
        detail += ", name too rare for a namesake"
    return Outcome.DISAGREE, penalty, detail


def _contradiction(name_parts: int, commonness: float, namesakes: float) -> tuple[float, bool]:
    """The penalty for two different full dates, and whether the name's rarity
    eased it (see DATE_ERROR_BITS)."""
    strong = _blend(DATE_CONTRADICTS, DATE_CONTRADICTS_COMMON, commonness)
    if name_parts < DATE_RARE_NAME_PARTS or namesakes >= 0:
        return strong, False
    mild = DATE_MAX_PENALTY.get(name_parts, DATE_MAX_PENALTY_MANY_PARTS)
    eased = min(1.0, -namesakes / DATE_ERROR_BITS)
    return strong + (mild - strong) * eased, True


def _one_day_apart(a: LooseDate, b: LooseDate) -> bool:
    """Consecutive days (a date recorded in another time zone or calendar)."""
    try:
        days = (
            date(a.year, a.month or 1, a.day or 1).toordinal()
            - date(b.year, b.month or 1, b.day or 1).toordinal()
        )
    except ValueError:  # 1974-02-30 and the like: no calendar day
        return False
    return abs(days) == 1


def _compare_dates(
    a: LooseDate, b: LooseDate, name_parts: int, commonness: float = 0.0, namesakes: float = 0.0
) -> tuple[Outcome, float, str]:
    if a.is_full and b.is_full:
        # 1 January stands for "year known only" in many registers: such a
        # date is compared as a year. The same day and month in another year
        # is a year recorded wrongly (or converted from another calendar):
        # compared as years too. Neither is likely between two random people.
        first_of_january = (a.month, a.day) == (1, 1) or (b.month, b.day) == (1, 1)
        years = abs(a.year - b.year)
        same_birthday = 0 < years <= SAME_BIRTHDAY_YEARS and (a.month, a.day) == (b.month, b.day)
        same = (a.year, a.month, a.day) == (b.year, b.month, b.day)  # 1980-01-01 / 1980/01/01
        if same or not (first_of_january or same_birthday):
            return _compare_full_dates(a, b, name_parts, commonness, namesakes)
        if same_birthday and a.year // 10 == b.year // 10:
            return _compare_full_dates(a, b, name_parts, commonness, namesakes)
        if same_birthday or (a.month, a.day) == (1, 1):
            a = LooseDate(a.year, None, None, a.text)
        if same_birthday or (b.month, b.day) == (1, 1):
            b = LooseDate(b.year, None, None, b.text)
    if a.year == b.year:
        if a.month is None and b.month is None:
            return Outcome.PARTIAL, DATE_YEAR_AGREES, "same year"
        if a.month is not None and b.month is not None and a.month != b.month:
            penalty = _blend(DATE_SAME_YEAR_DIFFERENT_DAY, DATE_DIFFERENT_DAY_COMMON, commonness)
            return Outcome.PARTIAL, penalty, "same year, different month"
        return Outcome.PARTIAL, DATE_YEAR_AGREES, "same year, one side less precise"
    # At least one side is approximate (year, or year and month only):
    # registers write such dates "circa", so the distance counts.
    years = abs(a.year - b.year)
    cap = _blend(
        DATE_MAX_PENALTY.get(name_parts, DATE_MAX_PENALTY_MANY_PARTS), DATE_MAX_PENALTY_COMMON, commonness
    )
    per_year = _blend(DATE_PER_YEAR, DATE_PER_YEAR_COMMON, commonness)
    penalty = max(cap, per_year * years)
    if years >= 10 and _one_digit_apart(a.year, b.year):
        typo = _blend(DATE_YEAR_ONE_DIGIT, DATE_YEAR_ONE_DIGIT_COMMON, commonness)
        if typo > penalty:
            return Outcome.DISAGREE, typo, "years differ in one digit"
    return Outcome.DISAGREE, penalty, f"{years} year{'s' if years > 1 else ''} apart"


def compare_birth_dates(
    query: tuple[LooseDate, ...],
    candidate: tuple[LooseDate, ...],
    name_parts: int = 0,
    commonness: float = 0.0,
    namesakes: float = 0.0,
) -> EvidenceItem:
    """The best-agreeing pair of recorded birth dates (people may have several).

    ``name_parts`` is the number of full name parts that agreed and
    ``commonness`` how common the agreeing name is (0 rare … 1 borne by
    thousands, see :mod:`liaison.matching.frequency`): together they set
    how much a contradicting date weighs. A far-off date on a rare,
    many-part name is likelier a recording error; on a common name it is
    likelier a namesake. ``namesakes`` is the log2 of the number of people
    expected to bear the agreeing name (:func:`~liaison.matching.frequency.namesakes_log2`;
    0, one person, when not known): below zero, with enough parts, two
    different full dates weigh less (see ``DATE_ERROR_BITS``). With a date
    on one side only the name alone must identify: a common one costs up to
    ``DATE_UNKNOWN_COMMON`` (with none on either side, a comparison of names
    alone, nothing).
    """
    if not query or not candidate:
        if not query and not candidate:
            # A comparison of names alone by nature (a name list, a pair of
            # names to check): the score answers "the same name?", and the
            # priority says whether it is a common one.
            return EvidenceItem("birth_date", Outcome.MISSING, None, None, "not known on either side", 0.0)
        adjustment = DATE_UNKNOWN_COMMON * commonness
        return EvidenceItem(
            "birth_date",
            Outcome.MISSING,
            query[0].text if query else None,
            candidate[0].text if candidate else None,
            "not known on one side, common name" if commonness >= 0.5 else "not known on one side",
            adjustment,
        )
    best: tuple[float, Outcome, str, LooseDate, LooseDate] | None = None
    for a in query:
        for b in candidate:
            outcome, adjustment, detail = _compare_dates(a, b, name_parts, commonness, namesakes)
            if best is None or adjustment > best[0]:
                best = (adjustment, outcome, detail, a, b)
    assert best is not None
    adjustment, outcome, detail, a, b = best
    if adjustment < 0 and commonness >= 0.5:
        detail += ", common name"
    return EvidenceItem("birth_date", outcome, a.text, b.text, detail, adjustment)


# More agreeing parts than DATE_MAX_PENALTY lists: the mildest cap.
_MANY_PARTS = max(DATE_MAX_PENALTY) + 1


def birth_date_ceiling(query: tuple[LooseDate, ...], candidate: tuple[LooseDate, ...]) -> float:
    """The most :func:`compare_birth_dates` can add for these dates, whatever
    the names: the adjustment for a rare name (commonness 0, no namesake
    expected) with many agreeing parts, which every branch of the comparison rewards most
    (tested). Screening sets a candidate aside before aligning its names
    when even this ceiling leaves the threshold out of reach: dates years
    apart leave only near-identical names in the race."""
    if not query or not candidate:
        return 0.0
    if len(query) == 1 and len(candidate) == 1:
        return _pair_ceiling(query[0], candidate[0])
    return max(_pair_ceiling(a, b) for a in query for b in candidate)


_MILDEST_CAP = DATE_MAX_PENALTY.get(_MANY_PARTS, DATE_MAX_PENALTY_MANY_PARTS)
# No namesake at all: every contradiction at its mildest.
_NO_NAMESAKE = float("-inf")


@lru_cache(maxsize=65_536)
def _pair_ceiling(a: LooseDate, b: LooseDate) -> float:
    if a.is_full and b.is_full:
        return _compare_dates(a, b, _MANY_PARTS, 0.0, _NO_NAMESAKE)[1]
    years = abs(a.year - b.year)
    if years >= 10 and years % 10:
        # The units and another digit of the years differ: no one-digit slip,
        # only the distance counts (what _compare_dates gives, sooner).
        return max(_MILDEST_CAP, DATE_PER_YEAR * years)
    return _compare_dates(a, b, _MANY_PARTS, 0.0, _NO_NAMESAKE)[1]


_GENDERS = {"m": "M", "male": "M", "man": "M", "f": "F", "female": "F", "woman": "F"}


def normalise_gender(value: str | None) -> str | None:
    """``M``/``F`` or None (unknown, other or missing: never evidence)."""
    if value is None:
        return None
    return _GENDERS.get(value.strip().lower())


def compare_gender(query: str | None, candidate: str | None) -> EvidenceItem:
    if query is None or candidate is None:
        return EvidenceItem("gender", Outcome.MISSING, query, candidate, "not known", 0.0)
    if query == candidate:
        return EvidenceItem("gender", Outcome.AGREE, query, candidate, "same", GENDER_AGREE)
    return EvidenceItem("gender", Outcome.DISAGREE, query, candidate, "differs", GENDER_DISAGREE)


@lru_cache(maxsize=4096)
def normalise_country(value: str) -> str | None:
    """ISO 3166 alpha-2 code for a code or an English country name, else the
    lowercased text (so unknown spellings still compare with themselves)."""
    text = value.strip()
    if not text:
        return None
    import pycountry

    try:
        return str(pycountry.countries.lookup(text).alpha_2).lower()
    except LookupError:
        pass
    try:
        found = pycountry.countries.search_fuzzy(text)
    except LookupError:
        return text.lower()
    return str(found[0].alpha_2).lower() if found else text.lower()


def compare_nationality(query: frozenset[str], candidate: frozenset[str]) -> EvidenceItem:
    q = ",".join(sorted(query)) or None
    c = ",".join(sorted(candidate)) or None
    if not query or not candidate:
        return EvidenceItem("nationality", Outcome.MISSING, q, c, "not known", 0.0)
    if query & candidate:
        return EvidenceItem("nationality", Outcome.AGREE, q, c, "shared", NATIONALITY_AGREE)
    return EvidenceItem("nationality", Outcome.DISAGREE, q, c, "none shared", NATIONALITY_DISAGREE)


_PLACE_SPLIT = re.compile(r"[^a-z0-9]+")
_PLACE_STOP = frozenset(
    ["village", "district", "province", "city", "area", "town", "of", "the", "al", "el", "de"]
)


@lru_cache(maxsize=65_536)
def place_tokens(value: str) -> frozenset[str]:
    words = _PLACE_SPLIT.split(anyascii(value).lower())
    return frozenset(w for w in words if len(w) >= 3 and w not in _PLACE_STOP)


def compare_place(
    query: frozenset[str], candidate: frozenset[str], q_text: str | None, c_text: str | None
) -> EvidenceItem:
    if not query or not candidate:
        return EvidenceItem("place_of_birth", Outcome.MISSING, q_text, c_text, "not known", 0.0)
    if query & candidate:
        shared = ", ".join(sorted(query & candidate))
        return EvidenceItem("place_of_birth", Outcome.AGREE, q_text, c_text, f"shares {shared}", PLACE_AGREE)
    # Places are recorded at different precision (village, district, country):
    # no shared word is not a contradiction worth a penalty.
    return EvidenceItem("place_of_birth", Outcome.PARTIAL, q_text, c_text, "no shared word", 0.0)


@dataclass(frozen=True, slots=True)
class Document:
    """An identity document: number, and optionally type and issuing country."""

    number: str
    kind: str | None = None
    country: str | None = None


_OCR_FOLD = str.maketrans(
    {"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "B": "8", "G": "6"}
)
_NON_ALNUM = re.compile(r"[^A-Z0-9]")


def normalise_document_number(number: str) -> str:
    return _NON_ALNUM.sub("", number.upper())


def compare_documents(query: tuple[Document, ...], candidate: tuple[Document, ...]) -> EvidenceItem:
    """Same number (exactly, or after folding OCR confusions such as O/0 and
    I/1), considering the issuing country when both sides state it."""
    if not query or not candidate:
        return EvidenceItem("document", Outcome.MISSING, None, None, "not known", 0.0)
    best: EvidenceItem | None = None
    for a in query:
        for b in candidate:
            na, nb = normalise_document_number(a.number), normalise_document_number(b.number)
            countries_differ = bool(
                a.country and b.country and normalise_country(a.country) != normalise_country(b.country)
            )
            if not na or not nb:
                continue
            if na == nb and not countries_differ:
                item = EvidenceItem(
                    "document", Outcome.AGREE, a.number, b.number, "same number", DOCUMENT_EXACT
                )
            elif na.translate(_OCR_FOLD) == nb.translate(_OCR_FOLD) and not countries_differ:
                item = EvidenceItem(
                    "document",
                    Outcome.AGREE,
                    a.number,
                    b.number,
                    "same number up to OCR confusions",
                    DOCUMENT_OCR,
                )
            elif na.translate(_OCR_FOLD) == nb.translate(_OCR_FOLD):
                item = EvidenceItem(
                    "document",
                    Outcome.PARTIAL,
                    a.number,
                    b.number,
                    "same number, different issuing country",
                    DOCUMENT_OTHER_COUNTRY,
                )
            else:
                item = EvidenceItem(
                    "document", Outcome.DISAGREE, a.number, b.number, "different numbers", DOCUMENT_DISAGREE
                )
            if best is None or item.adjustment > best.adjustment:
                best = item
    if best is None:
        return EvidenceItem("document", Outcome.MISSING, None, None, "no usable number", 0.0)
    return best


def attribute_adjustment(
    genders: tuple[str | None, str | None],
    nationalities: tuple[frozenset[str], frozenset[str]],
    places: tuple[frozenset[str], frozenset[str]],
    documents: tuple[tuple[Document, ...], tuple[Document, ...]],
) -> float:
    """The sum of the gender, nationality, place and document adjustments,
    without building their evidence items: screening needs it for every
    candidate and the explanation only for hits. It equals the sum of the
    ``compare_*`` items' adjustments (tested)."""
    total = 0.0
    query_gender, candidate_gender = genders
    if query_gender is not None and candidate_gender is not None:
        total += GENDER_AGREE if query_gender == candidate_gender else GENDER_DISAGREE
    query_codes, candidate_codes = nationalities
    if query_codes and candidate_codes:
        total += NATIONALITY_DISAGREE if query_codes.isdisjoint(candidate_codes) else NATIONALITY_AGREE
    query_places, candidate_places = places
    if query_places and candidate_places and not query_places.isdisjoint(candidate_places):
        total += PLACE_AGREE
    if documents[0] and documents[1]:
        total += compare_documents(*documents).adjustment
    return total
