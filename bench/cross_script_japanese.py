"""Japanese groups for the cross-script bench (bench/matching_cross_script.py).

Names come from Faker's ja_JP person provider, which ships each surname and
given name in kanji (or kana), katakana and its passport romanisation
(``('佐藤', 'サトウ', 'Sato')``); a person is a random surname + given name.

- kanji vs romaji: ``中島裕美子`` / ``NAKAJIMA YUMIKO``;
- kana written without a space vs romaji: ``サトウチヨ`` / ``SATO, Chiyo``;
- romaji variants: the katakana romanised by ``cutlet`` under Hepburn or
  Kunrei (shi/si, tsu/tu, chi/ti, fu/hu, ji/zi) with long vowels written one
  of the usual ways (Satō, Satoh, Satou, Sato; Ōno, Ohno, Oono, Ono) against
  the passport form.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import jaconv
from faker.providers.person.ja_JP import Provider

_PEOPLE_SEED = 17


def _people(n: int, seed: int = _PEOPLE_SEED) -> list[tuple[tuple[str, str, str], tuple[str, str, str]]]:
    """(surname triple, given-name triple) for n random people."""
    rng = random.Random(seed)
    surnames = list(Provider.last_name_pairs)
    given = list(Provider.first_name_female_pairs) + list(Provider.first_name_male_pairs)
    return [(rng.choice(surnames), rng.choice(given)) for _ in range(n)]


def kanji_pairs(n: int) -> list[tuple[str, str]]:
    return [(s[0] + g[0], f"{s[2].upper()} {g[2].upper()}") for s, g in _people(n)]


def kana_pairs(n: int) -> list[tuple[str, str]]:
    rng = random.Random(2)
    out = []
    for s, g in _people(n, _PEOPLE_SEED + 1):
        kana = s[1] + g[1]
        if rng.random() < 0.4:
            kana = jaconv.kata2hira(kana)
        out.append((kana, f"{s[2].upper()}, {g[2]}"))
    return out


_MACRONS = {"a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"}


def _long_vowels(romaji: str, style: str) -> str:
    """Write the long vowels ou/oo/uu of a romanisation in one style."""

    def write(match: re.Match[str] | _Group) -> str:
        vowel = match.group(1)
        if style == "macron":
            return _MACRONS[vowel]
        if style == "h" and vowel == "o":
            return "oh"
        if style == "double":
            return vowel * 2
        if style == "drop":
            return vowel
        return match.group(0)  # as the kana spell it: ou, uu

    return re.sub(r"(o)u|(?<=[^aeiu])(o)o|(u)u", lambda m: write(_Group(m)), romaji)


class _Group:
    """The vowel of a long-vowel match, whichever group caught it."""

    def __init__(self, match: re.Match[str]) -> None:
        self._match = match

    def group(self, i: int) -> str:
        if i == 0:
            return self._match.group(0)
        return next(g for g in self._match.groups() if g)


def hepburn_pairs(n: int) -> list[tuple[str, str]]:
    import cutlet  # type: ignore[import-untyped]

    romanisers = {
        system: cutlet.Cutlet(system=system, use_foreign_spelling=False) for system in ("hepburn", "kunrei")
    }
    rng = random.Random(4)
    out = []
    for s, g in _people(n, _PEOPLE_SEED + 2):
        system = rng.choice(("hepburn", "kunrei"))
        style = rng.choice(("macron", "h", "double", "drop", "kana"))
        words = [
            _long_vowels(
                romanisers[system].map_kana(jaconv.kata2hira(part[1])).replace("'", ""), style
            ).title()
            for part in (s, g)
        ]
        latin = f"{s[2].upper()} {g[2].upper()}"
        variant = " ".join(words) if rng.random() < 0.5 else f"{words[1]} {words[0]}"
        out.append((variant, latin))
    return out


GROUPS: dict[str, Callable[[int], list[tuple[str, str]]]] = {
    "Japanese kanji": kanji_pairs,
    "Japanese kana": kana_pairs,
    "Japanese romaji": hepburn_pairs,
}


if __name__ == "__main__":
    for label, make in GROUPS.items():
        print(label, make(6))
