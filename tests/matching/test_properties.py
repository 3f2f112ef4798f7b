"""Properties every score must have, whatever the names."""

from __future__ import annotations

from datetime import date

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from liaison.matching import Document, Outcome, Record, score
from liaison.matching.bound import name_score_bound
from liaison.matching.compare import name_score
from liaison.matching.evidence import (
    DATE_EXACT,
    LooseDate,
    attribute_adjustment,
    birth_date_ceiling,
    compare_birth_dates,
    compare_documents,
    compare_gender,
    compare_nationality,
    compare_place,
    parse_loose_date,
)
from liaison.matching.names import parse_name
from liaison.matching.score import quick_score, score_prepared

PARTS = [
    "Magomed",
    "Abdurakhmanov",
    "Mohammed",
    "bin",
    "Salman",
    "al-Rawi",
    "Olaf",
    "Scholz",
    "Анна",
    "Иванова",
    "محمد",
    "حسن",
    "习近平",
    "김",
    "정은",
    "Κώστας",
    "J.",
    "van",
    "der",
    "Berg",
    "O'Neil",
    "Nguyễn",
    "Văn",
    "Ahmad",
    "Xi",
    "Jinping",
    "Smith",
    "Jean-Claude",
]

names = st.lists(st.sampled_from(PARTS), min_size=1, max_size=5).map(" ".join)
dates = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.integers(1900, 2020).map(str),
)


@settings(max_examples=150, deadline=None)
@given(names, names)
def test_score_is_symmetric(a: str, b: str) -> None:
    ab = score(Record.of(a), Record.of(b)).score
    ba = score(Record.of(b), Record.of(a)).score
    assert abs(ab - ba) < 1e-9
    assert 0.0 <= ab <= 1.0


@settings(max_examples=150, deadline=None)
@given(names, dates)
def test_a_name_always_matches_itself(name: str, birth: str | None) -> None:
    record = Record.of(name, birth_date=birth)
    assert score(record, record).is_match


@settings(max_examples=150, deadline=None)
@given(names, names, dates, dates)
def test_contradicting_evidence_never_raises_the_score(
    a: str, b: str, birth_a: str | None, birth_b: str | None
) -> None:
    plain = score(Record.of(a), Record.of(b)).score
    with_dates = score(Record.of(a, birth_date=birth_a), Record.of(b, birth_date=birth_b))
    date_item = next(e for e in with_dates.explanation.evidence if e.attribute == "birth_date")
    if date_item.adjustment <= 0:
        assert with_dates.score <= plain + 1e-9
    gender = score(Record.of(a, gender="M"), Record.of(b, gender="F")).score
    assert gender <= plain + 1e-9
    nationality = score(Record.of(a, nationality="fr"), Record.of(b, nationality="jp")).score
    assert nationality <= plain + 1e-9
    docs = score(
        Record.of(a, documents=(Document("P1234567"),)),
        Record.of(b, documents=(Document("X7654321"),)),
    ).score
    assert docs <= plain + 1e-9


@settings(max_examples=300, deadline=None)
@given(names, names)
def test_the_name_bound_is_never_below_the_name_score(a: str, b: str) -> None:
    left, right = parse_name(a), parse_name(b)
    assert name_score_bound(left, right) >= name_score(left, right)[0] - 1e-9


@settings(max_examples=150, deadline=None)
@given(names, names, dates, dates, st.sampled_from([0.5, 0.6, 0.7, 0.8]))
def test_screening_with_a_threshold_keeps_every_pair_that_reaches_it(
    a: str, b: str, date_a: str | None, date_b: str | None, threshold: float
) -> None:
    left = Record.of(a, birth_date=date_a, gender="M", nationality="RU").prepared
    right = Record.of(b, birth_date=date_b, gender="M", nationality="RU").prepared
    full = score_prepared(left, right).score
    quick = quick_score(left, right, threshold)
    if full >= threshold:
        assert quick == full
    else:
        assert quick < threshold


@given(st.dates(), st.dates(), st.integers(0, 4), st.floats(0, 1))
def test_no_birth_date_adds_more_than_an_exact_date(a: date, b: date, parts: int, common: float) -> None:
    # quick_score relies on this ceiling when it sets candidates aside.
    pair = (parse_loose_date(a.isoformat()),), (parse_loose_date(b.isoformat()),)
    assert compare_birth_dates(*pair, parts, common).adjustment <= DATE_EXACT  # type: ignore[arg-type]


