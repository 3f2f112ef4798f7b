"""Names for the demo world, in the scripts and spellings real lists hold.

Latin, Cyrillic, Greek, Chinese and Korean names come from Faker's locales and
are romanised with anyascii, as a passport office or airline system would print
them. Arabic names are not romanisable from script alone (short vowels are not
written), so a small list of common names gives each its usual romanisations.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from typing import Any

from anyascii import anyascii
from faker import Faker

from liaison.domain.codes import Gender

# (Arabic script, romanisations seen on passports and lists), common given names.
ARABIC_GIVEN_MALE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("محمد", ("Mohammed", "Muhammad", "Mohamed", "Mohamad")),
    ("أحمد", ("Ahmed", "Ahmad")),
    ("علي", ("Ali", "Aly")),
    ("عمر", ("Omar", "Umar")),
    ("يوسف", ("Youssef", "Yusuf", "Youssouf")),
    ("إبراهيم", ("Ibrahim", "Ebrahim", "Brahim")),
    ("خالد", ("Khaled", "Khalid")),
    ("عبد الرحمن", ("Abdulrahman", "Abdul Rahman", "Abderrahmane")),
    ("عبد الله", ("Abdullah", "Abdallah", "Abdellah")),
    ("حسن", ("Hassan", "Hasan")),
    ("حسين", ("Hussein", "Hussain", "Houcine")),
    ("مصطفى", ("Mustafa", "Moustafa", "Mostafa")),
    ("كريم", ("Karim", "Kareem")),
    ("سعيد", ("Said", "Saeed")),
    ("طارق", ("Tarek", "Tariq")),
    ("ياسين", ("Yassine", "Yasin")),
    ("بلال", ("Bilal", "Belal")),
    ("حمزة", ("Hamza", "Hamzah")),
    ("إسماعيل", ("Ismail", "Smail")),
)
ARABIC_GIVEN_FEMALE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("فاطمة", ("Fatima", "Fatma", "Fatimah")),
    ("عائشة", ("Aisha", "Aicha", "Ayesha")),
    ("مريم", ("Maryam", "Meriem", "Mariam")),
    ("خديجة", ("Khadija", "Khadidja")),
    ("زينب", ("Zainab", "Zeinab", "Zineb")),
    ("نور", ("Nour", "Noor", "Nur")),
    ("ليلى", ("Leila", "Layla", "Laila")),
)
ARABIC_SURNAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("المنصوري", ("Al-Mansouri", "El Mansouri", "Almansoori")),
    ("بن علي", ("Ben Ali", "Bin Ali")),
    ("العلوي", ("Alaoui", "El Alaoui", "Al-Alawi")),
    ("الإدريسي", ("El Idrissi", "Idrissi", "Al-Idrisi")),
    ("الحداد", ("Haddad", "Al-Haddad", "El Haddad")),
    ("العمري", ("Al-Omari", "El Omari", "Alomari")),
    ("التميمي", ("Al-Tamimi", "Tamimi", "Altamimi")),
    ("القحطاني", ("Al-Qahtani", "Alqahtani", "Al Kahtani")),
    ("بن سالم", ("Ben Salem", "Bin Salim", "Bensalem")),
    ("الخطيب", ("Al-Khatib", "El Khatib", "Khatib")),
    ("السعدي", ("Al-Saadi", "Saadi", "Essaadi")),
    ("الفاسي", ("El Fassi", "Al-Fasi", "Fassi")),
    ("المصري", ("Al-Masri", "El Masry", "Elmasri")),
    ("النجار", ("Al-Najjar", "Najjar", "Nadjar")),
    ("الحلبي", ("Al-Halabi", "Halabi")),
    ("العبيدي", ("Al-Obaidi", "Obeidi", "Al Ubaydi")),
    ("الرفاعي", ("Al-Rifai", "Refai", "Rifaii")),
    ("الدوري", ("Al-Douri", "Douri", "Al-Duri")),
)

# Faker locale per nationality (ISO 3166-1 alpha-2); None: the Arabic list above.
LOCALE_BY_COUNTRY: dict[str, str | None] = {
    "FR": "fr_FR", "NL": "nl_NL", "BE": "fr_BE", "DE": "de_DE", "IT": "it_IT", "ES": "es_ES",
    "GB": "en_GB", "TR": "tr_TR", "PT": "pt_PT", "AT": "de_AT", "PL": "pl_PL", "SE": "sv_SE",
    "GR": "el_GR", "RO": "ro_RO", "US": "en_US", "CH": "de_CH", "RU": "ru_RU", "UA": "uk_UA",
    "CN": "zh_CN", "KR": "ko_KR", "MA": None, "TN": None, "DZ": None, "IQ": None, "SY": None,
    "AE": None, "EG": None, "JO": None,
}  # fmt: skip

SCRIPT_BY_LOCALE = {"ru_RU": "Cyrl", "uk_UA": "Cyrl", "el_GR": "Grek", "zh_CN": "Hani", "ko_KR": "Hang"}


@dataclass(frozen=True)
class PersonName:
    """A name as written in its own script, with its usual Latin renderings."""

    surname: str
    given_names: str
    script: str
    latin_surnames: tuple[str, ...]
    latin_given: tuple[str, ...]
    patronymic: str = ""

    @property
    def full_name(self) -> str:
        if self.script in ("Hani", "Hang"):
            return f"{self.surname}{self.given_names}"
        parts = [self.given_names, self.patronymic, self.surname]
        return " ".join(part for part in parts if part)


class NameSource:
    """Deterministic names per nationality; one Faker per locale, all seeded."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self._rng = rng
        self._seed = seed
        self._fakers: dict[str, Any] = {}

    def _faker(self, locale: str) -> Any:
        if locale not in self._fakers:
            faker = Faker(locale)
            faker.seed_instance(self._seed + sum(map(ord, locale)))
            self._fakers[locale] = faker
        return self._fakers[locale]

    def person(self, country: str, gender: Gender) -> PersonName:
        locale = LOCALE_BY_COUNTRY.get(country, "en_US")
        if locale is None:
            return self._arabic(gender)
        faker = self._faker(locale)
        male = gender is Gender.MALE
        surname = faker.last_name_male() if male else faker.last_name_female()
        given = faker.first_name_male() if male else faker.first_name_female()
        script = SCRIPT_BY_LOCALE.get(locale, "Latn")
        patronymic = ""
        if locale == "ru_RU" and hasattr(faker, "middle_name_male"):
            patronymic = faker.middle_name_male() if male else faker.middle_name_female()
        if script == "Latn":
            return PersonName(surname, given, script, (surname,), (given,))
        return PersonName(
            surname,
            given,
            script,
            tuple(_romanisations(surname)),
            tuple(_romanisations(given)),
            patronymic,
        )

    def _arabic(self, gender: Gender) -> PersonName:
        pool = ARABIC_GIVEN_MALE if gender is Gender.MALE else ARABIC_GIVEN_FEMALE
        given_script, given_latin = self._rng.choice(pool)
        surname_script, surname_latin = self._rng.choice(ARABIC_SURNAMES)
        return PersonName(surname_script, given_script, "Arab", surname_latin, given_latin)


def _romanisations(text: str) -> list[str]:
    """A general romanisation, then the passport-office variant where it differs.

    Passports (ICAO 9303) write Cyrillic я, ю as IA, IU and й as I, where the
    general scheme gives ya, yu, y: both forms appear in bookings and lists.
    """
    general = anyascii(text).replace("'", "").strip()
    general = general[:1].upper() + general[1:].lower() if general else general
    variants = [general]
    passport = general.replace("ya", "ia").replace("yu", "iu").replace("iy", "ii").replace("yy", "y")
    if passport != general:
        variants.append(passport)
    return variants


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


ICAO_GERMANIC = {"Ä": "AE", "Ö": "OE", "Ü": "UE", "ß": "SS", "Å": "AA", "Ø": "OE", "Æ": "AE"}


def machine_readable(text: str) -> str:
    """A name as a passport's machine-readable zone or a reservation system spells it."""
    upper = text.upper()
    for letter, replacement in ICAO_GERMANIC.items():
        upper = upper.replace(letter, replacement)
    latin = anyascii(strip_diacritics(upper)).upper()
    return " ".join("".join(ch if ch.isalpha() else " " for ch in latin).split())
