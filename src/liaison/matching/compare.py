"""Align the parts of two names and score how well they correspond.

The score is built from name *structure*, not one string distance: each
part of one name is aligned to at most one part (or a run of joined parts)
of the other; aligned parts contribute their similarity, a part present on
only one side (an extra middle name, a patronymic) costs little, and a part
on each side that aligns with nothing (two different surnames) is a
contradiction that multiplies the score down.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from liaison.matching.explain import NameExplanation, PartAlignment
from liaison.matching.frequency import name_bits, syllable_bits
from liaison.matching.japanese import hepburn_fold, is_romaji, mora_similarity
from liaison.matching.korean import (
    is_korean_name,
    korean_syllable_count,
    spelling_similarity,
    syllable_of,
    word_similarity,
)
from liaison.matching.names import (
    CHARACTER_SCRIPTS,
    DENSE_SCRIPTS,
    EntityKind,
    Name,
    Run,
    Token,
    TokenKind,
    character_name,
)
from liaison.matching.names import _make_token as make_token
from liaison.matching.syllables import (
    KANA_LENGTH_MARKS,
    KOREAN_VOWEL_SYLLABLES,
    WHOLE_NAME_LANGUAGES,
    in_wade_giles,
    name_language,
    same_syllables,
    syllable_count,
    syllable_languages,
)
from liaison.matching.text import (
    ABJADS,
    Script,
    abjad_explains,
    abjad_vowels_agree,
    foreign_skeletons,
    greek_fold,
    is_loanword_part,
    korean_romanisable,
    latin_foreign_skeletons,
    latin_loanword_keys,
    latin_readings,
    loanword_keys,
    loanword_patterns,
    short_skeleton_fits,
    vowel_shape,
    wade_giles_spelling,
)
from liaison.matching.vocabulary import LEGAL_FAMILY, NAME_SUFFIX_KEYS, PARTICLES

# Tuning constants, chosen for the shape of the curve rather than per case.
WEAK_QUALITY = 0.5  # aligned pairs below this quality count partly as conflicts
ALIGN_FLOOR = 0.55  # below this two parts are not considered the same part
JOIN_FLOOR = 0.8  # joined parts must be this close to the single part
EXTRA_COST = 0.3  # weight of an unmatched part present on one side only
CONFLICT_FACTOR = 0.55  # score multiplier per contradicting part
LEGAL_CONFLICT_FACTOR = 0.65  # both have legal forms of different families
ORG_EXTRA_COST = 0.6  # organisations: an extra word usually names another entity
INITIALS_ONLY_FACTOR = 0.6  # nothing but initials and particles aligned
REVERSAL_CONFLICT = 1.0
_PATRONYMIC_ENDINGS = ("ovich", "evich", "ovych", "evych", "ovna", "evna", "ivna", "ich", "ovic", "evic")
TRUNCATION_SIMILARITY = 0.85  # one part is the other cut short, 4+ letters kept
ANCESTOR_DISCOUNT = 0.5  # share of an extra ancestor name's cost waived
NICKNAME_SIMILARITY = 0.85  # a standard nickname: Ted / Theodore
ROMANISATION_SIMILARITY = 0.88  # Korean Revised vs McCune-Reischauer forms
# Two different syllable runs in Chinese, Korean or Japanese names (Zhou /
# Zou, Jin / Jun, Sato / Saito): aligned, so the page shows them side by
# side, but at the floor, so the pair counts as a contradiction.
SYLLABLE_SIMILARITY = ALIGN_FLOOR
SYLLABLE_VARIANT_SIMILARITY = ROMANISATION_SIMILARITY  # one syllable romanised two ways: Lü / Lv
CROSSED_CONFLICT = 0.3  # surname aligned with a given name, the rest not agreeing
WADE_GILES_SIMILARITY = 0.9  # a Chinese syllable in Wade-Giles: 蔣 as Chiang
_HAN_LATIN = frozenset({Script.HAN, Script.LATIN})
GREEK_SIMILARITY = 0.92  # a Greek digraph spelled another way: Μπ as B or Mp


def quality(similarity: float) -> float:
    """Map part similarity to evidence: near-identical counts fully, weak
    similarity (one letter in three changed) counts little."""
    if similarity >= 0.9:
        return similarity
    return max(0.0, 0.9 - (0.9 - similarity) * 2.5)


@lru_cache(maxsize=1)
def _nickname_groups() -> dict[str, frozenset[str]]:
    """Standard English nicknames (the ``nicknames`` package): Ted ↔ Theodore."""
    from nicknames import NickNamer

    related: dict[str, set[str]] = {}
    for canonical, nicks in NickNamer().nickname_lookup.items():
        for nick in nicks:
            related.setdefault(canonical, set()).add(nick)
            related.setdefault(nick, set()).add(canonical)
    return {name: frozenset(group) for name, group in related.items()}


def _korean_fold(text: str) -> str:
    """Fold Revised Romanisation towards McCune-Reischauer spellings (Gim/Kim)."""
    if text[:1] in "gdbj":
        text = {"g": "k", "d": "t", "b": "p", "j": "ch"}[text[0]] + text[1:]
    return text.replace("eo", "o").replace("eu", "u").replace("ae", "e")


_KOREAN_SURNAME_I = frozenset({"i", "lee", "li", "ri", "yi", "rhee", "rhie"})


_VOWEL_TABLE = str.maketrans("", "", "aeiou")


def _consonants(key: str) -> str:
    return key.translate(_VOWEL_TABLE)


_CLUSTERS = re.compile(r"[aeiou]+|[^aeiou]+")
_VOWEL_RUN = re.compile(r"(?<=[b-df-hj-np-tvxz])[aeiou]+|[aeiou]+")
_CLOSING_GLIDE = re.compile(r"(?<=[aeiou])([yw])(?![aeiou])")


@lru_cache(maxsize=200_000)
def _vowel_runs(text: str) -> tuple[str, ...]:
    """Each vowel run as ``v`` (one vowel), ``g`` (a diphthong ai/ei/au
    after a consonant other than w/y: Husayn, Hussein, Hussain, Shawkat) or
    ``?`` (any other pair: a long vowel or a hiatus, Mahmoud, Qaeda). In
    Arabic names the glide of a diphthong is a consonant, ي or و, and marks
    another name (حسن Hasan / حسين Husayn)."""
    text = _CLOSING_GLIDE.sub(lambda m: "i" if m.group(1) == "y" else "u", text)
    out = []
    for match in _VOWEL_RUN.finditer(text):
        run, start = match.group(0), match.start()
        if len(run) == 1:
            out.append("v")
        elif run in ("ai", "ei", "au") and start > 0 and text[start - 1] not in "wy":
            out.append("g")
        else:
            out.append("?")
    return tuple(out)


def _same_glides(a: str, b: str) -> bool:
    """No diphthong on one side where the other writes one vowel."""
    ra, rb = _vowel_runs(a), _vowel_runs(b)
    if len(ra) != len(rb):
        return True
    return not any({x, y} == {"v", "g"} for x, y in zip(ra, rb, strict=True))


@lru_cache(maxsize=200_000)
def _shape(key: str) -> tuple[int, ...]:
    """Consonant-cluster sizes, vowel runs as 0 (final vowels dropped):
    Usama/Osama and Husayn/Hussein share a shape, Yolanda/Linda and
    Brady/Baird do not."""
    stripped = key.rstrip("aeiou")
    if len(stripped) >= 2:
        key = stripped
    return tuple(0 if run[0] in "aeiou" else len(run) for run in _CLUSTERS.findall(key))


def _stems(a: str, b: str) -> tuple[str, str] | None:
    """The two keys without a name-forming suffix they share (see
    ``NAME_SUFFIX_KEYS``), when both keep a stem of two letters or more."""
    if a[-3:] != b[-3:]:
        return None  # every suffix has three letters or more
    for suffix in NAME_SUFFIX_KEYS:
        if a.endswith(suffix) and b.endswith(suffix):
            stem_a, stem_b = a[: -len(suffix)], b[: -len(suffix)]
            if len(stem_a) >= 2 and len(stem_b) >= 2 and stem_a != stem_b:
                return stem_a, stem_b
            return None
    return None


# Kinds compared by spelling; the others (initials, particles, numbers,
# legal forms) have rules of their own.
_SPELLED_KINDS = frozenset({TokenKind.NAME, TokenKind.GENERIC, TokenKind.PLACE, TokenKind.STOP})


@lru_cache(maxsize=500_000)
def part_similarity(a: Token, b: Token) -> tuple[float, str]:
    """Similarity of two single parts in [0, 1] and the rule that found it.

    Screening calls this for every new pair of parts it meets, so the
    cheap tests come first and each costlier rule is tried only when a
    cheap necessary condition holds.
    """
    if a.kind not in _SPELLED_KINDS or b.kind not in _SPELLED_KINDS:
        return _kind_similarity(a, b)
    if {a.script, b.script} == _HANGUL_LATIN:
        found = _hangul_latin_similarity(a, b)
        if found is not None:
            return found
    return _latin_similarity(a, b)


def _latin_similarity(a: Token, b: Token) -> tuple[float, str]:
    """Two spelled parts compared on their Latin forms."""
    ta, tb = a.text, b.text
    if ta == tb:
        return 1.0, "exact"
    ka, kb = a.key, b.key
    if ka == kb:
        return 0.95, "phonetic"
    la, lb = len(ta), len(tb)
    if la >= 4 and la == lb and ta == tb[::-1]:
        return 0.85, "reversed"
    if min(len(ka), len(kb)) >= 5 and (ka == kb + "s" or kb == ka + "s"):
        # Baltic spellings add a nominative -s to foreign names: Sergejs Lavrovs.
        return 0.92, "ending"
    if tb in _nickname_groups().get(ta, ()):
        return NICKNAME_SIMILARITY, "nickname"
    if is_romaji(ta) and is_romaji(tb):
        return _romaji_similarity(a, b)
    return _spelling_similarity(a, b)


_HANGUL_LATIN = frozenset({Script.HANGUL, Script.LATIN})


def _hangul_latin_similarity(a: Token, b: Token) -> tuple[float, str] | None:
    """A Hangul syllable against a Latin part written in one of its accepted
    spellings (박 / Park, 이 / Lee, 정 / Jung): the same part. None
    otherwise: the spelling rules decide, and in a Korean name
    :func:`_korean_part` then makes another syllable a contradiction."""
    hangul, latin = (a, b) if a.script == Script.HANGUL else (b, a)
    syllable = syllable_of(hangul.text)
    if syllable is None:
        return None
    sim = spelling_similarity(syllable, latin.text)
    if sim:
        return sim, ("exact" if sim == 1.0 else "romanisation")
    return None


def _korean_part(x: Token, y: Token, sim: float, rule: str) -> tuple[float, str]:
    """A syllable of a Korean name written in Hangul against a Latin part:
    a Latin part that is not one of the syllable's spellings but reads as
    other Korean syllables is another name (송 / Sung, 장 / Kang, 영 /
    Gyeong), aligned at the floor as a contradiction."""
    hangul, latin = (x, y) if x.script == Script.HANGUL else (y, x)
    syllable = syllable_of(hangul.text)
    if syllable is None or latin.script != Script.LATIN or spelling_similarity(syllable, latin.text):
        return sim, rule
    if latin.kind not in _SPELLED_KINDS or not korean_syllable_count(latin.text):
        return sim, rule
    return min(sim, SYLLABLE_SIMILARITY), "syllables"


def _korean_hangul(a: Name, b: Name) -> bool:
    """One name is a Korean name written in Hangul (not a foreign name in
    Hangul, 미첼 존슨) and the other is in Latin letters."""
    return {a.script, b.script} == _HANGUL_LATIN and is_korean_name(
        a.original if a.script == Script.HANGUL else b.original
    )


HEPBURN_SIMILARITY = 0.95  # one Japanese word in two romanisations: Ohno / Ono


def _romaji_similarity(a: Token, b: Token) -> tuple[float, str]:
    """Two parts that read as Japanese syllables. The same word in two
    romanisations (Ohno / Ōno / Ono, Shinji / Sinzi, Satou / Sato) agrees;
    when one side was read from Japanese script, a mora added or changed
    is another name (Sato / Saito, Ono / Onoda), not a spelling slip."""
    fa, fb = hepburn_fold(a.text), hepburn_fold(b.text)
    if fa == fb:
        return HEPBURN_SIMILARITY, "hepburn"
    sim, rule = _spelling_similarity(a, b)
    if a.script == Script.KANA or b.script == Script.KANA:
        by_morae = mora_similarity(fa, fb)
        if by_morae < sim:
            return by_morae, "morae"
    return sim, rule


def _kind_similarity(a: Token, b: Token) -> tuple[float, str]:
    """Initials, particles, numbers and legal forms on either side."""
    if a.kind == TokenKind.LEGAL or b.kind == TokenKind.LEGAL:
        if a.kind != b.kind:
            return 0.0, "legal_form"
        if a.text == b.text:
            return 1.0, "legal_form"
        same_family = LEGAL_FAMILY.get(a.text, a.text) == LEGAL_FAMILY.get(b.text, b.text)
        return (0.8 if same_family else 0.0), "legal_form"
    if a.kind == TokenKind.PARTICLE or b.kind == TokenKind.PARTICLE:
        # Canonical forms: a given name "Ben" still meets the particle "bin".
        same = PARTICLES.get(a.text, a.text) == PARTICLES.get(b.text, b.text)
        return (1.0 if same else 0.0), "particle"
    if a.kind == TokenKind.NUMBER or b.kind == TokenKind.NUMBER:
        return (1.0 if a.text == b.text else 0.0), "number"
    # Initials on one side at least (the kinds above are ruled out).
    if a.text == b.text:
        return 1.0, "exact"
    return (0.9 if a.text[0] == b.text[0] else 0.0), "initial"


def _spelling_similarity(a: Token, b: Token) -> tuple[float, str]:
    """Two spelled parts that differ in their phonetic keys."""
    sim = max(
        OSA.normalized_similarity(a.key, b.key),
        OSA.normalized_similarity(a.text, b.text),
    )
    rule = "spelling"
    # A swap of neighbours is one OSA edit and two Levenshtein edits, and
    # keeps the length.
    if (
        sim < 0.9
        and len(a.text) == len(b.text)
        and OSA.distance(a.text, b.text) == 1
        and Levenshtein.distance(a.text, b.text) == 2
    ):
        # Two neighbouring letters swapped (Lakahl / Lakhal): a typing slip.
        sim, rule = max(sim, 1 - 0.5 / max(len(a.text), len(b.text))), "transposition"
    if (
        sim < 0.85
        and min(len(a.text), len(b.text)) >= 5
        and abs(len(a.text) - len(b.text)) <= 2
        and _consonants(a.key) == _consonants(b.key)
        and _shape(a.key) == _shape(b.key)
        and _same_glides(a.text, b.text)
    ):
        # Same consonants, vowels written differently: Usama/Osama, Husayn/Hussein.
        sim, rule = 0.85, "vowels"
    short, long = (a.text, b.text) if len(a.text) <= len(b.text) else (b.text, a.text)
    if (
        sim < TRUNCATION_SIMILARITY
        and len(short) >= 4
        and len(short) < len(long)
        and len(short) >= 0.65 * len(long)
        and long.startswith(short)
        and not long.endswith(_PATRONYMIC_ENDINGS)
        and a.script not in DENSE_SCRIPTS
        and b.script not in DENSE_SCRIPTS
    ):
        # A field cut short (Abiy / Abiyot): passenger and travel-document
        # systems truncate long names at a fixed length. Most of the name
        # must remain (Lind is not Lindemann), and a patronymic is not its
        # father's name cut short (Oleksandr / Oleksandrovych). Parts from
        # syllabic scripts are syllables: Seong is not Seongsu cut short.
        sim, rule = TRUNCATION_SIMILARITY, "truncated"
    stems = _stems(a.key, b.key) if sim >= ALIGN_FLOOR else None
    if stems is not None:
        # Shamsuddin / Shahabuddin, Jonsdottir / Tomasdottir: the shared
        # name-forming suffix says nothing; the stems must agree on their own.
        distance = OSA.distance(stems[0], stems[1])
        sim = min(sim, 1 - distance / max(len(stems[0]), len(stems[1]), 4))
    abjad_pair = a.script in ABJADS or b.script in ABJADS
    if abjad_pair and a.script not in DENSE_SCRIPTS and b.script not in DENSE_SCRIPTS:
        # One consonant says nothing (Wa'il / Ali both give "l"), two say a
        # little (Amer / عامر give "mr"), three or more say a lot. Each
        # reading of an Arabic-script part is tried (عثمان: Uthman, Osman).
        # A part read from Chinese or Japanese script never meets a skeleton:
        # such a name reaches Arabic script only transcribed (see
        # _transcription_similarity). Against another script, the abjad
        # word must also explain the other part's first letter and vowels
        # (text.abjad_explains), and a two-consonant skeleton its length;
        # two abjad words must agree on their vowel letters
        # (text.abjad_vowels_agree).
        abjad, other = (a, b) if a.script in ABJADS else (b, a)
        both = other.script in ABJADS
        if abjad_vowels_agree(a.text, b.text) if both else abjad_explains(abjad.text, other.text):
            short_ok: bool | None = None  # worked out only for a two-consonant skeleton
            best_skel = 0.0
            for sa in a.skeletons or (a.skeleton,):
                for sb in b.skeletons or (b.skeleton,):
                    if min(len(sa), len(sb)) < 2:
                        continue
                    if sa == sb:
                        if len(sa) >= 3:
                            best_skel = max(best_skel, 0.9)
                        else:
                            if short_ok is None:
                                short_ok = not both and short_skeleton_fits(abjad.text, other.text)
                            if short_ok:
                                best_skel = max(best_skel, 0.85)
                    elif min(len(sa), len(sb)) >= 3:
                        best_skel = max(best_skel, OSA.normalized_similarity(sa, sb) * 0.9)
            if best_skel >= 0.85:
                return best_skel, "skeleton"
            if best_skel > sim:
                sim, rule = best_skel, "skeleton"
            foreign = _transcription_similarity(a, b)
            if foreign > sim:
                sim, rule = foreign, "transcription"
    if (a.script == Script.GREEK) != (b.script == Script.GREEK) and greek_fold(a.text) == greek_fold(b.text):
        # ΜΠΙΚΑ / Mpika, Καμπάκας / Kabakas: one Greek sound, two spellings.
        return GREEK_SIMILARITY, "greek_digraph"
    if {a.script, b.script} == _HAN_LATIN:
        # 蔣 / Chiang, 崔 / Tsui: the Latin part is the characters' reading
        # in Wade-Giles, written without aspiration marks.
        han, latin = (a, b) if a.script == Script.HAN else (b, a)
        if wade_giles_spelling(han.text) == latin.text:
            return WADE_GILES_SIMILARITY, "wade_giles"
    if a.script == Script.HANGUL or b.script == Script.HANGUL:
        loan = _loanword_similarity(a, b)
        if loan > sim:
            sim, rule = loan, "loanword"
        if {a.text, b.text} <= _KOREAN_SURNAME_I:
            return 0.9, "romanisation"
        folded = OSA.normalized_similarity(_korean_fold(a.key), _korean_fold(b.key))
        if folded >= 0.99:
            return ROMANISATION_SIMILARITY, "romanisation"
        if folded > sim:
            sim, rule = folded, "romanisation"
    return sim, rule


def _transcription_similarity(a: Token, b: Token) -> float:
    """A foreign name written in Arabic or Hebrew script against a Latin
    part, on sound-class skeletons (see ``text.foreign_skeletons``): 0.9
    when they agree on three consonants or more, 0.85 on two when the
    words' lengths fit (see ``text.short_skeleton_fits``)."""
    abjad, latin = (a, b) if a.script in ABJADS else (b, a)
    if latin.script != Script.LATIN:
        return 0.0
    readings = latin_readings(latin.text)
    latin_skeletons, latin_long = latin_foreign_skeletons(latin.text)
    abjad_skeletons = foreign_skeletons(abjad.text, abjad.script)
    common = latin_skeletons.intersection(abjad_skeletons)
    if any(len(sk) >= 3 for sk in common):
        return 0.9
    short = any(len(sk) == 2 for sk in common) and short_skeleton_fits(abjad.text, latin.text)
    best = 0.85 if short else 0.0
    if latin_long:
        for sa in abjad_skeletons:
            if len(sa) >= 4:
                found = process.extractOne(sa, latin_long, scorer=OSA.normalized_similarity)
                if found is not None:
                    best = max(best, found[1] * 0.9)
    if (
        best == 0.0
        and any(len(sk) == 1 for sk in common)
        and vowel_shape(abjad.text, abjad.script)
        in {vowel_shape(reading, Script.LATIN) for reading in readings}
    ):
        # A short name, one consonant (אמי = Aimée, די = Day): the same
        # consonant with vowels in the same places.
        return 0.8
    return best


