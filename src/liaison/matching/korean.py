"""Korean names: Hangul syllables and the Latin spellings they accept.

A Hangul block is one syllable, and a Korean name is a few syllables chosen
from a small inventory, so a Latin part written for a Hangul syllable is
either one of that syllable's accepted spellings or another syllable (송 is
Song, never Sung; 장 is Jang or Chang, never Kang). The accepted spellings
come from the syllable's jamo, decomposed arithmetically from the Unicode
block (U+AC00 + (initial * 21 + medial) * 28 + final): Revised Romanisation,
McCune-Reischauer without diacritics or aspiration marks, the North Korean
spellings (Ri, Ryu, Jong), the popular vowel spellings passports use
(Jeong/Jung, Yeong/Young, Su/Soo, Hui/Hee) and a table of customary surname
spellings no rule gives (Park, Rhee, Choi, Paik, Whang…). Pure: no I/O.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_BASE = 0xAC00
_LAST = 0xD7A3


def _row(text: str) -> tuple[str, ...]:
    """A row of jamo spellings, ``-`` for none (the silent ㅇ)."""
    return tuple(x.replace("-", "") for x in text.split())


# Jamo in Unicode order, as Revised Romanisation writes them.
_RR_INITIALS = _row("g kk n d tt r m b pp s ss - j jj ch k t p h")
_RR_MEDIALS = _row("a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i")
_RR_FINALS = _row("- k k k n n n t l k m l l l p l m p p t t ng t t k t p t")
# McCune-Reischauer without breves or apostrophes: plain stops unvoiced at
# a word start, ŏ written o and ŭ written u.
_MR_INITIALS = _row("k kk n t tt r m p pp s ss - ch tch ch k t p h")
_MR_MEDIALS = _row("a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i")

# Other spellings of each initial: voiced or unvoiced plain stops (RR and
# MR inside a word, the North Korean scheme), doubled letters for tense
# consonants, aspirates with an h.
_INITIAL_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("g", "k"),
    ("kk", "gg", "k", "g"),
    ("n",),
    ("d", "t"),
    ("tt", "dd", "t", "d"),
    ("r", "l"),
    ("m",),
    ("b", "p"),
    ("pp", "bb", "p", "b"),
    ("s",),
    ("ss", "s"),
    ("",),
    ("j", "ch"),
    ("jj", "tch", "j", "ch"),
    ("ch",),
    ("k", "kh"),
    ("t", "th"),
    ("p", "ph"),
    ("h",),
)
_I, _WI = 20, 16  # ㅣ, ㅟ
_Y_MEDIALS = frozenset({2, 3, 6, 7, 12, 17})  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ
_EO, _YEO = 4, 6
_U = 13
_S, _SILENT, _RIEUL, _NIEUN, _HIEUT = 9, 11, 5, 2, 18
# Vowels as written in passports; ㅓ/ㅕ as u/yu only before a final
# (Jung, Sung, Hyun, Chul; an open 서 is Seo, So or Suh, not Su).
_MEDIAL_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("a", "ah"),
    ("ae", "e", "ai"),
    ("ya", "yah"),
    ("yae", "ye"),
    ("eo", "o", "uh"),
    ("e", "eh"),
    ("yeo", "yo", "yuh"),
    ("ye", "yeh"),
    ("o", "oh"),
    ("wa", "wah"),
    ("wae", "we", "wai"),
    ("oe", "oi", "we", "oy"),
    ("yo", "yoh"),
    ("u", "oo"),
    ("wo", "weo"),
    ("we",),
    ("wi", "wee"),
    ("yu", "yoo", "you"),
    ("eu", "u"),
    ("ui", "eui", "i", "ee", "uy"),
    ("i",),
)
_CLOSED_EXTRA = {_EO: ("u", "ou"), _YEO: ("yu", "you")}
_OPEN_EXTRA = {_I: ("ee",)}
# Finals other than the seven that end syllables in speech are written
# as their letters (anyascii's spelling) or as RR's t.
_FINAL_VARIANTS = {1: ("k", "g", "ck"), 4: ("n",), 8: ("l", "r"), 16: ("m",), 17: ("p", "b"), 21: ("ng",)}

# Customary spellings of surnames (and a few given-name syllables) that no
# rule above gives: written from general knowledge of Korean passports.
_CUSTOMARY: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"),
    "이": ("lee", "yi", "yee", "rhee", "rhie", "ri", "li", "ree", "i"),
    "리": ("ri", "li", "lee", "rhee", "yi"),
    "박": ("park", "pak", "bak", "bahk"),
    "최": ("choi", "choe", "chwe", "choy"),
    "정": ("jung", "jeong", "chung", "cheong", "chong", "joung", "jong"),
    "강": ("kang", "gang", "kahng"),
    "조": ("cho", "jo", "joe", "choh"),
    "윤": ("yoon", "yun", "youn"),
    "장": ("jang", "chang", "jahng"),
    "임": ("lim", "im", "rim", "yim", "leem"),
    "림": ("lim", "rim", "im"),
    "한": ("han", "hahn"),
    "오": ("oh", "o"),
    "서": ("seo", "suh", "so"),
    "신": ("shin", "sin", "shinn", "synn"),
    "권": ("kwon", "gwon", "kwun"),
    "황": ("hwang", "whang"),
    "안": ("ahn", "an"),
    "송": ("song",),
    "유": ("yoo", "yu", "you"),
    "류": ("ryu", "ryoo", "yoo", "yu", "lyu", "rhyu", "you"),
    "홍": ("hong",),
    "전": ("jeon", "chun", "jun", "chon", "cheon", "jon"),
    "고": ("ko", "go", "koh"),
    "문": ("moon", "mun"),
    "양": ("yang", "ryang"),
    "손": ("son", "sohn"),
    "배": ("bae", "pae", "bai"),
    "백": ("baek", "paik", "paek", "baik", "back"),
    "허": ("heo", "huh", "hur", "her", "ho"),
    "노": ("noh", "no", "roh", "rho", "ro"),
    "로": ("ro", "roh", "rho", "no", "noh"),
    "남": ("nam",),
    "심": ("shim", "sim"),
    "우": ("woo", "u", "wu"),
    "구": ("koo", "gu", "ku", "goo"),
    "민": ("min",),
    "나": ("na", "ra", "rah"),
    "라": ("ra", "na", "rah"),
    "진": ("jin", "chin"),
    "곽": ("kwak", "gwak"),
    "성": ("sung", "seong", "song"),
    "차": ("cha",),
    "주": ("joo", "ju", "chu", "choo"),
    "엄": ("um", "eom", "uhm", "ohm"),
    "채": ("chae", "chai"),
    "원": ("won", "weon"),
    "방": ("bang", "pang"),
    "공": ("kong", "gong"),
    "현": ("hyun", "hyeon", "hyon"),
    "함": ("ham", "hahm"),
    "변": ("byun", "byeon", "pyon", "byon", "pyun"),
    "염": ("yeom", "yum", "youm", "yom"),
    "여": ("yeo", "yuh", "yo"),
    "추": ("choo", "chu"),
    "도": ("do", "doh", "to"),
    "석": ("seok", "suk", "sok"),
    "설": ("seol", "sul", "sol"),
    "길": ("gil", "kil"),
    "연": ("yeon", "yun", "youn", "yon"),
    "표": ("pyo",),
    "명": ("myung", "myeong", "myong"),
    "기": ("ki", "gi", "kee"),
    "반": ("ban", "pan"),
    "왕": ("wang",),
    "금": ("geum", "keum", "kum"),
    "옥": ("ok", "ock"),
    "육": ("yook", "yuk", "ryuk"),
    "맹": ("maeng",),
    "탁": ("tak", "tahk"),
    "용": ("yong", "ryong"),
    "경": ("kyung", "gyeong", "kyeong", "kyong"),
    "국": ("kook", "guk", "kuk"),
    "지": ("ji", "chi", "jee"),
    "희": ("hee", "hui", "hi", "heui"),
}

_SURNAME_TIER = 0.95  # RR, MR, the letters as written, customary spellings
_VARIANT_TIER = 0.9  # the other spellings the rules give


def is_hangul_syllable(char: str) -> bool:
    return len(char) == 1 and _BASE <= ord(char) <= _LAST


def decompose(syllable: str) -> tuple[int, int, int]:
    """Initial, medial and final jamo indices of one Hangul syllable (the
    final is 0 for an open syllable)."""
    if not is_hangul_syllable(syllable):
        raise ValueError(f"not a Hangul syllable: {syllable!r}")
    offset = ord(syllable) - _BASE
    return offset // 588, (offset % 588) // 28, offset % 28


def revised(syllable: str) -> str:
    """Revised Romanisation of one syllable standing alone."""
    i, m, f = decompose(syllable)
    return _RR_INITIALS[i] + _RR_MEDIALS[m] + _RR_FINALS[f]


def mccune_reischauer(syllable: str) -> str:
    """McCune-Reischauer at a word start, without diacritics (ŏ o, ŭ u, no
    aspiration apostrophe); ㅅ before i is shi."""
    i, m, f = decompose(syllable)
    initial = "sh" if i == _S and m in (_I, _WI) else _MR_INITIALS[i]
    return initial + _MR_MEDIALS[m] + _RR_FINALS[f]


def _letters(syllable: str) -> str:
    """The syllable's letters one by one, as anyascii writes them (박 bag,
    옥 og): the spelling Liaison's own transliteration gives a Hangul part."""
    return anyascii(syllable).lower()


