from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from liaison.matching import Record, score
from liaison.matching.index import CandidateIndex, query_keys
from liaison.matching.names import parse_name

REGISTER = {
    "r1": Record.of("Magomed Magomedzakirovich Abdurakhmanov", birth_date="1976"),
    "r2": Record.of("Abdulhai Salek", birth_date="1965"),
    "r3": Record.of("Kim Jong Un"),
    "r4": Record.of("Mohammed bin Salman"),
    "r5": Record.of("Hannibal"),
    "r6": Record.of("Olaf Scholz"),
}


def ids(index: CandidateIndex, name: str) -> set[object]:
    return {record_id for record_id, _ in index.candidates(Record.of(name))}


def test_candidates_despite_order_typos_and_script() -> None:
    index = CandidateIndex.build(REGISTER.items())
    assert "r1" in ids(index, "ABDURAKHMANOV, Maghomed")
    assert "r1" in ids(index, "Магомед Абдурахманов")
    assert "r2" in ids(index, "SALEK, ABDULHAI")
    assert "r3" in ids(index, "김정은")
    assert "r4" in ids(index, "محمد بن سلمان")
    assert "r4" in ids(index, "Muhammad bin Salman")
    assert "r5" in ids(index, "Hanniball")
    assert "r6" not in ids(index, "Angela Merkel")


def test_index_recall_equals_scoring_the_whole_register() -> None:
    index = CandidateIndex.build(REGISTER.items())
    queries = ["Magomed Abdurakhmanov", "Abdul Hai Salek", "Mohamed bin Salman", "Olaf Scholze"]
    for query in queries:
        full = {rid for rid, rec in REGISTER.items() if score(Record.of(query), rec).is_match}
        assert full <= ids(index, query), query


def test_upsert_and_remove_are_visible_at_once() -> None:
    index = CandidateIndex.build(REGISTER.items())
    index.upsert("r7", Record.of("Angela Merkel"))
    assert "r7" in ids(index, "Angela Merkel")
    index.upsert("r6", Record.of("Friedrich Merz"))  # the register record changed
    assert "r6" not in ids(index, "Olaf Scholz")
    assert "r6" in ids(index, "Friedrich Mertz")
    index.remove("r7")
    assert "r7" not in ids(index, "Angela Merkel")
    assert len(index) == 6
    compacted = index.compact()
    assert len(compacted) == 6
    assert "r6" in ids(compacted, "Friedrich Merz")


SURNAMES = ["Smith", "Brown", "Taylor", "Wilson", "Moore", "Clark", "Lewis", "Walker", "Young", "Allen"]


def test_a_shared_rare_surname_ranks_before_shared_common_given_names() -> None:
    # Each record shares one pair of parts with the traveller: thirty share
    # "John Paul", one shares "Paul Abdurakhmanov".
    register = {f"j{i}": Record.of(f"John Paul {surname}") for i, surname in enumerate(SURNAMES * 3)}
    register["rare"] = Record.of("Peter Paul Abdurakhmanov")
    index = CandidateIndex.build(register.items(), max_candidates=3)
    found = [record_id for record_id, _ in index.candidates(Record.of("John Paul Abdurakhmanov"))]
    assert found[0] == "rare"
    assert len(found) == 3


@given(st.lists(st.integers(0, 2**40), min_size=31, max_size=300), st.integers(1, 30))
def test_the_rarest_are_those_an_argsort_of_the_evidence_ranks_first(evidence: list[int], k: int) -> None:
    # Record numbers come ascending out of the postings' sort; ties keep that order.
    numbers = np.arange(0, 3 * len(evidence), 3, dtype=np.int64)
    weights = np.asarray(evidence, dtype=np.int64)
    index = CandidateIndex(max_candidates=k)  # _lookup ranks only past max_candidates
    expected = numbers[np.argsort(-np.minimum(weights, 2**32 - 1), kind="stable")[:k]]
    assert index._rarest(numbers, weights).tolist() == expected.tolist()


def test_a_long_name_with_more_keys_than_a_posting_can_count_still_finds_its_record() -> None:
    name = "Abdulrahman Fahad Saleh Nasser Khalid Omar Yousef Ibrahim Mansour Tariq Hamza Bilal"
    assert len(query_keys(parse_name(name))) > 255  # the record's own key count is read from its array
    register = {
        "long": Record.of(name),
        "one pair": Record.of("Hamza Bilal"),
        "few of many": Record.of("Abdulrahman Hamza Peter Paul Anders Jensen Lars Nielsen Ole Hansen Berg"),
    }
    index = CandidateIndex.build(register.items())
    assert ids(index, name) == {"long", "one pair"}


def test_a_record_given_twice_in_one_build_is_indexed_as_last_given() -> None:
    index = CandidateIndex.build([("r", Record.of("Olaf Scholz")), ("r", Record.of("Friedrich Merz"))])
    assert len(index) == 1
    assert ids(index, "Olaf Scholz") == set()
    assert ids(index, "Friedrich Merz") == {"r"}


def test_a_namesake_is_ranked_by_any_of_its_birth_dates() -> None:
    """Sanctions lists give several dates for one person: among more namesakes than
    are scored, a record whose second date is the traveller's is still proposed."""
    register: list[tuple[str, Record]] = [
        (f"n{n}", Record.of("Mohammed Ali", birth_date=f"19{n % 40 + 40}-03-0{n % 9 + 1}")) for n in range(60)
    ]
    register.append(("wanted", Record(("Mohammed Ali",), birth_dates=("1901-01-01", "1985-06-07"))))
    index = CandidateIndex.build(register)
    proposed = [
        record_id for record_id, _ in index.candidates(Record.of("Mohammed Ali", birth_date="1985-06-07"))
    ]
    assert len(proposed) <= index.max_candidates
    assert "wanted" in proposed
