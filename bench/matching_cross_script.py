"""Cross-script benchmark: native-script names against their Latin forms.

Pairs are built from name data and transliteration schemes shipped in
packages, never from Liaison's own transliteration:

- Cyrillic: Faker ru_RU, uk_UA and bg_BG person names, romanised by the
  ``transliterate`` package (its Russian, Ukrainian and Bulgarian packs).
- Greek: Faker el_GR person names, romanised by ``transliterate`` (Greek).
- Chinese: Faker zh_CN person names, romanised by ``pypinyin`` as
  surname + given name (``Liang Xin``).
- Korean: Faker ko_KR person names, romanised by ``hangul-romanize``
  (Revised Romanisation, academic rule) as surname + given name.
- Arabic: Faker ar_AA given names paired with Latin spellings of the same
  name found among the UN-list names, where both carry the same person-name
  symbol (Wikidata name items) in the ``rigour`` package; rigour lives in
  the baseline environment, so bench/baseline/arabic_latin_pairs.py does the
  pairing. Two such names make a person: ``given father``.

Recall is the share of true pairs scoring at or above the default
threshold; false alarms are measured on the same names paired with the
Latin form of another person of the same script (20 per name), so both
numbers come from one threshold and one budget.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable

from faker import Faker
from hangul_romanize import Transliter  # type: ignore[import-untyped]
from hangul_romanize.rule import academic  # type: ignore[import-untyped]
from pypinyin import lazy_pinyin
from transliterate import translit  # type: ignore[import-untyped]

from cross_script_foreign import GROUPS as FOREIGN_GROUPS
from cross_script_japanese import GROUPS as JAPANESE_GROUPS
from cross_script_scripts import GROUPS as SCRIPT_GROUPS
from liaison.matching import DEFAULT_THRESHOLD
from machine import describe
from matching_common import BASELINE_PY, SCREENING, read_rows, report_pairs, run_baseline

PER_SCRIPT = 400
IMPOSTORS = 20


def faker_names(locale: str, n: int) -> list[tuple[str, str]]:
    """(given, family) names from a Faker locale, deterministic."""
    fake = Faker(locale)
    fake.seed_instance(11)
    return [(fake.first_name(), fake.last_name()) for _ in range(n)]


def cyrillic_pairs(n: int) -> list[tuple[str, str]]:
    pairs = []
    for locale, lang in (("ru_RU", "ru"), ("uk_UA", "uk"), ("bg_BG", "bg")):
        for given, family in faker_names(locale, n // 3 + 1):
            native = f"{given} {family}"
            pairs.append((native, translit(native, lang, reversed=True)))
    return pairs[:n]


def greek_pairs(n: int) -> list[tuple[str, str]]:
    return [(f"{g} {f}", translit(f"{g} {f}", "el", reversed=True)) for g, f in faker_names("el_GR", n)]


def chinese_pairs(n: int) -> list[tuple[str, str]]:
    out = []
    for given, family in faker_names("zh_CN", n):
        latin = f"{''.join(lazy_pinyin(family)).title()} {''.join(lazy_pinyin(given)).title()}"
        out.append((family + given, latin))
    return out


def korean_pairs(n: int) -> list[tuple[str, str]]:
    romaniser = Transliter(academic)
    out = []
    for given, family in faker_names("ko_KR", n):
        latin = f"{romaniser.translit(family).upper()} {romaniser.translit(given).upper()}"
        out.append((family + given, latin))
    return out


def arabic_pairs(n: int) -> list[tuple[str, str]]:
    from faker.providers.person.ar_AA import Provider as Arabic

    arabic = sorted({x for x in (*Arabic.first_names_male, *Arabic.first_names_female) if " " not in x})
    latin = sorted(
        {
            w.title()
            for row in read_rows(SCREENING / "positives_un_untreated.csv")
            for w in re.split(r"[\s,\-]+", row["full_name"])
            if len(w) > 2 and w.isalpha()
        }
    )
    names: list[list[str]] = json.loads(
        run_baseline("arabic_latin_pairs.py", stdin=json.dumps({"arabic": arabic, "latin": latin}))
    )
    rng = random.Random(5)
    pairs = []
    for _ in range(n):
        (a1, l1), (a2, l2) = rng.sample(names, 2)
        pairs.append((f"{a1} {a2}", f"{l1} {l2}"))
    return pairs


SCRIPTS: dict[str, Callable[[int], list[tuple[str, str]]]] = {
    "Cyrillic (ru/uk/bg)": cyrillic_pairs,
    "Greek": greek_pairs,
    "Chinese": chinese_pairs,
    "Korean": korean_pairs,
}
if BASELINE_PY.exists():
    SCRIPTS["Arabic"] = arabic_pairs
SCRIPTS.update(SCRIPT_GROUPS)
SCRIPTS.update(JAPANESE_GROUPS)
SCRIPTS.update(FOREIGN_GROUPS)


def main() -> None:
    print(describe())
    print(f"threshold {DEFAULT_THRESHOLD}; {PER_SCRIPT} names per script, {IMPOSTORS} impostors each")
    rng = random.Random(3)
    for label, make in SCRIPTS.items():
        report_pairs(label, make(PER_SCRIPT), IMPOSTORS, rng, shown=3)


if __name__ == "__main__":
    main()
