"""Small closed word lists that give name tokens their role.

These are grammar, not name data: honorifics that are not part of a name,
particles that link name parts (``bin``, ``al-``, ``van``), legal forms of
organisations and the number words used in organisation names. Name
*variants* (nicknames, transliterations) come from packages and from the
phonetic keys in :mod:`liaison.matching.text`, not from here.
"""

from __future__ import annotations

# Honorifics and titles written before or inside a person's name; dropped.
TITLES: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "president",
        "praesident",
        "prasident",
        "monsieur",
        "madame",
        "mme",
        "mlle",
        "herr",
        "frau",
        "senor",
        "senora",
        "sr",
        "sra",
        "shaikh",
        "sheikh",
        "sheik",
        "shaykh",
        "haji",
        "hajji",
        "hadji",
        "alhaji",
        "alhaj",
        "mullah",
        "mulla",
        "maulana",
        "maulvi",
        "mawlawi",
        "mawlana",
        "sri",
        "shri",
        "smt",
        "gen",
        "general",
        "col",
        "colonel",
        "capt",
        "captain",
        "maj",
        "major",
        "lt",
    ]
)

# Particles: kept, but they carry little identity. Each maps to a canonical form
# so that ``bin``/``ibn``/``ben`` and ``al``/``el``/``ul`` compare equal.
PARTICLES: dict[str, str] = {
    **dict.fromkeys(("al", "el", "ul", "ar", "as", "ad", "ash", "an", "az"), "al"),
    **dict.fromkeys(("bin", "ibn", "ben", "bn", "bint", "binti", "ould"), "bin"),
    **dict.fromkeys(("abu", "abou", "abo"), "abu"),
    **dict.fromkeys(("ur", "ud", "ud-din", "uddin"), "ud"),
    **dict.fromkeys(("van", "von", "vom", "vander"), "van"),
    **dict.fromkeys(("de", "der", "den", "des", "da", "das", "do", "dos", "du", "di"), "de"),
    **dict.fromkeys(("del", "della", "dela", "la", "le", "los", "las", "y", "e"), "la"),
    "mac": "mac",
    "bat": "bat",
}

# Organisation words that are not the name proper: stop words and generic nouns.
ORG_STOPWORDS: frozenset[str] = frozenset(
    ["the", "of", "and", "for", "in", "at", "on", "a", "an", "und", "et"]
)
ORG_GENERIC: frozenset[str] = frozenset(
    [
        "company",
        "group",
        "holding",
        "holdings",
        "international",
        "intl",
        "global",
        "trust",
        "fund",
        "funds",
        "partners",
        "capital",
        "solutions",
        "systems",
        "industries",
        "industry",
        "enterprises",
        "enterprise",
        "services",
        "technologies",
        "technology",
        "management",
        "investment",
        "investments",
        "association",
        "organization",
        "organisation",
        "foundation",
        "ventures",
        "trading",
    ]
)