def _loanword_similarity(a: Token, b: Token) -> float:
    """A foreign name in Korean loanword spelling (one part of several
    syllables, see ``text.is_loanword_part``) against a Latin part, compared
    on keys that fold what Korean spelling does not distinguish."""
    hangul, other = (a, b) if a.script == Script.HANGUL else (b, a)
    if other.script == Script.HANGUL:
        return 0.0
    if not is_loanword_part(hangul.text, 2):
        # One syllable (존 = John) counts only when its key agrees exactly,
        # and not against a part that may itself be romanised Korean.
        if not is_loanword_part(hangul.text, 1) or korean_romanisable(other.text):
            return 0.0
        keys = latin_loanword_keys(other.text)
        return 0.92 if any(ka in keys for ka in loanword_keys(hangul.text, True)) else 0.0
    best = 0.0
    latin_keys = latin_loanword_keys(other.text)
    if latin_keys:
        for ka in loanword_keys(hangul.text, True):
            if len(ka) >= 2:
                found = process.extractOne(ka, latin_keys, scorer=OSA.normalized_similarity)
                if found is not None:
                    best = max(best, found[1])
    if best >= 1.0:
        return 0.92
    if any(pattern.fullmatch(key) for pattern in loanword_patterns(hangul.text) for key in latin_keys):
        return 0.88  # same consonants and syllables, vowels spelled otherwise
    return best * 0.95


