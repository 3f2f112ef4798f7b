"""Candidate recall on mangled names: the index must propose the register
record a mangled spelling scores a match against when scored directly."""

from __future__ import annotations

from collections import Counter

from liaison.matching import DEFAULT_THRESHOLD, Record, score_prepared
from liaison.matching.index import CandidateIndex

from .mangling import faker_names, variants

# The aim is 0.999 (issue 22); the index reaches 0.928 here (main: about 0.7) on this
# generator (bench/matching_index_recall.py prints the misses). The floor
# guards what is reached.
RECALL_FLOOR = 0.92


def ids(index: CandidateIndex, name: str, birth_date: str | None = None) -> set[object]:
    return {record_id for record_id, _ in index.candidates(Record.of(name, birth_date=birth_date))}


def test_recall_on_mangled_register_names_against_direct_scoring() -> None:
    names = faker_names(400, seed=3)
    register = [
        Record.of(name, birth_date=f"19{50 + i % 50}-0{1 + i % 9}-1{i % 10}") for i, name in enumerate(names)
    ]
    prepared = [r.prepared for r in register]
    index = CandidateIndex.build(enumerate(prepared))
    matched = proposed = 0
    missed: Counter[str] = Counter()
    for i, variant in enumerate(variants(names, 2_000, seed=4)):
        dated = register[variant.target].birth_dates[0] if i % 2 else None
        query = Record.of(variant.text, birth_date=dated).prepared
        if score_prepared(query, prepared[variant.target]).score < DEFAULT_THRESHOLD:
            continue
        matched += 1
        if variant.target in {n for n, _ in index.candidates(query)}:
            proposed += 1
        else:
            missed.update(variant.steps)
    assert matched > 1_000
    assert proposed / matched >= RECALL_FLOOR, missed


REGISTER = {
    "feeney": Record.of("Tom Feeney"),
    "davis": Record.of("Arthur Davis"),
    "mocanu": Record.of("Stefania Mocanu"),
    "kozlov": Record.of("Zosima Ivanovich Kozlov"),
    "nagy": Record.of("Erzsebet Nagy"),
    "mccarthy": Record.of("Kevin McCarthy"),
    "stanescu": Record.of("Eufrosina Stanescu"),
}


def test_slips_that_change_every_code_of_a_part_still_find_the_record() -> None:
    index = CandidateIndex.build(REGISTER.items())
    assert "feeney" in ids(index, "oTm Feeney")  # a shifted capital, not an initial
    assert "feeney" in ids(index, "Tomf Eeney")  # a moved space
    assert "davis" in ids(index, "Atrur Davis")  # letters swapped at the head
    assert "mocanu" in ids(index, "Stefaniamocanu")  # glued
    assert "mocanu" in ids(index, "Mocanustefania")
    assert "kozlov" in ids(index, "Z. Kozlov")  # an initial
    assert "nagy" in ids(index, "Erzsebet Nasy")  # a slip in a four-letter part
    assert "mccarthy" in ids(index, "KEVIN MCCARTHY")  # one part on one side, two on the other
    assert "stanescu" in ids(index, "E. Stanescu")  # a dotted letter is an initial
    assert "davis" not in ids(index, "Tom Feeney")


def test_upserted_records_are_found_by_whole_name_keys() -> None:
    index = CandidateIndex.build(REGISTER.items())
    index.upsert("new", Record.of("Samuel Lyons"))
    assert "new" in ids(index, "Samuellyons")
    assert "new" in ids(index, "Samuel Lyonss")


NEAR = {
    "ford": Record.of("Jack Ford"),
    "gallet": Record.of("Pierre Gallet"),
    "newton": Record.of("Heather Newton"),
    "dewit": Record.of("Selena de Wit"),
    "albu": Record.of("Andrei Albu"),
    "sanders": Record.of("Charlotte Sanders"),
    "murcia": Record.of("Domingo Murcia"),
    "feeney": Record.of("Tom Feeney"),
}


def test_a_letter_more_or_less_across_a_length_class_is_proposed() -> None:
    # A part's codes depend on its length: the traveller also looks up the
    # codes of a part one letter longer or shorter.
    index = CandidateIndex.build(NEAR.items())
    assert "ford" in ids(index, "Jack Fod")  # four letters to three
    assert "gallet" in ids(index, "Pierre Galle")  # five to four
    assert "newton" in ids(index, "Heatler Neton")  # six to five, with a slip in the other part


def test_a_glued_or_split_particle_is_proposed_by_the_whole_name_key() -> None:
    index = CandidateIndex.build(NEAR.items())
    assert "dewit" in ids(index, "Selena dewit")
    assert "albu" in ids(index, "Andrei AlBu")  # "Al" read as a particle
    assert "albu" not in ids(index, "Andrei Popescu")


def test_a_slip_in_every_part_is_proposed_when_most_keys_are_shared() -> None:
    index = CandidateIndex.build(NEAR.items())
    assert "sanders" in ids(index, "Chaclotte Sandvers")  # no exact part form left
    assert "sanders" not in ids(index, "Charles Andover")


def test_an_initial_beside_a_split_part_uses_the_register_heads() -> None:
    index = CandidateIndex.build(NEAR.items())
    assert "murcia" in ids(index, "D. MuRcia")