# Legal forms, as token sequences, mapped to a comparable class. Classes in the
# same family are compatible (``AG`` and ``JSC`` are both joint-stock companies).
_LEGAL_FORMS: dict[str, str] = {
    "ag": "jsc",
    "aktiengesellschaft": "jsc",
    "jsc": "jsc",
    "ojsc": "jsc",
    "cjsc": "jsc",
    "pjsc": "jsc",
    "oao": "jsc",
    "zao": "jsc",
    "pao": "jsc",
    "ao": "jsc",
    "joint stock company": "jsc",
    "open joint stock company": "jsc",
    "closed joint stock company": "jsc",
    "public joint stock company": "jsc",
    "aktsionernoe obshchestvo": "jsc",
    "otkrytoe aktsionernoe obshchestvo": "jsc",
    "llc": "llc",
    "l l c": "llc",
    "limited liability company": "llc",
    "gmbh": "llc",
    "gesellschaft mit beschrankter haftung": "llc",
    "ooo": "llc",
    "obshchestvo s ogranichennoi otvetstvennostiu": "llc",
    "obshchestvo s ogranichennoy otvetstvennostyu": "llc",
    "srl": "llc",
    "s r l": "llc",
    "societatea cu raspundere limitata": "llc",
    "sarl": "llc",
    "sp z oo": "llc",
    "spzoo": "llc",
    "bv": "llc",
    "sl": "llc",
    "ltd": "ltd",
    "limited": "ltd",
    "co ltd": "ltd",
    "pte ltd": "ltd",
    "pty ltd": "ltd",
    "pte": "ltd",
    "pty": "ltd",
    "plc": "plc",
    "public limited company": "plc",
    "inc": "inc",
    "incorporated": "inc",
    "corp": "corp",
    "corporation": "corp",
    "co": "co",
    "company": "co",
    "sa": "sa",
    "sa de cv": "sa",
    "sociedad anonima": "sa",
    "societe anonyme": "sa",
    "nv": "sa",
    "se": "sa",
    "ab": "sa",
    "as": "sa",
    "a s": "sa",
    "lp": "lp",
    "l p": "lp",
    "limited partnership": "lp",
    "llp": "lp",
    "kg": "lp",
    "na": "na",
    "ano": "ano",
    "pt": "pt",
    "sas": "sa",
}
LEGAL_FORMS: dict[tuple[str, ...], str] = {tuple(phrase.split()): cls for phrase, cls in _LEGAL_FORMS.items()}
LEGAL_FORM_MAX_LEN = max(len(phrase) for phrase in LEGAL_FORMS)
# Classes that describe the same kind of company in different jurisdictions.
LEGAL_FAMILY: dict[str, str] = {
    "jsc": "stock",
    "sa": "stock",
    "plc": "stock",
    "inc": "corp",
    "corp": "corp",
    "co": "corp",
    "llc": "limited",
    "ltd": "limited",
    "lp": "partnership",
    "na": "bank",
    "ano": "nonprofit",
    "pt": "limited",
}

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_UNITS += " fifteen sixteen seventeen eighteen nineteen"
NUMBER_WORDS: dict[str, int] = {word: n for n, word in enumerate(_UNITS.split())}
NUMBER_WORDS.update(
    {
        word: 10 * n
        for n, word in enumerate(
            ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2
        )
    }
)
NUMBER_WORDS["fourty"] = 40
ORDINAL_WORDS: dict[str, int] = {
    word: n
    for n, word in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"],
        start=1,
    )
}

# Abbreviations written out, so that ``Int'l`` and ``International`` align.
ABBREVIATIONS: dict[str, str] = {
    "intl": "international",
    "natl": "national",
    "bros": "brothers",
    "mfg": "manufacturing",
    "dept": "department",
    "govt": "government",
    "assn": "association",
    "univ": "university",
    "mt": "mount",
    "st": "saint",
}

ROMAN_NUMERALS: dict[str, int] = {
    numeral: n
    for n, numeral in enumerate(
        [
            "i",
            "ii",
            "iii",
            "iv",
            "v",
            "vi",
            "vii",
            "viii",
            "ix",
            "x",
            "xi",
            "xii",
            "xiii",
            "xiv",
            "xv",
            "xvi",
            "xvii",
            "xviii",
            "xix",
            "xx",
        ],
        start=1,
    )
}


# Name-forming suffixes, as phonetic keys (see liaison.matching.text): the
# theophoric -ullah and -uddin of Arabic, Persian and Urdu names, Nordic
# -son/-sen/-dottir, Georgian -shvili/-dze, Slavic patronymic endings,
# Persian -zadeh/-pour. Two parts that share one are compared on their
# stems, so Hamidullah and Waliullah are not "70 % alike". Longest first.
NAME_SUFFIX_KEYS: tuple[str, ...] = (
    "shvili",
    "dotir",
    "ovich",
    "evich",
    "edine",
    "aldin",
    "udin",
    "edin",
    "adin",
    "ovna",
    "evna",
    "zade",
    "ulah",
    "ula",
    "ola",
    "son",
    "sen",
    "dze",
    "pur",
)

# World regions and country names in the forms organisations use in their
# names, beside pycountry's English names (see names.place_words).
REGION_WORDS: frozenset[str] = frozenset(
    [
        "europe",
        "european",
        "asia",
        "asian",
        "africa",
        "african",
        "america",
        "americas",
        "american",
        "pacific",
        "nordic",
        "scandinavia",
        "emea",
        "apac",
        "schweiz",
        "suisse",
        "deutschland",
        "espana",
        "italia",
        "polska",
        "uk",
        "usa",
    ]
)
