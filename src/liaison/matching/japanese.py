"""Japanese names: readings of kanji, words of kana, Hepburn variants.

A Japanese name is written in kanji (中島裕美子), in kana (ナカジマユミコ,
usually without a space) or in Latin letters under one of several
romanisations (Nakajima, Ōno / Ohno / Ono, Satō / Satou / Sato, shi/si).
Chinese characters alone do not say how a Japanese name is read, and a
kana string is a row of morae, not of name parts. So:

- names are read with the UniDic dictionary (``unidic-lite``) through the
  MeCab tagger (``fugashi``), whose person-name tags (人名,姓 / 人名,名)
  split a surname from a given name; its n-best paths give the other
  readings of a kanji name (裕美子: Yumiko, Hiromi-ko);
- given names the tagger does not know, or reads otherwise than their
  bearer (拓真 Takuma, 知実 Satomi as well as Tomomi), get the readings of
  the EDRDG's JMnedict name dictionary (shipped by ``jamdict-data``,
  CC BY-SA 4.0): surnames and given names with every reading recorded;
- kana are romanised by ``cutlet`` (Hepburn), long vowels written as
  on passports (Satō → Sato, Ōno → Ono);
- two romanisations are compared on a folded form
  (:func:`hepburn_fold`) and, when one side was read from Japanese
  script, mora by mora (:func:`mora_similarity`): Sato / Saito or
  Ono / Onoda are different names, not spelling slips.

The tagger is loaded once, on first use (about 0.1 s; see ``warm_up`` in
:mod:`liaison.matching.screen`); the name dictionary is a read-only SQLite
file queried by its indexes, opened once (no table is loaded in memory).
Reading one name takes well under a millisecond.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable
from functools import cached_property, lru_cache, wraps
from pathlib import Path
from typing import Any, TypeVar

MAX_READINGS = 4
# Readings kept for one kanji name, surname readings x given-name readings
# (each is an alias compared with the other side: more of them, more
# chances of a chance match).
MAX_NAME_READINGS = 6
_NBEST = 10

_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3005]")
_SEPARATORS = re.compile(r"[\s\u30fb\u00b7\u3000=＝]+")

# Kanji that end a given name with a name reading of their own when the
# dictionary reads the rest of the name as a name (裕美 + 子 = Hiromiko):
# the common endings of women's names, whose stems are names themselves
# (Hiromi). Men's endings (郎, 夫, 雄) follow stems that are not (寛郎 is
# Hiroo, not Hiroshi-ro), so they are left to the dictionary.
_NAME_ENDINGS = {
    "子": "コ",
    "美": "ミ",
    "代": "ヨ",
    "江": "エ",
    "恵": "エ",
    "枝": "エ",
    "香": "カ",
    "奈": "ナ",
    "菜": "ナ",
    "乃": "ノ",
}


# The tagger parses into nodes it reuses: one parse at a time, and its nodes
# read before the next (the API serves requests from a pool of threads).
_TAGGER_LOCK = threading.RLock()
_Result = TypeVar("_Result")


def _with_tagger(function: Callable[..., _Result]) -> Callable[..., _Result]:
    """Run ``function`` holding the tagger (see ``_TAGGER_LOCK``)."""

    @wraps(function)
    def serialised(*args: Any, **kwargs: Any) -> _Result:
        with _TAGGER_LOCK:
            return function(*args, **kwargs)

    return serialised


@lru_cache(maxsize=1)
def _engine() -> Any:
    """The cutlet romaniser and its tagger, loaded once (lazily: most
    processes never meet a Japanese name)."""
    import cutlet  # type: ignore[import-untyped]

    engine = cutlet.Cutlet(system="hepburn", use_foreign_spelling=False)
    return engine


def warm_up() -> None:
    """Load the tagger and the name dictionaries now rather than at the
    first name."""
    kana_romaji("ナカジマ")
    kanji_readings("中島裕美子")


def has_kana(text: str) -> bool:
    return _KANA.search(text) is not None


def is_japanese_text(text: str) -> bool:
    """Written in kana or kanji (and nothing else but separators)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(_KANA.match(c) or _HAN.match(c) for c in letters)


