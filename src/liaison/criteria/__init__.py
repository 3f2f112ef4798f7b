"""Risk criteria: the rule language and its evaluation. Pure, no I/O.

Read a rule with :func:`parse_rule` (JSON or YAML text through
:func:`load_text`), compile active rules into a :class:`RuleSet`, and
evaluate :class:`BookingFacts` with it.
"""

from liaison.criteria.conditions import NamedList, RuleError
from liaison.criteria.engine import ActiveRule, RuleHit, RuleSet, explain
from liaison.criteria.facts import BookingFacts, LegFacts, TravellerFacts
from liaison.criteria.language import RuleDefinition, load_text, parse_rule

__all__ = [
    "ActiveRule",
    "BookingFacts",
    "LegFacts",
    "NamedList",
    "RuleDefinition",
    "RuleError",
    "RuleHit",
    "RuleSet",
    "TravellerFacts",
    "explain",
    "load_text",
    "parse_rule",
]
