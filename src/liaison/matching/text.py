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
from functools import lru_cache, partial

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


@lru_cache(maxsize=16_384)
def dominant_script(text: str) -> Script:
    """The script most letters of ``text`` are written in (Latin when none).
    Cached: preparing a name asks it of the same text more than once."""
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


# Common Korean surnames (one syllable, and the two-syllable ones).
_KOREAN_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민나진지엄채원천방공현함변염"
    "여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈"
) | frozenset({"남궁", "제갈", "선우", "황보", "독고", "사공", "서문", "동방", "어금", "망절"})


def _korean_spaced(words: list[str]) -> bool:
    """A Korean name written with spaces: surname and given name (김 정은,
    정은 김), or surname and each given-name syllable (김 정 은)."""
    if any(len(w) > 2 for w in words) or not 2 <= len(words) <= 3:
        return False
    if len(words) == 3:
        return all(len(w) == 1 for w in words) and words[0] in _KOREAN_SURNAMES
    return words[0] in _KOREAN_SURNAMES or words[1] in _KOREAN_SURNAMES


def _romanise_foreign_hangul(text: str) -> str | None:
    """A name of several Hangul words that is not a Korean surname and given
    name is a foreign name in Korean loanword spelling (나카모리 미야, 존
    스미스): each word is one part, romanised as one token. None otherwise."""
    words = _HANGUL_RUN.findall(text)
    if len(words) < 2 or _korean_spaced(words):
        return None
    return _HANGUL_RUN.sub(
        lambda m: (
            " "
            + _HANGUL_PARTICLES.get(m.group(0), "".join(_SYLLABLE.findall(anyascii(m.group(0)))).lower())
            + " "
        ),
        text,
    )


# Name particles of Western names in Korean loanword spelling (반 데르 발스 =
# van der Waals, 드 골 = de Gaulle): written back in Latin letters so that
# they are read as particles.
_HANGUL_PARTICLES = {
    "반": "van",
    "판": "van",
    "폰": "von",
    "퐁": "von",
    "더": "de",
    "데": "de",
    "드": "de",
    "던": "den",
    "덴": "den",
    "데르": "der",
    "데어": "der",
    "델": "del",
    "델라": "della",
    "뒤": "du",
    "디": "di",
    "다": "da",
    "도스": "dos",
    "라": "la",
    "르": "le",
    "로스": "los",
    "텐": "ten",
    "터르": "ter",
}


