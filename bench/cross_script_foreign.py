"""Cross-script groups: foreign names written in Arabic, Hebrew and Hangul
script, and Arabic names with a glued article or a one-word ``Abd al-X``.

The native-script forms come from this module's own rule-based
transcribers, written from the usual practice of each script and kept apart
from Liaison's matcher (nothing here imports it). A clerk writes what he
hears, so a Western name is first pronounced by the spelling rules of its
own language (``pronounce``: French Joëlle = Z-o-e-l with silent letters
dropped and nasal vowels, German Mirthe = m-i-r-t-e with w = v and z = ts,
Dutch Steenbakkers with ee, ij, g = kh, Spanish j = kh, Italian ci/gi/gli,
English magic e and th), then written in the target script from the sounds:

- sounds → Arabic: long-vowel letters for vowels (short ones often left
  out), تش for ch, غ/ج/ك for g, ب for p, ف/ڤ for v, ة/ه/ا for a final a.
- sounds → Hebrew: few vowels, ו/י as vowel letters, א for a vowel with no
  consonant before it, ה for a final a/e, ג׳ צ׳ ז׳ for j, ch, zh, ח/כ for
  kh, final letter forms.
- sounds → Hangul: the Korean loanword orthography, syllable by syllable,
  ㅓ for schwa and English short u, ㅐ for English a, the epenthetic ㅡ (ㅣ
  after sh/ch/j) after a consonant with no vowel, English final stops as
  final consonants, r after a vowel dropped in English only, l doubled
  between vowels; Japanese names written mora by mora (Nakamori → 나카모리),
  long vowels sometimes doubled.
- Arabic names: Faker ``ar_AA`` family names with the article, romanised
  here (a crude vowel guess: the matcher compares consonants), the Latin
  article glued (ALNUAIMI), apart (AL-NUAIMI) or assimilated (ASSAYED), and
  ``Abd al-X`` in its one-word and two-word spellings.

Names come from Faker locales (Western: en_US, en_GB, de_DE, fr_FR, it_IT,
es_ES, nl_NL; Japanese: ja_JP romanised names).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable

from faker import Faker

_WESTERN = ("en_US", "en_GB", "de_DE", "fr_FR", "it_IT", "es_ES", "nl_NL")


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii() and c.isalpha()).lower()


def _letters(text: str) -> str:
    """Lowercase letters (diacritics kept), words apart."""
    return " ".join("".join(c for c in w if c.isalpha()) for w in text.lower().replace("-", " ").split())


def western_names(n: int, seed: int) -> list[tuple[str, str, str]]:
    """(given, family, locale): lowercase names, diacritics kept, from several
    Western locales; the locale says how the name is pronounced."""
    fakes = []
    for i, locale in enumerate(_WESTERN):
        fake = Faker(locale)
        fake.seed_instance(seed + i)
        fakes.append((locale, fake))
    out: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    k = 0
    while len(out) < n:
        locale, fake = fakes[k % len(fakes)]
        k += 1
        given, family = _letters(fake.first_name()), _letters(fake.last_name())
        if len(_ascii(given)) < 3 or len(_ascii(family)) < 3 or (given, family) in seen:
            continue
        seen.add((given, family))
        out.append((given, family, locale))
    return out


def _latin(name: str) -> str:
    return " ".join(_ascii(w).title() for w in name.split())


def japanese_names(n: int, seed: int) -> list[tuple[str, str]]:
    """(family, given) romanised Japanese names (Hepburn, long vowels unmarked)."""
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    return [(fake.last_romanized_name().lower(), fake.first_romanized_name().lower()) for _ in range(n)]


# --- Pronunciation: each locale's spelling read by its own rules ----------------------
#
# A clerk writes what he hears, so a name is first pronounced by the spelling
# rules of its language (Dutch "Steenbakkers" = s-t-e-n-b-a-k-@-r-s, French
# "Joëlle" = Z-o-e-l, German "Mirthe" = m-i-r-t-e), then written in the
# target script from those sounds. Phonemes, one character each:
#   consonants  p b t d k g f v s z m n l r h w j(=y) S(sh) Z(zh) C(ch) J(dzh)
#               X(kh) N(ng) T(ts) Q(th)
#   vowels      a e i o u A(ae, Jack) U(uh, Butler) @(er, schwa) Y(u umlaut)
#               O(o umlaut / French eu) E(French mute e)
#   ~           the preceding vowel is nasal (French an/on/in)
# Each locale is an ordered list of (pattern, sounds), tried in order at each
# position; lookbehind/lookahead give the context. A doubled consonant is one.

PHON_VOWELS = frozenset("aeiouAU@YOE")
_V = "aeiouyàâäéèêëîïôöûùüœ"
_C = "bcdfghjklmnpqrstvwxzçñß"

_LETTERS = {
    **dict.fromkeys("aàáâ", "a"),
    **dict.fromkeys("eéèêë", "e"),
    **dict.fromkeys("iíîïy", "i"),
    **dict.fromkeys("oóô", "o"),
    **dict.fromkeys("uúû", "u"),
    **dict.fromkeys("äæ", "e"),
    **dict.fromkeys("öœø", "O"),
    "ü": "Y",
    "ñ": "nj",
    "ç": "s",
    "ß": "s",
    "x": "ks",
    "c": "k",
    "q": "k",
    "j": "J",
    **{c: c for c in "bdfghklmnprstvwz"},
}
# A doubled consonant is one sound: the first letter is skipped, the second
# read in its context.
_DOUBLED = (r"([bcdfgklmnprstvz])(?=\1)", "")

_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        (r"tch", "C"),
        (r"ch(?=[rl])", "k"),
        (r"^wr", "r"),
        (r"^kn", "n"),
        (r"^wh", "w"),
        (r"ch", "C"),
        (r"sh", "S"),
        (r"th", "Q"),
        (r"ph", "f"),
        (r"ck", "k"),
        (r"igh", "ai"),
        (r"gh(?![aeiouy])", ""),
        (r"ng(?![aeiouy])", "N"),
        (r"qu", "kw"),
        (r"c(?=[eiy])", "s"),
        (r"g(?=[eiy])", "J"),
        (r"^x", "z"),
        (r"(?<=[^aeiouy])le$", "@l"),
        (r"ee|ea|ie(?=[^aeiou]|$)", "i"),
        (r"oo", "u"),
        (r"ou|ow(?![aeiou])", "au"),
        (r"ai|ay|ey(?=[aeiou])", "ei"),
        (r"ey$", "i"),
        (r"oa", "o"),
        (r"au|aw", "o"),
        (r"oy|oi", "oi"),
        (r"ew", "ju"),
        (r"(?<!^)y$", "i"),
        (r"^y(?=[aeiou])", "j"),
        (r"(?<=[^aeiou])y(?=[aeiou])", "ai"),
        (r"y(?=[aeiou])", "j"),
        (r"er(?![aeiouy])|ir(?![aeiouy])|ur(?![aeiouy])|our$|or$", "@r"),
        (r"ar(?![aeiouy])", "ar"),
        (r"a(?=[^aeiouy]es?$)", "ei"),
        (r"i(?=[^aeiouy]es?$)", "ai"),
        (r"y(?=[^aeiouy]e$)", "ai"),
        (r"o(?=[^aeiouy]e$)", "o"),
        (r"u(?=[^aeiouy]e$)", "ju"),
        (r"(?<=[^aeiouy])e$", ""),
        (r"(?<=[^aeiouy])es$", "s"),
        (r"(?<=[^aeiouy])e(?=s$)", ""),
        (r"a(?=(?:ck|[bdgkmnpt])(?:[^aeiouy]|$))", "A"),
        (r"u(?=[^aeiouy]{2}|[^aeiouy]$)", "U"),
        (r"y", "i"),
        (r"s(?=$)", "s"),
        (r"(?<=[aeiou])s(?=[aeiou])", "z"),
    ),
    "de": (
        (r"tsch", "C"),
        (r"sch", "S"),
        (r"ss", "s"),
        (r"chs", "ks"),
        (r"ch(?=[rl])", "k"),
        (r"c(?=[eiyäö])", "T"),
        (r"ch", "X"),
        (r"ck", "k"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"dt", "t"),
        (r"qu", "kv"),
        (r"^s(?=[pt])", "S"),
        (r"tz|z", "T"),
        (r"ng", "N"),
        (r"ei|ey|ai|ay", "ai"),
        (r"eu|äu", "oi"),
        (r"ie", "i"),
        (r"aa", "a"),
        (r"ee", "e"),
        (r"oo", "o"),
        (r"(?<=[aeiouäöü])h(?![aeiouäöü])", ""),
        (r"er$|er(?=s$)", "@r"),
        (r"e$", "e"),
        (r"w", "v"),
        (r"v", "f"),
        (r"j", "j"),
        (r"s(?=[aeiouäöü])", "z"),
        (r"b$", "p"),
        (r"d$", "t"),
        (r"g$", "k"),
        (r"y", "Y"),
        (r"c", "k"),
    ),
    "nl": (
        (r"sch$", "s"),
        (r"sch", "sX"),
        (r"ch", "X"),
        (r"tj", "C"),
        (r"uij", "oi"),
        (r"ae", "a"),
        (r"ij|ei|ey", "ei"),
        (r"ui", "oi"),
        (r"oe", "u"),
        (r"ou|au", "au"),
        (r"eeuw", "eu"),
        (r"ieuw", "iu"),
        (r"uw", "Yu"),
        (r"eu", "O"),
        (r"ie", "i"),
        (r"aa", "a"),
        (r"ee", "e"),
        (r"oo", "o"),
        (r"uu", "Y"),
        (r"ng", "N"),
        (r"th", "t"),
        (r"dt$|d$", "t"),
        (r"g", "X"),
        (r"w", "v"),
        (r"j", "j"),
        (r"ck", "k"),
        (r"c(?=[eiy])", "s"),
        (r"er(?![aeiouy])", "@r"),
        (r"en$", "@n"),
        (r"e$", "@"),
        (r"u", "Y"),
        (r"y", "i"),
    ),
    "fr": (
        (r"eaux?$", "o"),
        (r"eau", "o"),
        (r"aux?$", "o"),
        (r"au", "o"),
        (r"oin(?![aeiouyn])", "we~"),
        (r"oi", "wa"),
        (r"aill", "aj"),
        (r"ou", "u"),
        (r"(?<=[aeiou])ill(?=e?s?$)", "j"),
        (r"(?<=[aeiou])ill", "j"),
        (r"ille", "il"),
        (r"ien(?![aeiouyn])", "je~"),
        (r"[ae]in(?![aeiouyn])|in(?![aeiouyn])|im(?![aeiouymn])|un(?![aeiouyn])", "e~"),
        (r"[ae]n(?![aeiouyn])|[ae]m(?![aeiouymn])", "a~"),
        (r"on(?![aeiouyn])|om(?![aeiouymn])", "o~"),
        (r"ai|ei", "e"),
        (r"eu|œu", "O"),
        (r"ch(?=[rl])", "k"),
        (r"ch", "S"),
        (r"gn", "nj"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"c?qu", "k"),
        (r"gu(?=[eiy])", "g"),
        (r"ge(?=[ao])", "Z"),
        (r"g(?=[eiyé])", "Z"),
        (r"c(?=[eiyé])", "s"),
        (r"j", "Z"),
        (r"h", ""),
        (r"(?<=[aeiouy])s(?=[aeiouy])", "z"),
        (r"ers?$|ez$|et$|ée?s?$", "e"),
        (r"(?<=[aeiouy])es?$", ""),
        (r"(?<=[aeiouyéè])(?:s|t|d|x|z|p)$|(?<=[^aeiouyéè])(?:es|ent|e|s|t|d|x|z)$", ""),
        (r"(?<=[^aeiouyh])e(?=[^aeiouy][aeiouy])", "E"),
        (r"u|û", "Y"),
        (r"y", "i"),
        (r"w", "v"),
    ),
    "it": (
        (r"sch", "sk"),
        (r"ss", "s"),
        (r"sc(?=[ei])", "S"),
        (r"sci(?=[aou])", "S"),
        (r"ch", "k"),
        (r"gh", "g"),
        (r"gli", "lj"),
        (r"gn", "nj"),
        (r"ci(?=[aou])", "C"),
        (r"c(?=[ei])", "C"),
        (r"gi(?=[aou])", "J"),
        (r"g(?=[ei])", "J"),
        (r"qu", "kw"),
        (r"zz|z", "T"),
        (r"h", ""),
        (r"(?<=[aeiou])s(?=[aeiou])", "z"),
    ),
    "es": (
        (r"ch", "C"),
        (r"ll", "j"),
        (r"qu", "k"),
        (r"gu(?=[eiéí])", "g"),
        (r"g(?=[eiéí])", "X"),
        (r"j", "X"),
        (r"c(?=[eiéí])", "s"),
        (r"z", "s"),
        (r"h", ""),
        (r"v", "b"),
        (r"y(?=[aeiou])", "j"),
        (r"rr", "r"),
    ),
}
_ACCENTED = "éèêëàâáîïíôóûùúü"
# A vowel class in a rule covers the accented vowels too (Renée, Inès).
_COMPILED = {
    lang: tuple((re.compile(p.replace("aeiouy", "aeiouy" + _ACCENTED)), s) for p, s in (*rules, _DOUBLED))
    for lang, rules in _RULES.items()
}


def pronounce(word: str, locale: str) -> str:
    """Phonemes of a lowercase word read by the spelling rules of its locale."""
    rules = _COMPILED[locale[:2]]
    out: list[str] = []
    pos = 0
    while pos < len(word):
        for pattern, sounds in rules:
            m = pattern.match(word, pos)
            if m is not None and m.end() > pos:
                out.append(sounds or "")
                pos = m.end()
                break
        else:
            out.append(_LETTERS.get(word[pos], ""))
            pos += 1
    return "".join(out)


def _segments(phon: str) -> list[str]:
    """Phonemes with a nasal mark kept on its vowel (a~)."""
    out: list[str] = []
    for ch in phon:
        if ch == "~" and out:
            out[-1] += "~"
        else:
            out.append(ch)
    return out


def _is_vowel(seg: str | None) -> bool:
    return seg is not None and seg[0] in PHON_VOWELS


# --- Sounds → Hebrew (as an Israeli clerk writes a foreign name, no vowel points) ---

_HE_CONS: dict[str, tuple[str, ...]] = {
    "p": ("פ",),
    "b": ("ב",),
    "t": ("ט", "ט", "ת"),
    "d": ("ד",),
    "k": ("ק", "ק", "כ"),
    "g": ("ג",),
    "f": ("פ",),
    "v": ("ו",),
    "s": ("ס",),
    "z": ("ז",),
    "S": ("ש",),
    "Z": ("ז׳",),
    "C": ("צ׳",),
    "J": ("ג׳",),
    "X": ("ח", "כ"),
    "h": ("ה",),
    "m": ("מ",),
    "n": ("נ",),
    "N": ("נג",),
    "l": ("ל",),
    "r": ("ר",),
    "j": ("י",),
    "w": ("ו",),
    "T": ("צ",),
    "Q": ("ת", "ת׳", "ט"),
}
_HE_FINAL = str.maketrans("כמנפצ", "ךםןףץ")


def to_hebrew(phon: str, rng: random.Random) -> str:
    segs = _segments(phon)
    out: list[str] = []
    for i, seg in enumerate(segs):
        nasal = seg.endswith("~")
        first, last = i == 0, i == len(segs) - 1 and not nasal
        prev = segs[i - 1] if i else None
        sound = seg[0]
        if not _is_vowel(seg):
            letter = rng.choice(_HE_CONS.get(sound, ("",)))
            if letter in ("ו", "י") and not first and not last:
                letter += letter  # consonantal vav/yod doubled inside a word
            out.append(letter)
            continue
        if first or _is_vowel(prev):
            # A vowel with no consonant before it is carried by alef.
            letter = {"i": "אי", "e": "א", "o": "או", "u": "או", "Y": "או", "O": "או"}.get(sound, "א")
            if _is_vowel(prev) and sound == "i":
                letter = "י"
            out.append(letter)
        elif last:
            out.append(
                {
                    "a": rng.choice(("ה", "ה", "א")),
                    "e": rng.choice(("ה", "ה", "י")),
                    "@": rng.choice(("ה", "")),
                    "i": "י",
                    "E": "",
                }.get(sound, "ו")
            )
        elif sound in "aA":
            out.append(rng.choice(("", "", "א")))
        elif sound in "eE@U":
            out.append(rng.choice(("", "", "י")) if sound == "e" else "")
        else:
            out.append({"i": "י"}.get(sound, "ו"))
        if nasal:
            out.append("נ")
    text = "".join(out)
    if text and text[-1] in "כמנפצ":
        text = text[:-1] + text[-1].translate(_HE_FINAL)
    return text


# --- Sounds → Arabic (long-vowel letters for vowels, short ones often left out) ------

_AR_CONS: dict[str, tuple[str, ...]] = {
    "p": ("ب", "ب", "پ"),
    "b": ("ب",),
    "t": ("ت",),
    "d": ("د",),
    "k": ("ك",),
    "g": ("غ", "غ", "ج", "ك"),
    "f": ("ف",),
    "v": ("ف", "ف", "ڤ"),
    "s": ("س",),
    "z": ("ز",),
    "S": ("ش",),
    "Z": ("ج", "ج", "ش"),
    "C": ("تش", "تش", "ش"),
    "J": ("ج",),
    "X": ("خ",),
    "h": ("ه",),
    "m": ("م",),
    "n": ("ن",),
    "N": ("نغ", "نج", "ن"),
    "l": ("ل",),
    "r": ("ر",),
    "j": ("ي",),
    "w": ("و",),
    "T": ("تس",),
    "Q": ("ث", "ت"),
}


def to_arabic(phon: str, rng: random.Random) -> str:
    segs = _segments(phon)
    out: list[str] = []
    for i, seg in enumerate(segs):
        first, last = i == 0, i == len(segs) - 1 and not seg.endswith("~")
        prev = segs[i - 1] if i else None
        sound = seg[0]
        if not _is_vowel(seg):
            out.append(rng.choice(_AR_CONS.get(sound, ("",))))
            continue
        if first:
            out.append({"a": "ا", "A": "ا", "e": "إي", "i": "إي", "E": "إ", "@": "إ"}.get(sound, "أو"))
        elif _is_vowel(prev):
            out.append({"a": "ا", "A": "ا", "i": "ي", "e": "ي"}.get(sound, "و"))
        elif last:
            out.append(
                {
                    "a": rng.choice(("ا", "ا", "ة", "ه")),
                    "A": "ا",
                    "e": rng.choice(("ي", "ه")),
                    "@": rng.choice(("", "ه")),
                    "E": "",
                    "i": "ي",
                }.get(sound, "و")
            )
        elif sound in "aA":
            out.append(rng.choice(("ا", "ا", "")))
        elif sound in "eE@U":
            out.append(rng.choice(("ي", "", "")) if sound == "e" else "")
        else:
            out.append({"i": "ي"}.get(sound, "و"))
        if seg.endswith("~"):
            out.append("ن")
    return "".join(out)


# --- Sounds → Hangul (the Korean loanword orthography, syllable by syllable) ---------

_L = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_V = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_T = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


def _syllable(lead: str, vowel: str, tail: str = " ") -> str:
    return chr(0xAC00 + (_L.index(lead) * 21 + _V.index(vowel)) * 28 + _T.index(tail))


def _add_tail(out: list[str], tail: str) -> bool:
    """Put a final consonant on the last syllable if it has none."""
    if out and (ord(out[-1]) - 0xAC00) % 28 == 0:
        out[-1] = chr(ord(out[-1]) + _T.index(tail))
        return True
    return False


_KO_ONSET = {
    "p": "ㅍ",
    "b": "ㅂ",
    "t": "ㅌ",
    "d": "ㄷ",
    "k": "ㅋ",
    "g": "ㄱ",
    "f": "ㅍ",
    "v": "ㅂ",
    "s": "ㅅ",
    "z": "ㅈ",
    "S": "ㅅ",
    "Z": "ㅈ",
    "C": "ㅊ",
    "J": "ㅈ",
    "X": "ㅎ",
    "h": "ㅎ",
    "m": "ㅁ",
    "n": "ㄴ",
    "l": "ㄹ",
    "r": "ㄹ",
    "T": "ㅊ",
    "Q": "ㅅ",
    "j": "ㅇ",
    "w": "ㅇ",
}
_KO_VOWEL = {
    "a": "ㅏ",
    "A": "ㅐ",
    "e": "ㅔ",
    "i": "ㅣ",
    "o": "ㅗ",
    "u": "ㅜ",
    "U": "ㅓ",
    "@": "ㅓ",
    "Y": "ㅟ",
    "O": "ㅚ",
    "E": "ㅡ",
}
_KO_Y = {"ㅏ": "ㅑ", "ㅐ": "ㅒ", "ㅓ": "ㅕ", "ㅔ": "ㅖ", "ㅗ": "ㅛ", "ㅜ": "ㅠ", "ㅡ": "ㅣ", "ㅣ": "ㅣ"}
_KO_W = {"ㅏ": "ㅘ", "ㅐ": "ㅙ", "ㅓ": "ㅝ", "ㅔ": "ㅞ", "ㅣ": "ㅟ", "ㅗ": "ㅝ", "ㅜ": "ㅜ"}
_KO_CODA_STOP = {"p": "ㅂ", "t": "ㅅ", "k": "ㄱ"}


def to_hangul_western(phon: str, locale: str) -> str:
    english = locale.startswith("en")
    segs = _segments(phon)
    out: list[str] = []
    for i, seg in enumerate(segs):
        prev = segs[i - 1] if i else None
        nxt = segs[i + 1] if i + 1 < len(segs) else None
        sound = seg[0]
        if _is_vowel(seg):
            vowel = _KO_VOWEL[sound]
            onset = "ㅇ"
            if prev is not None and not _is_vowel(prev):
                onset = _KO_ONSET.get(prev, "ㅇ")
                if prev in ("j", "S") or (prev == "Z" and sound not in "iY"):
                    vowel = _KO_Y.get(vowel, vowel) if prev != "Z" else vowel
                if prev == "w":
                    vowel = _KO_W.get(vowel, vowel)
            out.append(_syllable(onset, vowel))
            if seg.endswith("~"):
                _add_tail(out, "ㅇ")
            continue
        if nxt is not None and _is_vowel(nxt):
            if sound == "N":
                _add_tail(out, "ㅇ")  # Langern = 랑에른
            if sound == "l" and prev is not None:
                _add_tail(out, "ㄹ")  # l after a sound is written ㄹㄹ (Ella = 엘라, Blees = 블레스)
            continue  # the consonant leads the next syllable
        # A consonant before another consonant or at the word end.
        tail = {"m": "ㅁ", "n": "ㄴ", "N": "ㅇ", "l": "ㄹ"}.get(sound)
        if tail and (_is_vowel(prev) or (sound != "N" and out)) and _add_tail(out, tail):
            continue
        if sound == "N":
            out.append(_syllable("ㅇ", "ㅡ", "ㅇ"))
            continue
        if sound == "r" and _is_vowel(prev) and (english or (prev == "@" and nxt is None)):
            continue  # non-rhotic English, German -er: r after a vowel is not written
        if sound in "jw":
            out.append(_syllable("ㅇ", "ㅣ" if sound == "j" else "ㅜ"))
            continue
        short_vowel = prev in ("A", "e", "i", "o", "u", "U")
        if (
            english
            and nxt is None
            and sound in _KO_CODA_STOP
            and short_vowel
            and _add_tail(out, _KO_CODA_STOP[sound])
        ):
            continue
        vowel = "ㅣ" if sound in "SZCJ" and (nxt is None or sound != "S") else "ㅡ"
        if sound == "S" and nxt is not None:
            vowel = "ㅠ"
        out.append(_syllable(_KO_ONSET.get(sound, "ㅇ"), vowel))
    return "".join(out)


_JA_ONSET = {
    "k": "ㅋ",
    "g": "ㄱ",
    "s": "ㅅ",
    "sh": "ㅅ",
    "z": "ㅈ",
    "j": "ㅈ",
    "t": "ㅌ",
    "ch": "ㅊ",
    "ts": "ㅆ",
    "d": "ㄷ",
    "n": "ㄴ",
    "h": "ㅎ",
    "f": "ㅎ",
    "b": "ㅂ",
    "p": "ㅍ",
    "m": "ㅁ",
    "y": "ㅇ",
    "r": "ㄹ",
    "w": "ㅇ",
    "": "ㅇ",
}
_JA_INITIAL = {"ㅋ": "ㄱ", "ㅌ": "ㄷ", "ㅊ": "ㅈ"}
_JA_VOWEL = {"a": "ㅏ", "i": "ㅣ", "u": "ㅜ", "e": "ㅔ", "o": "ㅗ"}
_JA_Y = {"a": "ㅑ", "u": "ㅠ", "o": "ㅛ", "e": "ㅖ", "i": "ㅣ"}
_MORA = re.compile(r"(sh|ch|ts|[kgsztdnhbpmyrwfj]?)(y?)([aiueo])|(n)(?![aiueoy])|([kstpc])(?=\1)")


def to_hangul_japanese(word: str, rng: random.Random) -> str:
    out: list[str] = []
    for m in _MORA.finditer(word):
        if m.group(4):
            if out:
                out[-1] = chr(ord(out[-1]) + _T.index("ㄴ"))
            continue
        if m.group(5):
            if out:
                out[-1] = chr(ord(out[-1]) + _T.index("ㅅ"))
            continue
        cons, glide, vowel = m.group(1), m.group(2), m.group(3)
        onset = _JA_ONSET[cons]
        if not out:
            onset = _JA_INITIAL.get(onset, onset)
        if cons == "ts" and rng.random() < 0.5:
            onset = "ㅊ"
        if cons == "y" or glide or (cons in ("sh", "ch", "j") and vowel in "auo"):
            v = _JA_Y[vowel]
        elif cons == "w":
            v = "ㅘ" if vowel == "a" else _JA_VOWEL[vowel]
        else:
            v = _JA_VOWEL[vowel]
        if cons in ("ts",) and vowel == "u":
            v = "ㅡ"
        if cons in ("s", "z") and vowel == "u" and rng.random() < 0.3:
            v = "ㅡ"
        syllable = _syllable(onset, v)
        out.append(syllable)
        if m.end() < len(word) and word[m.end()] == vowel and rng.random() < 0.5:
            # A long vowel written out (Miiya → 미이야), as some agencies do.
            out.append(_syllable("ㅇ", _JA_VOWEL[vowel]))
    return "".join(out)


# --- Groups --------------------------------------------------------------------------


def _write(name: str, locale: str, writer: Callable[[str], str]) -> str:
    return " ".join(writer(pronounce(word, locale)) for word in name.split())


def arabic_foreign_pairs(n: int) -> list[tuple[str, str]]:
    rng = random.Random(21)
    out = []
    for g, f, loc in western_names(n, 31):
        native = " ".join(_write(x, loc, lambda p: to_arabic(p, rng)) for x in (g, f))
        out.append((native, f"{_latin(g)} {_latin(f)}"))
    return out


def hebrew_foreign_pairs(n: int) -> list[tuple[str, str]]:
    rng = random.Random(22)
    out = []
    for g, f, loc in western_names(n, 47):
        native = " ".join(_write(x, loc, lambda p: to_hebrew(p, rng)) for x in (g, f))
        out.append((native, f"{_latin(g)} {_latin(f)}"))
    return out


def hangul_western_pairs(n: int) -> list[tuple[str, str]]:
    out = []
    for g, f, loc in western_names(n, 53):
        native = " ".join(_write(x, loc, lambda p: to_hangul_western(p, loc)) for x in (g, f))  # noqa: B023
        out.append((native, f"{_latin(g)} {_latin(f)}"))
    return out


def hangul_japanese_pairs(n: int) -> list[tuple[str, str]]:
    rng = random.Random(24)
    out = []
    for family, given in japanese_names(n, 59):
        native = f"{to_hangul_japanese(family, rng)} {to_hangul_japanese(given, rng)}"
        latin = f"{family.title()} {given.title()}"
        out.append((native, latin))
    return out


_AR_LATIN = {
    "ا": "a",
    "أ": "a",
    "إ": "i",
    "آ": "a",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "و": "u",
    "ي": "i",
    "ة": "a",
    "ى": "a",
    "ء": "",
    "ئ": "i",
    "ؤ": "u",
}
_SUN = set("تثدذرزسشصضطظلن")


def arabic_to_latin(word: str) -> str:
    """Crude romanisation of an unvowelled Arabic word: consonants, the
    long-vowel letters as vowels, an ``a`` guessed between two consonants."""
    out = ""
    prev_cons = False
    for i, ch in enumerate(word):
        latin = _AR_LATIN.get(ch)
        if latin is None:
            continue
        if ch in "وي" and 0 < i < len(word) - 1 and word[i + 1] in "اوي":
            latin = {"و": "w", "ي": "y"}[ch]
        if ch == "ع" and i == 0:
            latin = "a"
        is_vowel = latin in ("a", "i", "u", "")
        if prev_cons and not is_vowel:
            out += "a"
        out += latin
        prev_cons = not is_vowel
    return out


def _article_names() -> list[str]:
    from faker.providers.person.ar_AA import Provider as Arabic

    return sorted(
        {
            w
            for name in Arabic.last_names
            for w in name.split()
            if w.startswith("ال") and len(w) >= 6 and w[2] not in "أإآا"
        }
    )


def arabic_article_pairs(n: int) -> list[tuple[str, str]]:
    """Given name + family name with the article; Latin side glues it."""
    from faker.providers.person.ar_AA import Provider as Arabic

    rng = random.Random(25)
    family = _article_names()
    given = sorted({x for x in (*Arabic.first_names_male, *Arabic.first_names_female) if " " not in x})
    out = []
    for _ in range(n):
        g, f = rng.choice(given), rng.choice(family)
        stem = arabic_to_latin(f[2:])
        article = "a" + stem[0] if f[2] in _SUN and rng.random() < 0.4 else rng.choice(("al", "el"))
        glued = (article + stem).upper()
        apart = f"{rng.choice(('AL-', 'AL ', 'EL-'))}{stem.upper()}"
        latin_given = arabic_to_latin(g).upper()
        form = rng.random()
        if form < 0.4:
            out.append((f"{g} {f}", f"{latin_given} {glued}"))
        elif form < 0.7:
            out.append((f"{latin_given} {apart}", f"{latin_given} {glued}"))
        else:
            out.append((f"{g} {f}", f"{glued} {latin_given}"))
    return out


# Divine names as Arabic script and a Latin spelling.
_DIVINE = (
    ("كريم", "karim"),
    ("رحمن", "rahman"),
    ("رحيم", "rahim"),
    ("عزيز", "aziz"),
    ("حميد", "hamid"),
    ("لطيف", "latif"),
    ("مالك", "malik"),
    ("قادر", "qadir"),
    ("جبار", "jabbar"),
    ("وهاب", "wahab"),
    ("رزاق", "razzaq"),
    ("سلام", "salam"),
    ("مجيد", "majid"),
    ("حليم", "halim"),
    ("حكيم", "hakim"),
    ("غني", "ghani"),
    ("هادي", "hadi"),
    ("باسط", "basit"),
    ("فتاح", "fattah"),
    ("ناصر", "nasser"),
    ("رشيد", "rashid"),
    ("رؤوف", "rauf"),
    ("واحد", "wahid"),
    ("جليل", "jalil"),
    ("باقي", "baqi"),
    ("صمد", "samad"),
    ("خالق", "khaliq"),
    ("غفار", "ghaffar"),
    ("ودود", "wadud"),
    ("حفيظ", "hafiz"),
    ("منعم", "munim"),
    ("قدوس", "quddus"),
)


def _abd_forms(arabic: str, latin: str, rng: random.Random) -> list[str]:
    sun = latin[0] in "tdrzsn"
    link = latin[0] if sun and rng.random() < 0.5 else "l"
    forms = [
        f"ABD AL-{latin.upper()}",
        f"ABDUL {latin.upper()}",
        f"ABD{rng.choice(('EL', 'UL', 'OL', 'AL'))}{latin.upper()}",
        f"ABDU{link.upper()}{latin.upper()}" if link != "l" else f"ABDUL{latin.upper()}",
        f"عبد ال{arabic}",
        f"عبدال{arabic}",
        f"Abd al-{latin.title()}",
        f"Abdel {latin.title()}",
    ]
    return forms


def abd_pairs(n: int) -> list[tuple[str, str]]:
    """``Abd al-X`` + a family name, two different spellings of the first."""
    from faker.providers.person.ar_AA import Provider as Arabic

    rng = random.Random(26)
    families = sorted(
        {x for x in Arabic.last_names if " " not in x and not x.startswith("ال") and len(x) >= 4}
    )
    out = []
    for _ in range(n):
        arabic, latin = rng.choice(_DIVINE)
        family = rng.choice(families)
        a, b = rng.sample(_abd_forms(arabic, latin, rng), 2)
        fam_latin = arabic_to_latin(family).upper()
        out.append(
            (f"{a} {fam_latin if a.isascii() else family}", f"{b} {fam_latin if b.isascii() else family}")
        )
    return out


GROUPS: dict[str, Callable[[int], list[tuple[str, str]]]] = {
    "Western in Arabic": arabic_foreign_pairs,
    "Western in Hebrew": hebrew_foreign_pairs,
    "Western in Hangul": hangul_western_pairs,
    "Japanese in Hangul": hangul_japanese_pairs,
    "Arabic glued al-": arabic_article_pairs,
    "Abd al-X": abd_pairs,
}

if __name__ == "__main__":
    for label, make in GROUPS.items():
        print(label)
        for native, latin in make(8):
            print(f"    {native} | {latin}")
