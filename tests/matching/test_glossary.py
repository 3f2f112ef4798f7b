"""Every alignment rule the matcher can name has a plain-words line for the hit page."""

from __future__ import annotations

import re
from pathlib import Path

import liaison.matching
from liaison.matching import compare
from liaison.matching.explain import RULES, PartAlignment
from liaison.matching.names import parse_name

MATCHING = Path(liaison.matching.__file__).parent
# How the matcher names a rule: `return sim, "rule"`, `sim, rule = ..., "rule"`, `rule = "rule"`.
_RETURNED = re.compile(r'(?:return|rule\s*=)[^\n]*?,\s*"([a-z_]+)"\s*$', re.MULTILINE)
_ASSIGNED = re.compile(r'\brule\s*=\s*"([a-z_]+)"')


def _emitted() -> set[str]:
    found: set[str] = set(compare._EXACT_RULE.values())
    for path in MATCHING.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(_RETURNED.findall(text)) | set(_ASSIGNED.findall(text))
    return found


def test_every_rule_the_matcher_emits_is_in_the_glossary() -> None:
    emitted = _emitted()
    assert {"exact", "skeleton", "vowels", "joined", "truncated", "romanisation"} <= emitted
    assert emitted - set(RULES) == set(), "add a line to liaison.matching.explain.RULES"


def test_every_rule_the_documentation_lists_is_in_the_glossary() -> None:
    listed = set(re.findall(r"``([a-z_]+)``", PartAlignment.__doc__ or "")) - {"rule"}
    assert listed - set(RULES) == set()


def test_rules_seen_on_real_pairs_are_in_the_glossary() -> None:
    pairs = [
        ("Abdul Rahman Khan", "Abdulrahman Khan"),
        ("Usama bin Ladin", "Osama bin Laden"),
        ("Theodore Lakahl", "Ted Lakhal"),
        ("Abiyot Bekele", "Abiy Bekele"),
        ("J. Robert Miller", "John Robert Miller"),
        ("Kim Jong Un", "Gim Jong Un"),
        ("Sergejs Lavrovs", "Sergej Lavrov"),
        ("عامر خان", "Amer Khan"),
    ]
    seen = {
        part.rule for a, b in pairs for part in compare.compare_names(parse_name(a), parse_name(b)).aligned
    }
    assert seen - set(RULES) == set()
    assert len(seen) >= 5


def test_every_line_is_a_short_plain_sentence() -> None:
    for rule, text in RULES.items():
        assert text == text.strip(), rule
        assert 10 <= len(text) <= 160, rule