_ABJAD_PARTICLES: dict[Script, dict[str, str]] = {
    Script.HEBREW: {
        **dict.fromkeys(("ון", "ואן", "פאן", "פן"), "van"),
        **dict.fromkeys(("פון", "פאן"), "von"),
        **dict.fromkeys(("דה", "ד", "דא"), "de"),
        **{
            "דר": "der",
            "דן": "den",
            "דו": "du",
            "די": "di",
            "דל": "del",
            "דוס": "dos",
            "לה": "le",
            "לו": "le",
        },
    },
    Script.ARABIC: {
        **dict.fromkeys(("فان", "ڤان", "فن", "ڤن"), "van"),
        **dict.fromkeys(("فون", "ڤون"), "von"),
        **dict.fromkeys(("دي", "ده", "د", "دا"), "de"),
        **{"در": "der", "دير": "der", "دن": "den", "دو": "du", "دل": "del", "ديل": "del", "دوس": "dos"},
        **{"لا": "la", "لو": "le"},
    },
}


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
    if script in _ABJAD_PARTICLES:
        # Particles of Western names (ון דר = van der) written back in Latin
        # letters so they are read as particles, not as name parts.
        table = _ABJAD_PARTICLES[script]
        words = text.split()
        if len(words) >= 3:
            text = " ".join(table.get(w, w) if i < len(words) - 1 else w for i, w in enumerate(words))
    if script == Script.HEBREW:
        # anyascii writes both bet and vav as "v"; keep them apart for skeletons.
        text = text.replace("\u05d1", "b").replace("\u05d5", "w")
        # A geresh marks sounds Hebrew lacks: ג׳ = j, צ׳ = ch, ז׳ = zh.
        for letter, sound in (("\u05d2", "j"), ("\u05e6", "ch"), ("\u05e5", "ch"), ("\u05d6", "zh")):
            text = text.replace(letter + "\u05f3", sound).replace(letter + "'", sound)
        # He after z, s, k, ts, t, d, g is its own letter, not half of a Latin
        # digraph (ליזה = Lisa, not "lizh"); alef or ayin starting a word
        # carries a vowel (אמי = Aimée), as in Arabic below.
        text = re.sub(r"(?<=[\u05d6\u05e1\u05db\u05da\u05e6\u05d8\u05d3\u05d2])\u05d4", "a\u05d4", text)
        text = re.sub(r"(?<![\w\u0590-\u05ff])[\u05d0\u05e2]", "a", text)
    if script == Script.KANA or (script == Script.HAN and has_kana(text)):
        # A kana name is a row of morae: read as romanised words (サトウチヨ → sato chiyo).
        return " ".join(kana_words(text)), Script.KANA
    if script == Script.HAN:
        foreign = "\u00b7" in text or "\u30fb" in text
        text = _HAN_RUN.sub(lambda m: _romanise_han(m.group(0), foreign), text)
    elif script == Script.HANGUL:
        loan = _romanise_foreign_hangul(text)
        text = loan if loan is not None else _HANGUL_RUN.sub(lambda m: _romanise_hangul(m.group(0)), text)
    if script == Script.ARABIC:
        # ا and ع at a word start carry a vowel (anyascii writes an apostrophe);
        # ta marbuta and alif maqsura at a word end are read as "a".
        text = re.sub(r"(?<![\w\u0600-\u06ff])[\u0627\u0623\u0625\u0622\u0639]", "a", text)
        text = re.sub(r"[\u0629\u0649](?![\u0600-\u06ff])", "a", text)
        # He after a letter romanised z, s, k, t, d or gh is its own letter,
        # not half of a Latin digraph (بورغيزه = Borghese, not "borghizh").
        text = re.sub(
            r"(?<=[\u0632\u0633\u0643\u062a\u062f\u063a\u0635\u0637\u0636\u0638])\u0647", "a\u0647", text
        )
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


def _consonants_before(units: list[str], i: int) -> int:
    return sum(1 for unit in units[:i] if unit not in ("a", "e", "i", "o", "u", "w", "y"))


@lru_cache(maxsize=100_000)
def abjad_skeletons(token: str) -> tuple[str, ...]:
    """Consonant skeletons of an Arabic-script token under each reading of
    its ambiguous letters (see ``_ABJAD_READINGS``), the usual one first."""
    variants = [""]
    units = _ABJAD_UNITS.findall(re.sub(r"[^a-z]", "", token))
    for i, unit in enumerate(units):
        if (
            unit == "l"
            and ((i == 1 and units[0] == "a") or _consonants_before(units, i) >= 2)
            and i + 1 < len(units)
            and units[i + 1] in _SUN_LETTERS
        ):
            # The article inside a word assimilates to a "sun" letter:
            # الشامي is Ashshami, عبدالرحمن Abdurrahman. It starts the word
            # or follows two consonants or more (Abd, Nur): ميلر is Miller,
            # not "mr".
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


@lru_cache(maxsize=16_384)
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
    # (An ASCII name is its own decomposition: most names skip the work.)
    if not name.isascii():
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