def _initials(i: int, m: int) -> tuple[str, ...]:
    out = list(_INITIAL_VARIANTS[i])
    if i == _S and (m in (_I, _WI) or m in _Y_MEDIALS):
        out.append("sh")
    if i == _SILENT:
        if m == _I:
            out += ["y", "r", "rh", "l"]  # 이: Yi, Ri, Rhee, Lee
        elif m in _Y_MEDIALS:
            out += ["r", "l"]  # 유, 양: Ryu, Lyu, Ryang (North Korean forms)
        elif m == _U:
            out.append("w")  # 우: Woo
    if i == _RIEUL:
        out += [""] if m == _I or m in _Y_MEDIALS else ["n"]  # 리 as I, 로 as No
    if i == _NIEUN:
        out += ["r", "rh"]  # 노 written Roh, 나 Ra: the r the South drops
    return tuple(out)


def _medials(m: int, closed: bool) -> tuple[str, ...]:
    extra = _CLOSED_EXTRA.get(m, ()) if closed else _OPEN_EXTRA.get(m, ())
    return _MEDIAL_VARIANTS[m] + extra


@lru_cache(maxsize=16_384)
def _graded(syllable: str) -> dict[str, float]:
    """Every accepted spelling of a syllable and how sure it is."""
    i, m, f = decompose(syllable)
    finals = _FINAL_VARIANTS.get(f, (_RR_FINALS[f], _letters(syllable)[-1:] if f else ""))
    found: dict[str, float] = {}
    for initial in _initials(i, m):
        for medial in _medials(m, f != 0):
            for final in finals:
                found[initial + medial + final] = _VARIANT_TIER
                if i == _HIEUT and medial.startswith("w"):
                    found["wh" + medial[1:] + final] = _VARIANT_TIER  # 황 Whang
    for spelling in (revised(syllable), mccune_reischauer(syllable), _letters(syllable)):
        found[spelling] = _SURNAME_TIER
    for spelling in _CUSTOMARY.get(syllable, ()):
        found[spelling] = _SURNAME_TIER
    found.pop("", None)
    return found


