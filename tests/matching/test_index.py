from __future__ import annotations

from liaison.matching import Record, score
from liaison.matching.index import CandidateIndex

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
