"""Candidate index: find the few register records worth scoring for a traveller.

Scoring every register record for every traveller is exact but far too
slow for a million names, so the index proposes candidates by *blocking
keys*: for every pair of name parts of a record it stores short codes of
both parts (the first and last three letters of the phonetic key, and the
first consonants of the skeleton), order-free. A traveller shares a key
with a record when two of its name parts begin or end like two of the
record's parts, whatever their order, script or romanisation, and even
with a typo in each part. Names with a single usable part get single-part
keys.

Storage is a sorted pair of numpy arrays (key hash → record numbers, each
packed with what ranking needs) built in one go, plus a small dictionary
of changes since the build and a set of removed record numbers, so a
changed register record is visible at once without rebuilding;
:meth:`CandidateIndex.compact` folds the changes into the arrays.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from liaison.matching.compare import _korean_fold
from liaison.matching.names import DENSE_SCRIPTS, Name, Token, TokenKind
from liaison.matching.score import Prepared, Record
from liaison.matching.text import ABJADS, Script, other_spellings, phonetic_key

# A key shared by more records than this is too common to narrow anything
# down ("mohammad" + "ahmad"); it is skipped when the traveller has rarer keys.
MAX_POSTINGS = 5_000
# Candidates are ranked by the share of keys they have in common with the
# traveller; below MIN_SHARE they are dropped, and at most MAX_CANDIDATES
# go on to full scoring.
MIN_SHARE = 0.2
MAX_CANDIDATES = 20
_MASK = (1 << 63) - 1
# Each posting is one int64 that carries what ranking needs, so that ranking
# reads only the postings it sorts: the record number in the high 32 bits
# (record numbers are below 2**31), the record's number of keys in the next
# 8 (capped), its key's weight in the low 24, in millionths.
_NUMBER_SHIFT = 32
_NKEYS_SHIFT = 24
_NKEYS_CAP = (1 << (_NUMBER_SHIFT - _NKEYS_SHIFT)) - 1
_WEIGHT_MASK = (1 << _NKEYS_SHIFT) - 1
_IDF_SCALE = 1e6
# Ranking sorts (evidence, record number) as one int64: record numbers take
# 31 bits, the summed weights the 32 above them (capped, past 256 keys).
_RECORD_BITS = _NUMBER_SHIFT - 1
_RECORD_MASK = (1 << _RECORD_BITS) - 1
_EVIDENCE_CAP = (1 << 32) - 1
# Evidence a shared birth year or decade adds to a qualified record's rank:
# about one rare key's weight.
_DATE_BONUS = int(3 * _IDF_SCALE)
# A record sharing at least this share of keys (and _STRONG_MIN keys) with
# the traveller is scored even without an exact part form in common: a
# typo in every part (Chaclotte Sandvers / Charlotte Sanders) leaves most
# pair codes but no exact form.
_STRONG_SHARE = 0.4
_STRONG_MIN = 2
# Up to this many postings, a traveller's keys are tallied in plain Python.
_FEW_POSTINGS = 64


# Kinds of blocking key: two parts' phonetic codes, two parts' skeleton
# codes, one part's phonetic code, one part's skeleton code.
_PAIR_KEY, _PAIR_SKELETON, _SINGLE_KEY, _SINGLE_SKELETON = 1, 2, 3, 4
# An initial and a part's phonetic code (see initial_keys).
_INITIAL_PAIR = 5


@lru_cache(maxsize=262_144)
def _token_codes(token: Token) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Hashed codes of one part: phonetic-key codes and skeleton codes
    (parts are shared between names, so each is worked out once)."""
    key_codes: list[str] = []
    if token.script not in ABJADS:
        for key in _keys(token):
            key_codes.append(_head(key))
            if len(key) > 3:
                key_codes.append(_tail(key))
        if token.script == Script.HANGUL:
            key_codes.append(_korean_fold(token.key)[:3])
    skel_codes = (s[:3] for s in _index_skeletons(token) if s)
    return tuple({hash(c) for c in key_codes}), tuple({hash(c) for c in skel_codes})


def _keys(token: Token) -> tuple[str, ...]:
    """The part's phonetic key, and those of the other Latin spellings of a
    part romanised from Greek or Chinese (see text.other_spellings)."""
    others = other_spellings(token.text, token.script)
    return (token.key, *(phonetic_key(o) for o in others)) if others else (token.key,)


def _index_skeletons(token: Token) -> tuple[str, ...]:
    """Skeletons worth indexing: every reading of an Arabic-script part (they
    include the collapsed forms Latin parts are indexed under), only the
    usual skeleton of any other part."""
    if token.from_abjad and token.skeletons:
        return token.skeletons
    return (token.skeleton,)


def _indexable(name: Name) -> list[Token]:
    # A syllable of a Chinese, Korean or Japanese name is a whole part, even
    # in one letter: 이 (I), 오 (O) are surnames.
    return [
        t for t in name.tokens if t.kind in _INDEXED_KINDS and (len(t.text) >= 2 or t.script in DENSE_SCRIPTS)
    ]


# Birth years kept per built record: sanctions lists often give a person
# several dates (1962, 1963, 1965); the first few distinct years rank them.
RANKED_YEARS = 4