# Korean loanword spelling (나카모리, 스미스) against the Latin spelling of the
# same foreign name: Korean has no f/v/z/th and no r/l distinction, adds an
# epenthetic vowel (ㅡ "eu") after a consonant that ends a cluster or a word
# (seu-mi-seu = Smith), writes a doubled consonant as a final ㅅ (핫토리 =
# Hattori) and a long vowel twice (미이야 = Miiya). Both sides are folded to
# one key: consonants by Korean letter, vowels roughly.
_LOAN_HANGUL: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[^a-z]", ""),
        (r"ss|ch", "j"),
        (r"(?<=[js])y", ""),
        (r"s(?=[^aeiouwyx])", ""),
        (r"eu", ""),
        (r"ae", "e"),
        (r"ui", "i"),
        (r"ye", "e"),
    )
)
_LOAN_LATIN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[^a-z]", ""),
        (r"ph", "f"),
        (r"zh", "j"),
        (r"kh", "h"),
        (r"x", "ks"),
        (r"gh(?![aeiouy])", ""),
        (r"sch|sh", "s"),
        (r"tsu", "ts"),
        (r"tch|ch|ts|tz|z", "j"),
        (r"ck|q|x", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"ou|oo", "u"),
        (r"ee|ea", "i"),
    )
)
_LOAN_COMMON: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[gk]", "k"),
        (r"[dt]", "t"),
        (r"[pbfv]", "p"),
        (r"r", "l"),
        (r"w", "u"),
        (r"y", "i"),
        (r"(.)\1+", r"\1"),
    )
)
# The vowels of romanised Hangul syllables (Revised Romanisation).
_HANGUL_VOWELS = re.compile(r"yae|yeo|wae|ya|ye|yo|yu|wa|wo|we|wi|ui|ae|eo|eu|oe|[aeiou]")
# Korean ㅓ (eo) stands for a schwa or an English short u (Turner = 터너,
# Butler = 버틀러); a final ㅅ for t (Scott = 스콧); ㅣ after sh/ch for the
# epenthetic vowel (Bush = 부시); a final ㅇ for a French nasal (Laurent = 로랑).
_HANGUL_VARIANTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=[sj])i$", ""),
        (r"ng$", "n"),
        (r"s$", "t"),
        (r"wi", "u"),
        (r"oe", "e"),
    )
)


_KOREAN_ROMANISED = re.compile(
    r"(?:(?:kk|tt|pp|ss|jj|ch|sh|[gkndtrlmbpsjh])?(?:yae|yeo|wae|ya|ye|yo|yu|wa|wo|we|wi|ui|ae|eo|eu|oe|[aeiou])"
    r"(?:ng|[kntlmpgbd](?![aeiouwy]))?)+"
)


def korean_romanisable(text: str) -> bool:
    """The Latin part could itself be one or two romanised Korean syllables
    (Jiho, Seon, Paul = pa-ul): one Hangul syllable is then too little to
    call it the same foreign name."""
    return _KOREAN_ROMANISED.fullmatch(text) is not None and len(_HANGUL_VOWELS.findall(text)) <= 2


def is_loanword_part(text: str, syllables: int = 2) -> bool:
    """A romanised Hangul part of at least so many syllables: a foreign name
    in Korean loanword spelling has several (native name parts one each);
    a one-syllable part may still be one (존 = John) when it agrees exactly."""
    return len(_HANGUL_VOWELS.findall(text)) >= syllables


@lru_cache(maxsize=100_000)
def loanword_keys(text: str, hangul: bool) -> tuple[str, ...]:
    """Keys folding Korean loanword spelling and a Latin spelling to one form
    (see ``_LOAN_HANGUL``). A Latin part gets readings with th as s and as
    t, and without a silent final e or an r after a vowel (non-rhotic)."""
    if hangul:
        key = text
        for pattern, replacement in _LOAN_HANGUL:
            key = pattern.sub(replacement, key)
        forms = [key.replace("eo", vowel) for vowel in ("o", "e", "a")]
        for pattern, replacement in _HANGUL_VARIANTS:
            forms += [pattern.sub(replacement, f) for f in forms if pattern.search(f)]
    else:
        key = text
        for pattern, replacement in _LOAN_LATIN:
            key = pattern.sub(replacement, key)
        forms = [key.replace("th", "s"), key.replace("th", "t")]
        forms += [re.sub(r"(?<=[^aeiou])e$", "", f) for f in forms]
        # Non-rhotic: r after a vowel is not written, or er/ir/ur become ㅓ.
        forms += [re.sub(r"(?<=[aeiou])r(?![aeiou])", "", f) for f in forms] + [
            re.sub(r"[eiu]r(?![aeiou])", "o", f) for f in forms
        ]
    out: list[str] = []
    for form in forms:
        for pattern, replacement in _LOAN_COMMON:
            form = pattern.sub(replacement, form)
        if form and form not in out:
            out.append(form)
    return tuple(out)


