"""Cross-script groups: Wade-Giles, Armenian, Greek digraphs, OCR digits.

Each generator pairs a name with a Latin form written by a romaniser of
this file, independent of Liaison's own transliteration (see
``bench/matching_cross_script.py`` for how pairs are scored):

- Wade-Giles: Faker zh_CN names, read in pinyin by ``pypinyin`` and
  rewritten syllable by syllable into Wade-Giles (tables below), given
  names hyphenated (``CHIANG CHUN-MING``); passports drop the aspiration
  apostrophes and umlauts, so most pairs here do too.
- Armenian: Faker hy_AM names, romanised per the Armenian passport scheme
  (ու = u, ե = ye and ո = vo at a word start, և = ev, յ = y…).
- Greek: Faker el_GR names, romanised in capitals per ELOT 743 with the
  usual spoken variants (μπ = b at a word start, mp/mb inside; ντ = d/nt/nd;
  γκ = g/gk/ng; γγ = ng/gg; αι = ai/e, ει/οι = ei/oi/i, χ = ch/kh/h).
- OCR digits: Latin names (Faker en_US/de_DE/fr_FR/it_IT/pl_PL) in capitals
  with B/G/Z/O/I/S read as 8/6/2/0/1/5 at random.

Run alone: ``PYTHONPATH=src:bench python bench/cross_script_scripts.py [N]``.
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from collections.abc import Callable

from faker import Faker
from pypinyin import lazy_pinyin

# --- Wade-Giles ---------------------------------------------------------------

_PY_INITIALS = (
    "zh",
    "ch",
    "sh",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "j",
    "q",
    "x",
    "r",
    "z",
    "c",
    "s",
)
_WG_INITIAL = {
    "b": "p", "p": "p'", "m": "m", "f": "f", "d": "t", "t": "t'", "n": "n", "l": "l",
    "g": "k", "k": "k'", "h": "h", "j": "ch", "q": "ch'", "x": "hs", "zh": "ch", "ch": "ch'",
    "sh": "sh", "r": "j", "z": "ts", "c": "ts'", "s": "s",
}  # fmt: skip
_WG_FINAL = {
    "ong": "ung", "iong": "iung", "ie": "ieh", "ian": "ien", "er": "erh", "ui": "ui",
    "ue": "üeh", "üe": "üeh", "ü": "ü", "üan": "üan", "ün": "ün",
}  # fmt: skip
# Whole syllables spelled apart from the initial + final rules.
_WG_WHOLE = {
    "zi": "tzu", "ci": "tz'u", "si": "ssu", "zhi": "chih", "chi": "ch'ih", "shi": "shih", "ri": "jih",
    "yi": "i", "ye": "yeh", "you": "yu", "yan": "yen", "yong": "yung", "yu": "yü", "yue": "yüeh",
    "yuan": "yüan", "yun": "yün", "e": "o", "er": "erh", "gui": "kuei", "kui": "k'uei",
    "ge": "ko", "ke": "k'o", "he": "ho", "guo": "kuo", "kuo": "k'uo", "huo": "huo", "shuo": "shuo",
}  # fmt: skip


def wade_giles(syllable: str) -> str:
    """One pinyin syllable (``ü`` written out) in Wade-Giles, with apostrophes and umlauts."""
    if syllable in _WG_WHOLE:
        return _WG_WHOLE[syllable]
    initial = next((i for i in _PY_INITIALS if syllable.startswith(i)), "")
    final = syllable[len(initial) :]
    if initial in ("j", "q", "x") and final.startswith("u"):
        final = "ü" + final[1:]  # ju, que, xuan: the u is ü
    if final == "uo" and initial not in ("g", "k", "h", "sh", ""):
        final = "o"  # duo → to, zhuo → cho
    if final == "e" and initial in ("g", "k", "h"):
        final = "o"
    return _WG_INITIAL.get(initial, initial) + _WG_FINAL.get(final, final)


def _passport(wg: str, rng: random.Random) -> str:
    """Most documents drop the aspiration apostrophe and the umlaut."""
    if rng.random() < 0.8:
        wg = wg.replace("'", "").replace("ü", "u")
    return wg


def wade_giles_pairs(n: int) -> list[tuple[str, str]]:
    fake = Faker("zh_CN")
    fake.seed_instance(23)
    rng = random.Random(23)
    out: list[tuple[str, str]] = []
    while len(out) < n:
        given, family = fake.first_name(), fake.last_name()
        if len(family) != 1:
            continue
        fam = _passport(wade_giles(lazy_pinyin(family, v_to_u=True)[0]), rng)
        giv = "-".join(_passport(wade_giles(s), rng) for s in lazy_pinyin(given, v_to_u=True))
        latin = f"{fam.upper()} {giv.upper()}" if rng.random() < 0.5 else f"{fam.title()} {giv.capitalize()}"
        out.append((family + given, latin))
    return out


# --- Armenian -----------------------------------------------------------------

_HY = dict(
    re.findall(
        r"(\S):(\S+)",
        "ա:a բ:b գ:g դ:d ե:e զ:z է:e ը:y թ:t ժ:zh ի:i լ:l խ:kh ծ:ts կ:k հ:h ձ:dz ղ:gh ճ:ch մ:m յ:y "
        "ն:n շ:sh ո:o չ:ch պ:p ջ:j ռ:r ս:s վ:v տ:t ր:r ց:ts ւ:v փ:p ք:k օ:o ֆ:f ",
    )
)
_HY_VOWELS = set("աեէըիոօ")


def armenian_latin(text: str) -> str:
    """Armenian passport romanisation of a name."""
    words = []
    for word in text.split():
        w = word.lower().replace("ու", "u").replace("և", "ev")
        out = []
        for i, ch in enumerate(w):
            prev = w[i - 1] if i else ""
            if ch == "ե" and (i == 0 or prev in _HY_VOWELS or prev == "u"):
                out.append("ye")
            elif ch == "ո" and i == 0:
                out.append("vo")
            else:
                out.append(_HY.get(ch, ch))
        words.append("".join(out).capitalize())
    return " ".join(words)


def armenian_pairs(n: int) -> list[tuple[str, str]]:
    fake = Faker("hy_AM")
    fake.seed_instance(29)
    rng = random.Random(29)
    out = []
    for _ in range(n):
        native = f"{fake.first_name()} {fake.last_name()}"
        latin = armenian_latin(native)
        out.append((native, latin.upper() if rng.random() < 0.5 else latin))
    return out


# --- Greek --------------------------------------------------------------------

_EL = dict(
    re.findall(
        r"(\S):(\S+)",
        "α:a β:v γ:g δ:d ε:e ζ:z η:i θ:th ι:i κ:k λ:l μ:m ν:n ξ:x ο:o π:p ρ:r σ:s ς:s τ:t υ:y φ:f "
        "χ:ch ψ:ps ω:o ϊ:i ϋ:y ",
    )
)
_EL_VOICELESS = set("θκξπστφχψ")


def greek_latin(text: str, rng: random.Random) -> str:
    """ELOT 743-like romanisation in capitals, with one choice per name among
    the spellings Greek names are found under."""
    chi = rng.choice(("ch", "ch", "kh", "h"))
    phonetic_vowels = rng.random() < 0.3
    medial = rng.choice(("mp", "mb"))
    # Accents go; the diaeresis stays (it keeps two vowels apart: Ησαΐας).
    base = unicodedata.normalize("NFC", unicodedata.normalize("NFD", text.lower()).replace("\u0301", ""))
    words = []
    for word in base.split():
        out, i = [], 0
        while i < len(word):
            pair, nxt = word[i : i + 2], word[i + 2 : i + 3]
            start = i == 0
            if pair == "μπ":
                out.append("b" if start else medial)
            elif pair == "ντ":
                out.append("d" if start else ("nt" if medial == "mp" else "nd"))
            elif pair == "γκ":
                out.append("g" if start else ("gk" if medial == "mp" else "ng"))
            elif pair == "γγ":
                out.append("ng" if medial == "mb" else "gg")
            elif pair == "ου":
                out.append("ou")
            elif pair in ("αυ", "ευ"):
                out.append(
                    pair[0].translate(str.maketrans("αε", "ae")) + ("f" if nxt in _EL_VOICELESS else "v")
                )
            elif pair == "αι" and phonetic_vowels:
                out.append("e")
            elif pair in ("ει", "οι") and phonetic_vowels:
                out.append("i")
            else:
                ch = word[i]
                out.append(chi if ch == "χ" else _EL.get(ch, ch))
                i += 1
                continue
            i += 2
        words.append("".join(out))
    return " ".join(words).upper()


def greek_digraph_pairs(n: int) -> list[tuple[str, str]]:
    """Greek names, those with a digraph or χ first (a third of the rest)."""
    fake = Faker("el_GR")
    fake.seed_instance(31)
    rng = random.Random(31)
    marked = re.compile("μπ|ντ|γκ|γγ|χ|αυ|ευ|αι|ει|οι", re.IGNORECASE)
    out: list[tuple[str, str]] = []
    while len(out) < n:
        native = f"{fake.first_name()} {fake.last_name()}"
        if not marked.search(native) and rng.random() > 0.3:
            continue
        native = native.upper() if rng.random() < 0.5 else native
        out.append((native, greek_latin(native, rng)))
    return out


# --- OCR digits ---------------------------------------------------------------

_OCR = {"B": "8", "G": "6", "Z": "2", "O": "0", "I": "1", "S": "5"}


def ocr_pairs(n: int) -> list[tuple[str, str]]:
    """(clean name, the same in capitals with OCR digit confusions)."""
    fakes = [Faker(loc) for loc in ("en_US", "de_DE", "fr_FR", "it_IT", "pl_PL")]
    for i, fake in enumerate(fakes):
        fake.seed_instance(37 + i)
    rng = random.Random(37)
    out: list[tuple[str, str]] = []
    while len(out) < n:
        fake = rng.choice(fakes)
        clean = f"{fake.first_name()} {fake.last_name()}"
        upper = clean.upper()
        spots = [i for i, c in enumerate(upper) if c in _OCR]
        if not spots:
            continue
        chosen = {i for i in spots if rng.random() < 0.4} or {rng.choice(spots)}
        ocr = "".join(_OCR[c] if i in chosen else c for i, c in enumerate(upper))
        out.append((clean, ocr))
    return out


GROUPS: dict[str, Callable[[int], list[tuple[str, str]]]] = {
    "Wade-Giles": wade_giles_pairs,
    "Armenian": armenian_pairs,
    "Greek digraphs": greek_digraph_pairs,
    "OCR digits": ocr_pairs,
}


def main() -> None:
    """These groups alone, scored as bench/matching_cross_script.py scores them."""
    from liaison.matching import DEFAULT_THRESHOLD
    from machine import describe
    from matching_common import report_pairs

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    impostors = 20
    print(describe())
    print(f"threshold {DEFAULT_THRESHOLD}; {size} names per group, {impostors} impostors each")
    rng = random.Random(3)
    for label, make in GROUPS.items():
        report_pairs(label, make(size), impostors, rng, shown=6)


if __name__ == "__main__":
    main()
