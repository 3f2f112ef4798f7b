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

Storage is a sorted pair of numpy arrays (key hash → record number) built
in one pass, plus a small dictionary of changes since the build and a set
of removed record numbers, so a changed register record is visible at
once without rebuilding; :meth:`CandidateIndex.compact` folds the changes
into the arrays.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from liaison.matching.compare import _korean_fold
from liaison.matching.names import Name, Token, TokenKind
from liaison.matching.score import Prepared, Record
from liaison.matching.text import ABJADS, Script

# A key shared by more records than this is too common to narrow anything
# down ("mohammad" + "ahmad"); it is skipped when the traveller has rarer keys.
MAX_POSTINGS = 5_000
# Candidates are ranked by the share of keys they have in common with the
# traveller; below MIN_SHARE they are dropped, and at most MAX_CANDIDATES
# go on to full scoring.
MIN_SHARE = 0.2
MAX_CANDIDATES = 20
_MASK = (1 << 63) - 1


def _token_codes(token: Token) -> tuple[list[str], list[str]]:
    """Codes of one part: phonetic-key codes and skeleton codes."""
    key_codes: list[str] = []
    if token.script not in ABJADS:
        key = token.key
        key_codes.append(key[:3])
        if len(key) > 3:
            key_codes.append(key[-3:])
        if token.script == Script.HANGUL:
            folded = _korean_fold(key)
            key_codes.append(folded[:3])
    skel_codes = list(dict.fromkeys(s[:3] for s in _index_skeletons(token) if s))
    return key_codes, skel_codes


def _index_skeletons(token: Token) -> tuple[str, ...]:
    """Skeletons worth indexing: every reading of an Arabic-script part (they
    include the collapsed forms Latin parts are indexed under), only the
    usual skeleton of any other part."""
    if token.from_abjad and token.skeletons:
        return token.skeletons
    return (token.skeleton,)


def _indexable(name: Name) -> list[Token]:
    return [
        t
        for t in name.tokens
        if t.kind in (TokenKind.NAME, TokenKind.GENERIC, TokenKind.PLACE, TokenKind.NUMBER)
        and len(t.text) >= 2
    ]


def name_keys(name: Name) -> set[str]:
    """All blocking keys of one parsed name (see the module docstring)."""
    tokens = _indexable(name)
    codes = [_token_codes(t) for t in tokens]
    keys: set[str] = set()
    if len(tokens) == 1:
        key_codes, skel_codes = codes[0]
        keys.update("u" + c for c in key_codes)
        keys.update("v" + c for c in skel_codes)
        return keys
    for i in range(len(tokens)):
        ki, si = codes[i]
        for j in range(i + 1, len(tokens)):
            kj, sj = codes[j]
            for a in ki:
                for b in kj:
                    keys.add(f"k{a}|{b}" if a <= b else f"k{b}|{a}")
            for a in si:
                for b in sj:
                    keys.add(f"s{a}|{b}" if a <= b else f"s{b}|{a}")
    return keys


def query_keys(name: Name) -> set[str]:
    """Keys a traveller's name looks up: its own, plus the single-part keys of
    each part so that register entries known by one name only are found."""
    keys = name_keys(name)
    for token in _indexable(name):
        key_codes, skel_codes = _token_codes(token)
        keys.update("u" + c for c in key_codes)
        keys.update("v" + c for c in skel_codes)
    return keys


def signature(prepared: Prepared) -> frozenset[str]:
    """Exact part-level forms of a record's names: phonetic keys, their
    letters sorted, skeletons (for abjads) and Korean-folded keys. A candidate sharing none of them
    with the traveller differs in every part and is not worth scoring."""
    out: set[str] = set()
    for name in prepared.names:
        # The whole name glued together survives a shifted word boundary.
        out.add("=" + "".join(t.key for t in name.tokens))
        for token in _indexable(name):
            out.add(token.key)
            out.add("#" + "".join(sorted(token.key)))  # letters swapped: Faiz / Afiz
            for skel in _index_skeletons(token):
                if len(skel) >= 2:
                    out.add("~" + skel)
            if token.script == Script.HANGUL:
                out.add(_korean_fold(token.key))
    return frozenset(out)


