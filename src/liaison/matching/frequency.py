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

The census is one country's population: names common elsewhere but rare
in the US (``Wang Fang``, ``Kim Song Chol``, ``Sato Yumiko``) would count
as rare. So the table also learns from the data it screens
(:class:`NameFrequencies`): how many persons of the registers and of the
travellers bear each part. A part's share is the larger of the census
share and the learned share (see :meth:`NameFrequencies.share`): the
census knows the US population better than any register, the registers
and the traffic know the populations the system actually meets. No world
name-frequency source with a clear licence ships on PyPI (the large ones
are built from a leaked social-network dump), so none is used as a prior.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources

from liaison.matching.names import Name, TokenKind

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


# Persons of unknown names added to every learned population: a part seen
# c times among N persons gets the share (c - 1) / (N + PRIOR_PERSONS). The
# person itself is one of the c (a part seen once says nothing about anyone
# else), and the pseudo-persons keep a small register from making a name
# common on one coincidence: two bearers in a register of 1,000 give
# 1 / 101,000, just over a census-listed share, and two such parts together
# still count as a rare name (commonness 0).
PRIOR_PERSONS = 100_000


class NameFrequencies:
    """How many persons bear each name part, learned from the data itself.

    Counts persons, not names: each distinct part (the ASCII token text the
    matcher compares) counts once per person however many aliases repeat
    it. Pure and in memory; services feed it and persist it.
    """

    __slots__ = ("counts", "persons", "version")

    def __init__(self, counts: Mapping[str, int] | None = None, persons: int = 0) -> None:
        self.counts: Counter[str] = Counter(counts or {})
        self.persons = persons
        # Bumped at every change, so that cached bits are dropped (see part_bits).
        self.version = 0

    @staticmethod
    def parts(names: Iterable[Name]) -> set[str]:
        """The distinct full name parts of one person's names (no initials or particles)."""
        return {token.text for name in names for token in name.tokens if token.kind == TokenKind.NAME}

    def observe(self, names: Iterable[Name]) -> None:
        """Count one person bearing these names."""
        self.add_person(self.parts(names))

    def add_person(self, parts: Iterable[str]) -> None:
        """Count one person bearing these distinct parts."""
        self.counts.update(parts)
        self.persons += 1
        self.version += 1

    def update(self, other: NameFrequencies) -> None:
        """Add another table's persons to this one (registers plus traffic)."""
        self.counts.update(other.counts)
        self.persons += other.persons
        self.version += 1

    def share(self, text: str) -> float:
        """The learned share of persons bearing this part besides the one
        seen (0.0 for a part seen at most once), shrunk towards 0 by
        ``PRIOR_PERSONS`` unknown persons."""
        seen = self.counts.get(text, 0)
        if seen <= 1:
            return 0.0
        return (seen - 1) / (self.persons + PRIOR_PERSONS)


_learned = NameFrequencies()
_lock = threading.Lock()
# part -> bits, valid for one (table, version); dropped when either changes.
_bits: dict[str, float] = {}
_bits_of: tuple[int, int] = (id(_learned), _learned.version)
_BITS_CACHE = 200_000


def learned() -> NameFrequencies:
    """The process-wide learned table that commonness reads (with the census)."""
    return _learned


def set_learned(table: NameFrequencies) -> None:
    """Make ``table`` the process-wide learned table (dropping cached bits).

    Services replace it between batches, never during one, so that a
    screening pass and the explanations it builds read the same table and
    give the same score."""
    global _learned
    with _lock:
        _learned = table
        _bits.clear()


# A part that is one character of a syllabic or logographic script is a
# syllable, not a name: the matcher keeps Han, Hangul and kana names one
# character a part, and the census, written in Latin letters, cannot list
# them, so "unlisted" says nothing about their rarity. Their floor is a
# syllable's share among the few hundred a script's names draw on (Han and
# Hangul names: a few hundred common syllables; kana: a syllabary of about
# fifty), until the learned table knows better.
SYLLABLE_SHARE = 2.0**-7
KANA_SHARE = 2.0**-6

# Surname stocks far more concentrated than any census the matcher reads:
# shares of the national population from national statistics, used as
# floors (the learned table may only make a part commoner). Rounded down.
# Korea: Statistics Korea, 2015 Population and Housing Census, surnames and
# clans (the ten commonest, 63.9 % of 51.07 million people).
KOREAN_SURNAMES: dict[str, float] = {
    "김": 0.215, "이": 0.147, "박": 0.084, "최": 0.047, "정": 0.043,
    "강": 0.024, "조": 0.021, "윤": 0.021, "장": 0.020, "임": 0.017,
}  # fmt: skip
# China: Ministry of Public Security, national survey of the household
# registration system (April 2007, about 1.3 billion people): Wang 7.25 %,
# Li 7.19 %, Zhang 6.83 %; seven more above 20 million people each and
# twelve more between 10 and 20 million, given here at those lower bounds.
_CHINESE_SHARES = ((0.0725, "王"), (0.0719, "李"), (0.0683, "张張"))
_CHINESE_ABOVE_20M = "刘劉 陈陳 杨楊 黄黃 赵趙 吴吳 周"
_CHINESE_ABOVE_10M = "徐 孙孫 马馬 朱 胡 郭 何 高 林 罗羅 郑鄭 梁"
_CHINESE_POPULATION = 1.3e9
# Vietnam: no national count is published; the figures cited in the
# literature (Nguyen about 38 %, Tran 11 %, Pham 7.1 %, Hoang/Huynh 5.1 %
# together, Phan 4.5 %, Vu/Vo 3.9 % together, Dang 2.1 %, Bui 2 %) are
# estimates, so each is taken lower (a pair's share split between its two
# spellings). Le and Do are left out: in Latin letters they are also French
# and English words and names.
VIETNAMESE_SURNAMES: dict[str, float] = {
    "nguyen": 0.3, "tran": 0.1, "pham": 0.06, "hoang": 0.025, "huynh": 0.025,
    "phan": 0.04, "vu": 0.019, "vo": 0.019, "dang": 0.02, "bui": 0.02,
}  # fmt: skip
# The two Vietnamese middle names (tên đệm) that mark sex: Văn for men, Thị
# for women, borne by a large share of each (taken low at a fifth and a
# tenth of everyone). Read only in a name read as Vietnamese: Van is a Dutch
# particle elsewhere.
VIETNAMESE_MIDDLE_NAMES: dict[str, float] = {"thi": 0.2, "van": 0.1}