def romanisations(syllable: str) -> frozenset[str]:
    """The Latin spellings accepted for one Hangul syllable (lower case)."""
    return frozenset(_graded(syllable))


def spelling_similarity(syllable: str, latin: str) -> float:
    """1.0 when ``latin`` is the syllable in Revised Romanisation or letter
    by letter, 0.95 in McCune-Reischauer or a customary spelling, 0.9 in
    another accepted spelling, 0.0 when it is not a spelling of it."""
    latin = latin.lower()
    if latin in (revised(syllable), _letters(syllable)):
        return 1.0
    return _graded(syllable).get(latin, 0.0)


@lru_cache(maxsize=1)
def _syllables_by_letters() -> dict[str, str]:
    """anyascii's spelling of each syllable back to the syllable (the
    spelling is unique per syllable)."""
    return {_letters(chr(cp)): chr(cp) for cp in range(_BASE, _LAST + 1)}


def syllable_of(text: str) -> str | None:
    """The Hangul syllable a romanised Hangul part stands for (a part parsed
    from Hangul carries anyascii's spelling: 박 → bag), or None."""
    if len(text) == 1 and is_hangul_syllable(text):
        return text
    return _syllables_by_letters().get(text.lower())


# Syllables whose spellings the Latin-side tests know: every initial and
# medial with no final or one of the seven that end names' syllables.
_NAME_FINALS = (0, 1, 4, 8, 16, 17, 21)


@lru_cache(maxsize=1)
def _syllables_by_spelling() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for i in range(19):
        for m in range(21):
            for f in _NAME_FINALS:
                syllable = chr(_BASE + (i * 21 + m) * 28 + f)
                for spelling in _graded(syllable):
                    index.setdefault(spelling, set()).add(syllable)
    return {spelling: frozenset(found) for spelling, found in index.items()}


_LONGEST = 7  # the longest spelling worth trying (kkwaeng, chweong…)
_NOT_LETTERS = re.compile(r"[^a-z]")


def _clean(latin: str) -> str:
    return _NOT_LETTERS.sub("", latin.lower())


@lru_cache(maxsize=65_536)
def korean_syllable_count(latin: str) -> int:
    """How many Korean syllables a Latin word reads as (fewest, up to three),
    or 0 when it does not read as romanised Korean (Michael, Stewart)."""
    text = _clean(latin)
    index = _syllables_by_spelling()
    best: dict[int, int] = {0: 0}
    for start in range(len(text)):
        if start not in best:
            continue
        for end in range(start + 1, min(len(text), start + _LONGEST) + 1):
            if text[start:end] in index:
                count = best[start] + 1
                if count <= 3 and count < best.get(end, 4):
                    best[end] = count
    return best.get(len(text), 0) if text else 0