_MARKED_VOWEL_RUN = re.compile(r"([aeiouqx]+)")


@lru_cache(maxsize=100_000)
def loanword_patterns(text: str) -> tuple[re.Pattern[str], ...]:
    """Patterns a Latin part's loanword key must match to be the same name
    spelled with other vowels: the Hangul part's consonants and syllables,
    with its vowels kept except ㅓ (eo) and ㅐ (ae), which stand for any
    (schwa, short u: Turner = 터너; English a: Anna = 애나). The ㅡ of a
    French mute e may be a vowel too (르모니에 = Lemonnier)."""
    out: list[re.Pattern[str]] = []
    # q and x are no Revised Romanisation letters: they mark the free vowels,
    # x the ㅡ that may also be no vowel at all (epenthetic).
    marked = text.replace("eo", "q").replace("ae", "q").replace("eu", "x")
    for key in loanword_keys(marked, True):
        if "q" not in key and "x" not in key:
            continue
        pattern = "".join(
            ("[aeiou]*" if run == "x" else "[aeiou]+" if "q" in run or "x" in run else re.escape(run))
            if i % 2
            else re.escape(run)
            for i, run in enumerate(_MARKED_VOWEL_RUN.split(key))
        )
        out.append(re.compile(pattern))
    return tuple(out)


# Foreign (Western, Japanese) names written in Arabic or Hebrew script: the
# letters stand for sounds the script lacks (تش = ch, غ/ج/ك = g, ب = p, ف/ڤ =
# v, Hebrew פ = p/f, ב = b/v, ו = v or a vowel, ש = sh/s), and long-vowel
# letters stand for any vowel. Both sides are reduced to skeletons of sound
# classes (C = ch, S = sh, V = v) under each reading, vowels dropped.
_FOREIGN_UNITS = re.compile(r"tsh|ts|th|dh|kh|sh|gh|ch|zh|.")
_FOREIGN_ABJAD: dict[str, tuple[str, ...]] = {
    "tsh": ("C",),
    "ts": ("ts", "s"),
    "th": ("t", "s"),
    "dh": ("d", "s"),
    "kh": ("k",),
    "sh": ("S", "C"),
    "gh": ("g",),
    "ch": ("C",),
    "zh": ("j",),
    "j": ("j", "g"),
    "k": ("k", "g"),
    "q": ("k", "g"),
    "p": ("b",),
    "v": ("V",),
    "f": ("f", "V"),
    "w": ("", "V"),
    "y": ("",),
    "h": ("h", ""),
    "z": ("s",),
}
# Hebrew letters read otherwise: ש is sh or s, פ is f or p, ב is b or v.
_FOREIGN_HEBREW: dict[str, tuple[str, ...]] = {
    **_FOREIGN_ABJAD,
    "s": ("s", "S"),
    "f": ("f", "b"),
    "b": ("b", "V"),
}
_FOREIGN_LATIN_UNITS = re.compile(r"sch|tch|ch|sh|th|ph|kh|gh|ck|qu|ts|tz|zh|.")
_FOREIGN_LATIN: dict[str, tuple[str, ...]] = {
    "sch": ("S",),
    "tch": ("C",),
    "ch": ("C", "S", "k"),
    "sh": ("S",),
    "th": ("t", "s"),
    "ph": ("f",),
    "kh": ("k", "h"),
    "gh": ("g", ""),
    "ck": ("k",),
    "qu": ("k",),
    "ts": ("ts",),
    "tz": ("ts",),
    "zh": ("j", "S"),
    "p": ("b",),
    "v": ("V",),
    "w": ("", "V"),
    "y": ("",),
    "z": ("s",),
    "x": ("ks",),
    "q": ("k",),
    "j": ("j", ""),
}
MAX_FOREIGN_SKELETONS = 16