def _hash(key: str) -> int:
    return hash(key) & _MASK


@dataclass
class CandidateIndex:
    """Blocking index over register records; see the module docstring."""

    _ids: list[Hashable] = field(default_factory=list)
    _records: list[Prepared | None] = field(default_factory=list)
    _number: dict[Hashable, int] = field(default_factory=dict)
    _keys: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _postings: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    _delta: dict[int, list[int]] = field(default_factory=dict)
    _nkeys: list[int] = field(default_factory=list)
    _nkeys_array: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
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
        """Index many records in one pass (the register at start-up)."""
        index = cls(max_candidates=max_candidates, min_share=min_share)
        hashes: list[int] = []
        numbers: list[int] = []
        for record_id, record in records:
            number = index._store(record_id, record)
            prepared = index._records[number]
            assert prepared is not None
            record_keys = index._record_keys(prepared)
            index._nkeys.append(len(record_keys))
            for key in record_keys:
                hashes.append(key)
                numbers.append(number)
        keys = np.fromiter(hashes, dtype=np.int64, count=len(hashes))
        postings = np.fromiter(numbers, dtype=np.int32, count=len(numbers))
        order = np.argsort(keys, kind="stable")
        index._keys = keys[order]
        index._postings = postings[order]
        index._nkeys_array = np.asarray(index._nkeys, dtype=np.int32)
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

    @staticmethod
    def _record_keys(prepared: Prepared) -> set[int]:
        keys: set[int] = set()
        for name in prepared.names:
            keys.update(_hash(k) for k in name_keys(name))
        return keys

    def upsert(self, record_id: Hashable, record: Record | Prepared) -> None:
        """Add a record, or replace it when a register record changes."""
        number = self._store(record_id, record)
        prepared = self._records[number]
        assert prepared is not None
        keys = self._record_keys(prepared)
        self._nkeys.append(len(keys))
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
        """Register records sharing at least one blocking key with ``query``."""
        prepared = query if isinstance(query, Prepared) else query.prepared
        wanted: set[int] = set()
        for name in prepared.names:
            wanted.update(_hash(k) for k in query_keys(name))
        if not wanted:
            return []
        numbers = self._lookup(np.fromiter(wanted, dtype=np.int64, count=len(wanted)))
        for key in wanted:
            numbers.extend(self._delta.get(key, ()))
        out: list[tuple[Hashable, Prepared]] = []
        own = signature(prepared)
        for number in dict.fromkeys(numbers):
            record = self._records[number]
            if record is not None and not own.isdisjoint(signature(record)):
                out.append((self._ids[number], record))
        return out

    def _lookup(self, hashes: npt.NDArray[np.int64]) -> list[int]:
        """Record numbers sharing keys with the query, most shared first."""
        if not len(self._keys):
            return []
        left = np.searchsorted(self._keys, hashes, side="left")
        right = np.searchsorted(self._keys, hashes, side="right")
        sizes = right - left
        present = sizes > 0
        if not present.any():
            return []
        left, right, sizes = left[present], right[present], sizes[present]
        rare = sizes <= MAX_POSTINGS
        if rare.any():
            left, right = left[rare], right[rare]
        chunks = [self._postings[a:b] for a, b in zip(left.tolist(), right.tolist(), strict=True)]
        found, inverse, counts = np.unique(np.concatenate(chunks), return_inverse=True, return_counts=True)
        own = self._nkeys_array[found] if len(self._nkeys_array) else counts
        share = counts / np.minimum(np.maximum(own, 1), len(hashes))
        # Rank by shared *rare* keys: a shared rare surname says more than a
        # shared common given name (inverse document frequency of each key).
        idf = np.log1p(len(self._records) / (right - left))
        evidence = np.bincount(inverse, weights=np.repeat(idf, right - left))
        keep = share >= self.min_share
        found, evidence = found[keep], evidence[keep]
        if len(found) > self.max_candidates:
            top = np.argsort(-evidence, kind="stable")[: self.max_candidates]
            found = found[top]
        return [int(n) for n in found.tolist()]

    def memory_bytes(self) -> int:
        """Size of the key arrays (the records themselves are not counted)."""
        return int(self._keys.nbytes + self._postings.nbytes)
