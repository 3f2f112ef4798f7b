"""Score a query record against a candidate record, with the explanation.

``score(query, candidate)`` is the one entry point services need: it
compares every name of one side with every name of the other, keeps the
best-aligned pair, then adds the evidence of birth dates, gender,
nationality, place of birth and documents. The result is graded: names
that differ land below 1.0, and each step is in the explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from liaison.domain.dates import PartialDate
from liaison.matching.bound import NameBound
from liaison.matching.compare import agreement_bits, compare_names, full_parts, name_score
from liaison.matching.evidence import (
    Document,
    LooseDate,
    attribute_adjustment,
    birth_date_ceiling,
    compare_birth_dates,
    compare_documents,
    compare_gender,
    compare_nationality,
    compare_place,
    normalise_country,
    normalise_gender,
    parse_loose_date,
    place_tokens,
)
from liaison.matching.explain import EvidenceItem, Explanation, NameExplanation
from liaison.matching.frequency import commonness, namesakes_log2
from liaison.matching.japanese import kana_cuts, kanji_readings
from liaison.matching.names import EntityKind, Name, Token, parse_name
from liaison.matching.text import Script, dominant_script, wade_giles_alias

DEFAULT_THRESHOLD = 0.7


@dataclass(frozen=True)
class Record:
    """Whatever is known about a person (or organisation) on one side.

    Only ``names`` is required; every other attribute may be empty, and an
    empty attribute is never counted against a match.
    """

    names: tuple[str, ...]
    kind: EntityKind = EntityKind.PERSON
    birth_dates: tuple[str | PartialDate, ...] = ()
    gender: str | None = None
    nationalities: tuple[str, ...] = ()
    places_of_birth: tuple[str, ...] = ()
    documents: tuple[Document, ...] = field(default=())

    @classmethod
    def of(
        cls,
        name: str,
        *,
        kind: EntityKind | str = EntityKind.PERSON,
        birth_date: str | PartialDate | None = None,
        gender: str | None = None,
        nationality: str | None = None,
        place_of_birth: str | None = None,
        documents: tuple[Document, ...] = (),
    ) -> Record:
        """Convenience constructor for the common one-name case."""
        entity = kind if isinstance(kind, EntityKind) else EntityKind.from_schema(kind)
        return cls(
            names=(name,),
            kind=entity,
            birth_dates=(birth_date,) if birth_date else (),
            gender=gender or None,
            nationalities=(nationality,) if nationality else (),
            places_of_birth=(place_of_birth,) if place_of_birth else (),
            documents=documents,
        )

    @cached_property
    def prepared(self) -> Prepared:
        return Prepared.of(self)


_ALIAS_SEPARATOR = re.compile(r"\s*/\s*")
_LETTERS = re.compile(r"[^\W\d_]")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def split_aliases(raw: str, kind: EntityKind = EntityKind.PERSON) -> tuple[str, ...]:
    """The names one recorded name stands for.

    ``Al-Qa'ida/Islamic Army`` is two names (``A/S`` and ``c/o`` are not:
    every piece must have three letters or more); a person's name written
    in Wade-Giles also stands for its pinyin reading (``Mao Tse-tung``,
    ``Mao Zedong``), and one in kanji the dictionary reads as a Japanese
    name for its Japanese readings (中島裕美子: ナカジマ ユミコ…).
    """
    pieces = [raw]
    if "/" in raw:
        split = _ALIAS_SEPARATOR.split(raw.strip())
        if len(split) > 1 and all(len(_LETTERS.findall(piece)) >= 3 for piece in split):
            pieces = split
    if kind == EntityKind.PERSON:
        for piece in list(pieces):
            alias = wade_giles_alias(piece)
            if alias is not None:
                pieces.append(alias)
                if "-" in piece:
                    # Chiang Chun-ming also as Chiang Chunming: a name in
                    # characters gives its given name as one part.
                    pieces.append(_HYPHEN.sub("", piece))
        script = Script.LATIN if raw.isascii() else dominant_script(raw)
        if script == Script.HAN:
            # Japanese readings of a kanji name, in katakana (read as kana).
            pieces += [reading for piece in list(pieces) for reading in kanji_readings(piece)]
        elif script == Script.KANA:
            # A kana name the dictionary could not split into its two parts.
            pieces += [cut for piece in list(pieces) for cut in kana_cuts(piece)]
    return tuple(pieces)


@lru_cache(maxsize=4096)
def _shared_set(codes: tuple[str, ...]) -> frozenset[str]:
    """One frozenset per distinct set of country codes: a register of a
    million people holds a few hundred, and each set costs 200 bytes."""
    return frozenset(codes)


@lru_cache(maxsize=16_384)
def _reading(name: Name) -> Name:
    """The name marked as a Japanese reading of kanji."""
    return replace(name, reading=True)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A record parsed once for many comparisons (what the index stores)."""

    names: tuple[Name, ...]
    birth_dates: tuple[LooseDate, ...]
    gender: str | None
    nationalities: frozenset[str]
    place_tokens: frozenset[str]
    place_text: str | None
    documents: tuple[Document, ...]

    @classmethod
    def of(cls, record: Record) -> Prepared:
        names = tuple(
            _reading(parse_name(alias, record.kind))
            if not raw.isascii() and alias in kanji_readings(raw)
            else parse_name(alias, record.kind)
            for raw in record.names
            if raw.strip()
            for alias in split_aliases(raw, record.kind)
        )
        dates = tuple(d for d in (parse_loose_date(v) for v in record.birth_dates) if d)
        nationalities = _shared_set(
            tuple(c for c in (normalise_country(v) for v in record.nationalities if v) if c)
        )
        places = frozenset().union(*(place_tokens(p) for p in record.places_of_birth))
        return cls(
            names=tuple(n for n in names if n.tokens),
            birth_dates=dates,
            gender=normalise_gender(record.gender),
            nationalities=nationalities,
            place_tokens=places,
            place_text=record.places_of_birth[0] if record.places_of_birth else None,
            documents=record.documents,
        )


