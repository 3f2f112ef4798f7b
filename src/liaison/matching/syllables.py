"""Names made of syllables: Chinese pinyin or Wade-Giles, romanised Korean,
Japanese morae, Vietnamese.

In these names each syllable is a unit of meaning chosen from a small
inventory, so two syllables a letter apart are two different names (Zhou /
Zou, Jin / Jun, Sato / Saito), not a spelling slip; only the established
romanisation variants of one syllable are the same (Lü / Lv / Lyu, Korean
Revised / McCune-Reischauer / popular spellings, Hepburn long vowels). A
Latin name is read as syllabic only when every part is made of syllables of
one inventory and one part is a common surname of that language, so
Western names made of the same letters (Dana, Ken) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from liaison.matching.korean import korean_syllable_count, same_reading
from liaison.matching.names import Name, TokenKind
from liaison.matching.text import Script, wade_giles_spelling


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Pinyin syllables without tones (ü written u or v), by initial.
_PINYIN = """
a ai an ang ao e ei en eng er o ou
ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
fa fan fang fei fen feng fo fou fu
da dai dan dang dao de dei den deng di dian diao die ding diu dong dou du duan dui dun duo
ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve nue
la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve lue
ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo
cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo
sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo
ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo
ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo
sa sai san sang sao se sen seng si song sou su suan sui sun suo
ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun
wa wai wan wang wei wen weng wo wu
lyu nyu
"""
PINYIN_SYLLABLES = frozenset(_PINYIN.split())


# The same syllables as Taiwanese documents write them in Wade-Giles,
# without apostrophes (Chia-Hao, Hsiu-Ying, Ch'iu as chiu): a name in either
# system is read as Chinese syllables.
# ``wade_giles_spelling`` keeps üe as ue, which Wade-Giles writes üeh
# (Yueh, Hsueh, Chueh).
_WG = frozenset(map(wade_giles_spelling, PINYIN_SYLLABLES))
# The y- and w- syllables Wade-Giles writes as pinyin does (Ying, Wei) are
# kept whatever the mapping makes of them.
WADE_GILES_SYLLABLES = (
    _WG | {s + "h" for s in _WG if s.endswith("ue")} | {s for s in PINYIN_SYLLABLES if s[0] in "yw"}
)

# The commonest Chinese surnames in pinyin (a name counts as Chinese only
# with one of them).
_CHINESE_SURNAMES = _words(
    """
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie
    song tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai jia ding wei xue ye yan
    lu du su cheng shen lv lyu ren yao fu zhong cui tan qiu qin shi gu hou shao meng long wan duan lei
    qian yin yi chang qiao lai gong wen pang fan lan tao hong kong bai mao hao niu xing an ou ouyang
    sima zhuge situ shangguan mu zou xiong jin wei guan geng ji ning bao gan zhan miao bi ling
    """
)
_CHINESE_SURNAMES = _CHINESE_SURNAMES | frozenset(map(wade_giles_spelling, _CHINESE_SURNAMES))

# Korean syllables as romanised (Revised, McCune-Reischauer without
# diacritics, and the popular spellings passports use).
_KO_INITIAL = r"(?:kk|tt|pp|ss|jj|ch|sh|g|k|n|d|t|r|l|m|b|p|s|j|h)?"
_KO_VOWEL = r"(?:yae|yeo|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|oi|yoo|a|e|o|u|i)"
_KO_FINAL = r"(?:ng|k|n|t|l|m|p|g|b|d)?"
_KO_SYLLABLE = _KO_INITIAL + _KO_VOWEL + _KO_FINAL
_KOREAN_SURNAMES = _words(
    """
    kim gim lee yi rhee i ri park pak bak choi choe jung jeong chung kang gang cho jo yoon yun jang lim
    im han oh o seo suh shin sin kwon gwon hwang ahn an song yoo yu ryu hong jeon chun ko go moon mun
    yang son bae baek paek heo hur nam shim sim noh no roh ha kwak gwak sung seong cha joo ju woo u min
    na jin ji um eom chae won bang gong kong hyun hyeon ham yeo yeom byun byeon choo chu do seok seol
    sul gil kil yeon pyo myung myeong ki gi ban ra wang geum ok yook yuk maeng je tak
    """
)

# Japanese morae in Hepburn and Kunrei spellings, with n, gemination and
# the h of a long o (Ohno).
_JA_MORA = (
    r"(?:(?:ky|gy|sh|ch|ts|ny|hy|by|py|my|ry|jy|sy|ty|zy|dy|[kgsztdnhbpmrfwyj])?[aeiou]"
    r"|n(?![aeiouy])|h(?![aeiouy])|([kstpc])(?=\1))"
)
_JAPANESE_SURNAMES = _words(
    """
    sato satou suzuki takahashi tanaka watanabe ito itou yamamoto nakamura kobayashi kato katou yoshida
    yamada sasaki yamaguchi saito saitou matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda
    hashimoto yamashita ishikawa nakajima maeda fujita ogawa goto gotou okada hasegawa murakami kondo
    kondou ishii sakamoto endo endou aoki fujii nishimura fukuda ota oota ohta miura fujiwara okamoto
    matsuda nakagawa nakano harada ono ohno oono tamura takeuchi kaneko wada nakayama ishida ueda
    morita hara shibata sakai kudo kudou yokoyama miyazaki miyamoto uchida takagi ando andou
    taniguchi maruyama imai takada fujimoto takeda murata ueno sugiyama masuda sugawara hirano otsuka
    chiba kubo matsui iwasaki sakurai kinoshita noguchi matsuo kikuchi nomura arai yoshikawa
    yamauchi nishida kojima mizuno koike kato
    """
)

_PINYIN_WORD = re.compile(
    "(?:" + "|".join(sorted(PINYIN_SYLLABLES, key=len, reverse=True)) + "){1,4}",
)

# Vietnamese: every part of a name is one syllable (Nguyễn Văn Anh), written
# with diacritics the matcher folds away: an initial, a vowel nucleus of one
# to three letters and one of the few finals.
_VI_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)
_VIETNAMESE_SURNAMES = _words(
    """
    nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh trinh truong doan
    luong lam mai cao ha ta quach lu thai lai chau tang vuong kieu
    """
)
# Surnames that are also common words or names elsewhere (Le, Do, Ho, Ha,
# Mai, Lam, Ly, Cao, Ta...): a name with one of them counts as Vietnamese
# only with another sign, a diacritic only Vietnamese writes or a part only
# Vietnamese names have.
_VIETNAMESE_SIGNS = _words(
    """
    nguyen tran pham hoang huynh phan dang bui ngo duong dinh trinh truong doan luong quach vuong
    thi van duc huu xuan quang thanh ngoc minh anh tuan dung hung phuong huong thuy trang nhung
    """
)
# Vietnamese parts the parser takes for particles elsewhere (Van).
_VIETNAMESE_PARTICLES = frozenset({"van"})
# Letters Vietnamese writes and European languages do not (horn, đ, hook
# above, dot below on vowels, tilde on i/u/y and on the circumflexed vowels).
_VIETNAMESE_LETTERS = frozenset("ơờớởỡợưừứửữựđĐƠƯảẩẳẻểỉỏổởủửỷạậặẹệịọộợụựỵĩũỹẫẵễỗ")
_KOREAN_WORD = re.compile(f"(?:{_KO_SYLLABLE}){{1,3}}")
_JAPANESE_WORD = re.compile(f"(?:{_JA_MORA}){{1,8}}")


_WADE_GILES_RUN = re.compile(
    "(?:" + "|".join(sorted(WADE_GILES_SYLLABLES, key=len, reverse=True)) + "){2,3}",
)
# Letters only Wade-Giles writes (Hsiu, Tsung, Tzu, Chih, Chieh, Yueh): a
# joined run is read as Wade-Giles only with one of them, since runs of its
# plainer syllables spell Western names too (Jan-sen, Jensen).
_WADE_GILES_MARK = re.compile(r"hs|ts|tz|ch|ih|eh")


@lru_cache(maxsize=200_000)
def is_pinyin(text: str) -> bool:
    """``text`` is one to four pinyin syllables (Jinping, Dandan), or one to
    three Wade-Giles syllables (Hsiu, Chiahao: a hyphenated given name
    rejoined) with a mark of Wade-Giles."""
    if text in _CHINESE_SURNAMES or text in WADE_GILES_SYLLABLES or _PINYIN_WORD.fullmatch(text):
        return True
    return _WADE_GILES_MARK.search(text) is not None and _WADE_GILES_RUN.fullmatch(text) is not None


@lru_cache(maxsize=200_000)
def is_vietnamese(text: str) -> bool:
    """``text`` is one Vietnamese syllable with its diacritics folded away."""
    return _VI_SYLLABLE.fullmatch(text) is not None


def _vietnamese(name: Name, parts: list[str]) -> bool:
    """Every part one Vietnamese syllable, a Vietnamese surname first or
    last, and a sign that it is Vietnamese rather than, say, Tom Le or
    Linh Ho in an English list (see ``_VIETNAMESE_SIGNS``)."""
    if not (parts[0] in _VIETNAMESE_SURNAMES or parts[-1] in _VIETNAMESE_SURNAMES):
        return False
    if not all(map(is_vietnamese, parts)):
        return False
    return any(p in _VIETNAMESE_SIGNS for p in parts) or any(
        c in _VIETNAMESE_LETTERS for c in name.original.lower()
    )


@lru_cache(maxsize=200_000)
def is_korean(text: str) -> bool:
    return text in _KOREAN_SURNAMES or _KOREAN_WORD.fullmatch(text) is not None


@lru_cache(maxsize=200_000)
def is_japanese(text: str) -> bool:
    return _JAPANESE_WORD.fullmatch(text) is not None


_SCRIPT_LANGUAGE = {Script.HAN: "zh", Script.HANGUL: "ko", Script.KANA: "ja"}
_TESTS = (
    ("zh", is_pinyin, _CHINESE_SURNAMES),
    ("ko", is_korean, _KOREAN_SURNAMES),
    ("ja", is_japanese, _JAPANESE_SURNAMES),
)


@lru_cache(maxsize=65_536)
def name_language(name: Name) -> str | None:
    """``zh``, ``ko``, ``ja`` or ``vi`` when the name is made of that
    language's syllables (written in its script, or romanised with a common
    surname of it first or last), else None. Vietnamese diacritics decide
    before the other inventories (Lâm Anh is not Korean)."""
    if name.script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[name.script]
    parts = [t.text for t in name.tokens if t.kind == TokenKind.NAME]
    if len(parts) != len(name.tokens) and all(
        t.kind == TokenKind.NAME or t.text in _VIETNAMESE_PARTICLES for t in name.tokens
    ):
        # Văn written without its breve is read as the Dutch particle.
        every = [t.text for t in name.tokens]
        if len(every) >= 2 and _vietnamese(name, every):
            return "vi"
    vowels = [t.text for t in name.tokens if t.kind == TokenKind.INITIAL and t.text in KOREAN_VOWEL_SYLLABLES]
    if len(parts) < 2 or len(parts) != len(name.tokens):
        # A one-letter Korean syllable reads as an initial (I Minjae, JIN-U KIM).
        if vowels and len(parts) + len(vowels) == len(name.tokens) and len(parts) >= 1:
            texts = [t.text for t in name.tokens]
            if (texts[0] in _KOREAN_SURNAMES or texts[-1] in _KOREAN_SURNAMES) and all(map(is_korean, parts)):
                return "ko"
        return None
    accented = any(c in _VIETNAMESE_LETTERS for c in name.original.lower())
    if accented and _vietnamese(name, parts):
        return "vi"
    for language, test, surnames in _TESTS:
        if (parts[0] in surnames or parts[-1] in surnames) and all(test(p) for p in parts):
            return language
    return "vi" if _vietnamese(name, parts) else None


@lru_cache(maxsize=65_536)
def in_wade_giles(name: Name) -> bool:
    """A Chinese name with a part only Wade-Giles writes (Hsu, Chia-hao):
    its other parts may be Wade-Giles too (Chuan for juan)."""
    return name_language(name) == "zh" and any(
        t.kind == TokenKind.NAME and t.text.isascii() and _PINYIN_WORD.fullmatch(t.text) is None
        for t in name.tokens
    )


# Korean syllables of one letter (이 I, 오 O, 우 U, 아 A, 에 E): the parser
# takes them for initials.
KOREAN_VOWEL_SYLLABLES = frozenset("aeiou")


_KO_CONSONANTS = str.maketrans({"g": "k", "d": "t", "b": "p", "r": "l", "j": "c"})


@lru_cache(maxsize=100_000)
def _fold_zh(text: str) -> str:
    """Lü written lu, lv or lyu; nü likewise."""
    return re.sub(r"(?<=[ln])(?:yu|v)", "u", text)


@lru_cache(maxsize=100_000)
def _fold_ko(text: str) -> str:
    """One spelling for the Korean romanisations of a syllable run: Revised
    / McCune-Reischauer consonants (g/k, d/t, b/p, j/ch, r/l), and the vowels
    popular spellings mix (ㅓ eo/o/u: Jeong/Jung; ㅜ u/oo; ㅣ i/ee; ㅐ ae/e)."""
    text = text.replace("ng", "N").replace("ch", "c").replace("sh", "s")
    text = text.replace("ee", "i").replace("oo", "u").replace("oi", "oe")
    text = re.sub(r"eo|eu|o", "u", text).replace("ae", "e")
    text = re.sub(r"(.)\1", r"\1", text).translate(_KO_CONSONANTS)
    return text.replace("N", "ng")


_JA_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"si", "shi"),
        (r"ti", "chi"),
        (r"tu", "tsu"),
        (r"hu", "fu"),
        (r"[zd]i", "ji"),
        (r"du", "zu"),
        (r"sy(?=[aou])", "sh"),
        (r"ty(?=[aou])", "ch"),
        (r"(?:zy|jy|dy)(?=[aou])", "j"),
        (r"m(?=[bpm])", "n"),
        (r"nn", "n"),
        (r"o[ouh](?![aeiou])", "o"),
        (r"uu", "u"),
        (r"aa", "a"),
        (r"ii", "i"),
        (r"ee", "e"),
    )
)


@lru_cache(maxsize=100_000)
def _fold_ja(text: str) -> str:
    """Hepburn and Kunrei spellings of the same morae, long vowels written
    or not (Ōno / Ohno / Ono, Satou / Sato, shi / si)."""
    for pattern, replacement in _JA_FOLDS:
        text = pattern.sub(replacement, text)
    return text


@lru_cache(maxsize=100_000)
def _fold_vi(text: str) -> str:
    """A final y written i (Ly / Li, Thuy / Thui); the diacritics are
    already folded, so Anh / Ánh are one spelling."""
    return re.sub(r"y$", "i", text)


_FOLDS = {
    "zh": (_fold_zh, is_pinyin),
    "ko": (_fold_ko, is_korean),
    "ja": (_fold_ja, is_japanese),
    "vi": (_fold_vi, is_vietnamese),
}


_KO_ONSET = re.compile(r"^[b-df-hj-np-tv-z]+")


def _wade_giles_of(a: str, b: str, wade_giles: bool) -> bool:
    """One part in pinyin, the other the same syllables in Wade-Giles (Xu /
    Hsu, Meijuan / Meichuan). Two parts that both read as pinyin stay apart
    even when Wade-Giles would write them alike (Zhang / Chang, Jin / Qin),
    unless a name of the pair is in Wade-Giles (``wade_giles``), where
    Chuan is 娟 as well as 穿."""
    pa, pb = _PINYIN_WORD.fullmatch(a) is not None, _PINYIN_WORD.fullmatch(b) is not None
    if pa and pb and wade_giles:
        return wade_giles_spelling(a) == wade_giles_spelling(b)
    if pa == pb:
        return False
    pinyin, other = (a, b) if pa else (b, a)
    return _UEH.sub("ue", wade_giles_spelling(pinyin)) == _UEH.sub("ue", other)


_UEH = re.compile(r"ueh")  # üe, written ueh in Wade-Giles (Hsueh) and ue by the mapping


def _vietnamese_slip(a: str, b: str) -> bool:
    """A letter doubled or the last letter dropped (Châu / Chââu, Dương /
    Dươn): a typing slip that happens to read as another syllable, left to
    the spelling rules. A letter changed or dropped inside (Hương / Hưng,
    Hồng / Hoàng) is another name."""
    short, long_ = sorted((a, b), key=len)
    if len(long_) != len(short) + 1:
        return False
    if long_[:-1] == short:
        return True
    return any(long_[k] == long_[k + 1] and long_[:k] + long_[k + 1 :] == short for k in range(len(short)))


@lru_cache(maxsize=200_000)
def same_syllables(a: str, b: str, languages: frozenset[str]) -> bool | None:
    """Whether two parts are the same syllables in one of ``languages``
    (up to that language's romanisation variants), or None when neither
    language reads both parts as syllables or cannot tell.

    Korean names romanised from North Korean lists differ in the first
    consonant far more than any scheme explains (Myong / Pyong, Yong / Jong,
    Hyung / Myung are labelled one person), so a Korean pair differing only
    there is left to the spelling rules; a different vowel or final
    (Jin / Jun, Min / Myeong) is another name."""
    read = False
    unsure = False
    for language in sorted(languages & _FOLDS.keys()):
        fold, test = _FOLDS[language]
        if not (test(a) and test(b)):
            continue
        read = True
        fa, fb = fold(a), fold(b)
        if language == "ko":
            # One Hangul syllable accepting both spellings at each place
            # (Jeong / Jung, Lee / Yi, Park / Bak); folded alike without one
            # (Su / Seo: 수 is never Seo, 서 never Su) is two names when both
            # read as the same number of syllables.
            shared = same_reading(a, b)
            if shared:
                return True
            if shared is False and fa == fb and korean_syllable_count(a) == korean_syllable_count(b):
                continue  # (a doubled or dropped letter, Jong-uun, stays a slip)
        if fa == fb or (language == "zh" and _wade_giles_of(fa, fb, "wg" in languages)):
            return True
        if language == "vi" and _vietnamese_slip(fa, fb):
            unsure = True
            continue
        if language == "ko" and _KO_ONSET.sub("", fa) == _KO_ONSET.sub("", fb):
            unsure = True
    if unsure or not read:
        return None
    return False


# Kana that only lengthen a sound or double a consonant: writing them or not
# is a spelling choice (サトウ / サト, ホンダ / ホンッダ), not another name.
KANA_LENGTH_MARKS = frozenset("ーウうッっオお")


# Languages whose names are written one syllable of a small inventory a
# part, or a given name of two or three of them (Chinese, Korean,
# Vietnamese): their parts are syllables, not names, as in their own script.
SYLLABLE_LANGUAGES = frozenset({"zh", "ko", "vi"})

# Of those, the languages whose names keep every syllable: a Chinese or
# Korean given name is not written with a syllable left out (Yao Dandan /
# Yao Dan are two names), while a Vietnamese middle name is often dropped
# abroad (Nguyễn Văn Anh / Nguyen Anh).
WHOLE_NAME_LANGUAGES = frozenset({"zh", "ko", "ja"})


@lru_cache(maxsize=200_000)
def pinyin_syllable_count(text: str) -> int:
    """How many pinyin syllables ``text`` reads as (fewest, up to four),
    else Wade-Giles syllables when :func:`is_pinyin` reads it so, or 0."""
    pinyin = _count(text, PINYIN_SYLLABLES)
    if pinyin or not is_pinyin(text):
        return pinyin
    return _count(text, WADE_GILES_SYLLABLES)


def _count(text: str, syllables: frozenset[str]) -> int:
    best: dict[int, int] = {0: 0}
    for start in range(len(text)):
        if start not in best:
            continue
        for end in range(start + 1, min(len(text), start + 6) + 1):
            if text[start:end] in syllables:
                count = best[start] + 1
                if count <= 4 and count < best.get(end, 5):
                    best[end] = count
    return best.get(len(text), 0) if text else 0


def syllable_count(text: str, languages: Iterable[str]) -> int:
    """How many syllables a romanised part of a Chinese, Korean or Vietnamese name reads
    as in one of ``languages`` (the fewest), or 0 when it reads as none."""
    counts = []
    if "zh" in languages:
        counts.append(pinyin_syllable_count(text))
    if "ko" in languages:
        counts.append(korean_syllable_count(text))
    if "vi" in languages and is_vietnamese(text):
        counts.append(1)
    return min((c for c in counts if c), default=0)


def syllable_languages(a: Name, b: Name) -> tuple[str, ...]:
    """The languages of :data:`SYLLABLE_LANGUAGES` either name is read in
    (written in Han or Hangul, or romanised with a common surname)."""
    found = {name_language(a), name_language(b)} & SYLLABLE_LANGUAGES
    return tuple(sorted(x for x in found if x is not None))