def birth_years(prepared: Prepared) -> list[int]:
    """The record's first ``RANKED_YEARS`` distinct known birth years, kept per
    built record to rank namesakes.

    Not needed to find a candidate, only to rank it: a register holds
    dozens of people of a common name (이영철, Mohammed Ali), and when more
    share a traveller's keys than are scored, those born in one of the
    traveller's years, or in its decade (a slip of the year's last digit),
    come first.
    """
    years: list[int] = []
    for d in prepared.birth_dates:
        if d.year and int(d.year) not in years:
            years.append(int(d.year))
            if len(years) == RANKED_YEARS:
                break
    return years


_INDEXED_KINDS = frozenset({TokenKind.NAME, TokenKind.GENERIC, TokenKind.PLACE, TokenKind.NUMBER})


def _head(key: str) -> str:
    """The first code of a part: its first three letters, or its first two
    when it has four (with :func:`_tail`, no one slip changes both codes
    of a part of four letters or more: Nagy / Nasy)."""
    return "<" + key[:2] if len(key) == _HALVED else key[:3]


def _tail(key: str) -> str:
    """The last code of a part longer than three letters: its last three
    letters, or its last two when it has five letters or fewer (Henk / Hlnk,
    Meijer / Mejer)."""
    return key[-3:] if len(key) > _SHORT else ">" + key[-2:]


_HALVED = 4


_SHORT = 5


def _single_keys(codes: tuple[tuple[int, ...], tuple[int, ...]]) -> Iterator[int]:
    key_codes, skel_codes = codes
    for c in key_codes:
        yield hash((_SINGLE_KEY, c)) & _MASK
    for c in skel_codes:
        yield hash((_SINGLE_SKELETON, c)) & _MASK


def name_keys(name: Name) -> set[int]:
    """All blocking keys of one parsed name (see the module docstring), hashed."""
    tokens = _indexable(name)
    return _own_keys(name, tokens, [_token_codes(t) for t in tokens], _joins(name))


def _own_keys(name: Name, tokens: list[Token], codes: list[Codes], joins: list[Join]) -> set[int]:
    if len(tokens) == 1:
        return set(_single_keys(codes[0]))
    keys: set[int] = set()
    for i, (ki, si) in enumerate(codes):
        for kj, sj in codes[i + 1 :]:
            for a in ki:
                for b in kj:
                    keys.add(hash((_PAIR_KEY, a, b) if a <= b else (_PAIR_KEY, b, a)) & _MASK)
            for a in si:
                for b in sj:
                    keys.add(hash((_PAIR_SKELETON, a, b) if a <= b else (_PAIR_SKELETON, b, a)) & _MASK)
    for start, joined, _ in joins:
        pair = name.tokens[start : start + 2]
        others = [c for t, c in zip(tokens, codes, strict=True) if t not in pair]
        keys.update(_pair_keys([joined], others))
        keys.update(_glued_keys([joined]))
    return keys


def initial_keys(name: Name) -> set[int]:
    """Each initial of a name paired with the codes of each of its parts, on
    both sides: ``Kathleen M.`` / ``Kathleen M. Rice``. Counted apart from a
    record's own keys, as initials are often left out."""
    return _initial_keys(name, [_token_codes(t) for t in _indexable(name)])


def _initial_keys(name: Name, codes: list[Codes]) -> set[int]:
    keys: set[int] = set()
    for token in name.tokens:
        if token.kind == TokenKind.INITIAL:
            for key_codes, _ in codes:
                keys.update(hash((_INITIAL_PAIR, token.text, c)) & _MASK for c in key_codes)
    return keys


def whole_keys(name: Name) -> set[int]:
    """The whole-name keys of a register name: the letters of its parts'
    phonetic keys, in any order. It survives whatever moves letters between
    parts or within them (glued parts, a moved space or capital, swapped
    parts or letters); see :func:`query_whole_keys`."""
    return _whole_keys(name, _indexable(name))


def _whole_keys(name: Name, tokens: list[Token]) -> set[int]:
    # With its particles too, when it has any: a glued or split particle
    # (Selena dewit / Selena de Wit, Andrei AlBu / Andrei Albu) is one.
    out = set()
    for letters in (_whole_letters(tokens), _particle_letters(name, tokens)):
        if letters:
            out.add(sum(map(_LETTER_HASH.__getitem__, letters)) & _MASK)
    return out


def _particle_letters(name: Name, tokens: list[Token]) -> str | None:
    """The whole-name letters with the name's particles, if it has any."""
    if len(tokens) == len(name.tokens) or not any(t.kind == TokenKind.PARTICLE for t in name.tokens):
        return None
    return _whole_letters([t for t in name.tokens if t.kind == TokenKind.PARTICLE or t in tokens])


def query_whole_keys(name: Name) -> set[int]:
    """The whole-name keys a traveller looks up: its own, and those with one
    letter less (a letter added anywhere in the name)."""
    return set(_query_whole_keys(name, _indexable(name)))


def _query_whole_keys(name: Name, tokens: list[Token]) -> list[int]:
    # A name's letters are keyed by the sum of their hashes, so the name
    # with one letter less is a subtraction away: no form to build.
    letter_hash = _LETTER_HASH
    out = []
    whole = _whole_sum(tokens)
    if whole is not None:
        total, letters = whole
        out = [total & _MASK, *[(total - letter_hash[c]) & _MASK for c in letters]]
    with_particles = _particle_letters(name, tokens)
    if with_particles:
        out.append(sum(map(letter_hash.__getitem__, with_particles)) & _MASK)
    return out