def _foreign_variants(units: list[str], table: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    variants = [""]
    for i, unit in enumerate(units):
        nxt = units[i + 1] if i + 1 < len(units) else ""
        if unit == "c":
            # c before a back vowel may be a c cedilla lost to ASCII (François).
            options: tuple[str, ...] = ("s",) if nxt[:1] in ("e", "i", "y") else ("k", "s") if nxt else ("k",)
        elif unit == "g" and table is _FOREIGN_LATIN and nxt[:1] in ("e", "i", "y"):
            options = ("g", "j")  # Gina, Georges
        elif unit in "aeiou":
            options = ("",)
        else:
            options = table.get(unit, (unit,))
        variants = [v + o for v in variants for o in options][: MAX_FOREIGN_SKELETONS * 2]
    out: list[str] = []
    for variant in variants:
        form = _DOUBLE.sub(r"\1", variant)
        if form and form not in out:
            out.append(form)
    return tuple(out[:MAX_FOREIGN_SKELETONS])


@lru_cache(maxsize=100_000)
def foreign_skeletons(text: str, script: Script) -> tuple[str, ...]:
    """Sound-class skeletons of a part: for an Arabic- or Hebrew-script part,
    read as a foreign name written in that script; for a Latin part, as the
    sounds its spelling may stand for (see ``_FOREIGN_ABJAD``)."""
    letters = re.sub(r"[^a-z]", "", text)
    if script == Script.LATIN:
        return _foreign_variants(_FOREIGN_LATIN_UNITS.findall(letters), _FOREIGN_LATIN)
    table = _FOREIGN_HEBREW if script == Script.HEBREW else _FOREIGN_ABJAD
    return _foreign_variants(_FOREIGN_UNITS.findall(letters), table)


# A clerk writing a Western name in Arabic, Hebrew or Hangul script writes
# what he hears, and he hears it pronounced by the rules of its language:
# French Jacques = zhak, Lacroix = lakrwa; Spanish Julieta = khulieta;
# Dutch Gelder = khelder, Noordijk = noordeik; German Weber = veber; Italian
# Cesare = chesare. The matcher does not know the language, so a Latin part
# is also read by each language's spelling rules, written back in plain
# Latin letters (sh, zh, kh, ch, ts, y) that the skeleton and loanword keys
# understand. Each table is one left-to-right pass; earlier patterns win.
_READING_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (
        (r"eaux?$|aux?$", "o"),
        (r"eau|au", "o"),
        (r"oin(?![aeiouyn])", "wen"),
        (r"oi", "wa"),
        (r"ou", "u"),
        (r"(?<=[aeiou])ill", "y"),
        (r"ille", "il"),
        (r"[ae]?in(?![aeiouyn])|un(?![aeiouyn])|im(?![aeiouymn])", "en"),
        (r"[ae]n(?![aeiouyn])|[ae]m(?![aeiouymn])", "an"),
        (r"om(?![aeiouymn])", "on"),
        (r"ai|ei", "e"),
        (r"eu", "e"),
        (r"ch(?=[rl])", "k"),
        (r"ch", "sh"),
        (r"gn", "ny"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"qu", "k"),
        (r"gu(?=[eiy])", "g"),
        (r"ge(?=[ao])|g(?=[eiy])|j", "zh"),
        (r"c(?=[eiy])", "s"),
        (r"h", ""),
        (r"(?<=[aeiouy])s(?=[aeiouy])", "z"),
        (r"ers?$|ez$|ets?$|ees?$", "e"),
        (r"(?<=[aeiouy])(?:s|t|d|x|z|p)$|(?<=[aeiouy])es?$", ""),
        (r"(?<=[^aeiouy])(?:es|e|s|t|d|x|z)$", ""),
    ),
    "de": (
        (r"tsch", "ch"),
        (r"sch", "sh"),
        (r"chs", "ks"),
        (r"ch(?=[rl])", "k"),
        (r"ch", "kh"),
        (r"^s(?=[pt])", "sh"),
        (r"c(?=[eiy])|tz|z", "ts"),
        (r"ei|ey|ai|ay", "ai"),
        (r"eu", "oi"),
        (r"ie", "i"),
        (r"(?<=[aeiou])h(?![aeiou])", ""),
        (r"w", "v"),
        (r"v", "f"),
        (r"j", "y"),
        (r"ss", "s"),
        (r"s(?=[aeiou])", "z"),
        (r"d$", "t"),
        (r"b$", "p"),
        (r"g$", "k"),
    ),
    "nl": (
        (r"sch$", "s"),
        (r"sch", "skh"),
        (r"ch", "kh"),
        (r"tj", "ch"),
        (r"uij|ui", "oi"),
        (r"ij|ei|ey", "ei"),
        (r"oe", "u"),
        (r"ou|au", "au"),
        (r"eu", "o"),
        (r"ie", "i"),
        (r"aa", "a"),
        (r"ee", "e"),
        (r"oo", "o"),
        (r"uu", "u"),
        (r"th", "t"),
        (r"dt$|d$", "t"),
        (r"ng", "ng"),
        (r"g", "kh"),
        (r"w", "v"),
        (r"j", "y"),
    ),
    "es": (
        (r"ch", "ch"),
        (r"ll", "y"),
        (r"qu", "k"),
        (r"gu(?=[ei])", "g"),
        (r"g(?=[ei])|j", "kh"),
        (r"c(?=[ei])|z", "s"),
        (r"h", ""),
        (r"v", "b"),
    ),
    "it": (
        (r"sch", "sk"),
        (r"sci(?=[aou])|sc(?=[ei])", "sh"),
        (r"ch", "k"),
        (r"gh", "g"),
        (r"gli", "ly"),
        (r"gn", "ny"),
        (r"cci(?=[aou])|cc(?=[ei])|ci(?=[aou])|c(?=[ei])", "ch"),
        (r"ggi(?=[aou])|gi(?=[aou])|g(?=[ei])", "j"),
        (r"qu", "kw"),
        (r"z", "ts"),
        (r"h", ""),
        (r"(?<=[aeiou])s(?=[aeiou])", "z"),
    ),
    "en": (
        (r"igh", "ai"),
        (r"gh(?![aeiouy])", ""),
        (r"^wr", "r"),
        (r"^kn", "n"),
        (r"^wh", "w"),
        (r"ch(?=[rl])", "k"),
        (r"ey$|(?<=[^aeiouy])y$", "i"),
        (r"ay|ai", "ei"),
        (r"oa", "o"),
        (r"(?<=[^aeiou])y(?=[aeiou])", "ai"),
        (r"ee|ea", "i"),
        (r"oo", "u"),
        (r"ow(?![aeiou])", "au"),
        (r"aw|au", "o"),
        (r"(?<=[^aeiouy])le$", "el"),
        (r"a(?=[^aeiouy]es?$)", "ei"),
        (r"i(?=[^aeiouy]es?$)", "ai"),
        (r"(?<=[^aeiouy])e$", ""),
    ),
}


