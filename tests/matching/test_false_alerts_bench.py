"""The false-alert bench's generators at a tiny size: the shape the figures rest on."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from false_alerts_data import generate_people, name_key, plant_variants, script_of
from matching_false_alerts import SameName, indistinguishable, slip_near


def test_people_cover_the_scripts_with_dated_and_undated_persons() -> None:
    people = generate_people(1000, seed=5)
    scripts = Counter(script_of(p.name) for p in people)
    for script in ("latin", "han", "kana", "hangul", "arabic", "hebrew", "cyrillic", "greek"):
        assert scripts[script] > 0, script
    # East-Asian scripts are well represented, not a sliver.
    assert scripts["han"] + scripts["kana"] + scripts["hangul"] > 0.15 * len(people)
    dated = sum(p.birth_date is not None for p in people) / len(people)
    assert 0.85 <= dated <= 0.95
    # A share of each non-Latin locale is written in Latin.
    for locale in ("zh_CN", "ja_JP", "ko_KR", "ru_RU"):
        own = [p for p in people if p.locale == locale]
        latin = sum(script_of(p.name) == "latin" for p in own)
        assert 0 < latin < len(own), locale


def test_generation_is_deterministic_per_seed() -> None:
    assert generate_people(200, seed=9) == generate_people(200, seed=9)
    assert generate_people(200, seed=9) != generate_people(200, seed=10)


def test_planted_variants_differ_from_their_source() -> None:
    register = generate_people(800, seed=3)
    variants = plant_variants(register, 200, seed=4)
    assert len(variants) == 200
    kinds = Counter(kind for v in variants for kind in v.kinds)
    for kind in ("typo", "middle", "order", "script", "year_digit", "date_dropped"):
        assert kinds[kind] > 0, kind
    for variant in variants:
        source = register[variant.source]
        assert variant.person.identity == source.identity
        assert (variant.person.name, variant.person.birth_date) != (source.name, source.birth_date)
        if "script" in variant.kinds:
            assert script_of(variant.person.name) != script_of(source.name) or name_key(
                variant.person.name
            ) != name_key(source.name)
        slips = {"day_digit", "month_digit", "day_month_swap", "year_digit"} & set(variant.kinds)
        if slips:
            assert source.birth_date
            assert variant.person.birth_date
            assert slip_near(source.birth_date, variant.person.birth_date)


def test_an_innocent_with_the_same_name_and_date_is_told_apart() -> None:
    register = generate_people(300, seed=3)
    same = SameName(register)
    person = next(p for p in register if p.birth_date)
    assert indistinguishable(person, register, same)
    assert not slip_near("1968-04-12", "1998-04-12")
    assert slip_near("1968-04-12", "1965-04-12")
    assert slip_near("1968-04-12", "1968-12-04")
