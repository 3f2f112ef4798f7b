"""Identity resolution over a month of traffic: time, memory, and link
precision and recall against the generator's ground truth.

Run: ``.venv/bin/python bench/journeys.py [--records N] [--persons P]``.
Prints figures, never pass/fail. Persons come from the demo world's name
source (names of the demo's nationalities in Latin as passports print them,
so namesakes are as common as in real traffic); each flies several times in
the month, and each flight gives one to three PNR pushes (with the booking's
reference) and often an API manifest record. Records carry what airlines
send: the document number (missing on a share of PNR pushes), the issuing
country (sometimes missing), a frequent-flyer number for some, and a typo
or a dropped middle name now and then.

Side by side in the same process, the baseline a unit without the matching
engine would use: records are one person when they share a document number,
or exactly the same name and birth date.
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import time
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from liaison.domain.codes import Gender
from liaison.journeys import TravellerRecord, resolve
from liaison.journeys.identity import Link
from liaison.services.demo.names import NameSource, machine_readable
from machine import describe

NATIONALITIES = (
    "FR",
    "DE",
    "NL",
    "TR",
    "MA",
    "DZ",
    "TN",
    "GB",
    "US",
    "IT",
    "ES",
    "RU",
    "UA",
    "JO",
    "AE",
    "PL",
)


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swapped letters
    if kind == 1:
        return word[:i] + word[i + 1 :]  # a letter dropped
    return word[:i] + rng.choice("AEIOUNRST") + word[i + 1 :]  # a letter changed


def make_records(total: int, persons: int, seed: int = 5) -> tuple[list[TravellerRecord], list[int]]:
    """Records and, for each, the true person it belongs to."""
    rng = random.Random(seed)
    source = NameSource(rng, seed)
    people = []
    for p in range(persons):
        gender = rng.choice((Gender.MALE, Gender.FEMALE))
        name = source.person(rng.choice(NATIONALITIES), gender)
        surname = machine_readable(name.latin_surnames[-1]).upper() or "X"
        given = machine_readable(name.latin_given[-1]).upper()
        born = (date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))).isoformat()
        document = f"{rng.choice('ABCDEFGHJK')}{rng.randrange(10**7, 10**8)}"
        flyer = (
            f"{rng.choice(('LH', 'AF', 'TK', 'KL'))}:{rng.randrange(10**8)}" if rng.random() < 0.25 else None
        )
        people.append((surname, given, born, document, flyer, p))
    # How often each person travels: most a few times, frequent flyers many.
    weights = list(itertools.accumulate(rng.paretovariate(1.5) for _ in people))
    records: list[TravellerRecord] = []
    truth: list[int] = []
    booking = 0
    while len(records) < total:
        surname, given, born, document, flyer, p = rng.choices(people, cum_weights=weights)[0]
        booking += 1
        # One trip: the airline pushes the PNR one to three times, then the API manifest follows.
        pushes = ["pnr"] * rng.choice((1, 2, 2, 3)) + (["api"] if rng.random() < 0.6 else [])
        for kind in pushes:
            is_api = kind == "api"
            noisy_surname = typo(rng, surname) if rng.random() < 0.03 else surname
            noisy_given = typo(rng, given) if rng.random() < 0.02 else given
            if rng.random() < 0.02 and " " in noisy_given:
                noisy_given = noisy_given.split()[0]
            documents: tuple[tuple[str, str | None], ...] = ()
            if is_api or rng.random() < 0.6:  # API manifests always carry the document
                documents = ((document, None if rng.random() < 0.2 else "XX"),)
            records.append(
                TravellerRecord(
                    len(records),
                    noisy_surname,
                    noisy_given,
                    born if is_api or rng.random() < 0.7 else None,
                    documents,
                    (flyer,) if flyer and not is_api and rng.random() < 0.6 else (),
                    booking=None if is_api else booking,
                )
            )
            truth.append(p)
    return records, truth


def pair_scores(groups: Iterable[list[int]], truth: list[int]) -> tuple[float, float]:
    """Pairwise precision and recall of the grouping against the true persons."""

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    predicted = true_positive = 0
    for members in groups:
        predicted += pairs(len(members))
        true_positive += sum(pairs(c) for c in Counter(truth[m] for m in members).values())
    actual = sum(pairs(c) for c in Counter(truth).values())
    return true_positive / max(predicted, 1), true_positive / max(actual, 1)


def baseline_links(records: list[TravellerRecord]) -> list[Link]:
    first: dict[object, int] = {}
    links = []
    for record in records:
        keys: list[object] = [("doc", number) for number, _ in record.documents]
        if record.birth_date:
            keys.append(("name", record.surname, record.given_names, record.birth_date))
        for key in keys:
            found = first.setdefault(key, record.id)
            if found != record.id:
                links.append(Link(found, record.id, 1.0, "exact"))
    return links


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--persons", type=int, default=150_000)
    args = parser.parse_args()
    print(describe())
    start = time.perf_counter()
    records, truth = make_records(args.records, args.persons)
    print(
        f"{len(records):,} traveller records of {len(set(truth)):,} persons "
        f"(generated in {time.perf_counter() - start:.0f} s)"
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    start = time.perf_counter()
    persons = resolve(records)
    ours = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    precision, recall = pair_scores((p.records for p in persons), truth)
    evidence = Counter(link.evidence for p in persons for link in p.links)

    start = time.perf_counter()
    exact = resolve(records, links=baseline_links(records))
    theirs = time.perf_counter() - start
    base_precision, base_recall = pair_scores((p.records for p in exact), truth)

    print(
        f"liaison:  {ours:.1f} s, {len(records) / ours:,.0f} records/s, {len(persons):,} persons; "
        f"link precision {precision:.4f}, recall {recall:.4f}; peak memory {peak:,.0f} MiB "
        f"(+{peak - before:,.0f} MiB for resolution)"
    )
    print(f"          links by evidence: {dict(evidence.most_common())}")
    print(
        f"baseline: {theirs:.1f} s, {len(exact):,} persons; link precision {base_precision:.4f}, "
        f"recall {base_recall:.4f} (exact document or exact name and birth date)"
    )


if __name__ == "__main__":
    main()