def _reading_pattern(rules: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    alternatives = "|".join(f"(?P<r{i}>{pattern})" for i, (pattern, _) in enumerate(rules))
    return re.compile(alternatives), {f"r{i}": sound for i, (_, sound) in enumerate(rules)}


_READINGS = tuple(_reading_pattern(rules) for rules in _READING_RULES.values())


def _reading_sound(sounds: dict[str, str], match: re.Match[str]) -> str:
    return sounds[match.lastgroup or ""]


@lru_cache(maxsize=100_000)
def latin_readings(text: str) -> tuple[str, ...]:
    """The part as spelled, then as pronounced by each language's spelling
    rules (see ``_READING_RULES``), distinct forms only."""
    letters = re.sub(r"[^a-z]", "", text)
    out = [letters]
    for pattern, sounds in _READINGS:
        reading = pattern.sub(partial(_reading_sound, sounds), letters)
        if reading and reading not in out:
            out.append(reading)
    return tuple(out)


_SHAPE_LETTERS = re.compile(r"tsh|kh|sh|ch|zh|ts|th|.")


@lru_cache(maxsize=100_000)
def vowel_shape(text: str, script: Script) -> str:
    """Where a part has vowels and consonants, runs collapsed: V for a
    vowel, C for a consonant (אולי = VCV = Uli). In Arabic or Hebrew script
    alef, ayin, vav, yod and a final he are vowel letters."""
    letters = re.sub(r"[^a-z']", "", text)
    vowels = "aeiouy'" + ("wh" if script != Script.LATIN else "")
    shape = ""
    for i, unit in enumerate(_SHAPE_LETTERS.findall(letters)):
        if script != Script.LATIN and unit == "h" and i < len(letters) - 1:
            kind = "C"
        else:
            kind = "V" if unit in vowels else "C"
        if script == Script.LATIN and unit in ("h", "w") and shape.endswith("V"):
            continue  # silent after a vowel (Hugh, Shaw)
        if not shape.endswith(kind):
            shape += kind
    return shape


@lru_cache(maxsize=100_000)
def latin_foreign_skeletons(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """Every sound-class skeleton of a Latin part under each language
    reading (see ``latin_readings``), and those of four letters or more,
    the ones worth an edit-distance comparison."""
    found = frozenset(
        sk for reading in latin_readings(text) for sk in foreign_skeletons(reading, Script.LATIN)
    )
    return found, tuple(sorted(sk for sk in found if len(sk) >= 4))


@lru_cache(maxsize=100_000)
def latin_loanword_keys(text: str) -> tuple[str, ...]:
    """Loanword keys of a Latin part under each language reading, two
    letters or more."""
    keys = {k for reading in latin_readings(text) for k in loanword_keys(reading, False)}
    return tuple(sorted(k for k in keys if len(k) >= 2))


# What an Arabic- or Hebrew-script part says beyond its consonants. The
# ASCII form keeps the letters that write vowels inside a word, و/ו as w
# (o, u, v or w in Latin, or a y after a consonant, read ü: Sibylla) and
# ي/ی/י as y (i, e, y or j); alef and ayin are
# lost inside a word but kept as "a" at its start. Vowel marks (a damma
# read "u") say nothing: they are not letters a clerk must write.
_ABJAD_VOWEL_CLASSES: dict[str, str] = {"w": "ouwvY", "y": "ieyjY"}
_CONSONANT_Y = re.compile(r"(?<=[^aeiouy])y")
_DOUBLED_YA = re.compile(r"yy+")
_LATIN_VOWELS = frozenset("aeiou")
_LEADING_VOWELS = re.compile(r"^(?:[aeiou]+|y(?![aeiou])|h(?=[aeiou]))")


@lru_cache(maxsize=100_000)
def abjad_explains(abjad: str, latin: str) -> bool:
    """Whether an Arabic- or Hebrew-script part (its ASCII form) can be a
    writing of a Latin part, beyond sharing a consonant skeleton:

    - the first letters agree on vowel or consonant: an initial alef or
      ayin (read "a") carries a vowel, so آتنا is not Tatiana and אביתר
      not Peter; h, w and y may stand either way, and a Latin s before a
      consonant may get a prosthetic alef (Stefan, استفان);
    - each vowel letter inside the abjad word is heard in the Latin part,
      in order, under one of its language readings (בראון has a vav that
      Brent lacks). Vowel letters right after the initial alef, or after
      an initial w or y read as the Latin first vowel, belong to that vowel
      (إيان = Ian, أودري = Audrey, يونس = Iunas).
    """
    abjad = re.sub(r"[^a-z]", "", abjad)
    latin = re.sub(r"[^a-z]", "", latin)
    if not abjad or not latin:
        return False
    abjad_vowel = abjad[0] == "a"
    latin_vowel = latin[0] in _LATIN_VOWELS or bool(re.match(r"y[^aeiou]", latin))
    if abjad_vowel and not latin_vowel and latin[0] != "h" and not re.match(r"s[^aeiouy]", latin):
        return False
    if (
        latin_vowel
        and not abjad_vowel
        and abjad[0] != "h"
        and latin[0] not in _ABJAD_VOWEL_CLASSES.get(abjad[0], "")
    ):
        return False
    first_vowel = abjad_vowel or (latin_vowel and abjad[0] in "wy")
    inner = abjad[1:].lstrip("wy")[:-1] if first_vowel else abjad[1:-1]
    # A doubled yod or ya is a consonant, y or the y of a palatal n (בנייוס =
    # Baños), which ASCII spellings drop.
    inner = _DOUBLED_YA.sub("", inner)
    classes = [_ABJAD_VOWEL_CLASSES[ch] for ch in inner if ch in _ABJAD_VOWEL_CLASSES]
    if not classes:
        return True
    classes = [c for i, c in enumerate(classes) if i == 0 or c != classes[i - 1]]
    return any(
        _in_order(classes, _CONSONANT_Y.sub("Y", _after_first_sound(reading)))
        for reading in latin_readings(latin)
    )


def abjad_vowels_agree(a: str, b: str) -> bool:
    """Two Arabic- or Hebrew-script parts (ASCII forms) that may be one name
    written fuller or shorter: the same kind of first letter (אביטן is not
    ביטון), and the vowel letters inside one word a subsequence of the
    other's (מרים / מרום differ in a vowel, דוד / דויד do not)."""
    if not a or not b or (a[0] == "a") != (b[0] == "a"):
        return False
    va = [ch for ch in a[1:-1] if ch in "wy"]
    vb = [ch for ch in b[1:-1] if ch in "wy"]
    short, long = (va, vb) if len(va) <= len(vb) else (vb, va)
    rest = iter(long)
    return all(ch in rest for ch in short)


def _after_first_sound(reading: str) -> str:
    """A Latin reading without its first consonant or leading vowels."""
    lead = _LEADING_VOWELS.match(reading)
    return reading[lead.end() :] if lead and lead.end() else reading[1:]


def _in_order(classes: list[str], letters: str) -> bool:
    """Each class matched by a later letter than the one before."""
    pos = 0
    for allowed in classes:
        while pos < len(letters) and letters[pos] not in allowed:
            pos += 1
        if pos == len(letters):
            return False
        pos += 1
    return True


@lru_cache(maxsize=100_000)
def short_skeleton_fits(abjad: str, latin: str) -> bool:
    """A skeleton of two consonants matches many names by chance, so its
    words must also be of plausible lengths: a Latin spelling may add the
    short vowels an abjad leaves out (and the alef its ASCII form drops),
    at most doubling the letters (Omar / عمر, Maria / ماريا), not more
    (Tatiana is not آتنا). The Latin part is counted in its shortest
    reading, doubled letters once (Jacques, Annette)."""
    shortest = min(len(_DOUBLE.sub(r"\1", reading)) for reading in latin_readings(latin))
    return shortest <= 2 * len(re.sub(r"[^a-z]", "", abjad))
