"""Small readers of parsed PNRGOV XML elements, namespace-blind.

Airlines send the schema namespace of their guide version, or none, and some
carry a value as an attribute where others use a child element: these helpers
accept both, so that the readers can name what they look for once.
"""

from __future__ import annotations

from functools import lru_cache
from xml.etree.ElementTree import Element


@lru_cache(maxsize=4096)
def local(tag: str) -> str:
    """The element name without its namespace (memoised: a push repeats a few dozen names)."""
    return tag.rsplit("}", 1)[-1] if tag[:1] == "{" else tag


def children(el: Element | None, name: str) -> list[Element]:
    """Direct children called ``name``, also those inside a plural container
    (``Passengers/Passenger``, ``SSRs/SSR``), in document order."""
    if el is None:
        return []
    plural = name + "s"
    found: list[Element] = []
    for c in el:
        n = local(c.tag)
        if n == name:
            found.append(c)
        elif n == plural:
            found.extend(g for g in c if local(g.tag) == name)
    return found


def child(el: Element | None, *names: str) -> Element | None:
    """The first direct child called one of ``names``."""
    if el is None:
        return None
    for c in el:
        if local(c.tag) in names:
            return c
    return None


def attr(el: Element | None, *names: str) -> str | None:
    """The first non-blank attribute of ``names``, stripped."""
    if el is None:
        return None
    for n in names:
        v = el.get(n)
        if v is not None and v.strip():
            return v.strip()
    return None


def text(el: Element | None) -> str | None:
    """The element's own text, stripped; None when blank."""
    if el is None or el.text is None:
        return None
    return el.text.strip() or None


def value(el: Element | None, *names: str) -> str | None:
    """An attribute called one of ``names``, else the text of such a child element."""
    found = attr(el, *names)
    if found is not None or el is None:
        return found
    for c in el:
        if local(c.tag) in names and (t := text(c)) is not None:
            return t
    return None
