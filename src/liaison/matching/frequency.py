"""How common a name part is: the information an agreeing part carries.

Two records that agree on ``Jason Smith`` and disagree on the birth year
are most likely two people: there are tens of thousands of Jason Smiths.
Two records that agree on ``Joseph Kony`` and disagree on the birth year
are most likely one person with a badly recorded date. The evidence stage
(:mod:`liaison.matching.evidence`) needs to know which case it is looking
at, so this module estimates how many people share an agreeing name.

Source: the US Census Bureau's 1990 name frequency files (surnames, male
and female first names, with the share of the population bearing each),
as shipped by the ``names`` package (MIT licence; the data is public
domain). A part's probability is the larger of its first-name share (half
the population is male, half female) and its surname share, since name
order is not trusted. Parts absent from the files get ``UNLISTED``: the
files list names borne by more than about one person in 200,000 of the
US population, so an unlisted part is rarer than that *there*.

Limits, stated plainly: this is one country's population. Names that are
common elsewhere but rare in the US (``Mohammad Zahid``, ``Kim Song Chol``)
count as rare, which errs on the side of alerting.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

# Probability given to a part the census files do not list (rarer than the
# rarest listed entries, which are rounded to 0.001 %).
UNLISTED = 2e-6
# Floor for listed parts whose share rounds to 0.000 %.
LISTED_FLOOR = 5e-6
# Bits of a reference population: 2**28 is about 270 million people, so
# ``namesakes_log2`` is the log2 of the expected number of people bearing
# an agreeing name in a population of that size.
POPULATION_BITS = 28.0
# Above this many bits of namesakes (2**12 = 4,096 people) a name counts as
# fully common; at zero (one expected bearer) as fully rare.
COMMON_BITS = 12.0


def _read(file: str) -> dict[str, float]:
    out: dict[str, float] = {}
    try:
        text = resources.files("names").joinpath(file).read_text(encoding="ascii")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - package missing
        return out
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = max(LISTED_FLOOR, float(parts[1]) / 100)
    return out


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    male = _read("dist.male.first")
    female = _read("dist.female.first")
    last = _read("dist.all.last")
    table: dict[str, float] = {}
    for name in male.keys() | female.keys():
        table[name] = (male.get(name, 0.0) + female.get(name, 0.0)) / 2
    for name, share in last.items():
        table[name] = max(table.get(name, 0.0), share)
    return table


def part_probability(text: str) -> float:
    """Share of people bearing this name part (lowercase ASCII)."""
    return _table().get(text, UNLISTED)


@lru_cache(maxsize=200_000)
def part_bits(text: str) -> float:
    """Information in one agreeing part, in bits (−log2 of its share)."""
    return -math.log2(part_probability(text))


def name_bits(parts: Iterable[tuple[str, str]]) -> float:
    """Information in a set of agreeing part pairs: for each pair the more
    common of the two spellings counts (Jon / John carries John's bits)."""
    return sum(min(part_bits(a), part_bits(b)) for a, b in parts)


def commonness(bits: float) -> float:
    """0 for a name one would expect one person to bear, 1 for a name
    thousands bear (see ``COMMON_BITS``); in between, linear in log2 of the
    expected number of bearers."""
    if bits <= 0:
        return 0.0
    namesakes_log2 = POPULATION_BITS - bits
    return min(1.0, max(0.0, namesakes_log2 / COMMON_BITS))