def _whole_sum(tokens: list[Token]) -> tuple[int, set[str]] | None:
    """The sum of the letter hashes of :func:`_whole_letters` and its set of
    letters, from each part's own (parts recur far more than names): a
    letter doubled where two parts meet counts once."""
    total = length = 0
    letters: set[str] = set()
    last = ""
    for token in tokens:
        part = _part_letters(token)
        if part is None:  # an empty key, or one with a doubled letter
            joined = _whole_letters(tokens)
            return None if joined is None else (sum(map(_LETTER_HASH.__getitem__, joined)), set(joined))
        part_sum, part_length, part_letters, first, part_last = part
        if first == last:
            total -= _LETTER_HASH[first]
            length -= 1
        total += part_sum
        length += part_length
        letters |= part_letters
        last = part_last
    return (total, letters) if length >= _WHOLE_MIN else None


@lru_cache(maxsize=262_144)
def _part_letters(token: Token) -> tuple[int, int, frozenset[str], str, str] | None:
    key = token.key
    if not key or _DOUBLE.search(key):
        return None
    return sum(map(_LETTER_HASH.__getitem__, key)), len(key), frozenset(key), key[0], key[-1]


def _whole_letters(tokens: list[Token]) -> str | None:
    # Letters doubled where two parts meet are one once the parts are glued
    # (Samuel Lyons / Samuellyons), as in a phonetic key.
    letters = _DOUBLE.sub(r"\1", "".join(t.key for t in tokens))
    return letters if len(letters) >= _WHOLE_MIN else None


# Whole-name keys of fewer letters say too little; one shared by more
# records than _WHOLE_MAX_POSTINGS is too common to follow.
_WHOLE_MIN = 6
_WHOLE_MAX_POSTINGS = 50


class _LetterHashes(dict[str, int]):
    """A random 63-bit value per letter: a name's letters, in any order,
    sum to one key (two different sets of letters collide about once in
    2**63, as any two keys do)."""

    def __missing__(self, letter: str) -> int:
        value = self[letter] = hash(("%", letter)) & _MASK
        return value


_LETTER_HASH = _LetterHashes()


def _pair(kind: int, a: int, b: int) -> int:
    return hash((kind, a, b) if a <= b else (kind, b, a)) & _MASK


def query_keys(name: Name, heads: Heads | None = None) -> set[int]:
    """Keys a traveller's name looks up (see :func:`query_lookup`), without
    the size that the share of keys is measured against."""
    return query_lookup(name, heads)[0]


def query_lookup(name: Name, heads: Heads | None = None) -> tuple[set[int], int]:
    """Keys a traveller's name looks up, and how many of them count as its own.

    Its own keys, plus the single-part keys of each part so that register
    entries known by one name only are found. Then keys for the slips a
    register name cannot be keyed against, all worked out on the traveller's
    side so that they cost the register nothing:

    - a long part may be two parts glued together (``Stefaniamocanu``): its
      first and last codes are also looked up as a pair of parts;
    - the initial of a name with one full part (``Z. Kozlov``) stands for
      any register part beginning with its letter: ``heads`` lists their
      first codes, each paired with the traveller's part, not counted as its
      own either (a name with two full parts has pair keys of its own).
    """
    keys, size, _, _ = _name_query(name, heads)
    return keys, size


def _name_query(name: Name, heads: Heads | None) -> tuple[set[int], int, list[int], set[int]]:
    """All a traveller's name looks up, in one pass over its parts: its keys
    and how many count as its own (:func:`query_lookup`), its whole-name keys
    (:func:`query_whole_keys`) and its forms (:func:`query_signature`)."""
    tokens = _indexable(name)
    parts = [_query_part(t) for t in tokens]
    codes = [part[0] for part in parts]
    joins = _joins(name)
    keys = _own_keys(name, tokens, codes, joins)
    # The forms of _name_forms, and the pieces of long parts.
    forms = {_form_hash("=" + "".join(t.key for t in name.tokens))}
    for _, part_keys, part_forms, _ in parts:
        keys.update(part_keys)
        forms |= part_forms
    for _, _, join_forms in joins:
        forms |= join_forms
    size = len(keys)
    keys |= _initial_keys(name, codes)
    # A part's codes with a letter more or less, paired with the other
    # parts' own codes: not counted as its own.
    for i, (_, _, _, near_i) in enumerate(parts):
        if near_i:
            for j, (kj, _) in enumerate(codes):
                if i != j:
                    keys.update(
                        [
                            hash((_PAIR_KEY, a, b) if a <= b else (_PAIR_KEY, b, a)) & _MASK
                            for a in near_i
                            for b in kj
                        ]
                    )
    # An initial beside one full part: two parts of which one is short are
    # one part split by a moved capital or space (D. MuRcia).
    if heads is not None and (len(tokens) < 2 or (len(tokens) == 2 and joins)):
        joined = [c for _, c, _ in joins]
        for token in name.tokens:
            if token.kind != TokenKind.INITIAL:
                continue
            head_keys, head_skeletons = heads.get(token.text[:1], _NO_HEADS)
            for key_codes, skel_codes in codes + joined:
                keys.update(_pair(_PAIR_KEY, a, b) for a in head_keys for b in key_codes)
                keys.update(_pair(_PAIR_SKELETON, a, b) for a in head_skeletons for b in skel_codes)
    return keys, size, _query_whole_keys(name, tokens), forms


