"""What refuses a register entry (or a whole file), each with its catalogue code."""

from __future__ import annotations

from liaison.formats.registers import read_ftm_jsonl, read_screening_csv, read_un_consolidated_xml


def test_a_file_that_cannot_be_read_is_one_error() -> None:
    (xml,) = read_un_consolidated_xml(b"<CONSOLIDATED_LIST><INDIVIDUALS>").errors
    assert xml.code == "register-unreadable-file"
    (csv,) = read_screening_csv(b"name,dob\nx,1\n").errors
    assert (csv.code, csv.element) == ("register-unreadable-file", "header")


def test_entries_that_cannot_be_read_are_refused_by_code_and_the_others_are_read() -> None:
    data = (
        b'{"id": "p-1", "schema": "Person", "properties": {"name": ["Ok Person"]}}\n'
        b"[1, 2]\n"
        b'{"id": "p-2", "schema": "Person", "properties": {"nationality": ["fr"]}}\n'
        b'{"id": "p-3", "schema": "Person", "properties": {"name": ["X"], "birthDate": ["31/12/1970"]}}\n'
    )
    result = read_ftm_jsonl(data)
    assert [p.source_id for p in result.messages] == ["p-1"]
    assert [(e.code, e.tag, e.segment_index) for e in result.errors] == [
        ("register-unreadable-entry", None, 1),
        ("register-no-name", "p-2", 2),
        ("register-date", "p-3", 3),
    ]
