"""FollowTheMoney as OpenSanctions exports it: former names, citizenship,
numbers with labels, countries as codes or names, documents as entities."""

from __future__ import annotations

import json
from typing import Any

from liaison.formats.registers import read_ftm_jsonl


def _lines(*entities: dict[str, Any]) -> bytes:
    return ("\n".join(json.dumps(e, ensure_ascii=False) for e in entities) + "\n").encode()


PERSON = {
    "id": "NK-abc123",
    "schema": "Person",
    "properties": {
        "name": ["Ivan Petrovich Sidorov"],
        "alias": ["Ivan Sidorov"],
        "previousName": ["Ivan Petrovich Kozlov"],
        "nationality": ["ru"],
        "citizenship": ["Kyrgyzstan", "suhh"],
        "idNumber": ["TIN: 183111242572", "INN 7707083893"],
        "passportNumber": ["Passport No. AB123", "750123456"],
        "gender": ["male"],
        "birthDate": ["1971-05-02"],
    },
}


def test_previous_names_are_aliases() -> None:
    (person,) = read_ftm_jsonl(_lines(PERSON)).messages
    assert person.aliases == ("Ivan Sidorov", "Ivan Petrovich Kozlov")


def test_citizenship_is_read_as_nationality_and_names_through_the_country_mapping() -> None:
    result = read_ftm_jsonl(_lines(PERSON))
    (person,) = result.messages
    assert person.nationalities == ("RUS", "KGZ")
    (left_out,) = result.warnings
    assert (left_out.code, left_out.entry, left_out.field, left_out.value) == (
        "register-country-left-out",
        "NK-abc123",
        "nationality",
        "suhh",
    )


def test_labels_in_id_and_passport_numbers_become_the_type() -> None:
    (person,) = read_ftm_jsonl(_lines(PERSON)).messages
    assert [(d.kind, d.number, d.type) for d in person.documents] == [
        ("passport", "AB123", "Passport"),
        ("passport", "750123456", None),
        ("id", "183111242572", "TIN"),
        ("id", "7707083893", "INN"),
    ]


def test_an_id_number_labelled_passport_is_a_passport() -> None:
    entity = {
        "id": "p-9",
        "schema": "Person",
        "properties": {"name": ["A B"], "idNumber": ["Passport No. X1"]},
    }
    (person,) = read_ftm_jsonl(_lines(entity)).messages
    assert [(d.kind, d.number) for d in person.documents] == [("passport", "X1")]


def test_document_entities_keep_country_and_issue_and_the_lost_ones_are_warned() -> None:
    passport = {
        "id": "pp-1",
        "schema": "Passport",
        "properties": {
            "holder": ["NK-abc123"],
            "number": ["Passport No. 7612345"],
            "country": ["Russian Federation"],
            "startDate": ["2012-04-01"],
            "authority": ["FMS 770-001"],
        },
    }
    orphan = {
        "id": "id-1",
        "schema": "Identification",
        "properties": {"holder": ["NK-gone"], "number": ["9"]},
    }
    no_number = {
        "id": "id-2",
        "schema": "Identification",
        "properties": {"holder": ["NK-abc123"], "country": ["de"]},
    }
    result = read_ftm_jsonl(_lines(PERSON, passport, orphan, no_number))
    (person,) = result.messages
    document = person.documents[-1]
    assert (document.kind, document.number, document.country, document.type) == (
        "passport",
        "7612345",
        "RUS",
        "Passport",
    )
    assert (document.issued, document.place_of_issue) == ("2012-04-01", "FMS 770-001")
    lost = [(w.code, w.entry, w.field, w.value) for w in result.warnings if w.field == "document"]
    assert lost == [
        ("register-document-left-out", "NK-abc123", "document", "de"),
        ("register-document-left-out", "NK-gone", "document", "9"),
    ]


def test_words_after_a_number_are_the_documents_note_not_part_of_the_number() -> None:
    entity = {
        "id": "p-10",
        "schema": "Person",
        "properties": {
            "name": ["A B"],
            "passportNumber": ["Passport 12345 issued in Iraq on 2002"],
            "idNumber": ["CZECH 1234", "ABCD 123456"],
        },
    }
    result = read_ftm_jsonl(_lines(entity))
    (person,) = result.messages
    assert [(d.kind, d.number, d.type, d.note) for d in person.documents] == [
        ("passport", "12345", "Passport", "issued in Iraq on 2002"),
        ("id", "CZECH 1234", None, None),
        ("id", "ABCD 123456", None, None),
    ]
    assert result.warnings == ()