@lru_cache(maxsize=262_144)
def _query_part(token: Token) -> tuple[Codes, tuple[int, ...], frozenset[int], tuple[int, ...]]:
    """All a traveller's part brings to its name's look-up, in one cache
    call (parts recur across travellers far more than names): its codes,
    single-part and glued keys, forms with its pieces, neighbour codes."""
    forms = _token_signature(token) | _query_forms(token)
    return _token_codes(token), _token_query_keys(token), forms, _neighbour_codes(token)


@lru_cache(maxsize=262_144)
def _neighbour_codes(token: Token) -> tuple[int, ...]:
    """The codes a part would have with one letter more or less.

    A part's codes depend on its length (:func:`_head`, :func:`_tail`), so a
    letter added or dropped across a length class changes them all: Ford is
    keyed ``<fo``/``>rd``, Fod ``fod``; Galet ``gal``/``>et``, Gale
    ``<ga``/``>le``. The traveller also looks up the codes of the
    neighbouring classes, worked out from its own letters, so that the
    register pays nothing.
    """
    if token.script in ABJADS:
        return ()
    own = set(_token_codes(token)[0])
    codes: set[str] = set()
    for key in _keys(token):
        n = len(key)
        if n == 3:  # a four-letter part with a letter dropped
            codes.update(("<" + key[:2], ">" + key[-2:]))
        elif n == _HALVED:  # three letters (one dropped), or five (one added)
            codes.update(key[:i] + key[i + 1 :] for i in range(n))
            codes.add(key[:3])
        elif n == _SHORT:  # four letters, or six
            codes.update(("<" + key[:2], key[-3:]))
        elif n == _SHORT + 1:  # five letters
            codes.add(">" + key[-2:])
    return tuple(h for h in {hash(c) for c in codes} if h not in own)


@lru_cache(maxsize=262_144)
def _token_query_keys(token: Token) -> tuple[int, ...]:
    """A traveller's part's single-part keys, and its glued key if it has one."""
    return (*_single_keys(_token_codes(token)), *_glued_keys([token]))


# The hashed phonetic-key codes and skeleton codes of a part (see _token_codes).
Codes = tuple[tuple[int, ...], tuple[int, ...]]
# Two neighbouring parts joined (see _joins): where they start, their codes
# and their forms.
Join = tuple[int, Codes, frozenset[int]]

# Where one key's postings lie in the built arrays: begin and end.
Span = tuple[int, int]

# First letter of a register part → the hashed first codes of the register
# parts beginning with it: phonetic-key codes and skeleton codes.
Heads = dict[str, tuple[set[int], set[int]]]
_NO_HEADS: tuple[set[int], set[int]] = (set(), set())


def _pair_keys(
    left: list[tuple[tuple[int, ...], tuple[int, ...]]], right: list[tuple[tuple[int, ...], tuple[int, ...]]]
) -> Iterator[int]:
    for ki, si in left:
        for kj, sj in right:
            for a in ki:
                for b in kj:
                    yield _pair(_PAIR_KEY, a, b)
            for a in si:
                for b in sj:
                    yield _pair(_PAIR_SKELETON, a, b)


def _glued_keys(tokens: list[Token] | list[tuple[tuple[int, ...], tuple[int, ...]]]) -> Iterator[int]:
    """A long part's first and last codes as the pair of parts it may be glued from."""
    for item in tokens:
        if isinstance(item, Token):
            if item.script in ABJADS or len(item.key) < _GLUED_MIN:
                continue
            key_codes = _token_codes(item)[0]
        else:
            key_codes = item[0]
        if len(key_codes) == 2:
            yield _pair(_PAIR_KEY, key_codes[0], key_codes[1])


_GLUED_MIN = 6


def _joins(name: Name) -> list[Join]:
    """Neighbouring parts joined when one is shorter than three letters: it
    may be the head or tail of a part split by a moved capital or space
    (``He Nry``, ``To Mfeeney``, ``Mc Carthy`` / ``MCCARTHY``, ``Rie Hl``),
    on either side. Both sides key and sign the joined part."""
    tokens = name.tokens
    out: list[Join] = []
    for i in range(len(tokens) - 1):
        head, tail = tokens[i], tokens[i + 1]
        short = len(head.text) < 3 or len(tail.text) < 3
        if (
            short
            and head.kind == TokenKind.NAME
            and tail.kind in _INDEXED_KINDS
            and head.script not in ABJADS
        ):
            out.append((i, *_joined(head, tail)))
    return out


def _joined_key(head: Token, tail: Token) -> str:
    return _DOUBLE.sub(r"\1", head.key + tail.key)


