"""Rule conditions read in the reader's language: every sentence goes through
the catalogue, and the English written in the code is what the API keeps."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.criteria import NamedList, parse_rule
from liaison.criteria.conditions import BUILDERS
from liaison.i18n import translations

BINS = NamedList("cards of concern", "bins", frozenset({"424242"}))

# One condition of every type, ranges written every way round.
EVERY_CONDITION: list[dict[str, Any]] = [
    {"departs_from": {"airports": ["IST"], "countries": ["TR"]}},
    {"arrives_at": {"airports": ["AMS", "BRU", "CDG", "FRA", "MAD", "FCO", "VIE"]}},
    {"transits": {"airports": ["DOH"]}},
    {"visits": {"countries": ["SY"]}},
    {"route": {"stops": [{"airports": ["IST"]}, {"airports": ["GZT"]}], "within_hours": 24}},
    {"route": {"stops": [{"airports": ["IST"]}, {"airports": ["GZT"]}]}},
    {"broken_travel": {"within_hours": 12}},
    {"returns_within_days": {"max_days": 3}},
    {"booked_before_departure": {"min_hours": 2, "max_hours": 48}},
    {"booked_before_departure": {"min_hours": 2}},
    {"booked_before_departure": {"max_hours": 48}},
    {"one_way": True},
    {"one_way": False},
    {"payment": {"types": ["cash", "card", "check", "government", "invoice", "miscellaneous", "other"]}},
    {"card_bin": {"lists": ["cards of concern"]}},
    {"card_bin": {"bins": ["4242", "5123"]}},
    {"paid_by_third_party": True},
    {"paid_by_third_party": False},
    {"travel_agency": True},
    {"travel_agency": {"agencies": ["12345675"]}},
    {"group_size": {"min": 2, "max": 6}},
    {"group_size": {"min": 5}},
    {"bags": {"max": 0}},
    {"changed_since_last_push": {"fields": ["legs", "seats", "travellers", "documents", "payments", "bags"]}},
    {"document_issued_within_days": {"max_days": 30}},
]


def _leaves() -> list[Any]:
    rule = parse_rule(
        {"name": "every condition", "description": "one of each kind", "when": {"all": EVERY_CONDITION}},
        {BINS.name: BINS},
    )
    return rule.leaves()


def test_the_examples_cover_every_condition_type() -> None:
    assert {leaf.kind for leaf in _leaves()} == set(BUILDERS)


@pytest.mark.parametrize("index", range(len(EVERY_CONDITION)))
def test_every_sentence_reads_in_french(index: int) -> None:
    french = translations("fr").gettext
    condition = _leaves()[index]
    english, translated = condition.describe(), condition.describe(french)
    assert translated != english
    assert "{" not in translated, "every placeholder filled"
    for word in ("journey", "booked", "paid", "bags", "travellers", " or ", " more", "country", "hours"):
        assert word not in translated, f"{word!r} left in English: {translated}"


def test_names_and_values_are_kept() -> None:
    french = translations("fr").gettext
    by_kind: dict[str, Any] = {}
    for leaf in _leaves():
        by_kind.setdefault(leaf.kind, leaf)
    assert by_kind["departs_from"].describe(french) == "le voyage commence à IST, pays TR"
    assert by_kind["arrives_at"].describe(french) == (
        "la destination du voyage est AMS, BRU, CDG, FCO, FRA, MAD et 1 autres"
    )
    assert by_kind["payment"].describe() == (
        "paid by card or cash or cheque or government transportation request or invoice"
        " or miscellaneous charge order or another form of payment"
    )
    cards_on_a_list, cards_by_prefix = (leaf for leaf in _leaves() if leaf.kind == "card_bin")
    assert (
        cards_on_a_list.describe(french)
        == "payé avec une carte dont le BIN figure sur la liste «cards of concern»"
    )
    assert cards_by_prefix.describe(french) == "payé avec une carte dont le BIN commence par 4242, 5123"
    assert by_kind["route"].describe(french) == "tronçons consécutifs [IST] → [GZT] en 24 heures au plus"
