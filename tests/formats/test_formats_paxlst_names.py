"""Never fewer travellers than the message names: every name segment is read into
a traveller or reported as an error, on the GTAS samples and on hostile variants;
names with control characters are refused, other values cleaned with a warning."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from liaison.formats import read_paxlst

GTAS_APIS = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "pnr" / "gtas" / "apis-messages"
SAMPLES = sorted(p.name for p in GTAS_APIS.iterdir()) if GTAS_APIS.is_dir() else []


def separators(text: str) -> tuple[str, str]:
    """Element separator and terminator, from UNA when there is one."""
    start = text.find("UNA")
    if start != -1 and start < 10:
        return text[start + 4], text[start + 8]
    return "+", "'"


def names_in(data: bytes) -> int:
    """Segments that name a person: NAD but the reporting party's, and PDT (counted
    here independently of the reader, from the raw text)."""
    text = data.decode("latin-1")
    element, terminator = separators(text)
    count = 0
    for raw in text.split(terminator):
        seg = raw.strip()
        tag, _, rest = seg.partition(element)
        tag = tag.strip().upper()
        qualifier = rest.split(element)[0].split(":")[0].strip().upper()
        if tag == "PDT" or (tag == "NAD" and qualifier != "MS"):
            count += 1
    return count


def assert_no_name_lost(data: bytes) -> None:
    result = read_paxlst(data)
    travellers = sum(len(m.travellers) for m in result.messages)
    assert travellers + len(result.errors) >= names_in(data)


@pytest.mark.parametrize("name", SAMPLES)
def test_every_gtas_sample_reads_every_traveller_it_names(name: str) -> None:
    data = (GTAS_APIS / name).read_bytes()
    result = read_paxlst(data)
    travellers = sum(len(m.travellers) for m in result.messages)
    assert travellers == names_in(data)
    assert_no_name_lost(data)


MESSAGE = (
    "UNA:+.? 'UNB+UNOA:4+XX+YY+240101:1200+I1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'NAD+MS+++DESK'"
    "TDT+20+XX100+++XX'LOC+125+CDG'DTM+189:2401011200:201'LOC+87+JFK'DTM+232:2401011500:201'"
    "NAD+FL+++ALPHA:ANN'ATT+2++F'DTM+329:800101'NAT+2+FRA'DOC+P:110:111+A1'DTM+36:300101'LOC+91+FRA'"
    "NAD+FL+++BRAVO:BEN'ATT+2++M'DTM+329:810202'NAT+2+DEU'DOC+P:110:111+B2'DTM+36:300202'LOC+91+DEU'"
    "NAD+FM+++CHARLIE:CAT'ATT+2++F'DTM+329:820303'NAT+2+ITA'DOC+P:110:111+C3'DTM+36:300303'LOC+91+ITA'"
    "CNT+42:3'UNT+31+1'UNZ+1+I1'"
)


def read(text: str) -> tuple[list[str], list[tuple[str | None, str | None, str | None]]]:
    result = read_paxlst(text.encode())
    surnames = [t.surname for m in result.messages for t in m.travellers]
    return surnames, [(e.tag, e.element, e.code) for e in result.errors]


def test_the_clean_message_reads_three_travellers() -> None:
    result = read_paxlst(MESSAGE.encode())
    assert result.errors == ()
    assert result.messages[0].warnings == ()
    assert [t.surname for t in result.messages[0].travellers] == ["ALPHA", "BRAVO", "CHARLIE"]


def test_a_nad_with_an_unknown_qualifier_is_an_error_naming_it() -> None:
    surnames, errors = read(MESSAGE.replace("NAD+FL+++BRAVO", "NAD+ZZ+++BRAVO"))
    assert surnames == ["ALPHA", "CHARLIE"]
    assert errors == [("NAD", "NAD 01", "paxlst-unplaced-name")]
    error = str(read_paxlst(MESSAGE.replace("+FL+++BRAVO", "+ZZ+++BRAVO").encode()).errors[0])
    assert "BRAVO" not in error, "the person is named by position, not by name"
    assert "(person 2)" in error


def test_details_whose_nad_is_missing_are_an_error_not_a_second_birth_date() -> None:
    surnames, errors = read(MESSAGE.replace("NAD+FL+++BRAVO:BEN'", ""))
    assert surnames == ["ALPHA", "CHARLIE"]
    assert errors == [("ATT", "tag", "paxlst-details-without-name")]
    [alpha] = [
        t
        for t in read_paxlst(MESSAGE.replace("NAD+FL+++BRAVO:BEN'", "").encode()).messages[0].travellers
        if t.surname == "ALPHA"
    ]
    assert [d.number for d in alpha.documents] == ["A1"]


def test_details_before_the_first_name_are_an_error() -> None:
    text = MESSAGE.replace("DTM+232:2401011500:201'", "DTM+232:2401011500:201'ATT+2++M'DOC+P+Z9'")
    surnames, errors = read(text)
    assert surnames == ["ALPHA", "BRAVO", "CHARLIE"]
    assert errors == [("ATT", "tag", "paxlst-details-without-name")]


def test_segments_out_of_order_lose_no_traveller() -> None:
    # the leg after the travellers, and a traveller's ATT before its NAD
    legs = "TDT+20+XX100+++XX'LOC+125+CDG'DTM+189:2401011200:201'LOC+87+JFK'DTM+232:2401011500:201'"
    text = MESSAGE.replace(legs, "").replace("CNT+42", legs + "CNT+42")
    text = text.replace("NAD+FM+++CHARLIE:CAT'ATT+2++F'", "ATT+2++F'NAD+FM+++CHARLIE:CAT'")
    result = read_paxlst(text.encode())
    [m] = result.messages
    assert [t.surname for t in m.travellers] == ["ALPHA", "BRAVO", "CHARLIE"]
    assert [(leg.origin, leg.destination) for leg in m.legs] == [("CDG", "JFK")]
    assert [e.code for e in result.errors] == ["paxlst-details-without-name"]


def test_a_message_cut_inside_a_traveller_keeps_the_travellers_before_it() -> None:
    cut = MESSAGE[: MESSAGE.index("DOC+P:110:111+C3")] + "DOC+P:11"
    surnames, errors = read(cut)
    assert surnames == ["ALPHA", "BRAVO"]
    assert len(errors) == 1
    assert_no_name_lost(cut.encode())


def test_a_nad_without_a_name_is_an_error() -> None:
    surnames, errors = read(MESSAGE.replace("NAD+FL+++BRAVO:BEN", "NAD+FL"))
    assert surnames == ["ALPHA", "CHARLIE"]
    assert errors == [("NAD", "NAD 04:1", "paxlst-traveller-without-surname")]


def mutate(segments: list[str], rng: random.Random) -> list[str]:
    out = list(segments)
    for _ in range(rng.randint(1, 4)):
        if not out:
            break
        i = rng.randrange(len(out))
        action = rng.randrange(5)
        if action == 0:
            del out[i]
        elif action == 1 and i + 1 < len(out):
            out[i], out[i + 1] = out[i + 1], out[i]
        elif action == 2 and out[i].startswith("NAD+"):
            out[i] = "NAD+" + rng.choice(["FM", "DDT", "ZZ", "XX", "fl", "", "MS"]) + out[i][6:]
        elif action == 3:
            out.insert(
                i, rng.choice(["ATT+2++M", "DTM+329:700101", "DOC+P+Q1", "NAD+FL+++EXTRA:ONE", "TDT+20+YY1"])
            )
        else:
            out = out[:i]
    return out


@pytest.mark.parametrize("seed", range(4))
def test_hostile_variants_never_lose_a_name_silently(seed: int) -> None:
    rng = random.Random(seed)
    segments = [s for s in MESSAGE.split("'") if s]
    for _ in range(150):
        text = "'".join(mutate(segments, rng)) + "'"
        assert_no_name_lost(text.encode())


def test_a_name_with_a_nul_is_refused_naming_segment_and_element() -> None:
    text = MESSAGE.replace("BRAVO:BEN", "BRA\x00VO:BEN")
    result = read_paxlst(text.encode())
    assert [t.surname for t in result.messages[0].travellers] == ["ALPHA", "CHARLIE"]
    [err] = result.errors
    assert (err.tag, err.element, err.code) == ("NAD", "NAD 04:1", "paxlst-name-control-characters")
    assert err.byte_offset == text.encode().index(b"NAD+FL+++BRA")
    assert not any("control characters removed" in w for w in result.messages[0].warnings)


def test_a_control_character_in_a_given_name_or_a_pdt_name_is_refused() -> None:
    _, errors = read(MESSAGE.replace("BRAVO:BEN", "BRAVO:B\x07EN"))
    assert errors == [("NAD", "NAD 04:2", "paxlst-name-control-characters")]
    pdt = MESSAGE.replace("NAD+FL+++BRAVO:BEN'", "PDT+P:123:DEU:300101+FL+BRAVO:BE\x1fN:810202:M'")
    _, errors = read(pdt)
    assert errors == [("PDT", "PDT 03:2", "paxlst-name-control-characters")]


def test_a_control_character_elsewhere_is_removed_with_a_warning() -> None:
    result = read_paxlst(MESSAGE.replace("+B2'", "+B\x002'").encode())
    assert result.errors == ()
    [m] = result.messages
    assert [d.number for d in m.travellers[1].documents] == ["B2"]
    assert [w for w in m.warnings if "control characters removed" in w] == [
        f"segment DOC #{segment_number(MESSAGE, '+B2')} element 02:1: control characters removed"
    ]


def segment_number(text: str, marker: str) -> int:
    """0-based index of the segment holding ``marker``, UNA not counted."""
    body = text[text.index("UNB") :]
    return body[: body.index(marker)].count("'")


def test_unknown_segments_are_listed_in_a_warning() -> None:
    text = MESSAGE.replace("NAT+2+DEU'", "NAT+2+DEU'XYZ+1'FTX+AAI+++FREE TEXT'")
    result = read_paxlst(text.encode())
    assert result.errors == ()
    assert "segments not read: FTX+AAI (1), XYZ (1)" in result.messages[0].warnings


def test_counting_names_sees_pdt_and_ignores_the_reporting_party() -> None:
    assert names_in(MESSAGE.encode()) == 3
    assert names_in(b"UNH+1+PAXLST'PDT+P:1+FL+A:B'NAD+MS+++X'NAD+XX+++Y'") == 2
