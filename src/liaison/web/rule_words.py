"""Rule conditions in the reader's language: the rule page's plain-words tree,
and a rule hit's stored explanation told again in that language.

A hit's explanation is stored as it was written when the rule fired (in
English, the API's language). Its shape follows the rule version's condition
tree, and the version keeps its own copy of its lists, so the page recompiles
that version and asks each condition to describe itself in the reader's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from liaison.criteria import RuleError
from liaison.criteria.language import All, AnyOf, Leaf, Node, Not
from liaison.criteria.wording import Gettext
from liaison.i18n import translations
from liaison.services.criteria import rules
from liaison.store.schema import User
from liaison.web.templating import reader_locale


def reader_gettext(request: Request, user: User) -> Gettext:
    """The page's translation of plain sentences (no %-formatting)."""
    return translations(reader_locale(request, user)).gettext


@dataclass(frozen=True)
class Plain:
    """A node of a rule's condition tree in plain words, for the page."""

    op: str  # all, any, not, condition
    title: str = ""
    description: str = ""
    kind: str = ""
    children: tuple[Plain, ...] = ()


def plain(node: Node, _: Gettext) -> Plain:
    if isinstance(node, Leaf):
        c = node.condition
        return Plain("condition", _(c.title), c.describe(_), c.kind)
    if isinstance(node, All):
        return Plain("all", children=tuple(plain(child, _) for child in node.children))
    if isinstance(node, AnyOf):
        return Plain("any", children=tuple(plain(child, _) for child in node.children))
    if isinstance(node, Not):
        return Plain("not", children=(plain(node.child, _),))
    return Plain("condition", type(node).__name__)


def told_in(db: Session, explanation: dict[str, Any], _: Gettext) -> dict[str, Any]:
    """A rule hit's explanation with each condition's name and sentence in the
    reader's language; as stored when the version cannot be read again or the
    shapes differ."""
    if explanation.get("kind") != "rule" or not isinstance(explanation.get("conditions"), dict):
        return explanation
    row = rules.stored_version(db, explanation.get("rule_id"), explanation.get("version"))
    if row is None:
        return explanation
    try:
        tree = rules.compile_version(row).definition.when
    except RuleError:
        return explanation
    return {**explanation, "conditions": _retold(tree, explanation["conditions"], _)}


def _retold(node: Node, told: dict[str, Any], _: Gettext) -> dict[str, Any]:
    if isinstance(node, Leaf):
        if told.get("condition") != node.condition.kind:
            return told
        return {**told, "name": _(node.condition.title), "description": node.condition.describe(_)}
    if isinstance(node, All | AnyOf):
        op = "all" if isinstance(node, All) else "any"
        children = told.get(op)
        if not isinstance(children, list) or len(children) != len(node.children):
            return told
        pairs = zip(node.children, children, strict=True)
        return {**told, op: [_retold(child, part, _) for child, part in pairs]}
    if isinstance(node, Not) and isinstance(told.get("not"), dict):
        return {**told, "not": _retold(node.child, told["not"], _)}
    return told
