"""Mangled spellings of register names, to measure the candidate index's recall.

A traveller's name reaches screening with the slips people and machines
make: a typo of any kind (a letter replaced, added, dropped or two letters
swapped) in one or two parts, a capital shifted inside a part, a space moved
inside the name, parts glued together, a part dropped, the order swapped,
given names cut to initials, and several of these at once. The generator is
seeded, so a test built on it is deterministic; the bench
(bench/matching_index_recall.py) and tests/matching/test_index_recall.py
share it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from faker import Faker

# Mostly Latin-script locales (where typos and capitals apply), plus a few
# others written as the locale writes them.
LOCALES = (
    "en_US",
    "en_GB",
    "de_DE",
    "fr_FR",
    "es_ES",
    "it_IT",
    "pl_PL",
    "tr_TR",
    "pt_BR",
    "nl_NL",
    "cs_CZ",
    "hu_HU",
    "ro_RO",
    "sv_SE",
    "id_ID",
    "vi_VN",
    "ru_RU",
    "el_GR",
    "ar_AA",
)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def faker_names(count: int, seed: int) -> list[str]:
    """Distinct Faker person names (without prefixes or suffixes) over many locales."""
    fake = Faker(list(LOCALES))
    Faker.seed(seed)
    rng = random.Random(seed)
    names: dict[str, None] = {}
    while len(names) < count:
        person = fake[rng.choice(LOCALES)]
        names[f"{person.first_name()} {person.last_name()}"] = None
        if len(names) < count and rng.random() < 0.3:
            names[f"{person.first_name()} {person.first_name()} {person.last_name()}"] = None
    return list(names)


def _letter(rng: random.Random, word: str) -> str:
    """A replacement letter in the case and alphabet of ``word``."""
    if word.isascii():
        return rng.choice(_LETTERS)
    letters = [c.lower() for c in word if c.isalpha()]
    return rng.choice(letters) if letters else rng.choice(_LETTERS)


def _case_like(letter: str, model: str) -> str:
    return letter.upper() if model.isupper() else letter.lower()


def typo(rng: random.Random, word: str) -> str:
    """One slip of any kind anywhere in ``word``, the first and last letters included."""
    if len(word) < 2:
        return word
    kind = rng.randrange(4)
    i = rng.randrange(len(word))
    if kind == 0:  # substitution
        new = _case_like(_letter(rng, word), word[i])
        return word[:i] + new + word[i + 1 :]
    if kind == 1:  # insertion
        i = rng.randrange(len(word) + 1)
        new = _case_like(_letter(rng, word), word[min(i, len(word) - 1)])
        return word[:i] + new + word[i:]
    if kind == 2 and len(word) > 3:  # deletion
        return word[:i] + word[i + 1 :]
    # transposition of two neighbours, each keeping its own case: "oTm"
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _typos(rng: random.Random, parts: list[str], count: int) -> list[str]:
    out = list(parts)
    for i in rng.sample(range(len(out)), min(count, len(out))):
        out[i] = typo(rng, out[i])
    return out


def _shifted_capital(rng: random.Random, parts: list[str]) -> list[str]:
    """The capital of one part lands on another letter: "tOm", "TOm"."""
    out = list(parts)
    i = rng.randrange(len(out))
    word = out[i]
    if len(word) < 2 or not word[0].isupper():
        return out
    j = rng.randrange(1, len(word))
    if rng.random() < 0.5:
        word = word[0].lower() + word[1:]
    out[i] = word[:j] + word[j].upper() + word[j + 1 :]
    return out


def _moved_space(rng: random.Random, parts: list[str]) -> list[str]:
    """A word boundary moved by one to three letters: "Tomf Eeney", "To Mfeeney"."""
    if len(parts) < 2:
        return parts
    i = rng.randrange(len(parts) - 1)
    left, right = parts[i], parts[i + 1]
    shift = rng.choice((-3, -2, -1, 1, 2, 3))
    if shift > 0 and len(right) > shift + 1:
        left, right = left + right[:shift].lower(), right[shift:]
    elif shift < 0 and len(left) > -shift + 1:
        left, right = left[:shift], left[shift:] + right.lower()
    if rng.random() < 0.5 and right:
        right = right[0].upper() + right[1:]
    return [*parts[:i], left, right, *parts[i + 2 :]]


def _glued(rng: random.Random, parts: list[str]) -> list[str]:
    if len(parts) < 2:
        return parts
    i = rng.randrange(len(parts) - 1)
    right = parts[i + 1] if rng.random() < 0.5 else parts[i + 1].lower()
    return [*parts[:i], parts[i] + right, *parts[i + 2 :]]


def _dropped(rng: random.Random, parts: list[str]) -> list[str]:
    if len(parts) < 3:
        return parts
    i = rng.randrange(len(parts))
    return parts[:i] + parts[i + 1 :]


def _swapped(rng: random.Random, parts: list[str]) -> list[str]:
    if len(parts) < 2:
        return parts
    if rng.random() < 0.5:
        return [parts[-1] + ",", *parts[:-1]]
    return parts[::-1]


def _initials(rng: random.Random, parts: list[str]) -> list[str]:
    if len(parts) < 2:
        return parts
    given = len(parts) - 1
    cut = rng.randrange(1, given + 1)
    chosen = set(rng.sample(range(given), cut))
    return [p[0] + "." if i in chosen else p for i, p in enumerate(parts)]


def _upper(rng: random.Random, parts: list[str]) -> list[str]:
    return [p.upper() for p in parts]


Mangler = Callable[[random.Random, list[str]], list[str]]

MANGLERS: dict[str, Mangler] = {
    "typo": lambda rng, parts: _typos(rng, parts, 1),
    "two typos": lambda rng, parts: _typos(rng, parts, 2),
    "two typos, one part": lambda rng, parts: _two_in_one(rng, parts),
    "shifted capital": _shifted_capital,
    "moved space": _moved_space,
    "glued": _glued,
    "dropped part": _dropped,
    "swapped": _swapped,
    "initials": _initials,
    "upper": _upper,
}


def _two_in_one(rng: random.Random, parts: list[str]) -> list[str]:
    out = list(parts)
    i = rng.randrange(len(out))
    out[i] = typo(rng, typo(rng, out[i]))
    return out


@dataclass(frozen=True)
class Variant:
    """One mangled spelling of register name number ``target``."""

    target: int
    text: str
    steps: tuple[str, ...]


def mangle(rng: random.Random, name: str) -> tuple[str, tuple[str, ...]]:
    """One mangled spelling of ``name``: one or two kinds of slip in a row."""
    parts = name.split()
    steps = tuple(rng.sample(sorted(MANGLERS), rng.choice((1, 1, 2))))
    for step in steps:
        parts = MANGLERS[step](rng, parts) or parts
    return " ".join(parts), steps


def variants(names: list[str], count: int, seed: int) -> Iterator[Variant]:
    """``count`` mangled spellings of names drawn from ``names``, each different
    from the name it came from."""
    rng = random.Random(seed)
    made = 0
    while made < count:
        target = rng.randrange(len(names))
        text, steps = mangle(rng, names[target])
        if text != names[target]:
            made += 1
            yield Variant(target, text, steps)
