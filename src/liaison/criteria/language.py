"""The rule language: a rule as JSON or YAML, read into a condition tree.

A rule is a mapping::

    name: Short-notice one-way trips from departure points of concern
    description: why the supervisor wants it (required)
    when:
      all:
        - departs_from: {lists: [departure points of concern]}
        - one_way: true
        - booked_before_departure: {max_hours: 48}
        - not: {payment: {types: [card]}}

``all``, ``any`` and ``not`` combine conditions; every other key is a
condition type of :data:`liaison.criteria.conditions.BUILDERS`. Anything
wrong is refused with the path of the part at fault; conditions on
sensitive characteristics are refused with the reason.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from liaison.criteria.conditions import BUILDERS, Condition, NamedList, Reader, RuleError
from liaison.criteria.facts import BookingFacts, TravellerFacts
from liaison.criteria.places import Places
from liaison.criteria.sensitive import forbidden_field, forbidden_words

MAX_DEPTH = 8


Predicate = Callable[[BookingFacts, TravellerFacts | None], bool]


def _conjunction(parts: list[Predicate]) -> Predicate:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        first, second = parts
        return lambda b, t: first(b, t) and second(b, t)

    def every(b: BookingFacts, t: TravellerFacts | None) -> bool:
        for part in parts:  # noqa: SIM110 (a plain loop is faster than all() over a generator)
            if not part(b, t):
                return False
        return True

    return every


def _disjunction(parts: list[Predicate]) -> Predicate:
    if len(parts) == 1:
        return parts[0]

    def some(b: BookingFacts, t: TravellerFacts | None) -> bool:
        for part in parts:  # noqa: SIM110 (a plain loop is faster than any() over a generator)
            if part(b, t):
                return True
        return False

    return some


class Node(ABC):
    """A node of the condition tree."""

    @property
    @abstractmethod
    def traveller_level(self) -> bool:
        """Whether the node looks at a traveller, not only at the booking."""

    @abstractmethod
    def compile(self) -> Predicate:
        """The node as one function, children ordered so that the cheap and
        selective place conditions run first (the answer is the same: the
        conditions have no side effects)."""

    @abstractmethod
    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        """Whether the booking (and traveller) satisfies the node."""

    @abstractmethod
    def explain(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        """Each condition with its values and whether it was satisfied."""

    @abstractmethod
    def leaves(self) -> list[Condition]:
        """The conditions under the node."""

    def places(self) -> Places | None:
        """Places a booking must touch for the node to hold, if any can be said."""
        return None


@dataclass(frozen=True)
class Leaf(Node):
    condition: Condition

    @property
    def traveller_level(self) -> bool:
        return self.condition.traveller_level

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return self.condition.test(booking, traveller)

    @cached_property
    def description(self) -> str:
        """The condition's sentence as explanations store it (in English), once."""
        return self.condition.describe()

    def explain(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        return {
            "condition": self.condition.kind,
            "name": self.condition.title,
            "description": self.description,
            "satisfied": self.condition.test(booking, traveller),
            "values": self.condition.evidence(booking, traveller),
        }

    def leaves(self) -> list[Condition]:
        return [self.condition]

    def compile(self) -> Predicate:
        return self.condition.test

    def places(self) -> Places | None:
        return self.condition.places()


@dataclass(frozen=True)
class All(Node):
    children: tuple[Node, ...]

    @property
    def traveller_level(self) -> bool:
        return any(c.traveller_level for c in self.children)

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return all(c.test(booking, traveller) for c in self.children)

    def explain(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        parts = [c.explain(booking, traveller) for c in self.children]
        return {"all": parts, "satisfied": all(p["satisfied"] for p in parts)}

    def compile(self) -> Predicate:
        ordered = sorted(self.children, key=lambda c: c.places() is None)
        return _conjunction([c.compile() for c in ordered])

    def leaves(self) -> list[Condition]:
        return [leaf for c in self.children for leaf in c.leaves()]

    def places(self) -> Places | None:
        # Any one necessary child is enough: take the narrowest.
        known = [p for p in (c.places() for c in self.children) if p is not None]
        return min(known, key=lambda p: len(p.airports) + 250 * len(p.countries), default=None)


@dataclass(frozen=True)
class AnyOf(Node):
    children: tuple[Node, ...]

    @property
    def traveller_level(self) -> bool:
        return any(c.traveller_level for c in self.children)

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return any(c.test(booking, traveller) for c in self.children)

    def explain(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        parts = [c.explain(booking, traveller) for c in self.children]
        return {"any": parts, "satisfied": any(p["satisfied"] for p in parts)}

    def compile(self) -> Predicate:
        return _disjunction([c.compile() for c in self.children])

    def leaves(self) -> list[Condition]:
        return [leaf for c in self.children for leaf in c.leaves()]

    def places(self) -> Places | None:
        known = [c.places() for c in self.children]
        if not known or any(p is None for p in known):
            return None
        union = Places()
        for p in known:
            assert p is not None
            union = union | p
        return union


@dataclass(frozen=True)
class Not(Node):
    child: Node

    @property
    def traveller_level(self) -> bool:
        return self.child.traveller_level

    def test(self, booking: BookingFacts, traveller: TravellerFacts | None) -> bool:
        return not self.child.test(booking, traveller)

    def explain(self, booking: BookingFacts, traveller: TravellerFacts | None) -> dict[str, Any]:
        inner = self.child.explain(booking, traveller)
        return {"not": inner, "satisfied": not inner["satisfied"]}

    def compile(self) -> Predicate:
        inner = self.child.compile()
        return lambda b, t: not inner(b, t)

    def leaves(self) -> list[Condition]:
        return self.child.leaves()


@dataclass(frozen=True)
class RuleDefinition:
    """A rule read and checked: its texts, its tree and the lists it uses."""

    name: str
    description: str
    when: Node
    lists: tuple[str, ...] = field(default=())

    def leaves(self) -> list[Condition]:
        return self.when.leaves()


def load_text(text: str) -> Any:
    """A rule from JSON or YAML text (YAML is a superset; JSON is tried first
    for its clearer errors)."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise RuleError(where, f"not valid JSON or YAML ({getattr(exc, 'problem', exc)})") from None


def parse_rule(definition: Any, lists: Mapping[str, NamedList] | None = None) -> RuleDefinition:
    """Check a rule and build its tree, or raise :class:`RuleError`."""
    if not isinstance(definition, dict):
        raise RuleError("", "a rule is a mapping with name, description and when")
    unknown = sorted(set(definition) - {"name", "description", "when"})
    if unknown:
        raise RuleError(unknown[0], "unknown key (a rule has name, description and when)")
    texts = {}
    for key in ("name", "description"):
        value = definition.get(key)
        if not isinstance(value, str) or not value.strip():
            raise RuleError(key, "required: say in plain words what the rule selects and why")
        reason = forbidden_words(value)
        if reason is not None:
            raise RuleError(key, reason)
        texts[key] = value.strip()
    if "when" not in definition:
        raise RuleError("when", "required: the conditions of the rule")
    reader = Reader(lists or {})
    for name in lists or {}:
        reason = forbidden_words(name)
        if reason is not None:
            raise RuleError("lists", reason)
    tree = _node(definition["when"], "when", reader, 0)
    return RuleDefinition(texts["name"], texts["description"], tree, tuple(sorted(reader.used_lists)))


def _node(value: Any, path: str, reader: Reader, depth: int) -> Node:
    if depth > MAX_DEPTH:
        raise RuleError(path, f"nested more than {MAX_DEPTH} levels deep")
    if not isinstance(value, dict) or len(value) != 1:
        raise RuleError(path, "expected one condition, or one of all / any / not")
    ((key, inner),) = value.items()
    if not isinstance(key, str):
        raise RuleError(path, "expected a condition name")
    where = f"{path}.{key}"
    if key in ("all", "any"):
        if not isinstance(inner, list) or not inner:
            raise RuleError(where, "expected a non-empty list of conditions")
        children = tuple(_node(c, f"{where}[{i}]", reader, depth + 1) for i, c in enumerate(inner))
        return All(children) if key == "all" else AnyOf(children)
    if key == "not":
        return Not(_node(inner, where, reader, depth + 1))
    reason = forbidden_field(key)
    if reason is not None:
        raise RuleError(where, reason)
    builder = BUILDERS.get(key)
    if builder is None:
        raise RuleError(where, f"unknown condition (known: {', '.join(sorted(BUILDERS))})")
    if isinstance(inner, dict):
        for param in inner:
            reason = forbidden_field(str(param))
            if reason is not None:
                raise RuleError(f"{where}.{param}", reason)
    return Leaf(builder(reader, inner, where))