genders = st.sampled_from([None, "M", "F"])
countries = st.frozensets(st.sampled_from(["ru", "ua", "fr", "sy"]), max_size=2)
places = st.frozensets(st.sampled_from(["grozny", "aleppo", "lyon"]), max_size=2)
documents = st.lists(
    st.builds(
        Document,
        st.sampled_from(["AB123", "A8I23", "XY999", ""]),
        country=st.sampled_from([None, "RU", "FR"]),
    ),
    max_size=2,
).map(tuple)


@given(genders, genders, countries, countries, places, places, documents, documents)
def test_screening_adds_the_attributes_as_the_explanation_does(
    gender_a: str | None,
    gender_b: str | None,
    codes_a: frozenset[str],
    codes_b: frozenset[str],
    places_a: frozenset[str],
    places_b: frozenset[str],
    documents_a: tuple[Document, ...],
    documents_b: tuple[Document, ...],
) -> None:
    items = (
        compare_gender(gender_a, gender_b),
        compare_nationality(codes_a, codes_b),
        compare_place(places_a, places_b, None, None),
        compare_documents(documents_a, documents_b),
    )
    quick = attribute_adjustment(
        (gender_a, gender_b), (codes_a, codes_b), (places_a, places_b), (documents_a, documents_b)
    )
    assert quick == sum(item.adjustment for item in items)


loose_dates = st.lists(
    st.one_of(
        st.dates(date(1940, 1, 1), date(2005, 12, 31)).map(date.isoformat),
        st.integers(1940, 2005).map(str),
        st.tuples(st.integers(1940, 2005), st.integers(1, 12)).map(lambda ym: f"{ym[0]}-{ym[1]:02d}"),
    ),
    min_size=0,
    max_size=2,
).map(lambda texts: tuple(d for d in (parse_loose_date(t) for t in texts) if d))


@given(loose_dates, loose_dates, st.integers(0, 8), st.floats(0, 1), st.floats(-60, 28))
def test_no_name_makes_the_dates_add_more_than_their_ceiling(
    a: tuple[LooseDate, ...], b: tuple[LooseDate, ...], parts: int, common: float, namesakes: float
) -> None:
    # quick_score sets candidates aside on this ceiling before aligning names.
    assert compare_birth_dates(a, b, parts, common, namesakes).adjustment <= birth_date_ceiling(a, b)


@given(loose_dates, loose_dates)
def test_the_dates_ceiling_is_what_a_rare_name_with_many_parts_and_no_namesake_gets(
    a: tuple[LooseDate, ...], b: tuple[LooseDate, ...]
) -> None:
    # As tight as it can be: screening sets aside no fewer candidates than it may.
    best = compare_birth_dates(a, b, 9, 0.0, float("-inf")).adjustment
    assert birth_date_ceiling(a, b) == best


# Few values, so that dates differing in one or two digits come up often.
near_dates = st.builds(
    date,
    st.sampled_from([1957, 1958, 1967, 1975, 1985, 2001]),
    st.sampled_from([1, 2, 10, 12]),
    st.sampled_from([1, 2, 11, 12, 21]),
)


@given(near_dates, near_dates)
def test_a_slip_in_full_dates_is_one_digit_or_a_transposition_of_the_written_dates(a: date, b: date) -> None:
    # _compare_full_dates decides it from months, days and years without writing the dates out.
    assume((1, 1) not in ((a.month, a.day), (b.month, b.day)))  # a placeholder: compared as years
    pair = (parse_loose_date(a.isoformat()),), (parse_loose_date(b.isoformat()),)
    item = compare_birth_dates(*pair)  # type: ignore[arg-type]
    x, y = a.isoformat().replace("-", ""), b.isoformat().replace("-", "")
    differing = [i for i in range(8) if x[i] != y[i]]
    one_digit = len(differing) == 1 and differing[0] not in (0, 1, 2)  # not the century or decade
    i, j = [*differing, 0, 0][:2]
    transposed = differing in ([4, 5], [6, 7]) and x[i] + x[j] == y[j] + y[i]
    swapped = a.year == b.year and (a.month, a.day) == (b.day, b.month) and a != b
    assert item.detail.startswith("one digit of the") == ((one_digit or transposed) and not swapped)
    one_day = abs((a - b).days) == 1
    assert (item.outcome == Outcome.DISAGREE) == (
        a != b and not (one_digit or transposed or swapped or one_day)
    )