ACRONYM_SIMILARITY = 0.9
_SINGLE_KINDS = frozenset({TokenKind.NAME, TokenKind.GENERIC})


def joinable_shapes(singles: Iterable[Token]) -> tuple[frozenset[int], frozenset[int]]:
    """The run sizes that may be an acronym of one of ``singles``, and the
    joined key lengths a run needs to be close to one of them: a run of
    any other size and length scores 0 in :func:`_run_similarity`, so it
    need not be built."""
    sizes: set[int] = set()
    lengths: set[int] = set()
    for single in singles:
        sizes.add(len(single.text))
        if len(single.text) >= 4:
            size, slack = len(single.key), max(2, len(single.key) // 4)
            lengths.update(range(size - slack, size + slack + 1))
    return frozenset(sizes), frozenset(lengths)


def _run_similarity(run: Run, single: Token) -> tuple[float, str]:
    """How well a run of joined parts stands for one part, and the rule:
    0.9 for its acronym, the joined similarity when at least ``JOIN_FLOOR``,
    else 0."""
    if single.text[0] != run.first and single.key[:1] != run.first_key:
        if run.joined_key.startswith("al") and single.key[:2] in ("el", "ul") and len(single.key) >= 6:
            # The article glued and spelled el-/ul- (ELSAYED / AL-SAYED):
            # particles are kept in their canonical form, al.
            sim = float(OSA.normalized_similarity(run.joined_key, "al" + single.key[2:]))
            return (sim if sim >= JOIN_FLOOR else 0.0), "article"
        return 0.0, "joined"  # cheap test first: joined parts start alike
    if (
        len(single.text) == run.size
        and run.letters == single.text
        and single.script not in ABJADS
        and single.text not in _NOT_ACRONYMS
    ):
        # An Arabic-script part is never an acronym, nor is Abd (Abdel Basit
        # Dabia / عبد ...): each is a word of the name.
        return ACRONYM_SIMILARITY, "acronym"
    if len(single.text) >= 4 and abs(len(run.joined_key) - len(single.key)) <= max(2, len(single.key) // 4):
        sim = float(OSA.normalized_similarity(run.joined_key, single.key))
        assimilated = _SUN_ARTICLE.sub("a", run.joined_key[1:])
        if assimilated != run.joined_key[1:]:
            # The article assimilated to a sun letter (Abd al-Rauf /
            # ABDURRAUF, Abdel Rauf): al/el/ul before r, s, t, d, n, z.
            article = float(OSA.normalized_similarity(run.joined_key[0] + assimilated, single.key))
            if article > sim and article >= JOIN_FLOOR:
                return article, "article"
        return (sim if sim >= JOIN_FLOOR else 0.0), "joined"
    return 0.0, "joined"


_NOT_ACRONYMS = frozenset({"abd"})
_SUN_ARTICLE = re.compile(r"(?<=bd)[aeu]l(?=[tdrzsn])")


@dataclass(slots=True)
class _Candidate:
    sim: float
    rule: str
    a: tuple[int, ...]
    b: tuple[int, ...]
    weight: float


_EXACT_RULE = {
    TokenKind.INITIAL: "initial",
    TokenKind.PARTICLE: "particle",
    TokenKind.LEGAL: "legal_form",
    TokenKind.NUMBER: "number",
}


def syllabic_languages(a: Name, b: Name) -> frozenset[str] | None:
    """The languages whose syllables both names are made of (see
    :mod:`liaison.matching.syllables`), or None when one is not syllabic or
    both are compared character by character."""
    if a.script == b.script and a.script in DENSE_SCRIPTS:
        return None
    la, lb = name_language(a), name_language(b)
    if la is None or lb is None:
        return None
    if in_wade_giles(a) or in_wade_giles(b):
        return frozenset((la, lb, "wg"))  # see syllables._wade_giles_of
    return frozenset((la, lb))


# Rules that already know the part is one syllable written in another system
# (characters against Wade-Giles, Korean romanisations, Hepburn variants).
_ROMANISATION_RULES = frozenset({"exact", "wade_giles", "romanisation", "hepburn", "loanword"})


def _syllable_part(token: Token, languages: frozenset[str]) -> bool:
    """A name part, or in a Korean name a one-letter syllable read as an
    initial (I Minjae: 이, written Lee elsewhere)."""
    if token.kind == TokenKind.NAME:
        return True
    return token.kind == TokenKind.INITIAL and "ko" in languages and token.text in KOREAN_VOWEL_SYLLABLES


def _syllable_similarity(
    x: Token, y: Token, languages: frozenset[str], sim: float, rule: str
) -> tuple[float, str]:
    """Part similarity in a syllabic name: another syllable is another name
    (no spelling, truncation or phonetic credit), one syllable romanised two
    ways is the same."""
    if rule in _ROMANISATION_RULES or not (_syllable_part(x, languages) and _syllable_part(y, languages)):
        return sim, rule
    same = same_syllables(x.text, y.text, languages)
    if same is False:
        return min(sim, SYLLABLE_SIMILARITY), "syllables"
    if same and sim < SYLLABLE_VARIANT_SIMILARITY:
        return SYLLABLE_VARIANT_SIMILARITY, "romanisation"
    return sim, rule


def _hangul_syllables(tokens: tuple[Token, ...], indices: tuple[int, ...]) -> str | None:
    """The Hangul syllables a run of parts read from Hangul stands for, or None."""
    out = []
    for k in indices:
        syllable = syllable_of(tokens[k].text) if tokens[k].script == Script.HANGUL else None
        if syllable is None:
            return None
        out.append(syllable)
    return "".join(out)


def _candidates(a: Name, b: Name) -> list[_Candidate]:
    ta, tb = a.tokens, b.tokens
    out: list[_Candidate] = []
    languages = syllabic_languages(a, b)
    korean = _korean_hangul(a, b)
    for i, x in enumerate(ta):
        for j, y in enumerate(tb):
            sim, rule = part_similarity(x, y)
            if korean and x.script != y.script:
                sim, rule = _korean_part(x, y, sim, rule)
            elif languages is not None:
                sim, rule = _syllable_similarity(x, y, languages, sim, rule)
            if sim >= ALIGN_FLOOR:
                out.append(_Candidate(sim, rule, (i,), (j,), (x.weight + y.weight) / 2))
    # Runs of two or three joined parts against one part, either way round.
    for runs, right, flip in ((a.runs, tb, False), (b.runs, ta, True)):
        if not runs:
            continue
        singles = [(j, t) for j, t in enumerate(right) if t.kind in _SINGLE_KINDS]
        # A run and a part must start alike (see _run_similarity).
        text_initials = {t.text[:1] for _, t in singles}
        if any(t.key[:2] in ("el", "ul") for _, t in singles):
            text_initials.add("a")  # the article glued as el-/ul- (see _run_similarity)
        key_initials = {t.key[:1] for _, t in singles}
        run_tokens = tb if flip else ta
        # Only parts read from Hangul make a run of syllables.
        any_hangul = any(t.script == Script.HANGUL for t in run_tokens)
        for run in runs:
            run_idx = tuple(range(run.start, run.start + run.size))
            hangul = _hangul_syllables(run_tokens, run_idx) if any_hangul else None
            if hangul is None and run.first not in text_initials and run.first_key not in key_initials:
                continue
            for j, single in singles:
                if hangul is not None and single.script == Script.LATIN:
                    # 민재 / Minjae, 철수 / Chulsoo: each syllable in one of its spellings.
                    sim = word_similarity(hangul, single.text)
                    if sim == 0.0 and korean and korean_syllable_count(single.text):
                        continue  # other Korean syllables: another name
                    rule = "joined" if sim == 1.0 else "romanisation"
                    if sim == 0.0:
                        sim, rule = _run_similarity(run, single)  # a foreign name in Hangul
                else:
                    sim, rule = _run_similarity(run, single)
                if sim == 0.0:
                    continue
                if languages is not None and (hangul is None or single.script != Script.LATIN):
                    joined = "".join((tb if flip else ta)[k].text for k in run_idx)
                    if joined == single.text:
                        sim = 1.0  # Seong-ho / Seongho: the keys of the parts may differ from the whole's
                    else:
                        same = same_syllables(joined, single.text, languages)
                        if same is False:
                            continue  # Xiao Min is not Xiaoming
                        if same and sim < SYLLABLE_VARIANT_SIMILARITY:
                            sim, rule = SYLLABLE_VARIANT_SIMILARITY, "romanisation"
                weight = (run.weight + single.weight) / 2
                if flip:
                    out.append(_Candidate(sim, rule, (j,), run_idx, weight))
                else:
                    out.append(_Candidate(sim, rule, run_idx, (j,), weight))
    if a.script in ABJADS or b.script in ABJADS:
        out.extend(_abjad_joined_candidates(a, b))
    # Full parts first, initials last: "Griffin" should meet "Grimm", not "G.".
    out.sort(key=lambda c: (c.rule != "initial", c.sim, len(c.a) + len(c.b), c.weight), reverse=True)
    return out


_JOINABLE = frozenset({TokenKind.NAME, TokenKind.PARTICLE})
_ARTICLES = frozenset({"al", "el", "ul"})


@lru_cache(maxsize=65_536)
def _joined_tokens(name: Name) -> tuple[tuple[tuple[int, ...], Token], ...]:
    """Each run of two or three name parts or particles as one part
    (remembered: a traveller's name meets many Arabic-script candidates)."""
    out = []
    tokens = name.tokens
    for size in (2, 3):
        for start in range(len(tokens) - size + 1):
            parts = tokens[start : start + size]
            # Only runs with the article or Abd, and ending with a name part.
            linked = any(t.kind == TokenKind.PARTICLE or t.text in _ARTICLES for t in parts[:2]) or (
                parts[0].text.startswith("abd")
            )
            if linked and parts[-1].kind == TokenKind.NAME and all(t.kind in _JOINABLE for t in parts):
                joined = make_token("".join(t.text for t in parts), TokenKind.NAME, parts[-1].script)
                out.append((tuple(range(start, start + size)), joined))
    return tuple(out)


def _abjad_joined_candidates(a: Name, b: Name) -> list[_Candidate]:
    """Parts written apart on one side and as one word on the other, where
    one side is in Arabic or Hebrew script, compared on their skeletons:
    the article (النعيمي / ALNUAIMI, ELSAYED), ``Abd al-X`` (عبد الكريم /
    ABDELKARIM / Abdul Karim) and foreign names whose first letters read as
    the article (الكسندر / Alexander)."""
    out: list[_Candidate] = []
    joined_a, joined_b = _joined_tokens(a), _joined_tokens(b)
    singles_a = [((i,), t) for i, t in enumerate(a.tokens) if t.kind in _SINGLE_KINDS]
    singles_b = [((j,), t) for j, t in enumerate(b.tokens) if t.kind in _SINGLE_KINDS]
    for left, right in ((joined_a, (*singles_b, *joined_b)), (singles_a, joined_b)):
        for idx_a, x in left:
            for idx_b, y in right:
                if x.script not in ABJADS and y.script not in ABJADS:
                    continue
                sim, rule = part_similarity(x, y)
                if sim >= JOIN_FLOOR:
                    weight = (
                        sum(a.tokens[i].weight for i in idx_a) + sum(b.tokens[j].weight for j in idx_b)
                    ) / 2
                    # Ranked just below the same similarity part for part.
                    out.append(_Candidate(sim - 0.01, "joined " + rule, idx_a, idx_b, weight))
    return out


def compare_names(query: Name, candidate: Name) -> NameExplanation:
    """Align two parsed names and score them in [0, 1], with the alignment.

    Symmetric by construction: the pair is always aligned in one canonical
    order and the explanation is turned round when needed.
    """
    if (query.original, query.kind) > (candidate.original, candidate.kind):
        flipped = _compare_ordered(candidate, query)
        return NameExplanation(
            query_name=query.original,
            candidate_name=candidate.original,
            score=flipped.score,
            aligned=tuple(PartAlignment(a.candidate, a.query, a.similarity, a.rule) for a in flipped.aligned),
            query_only=flipped.candidate_only,
            candidate_only=flipped.query_only,
            conflicting_parts=flipped.conflicting_parts,
            order=flipped.order,
            syllabic=flipped.syllabic,
        )
    return _compare_ordered(query, candidate)


def _is_full_part(ta: tuple[Token, ...], tb: tuple[Token, ...], c: _Candidate) -> bool:
    kinds = {ta[i].kind for i in c.a} | {tb[j].kind for j in c.b}
    # Initials, particles and country qualifiers do not identify anyone.
    return TokenKind.INITIAL not in kinds and kinds not in ({TokenKind.PARTICLE}, {TokenKind.PLACE})


def _extra_weight(token: Token, is_org: bool, other_side_empty: bool) -> float:
    if is_org and token.kind == TokenKind.GENERIC:
        return 1.0
    if token.kind == TokenKind.LEGAL and other_side_empty:
        # A legal form on one side only is missing, not different
        # (CRYSTALORD / CRYSTALORD LTD). Against an unmatched word on the
        # other side (Siemens AG / Siemens AkG) it may be that word.
        return 0.0
    return token.weight


def _ancestors(tokens: tuple[Token, ...], used: set[int]) -> float:
    """Weight of unaligned name parts that follow an unaligned ``bin``."""
    total = 0.0
    for k in range(1, len(tokens)):
        before = tokens[k - 1]
        if (
            k not in used
            and k - 1 not in used
            and tokens[k].kind == TokenKind.NAME
            and before.kind == TokenKind.PARTICLE
            and before.text == "bin"
        ):
            total += tokens[k].weight + before.weight
    return total


def _reversed_patronymics(ta: tuple[Token, ...], tb: tuple[Token, ...], pairs: dict[int, int]) -> int:
    """Count ``X bin Y`` on one side aligned with ``Y bin X`` on the other."""
    count = 0
    for k in range(1, len(ta) - 1):
        if ta[k].kind != TokenKind.PARTICLE or ta[k].text != "bin":
            continue
        before, after = pairs.get(k - 1), pairs.get(k + 1)
        if before is None or after is None or before <= after:
            continue
        between = range(after + 1, before)
        if any(tb[j].kind == TokenKind.PARTICLE and tb[j].text == "bin" for j in between):
            count += 1
    return count


def _unmatched_conflict(a: Name, b: Name, only_a: list[Token], only_b: list[Token]) -> float:
    """Contradiction from parts that align with nothing: parts on both sides
    (two different surnames), or in names made of syllables any extra
    syllable (Yao Dandan / Yao Dan, 王伟明 / 王伟 are two names, not one
    with a part left out; not a Vietnamese middle name, often dropped); a
    kana that only lengthens a vowel is spelling."""
    conflict_a = sum(t.conflict for t in only_a)
    conflict_b = sum(t.conflict for t in only_b)
    dense = a.script == b.script and a.script in DENSE_SCRIPTS
    languages = syllabic_languages(a, b)
    if dense or (languages is not None and languages & WHOLE_NAME_LANGUAGES):
        extra_a = sum(
            t.conflict for t in only_a if t.kind == TokenKind.NAME and t.text not in KANA_LENGTH_MARKS
        )
        extra_b = sum(
            t.conflict for t in only_b if t.kind == TokenKind.NAME and t.text not in KANA_LENGTH_MARKS
        )
        return max(min(conflict_a, conflict_b), extra_a, extra_b)
    return min(conflict_a, conflict_b)


def _ends(tokens: tuple[Token, ...]) -> tuple[int, int] | None:
    """Positions of the first and last name parts (given name and surname
    in written order, ``SURNAME, Given`` already turned round), or None for
    a name of fewer than two parts."""
    positions = [k for k, t in enumerate(tokens) if t.kind == TokenKind.NAME]
    return (positions[0], positions[-1]) if len(positions) >= 2 else None


def name_order(
    ta: tuple[Token, ...],
    tb: tuple[Token, ...],
    aligned: list[_Candidate],
    only_a: list[Token],
    only_b: list[Token],
) -> str:
    """``same``, ``reversed`` or ``crossed``: whether aligned parts keep
    their places (first with first, last with last), all swap places with
    every part agreeing (Chinese or Hungarian order, a register writing the
    surname first: the same person), or a first part meets a last part while
    the rest does not agree (Maureen James / James P. Moran: a surname
    aligned with a given name)."""
    ends_a, ends_b = _ends(ta), _ends(tb)
    if ends_a is None or ends_b is None:
        return "same"
    crossed = straight = 0
    for c in aligned:
        pa = _end_of(c.a, ends_a)
        pb = _end_of(c.b, ends_b)
        if pa is None or pb is None:
            continue
        if pa == pb:
            straight += 1
        else:
            crossed += 1
    if not crossed:
        return "same"
    agree = all(c.sim >= FULL_PART_SIMILARITY for c in aligned if c.rule not in _NOT_FULL)
    unmatched_a = any(t.kind == TokenKind.NAME for t in only_a)
    unmatched_b = any(t.kind == TokenKind.NAME for t in only_b)
    if not straight and agree and not (unmatched_a and unmatched_b):
        return "reversed"
    return "crossed"


def _crossing_costs(
    ta: tuple[Token, ...], tb: tuple[Token, ...], aligned: list[_Candidate], order: str
) -> bool:
    """A crossed order costs only when no full part outside the crossing
    agrees (Maureen James / James P. Moran); a rotated long name whose
    other parts agree (Haji Asad Khan Zarkari Mohammadhasni) is only flagged."""
    if order != "crossed":
        return False
    ends_a, ends_b = _ends(ta), _ends(tb)
    if ends_a is None or ends_b is None:
        return False
    for c in aligned:
        pa, pb = _end_of(c.a, ends_a), _end_of(c.b, ends_b)
        crossing = pa is not None and pb is not None and pa != pb
        if not crossing and c.rule not in _NOT_FULL and c.sim >= FULL_PART_SIMILARITY:
            return False
    return True


def _end_of(indices: tuple[int, ...], ends: tuple[int, int]) -> int | None:
    """0 when the aligned parts hold the first name part, 1 the last, None
    for a middle part (or a run holding both)."""
    first, last = ends[0] in indices, ends[1] in indices
    if first == last:
        return None
    return 0 if first else 1


@dataclass(slots=True)
class Alignment:
    """The raw result of aligning two names, before it becomes an explanation."""

    query: Name
    candidate: Name
    aligned: list[_Candidate]
    only_a: list[Token]
    only_b: list[Token]
    conflict: float
    score: float
    order: str = "same"


def name_score(query: Name, candidate: Name) -> tuple[float, int, float]:
    """The name score, the number of agreeing full parts and the information
    they carry in bits (see :func:`agreement_bits`), without building an
    explanation (for screening, where most candidates are not hits)."""
    if (query.original, query.kind) > (candidate.original, candidate.kind):
        query, candidate = candidate, query
    result = _remembered_alignment(query, candidate)
    ta, tb = result.query.tokens, result.candidate.tokens
    texts = [
        ("".join(ta[i].text for i in c.a), "".join(tb[j].text for j in c.b))
        for c in result.aligned
        if c.rule not in _NOT_FULL and c.sim >= FULL_PART_SIMILARITY
    ]
    languages = syllable_languages(query, candidate)
    return result.score, _count_full(texts, languages), _bits(texts, languages)


def _syllable(text: str) -> bool:
    """One character of a syllabic or logographic script (Han, Hangul, kana
    names are kept one character a part): part of a name, not a name."""
    return len(text) == 1 and not text.isascii()


def _syllables(text: str, languages: tuple[str, ...]) -> int:
    """How many syllables an agreeing part of a Chinese or Korean name is
    (romanised: Ye, Jin, Minji, Zhiqiang), 0 when it is a whole name."""
    if not languages or not text.isascii():
        return 0
    return syllable_count(text, languages)


def _count_full(texts: Iterable[tuple[str, str]], languages: tuple[str, ...]) -> int:
    """Agreeing parts that are whole names: neither one character of a
    syllabic script nor, in a Chinese or Korean name, a romanised syllable
    run (Kwon Ye-jin is one surname and one given name of two syllables,
    written as 권예진 no part of which is a full part either)."""
    # Either side decides, so that the pair weighs the same whichever is the traveller
    # (a typo can keep one side from reading as syllables).
    return sum(
        not (_syllable(a) or _syllable(b)) and not (_syllables(a, languages) or _syllables(b, languages))
        for a, b in texts
    )


def _bits(texts: list[tuple[str, str]], languages: tuple[str, ...]) -> float:
    """:func:`~liaison.matching.frequency.name_bits`, with a romanised
    syllable run of a Chinese or Korean name as common as its syllables
    (``syllable_bits``): the census cannot list them, as it cannot list
    their characters."""
    if not languages:
        return name_bits(texts)
    total = 0.0
    for a, b in texts:
        bits = name_bits(((a, b),))
        # The fewer syllables of the two readings (weii may parse as three):
        # the same for the pair whichever side is the traveller.
        count = min((c for c in (_syllables(a, languages), _syllables(b, languages)) if c), default=0)
        if count:
            bits = min(bits, syllable_bits(count, a, languages), syllable_bits(count, b, languages))
        total += bits
    return total


_NOT_FULL = frozenset({"initial", "particle", "legal_form", "number"})
FULL_PART_SIMILARITY = 0.8  # an aligned part this close counts as agreeing


def _agreeing(aligned: list[_Candidate] | tuple[PartAlignment, ...]) -> list[tuple[str, str]]:
    out = []
    for part in aligned:
        if isinstance(part, _Candidate):
            continue  # only explanations carry their texts
        if part.rule not in _NOT_FULL and part.similarity >= FULL_PART_SIMILARITY:
            out.append(("".join(part.query), "".join(part.candidate)))
    return out


def full_parts(aligned: list[_Candidate] | tuple[PartAlignment, ...], syllabic: tuple[str, ...] = ()) -> int:
    """Aligned parts that are whole names agreeing closely (not initials,
    particles or legal forms, nor syllables of a Chinese or Korean name,
    see :func:`_count_full`): how specific the name agreement is."""
    if aligned and isinstance(aligned[0], _Candidate):
        return sum(1 for part in aligned if part.rule not in _NOT_FULL and part.sim >= FULL_PART_SIMILARITY)
    return _count_full(_agreeing(aligned), syllabic)


def agreement_bits(aligned: tuple[PartAlignment, ...], syllabic: tuple[str, ...] = ()) -> float:
    """Information (bits) in the agreeing full parts of an explanation: how
    few people would share them (see :mod:`liaison.matching.frequency`);
    ``syllabic`` is the explanation's ``name.syllabic``."""
    return _bits(_agreeing(aligned), syllabic)


@lru_cache(maxsize=8192)
def _remembered_alignment(query: Name, candidate: Name) -> Alignment:
    """:func:`align`, remembered for the explanation: screening aligns a
    hit's names once to score them and again to explain them (read only)."""
    return align(query, candidate)


def _compare_ordered(query: Name, candidate: Name) -> NameExplanation:
    result = _remembered_alignment(query, candidate)
    ta, tb = result.query.tokens, result.candidate.tokens
    alignments = tuple(
        PartAlignment(
            query=tuple(ta[i].text for i in c.a),
            candidate=tuple(tb[j].text for j in c.b),
            similarity=c.sim,
            rule=c.rule,
        )
        for c in sorted(result.aligned, key=lambda c: c.a[0])
    )
    return NameExplanation(
        query_name=query.original,
        candidate_name=candidate.original,
        score=result.score,
        aligned=alignments,
        query_only=tuple(t.text for t in result.only_a),
        candidate_only=tuple(t.text for t in result.only_b),
        conflicting_parts=result.conflict,
        order=result.order,
        syllabic=syllable_languages(query, candidate),
    )


def _in_written_order(aligned: list[_Candidate], size: int) -> list[_Candidate]:
    """The aligned characters that keep their order on both sides.

    A name written in characters reads surname first, then the given name,
    and the order of a given name's characters is part of it: 지은 and 은지,
    志强 and 强志 are different names. The surname may stand at the other
    end (a rotation of the candidate's characters), so the longest run in
    order is sought under every rotation; characters outside it are left
    unaligned and count against the match.
    """
    pairs = sorted(aligned, key=lambda c: c.a[0])
    best: list[_Candidate] = []
    for shift in range(size):
        kept = _longest_increasing(pairs, [(c.b[0] - shift) % size for c in pairs])
        if len(kept) > len(best):
            best = kept
            if len(best) == len(pairs):
                break
    return best


def _longest_increasing(pairs: list[_Candidate], keys: list[int]) -> list[_Candidate]:
    """The longest subsequence of ``pairs`` whose ``keys`` increase (names
    have a handful of characters: the quadratic form is the cheap one)."""
    length = [1] * len(keys)
    before = [-1] * len(keys)
    for i in range(len(keys)):
        for k in range(i):
            if keys[k] < keys[i] and length[k] + 1 > length[i]:
                length[i], before[i] = length[k] + 1, k
    i = max(range(len(keys)), key=lambda k: length[k])
    out: list[_Candidate] = []
    while i != -1:
        out.append(pairs[i])
        i = before[i]
    return out[::-1]


def align(query: Name, candidate: Name) -> Alignment:
    """Align the parts of two names (in the given order) and score them."""
    characters = query.script == candidate.script and query.script in CHARACTER_SCRIPTS
    if characters:
        query, candidate = character_name(query), character_name(candidate)
    if query.tokens and query.form == candidate.form:
        # The same name, part for part (even when it is only an initial).
        exact = [
            _Candidate(1.0, _EXACT_RULE.get(t.kind, "exact"), (i,), (i,), t.weight)
            for i, t in enumerate(query.tokens)
        ]
        return Alignment(query, candidate, exact, [], [], 0.0, 1.0)
    used_a: set[int] = set()
    used_b: set[int] = set()
    aligned: list[_Candidate] = []
    for cand in _candidates(query, candidate):
        if used_a.intersection(cand.a) or used_b.intersection(cand.b):
            continue
        used_a.update(cand.a)
        used_b.update(cand.b)
        aligned.append(cand)
    if characters and len(aligned) > 1:
        aligned = _in_written_order(aligned, len(candidate.tokens))
        used_a = {i for c in aligned for i in c.a}
        used_b = {j for c in aligned for j in c.b}
    ta, tb = query.tokens, candidate.tokens
    only_a = [t for i, t in enumerate(ta) if i not in used_a]
    only_b = [t for j, t in enumerate(tb) if j not in used_b]
    num = sum(c.weight * quality(c.sim) for c in aligned)
    den = sum(c.weight for c in aligned)
    # A weakly similar aligned pair is partly a contradiction (Ahmed / Mohamed).
    weak = sum(max(0.0, (WEAK_QUALITY - quality(c.sim)) / WEAK_QUALITY) for c in aligned)
    substantive = [c for c in aligned if ta[c.a[0]].kind not in (TokenKind.LEGAL, TokenKind.STOP)]
    score = 0.0
    conflict = _unmatched_conflict(query, candidate, only_a, only_b)
    pairs = {c.a[0]: c.b[0] for c in aligned if len(c.a) == 1 and len(c.b) == 1}
    conflict += weak
    conflict += REVERSAL_CONFLICT * _reversed_patronymics(ta, tb, pairs)
    order = name_order(ta, tb, aligned, only_a, only_b)
    if _crossing_costs(ta, tb, aligned, order):
        conflict += CROSSED_CONFLICT
    if substantive and den > 0:
        is_org = query.kind != EntityKind.PERSON
        extra_a = sum(_extra_weight(t, is_org, not only_b) for t in only_a)
        extra_b = sum(_extra_weight(t, is_org, not only_a) for t in only_b)
        if not is_org:
            # Ancestors named after "bin"/"ibn" (Usama bin Muhammad ibn Awad
            # ibn Ladin) are genealogy that registers often leave out.
            extra_a -= ANCESTOR_DISCOUNT * _ancestors(ta, used_a)
            extra_b -= ANCESTOR_DISCOUNT * _ancestors(tb, used_b)
        extra = abs(extra_a - extra_b) + min(extra_a, extra_b) * 0.5
        score = num / (den + (ORG_EXTRA_COST if is_org else EXTRA_COST) * extra)
        score *= CONFLICT_FACTOR**conflict
        if not any(_is_full_part(ta, tb, c) for c in substantive):
            # Initials alone (N.N.) never identify anyone.
            score *= INITIALS_ONLY_FACTOR
        legal_a = {t.text for t in only_a if t.kind == TokenKind.LEGAL}
        legal_b = {t.text for t in only_b if t.kind == TokenKind.LEGAL}
        if legal_a and legal_b:
            families_a = {LEGAL_FAMILY.get(x, x) for x in legal_a}
            families_b = {LEGAL_FAMILY.get(x, x) for x in legal_b}
            if not families_a & families_b:
                score *= LEGAL_CONFLICT_FACTOR
    return Alignment(query, candidate, aligned, only_a, only_b, conflict, min(1.0, max(0.0, score)), order)