_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65_536)
def _joined(head: Token, tail: Token) -> tuple[Codes, frozenset[int]]:
    """Codes and forms (the key, and its letters sorted) of two parts joined."""
    key = _joined_key(head, tail)
    forms = frozenset({_form_hash(key), _form_hash("#" + "".join(sorted(key)))})
    key_codes = [hash(_head(key))]
    if len(key) > 3:
        key_codes.append(hash(_tail(key)))
    skel = head.skeleton + tail.skeleton
    return (tuple(key_codes), (hash(skel[:3]),) if skel else ()), forms


def _form_hash(form: str) -> int:
    return hash(form) & _MASK


@lru_cache(maxsize=262_144)
def _token_signature(token: Token) -> frozenset[int]:
    forms = {token.key, "#" + "".join(sorted(token.key))}  # letters swapped: Faiz / Afiz
    forms.update(_keys(token))
    for skel in _index_skeletons(token):
        if len(skel) >= 2:
            forms.add("~" + skel)
    if token.script == Script.HANGUL:
        forms.add(_korean_fold(token.key))
    return frozenset(_form_hash(form) for form in forms)


def signature(prepared: Prepared) -> set[int]:
    """Exact part-level forms of a record's names, hashed: phonetic keys,
    their letters sorted, skeletons and Korean-folded keys. A candidate
    sharing none of them with the traveller differs in every part and is
    not worth scoring."""
    out: set[int] = set()
    for name in prepared.names:
        out |= _name_forms(name, _indexable(name), _joins(name))
    return out


def _name_forms(name: Name, tokens: list[Token], joins: list[Join]) -> set[int]:
    # The whole name glued together survives a shifted word boundary.
    out = {_form_hash("=" + "".join(t.key for t in name.tokens))}
    for token in tokens:
        out |= _token_signature(token)
    for _, _, forms in joins:
        out |= forms
    return out


def query_signature(prepared: Prepared) -> set[int]:
    """A traveller's signature, plus the pieces of its long parts (they may be
    two parts glued together)."""
    out = signature(prepared)
    for name in prepared.names:
        for token in _indexable(name):
            out.update(_query_forms(token))
    return out


@lru_cache(maxsize=65_536)
def _query_forms(token: Token) -> frozenset[int]:
    key = token.key
    if token.script in ABJADS:
        return frozenset()
    forms: set[str] = set()
    if len(key) >= _GLUED_MIN:
        forms.update(piece for k in range(3, len(key) - 2) for piece in (key[:k], key[k:]))
    return frozenset(_form_hash(form) for form in forms)


def _record_entry(prepared: Prepared) -> tuple[set[int], set[int], set[int]]:
    """A register record's keys in one pass over its names: its own (counted
    in the share rule), the others (whole-name and initial keys), its forms."""
    own: set[int] = set()
    extra: set[int] = set()
    forms: set[int] = set()
    for name in prepared.names:
        tokens = _indexable(name)
        codes = [_token_codes(t) for t in tokens]
        joins = _joins(name)
        own |= _own_keys(name, tokens, codes, joins)
        extra |= _whole_keys(name, tokens)
        extra |= _initial_keys(name, codes)
        forms |= _name_forms(name, tokens, joins)
    return own, extra, forms


_BEGIN_END = np.array([0, 1], dtype=np.int64)


def _pack_postings(
    numbers: npt.NDArray[np.int64], key_starts: npt.NDArray[np.int64], nkeys: npt.NDArray[np.int32]
) -> npt.NDArray[np.int64]:
    """Postings (record numbers, key after key) packed with what ranking
    needs: the record's number of keys (at least 1, capped) and the key's
    weight, its inverse document frequency at build time."""
    sizes = np.diff(key_starts)
    weights = np.minimum(np.log1p(max(len(nkeys), 1) / sizes) * _IDF_SCALE, _WEIGHT_MASK)  # sizes >= 1
    packed = numbers << _NUMBER_SHIFT
    packed |= np.clip(nkeys, 1, _NKEYS_CAP).astype(np.int64)[numbers] << _NKEYS_SHIFT
    packed |= np.repeat(weights.astype(np.int64), sizes)
    return packed


