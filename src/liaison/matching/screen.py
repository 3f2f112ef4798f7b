"""Bulk screening: many travellers against an indexed register.

For each traveller the index proposes candidates, every candidate is
scored with the full explainable scorer, and the hits at or above the
threshold are kept, best first, at most ``top_k`` per traveller. Which
registers an agency may see is the caller's rule, passed as ``allowed``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass

from liaison.matching import japanese
from liaison.matching.evidence import Document
from liaison.matching.index import CandidateIndex
from liaison.matching.names import EntityKind
from liaison.matching.score import (
    DEFAULT_THRESHOLD,
    Match,
    Prepared,
    Record,
    name_bounds,
    quick_score,
    score,
    score_prepared,
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One traveller scoring at or above the threshold against one record."""

    traveller: Hashable
    record: Hashable
    match: Match

    @property
    def score(self) -> float:
        return self.match.score


def screen_one(
    traveller: Record | Prepared,
    index: CandidateIndex,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    top_k: int = 5,
    allowed: Callable[[Hashable], bool] | None = None,
    traveller_id: Hashable = None,
) -> list[Hit]:
    """Hits for one traveller, best first."""
    query = traveller if isinstance(traveller, Prepared) else traveller.prepared
    hits: list[Hit] = []
    bounds = name_bounds(query)
    for record_id, candidate in index.candidates(query):
        if allowed is not None and not allowed(record_id):
            continue
        if quick_score(query, candidate, threshold, bounds) < threshold:
            continue
        match = score_prepared(query, candidate, threshold)
        if match.score >= threshold:
            hits.append(Hit(traveller_id, record_id, match))
    hits.sort(key=lambda hit: hit.score, reverse=True)
    return hits[:top_k]


def screen(
    travellers: Iterable[tuple[Hashable, Record | Prepared]],
    index: CandidateIndex,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    top_k: int = 5,
    allowed: Callable[[Hashable], bool] | None = None,
) -> Iterator[Hit]:
    """Screen a batch of travellers; yields hits traveller by traveller."""
    for traveller_id, traveller in travellers:
        yield from screen_one(
            traveller,
            index,
            threshold=threshold,
            top_k=top_k,
            allowed=allowed,
            traveller_id=traveller_id,
        )


def warm_up() -> None:
    """Load the tables the engine reads on first use (nicknames, name
    frequencies, country names, place words, transliteration), before the
    first traveller: they took about 120 ms, paid by whichever traveller
    came first. Screening processes call it at start-up."""
    for name in ("Maxim Petrov", "Максим Петров", "محمد حسن", "김정은", "習近平"):
        score(
            Record.of(name, birth_date="1980-01-02", gender="M", nationality="FR", place_of_birth="Lyon"),
            Record.of(
                "Max Petrova",
                birth_date="1980-02-01",
                nationality="France",
                documents=(Document("AB123", country="FR"),),
            ),
        )
    japanese.warm_up()  # the Japanese tagger and name dictionaries: about 1.4 s
    score(
        Record.of("Caspian Shipping Iran Ltd", kind=EntityKind.ORGANIZATION),
        Record.of("Caspian Shipping LLC", kind=EntityKind.ORGANIZATION),
    )