_LONG_VOWELS = re.compile(r"ou|oo|uu")


@lru_cache(maxsize=65_536)
def kana_romaji(kana: str) -> str:
    """Hepburn romaji of a kana word as a passport writes it: long vowels
    not marked (サトウ → sato, オオノ → ono, ユウコ → yuko)."""
    import jaconv

    hira = jaconv.kata2hira(kana.replace("ー", ""))
    try:
        romaji: str = _engine().map_kana(hira)
    except KeyError:  # a sign cutlet has no romaji for
        from anyascii import anyascii

        romaji = anyascii(kana)
    romaji = romaji.replace("'", "").replace("-", "").lower()
    return _LONG_VOWELS.sub(lambda m: m.group(0)[0], romaji)


def _role(node: Any) -> str | None:
    """``sei`` (surname), ``mei`` (given name) or ``name`` (other person
    name) for a person-name node, None for any other word."""
    feature = node.feature
    if feature.pos2 != "固有名詞" or feature.pos3 != "人名":
        return None
    return {"姓": "sei", "名": "mei"}.get(feature.pos4, "name")


def _path_words(nodes: list[Any], whole: bool) -> tuple[list[str], bool] | None:
    """The kana words of one tagger path read as a person's name, and
    whether it split a surname from a given name; None when the path is
    not a name. ``whole``: the text is the whole name (not one of its
    space-separated parts)."""
    words: list[str] = []
    current = ""
    split = False
    previous: str | None = None
    for i, node in enumerate(nodes):
        role = _role(node)
        kana = node.feature.kana
        if role is None:
            ending = _NAME_ENDINGS.get(node.surface)
            if ending is None or i == 0 or i != len(nodes) - 1 or previous != "mei":
                return None
            current += ending
            continue
        if i == 0 and role != "sei" and len(nodes) > 1:
            return None  # a surname comes first
        if not kana or kana == "*" or (previous is not None and not (previous == "sei" and role == "mei")):
            # One dictionary word per name part: a surname then a given
            # name. Two given-name words glued (裕 + 美子) are no reading.
            return None
        if whole and previous == "sei":
            words.append(current)
            current = ""
            split = True
        current += kana
        previous = role
    words.append(current)
    return words, split


@_with_tagger
def _is_entry(text: str, role: str) -> bool:
    """Whether the dictionary knows ``text`` as one person-name word of
    that role (``sei`` or ``mei``)."""
    tagger = _engine().tagger
    return any(len(nodes) == 1 and _role(nodes[0]) == role for nodes in tagger.nbestToNodeList(text, 3))


def _split_kana(text: str) -> tuple[str, str] | None:
    """Surname and given name of a kana name the tagger reads as one word
    (the dictionary knows few surnames in kana: オオノシンジ): the cut
    where the dictionary knows both sides, else one side, as a name word."""
    best: tuple[int, int] | None = None
    for cut in range(2, len(text) - 1):
        head, tail = text[:cut], text[cut:]
        if tail[0] in "ァィゥェォャュョッーぁぃぅぇぉゃゅょっ":
            continue
        score = 2 * _is_entry(head, "sei") + _is_entry(tail, "mei")
        if score and (best is None or score > best[0]):
            best = (score, cut)
    if best is None:
        return None
    return text[: best[1]], text[best[1] :]


@_with_tagger
def _readings(text: str, whole: bool) -> list[tuple[tuple[str, ...], bool]]:
    """Name readings of ``text`` (kana words), best first."""
    tagger = _engine().tagger
    out: list[tuple[tuple[str, ...], bool]] = []
    for nodes in tagger.nbestToNodeList(text, _NBEST):
        read = _path_words(list(nodes), whole)
        if read is not None and (tuple(read[0]), read[1]) not in out:
            out.append((tuple(read[0]), read[1]))
    return out


