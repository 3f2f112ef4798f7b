"""The validator: lawful rules accepted, sensitive ones refused with the
reason, every mistake named by its path."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liaison.criteria import (
    ActiveRule,
    BookingFacts,
    LegFacts,
    NamedList,
    RuleError,
    RuleSet,
    load_text,
    parse_rule,
)
from liaison.criteria.conditions import BUILDERS
from liaison.criteria.sensitive import FORBIDDEN_FIELDS


def rule(when: Any, **texts: str) -> dict[str, Any]:
    return {"name": texts.get("name", "a rule"), "description": texts.get("description", "why"), "when": when}


@pytest.mark.parametrize("field", sorted(FORBIDDEN_FIELDS))
def test_every_sensitive_condition_is_refused_with_its_reason(field: str) -> None:
    with pytest.raises(RuleError) as refused:
        parse_rule(rule({"all": [{"one_way": True}, {field: {"equals": "x"}}]}))
    assert refused.value.path == f"when.all[1].{field}"
    assert "refused under Article 6(4)" in refused.value.message


def test_a_sensitive_parameter_inside_a_lawful_condition_is_refused() -> None:
    with pytest.raises(RuleError) as refused:
        parse_rule(rule({"departs_from": {"airports": ["IST"], "meal": "MOML"}}))
    assert refused.value.path == "when.departs_from.meal"
    assert "religion" in refused.value.message


@pytest.mark.parametrize(
    "text",
    [
        "Muslim travellers to Paris",
        "voyageurs juifs",
        "passengers needing a wheelchair",
        "halal meal on board",
    ],
)
def test_a_rule_text_naming_a_protected_characteristic_is_refused(text: str) -> None:
    with pytest.raises(RuleError) as refused:
        parse_rule(rule({"one_way": True}, name=text))
    assert refused.value.path == "name"


def test_a_list_named_after_a_protected_characteristic_is_refused() -> None:
    lists = {"muslim countries": NamedList("muslim countries", "countries", frozenset({"SA"}))}
    with pytest.raises(RuleError) as refused:
        parse_rule(rule({"one_way": True}), lists)
    assert "protected characteristic" in refused.value.message


@pytest.mark.parametrize(
    ("when", "path", "words"),
    [
        ({"departs_from": {"airports": ["XQZ"]}}, "when.departs_from.airports[0]", "IATA airport"),
        ({"departs_from": {"countries": ["ZZ"]}}, "when.departs_from.countries[0]", "ISO 3166"),
        ({"departs_from": {"lists": ["nowhere"]}}, "when.departs_from.lists[0]", "no list named"),
        ({"departs_from": {}}, "when.departs_from", "at least one"),
        ({"route": {"stops": [{"airports": ["IST"]}]}}, "when.route.stops", "two stops"),
        ({"booked_before_departure": {"max_hours": -1}}, "when.booked_before_departure.max_hours", "number"),
        ({"group_size": {"min": 5, "max": 2}}, "when.group_size", "above"),
        ({"payment": {"types": ["bitcoin"]}}, "when.payment.types", "cash"),
        ({"one_way": "yes"}, "when.one_way", "true or false"),
        ({"teleports": True}, "when.teleports", "unknown condition"),
        ({"all": []}, "when.all", "non-empty"),
        ({"one_way": True, "bags": {"min": 1}}, "when", "one condition"),
        ({"card_bin": {"bins": ["VISA"]}}, "when.card_bin.bins", "BIN prefix"),
    ],
)
def test_mistakes_are_named_by_path(when: Any, path: str, words: str) -> None:
    with pytest.raises(RuleError) as refused:
        parse_rule(rule(when))
    assert refused.value.path == path
    assert words in refused.value.message


def test_name_and_description_are_required() -> None:
    with pytest.raises(RuleError) as refused:
        parse_rule({"name": "x", "when": {"one_way": True}})
    assert refused.value.path == "description"


def test_lawful_rules_are_accepted_from_yaml_and_json() -> None:
    text = """
name: Short-notice one-way trips through departure points of concern
description: Facilitators book late, one way, paying cash.
when:
  all:
    - transits: {lists: [departure points of concern]}
    - one_way: true
    - booked_before_departure: {max_hours: 48}
    - payment: {types: [cash]}
"""
    lists = {
        "departure points of concern": NamedList(
            "departure points of concern", "airports", frozenset({"IST"})
        )
    }
    definition = parse_rule(load_text(text), lists)
    assert definition.lists == ("departure points of concern",)
    assert [c.kind for c in definition.leaves()] == [
        "transits",
        "one_way",
        "booked_before_departure",
        "payment",
    ]
    assert parse_rule(load_text('{"name": "n", "description": "d", "when": {"one_way": true}}')).name == "n"


def test_bad_yaml_names_the_line() -> None:
    with pytest.raises(RuleError) as refused:
        load_text("name: [unclosed\n")
    assert "line" in refused.value.path


def test_every_condition_type_is_documented_and_buildable() -> None:
    """No condition type exists that the tests above do not name (a new one
    must come with its own test and pass the sensitive-data review)."""
    assert set(BUILDERS) == {
        "departs_from", "arrives_at", "transits", "visits", "route", "broken_travel",
        "returns_within_days", "booked_before_departure", "one_way", "payment", "card_bin",
        "paid_by_third_party", "travel_agency", "group_size", "bags", "changed_since_last_push",
        "document_issued_within_days",
    }  # fmt: skip
    assert not set(BUILDERS) & set(FORBIDDEN_FIELDS)


AIRPORTS = ["IST", "SAW", "BEY", "ATH", "FRA", "CDG", "DXB", "DOH", "AMS", "MAD"]


@settings(max_examples=60, deadline=None)
@given(
    rules=st.lists(st.lists(st.sampled_from(AIRPORTS), min_size=1, max_size=3), min_size=1, max_size=8),
    path=st.lists(st.sampled_from(AIRPORTS), min_size=2, max_size=5),
)
def test_the_place_index_never_changes_the_answer(rules: list[list[str]], path: list[str]) -> None:
    """Skipping rules by place gives exactly the rules a full evaluation fires."""
    from datetime import datetime, timedelta

    start = datetime(2026, 11, 20, 8)
    legs = tuple(
        LegFacts.of(a, b, start + timedelta(hours=6 * i), start + timedelta(hours=6 * i + 3))
        for i, (a, b) in enumerate(itertools.pairwise(path))
    )
    facts = BookingFacts(legs=legs)
    active = [
        ActiveRule(
            i,
            1,
            parse_rule(
                rule(
                    {"any": [{"transits": {"airports": airports}}, {"departs_from": {"airports": airports}}]}
                )
            ),
        )
        for i, airports in enumerate(rules)
    ]
    fired = {h.rule.rule_id for h in RuleSet(active).evaluate(facts)}
    expected = {r.rule_id for r in active if r.definition.when.test(facts, None)}
    assert fired == expected
