"""The word filter reads a rule's text as a person sees it: invisible characters,
fullwidth forms and look-alike letters from other scripts do not hide a word."""

from __future__ import annotations

import pytest

from liaison.criteria import RuleError, parse_rule
from liaison.criteria.lookalike import fold
from liaison.criteria.sensitive import forbidden_field, forbidden_words

ZWSP, SOFT_HYPHEN, ZWJ, WORD_JOINER = "\u200b", "\u00ad", "\u200d", "\u2060"

DISGUISED = [
    f"m{ZWSP}uslim travellers",  # zero-width space
    f"reli{SOFT_HYPHEN}gious pilgrims",  # soft hyphen
    f"J{ZWJ}ewish{WORD_JOINER} passengers",  # joiners
    "Musl\u0456m travellers",  # Cyrillic і
    "j\u0435wish passengers",  # Cyrillic е
    "religi\u043en",  # Cyrillic о
    "\u0440regnant travellers",  # Cyrillic р
    "\u0421hristians",  # Cyrillic С
    "religi\u03bfn",  # Greek ο
    "ｍｕｓｌｉｍ ｔｒａｖｅｌｌｅｒｓ",  # fullwidth
    "\u041cUSL\u0406\u041c TRAVELLERS",  # Cyrillic capitals М and І
    "trade\u00a0union members",  # no-break space
    "chre\u0301tiens",  # a combining accent
    "\U0001d5ff\U0001d5f2\U0001d5f9\U0001d5f6\U0001d5f4\U0001d5f6\U0001d5fc\U0001d5fb",  # sans-serif bold
]


@pytest.mark.parametrize("text", DISGUISED)
def test_a_disguised_word_is_refused(text: str) -> None:
    reason = forbidden_words(text)
    assert reason is not None, text
    assert "protected characteristic" in reason


@pytest.mark.parametrize("text", DISGUISED)
def test_a_disguised_rule_name_and_description_are_refused(text: str) -> None:
    for key in ("name", "description"):
        with pytest.raises(RuleError) as refused:
            parse_rule({"name": "n", "description": "d", "when": {"one_way": True}, key: text})
        assert refused.value.path == key


def test_the_reason_names_the_word_and_says_it_was_disguised() -> None:
    reason = forbidden_words("Musl\u0456m travellers")
    assert reason is not None
    assert reason.startswith("'muslim' (written with invisible or look-alike characters)")
    plain = forbidden_words("Chrétiens en voyage")
    assert plain is not None
    assert plain.startswith("'chretiens' names")


def test_a_disguised_condition_name_is_refused_with_its_reason() -> None:
    reason = forbidden_field("n\u0430tionality")  # Cyrillic а
    assert reason is not None
    assert "nationality is not a travel pattern" in reason
    with pytest.raises(RuleError) as refused:
        parse_rule({"name": "n", "description": "d", "when": {f"re{ZWSP}ligion": {"equals": "x"}}})
    assert "religion or philosophical beliefs" in refused.value.message


@pytest.mark.parametrize(
    "text",
    [
        "Short-notice one-way trips from Istanbul",
        "Allers simples réservés au dernier moment depuis Beyrouth",
        "Paid in cash, booked through a travel agency",
        "Переезды через Стамбул",  # Cyrillic words that name nothing protected
        "Ταξίδια μέσω Αθήνας",
    ],
)
def test_lawful_texts_still_pass(text: str) -> None:
    assert forbidden_words(text) is None


def test_the_skeleton() -> None:
    assert fold(f"Re{SOFT_HYPHEN}li{ZWSP}g\u0456\u03bfn") == "religion"  # Cyrillic і, Greek ο
    assert fold("ＨＡＬＡＬ") == "halal"
    assert fold("  kosher\t\u3000meals ") == "kosher meals"
    assert fold("\u0405\u0456\u041a\u04bb") == "sikh"  # Cyrillic Ѕ, і, К, һ
    assert fold("\u0430\u0435\u043e\u0440\u0441\u0443\u0445") == "aeopcyx"  # Cyrillic а е о р с у х
    assert fold("\u03b1\u03bf\u03c1\u03bd\u03b9") == "aopvi"  # Greek α ο ρ ν ι