def _matches(syllables: tuple[str, ...], text: str) -> float:
    """The least sure grade over the best way to write ``syllables`` as
    ``text`` (letters only), or 0.0."""
    # Memoised in a plain dict: a functools.cache closure made per call cost
    # more than the walk itself.
    memo: dict[tuple[int, int], float] = {}

    def grade(k: int, start: int) -> float:
        known = memo.get((k, start))
        if known is not None:
            return known
        if k == len(syllables):
            best = 1.0 if start == len(text) else 0.0
        else:
            best = 0.0
            for end in range(start + 1, min(len(text), start + _LONGEST) + 1):
                here = spelling_similarity(syllables[k], text[start:end])
                if here > best:
                    best = max(best, min(here, grade(k + 1, end)))
        memo[k, start] = best
        return best

    return grade(0, 0)


@lru_cache(maxsize=65_536)
def word_similarity(hangul_text: str, latin_text: str) -> float:
    """How surely a Latin name (joined, hyphenated or spaced: Minjae,
    Min-jae, Min Jae) is the Hangul syllables of ``hangul_text`` written in
    one accepted spelling each; 0.0 when it is not."""
    syllables = tuple(c for c in hangul_text if is_hangul_syllable(c))
    text = _clean(latin_text)
    if not syllables or not text:
        return 0.0
    return _matches(syllables, text)


def hangul_word_matches(hangul_text: str, latin_text: str) -> bool:
    """Whether the Latin name writes the Hangul syllables (민재 / Min-jae)."""
    return word_similarity(hangul_text, latin_text) > 0.0


@lru_cache(maxsize=65_536)
def same_reading(a: str, b: str) -> bool | None:
    """Whether two romanised Korean parts may write the same syllables (one
    Hangul syllable accepting both spellings at each place: Jeong / Jung,
    Lee / Yi, Park / Bak), or None when either does not read as Korean."""
    ta, tb = _clean(a), _clean(b)
    if not korean_syllable_count(ta) or not korean_syllable_count(tb):
        return None
    index = _syllables_by_spelling()
    memo: dict[tuple[int, int], bool] = {}  # see _matches

    def walk(i: int, j: int) -> bool:
        known = memo.get((i, j))
        if known is not None:
            return known
        found = False
        if i == len(ta) or j == len(tb):
            found = i == len(ta) and j == len(tb)
        else:
            for ei in range(i + 1, min(len(ta), i + _LONGEST) + 1):
                left = index.get(ta[i:ei])
                if not left:
                    continue
                for ej in range(j + 1, min(len(tb), j + _LONGEST) + 1):
                    right = index.get(tb[j:ej])
                    if right and not left.isdisjoint(right) and walk(ei, ej):
                        found = True
                        break
                if found:
                    break
        memo[i, j] = found
        return found

    return walk(0, 0)


# Surnames of two syllables (남궁, 제갈…).
_COMPOUND_SURNAMES = frozenset({"남궁", "제갈", "선우", "황보", "독고", "사공", "서문"})
# Syllables of the table that are given-name syllables, not surnames.
_NOT_SURNAMES = frozenset({"희", "리"})
_HANGUL_WORD = re.compile("[\uac00-\ud7a3]+")


@lru_cache(maxsize=65_536)
def is_korean_name(text: str) -> bool:
    """Whether a name written in Hangul reads as a Korean name: a surname
    (a common one-syllable surname or a compound one) and a given name, two
    to five syllables in all, written as one word or surname apart; a
    foreign name in Hangul (미첼 존슨, 사토 쥰) has words of its own."""
    words = _HANGUL_WORD.findall(text)
    size = sum(map(len, words))
    if not words or not 2 <= size <= 5 or len(words) > 2:
        return False
    surnames = {k for k in _CUSTOMARY if k not in _NOT_SURNAMES}

    def surname(word: str) -> bool:
        return word in surnames or word in _COMPOUND_SURNAMES

    if len(words) == 1:
        word = words[0]
        return size <= 4 and (word[0] in surnames or word[:2] in _COMPOUND_SURNAMES)
    return surname(words[0]) or surname(words[-1])


def index_spellings(token_text: str) -> tuple[str, ...]:
    """The few spellings worth indexing a Hangul part under (its Revised
    and McCune-Reischauer forms and the customary surname spellings), so a
    Latin name finds it; empty for a part that is not one Hangul syllable.
    ``token_text`` is the syllable or the part's romanised text."""
    syllable = syllable_of(token_text)
    if syllable is None:
        return ()
    spellings = (revised(syllable), mccune_reischauer(syllable), *_CUSTOMARY.get(syllable, ()))
    return tuple(dict.fromkeys(spellings))
