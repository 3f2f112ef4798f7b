"""Generators for the false-alert bench: a diverse register, innocent travellers, planted variants.

Persons come from two dozen Faker locales, each in its own script, and a
share of the non-Latin ones is written in Latin the way passenger messages
carry them (pinyin or Wade-Giles, Revised Romanisation or the customary
Korean surname spellings, Hepburn from Faker's Japanese reading pairs, and
``transliterate`` for Cyrillic, Greek, Armenian and Georgian). Every person
keeps an *identity* (locale and native name parts) so that an innocent
traveller who is, name and date, a register person can be told apart from
a false alert. Planted variants distort one register person the way
screening data really differs: typos, a middle name dropped or added,
name order, another script or romanisation, a birth-date typing slip or
the date missing on one side. Everything is seeded and deterministic.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pypinyin
from faker import Faker
from hangul_romanize import Transliter  # type: ignore[import-untyped]
from hangul_romanize.rule import academic  # type: ignore[import-untyped]
from transliterate import translit  # type: ignore[import-untyped]

# (locale, weight, kind). Weights make CJK, Korean and Japanese well
# represented: screening data from East-Asian routes has large groups of
# them, and their short name stocks are where namesakes pile up.
LOCALES: tuple[tuple[str, float, str], ...] = (
    ("en_US", 5, "latin"),
    ("en_GB", 3, "latin"),
    ("de_DE", 3, "latin"),
    ("fr_FR", 3, "latin"),
    ("es_ES", 3, "latin_two_surnames"),
    ("it_IT", 3, "latin"),
    ("pl_PL", 2, "latin"),
    ("tr_TR", 2, "latin"),
    ("vi_VN", 2, "latin_vietnamese"),
    ("id_ID", 2, "latin"),
    ("pt_BR", 3, "latin"),
    ("nl_NL", 2, "latin"),
    ("hu_HU", 1, "latin_family_first"),
    ("ro_RO", 1, "latin"),
    ("zh_CN", 9, "han_cn"),
    ("zh_TW", 4, "han_tw"),
    ("ja_JP", 9, "ja"),
    ("ko_KR", 8, "ko"),
    ("ar_AA", 3, "arabic"),
    ("ar_SA", 2, "arabic"),
    ("fa_IR", 2, "native"),
    ("he_IL", 2, "native"),
    ("ru_RU", 4, "cyrillic:ru"),
    ("uk_UA", 2, "cyrillic:uk"),
    ("bg_BG", 1, "cyrillic:bg"),
    ("el_GR", 2, "translit:el"),
    ("hy_AM", 1, "translit:hy"),
    ("ka_GE", 1, "translit:ka"),
    ("th_TH", 2, "native"),
    ("hi_IN", 2, "native"),
)

# Share of persons from a non-Latin locale written in Latin.
LATIN_SHARE = 0.3
# Share of persons without any birth date.
UNDATED_SHARE = 0.1
FIRST_BIRTH = dt.date(1935, 1, 1)
LAST_BIRTH = dt.date(2007, 12, 31)

# Customary passport spellings of the commonest Korean surnames (Revised
# Romanisation writes 김 as Gim, 이 as I, 박 as Bak).
KOREAN_SURNAMES = {
    "김": "Kim",
    "이": "Lee",
    "박": "Park",
    "최": "Choi",
    "정": "Jung",
    "강": "Kang",
    "조": "Cho",
    "윤": "Yoon",
    "장": "Jang",
    "임": "Lim",
    "한": "Han",
    "오": "Oh",
    "서": "Seo",
    "신": "Shin",
    "권": "Kwon",
    "황": "Hwang",
    "안": "Ahn",
    "송": "Song",
    "류": "Ryu",
    "전": "Jeon",
    "홍": "Hong",
    "고": "Ko",
    "문": "Moon",
    "양": "Yang",
    "손": "Son",
    "배": "Bae",
    "백": "Baek",
    "허": "Heo",
    "유": "Yoo",
    "남": "Nam",
    "노": "Noh",
    "하": "Ha",
    "곽": "Kwak",
    "성": "Sung",
    "차": "Cha",
    "주": "Joo",
    "우": "Woo",
    "구": "Koo",
    "민": "Min",
    "진": "Jin",
    "지": "Ji",
    "엄": "Eom",
    "채": "Chae",
    "원": "Won",
    "천": "Cheon",
    "방": "Bang",
    "공": "Kong",
    "현": "Hyun",
    "함": "Ham",
    "변": "Byun",
    "염": "Yeom",
    "여": "Yeo",
    "추": "Choo",
    "도": "Do",
    "소": "So",
    "석": "Seok",
    "선": "Sun",
    "설": "Seol",
    "마": "Ma",
    "길": "Gil",
    "연": "Yeon",
    "위": "Wi",
    "표": "Pyo",
    "명": "Myung",
    "기": "Ki",
    "반": "Ban",
    "왕": "Wang",
    "금": "Keum",
    "옥": "Ok",
    "육": "Yook",
    "인": "In",
    "맹": "Maeng",
    "제": "Je",
    "모": "Mo",
    "탁": "Tak",
    "국": "Kook",
    "어": "Eo",
    "은": "Eun",
    "편": "Pyeon",
    "용": "Yong",
    "예": "Ye",
    "경": "Kyung",
    "봉": "Bong",
    "사": "Sa",
    "부": "Boo",
    "황보": "Hwangbo",
    "남궁": "Namgung",
    "제갈": "Jegal",
    "선우": "Sunwoo",
    "독고": "Dokko",
}


@dataclass(frozen=True, slots=True)
class Person:
    """One generated person as one side of a comparison writes them."""

    identity: tuple[str, ...]
    locale: str
    name: str
    birth_date: str | None
    # Every way this person's name is written (native and Latin forms).
    forms: tuple[str, ...] = field(default=(), compare=False)
    # Name parts, for distortions: given names, family name.
    given: tuple[str, ...] = field(default=(), compare=False)
    family: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class Variant:
    """A planted traveller: a distorted register person."""

    person: Person
    source: int
    kinds: tuple[str, ...]


def script_of(name: str) -> str:
    """The script a name is written in (kana wins over kanji in a mixed name)."""
    seen: set[str] = set()
    for ch in name:
        if not ch.isalpha():
            continue
        label = unicodedata.name(ch, "")
        if "HIRAGANA" in label or "KATAKANA" in label:
            return "kana"
        for prefix, script in (
            ("CJK", "han"),
            ("HANGUL", "hangul"),
            ("ARABIC", "arabic"),
            ("HEBREW", "hebrew"),
            ("CYRILLIC", "cyrillic"),
            ("GREEK", "greek"),
            ("ARMENIAN", "armenian"),
            ("GEORGIAN", "georgian"),
            ("THAI", "thai"),
            ("DEVANAGARI", "devanagari"),
            ("LATIN", "latin"),
        ):
            if label.startswith(prefix):
                seen.add(script)
                break
        else:
            seen.add("other")
    for script in ("han", "hangul", "arabic", "hebrew", "cyrillic", "greek", "armenian", "georgian"):
        if script in seen:
            return script
    return next(iter(sorted(seen)), "other")


_WORD = re.compile(r"[^\W\d_]+")


def name_key(name: str) -> str:
    """A written name compared exactly: case, accents, punctuation and the order
    of words aside (CJK scripts: spaces aside, the order kept)."""
    if script_of(name) in ("han", "kana", "hangul"):
        return "".join(_WORD.findall(name))
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(sorted(_WORD.findall(folded)))


def _birth_date(rng: random.Random) -> str:
    span = (LAST_BIRTH - FIRST_BIRTH).days
    return (FIRST_BIRTH + dt.timedelta(days=rng.randrange(span + 1))).isoformat()


def _case(rng: random.Random, text: str) -> str:
    """Passenger messages mostly write names in capitals."""
    return text.upper() if rng.random() < 0.5 else text


def _pinyin(text: str, style: pypinyin.Style = pypinyin.Style.NORMAL) -> list[str]:
    """Syllables as passports write them: pinyin ü as ``yu`` (LYU), Wade-Giles ü as ``u``."""
    umlaut = "yu" if style == pypinyin.Style.NORMAL else "u"
    return [s.replace("v", umlaut) for s in pypinyin.lazy_pinyin(text, style=style) if s.strip()]


_HANGUL = Transliter(academic)


def _korean_latin(family: str, given: str, customary: bool) -> tuple[str, str]:
    fam = KOREAN_SURNAMES.get(family) if customary else None
    fam = fam or _HANGUL.translit(family).capitalize()
    syllables = [_HANGUL.translit(s) for s in given]
    return fam, "-".join(syllables).capitalize() if customary else "".join(syllables).capitalize()


def _gendered(fake: Faker, what: str, female: bool) -> str:
    method = f"{what}_{'female' if female else 'male'}"
    return str(getattr(fake, method)() if hasattr(fake, method) else getattr(fake, what)())


def _alphabetic_parts(
    fake: Faker, rng: random.Random, female: bool, middle_share: float
) -> tuple[list[str], str]:
    given = [_gendered(fake, "first_name", female)]
    if rng.random() < middle_share:
        extra = _gendered(fake, "first_name", female)
        if extra != given[0]:
            given.append(extra)
    return given, _gendered(fake, "last_name", female)


def _western(given: list[str], family: str, family_first: bool = False) -> str:
    if family_first:
        return " ".join([family, *given])
    return " ".join([*given, family])


def make_person(locale: str, kind: str, fake: Faker, rng: random.Random, dated: bool) -> Person:
    """One person of ``locale``, written in their script or, for a share, in Latin."""
    female = rng.random() < 0.5
    latin = kind.startswith("latin") or rng.random() < LATIN_SHARE
    birth = _birth_date(rng) if dated else None
    forms: list[str] = []
    if kind.startswith("latin"):
        given, family = _alphabetic_parts(fake, rng, female, 0.15)
        family_first = kind == "latin_family_first"
        if kind == "latin_vietnamese":
            # Family, middle and given name (Nguyễn Văn An); Faker's two-part
            # names from ten surnames would make namesakes of everyone.
            given = [fake.middle_name(), given[0]] if rng.random() < 0.85 else given[:1]
            family_first = rng.random() < 0.7
        elif kind == "latin_two_surnames" and rng.random() < 0.5:
            second = fake.last_name()
            family = f"{family} {second}" if second != family else family
        name = _western(given, family, family_first)
        forms = [name]
        identity = (locale, family, *given)
        display = name
        return Person(identity, locale, _case(rng, display), birth, tuple(forms), tuple(given), family)
    if kind in ("han_cn", "han_tw"):
        family = fake.last_name()
        given_h = _gendered(fake, "first_name", female)
        native = family + given_h
        fam_py = "".join(_pinyin(family)).capitalize()
        giv_syl = _pinyin(given_h)
        forms = [native, f"{fam_py} {''.join(giv_syl).capitalize()}"]
        if kind == "han_tw":
            wade = _pinyin(given_h, pypinyin.Style.WADEGILES)
            fam_wg = "".join(_pinyin(family, pypinyin.Style.WADEGILES)).capitalize()
            forms.append(f"{fam_wg} {'-'.join(wade).capitalize()}")
        identity = (locale, family, given_h)
        if latin:
            display = forms[-1] if rng.random() < 0.5 else forms[1]
            if rng.random() < 0.3:  # given name first, as Western forms put it
                head, rest = display.split(" ", 1)
                display = f"{rest} {head}"
            display = _case(rng, display)
        else:
            display = native
        return Person(identity, locale, display, birth, tuple(forms), (given_h,), family)
    if kind == "ja":
        fam = fake.last_name_pair()
        giv = fake.first_name_female_pair() if female else fake.first_name_male_pair()
        kanji = f"{fam[0]} {giv[0]}" if rng.random() < 0.6 else fam[0] + giv[0]
        kana = f"{fam[1]} {giv[1]}" if rng.random() < 0.6 else fam[1] + giv[1]
        romaji = f"{fam[2]} {giv[2]}"
        forms = [fam[0] + giv[0], fam[1] + giv[1], romaji]
        identity = (locale, fam[0], giv[0], fam[1], giv[1])
        roll = rng.random()
        if latin:
            display = _case(rng, romaji if rng.random() < 0.6 else f"{giv[2]} {fam[2]}")
        elif roll < 0.5:
            display = kanji
        else:
            display = kana
        return Person(identity, locale, display, birth, tuple(forms), (giv[0],), fam[0])
    if kind == "ko":
        family = fake.last_name()
        given_k = _gendered(fake, "first_name", female)
        customary = rng.random() < 0.7
        fam_l, giv_l = _korean_latin(family, given_k, customary)
        rr_fam, rr_giv = _korean_latin(family, given_k, False)
        forms = [family + given_k, f"{fam_l} {giv_l}", f"{rr_fam} {rr_giv}"]
        identity = (locale, family, given_k)
        if latin:
            display = f"{fam_l} {giv_l}" if rng.random() < 0.6 else f"{giv_l} {fam_l}"
            display = _case(rng, display)
        else:
            display = family + given_k
        return Person(identity, locale, display, birth, tuple(forms), (given_k,), family)
    # Alphabetic non-Latin scripts.
    if kind == "arabic":
        given, family = _alphabetic_parts(fake, rng, female, 0.0)
        if rng.random() < 0.4:  # father's name between given and family name
            given.append(fake.first_name_male())
    else:
        given, family = _alphabetic_parts(fake, rng, female, 0.05)
    if kind.startswith("cyrillic") and rng.random() < 0.5 and hasattr(fake, "middle_name_male"):
        given = [given[0], _gendered(fake, "middle_name", female)]
    native = " ".join([*given, family]) if rng.random() < 0.6 else " ".join([family, *given])
    forms = [native]
    identity = (locale, family, *given)
    if ":" in kind:
        lang = kind.split(":", 1)[1]
        forms.append(translit(" ".join([*given, family]), lang, reversed=True).replace("'", ""))
    display = _case(rng, forms[1]) if latin and len(forms) > 1 else native
    return Person(identity, locale, display, birth, tuple(forms), tuple(given), family)


def _locale_picker(rng: random.Random) -> Callable[[], tuple[str, str]]:
    locales = [(loc, kind) for loc, _, kind in LOCALES]
    weights = [w for _, w, _ in LOCALES]
    return lambda: rng.choices(locales, weights)[0]


def generate_people(count: int, seed: int, undated_share: float = UNDATED_SHARE) -> list[Person]:
    """``count`` persons from the weighted locales; ``undated_share`` of them without a date."""
    rng = random.Random(seed)
    pick = _locale_picker(rng)
    fakes: dict[str, Faker] = {}
    people: list[Person] = []
    for _ in range(count):
        locale, kind = pick()
        fake = fakes.get(locale)
        if fake is None:
            fake = fakes[locale] = Faker(locale)
            fake.seed_instance(seed * 1009 + hash_locale(locale))
        people.append(make_person(locale, kind, fake, rng, rng.random() >= undated_share))
    return people


def hash_locale(locale: str) -> int:
    """A stable per-locale seed offset (``hash`` is salted per process)."""
    return sum((i + 1) * ord(c) for i, c in enumerate(locale))


# --- planted variants ---------------------------------------------------

_ALPHABET_SCRIPTS = {"latin", "cyrillic", "greek", "armenian", "georgian", "arabic", "hebrew"}
_LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _typo(rng: random.Random, name: str) -> str | None:
    tokens = name.split(" ")
    spots = [i for i, t in enumerate(tokens) if len(t) >= 4]
    if not spots:
        return None
    i = rng.choice(spots)
    token = tokens[i]
    pool = sorted({c.lower() for c in name if c.isalpha()})
    if script_of(name) == "latin":
        pool = sorted(set(pool) | set(_LATIN_LETTERS))
    pos = rng.randrange(1, len(token))  # first letters are rarely mistyped
    edit = rng.choice(("substitute", "delete", "transpose", "insert"))
    upper = token.isupper()
    if edit == "substitute":
        letter = rng.choice([c for c in pool if c != token[pos].lower()] or pool)
        token = token[:pos] + letter + token[pos + 1 :]
    elif edit == "delete":
        token = token[:pos] + token[pos + 1 :]
    elif edit == "transpose" and pos < len(token) - 1:
        token = token[:pos] + token[pos + 1] + token[pos] + token[pos + 2 :]
    else:
        token = token[:pos] + token[pos - 1] + token[pos:]
    tokens[i] = token.upper() if upper else token
    return " ".join(tokens)


def _date_slip(rng: random.Random, iso: str, kind: str) -> str | None:
    year, month, day = (int(x) for x in iso.split("-"))
    candidates: list[tuple[int, int, int]] = []
    if kind == "day_digit":
        for pos in (0, 1):
            for digit in range(10):
                text = f"{day:02d}"
                new = int(text[:pos] + str(digit) + text[pos + 1 :])
                candidates.append((year, month, new))
    elif kind == "month_digit":
        for pos in (0, 1):
            for digit in range(10):
                text = f"{month:02d}"
                new = int(text[:pos] + str(digit) + text[pos + 1 :])
                candidates.append((year, new, day))
    elif kind == "day_month_swap":
        candidates.append((year, day, month))
    elif kind == "year_digit":
        candidates.extend((year - year % 10 + d, month, day) for d in range(10))
    valid = []
    for y, m, d in candidates:
        try:
            value = dt.date(y, m, d).isoformat()
        except ValueError:
            continue
        if value != iso:
            valid.append(value)
    return rng.choice(valid) if valid else None


# Distortions of a planted variant: at most one of the name, one of the date.
NAME_KINDS: tuple[str, ...] = ("typo", "middle", "order", "script", "none")
NAME_WEIGHTS: tuple[float, ...] = (0.22, 0.12, 0.12, 0.22, 0.32)
DATE_KINDS: tuple[str, ...] = (
    "none",
    "day_digit",
    "month_digit",
    "day_month_swap",
    "year_digit",
    "date_dropped",
)
DATE_WEIGHTS: tuple[float, ...] = (0.5, 0.1, 0.1, 0.08, 0.12, 0.1)


def _distort_name(
    rng: random.Random, person: Person, kind: str, fake_for: Callable[[str], Faker]
) -> str | None:
    name = person.name
    script = script_of(name)
    if kind == "typo":
        return _typo(rng, name) if script in _ALPHABET_SCRIPTS else None
    if kind == "middle":
        if script in ("han", "hangul", "kana") or " " not in name:
            return None
        tokens = name.split(" ")
        given = [g for g in person.given if g in tokens]
        if len(given) >= 2:  # drop one given name that is not the first
            tokens.remove(given[-1])
            return " ".join(tokens)
        extra = fake_for(person.locale).first_name()
        if extra in tokens or script_of(extra) != script:
            return None
        where = tokens.index(given[0]) + 1 if given else 1
        tokens.insert(where, extra.upper() if name.isupper() else extra)
        return " ".join(tokens)
    if kind == "order":
        tokens = name.split(" ")
        if len(tokens) < 2:
            return None
        return " ".join(tokens[1:] + tokens[:1])
    if kind == "script":
        own = name_key(name)
        others = [f for f in person.forms if name_key(f) != own]
        if not others:
            return None
        other = rng.choice(others)
        return other.upper() if script_of(other) == "latin" and rng.random() < 0.5 else other
    return name


def plant_variants(register: list[Person], count: int, seed: int) -> list[Variant]:
    """``count`` travellers, each a register person with one or two realistic distortions."""
    rng = random.Random(seed)
    fakes: dict[str, Faker] = {}

    def fake_for(locale: str) -> Faker:
        if locale not in fakes:
            fakes[locale] = Faker(locale)
            fakes[locale].seed_instance(seed + hash_locale(locale))
        return fakes[locale]

    out: list[Variant] = []
    while len(out) < count:
        source = rng.randrange(len(register))
        person = register[source]
        name_kind = rng.choices(NAME_KINDS, NAME_WEIGHTS)[0]
        date_kind = rng.choices(DATE_KINDS, DATE_WEIGHTS)[0]
        if name_kind == "none" and date_kind == "none":
            continue
        name = _distort_name(rng, person, name_kind, fake_for)
        if name is None:
            continue
        birth: str | None = person.birth_date
        if person.birth_date is None:
            # The register lacks the date; the traveller always has one.
            birth = _birth_date(rng)
            date_kind = "register_undated"
        elif date_kind == "date_dropped":
            birth = None
        elif date_kind != "none":
            birth = _date_slip(rng, person.birth_date, date_kind)
            if birth is None:
                continue
        if name == person.name and birth == person.birth_date:
            continue
        kinds = tuple(k for k in (name_kind, date_kind) if k != "none")
        out.append(Variant(replace(person, name=name, birth_date=birth), source, kinds))
    return out
