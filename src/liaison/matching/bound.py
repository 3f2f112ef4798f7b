"""A cheap upper bound of the name score, to set candidates aside unaligned.

Screening proposes a dozen candidates per traveller and most of them cannot
reach the threshold. Aligning each is the expensive part of screening, so
each candidate is first given an upper bound of the score :func:`align`
would give it, from part similarities alone:

- a part with no possible partner (no part of the other name at
  ``ALIGN_FLOOR`` or above, no run of joined parts it could belong to) is
  certainly left over: it bounds the extra-part cost and the conflict
  factor from below;
- the aligned pairs cannot average more than the best part similarity.

The bound is worked out once per traveller name (:class:`NameBound`) and
remembers what it learnt about each register part, because a traveller's
candidates share many parts. Names it does not model (organisations,
``bin`` genealogies) get 1.0: they are always aligned.
"""

from __future__ import annotations

from liaison.matching.compare import (
    _SINGLE_KINDS,
    ALIGN_FLOOR,
    CONFLICT_FACTOR,
    EXTRA_COST,
    SYLLABLE_VARIANT_SIMILARITY,
    _abjad_joined_candidates,
    _joined_tokens,
    _run_similarity,
    joinable_shapes,
    name_score,
    part_similarity,
    quality,
    syllabic_languages,
)
from liaison.matching.names import (
    CHARACTER_SCRIPTS,
    EntityKind,
    Name,
    Run,
    Token,
    TokenKind,
    _find_runs,
    character_name,
    run_at,
)
from liaison.matching.syllables import name_language, same_syllables
from liaison.matching.text import ABJADS, Script

# Every language whose romanisation variants may raise a part pair in a
# syllabic name (see compare._syllable_similarity): an upper bound needs them all.
_SYLLABIC_LANGUAGES = frozenset({"zh", "ko", "ja", "vi", "wg"})


def _has_genealogy(name: Name) -> bool:
    for t in name.tokens:  # noqa: SIM110 - no generator: asked of every candidate
        if t.text == "bin" and t.kind == TokenKind.PARTICLE:
            return True
    return False


