"""Text as a reader sees it, for the word filter: invisible characters,
compatibility forms, accents and look-alike letters taken out.

A rule named "m\u200buslim" (a zero-width space inside), "ｍｕｓｌｉｍ"
(fullwidth) or "muslіm" (a Cyrillic і) reads the same on screen as
"muslim"; the filter must see it so. :func:`fold` gives the Latin
skeleton of a text, in the spirit of Unicode's TR39 skeletons: NFKC,
format characters (category Cf: zero-width spaces and joiners, soft
hyphens, bidirectional marks) and other default-ignorable characters
dropped, accents dropped, each letter that looks like a Latin letter
replaced by it (Unicode's confusables data, as the maintained
``confusable_homoglyphs`` package ships it), case folded, runs of spaces
made one. The result is only ever checked, never stored or shown.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# Default-ignorable characters outside category Cf (Unicode's DerivedCoreProperties):
# Hangul fillers, Khmer inherent vowels, Mongolian free variation selectors,
# the combining grapheme joiner and variation selectors (the last three are
# also combining marks, dropped with the accents).
_IGNORABLE = frozenset("\u115f\u1160\u17b4\u17b5\u3164\uffa0\u034f")


def fold(text: str) -> str:
    """The Latin skeleton of ``text``: what the word filter compares."""
    visible = unicodedata.normalize("NFKC", text)
    kept = "".join(c for c in visible if unicodedata.category(c) != "Cf" and c not in _IGNORABLE)
    table = _latin()
    latin = "".join(c if c.isascii() else table.get(c, c) for c in _unaccented(kept))
    return plain(latin)


def plain(text: str) -> str:
    """``text`` in compatibility forms, lower case, without accents, spaces made
    one; nothing taken out or replaced (to tell a disguised word from a plain one)."""
    folded = _unaccented(unicodedata.normalize("NFKC", text).casefold())
    return " ".join(unicodedata.normalize("NFC", folded).split())


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@cache
def _latin() -> dict[str, str]:
    """Each non-ASCII character that looks like Latin letters, with those
    letters in lower case (Cyrillic "р" gives "p", Greek "ο" gives "o")."""
    from confusable_homoglyphs import confusables  # ~1 MB of data: read on first use

    data: dict[str, list[dict[str, str]]] = confusables.confusables_data
    table: dict[str, str] = {}
    for char in data:
        if len(char) == 1 and not char.isascii():
            found = _prototype(data, char) or _prototype(data, char.casefold())
            if found is not None:
                # TR39 gives capital I the prototype "l" (they look alike); a
                # capital that looks like I reads as i here, where case is folded.
                table[char] = "i" if found == "l" and char.isupper() else found
    return table


def _prototype(data: dict[str, list[dict[str, str]]], char: str, depth: int = 0) -> str | None:
    """The ASCII letters ``char`` looks like, following look-alikes of look-alikes
    a little way ("τ" looks like small capital "ᴛ", which looks like "t")."""
    entries = data.get(char, [])
    for entry in entries:
        letters = _bare(entry["c"])
        if letters and letters.isascii() and letters.isalpha():
            return letters
    if depth < 2:
        for entry in entries:
            other = entry["c"]
            if len(other) == 1 and not other.isascii():
                found = _prototype(data, other, depth + 1)
                if found is not None:
                    return found
    return None


def _bare(text: str) -> str:
    """Lower case, without marks or format characters (the data wraps
    right-to-left characters in direction marks)."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return "".join(c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