@lru_cache(maxsize=16_384)
def kana_words(text: str) -> tuple[str, ...]:
    """A kana name as romanised words: split where the writer put a space
    or a middle dot, else where the dictionary sees a surname followed by a
    given name (サトウチヨ → sato chiyo); a name it cannot split stays one
    word."""
    parts = [p for p in _SEPARATORS.split(text) if p]
    if len(parts) == 1 and not _HAN.search(text):
        readings = _readings(parts[0], whole=True)
        for words, split in readings:
            if split:
                return tuple(kana_romaji(w) for w in words)
        cut = _split_kana(parts[0]) if len(parts[0]) >= 4 else None
        if cut is not None:
            return tuple(kana_romaji(w) for w in cut)
    out: list[str] = []
    for part in parts:
        if _HAN.search(part):
            readings = _readings(part, whole=len(parts) == 1)
            if readings:
                out.extend(kana_romaji(w) for w in readings[0][0])
                continue
        out.append(kana_romaji(part))
    return tuple(w for w in out if w)


# JMnedict name classes read as a surname or as a given name ("unclass":
# a name the compilers did not classify, often a rarer reading: 修平
# Shōhei beside Shūhei).
_SURNAME_CLASSES = ("surname", "unclass")
_GIVEN_CLASSES = ("given", "fem", "masc", "unclass")


# Voiced initials of the second element of a compound (rendaku).
_RENDAKU = dict(
    zip("かきくけこさしすせそたちつてとはひふへほ", "がぎぐげござじずぜぞだぢづでどばびぶべぼ", strict=True)
) | dict(zip("はひふへほ", "ぱぴぷぺぽ", strict=True))


