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


class Script(StrEnum):
    """The writing system a token was written in before transliteration."""

    LATIN = "latin"
    CYRILLIC = "cyrillic"
    GREEK = "greek"
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
    return anyascii(text), script


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