def _chinese_surnames() -> dict[str, float]:
    out: dict[str, float] = {}
    for share, chars in _CHINESE_SHARES:
        out.update(dict.fromkeys(chars, share))
    for group, people in ((_CHINESE_ABOVE_20M, 20e6), (_CHINESE_ABOVE_10M, 10e6)):
        for chars in group.split():
            out.update(dict.fromkeys(chars, people / _CHINESE_POPULATION))
    return out


CHINESE_SURNAMES = _chinese_surnames()


@lru_cache(maxsize=1)
def romanised_surnames() -> dict[str, dict[str, float]]:
    """The surnames above as Latin letters spell them, by language (``ko``,
    ``zh``, ``vi`` with its two commonest middle names): every romanisation
    :mod:`liaison.matching.korean` gives a Hangul
    surname, the pinyin and Wade-Giles of a Han one. Read only for a name
    the matcher reads as Korean or Chinese (Lee, Park or Chang in a Western
    name are the census's)."""
    from anyascii import anyascii

    from liaison.matching.korean import romanisations
    from liaison.matching.text import wade_giles_spelling

    korean: dict[str, float] = {}
    for hangul, share in KOREAN_SURNAMES.items():
        for latin in romanisations(hangul):
            korean[latin] = max(korean.get(latin, 0.0), share)
    chinese: dict[str, float] = {}
    for han, share in CHINESE_SURNAMES.items():
        pinyin = anyascii(han).lower()
        for latin in (pinyin, wade_giles_spelling(pinyin)):
            chinese[latin] = max(chinese.get(latin, 0.0), share)
    return {"ko": korean, "zh": chinese, "vi": VIETNAMESE_SURNAMES | VIETNAMESE_MIDDLE_NAMES}


def syllable_bits(count: int, text: str = "", languages: tuple[str, ...] = ()) -> float:
    """The most information a run of ``count`` syllables can carry when the
    census cannot list it: each syllable at ``SYLLABLE_SHARE`` (a romanised
    Chinese or Korean part, Jin or Minji, as its characters would be), and a
    romanised surname of ``languages`` no more than its national share
    (Kim, Park, Zhang: see ``KOREAN_SURNAMES``, ``CHINESE_SURNAMES``)."""
    bits = -math.log2(SYLLABLE_SHARE) * count
    tables = romanised_surnames()
    for language in languages:
        share = tables.get(language, {}).get(text)
        if share:
            bits = min(bits, -math.log2(share))
    return bits


def _floor(text: str) -> float:
    if len(text) != 1 or text.isascii():
        return VIETNAMESE_SURNAMES.get(text, UNLISTED)
    share = KOREAN_SURNAMES.get(text) or CHINESE_SURNAMES.get(text)
    if share:
        return max(share, SYLLABLE_SHARE)  # a listed surname is never rarer than any syllable
    return KANA_SHARE if "\u3040" <= text <= "\u30ff" else SYLLABLE_SHARE


def part_probability(text: str) -> float:
    """Share of people bearing this name part (lowercase ASCII, or one
    character of a syllabic script): the larger of the census share (or a
    syllable's, see ``SYLLABLE_SHARE``) and the share learned from registers
    and traffic."""
    return max(_table().get(text, 0.0), _floor(text), _learned.share(text))


def part_bits(text: str) -> float:
    """Information in one agreeing part, in bits (−log2 of its share)."""
    global _bits_of
    state = (id(_learned), _learned.version)
    if state != _bits_of:
        with _lock:
            _bits.clear()
            _bits_of = state
    bits = _bits.get(text)
    if bits is None:
        if len(_bits) >= _BITS_CACHE:
            _bits.clear()
        bits = _bits[text] = -math.log2(part_probability(text))
    return bits


def name_bits(parts: Iterable[tuple[str, str]]) -> float:
    """Information in a set of agreeing part pairs: for each pair the more
    common of the two spellings counts (Jon / John carries John's bits)."""
    return sum(min(part_bits(a), part_bits(b)) for a, b in parts)


def namesakes_log2(bits: float) -> float:
    """log2 of the number of people expected to bear an agreeing name that
    carries ``bits`` in the reference population (negative: fewer than one;
    -5: one chance in 32 that anyone else bears it)."""
    return POPULATION_BITS - bits


def commonness(bits: float) -> float:
    """0 for a name one would expect one person to bear, 1 for a name
    thousands bear (see ``COMMON_BITS``); in between, linear in log2 of the
    expected number of bearers."""
    if bits <= 0:
        return 0.0
    return min(1.0, max(0.0, namesakes_log2(bits) / COMMON_BITS))