class _NameDictionary:
    """JMnedict (EDRDG, CC BY-SA 4.0) as shipped by ``jamdict-data``: a
    read-only SQLite file, queried through its indexes (a lookup takes
    about 0.05 ms; nothing is loaded in memory but SQLite's page cache)."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    def _rows(self, sql: str, args: tuple[str, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    @lru_cache(maxsize=16_384)  # noqa: B019 - one instance per process
    def readings(self, kanji: str, classes: tuple[str, ...]) -> tuple[str, ...]:
        """Katakana readings of ``kanji`` as a name of one of ``classes``,
        the most common first: a reading many names are written with
        (Satomi: 257 spellings) before one few are (Tomozane: 2). The
        dictionary gives no frequencies; this is the best proxy it has."""
        import jaconv

        marks = ",".join("?" * len(classes))
        rows = self._rows(
            # CROSS JOIN keeps SQLite on the kanji index (the class index
            # would scan every surname).
            "SELECT DISTINCT a.text FROM NEKanji k CROSS JOIN NETranslation tr CROSS JOIN NETransType t"  # noqa: S608
            " CROSS JOIN NEKana a"
            f" WHERE k.text = ? AND tr.idseq = k.idseq AND t.tid = tr.ID AND +t.text IN ({marks})"
            " AND a.idseq = k.idseq",
            (kanji, *classes),
        )
        kana = [str(row[0]) for row in rows]
        # The commonest first, but a name of several characters read by
        # their own readings (知実: Satomi, Tomomi) before one that is not
        # (陽一 read Yōko). A single kanji has too many readings of its
        # own for this to tell anything.
        ranked = sorted(
            kana,
            key=lambda k: (len(kanji) > 1 and not self.composes(kanji, k), -self.spellings(k), kana.index(k)),
        )
        return tuple(jaconv.hira2kata(k) for k in ranked)

    @cached_property
    def _characters(self) -> dict[str, frozenset[str]]:
        """Each kanji's readings in KANJIDIC2 (on, kun and nanori, in
        hiragana, okurigana dropped): about 40,000 rows read in 0.25 s,
        once, the first time a reading is ranked."""
        import jaconv

        rows = self._rows(
            "SELECT c.literal, r.value FROM reading r JOIN rm_group g ON r.gid = g.ID"
            " JOIN character c ON g.cid = c.ID WHERE r.r_type IN ('ja_on', 'ja_kun')"
            " UNION ALL SELECT c.literal, n.value FROM nanori n JOIN character c ON n.cid = c.ID",
            (),
        )
        table: dict[str, set[str]] = {}
        for literal, value in rows:
            value = jaconv.kata2hira(str(value)).replace("-", "")
            table.setdefault(str(literal), set()).update({value.replace(".", ""), value.split(".")[0]})
        return {k: frozenset(v - {""}) for k, v in table.items()}

    def composes(self, kanji: str, kana: str) -> bool:
        """Whether ``kana`` reads ``kanji`` character by character, with the
        voicing (rendaku: 山崎 Yamazaki) and the doubled consonant (一郎 →
        いっ) of compounds; 々 repeats the character before it."""
        reachable = {0}
        for i, char in enumerate(kanji):
            source = kanji[i - 1] if char == "々" and i else char
            readings = self._characters.get(source, frozenset({char}))
            variants = set(readings)
            if i:
                variants |= {_RENDAKU[r[0]] + r[1:] for r in readings if r and r[0] in _RENDAKU}
            if i < len(kanji) - 1:
                variants |= {r[:-1] + "っ" for r in readings if len(r) > 1 and r[-1] in "つちくき"}
            reachable = {j + len(v) for j in reachable for v in variants if kana.startswith(v, j)}
            if not reachable:
                return False
        return len(kana) in reachable

    @lru_cache(maxsize=65_536)  # noqa: B019
    def spellings(self, kana: str) -> int:
        """How many dictionary names are read ``kana`` (hiragana)."""
        return int(self._rows("SELECT count(*) FROM NEKana WHERE text = ?", (kana,))[0][0])


@lru_cache(maxsize=1)
def _names() -> _NameDictionary | None:
    """The name dictionary, opened once; None when ``jamdict-data`` is not
    installed (readings then come from the tagger alone)."""
    try:
        import jamdict_data  # type: ignore[import-untyped]
    except ImportError:
        return None
    path = Path(jamdict_data.__file__).parent / "jamdict.db"
    return _NameDictionary(path) if path.is_file() else None


def name_readings(kanji: str, role: str) -> tuple[str, ...]:
    """Readings (katakana) the name dictionary has for ``kanji`` as a
    surname (``sei``) or a given name (``mei``), the most common first."""
    names = _names()
    if names is None:
        return ()
    return names.readings(kanji, _SURNAME_CLASSES if role == "sei" else _GIVEN_CLASSES)


def _ranked(first: list[str], more: tuple[str, ...]) -> list[str]:
    """The tagger's readings, then the name dictionary's (no repeats)."""
    out = list(dict.fromkeys(first))
    return out + [k for k in more if k not in out]


def _pairs(surnames: list[str], givens: list[str]) -> list[tuple[str, str]]:
    """Surname x given-name readings, the likeliest pairs first (by the sum
    of their ranks: the second surname reading with the first given name
    before the first surname with the third given name)."""
    pairs = [(i + j, i, (s, g)) for i, s in enumerate(surnames) for j, g in enumerate(givens)]
    return [pair for _, _, pair in sorted(pairs, key=lambda p: (p[0], p[1]))]


def _dictionary_splits(text: str) -> list[tuple[str, str]]:
    """Cuts of a kanji name into a surname and a given name that the name
    dictionary knows on both sides, surnames of two characters first (the
    usual length), then three, four; one-character surnames are left to
    the tagger (they are as likely Chinese: 王, 張, 陳)."""
    cuts = [
        (text[:i], text[i:])
        for i in range(2, len(text))
        if name_readings(text[:i], "sei") and name_readings(text[i:], "mei")
    ]
    return sorted(cuts, key=lambda cut: abs(len(cut[0]) - 2.2))


@lru_cache(maxsize=16_384)
def kanji_readings(text: str) -> tuple[str, ...]:
    """Japanese readings of a name written in kanji, as katakana words
    separated by a space (中島裕美子 → ナカジマ ユミコ, ナカシマ ユミコ,
    ナカジマ ヒロミコ…), at most ``MAX_NAME_READINGS`` distinct
    romanisations, the likeliest first.

    Only names read as a Japanese person's name get any: a surname
    followed by a given name (or, written apart, a surname and a given
    name), each word a person-name entry of the tagger's dictionary or of
    the name dictionary. The tagger's reading comes first; the name
    dictionary adds the readings it lacks (拓真 Takuma) or that differ
    (知実: Tomomi, Satomi). Chinese names, whose characters neither reads
    as a Japanese surname + given name, get none.
    """
    if not _HAN.search(text):
        return ()  # kana or Latin: nothing to read
    parts = [p for p in _SEPARATORS.split(text) if p]
    if not parts or len(parts) > 2 or not is_japanese_text(text) or len("".join(parts)) < 2:
        return ()
    options: list[tuple[str, ...]]
    if len(parts) == 1:
        readings = _readings(parts[0], whole=True)
        options = [words for words, split in readings if split]
        surface = _surface_of(parts[0], options[0][0]) if options else ""
        splits = _dictionary_splits(parts[0])
        if surface and (surface, parts[0][len(surface) :]) not in splits:
            splits.insert(0, (surface, parts[0][len(surface) :]))
        elif surface:
            splits.remove((surface, parts[0][len(surface) :]))
            splits.insert(0, (surface, parts[0][len(surface) :]))
        for surname, given in splits[:2]:
            tagged = surname == surface
            # The tagger knows surnames and how often each reading is
            # used; the name dictionary lists rare readings as well (木村:
            # Shigenari), so only two of its readings are added.
            surname_kana = _ranked([w[0] for w in options if tagged], tuple(_tagged_readings(surname, "sei")))
            surname_kana = _ranked(surname_kana, name_readings(surname, "sei"))[: len(surname_kana) + 2]
            # Every reading the tagger has for the given name on its own
            # (幹: Tsuyoshi as a name, Miki as a word), then the name
            # dictionary's.
            given_kana = _ranked(
                [w[1] for w in options if tagged and len(w) == 2] + _word_readings(given),
                name_readings(given, "mei"),
            )
            options += [pair for pair in _pairs(surname_kana, given_kana) if pair not in options]
        if not options and len(parts[0]) >= 2:
            # A surname alone, of two characters or more (one-character
            # surnames are as likely Chinese).
            options = [
                tuple(words) for words, _ in readings if len(words) == 1 and _is_entry(parts[0], "sei")
            ][:2]
    else:
        # Written apart: each part read on its own, every pairing kept.
        firsts = [words[0] for words, _ in _readings(parts[0], whole=False) if len(words) == 1]
        seconds = [words[0] for words, _ in _readings(parts[1], whole=False) if len(words) == 1]
        # The name dictionary adds readings to a name the tagger reads, or
        # whose surname has two characters or more (云 李 is Chinese).
        if (firsts and seconds) or (len(parts[0]) >= 2 and name_readings(parts[0], "sei")):
            firsts = _ranked(firsts, name_readings(parts[0], "sei"))
            seconds = _ranked(seconds, name_readings(parts[1], "mei"))
        options = list(_pairs(firsts, seconds))
    out: list[str] = []
    seen: set[str] = set()
    for words in options:
        romaji = " ".join(kana_romaji(w) for w in words)
        if romaji in seen:
            continue
        seen.add(romaji)
        out.append(" ".join(words))
        if len(out) >= MAX_NAME_READINGS:
            break
    return tuple(out)


@_with_tagger
def _surface_of(text: str, surname_kana: str) -> str:
    """The characters of ``text`` the best split reads as the surname."""
    tagger = _engine().tagger
    for nodes in tagger.nbestToNodeList(text, _NBEST):
        if nodes and _role(nodes[0]) == "sei" and nodes[0].feature.kana == surname_kana:
            return str(nodes[0].surface)
    return ""


@_with_tagger
def _tagged_readings(text: str, role: str) -> list[str]:
    """Readings of ``text`` as one person-name word of that role (``sei``
    or ``mei``) in the tagger's dictionary, best first."""
    tagger = _engine().tagger
    out: list[str] = []
    for nodes in tagger.nbestToNodeList(text, _NBEST):
        if len(nodes) == 1 and _role(nodes[0]) == role:
            kana = nodes[0].feature.kana
            if kana and kana != "*" and kana not in out:
                out.append(kana)
    return out


