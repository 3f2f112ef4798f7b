"""Cross-script groups: foreign names written in Arabic, Hebrew and Hangul
script, and Arabic names with a glued article or a one-word ``Abd al-X``.

The native-script forms come from this module's own rule-based
transcribers, written from the usual practice of each script and kept apart
from Liaison's matcher (nothing here imports it):

- Latin → Arabic: the way Arab media and registers write Western names:
  long-vowel letters for vowels (short ones often left out), تش for ch,
  غ/ج/ك for g, ب for p, ف/ڤ for v, ة/ه/ا for a final a.
- Latin → Hebrew: few vowels, ו/י as vowel letters, ה for a final a, ג׳ צ׳
  ז׳ for j, ch, zh, final letter forms.
- Latin or Japanese → Hangul: the Korean loanword orthography, syllable by
  syllable, with the epenthetic ㅡ after a consonant cluster or final
  consonant (Smith → 스미스) and Japanese names written mora by mora
  (Nakamori → 나카모리), long vowels sometimes doubled.
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


def western_names(n: int, seed: int) -> list[tuple[str, str]]:
    """(given, family) lowercase ASCII names from several Western locales."""
    fakes = []
    for i, locale in enumerate(_WESTERN):
        fake = Faker(locale)
        fake.seed_instance(seed + i)
        fakes.append(fake)
    out: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    k = 0
    while len(out) < n:
        fake = fakes[k % len(fakes)]
        k += 1
        given, family = _ascii(fake.first_name()), _ascii(fake.last_name())
        if len(given) < 3 or len(family) < 3 or (given, family) in seen:
            continue
        seen.add((given, family))
        out.append((given, family))
    return out


def japanese_names(n: int, seed: int) -> list[tuple[str, str]]:
    """(family, given) romanised Japanese names (Hepburn, long vowels unmarked)."""
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    return [(fake.last_romanized_name().lower(), fake.first_romanized_name().lower()) for _ in range(n)]


_UNIT = re.compile(r"tch|sch|ch|sh|th|ph|kh|gh|ck|qu|ts|tz|zh|ng(?![aeiouy])|([a-z])\1|.")


def _units(word: str) -> list[str]:
    """Letters and digraphs of a lowercase word; a doubled letter is one unit."""
    return [m.group(0) for m in _UNIT.finditer(word)]


_VOWEL = set("aeiouy")

# --- Latin → Arabic -----------------------------------------------------------------

_AR_CONS: dict[str, tuple[str, ...]] = {
    "b": ("ب",),
    "p": ("ب", "ب", "پ"),
    "d": ("د",),
    "f": ("ف",),
    "v": ("ف", "ف", "ڤ"),
    "g": ("غ", "غ", "ج", "ك"),
    "h": ("ه",),
    "j": ("ج",),
    "k": ("ك",),
    "q": ("ك",),
    "l": ("ل",),
    "m": ("م",),
    "n": ("ن",),
    "r": ("ر",),
    "s": ("س",),
    "t": ("ت",),
    "w": ("و",),
    "x": ("كس",),
    "z": ("ز",),
    "ch": ("تش", "تش", "ش"),
    "tch": ("تش",),
    "sch": ("ش",),
    "sh": ("ش",),
    "th": ("ث", "ت"),
    "ph": ("ف",),
    "kh": ("خ",),
    "gh": ("غ",),
    "ck": ("ك",),
    "qu": ("كو",),
    "ts": ("تس",),
    "tz": ("تز",),
    "zh": ("ج",),
    "ng": ("نغ", "نج", "ن"),
}


def to_arabic(word: str, rng: random.Random) -> str:
    units = _units(word)
    out: list[str] = []
    for i, unit in enumerate(units):
        first, last = i == 0, i == len(units) - 1
        if len(unit) == 2 and unit[0] == unit[1]:
            unit = unit[0]
        if unit == "c":
            unit = "s" if i + 1 < len(units) and units[i + 1][:1] in "eiy" else "k"
        if unit == "y" and not first:
            unit = "i"
        if unit in _AR_CONS:
            if unit == "s" and not first and not last and units[i - 1] in _VOWEL and units[i + 1] in _VOWEL:
                out.append(rng.choice(("س", "ز")))
            else:
                out.append(rng.choice(_AR_CONS[unit]))
            continue
        if unit not in _VOWEL:
            continue
        if first:
            out.append({"a": "ا", "e": "إي", "i": "إي", "o": "أو", "u": "أو", "y": "ي"}[unit])
        elif last:
            if unit == "a":
                out.append(rng.choice(("ا", "ا", "ة", "ه")))
            elif unit == "e":
                out.append(rng.choice(("", "ي", "ه")) if word.endswith(("le", "ne", "re")) else "ي")
            else:
                out.append({"i": "ي", "o": "و", "u": "و", "y": "ي"}[unit])
        elif units[i - 1] in _VOWEL:
            out.append({"a": "ا", "e": "ي", "i": "ي", "o": "و", "u": "و", "y": "ي"}[unit])
        elif unit == "a":
            out.append(rng.choice(("ا", "ا", "")))
        elif unit == "e":
            out.append(rng.choice(("ي", "", "")))
        else:
            out.append({"i": "ي", "o": "و", "u": "و", "y": "ي"}[unit])
    return "".join(out)


# --- Latin → Hebrew -----------------------------------------------------------------

_HE_CONS: dict[str, tuple[str, ...]] = {
    "b": ("ב",),
    "p": ("פ",),
    "d": ("ד",),
    "f": ("פ",),
    "v": ("ו", "ב"),
    "g": ("ג",),
    "h": ("ה",),
    "j": ("ג׳",),
    "k": ("ק", "כ"),
    "q": ("ק",),
    "l": ("ל",),
    "m": ("מ",),
    "n": ("נ",),
    "r": ("ר",),
    "s": ("ס",),
    "t": ("ט", "ת"),
    "w": ("ו",),
    "x": ("קס",),
    "z": ("ז",),
    "ch": ("צ׳",),
    "tch": ("צ׳",),
    "sch": ("ש",),
    "sh": ("ש",),
    "th": ("ת", "ט"),
    "ph": ("פ",),
    "kh": ("ח", "כ"),
    "gh": ("ג",),
    "ck": ("ק",),
    "qu": ("קו",),
    "ts": ("צ",),
    "tz": ("צ",),
    "zh": ("ז׳",),
    "ng": ("נג",),
}
_HE_FINAL = str.maketrans("כמנפצ", "ךםןףץ")


def to_hebrew(word: str, rng: random.Random) -> str:
    units = _units(word)
    out: list[str] = []
    for i, unit in enumerate(units):
        first, last = i == 0, i == len(units) - 1
        if len(unit) == 2 and unit[0] == unit[1]:
            unit = unit[0]
        if unit == "c":
            unit = "s" if i + 1 < len(units) and units[i + 1][:1] in "eiy" else "k"
        if unit == "y" and not first:
            unit = "i"
        if unit in _HE_CONS:
            letter = rng.choice(_HE_CONS[unit])
            if unit in ("v", "w") and not first and not last and letter == "ו":
                letter = "וו"
            out.append(letter)
            continue
        if unit not in _VOWEL:
            continue
        if first:
            out.append({"a": "א", "e": "א", "i": "אי", "o": "או", "u": "או", "y": "י"}[unit])
        elif last:
            out.append(
                {"a": rng.choice(("ה", "ה", "א")), "e": rng.choice(("", "ה", "י")), "i": "י"}.get(unit, "ו")
            )
        elif unit in "ae":
            out.append(rng.choice(("", "", "א")) if unit == "a" else rng.choice(("", "", "י")))
        else:
            out.append({"i": "י", "o": "ו", "u": "ו", "y": "י"}[unit])
    text = "".join(out)
    if text and text[-1] in "כמנפצ":
        text = text[:-1] + text[-1].translate(_HE_FINAL)
    elif text.endswith("צ׳"):
        pass
    return text


# --- Latin or Japanese → Hangul -----------------------------------------------------

_L = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_V = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_T = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


def _syllable(lead: str, vowel: str, tail: str = " ") -> str:
    return chr(0xAC00 + (_L.index(lead) * 21 + _V.index(vowel)) * 28 + _T.index(tail))


_KO_ONSET = {
    "b": "ㅂ",
    "p": "ㅍ",
    "f": "ㅍ",
    "v": "ㅂ",
    "d": "ㄷ",
    "t": "ㅌ",
    "th": "ㅅ",
    "g": "ㄱ",
    "k": "ㅋ",
    "c": "ㅋ",
    "q": "ㅋ",
    "ck": "ㅋ",
    "kh": "ㅋ",
    "ch": "ㅊ",
    "tch": "ㅊ",
    "j": "ㅈ",
    "zh": "ㅈ",
    "z": "ㅈ",
    "s": "ㅅ",
    "sh": "ㅅ",
    "sch": "ㅅ",
    "h": "ㅎ",
    "m": "ㅁ",
    "n": "ㄴ",
    "l": "ㄹ",
    "r": "ㄹ",
    "ph": "ㅍ",
    "gh": "ㄱ",
    "ts": "ㅊ",
    "tz": "ㅊ",
    "w": "ㅇ",
    "x": "ㅋ",
}
_KO_VOWEL = {"a": "ㅏ", "e": "ㅔ", "i": "ㅣ", "o": "ㅗ", "u": "ㅜ", "y": "ㅣ"}
# Sounds that take ㅣ rather than ㅡ as their epenthetic vowel.
_KO_I_EPENTHESIS = {"ch", "tch", "j", "zh", "sh", "sch"}


def to_hangul_western(word: str, rng: random.Random) -> str:
    units = _units(word)
    units = [u[0] if len(u) == 2 and u[0] == u[1] and u[0] not in _VOWEL else u for u in units]
    out: list[str] = []
    i = 0
    while i < len(units):
        unit = units[i]
        if unit in _VOWEL:
            vowel = _KO_VOWEL[unit]
            if unit == "u" and rng.random() < 0.3:
                vowel = "ㅓ"
            if unit == "e" and i == len(units) - 1 and i > 1:
                i += 1
                continue  # silent final e
            if unit == "e" and i + 1 < len(units) and units[i + 1] == "r" and rng.random() < 0.7:
                vowel = "ㅓ"
            tail = " "
            nxt = units[i + 1] if i + 1 < len(units) else None
            after = units[i + 2] if i + 2 < len(units) else None
            if nxt in ("n", "m", "l", "r") and (after is None or after not in _VOWEL):
                tail = {"n": "ㄴ", "m": "ㅁ", "l": "ㄹ", "r": " "}[nxt]
                i += 1
            elif nxt == "ng":
                tail = "ㅇ"
                i += 1
            out.append(_syllable("ㅇ", vowel, tail))
            i += 1
            continue
        if (
            unit == "w"
            and i > 0
            and units[i - 1] in _VOWEL
            and (i + 1 == len(units) or units[i + 1] not in _VOWEL)
        ):
            out.append(_syllable("ㅇ", "ㅜ"))
            i += 1
            continue
        if unit == "ng":
            code = ord(out[-1]) - 0xAC00 if out else 1
            if code % 28 == 0:
                out[-1] = chr(ord(out[-1]) + _T.index("ㅇ"))
            i += 1
            continue
        if unit == "x":
            out.append(_syllable("ㅋ", "ㅡ", " "))
            unit = "s"
        if unit == "c":
            unit = "s" if i + 1 < len(units) and units[i + 1][:1] in "eiy" else "k"
        onset = _KO_ONSET.get(unit)
        if onset is None:
            i += 1
            continue
        nxt = units[i + 1] if i + 1 < len(units) else None
        if nxt is not None and nxt in _VOWEL and not (nxt == "e" and i + 1 == len(units) - 1):
            vowel = _KO_VOWEL[nxt]
            if unit == "w":
                vowel = {"ㅏ": "ㅘ", "ㅔ": "ㅞ", "ㅣ": "ㅟ", "ㅗ": "ㅝ", "ㅜ": "ㅜ"}.get(vowel, vowel)
            if nxt == "e" and i + 2 < len(units) and units[i + 2] == "r" and rng.random() < 0.7:
                vowel = "ㅓ"
            if unit in ("l", "r") and out and i > 0 and units[i - 1] in _VOWEL and unit == "l":
                last = out[-1]
                code = ord(last) - 0xAC00
                if code % 28 == 0:
                    out[-1] = chr(ord(last) + _T.index("ㄹ"))
            tail = " "
            after = units[i + 2] if i + 2 < len(units) else None
            after2 = units[i + 3] if i + 3 < len(units) else None
            if after in ("n", "m") and (after2 is None or after2 not in _VOWEL):
                tail = {"n": "ㄴ", "m": "ㅁ"}[after]
                i += 1
            elif after == "l" and (after2 is None or after2 not in _VOWEL):
                tail = "ㄹ"
                i += 1
            elif after == "r" and (after2 is None or after2 not in _VOWEL):
                i += 1  # non-rhotic: r after a vowel is not written
            out.append(_syllable(onset, vowel, tail))
            i += 2
            continue
        if unit == "l" and i > 0:
            out.append(_syllable("ㄹ", "ㅡ", " "))
        else:
            epenthetic = "ㅣ" if unit in _KO_I_EPENTHESIS else "ㅡ"
            out.append(_syllable(onset, epenthetic, " "))
        i += 1
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


def arabic_foreign_pairs(n: int) -> list[tuple[str, str]]:
    rng = random.Random(21)
    return [
        (f"{to_arabic(g, rng)} {to_arabic(f, rng)}", f"{g.title()} {f.title()}")
        for g, f in western_names(n, 31)
    ]


def hebrew_foreign_pairs(n: int) -> list[tuple[str, str]]:
    rng = random.Random(22)
    return [
        (f"{to_hebrew(g, rng)} {to_hebrew(f, rng)}", f"{g.title()} {f.title()}")
        for g, f in western_names(n, 47)
    ]


def hangul_western_pairs(n: int) -> list[tuple[str, str]]:
    rng = random.Random(23)
    out = []
    for g, f in western_names(n, 53):
        native = f"{to_hangul_western(g, rng)} {to_hangul_western(f, rng)}"
        out.append((native, f"{g.title()} {f.title()}"))
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
