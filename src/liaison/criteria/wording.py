"""The words a rule is described in, in the reader's language.

Rule sentences are written here in English and marked for the Babel
catalogue. ``describe`` takes a ``gettext`` so the pages can show them in
French without this pure package knowing about catalogues or requests.
"""

from __future__ import annotations

from collections.abc import Callable

Gettext = Callable[[str], str]


def english(message: str) -> str:
    """The sentences as written (the API and stored explanations use them)."""
    return message


def N_(message: str) -> str:
    """Mark a sentence for the catalogue where it is defined, not translated there."""
    return message
