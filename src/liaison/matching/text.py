"""Text normalisation for names: scripts, transliteration, tokens and keys.

Everything here turns one raw name into comparable ASCII tokens. Registers
and passenger messages spell the same person in different scripts and
romanisation schemes, so tokens carry three forms: the plain ASCII text, a
phonetic *key* that folds the usual romanisation differences (kh/h, ou/u,
doubled letters, Sergej/Sergey) and a consonant *skeleton* used when one
side comes from an abjad (Arabic, Hebrew), which writes few vowels.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

from anyascii import anyascii

from liaison.matching.japanese import has_kana, kana_words


class Script(StrEnum):
    """The writing system a token was written in before transliteration."""

    LATIN = "latin"
    CYRILLIC = "cyrillic"
    GREEK = "greek"
    ARMENIAN = "armenian"
    ARABIC = "arabic"
    HEBREW = "hebrew"
    HAN = "han"
    KANA = "kana"
    HANGUL = "hangul"
    DEVANAGARI = "devanagari"
    THAI = "thai"
    OTHER = "other"


_SCRIPT_PREFIXES: tuple[tuple[str, Script], ...] = (
    ("LATIN", Script.LATIN),
    ("CYRILLIC", Script.CYRILLIC),
    ("GREEK", Script.GREEK),
    ("ARMENIAN", Script.ARMENIAN),
    ("ARABIC", Script.ARABIC),
    ("HEBREW", Script.HEBREW),
    ("CJK", Script.HAN),
    ("HIRAGANA", Script.KANA),
    ("KATAKANA", Script.KANA),
    ("HANGUL", Script.HANGUL),
    ("DEVANAGARI", Script.DEVANAGARI),
    ("THAI", Script.THAI),
)

ABJADS = frozenset({Script.ARABIC, Script.HEBREW})


@lru_cache(maxsize=4096)
def char_script(char: str) -> Script | None:
    """The script of one letter, or None for digits, marks and punctuation."""
    if not char.isalpha():
        return None
    if char.isascii():
        return Script.LATIN
    name = unicodedata.name(char, "")
    for prefix, script in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return script
    return Script.OTHER


def dominant_script(text: str) -> Script:
    """The script most letters of ``text`` are written in (Latin when none)."""
    if text.isascii():
        return Script.LATIN
    counts: dict[Script, int] = {}
    for char in text:
        script = char_script(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return Script.LATIN
    return max(counts.items(), key=lambda item: item[1])[0]


_ARABIC_ARTICLE = re.compile(r"(?<![\w\u0600-\u06ff])\u0627\u0644(?=[\u0600-\u06ff]{2,})")
_SYLLABLE = re.compile(r"[A-Z][a-z]*|[a-z]+")
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")


def _romanise_han(run: str, foreign: bool) -> str:
    """Chinese characters to pinyin words: surname syllable, then the given name.

    anyascii gives capitalised pinyin syllables (``XiJinPing``); Chinese
    names are romanised as the surname followed by the given name written
    as one word (``Xi Jinping``). Foreign names written in characters are
    separated by a middle dot (``贝拉克·奥巴马``); each of their parts is
    one word.
    """
    syllables = _SYLLABLE.findall(anyascii(run))
    if foreign:
        return " " + "".join(syllables).lower() + " "
    if len(syllables) <= 1:
        return " ".join(syllables).lower()
    if len(syllables) <= 3:
        return f" {syllables[0]} {''.join(syllables[1:])} ".lower()
    return " " + " ".join(syllables).lower() + " "


def _romanise_hangul(run: str) -> str:
    """Korean syllable blocks to space-separated romanised syllables."""
    return " " + " ".join(_SYLLABLE.findall(anyascii(run))).lower() + " "


# Armenian as Armenian passports write it (anyascii reads ու as "ow" and
# marks aspirates with apostrophes): ու is u, ե is ye and ո is vo at a word
# start, և is ev.
_ARMENIAN = dict(
    re.findall(
        r"(\S):(\S+)",
        "ա:a բ:b գ:g դ:d ե:e զ:z է:e ը:y թ:t ժ:zh ի:i լ:l խ:kh ծ:ts կ:k հ:h ձ:dz ղ:gh ճ:ch մ:m "
        "յ:y ն:n շ:sh ո:o չ:ch պ:p ջ:j ռ:r ս:s վ:v տ:t ր:r ց:ts ւ:v փ:p ք:k օ:o ֆ:f",
    )
)
_ARMENIAN_VOWELS = frozenset("աեէըիոօu")


def _romanise_armenian(word: str) -> str:
    word = word.replace("ու", "u").replace("և", "ev")
    out = []
    for i, char in enumerate(word):
        if char == "ե" and (i == 0 or word[i - 1] in _ARMENIAN_VOWELS):
            out.append("ye")
        elif char == "ո" and i == 0:
            out.append("vo")
        else:
            out.append(_ARMENIAN.get(char, char))
    return "".join(out)


# Greek digraphs read as one sound: μπ, ντ, γκ are b, d, g at a word start
# (Μπίκας: Bikas) and stay mp, nt, ng inside a word; γγ is ng; αυ/ευ are
# av/ev, or af/ef before a voiceless consonant (ELOT 743). The spellings
# the other side may use instead (mb, nd, e for αι, i for ει…) are met by
# the Greek fold at comparison time (see ``greek_fold``).
_GREEK_DIGRAPH = re.compile(r"^μπ|^ντ|^γκ|γκ|γγ|ου|[αεη]υ(?=(.?))")
_GREEK_VOICELESS = frozenset("θκξπστφχψ")


def _greek_digraph(match: re.Match[str]) -> str:
    pair = match.group(0)
    if match.start() == 0 and pair in ("μπ", "ντ", "γκ"):
        return {"μπ": "b", "ντ": "d", "γκ": "g"}[pair]
    if pair in ("γκ", "γγ"):
        return "ng"
    if pair == "ου":
        return "ou"
    vowel = {"α": "a", "ε": "e", "η": "i"}[pair[0]]
    return vowel + ("f" if match.group(1) in _GREEK_VOICELESS else "v")


def _romanise_greek(word: str) -> str:
    # Accents go, the diaeresis stays: it keeps two vowels apart (Ησαΐας).
    word = unicodedata.normalize("NFC", unicodedata.normalize("NFD", word).replace("\u0301", ""))
    return _GREEK_DIGRAPH.sub(_greek_digraph, word)


_WORD = re.compile(r"\w+")
_OWN_ROMANISERS = {Script.ARMENIAN: _romanise_armenian, Script.GREEK: _romanise_greek}


def _ascii_words(text: str, script: Script) -> str:
    """anyascii word by word, keeping each word's case: anyascii writes one
    capital letter as ``Ch`` or ``Zh`` (ΜΙΧΟΥ gives MIChOY, ЖУКОВ ZhUKOV),
    which the CamelCase splitter would cut in two."""
    own = _OWN_ROMANISERS.get(script)

    def word(match: re.Match[str]) -> str:
        original = match.group(0)
        latin = anyascii(own(original.lower()) if own else original)
        if original.isupper() and len(original) > 1:
            return latin.upper()
        if own:
            return latin.capitalize() if original[:1].isupper() else latin
        return latin

    return anyascii(_WORD.sub(word, text))


def transliterate(text: str) -> tuple[str, Script]:
    """ASCII form of a name and the script it was mainly written in.

    Arabic ``ال`` is split off as ``al`` first (anyascii would glue it to
    the word as a bare ``l``); Chinese and Korean runs are split into
    name syllables; everything else goes through anyascii, which covers
    Cyrillic (close to the ICAO 9303 passport scheme), Greek, Hebrew,
    Devanagari, Thai, kana and most other scripts.
    """
    if text.isascii():
        return text, Script.LATIN
    text = unicodedata.normalize("NFKC", text)
    script = dominant_script(text)
    if script == Script.ARABIC:
        text = _ARABIC_ARTICLE.sub("\u0627\u0644 ", text)
    if script == Script.HEBREW:
        # anyascii writes both bet and vav as "v"; keep them apart for skeletons.
        text = text.replace("\u05d1", "b").replace("\u05d5", "w")
    if script == Script.KANA or (script == Script.HAN and has_kana(text)):
        # A kana name is a row of morae: read as romanised words (サトウチヨ → sato chiyo).
        return " ".join(kana_words(text)), Script.KANA
    if script == Script.HAN:
        foreign = "\u00b7" in text or "\u30fb" in text
        text = _HAN_RUN.sub(lambda m: _romanise_han(m.group(0), foreign), text)
    elif script == Script.HANGUL:
        text = _HANGUL_RUN.sub(lambda m: _romanise_hangul(m.group(0)), text)
    if script == Script.ARABIC:
        # ا and ع at a word start carry a vowel (anyascii writes an apostrophe);
        # ta marbuta and alif maqsura at a word end are read as "a".
        text = re.sub(r"(?<![\w\u0600-\u06ff])[\u0627\u0623\u0625\u0622\u0639]", "a", text)
        text = re.sub(r"[\u0629\u0649](?![\u0600-\u06ff])", "a", text)
    return _ascii_words(text, script), script


# Phonetic key: ordered rewrites that fold the usual romanisation variants.
_KEY_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[^a-z0-9]", ""),
        (r"tsch|tch", "ch"),
        (r"sch", "sh"),
        (r"dzh|dj", "j"),
        (r"zh", "j"),
        (r"kh", "h"),
        (r"gh", "g"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"dh", "d"),
        (r"ck", "k"),
        (r"q", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c(?!h)", "k"),
        (r"w", "v"),
        (r"^(?:x|hs)", "s"),
        (r"x", "ks"),
        (r"j(?![aeiou])", "i"),
        (r"y", "i"),
        (r"ou|oo", "u"),
        (r"eo", "o"),
        (r"eu", "u"),
        (r"ee|ie(?=[^aeiou]|$)", "i"),
        (r"(.)\1+", r"\1"),
        (r"(?<=[aeiou])h$", ""),
    )
)

_VOWELS = re.compile(r"[aeiouy]")

# Spellings of one Greek sound, applied to parts compared with a part
# written in Greek only (rewriting mp/nt/gk in every key would merge Latin
# names: Lampe/Labe): μπ as b/mp/mb, ντ as d/nt/nd, γκ/γγ as g/gk/ng/gg,
# χ as ch/kh/h, ου as ou/oy, υ as y/u/i, αυ/ευ as av/af/ay/au (ev…), αι as
# ai/e, ει/οι as ei/oi/i.
_GREEK_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[^a-z]", ""),
        (r"o[uy]", "U"),
        (r"([ae])[uyvf]", r"\1v"),
        (r"[uy]", "i"),
        (r"U", "u"),
        (r"m[pb]", "b"),
        (r"n[td]", "d"),
        (r"g[kg]|ng", "g"),
        (r"[ck]h", "h"),
        (r"ai", "e"),
        (r"[eo]i", "i"),
    )
)


@lru_cache(maxsize=100_000)
def greek_fold(text: str) -> str:
    """The phonetic key of a part with the Latin spellings of Greek letters
    and digraphs merged."""
    for pattern, replacement in _GREEK_FOLDS:
        text = pattern.sub(replacement, text)
    return phonetic_key(text) if text else text


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """Fold romanisation variants: Sergej/Sergey, Yusuf/Youssef, Khan/Han."""
    key = token
    for pattern, replacement in _KEY_REWRITES:
        key = pattern.sub(replacement, key)
    return key or token


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """Consonant skeleton for abjad comparisons: Muhammad and محمد both give ``mhmd``."""
    key = token
    for pattern, replacement in _SKELETON_REWRITES:
        key = pattern.sub(replacement, key)
    return key or token


# Abjads write long vowels with the letters w/y (و/ي), so the skeleton drops
# vowels, w and y alike; b/p/v and g/j are not distinguished in Arabic script.
_SKELETON_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[^a-z]", ""),
        (r"ph", "f"),
        (r"th", "t"),
        (r"dh", "d"),
        (r"ck|q|c", "k"),
        (r"[pv]", "b"),
        (r"g(?!h)", "j"),
        (r"(.)\1+", r"\1"),
        (r"[aeiouwy]", ""),
        (r"(.)\1+", r"\1"),
    )
)


@lru_cache(maxsize=200_000)
def skeletons(token: str) -> tuple[str, ...]:
    """The skeleton, and the skeleton keeping letters that meet only once the
    vowels are gone (Dawood: "d" and "dd"), when it differs."""
    full = skeleton(token)
    loose = _DOUBLE.sub(r"\1", re.sub(r"[^a-z]", "", token))
    for pattern, replacement in _SKELETON_REWRITES[1:-1]:
        loose = pattern.sub(replacement, loose)
    return (full, loose) if loose and loose != full else (full,)


_DOUBLE = re.compile(r"(.)\1+")


# Readings of the letters anyascii writes ambiguously for Arabic script, as
# skeleton letters: ث (th) is t in Arabic romanisations (Uthman) and s in
# Persian, Turkish and Urdu ones (Osman); ذ/ظ (dh) and ض (d) are d or z
# (Fazl, Hafiz, Zahir); "th" may also be ت or ط followed by ح or ه (Fatih,
# Taher), which is two letters, t and h.
_ABJAD_READINGS: dict[str, tuple[str, ...]] = {
    "th": ("t", "s", "th"),
    "dh": ("d", "z", "dh"),
    "d": ("d", "z"),
}
_SUN_LETTERS = frozenset({"t", "th", "d", "dh", "r", "z", "s", "sh", "n"})
_ABJAD_UNITS = re.compile(r"th|dh|kh|sh|gh|.")
_ABJAD_SINGLE = str.maketrans({"q": "k", "c": "k", "p": "b", "v": "b", "g": "j"})
MAX_ABJAD_SKELETONS = 8


@lru_cache(maxsize=100_000)
def abjad_skeletons(token: str) -> tuple[str, ...]:
    """Consonant skeletons of an Arabic-script token under each reading of
    its ambiguous letters (see ``_ABJAD_READINGS``), the usual one first."""
    variants = [""]
    units = _ABJAD_UNITS.findall(re.sub(r"[^a-z]", "", token))
    for i, unit in enumerate(units):
        if unit == "l" and i > 0 and i + 1 < len(units) and units[i + 1] in _SUN_LETTERS:
            # The article inside a word assimilates to a "sun" letter:
            # عبدالرحمن is Abdurrahman.
            options: tuple[str, ...] = ("l", "")
        elif unit in _ABJAD_READINGS:
            options = _ABJAD_READINGS[unit]
        elif unit in ("kh", "sh", "gh"):
            options = (unit,)
        elif unit in "aeiouwy":
            options = ("",)
        else:
            options = (unit.translate(_ABJAD_SINGLE),)
        variants = [v + o for v in variants for o in options][: MAX_ABJAD_SKELETONS * 3]
    out: list[str] = []
    for variant in variants:
        # Collapsed (عبدالله: bdlh, like Abdullah) and not (داوود: dd).
        for form in (_DOUBLE.sub(r"\1", variant), variant):
            if form and form not in out:
                out.append(form)
    return tuple(out[: MAX_ABJAD_SKELETONS * 2]) or (skeleton(token),)


# Wade-Giles, the older romanisation of Chinese (Mao Tse-tung, Chiang
# Ching-kuo), read as pinyin (Mao Zedong). Without the aspiration
# apostrophe, ch/k/p/t/ts are taken as unaspirated (zh or j, g, b, d, z).
_WG_INITIALS: tuple[tuple[str, str], ...] = (
    ("ch'", "ch"),
    ("ch", "zh"),
    ("hs", "x"),
    ("k'", "k"),
    ("p'", "p"),
    ("t'", "t"),
    ("ts'", "c"),
    ("tz'", "c"),
    ("ts", "z"),
    ("tz", "z"),
    ("ss", "s"),
    ("sz", "s"),
    ("sh", "sh"),
    ("k", "g"),
    ("p", "b"),
    ("t", "d"),
    ("j", "r"),
    ("m", "m"),
    ("f", "f"),
    ("n", "n"),
    ("l", "l"),
    ("h", "h"),
    ("s", "s"),
    ("w", "w"),
    ("y", "y"),
    ("", ""),
)
_WG_FINALS: dict[str, str] = {
    **{f: f for f in ("a", "ai", "an", "ang", "ao", "e", "ei", "en", "eng", "i", "ia", "iang", "iao", "in")},
    **{f: f for f in ("ing", "iu", "ou", "u", "ua", "uai", "uan", "uang", "ui", "un", "uo", "o")},
    "erh": "er",
    "ieh": "ie",
    "ien": "ian",
    "iung": "iong",
    "ung": "ong",
    "uei": "ui",
    "ueh": "ue",
    "ih": "i",
    "eh": "e",  # yeh → ye
}
# Spellings only Wade-Giles uses: at least one must occur before a name is
# read as Wade-Giles (pinyin names are left alone). A hyphen between the
# syllables of a given name is one (Chiang Chun-ming: pinyin writes
# Junming), and so are syllables pinyin cannot spell: chia/chin/ching
# (jia, jin, jing), jan/jen/jo/jui (ran, ren, ruo, rui), ko/to, yeh/yen.
_WG_MARKERS = re.compile(
    r"'|\w-\w|\bhs|ts|tz|ss|sz|ieh|ien|ung\b|ih\b|erh\b|uei|\bchi[a-z]|\bj(?:[aeo]|ui)|\b[kt]o\b|\bye[hn]\b"
)
_WG_SYLLABLE_SPLIT = re.compile(r"-")


def _wade_giles_syllable(syllable: str) -> str | None:
    for wg, pinyin in _WG_INITIALS:
        if not syllable.startswith(wg):
            continue
        final = syllable[len(wg) :]
        if final not in _WG_FINALS:
            continue
        out_final = _WG_FINALS[final]
        if pinyin in ("zh", "ch") and out_final[:1] in ("i", "u") and final[:1] == "i" and final != "ih":
            pinyin = "j" if pinyin == "zh" else "q"  # chin → jin, ch'ing → qing
        if pinyin in ("z", "c", "s") and final == "u" and wg in ("tz", "tz'", "ss", "sz"):
            out_final = "i"  # tzu → zi, ssu → si
        if final == "o" and pinyin in ("g", "k", "h", ""):
            out_final = "e"  # ko → ge, ho → he
        elif final == "o" and pinyin not in ("b", "p", "m", "f", "w", "y"):
            out_final = "uo"  # to → duo, lo → luo
        if wg == "y" and final == "en":
            out_final = "an"  # yen → yan
        if wg == "" and final[:1] == "i":
            pinyin = "y"  # i → yi, ing → ying
        return pinyin + out_final
    return None


def wade_giles_alias(name: str) -> str | None:
    """The pinyin reading of a Latin name written in Wade-Giles
    (``Mao Tse-tung`` → ``Mao Zedong``), or None when the name is not made
    of Wade-Giles syllables only or carries no Wade-Giles spelling."""
    # Umlauts and circumflexes (yü, ê) mark vowels pinyin writes plainly.
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    if not name.isascii():
        return None
    text = name.lower().replace("\u2019", "'").replace("`", "'")
    if not _WG_MARKERS.search(text):
        return None
    words = text.replace(",", " ").split()
    if not 2 <= len(words) <= 4:
        return None
    out: list[str] = []
    for word in words:
        syllables = [s for s in _WG_SYLLABLE_SPLIT.split(word) if s]
        if not 1 <= len(syllables) <= 3:
            return None
        converted = [_wade_giles_syllable(s) for s in syllables]
        if any(c is None for c in converted):
            return None
        out.append("".join(c for c in converted if c))
    alias = " ".join(out)
    return alias if alias != " ".join(w.replace("-", "") for w in words) else None


# Other Latin spellings of a part romanised here from Greek or Chinese, for
# the candidate index: a register writes ΜΠΙΚΑ as Mpika as often as Bika
# and 周 as Chou (Wade-Giles) as often as Zhou, and a candidate is only
# scored when the index finds a spelling it shares with the traveller.
_GREEK_SPELLINGS: tuple[tuple[tuple[str, str, int], ...], ...] = (
    # letter by letter (ISO 843 transliteration, anyascii); αυ/ευ are
    # rewritten once (a later av/ev may be αβ/εβ)
    (
        ("^b", "mp", 0),
        ("^d", "nt", 0),
        ("^g", "gk", 0),
        ("ng", "gk", 0),
        ("ou", "oy", 0),
        ("([ae])[vf]", r"\1y", 1),
    ),
    # the same with υ as u
    (
        ("^b", "mp", 0),
        ("^d", "nt", 0),
        ("^g", "gk", 0),
        ("ng", "gk", 0),
        ("y", "u", 0),
        ("([ae])[vf]", r"\1u", 1),
    ),
    # as spoken: mp/nt/gk inside a word as b/d/g, χ as h, αι as e, ει/οι as i
    (
        ("m[pb]", "b", 0),
        ("n[td]", "d", 0),
        ("ng|gk", "g", 0),
        ("ch", "h", 0),
        ("ai", "e", 0),
        ("[eo]i", "i", 0),
    ),
    # mb/nd inside a word, χ as h
    (("(?<=.)mp", "mb", 0), ("(?<=.)nt", "nd", 0), ("ch", "h", 0)),
)
_PINYIN_TO_WADE_GILES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        ("yi", "i"),
        ("you", "yu"),
        ("yan", "yen"),
        ("ye(?!n)", "yeh"),
        ("(?<=[zcs]h)i|(?<=^r)i", "ih"),
        ("(?<=[zcs])i", "U"),
        ("(?<=[dtlnzcs])uo|(?<=[zcs]h)uo", "o"),
        ("(?<=[gkh])e(?![inr])", "o"),
        ("(?<=[gk])ui", "uei"),
        ("ong", "ung"),
        ("ian(?!g(?![aeiou]))", "ien"),
        ("ie(?!n)", "ieh"),
        ("zh|j", "ch"),
        ("q", "ch"),
        ("x", "hs"),
        ("z|c(?!h)", "ts"),
        ("tsU", "tzu"),
        ("sU", "ssu"),
        ("b", "p"),
        ("d", "t"),
        ("(?<!n)g|g(?=[aeiou])", "k"),
        ("r(?!$)", "j"),
    )
)


@lru_cache(maxsize=100_000)
def other_spellings(text: str, script: Script) -> tuple[str, ...]:
    """Latin spellings of a Greek or Chinese part other than its own
    romanisation (Chinese in Wade-Giles without apostrophes); none for
    parts written in other scripts."""
    out: list[str] = []
    if script == Script.GREEK:
        for rules in _GREEK_SPELLINGS:
            variant = text
            for pattern, replacement, count in rules:
                variant = re.sub(pattern, replacement, variant, count=count)
            out.append(variant)
    elif script == Script.HAN:
        out.append(wade_giles_spelling(text))
    return tuple(dict.fromkeys(v for v in out if v != text))


@lru_cache(maxsize=100_000)
def wade_giles_spelling(pinyin: str) -> str:
    """A pinyin part (one syllable or a joined given name) as documents
    write it in Wade-Giles, without apostrophes or umlauts: ``zhou`` →
    ``chou``, ``qin`` → ``chin``, ``cui`` → ``tsui``. The mapping loses the
    aspiration, so this is the form in which the two are compared."""
    for pattern, replacement in _PINYIN_TO_WADE_GILES:
        pinyin = pattern.sub(replacement, pinyin)
    return pinyin