class NameBound:
    """Upper bounds of :func:`liaison.matching.compare.name_score` for one
    traveller name against any number of register names."""

    def __init__(self, query: Name, shared: dict[tuple[Token, Token, bool], float] | None = None) -> None:
        self.query = query
        # Part similarities (syllable variants included) shared by the
        # names of one traveller: a kanji name's Japanese readings repeat
        # the same surname and given-name readings.
        self._pair_sims: dict[tuple[Token, Token, bool], float] = {} if shared is None else shared
        # Registers hold the same name many times (one person on several
        # lists, or again with another birth date): each distinct name is
        # bounded, and scored, once per traveller.
        self._bounds: dict[Name, float] = {}
        self._scores: dict[Name, tuple[float, int, float]] = {}
        self._parts: dict[Token, tuple[int, float]] = {}
        self._characters: NameBound | None = None
        self._joined: bool | None = None  # the query has article or Abd runs
        self._ready = False

    def _prepare(self) -> None:
        """What every bound reads of the query, worked out at the first
        bound: for most travellers the dates set every candidate aside
        before a name needs bounding."""
        query = self.query
        tokens = query.tokens
        self._modelled = query.kind == EntityKind.PERSON and bool(tokens) and not _has_genealogy(query)
        self._weights = [t.weight for t in tokens]
        # Only a syllabic query can meet a part romanised another way (Lv / Lu).
        self._syllabic = name_language(query) is not None
        self._conflicts = [t.conflict for t in tokens]
        self._bits = [(1 << i, t, t.kind == TokenKind.NAME) for i, t in enumerate(tokens)]
        # Query parts that a run of candidate parts may stand for, by initial.
        self._singles = [(1 << i, t) for i, t in enumerate(tokens) if t.kind in _SINGLE_KINDS]
        self._single_initials = {c for _, t in self._singles for c in (t.text[:1], t.key[:1])}
        self._acronym_sizes, self._joined_lengths = joinable_shapes(t for _, t in self._singles)
        # Runs of query parts, by initial, with the parts they cover.
        self._runs: dict[str, list[tuple[Run, int]]] = {}
        for run in query.runs:
            covered = ((1 << run.size) - 1) << run.start
            for initial in {run.first, run.first_key}:
                self._runs.setdefault(initial, []).append((run, covered))
        self._ready = True

    def bound(self, candidate: Name) -> float:
        """At least the name score of ``query`` against ``candidate``."""
        known = self._bounds.get(candidate)
        if known is None:
            known = self._bounds[candidate] = self._bound_once(candidate)
        return known

    def name_score(self, candidate: Name) -> tuple[float, int, float]:
        """:func:`liaison.matching.compare.name_score` of the query and
        ``candidate``, remembered."""
        known = self._scores.get(candidate)
        if known is None:
            known = self._scores[candidate] = name_score(self.query, candidate)
        return known

    def _bound_once(self, candidate: Name) -> float:
        if not self._ready:
            self._prepare()
        query = self.query
        if not self._modelled or candidate.kind != EntityKind.PERSON or not candidate.tokens:
            return 1.0
        if (query.script in ABJADS) != (candidate.script in ABJADS):
            return self._abjad_bound(candidate)
        if query.script == candidate.script and query.script in CHARACTER_SCRIPTS:
            # Compared character by character, as align does (the query's
            # characters bounded once per traveller, not once per candidate).
            if self._characters is None:
                self._characters = NameBound(character_name(query), self._pair_sims)
                self._characters._prepare()
            return self._characters._bound(character_name(candidate))
        return self._bound(candidate)

    def _abjad_bound(self, candidate: Name) -> float:
        """Arabic or Hebrew script against another script: besides parts
        and runs, align joins the article and Abd to the part after them
        and compares them by skeleton (النعيمي / ALNUAIMI, see
        ``compare._abjad_joined_candidates``), and takes a run spelled with
        the article as el-/ul- (ELSAYED / AL SAYED). Each of these is worked
        out here as align does, every run tried whatever its initial; pairs
        of syllabic names or with Hangul parts (whose runs align by syllable)
        are always aligned."""
        query = self.query
        if (
            syllabic_languages(query, candidate) is not None
            or any(t.script == Script.HANGUL for t in query.tokens)
            or any(t.script == Script.HANGUL for t in candidate.tokens)
        ):
            return 1.0
        if _has_genealogy(candidate) or query.form == candidate.form:
            return 1.0
        closed_query = closed_candidate = 0
        best = 0.0
        # Every run of one side against every single part of the other.
        query_singles = [(i, t) for i, t in enumerate(query.tokens) if t.kind in _SINGLE_KINDS]
        candidate_singles = [(j, t) for j, t in enumerate(candidate.tokens) if t.kind in _SINGLE_KINDS]
        for run in query.runs:
            covered = ((1 << run.size) - 1) << run.start
            for j, single in candidate_singles:
                sim = _run_similarity(run, single)[0]
                if sim > 0.0:
                    closed_query |= covered
                    closed_candidate |= 1 << j
                    best = max(best, sim)
        for run in _find_runs(candidate.tokens):
            covered = ((1 << run.size) - 1) << run.start
            for i, single in query_singles:
                sim = _run_similarity(run, single)[0]
                if sim > 0.0:
                    closed_query |= 1 << i
                    closed_candidate |= covered
                    best = max(best, sim)
        # Parts joined with the article or Abd, in the order align takes the pair.
        if self._joined is None:
            self._joined = bool(_joined_tokens(query))
        if self._joined or _joined_tokens(candidate):
            flipped = (query.original, query.kind) > (candidate.original, candidate.kind)
            pair = (candidate, query) if flipped else (query, candidate)
            for joined in _abjad_joined_candidates(*pair):
                on_query, on_candidate = (joined.b, joined.a) if flipped else (joined.a, joined.b)
                for i in on_query:
                    closed_query |= 1 << i
                for j in on_candidate:
                    closed_candidate |= 1 << j
                best = max(best, joined.sim)
        return self._bound(candidate, closed_query, closed_candidate, best)

    def _bound(
        self, candidate: Name, closed_query: int = 0, closed_candidate: int = 0, best: float = 0.0
    ) -> float:
        """The bound of a modelled pair (the query's tables prepared), with
        the parts ``closed_query`` and ``closed_candidate`` already known to
        align at ``best`` at most."""
        if _has_genealogy(candidate) or self.query.form == candidate.form:
            return 1.0
        tokens = candidate.tokens
        for j, token in enumerate(tokens):
            mask, sim = self._part(token)
            if mask:
                closed_query |= mask
                closed_candidate |= 1 << j
                if sim > best:
                    best = sim
        run_query, run_candidate, sim = self._candidate_runs(candidate)
        closed_query |= run_query
        closed_candidate |= run_candidate
        if closed_query == 0:
            return 0.0  # nothing can align: align scores 0
        best = max(best, sim)
        den = weight_left = conflict_left = 0.0
        for j, token in enumerate(tokens):
            if closed_candidate >> j & 1:
                den += token.weight
            else:
                weight_left += token.weight
                conflict_left += token.conflict
        query_weight_left = query_conflict_left = 0.0
        for i, weight in enumerate(self._weights):
            if closed_query >> i & 1:
                den += weight
            else:
                query_weight_left += weight
                query_conflict_left += self._conflicts[i]
        den /= 2
        if den <= 0:
            return 0.0
        conflict = min(conflict_left, query_conflict_left)
        # extra = |a - b| + min(a, b) / 2 is at least half the larger side.
        extra = EXTRA_COST * 0.5 * max(weight_left, query_weight_left)
        bound: float = quality(best) * den / (den + extra) * CONFLICT_FACTOR**conflict
        return min(1.0, bound)

    def _part(self, token: Token) -> tuple[int, float]:
        """Query parts one candidate part may align with (as a part, or as
        a run of joined query parts), and the best similarity among them."""
        known = self._parts.get(token)
        if known is not None:
            return known
        mask, best = 0, 0.0
        syllabic = self._syllabic and token.kind == TokenKind.NAME
        pair_sims = self._pair_sims
        for bit, x, is_name in self._bits:
            key = (x, token, syllabic and is_name)
            sim = pair_sims.get(key)
            if sim is None:
                sim = part_similarity(x, token)[0]
                if (
                    key[2]
                    and sim < SYLLABLE_VARIANT_SIMILARITY
                    and same_syllables(x.text, token.text, _SYLLABIC_LANGUAGES)
                ):
                    sim = SYLLABLE_VARIANT_SIMILARITY
                pair_sims[key] = sim
            if sim >= ALIGN_FLOOR:
                mask |= bit
                if sim > best:
                    best = sim
        if token.kind in _SINGLE_KINDS:
            first, first_key = token.text[:1], token.key[:1]
            runs = self._runs.get(first, [])
            if first_key != first:
                runs = runs + self._runs.get(first_key, [])
            for run, covered in runs:
                sim = _run_similarity(run, token)[0]
                if sim > 0.0:
                    mask |= covered
                    best = max(best, sim)
        self._parts[token] = (mask, best)
        return mask, best

    def _candidate_runs(self, candidate: Name) -> tuple[int, int, float]:
        """Runs of candidate parts that may stand for one query part: the
        query parts and candidate parts they may close, and the best
        similarity."""
        tokens = candidate.tokens
        if len(tokens) < 2 or not self._singles:
            return 0, 0, 0.0
        query_mask = candidate_mask = 0
        best = 0.0
        initials = self._single_initials
        # Runs are built only where they may start (most register names are
        # bounded once and never aligned: their runs are not kept).
        sizes, lengths = self._acronym_sizes, self._joined_lengths
        for start in range(len(tokens) - 1):
            head = tokens[start]
            if head.text[:1] not in initials and head.key[:1] not in initials:
                continue
            joined = len(head.key)
            for size in (2, 3):
                if start + size > len(tokens):
                    break
                joined += len(tokens[start + size - 1].key)
                if size not in sizes and joined not in lengths:
                    continue
                run = run_at(tokens, start, size)
                if run is None:
                    continue
                for bit, single in self._singles:
                    sim = _run_similarity(run, single)[0]
                    if sim > 0.0:
                        query_mask |= bit
                        candidate_mask |= ((1 << size) - 1) << start
                        best = max(best, sim)
        return query_mask, candidate_mask, best


def name_score_bound(query: Name, candidate: Name) -> float:
    """An upper bound of the name score of two names (see the module docstring)."""
    return NameBound(query).bound(candidate)