@_with_tagger
def _word_readings(text: str) -> list[str]:
    """Readings of ``text`` as one dictionary word (a noun), best first."""
    tagger = _engine().tagger
    out: list[str] = []
    for nodes in tagger.nbestToNodeList(text, _NBEST):
        if len(nodes) == 1 and nodes[0].feature.pos1 == "名詞":
            kana = nodes[0].feature.kana
            if kana and kana != "*" and kana not in out:
                out.append(kana)
    return out


_SMALL = frozenset("ァィゥェォャュョッーンぁぃぅぇぉゃゅょっん")


@lru_cache(maxsize=16_384)
def kana_cuts(text: str) -> tuple[str, ...]:
    """A kana name written without a space, cut into surname and given
    name (beside the dictionary's split, which may be wrong or missing) at
    each mora boundary that leaves two morae or more on each
    side (the dictionary knows few surnames in kana: ニシムラツバサ), the
    most balanced cuts first, at most ``MAX_READINGS``."""
    if _SEPARATORS.search(text) or _HAN.search(text):
        return ()
    primary = kana_words(text)
    starts = [i for i, c in enumerate(text) if c not in _SMALL]
    cuts = [i for k, i in enumerate(starts) if k >= 2 and len(starts) - k >= 2 and i > 0]
    cuts.sort(key=lambda i: abs(2 * i - len(text)))
    out = [f"{text[:i]} {text[i:]}" for i in cuts]
    return tuple(cut for cut in out if kana_words(cut) != primary)[:MAX_READINGS]


