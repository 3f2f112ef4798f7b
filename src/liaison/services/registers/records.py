"""Register records as the owner enters them and as an authorised reader sees them.

Input models validate what people type (country codes, partial dates, card
numbers); views are what leaves the service, already stripped of anything the
reader may not see. Card numbers are reduced to a keyed hash, BIN and last four
before they touch the database.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from liaison.domain.codes import (
    DocumentStatus,
    Gender,
    HandlingCode,
    InformationAccuracy,
    PersonCategory,
    RecordStatus,
    RegisterKind,
    SourceReliability,
)
from liaison.domain.countries import country_code
from liaison.domain.dates import PartialDate
from liaison.domain.errors import InvalidInput
from liaison.store import schema

H1_MARKING = "H1: not to be used in judicial proceedings without the provider's permission"
H2_MARKING = "H2: not to be passed on without the provider's permission"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _country(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    try:
        return country_code(value)
    except InvalidInput as exc:
        raise ValueError(exc.message) from None


def _partial_date(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    try:
        return PartialDate.parse(value).isoformat()
    except InvalidInput as exc:
        raise ValueError(exc.message) from None


class CodesInput(_Strict):
    handling_code: HandlingCode = HandlingCode.H0
    handling_restriction: str | None = Field(default=None, max_length=2000)
    source_reliability: SourceReliability = SourceReliability.X
    information_accuracy: InformationAccuracy = InformationAccuracy.CANNOT_BE_JUDGED
    valid_from: date | None = None
    valid_until: date | None = None

    @model_validator(mode="after")
    def _h3_says_what(self) -> CodesInput:
        if self.handling_code is HandlingCode.H3 and not self.handling_restriction:
            raise ValueError("handling_restriction: H3 needs the restriction in words")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("valid_until: must not be before valid_from")
        return self


class NameInput(_Strict):
    full_name: str = Field(min_length=1, max_length=400)
    given_names: str | None = Field(default=None, max_length=300)
    surname: str | None = Field(default=None, max_length=300)
    script: str = Field(default="Latn", pattern=r"^[A-Z][a-z]{3}$", description="ISO 15924 code")
    is_primary: bool = False


class PersonDocumentInput(_Strict):
    document_type: str = Field(default="P", min_length=1, max_length=8)
    number: str = Field(min_length=1, max_length=40)
    issuing_country: str | None = None

    _check_country = field_validator("issuing_country")(_country)


class PersonInput(_Strict):
    kind: Literal["persons"] = "persons"
    category: PersonCategory
    names: list[NameInput] = Field(min_length=1, max_length=50)
    birth_dates: list[str] = Field(
        default_factory=list, max_length=10, description="each YYYY, YYYY-MM or YYYY-MM-DD"
    )
    gender: Gender = Gender.UNKNOWN
    place_of_birth: str | None = Field(default=None, max_length=200)
    nationalities: list[str] = Field(default_factory=list, max_length=10)
    documents: list[PersonDocumentInput] = Field(default_factory=list, max_length=20)
    remarks: str = Field(default="", max_length=4000)

    @field_validator("birth_dates")
    @classmethod
    def _check_birth_dates(cls, values: list[str]) -> list[str]:
        return list(dict.fromkeys(date for value in values if (date := _partial_date(value))))

    @field_validator("nationalities")
    @classmethod
    def _check_nationalities(cls, values: list[str]) -> list[str]:
        return list(dict.fromkeys(code for value in values if (code := _country(value))))


class DocumentInput(_Strict):
    kind: Literal["documents"] = "documents"
    number: str = Field(min_length=1, max_length=40)
    document_type: str = Field(default="P", min_length=1, max_length=8)
    issuing_country: str
    document_status: DocumentStatus
    reported_on: date | None = None

    @field_validator("issuing_country")
    @classmethod
    def _required_country(cls, value: str) -> str:
        country = _country(value)
        if country is None:  # blank: a stolen document's country is what the register is keyed on
            raise ValueError("issuing_country: required, an ISO 3166 country code")
        return country


class CardInput(_Strict):
    """The clear number is accepted only to compute its fingerprint; it is never stored."""

    kind: Literal["cards"] = "cards"
    number: str = Field(min_length=12, max_length=23, description="the card number (PAN)")
    scheme: str | None = Field(default=None, max_length=20)
    reported_on: date | None = None


Details = Annotated[PersonInput | DocumentInput | CardInput, Field(discriminator="kind")]


class RecordInput(_Strict):
    reference: str = Field(min_length=1, max_length=64, description="the owner's own reference")
    codes: CodesInput = Field(default_factory=CodesInput)
    shared_with: list[str] = Field(default_factory=list, description="agency codes")
    details: Details


class RecordUpdate(_Strict):
    """Changes to a record; fields left out stay as they are."""

    codes: CodesInput | None = None
    shared_with: list[str] | None = None
    details: Details | None = None


# --- views --------------------------------------------------------------------


class CodesView(BaseModel):
    handling_code: HandlingCode
    handling_restriction: str | None
    handling_marking: str | None = Field(description="the caveat every copy must carry")
    source_reliability: SourceReliability
    information_accuracy: InformationAccuracy
    valid_from: date
    valid_until: date | None


class RecordView(BaseModel):
    id: int
    register_id: int
    owner: str
    kind: RegisterKind
    reference: str
    status: RecordStatus
    codes: CodesView
    shared_with: list[str] | None = Field(description="only the owner sees the sharing list")
    released: bool = Field(description="true when the reader holds it by the owner's release")
    details: dict[str, Any]


def marking(handling: HandlingCode, restriction: str | None) -> str | None:
    if handling is HandlingCode.H1:
        return H1_MARKING
    if handling is HandlingCode.H2:
        return H2_MARKING
    if handling is HandlingCode.H3:
        return f"H3: {restriction}"
    return None


def codes_view(record: schema.Record) -> CodesView:
    return CodesView(
        handling_code=record.handling_code,
        handling_restriction=record.handling_restriction,
        handling_marking=marking(record.handling_code, record.handling_restriction),
        source_reliability=record.source_reliability,
        information_accuracy=record.information_accuracy,
        valid_from=record.valid_from,
        valid_until=record.valid_until,
    )


def details_view(record: schema.Record) -> dict[str, Any]:
    if record.person is not None:
        person = record.person
        return {
            "kind": "persons",
            "category": person.category.value,
            "names": [
                {
                    "full_name": n.full_name,
                    "given_names": n.given_names,
                    "surname": n.surname,
                    "script": n.script,
                    "is_primary": n.is_primary,
                }
                for n in person.names
            ],
            "birth_dates": [b.value for b in person.birth_dates],
            "gender": person.gender.value,
            "place_of_birth": person.place_of_birth,
            "nationalities": [n.country for n in person.nationalities],
            "documents": [
                {"document_type": d.document_type, "number": d.number, "issuing_country": d.issuing_country}
                for d in person.documents
            ],
            "remarks": person.remarks,
        }
    if record.document is not None:
        document = record.document
        return {
            "kind": "documents",
            "number": document.number,
            "document_type": document.document_type,
            "issuing_country": document.issuing_country,
            "document_status": document.document_status.value,
            "reported_on": document.reported_on.isoformat() if document.reported_on else None,
        }
    if record.card is not None:
        card = record.card
        return {
            "kind": "cards",
            "masked_number": f"{card.bin}{'X' * 6}{card.last_four}",
            "bin": card.bin,
            "last_four": card.last_four,
            "scheme": card.scheme,
            "reported_on": card.reported_on.isoformat() if card.reported_on else None,
        }
    raise InvalidInput(f"record {record.id} has no details")