@dataclass
class CandidateIndex:
    """Blocking index over register records; see the module docstring."""

    _ids: list[Hashable] = field(default_factory=list)
    _records: list[Prepared | None] = field(default_factory=list)
    _number: dict[Hashable, int] = field(default_factory=dict)
    # Each distinct key once, sorted, with where its postings start; the
    # postings (record numbers, ascending per key) follow key by key.
    _keys: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _key_starts: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    # Packed as _pack_postings says.
    _postings: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _delta: dict[int, list[int]] = field(default_factory=dict)
    _nkeys: list[int] = field(default_factory=list)
    _nkeys_array: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    # The signature of each built record (hashed forms), record after record.
    _forms: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _form_starts: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    # Python views of the two (see _sharing_forms) and of the postings
    # (see _tally_few), made on first use.
    _postings_view: memoryview | None = field(default=None, repr=False, compare=False)
    _form_views: tuple[memoryview, memoryview] | None = field(default=None, repr=False, compare=False)
    # Each built record's birth years, 0 where none (see birth_years).
    _years: npt.NDArray[np.int16] = field(default_factory=lambda: np.zeros((0, RANKED_YEARS), dtype=np.int16))
    # What an initial in a traveller's name may stand for (see query_lookup).
    _heads: Heads = field(default_factory=dict)
    max_candidates: int = MAX_CANDIDATES
    min_share: float = MIN_SHARE

    @classmethod
    def build(
        cls,
        records: Iterable[tuple[Hashable, Record | Prepared]],
        *,
        max_candidates: int = MAX_CANDIDATES,
        min_share: float = MIN_SHARE,
    ) -> CandidateIndex:
        """Index many records in one go (the register at start-up).

        The cyclic garbage collector is paused meanwhile: prepared records
        hold no reference cycles, and a million of them would otherwise be
        traversed again at every full collection the build triggers (a
        third of the build time).
        """
        paused = gc.isenabled()
        gc.disable()
        try:
            return cls._build(records, max_candidates=max_candidates, min_share=min_share)
        finally:
            if paused:
                gc.enable()

    @classmethod
    def _build(
        cls, records: Iterable[tuple[Hashable, Record | Prepared]], *, max_candidates: int, min_share: float
    ) -> CandidateIndex:
        index = cls(max_candidates=max_candidates, min_share=min_share)
        hashes: list[int] = []
        numbers: list[int] = []
        forms: list[int] = []
        form_counts: list[int] = []
        seen: set[Token] = set()
        # Parse every record first, then key them all: two passes, each
        # keeping its own caches warm, built the 1M bench register in 43.5 s
        # where one pass doing both took 50.4 s.
        for record_id, record in records:
            index._store(record_id, record)
        years = np.zeros((len(index._records), RANKED_YEARS), dtype=np.int16)
        for number, prepared in enumerate(index._records):
            if prepared is None:  # replaced by a later record with its id
                index._nkeys.append(0)
                form_counts.append(0)
                continue
            record_keys, extra_keys, record_forms = _record_entry(prepared)
            index._note_heads(prepared, seen)
            # Whole-name and initial keys do not count in the share rule.
            index._nkeys.append(len(record_keys))
            record_keys |= extra_keys
            hashes.extend(record_keys)
            numbers.extend([number] * len(record_keys))
            forms.extend(record_forms)
            form_counts.append(len(record_forms))
            known = birth_years(prepared)
            years[number, : len(known)] = known
        keys = np.fromiter(hashes, dtype=np.int64, count=len(hashes))
        postings = np.fromiter(numbers, dtype=np.int64, count=len(numbers))
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        first = np.ones(len(keys), dtype=bool)
        first[1:] = keys[1:] != keys[:-1]
        index._keys = keys[first]
        index._key_starts = np.append(np.flatnonzero(first), len(keys)).astype(np.int64)
        index._nkeys_array = np.asarray(index._nkeys, dtype=np.int32)
        index._postings = _pack_postings(postings[order], index._key_starts, index._nkeys_array)
        index._forms = np.fromiter(forms, dtype=np.int64, count=len(forms))
        index._form_starts = np.concatenate(([0], np.cumsum(form_counts, dtype=np.int64)))
        index._years = years
        return index

    def __len__(self) -> int:
        return len(self._number)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._number

    def get(self, record_id: Hashable) -> Prepared | None:
        number = self._number.get(record_id)
        return None if number is None else self._records[number]

    def items(self) -> Iterator[tuple[Hashable, Prepared]]:
        for record_id, number in self._number.items():
            prepared = self._records[number]
            if prepared is not None:
                yield record_id, prepared

    def _store(self, record_id: Hashable, record: Record | Prepared) -> int:
        prepared = record if isinstance(record, Prepared) else Prepared.of(record)
        if record_id in self._number:
            self.remove(record_id)
        number = len(self._records)
        self._ids.append(record_id)
        self._records.append(prepared)
        self._number[record_id] = number
        return number

    def _note_heads(self, prepared: Prepared, seen: set[Token]) -> None:
        for name in prepared.names:
            for token in _indexable(name):
                if token in seen:
                    continue
                seen.add(token)
                head_keys, head_skeletons = self._heads.setdefault(token.text[:1], (set(), set()))
                if token.script not in ABJADS:
                    head_keys.add(hash(_head(token.key)))
                head_skeletons.update(hash(s[:3]) for s in _index_skeletons(token) if s)

    def upsert(self, record_id: Hashable, record: Record | Prepared) -> None:
        """Add a record, or replace it when a register record changes."""
        number = self._store(record_id, record)
        prepared = self._records[number]
        assert prepared is not None
        keys, extra, _ = _record_entry(prepared)
        self._note_heads(prepared, set())
        self._nkeys.append(len(keys))
        keys |= extra
        for key in keys:
            self._delta.setdefault(key, []).append(number)

    def remove(self, record_id: Hashable) -> None:
        """Forget a record (deleted or invalidated in its register)."""
        number = self._number.pop(record_id, None)
        if number is not None:
            self._records[number] = None

    def compact(self) -> CandidateIndex:
        """A fresh index of the live records, with no change log."""
        return CandidateIndex.build(
            self.items(), max_candidates=self.max_candidates, min_share=self.min_share
        )

    def candidates(self, query: Record | Prepared) -> list[tuple[Hashable, Prepared]]:
        """Register records sharing a whole-name key with ``query``, then those
        sharing a blocking key and an exact part form, those sharing the
        rarest keys first."""
        prepared = query if isinstance(query, Prepared) else query.prepared
        wanted: set[int] = set()
        whole: set[int] = set()
        own: set[int] = set()
        size = 0
        for name in prepared.names:
            keys, own_size, name_whole, forms = _name_query(name, self._heads)
            wanted |= keys
            size += own_size
            whole.update(name_whole)
            own |= forms
        if not wanted and not whole:
            return []
        out: list[tuple[Hashable, Prepared]] = []
        spans, whole_spans = self._spans(wanted, whole)
        same = self._whole(whole_spans)
        found, strong = self._lookup(spans, size, prepared)
        taken = set(same)
        for number in same + self._sharing_forms([n for n in found if n not in taken], own, strong):
            record = self._records[number]
            if record is not None:
                out.append((self._ids[number], record))
        if self._delta:
            out += self._changed_candidates(wanted, whole, own, taken.union(found))
        return out

    def _spans(self, wanted: set[int], whole: set[int]) -> tuple[list[Span], list[Span]]:
        """Where the postings of the query's keys found in the built arrays
        lie, and those of its whole-name keys: one search for both (each
        numpy call costs more than the few keys it looks up)."""
        keys = self._keys
        if not len(keys) or not (wanted or whole):
            return [], []
        n = len(wanted)
        # Sorted needles let each search start where the last one ended;
        # sorting a few dozen ints in Python costs less than an argsort and
        # the gathers putting them back.
        hashes = np.array(sorted(wanted) + sorted(whole), dtype=np.int64)
        at = keys.searchsorted(hashes)
        np.minimum(at, len(keys) - 1, out=at)
        hit = keys[at] == hashes
        cut = int(np.count_nonzero(hit[:n]))
        # Where each key's postings begin and end, in one gather.
        spans: list[Span] = self._key_starts[np.add.outer(at[hit], _BEGIN_END)].tolist()
        return spans[:cut], spans[cut:]

    def _whole(self, spans: list[Span]) -> list[int]:
        """Built records sharing a whole-name key with the query, unless the
        key is shared by too many."""
        out: set[int] = set()
        postings = self._view_postings()
        for begin, end in spans:
            if end - begin <= _WHOLE_MAX_POSTINGS:
                out.update(p >> _NUMBER_SHIFT for p in postings[begin:end].tolist())
        return sorted(out)

    def _view_postings(self) -> memoryview:
        """The postings as a memoryview, whose slices read out as ints for
        less than a numpy slice costs."""
        view = self._postings_view
        if view is None:
            view = self._postings_view = self._postings.data
        return view

    def _changed_candidates(
        self, wanted: set[int], whole: set[int], own: set[int], seen: set[int]
    ) -> list[tuple[Hashable, Prepared]]:
        """Records added or changed since the build that share a whole-name
        key, or a key and an exact form, with the query."""
        out: list[tuple[Hashable, Prepared]] = []
        for key in whole:
            for number in self._delta.get(key, ()):
                record = self._records[number]
                if number not in seen and record is not None:
                    seen.add(number)
                    out.append((self._ids[number], record))
        for key in wanted:
            for number in self._delta.get(key, ()):
                record = self._records[number]
                if number in seen or record is None:
                    continue
                seen.add(number)
                if not own.isdisjoint(signature(record)):
                    out.append((self._ids[number], record))
        return out

    def _sharing_forms(self, found: list[int], own: set[int], strong: set[int]) -> list[int]:
        """The built records among ``found`` that share an exact form with the
        query, or share most of their keys with it (``strong``: a slip in
        every part leaves no exact form), in their order. There are at most
        ``max_candidates`` of them: a set test on each one's forms, read
        through memoryviews (items as ints), costs less than any numpy call."""
        if not found:
            return []
        if not own:
            return [n for n in found if n in strong]
        views = self._form_views
        if views is None:
            views = self._form_views = (self._form_starts.data, self._forms.data)
        starts, forms = views
        return [
            number
            for number in found
            if number in strong or not own.isdisjoint(forms[starts[number] : starts[number + 1]].tolist())
        ]

    def _lookup(
        self, spans: list[Span], size: int, query: Prepared | None = None
    ) -> tuple[list[int], set[int]]:
        """Record numbers sharing keys with the query, most shared first, and
        those among them sharing at least ``_STRONG_SHARE`` of their keys.

        ``spans`` are where the postings of the query's keys lie (see
        :meth:`_spans`). A record is kept when it shares at least
        ``min_share`` of the keys of whichever has fewer, it or the query;
        ``size`` is the query's number of keys that count (see
        :func:`query_lookup`).

        A traveller's keys have a few hundred postings: each numpy call here
        costs more than the work it does on them, so the steps are as few
        as the ranking allows and read only the postings themselves.
        """
        if not spans:
            return [], set()
        rare = [(a, b) for a, b in spans if b - a <= MAX_POSTINGS]
        if rare:
            spans = rare
        if size <= _NKEYS_CAP and sum(b - a for a, b in spans) <= _FEW_POSTINGS:
            few, weights, strong = self._tally_few(spans, size)
            if len(few) <= self.max_candidates:
                return few, strong
            kept = np.array(few, dtype=np.int64)
            evidence = np.array(weights, dtype=np.int64)
        else:
            kept, weights_or_none, strong = self._tally(spans, size)
            if weights_or_none is None:
                return kept.tolist(), strong
            evidence = weights_or_none
        years = {d.year for d in query.birth_dates if d.year} if query is not None else set()
        if years:
            evidence += self._born_alike(years, kept) * _DATE_BONUS
        top: list[int] = self._rarest(kept, evidence).tolist()
        return top, strong.intersection(top) if strong else strong

    def _tally_few(self, spans: list[Span], size: int) -> tuple[list[int], list[int], set[int]]:
        """:meth:`_tally` in plain Python, for the few postings most travellers
        have (a few dozen): cheaper than the numpy calls that take their
        fixed cost however few the postings."""
        postings = self._view_postings()
        values: list[int] = []
        for a, b in spans:
            values += postings[a:b].tolist()
        values.sort()
        values.append(-1)  # no record's: ends the last record's run
        share = self.min_share
        size = max(size, 1)
        kept: list[int] = []
        weights: list[int] = []
        strong: set[int] = set()
        record = -1
        shared = weight = own = 0
        for posting in values:
            number = posting >> _NUMBER_SHIFT
            if number == record:
                shared += 1
                weight += posting & _WEIGHT_MASK
                continue
            if shared:
                ratio = shared / min(own, size)
                if ratio >= share:
                    kept.append(record)
                    weights.append(weight)
                    if ratio >= _STRONG_SHARE and shared >= _STRONG_MIN:
                        strong.add(record)
            record, shared = number, 1
            weight, own = posting & _WEIGHT_MASK, (posting >> _NKEYS_SHIFT) & _NKEYS_CAP
        return kept, weights, strong

    def _tally(
        self, spans: list[Span], size: int
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64] | None, set[int]]:
        """The records kept by the share rule, ascending, their evidence
        (the sum of the weights of the keys they share) when there are more
        than ``max_candidates`` to rank, and those sharing most of their keys."""
        # One sort groups the postings by record (a sort of integers is
        # several times faster than an argsort). Each key's postings are
        # already in order, and a stable sort (a merge of runs) uses that:
        # twice as fast as the default on a common name's thousands.
        postings = self._postings
        if len(spans) > 1:
            packed = np.concatenate([postings[a:b] for a, b in spans])
        else:
            packed = postings[spans[0][0] : spans[0][1]].copy()
        packed.sort(kind="stable")
        numbers = packed >> _NUMBER_SHIFT
        n = len(numbers)
        edges = np.empty(n + 1, dtype=bool)
        edges[0] = edges[n] = True
        np.not_equal(numbers[1:], numbers[:-1], out=edges[1:n])
        bounds = np.flatnonzero(edges)
        starts = bounds[:-1]
        shared = bounds[1:] - starts
        first = packed[starts]
        found = first >> _NUMBER_SHIFT
        # Each record's number of keys rides in its postings, unless the
        # query has more keys than that field can tell apart.
        capped = size <= _NKEYS_CAP
        own = (first >> _NKEYS_SHIFT) & _NKEYS_CAP if capped else self._nkeys_array[found]
        # The share of keys in common, as one division (at least 1 key:
        # below, every shared key is kept whatever the share).
        share = shared / np.minimum(own, max(size, 1))
        keep = share >= self.min_share
        kept = found[keep]
        strong = set(found[(share >= _STRONG_SHARE) & (shared >= _STRONG_MIN)].tolist())
        if len(kept) <= self.max_candidates:
            return kept, None, strong
        return kept, np.add.reduceat(packed & _WEIGHT_MASK, starts)[keep], strong

    def _born_alike(self, years: set[int], numbers: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """2 for each of ``numbers`` born (in any of its years) in one of the traveller's ``years``,
        1 in one of their decades, else 0: they only rank records that
        already qualified, so that among too many namesakes those born in
        the traveller's year or decade are scored."""
        # A traveller has one or two years: a comparison each costs a
        # fraction of np.isin's set-up.
        born = self._years[numbers]  # one row of years per record, 0 where none
        known = born != 0
        decade = born // 10
        alike = np.zeros(born.shape, dtype=np.int64)
        for year in years:
            alike += born == year
        for dec in {y // 10 for y in years}:
            alike += (decade == dec) & known
        return alike.max(axis=1) if len(alike) else np.zeros(0, dtype=np.int64)

    def _rarest(
        self, numbers: npt.NDArray[np.int64], evidence: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.int64]:
        """The ``max_candidates`` records sharing the rarest keys (the largest
        sum of key weights: a shared rare surname says more than a shared
        common given name), best first, ties in record order.

        Evidence and record number make one integer that sorts that way, so
        a partition and a sort of the few chosen replace an argsort of all.
        """
        order = (_EVIDENCE_CAP - np.minimum(evidence, _EVIDENCE_CAP)) << _RECORD_BITS
        order |= numbers
        top = np.partition(order, self.max_candidates - 1)[: self.max_candidates]
        top.sort()
        return top & _RECORD_MASK

    def memory_bytes(self) -> int:
        """Size of the key arrays (the records themselves are not counted)."""
        arrays = (
            self._keys,
            self._key_starts,
            self._postings,
            self._forms,
            self._form_starts,
            self._nkeys_array,
            self._years,
        )
        return sum(int(a.nbytes) for a in arrays)