@dataclass(frozen=True, slots=True)
class Match:
    """The outcome of one comparison: a score in [0, 1] and why."""

    score: float
    explanation: Explanation
    threshold: float = DEFAULT_THRESHOLD

    @property
    def is_match(self) -> bool:
        return self.score >= self.threshold


def best_name_pair(query: Prepared, candidate: Prepared) -> NameExplanation | None:
    """The best-scoring pair among all names of the two records."""
    best: NameExplanation | None = None
    for qn in query.names:
        for cn in candidate.names:
            if qn.reading and cn.reading:
                continue  # two kanji names: their characters are compared
            result = compare_names(qn, cn)
            if best is None or result.score > best.score:
                best = result
    return best


def quick_score(
    query: Prepared,
    candidate: Prepared,
    threshold: float | None = None,
    bounds: tuple[NameBound, ...] | None = None,
) -> float:
    """The same score as :func:`score_prepared`, without the explanation.

    Screening calls this for every candidate and builds the explanation
    only for the few that reach the threshold. Given that ``threshold``, a
    pair that cannot reach it gets 0.0 without being aligned: the evidence
    that does not depend on the names is weighed first, and each pair of
    names must be able to make up the rest (see :mod:`liaison.matching.bound`;
    pass ``bounds``, from :func:`name_bounds`, when screening one traveller
    against many candidates).
    """
    others = attribute_adjustment(
        (query.gender, candidate.gender),
        (query.nationalities, candidate.nationalities),
        (query.place_tokens, candidate.place_tokens),
        (query.documents, candidate.documents),
    )
    if threshold is not None:
        needed = threshold - birth_date_ceiling(query.birth_dates, candidate.birth_dates) - others
        if needed > 1.0:
            return 0.0  # no name scores above 1
        if bounds is None:
            bounds = name_bounds(query)
        if all(
            bound.bound(cn) < needed
            for bound in bounds
            for cn in candidate.names
            if not (bound.query.reading and cn.reading)
        ):
            return 0.0
    best, parts, bits = 0.0, 0, 0.0
    for i, qn in enumerate(query.names):
        for cn in candidate.names:
            if qn.reading and cn.reading:
                continue
            value, count, info = name_score(qn, cn) if bounds is None else bounds[i].name_score(cn)
            if value > best:
                best, parts, bits = value, count, info
    if best <= 0:
        return 0.0
    dates = compare_birth_dates(
        query.birth_dates, candidate.birth_dates, parts, commonness(bits), namesakes_log2(bits)
    ).adjustment
    return _total(best, dates, others)


def _total(name_score: float, dates: float, others: float) -> float:
    """The score from its three terms, added in one order wherever it is
    worked out (so that screening and explaining give the very same float)."""
    return min(1.0, max(0.0, name_score + (dates + others)))


def name_bounds(query: Prepared) -> tuple[NameBound, ...]:
    """One :class:`NameBound` per name of a traveller, for :func:`quick_score`
    (sharing what they learn of part pairs: a kanji name's readings repeat
    the same parts)."""
    shared: dict[tuple[Token, Token, bool], float] = {}
    return tuple(NameBound(name, shared) for name in query.names)


def _evidence(query: Prepared, candidate: Prepared, parts: int, bits: float) -> tuple[EvidenceItem, ...]:
    return (
        compare_birth_dates(
            query.birth_dates, candidate.birth_dates, parts, commonness(bits), namesakes_log2(bits)
        ),
        compare_gender(query.gender, candidate.gender),
        compare_nationality(query.nationalities, candidate.nationalities),
        compare_place(query.place_tokens, candidate.place_tokens, query.place_text, candidate.place_text),
        compare_documents(query.documents, candidate.documents),
    )


def score_prepared(query: Prepared, candidate: Prepared, threshold: float = DEFAULT_THRESHOLD) -> Match:
    """Score two prepared records; see :func:`score`."""
    name = best_name_pair(query, candidate)
    if name is None:
        name = NameExplanation("", "", 0.0, (), (), (), 0.0)
    evidence = _evidence(
        query, candidate, full_parts(name.aligned, name.syllabic), agreement_bits(name.aligned, name.syllabic)
    )
    total = 0.0
    if name.score > 0:
        # The dates first, then the other items in order from zero, as
        # attribute_adjustment adds them.
        total = _total(name.score, evidence[0].adjustment, sum(item.adjustment for item in evidence[1:]))
    explanation = Explanation(name=name, evidence=evidence, name_score=name.score, score=total)
    return Match(score=total, explanation=explanation, threshold=threshold)


def score(query: Record, candidate: Record, threshold: float = DEFAULT_THRESHOLD) -> Match:
    """How likely ``candidate`` is the same person as ``query``, and why.

    The name score comes from part alignment (see
    :mod:`liaison.matching.compare`); evidence adjustments are then added
    (missing evidence adds nothing, contradictions subtract) and the total
    is clipped to [0, 1].
    """
    return score_prepared(query.prepared, candidate.prepared, threshold)