# Folding of romanisations: Hepburn, Kunrei and Nihon-shiki forms and the
# usual ways of writing (or not) long vowels meet on one form.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"[^a-z]", ""),
        (r"(?<=[aeiou])h(?![aeiouy])", ""),  # Ohno, Satoh
        (r"ou|oo", "o"),
        (r"uu", "u"),
        (r"aa", "a"),
        (r"ee", "e"),
        (r"tch", "cch"),
        (r"sh(?=[aeiou])", "sy"),
        (r"sy(?=i)", "s"),
        (r"ch(?=[aeiou])", "ty"),
        (r"ty(?=i)", "t"),
        (r"tsu", "tu"),
        (r"dzu|du", "zu"),
        (r"fu", "hu"),
        (r"j(?=[aeiou])", "zy"),
        (r"(?:zy|dy|d)(?=i)", "z"),
        (r"m(?=[bmp])", "n"),
        (r"n(?=n)", ""),
        (r"([kstpgzbdhc])\1", r"\1"),
    )
)


@lru_cache(maxsize=65_536)
def hepburn_fold(text: str) -> str:
    """One form for the romanisations of a Japanese word: Ōno, Ohno, Oono
    and Ono give ``ono``; Shinji, Sinzi and Shinzi give ``sinzi``."""
    folded = text.lower()
    for pattern, replacement in _FOLDS:
        folded = pattern.sub(replacement, folded)
    return folded


_ROMAJI = re.compile(
    r"^(?:(?:sh|ch|ts|dz|[kgsztdnhbpmrjfwyv])y?[aeiou]|[aeiou]|n(?![aeiouy])"
    r"|(?<=[aeiou])h(?![aeiouy])|([kstpgdbzjfhmc])(?=\1)|t(?=ch)|m(?=[bmp]))+$"
)


@lru_cache(maxsize=65_536)
def is_romaji(text: str) -> bool:
    """Whether a Latin word can be read as Japanese syllables (it may be a
    Western word all the same: Maria)."""
    return len(text) >= 2 and _ROMAJI.match(text) is not None


_MORA = re.compile(r"n(?![aeiouy])|[^aeiou]*?[aeiou]")


def morae(folded: str) -> tuple[str, ...]:
    """The morae of a folded romanisation (``sato`` → sa, to)."""
    return tuple(_MORA.findall(folded))


def mora_similarity(a: str, b: str) -> float:
    """Similarity of two folded romanisations counted in morae: one mora
    added or changed in a short name is another name (Sato / Saito 0.67,
    Ono / Onoda 0.67, Sato / Kato 0.5)."""
    from rapidfuzz.distance import Levenshtein

    ma, mb = morae(a), morae(b)
    if not ma or not mb:
        return 0.0
    return 1 - Levenshtein.distance(ma, mb) / max(len(ma), len(mb))
