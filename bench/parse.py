"""Parsing speed of PNRGOV and PAXLST, with the raw tokenizer as baseline.

Run: ``.venv/bin/python bench/parse.py [--pnrs N] [--repeat R] [--big-mb MB]``.
Prints figures and ratios, never pass/fail. Messages come from the writers,
so the reader parses what the demo world produces: 1–4 travellers per PNR
(about 1.8 on average, as in airline statistics), 1–3 legs, documents, seats,
bags, payments and contacts. When ../shared is present the GTAS sample
``pnrWithBags.txt`` (127 real-shape PNRs) is timed too.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from liaison.domain.codes import Gender
from liaison.domain.dates import PartialDate
from liaison.domain.passenger import (
    Bag,
    Booking,
    Contacts,
    Document,
    FrequentFlyer,
    Leg,
    PaxlstMessage,
    Payment,
    PnrMessage,
    Seat,
    Ticket,
    Traveller,
)
from liaison.formats import read_paxlst, read_pnrgov, write_paxlst, write_pnrgov
from liaison.formats.edifact import decode, iter_segments, read_una

SURNAMES = ["MARTIN", "NOWAK", "GARCIA", "ROSSI", "SMITH", "MULLER", "DUBOIS", "KOWALSKI"]
GIVEN = ["ANNA", "PETER", "MARIA", "JAN", "LUCA", "SOPHIE", "OMAR", "ELENA"]
AIRPORTS = ["CDG", "FRA", "AMS", "MAD", "FCO", "WAW", "JFK", "DXB", "IST", "LHR"]


def booking(rng: random.Random, n: int) -> Booking:
    start = datetime(2026, 1, 1) + timedelta(hours=rng.randint(0, 8000))
    places = rng.sample(AIRPORTS, rng.randint(2, 4))
    legs = tuple(
        Leg(
            "XA",
            str(rng.randint(1, 9999)),
            a,
            b,
            start + timedelta(hours=5 * i),
            start + timedelta(hours=5 * i + 2),
            booking_class="Y",
            status="HK",
        )
        for i, (a, b) in enumerate(itertools.pairwise(places))
    )
    travellers = []
    for i in range(rng.choices((1, 2, 3, 4), weights=(50, 30, 12, 8))[0]):
        ref = str(i + 1)
        surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
        travellers.append(
            Traveller(
                surname=surname,
                given_names=given,
                reference=ref,
                title="MR",
                birth_date=PartialDate(rng.randint(1940, 2005), rng.randint(1, 12), rng.randint(1, 28)),
                gender=rng.choice([Gender.MALE, Gender.FEMALE]),
                nationality="FRA",
                documents=(
                    Document(
                        "DOCS",
                        "P",
                        f"{rng.randint(10**8, 10**9)}",
                        "FRA",
                        nationality="FRA",
                        expiry=PartialDate(2030, 1, 1),
                    ),
                ),
                seats=tuple(Seat(f"{rng.randint(1, 40)}A", g.origin, g.destination) for g in legs),
                frequent_flyers=(FrequentFlyer("XA", str(rng.randint(10**5, 10**6))),),
                tickets=(Ticket(f"{rng.randint(10**12, 10**13)}", "T", "100.00", "EUR"),),
                name_as_sent=f"{surname}/{given} MR",
            )
        )
    return Booking(
        record_locator=f"{n:06X}",
        record_locator_owner="XA",
        created=start - timedelta(days=30),
        itinerary=legs,
        travellers=tuple(travellers),
        contacts=Contacts(emails=(f"P{n}@EXAMPLE.ORG",), phones=("33123456789",)),
        payments=(Payment("CC", "VI", "XXXXXXXXXXXX1234", PartialDate(2028, 1), "100.00", "EUR", "1"),),
        bags=(Bag(1, "XA", places[-1], 20, "KG", (f"XA{n:06d}",), "1"),),
    )


def timed(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pnrs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--big-mb", type=int, default=0, help="also read one message this large")
    args = parser.parse_args()
    rng = random.Random(1)

    print(f"machine: {platform.platform()}; {os.cpu_count()} CPUs; Python {platform.python_version()}")
    print(
        f"single process, one core; wall clock, best of {args.repeat}; load average {os.getloadavg()[0]:.1f}"
    )

    per_message = 20
    messages = [
        write_pnrgov(
            PnrMessage(
                "XA",
                f"M{m}",
                prepared=datetime(2026, 1, 1),
                bookings=tuple(booking(rng, m * per_message + i) for i in range(per_message)),
            )
        )
        for m in range(args.pnrs // per_message)
    ]
    n_pnr = per_message * len(messages)
    n_trav = sum(len(b.travellers) for d in messages for m in read_pnrgov(d).messages for b in m.bookings)
    size = sum(len(d) for d in messages)

    def tokenize_all(data_list: list[bytes]) -> None:
        for data in data_list:
            text = decode(data).text
            delimiters, start = read_una(text)
            for _ in iter_segments(text, delimiters, start):
                pass

    def read_all() -> None:
        for data in messages:
            read_pnrgov(data)

    base = timed(lambda: tokenize_all(messages), args.repeat)
    full = timed(read_all, args.repeat)
    print(f"\nPNRGOV: {len(messages)} messages, {n_pnr} PNRs, {n_trav} travellers, {size / 1e6:.1f} MB")
    print(f"  tokenizer only (baseline): {n_pnr / base:10,.0f} PNRs/s  {size / base / 1e6:6.1f} MB/s")
    print(
        f"  read_pnrgov:               {n_pnr / full:10,.0f} PNRs/s  {n_trav / full:10,.0f} travellers/s"
        f"  {len(messages) / full:8,.0f} messages/s"
    )
    print(f"  ratio read/tokenize: {full / base:.2f}x the tokenizer's time")
    segs = sum(d.count(b"'") for d in messages)
    print(f"  shape: {n_trav / n_pnr:.2f} travellers and {segs / n_pnr:.0f} segments per PNR")
    gtas = Path(__file__).resolve().parents[1] / ".." / "shared" / "fixtures" / "pnr" / "gtas"
    sample_file = gtas / "pnr-messages" / "pnrWithBags.txt"
    if sample_file.is_file():
        sample_data = sample_file.read_bytes()
        got = read_pnrgov(sample_data).messages[0]
        g_pnr = len(got.bookings)
        g_trav = sum(len(b.travellers) for b in got.bookings)
        g_base = timed(lambda: tokenize_all([sample_data]), args.repeat)
        g_full = timed(lambda: read_pnrgov(sample_data), args.repeat)
        print(
            f"  GTAS pnrWithBags.txt ({g_pnr} PNRs, {g_trav / g_pnr:.1f} travellers/PNR): "
            f"{g_pnr / g_full:,.0f} PNRs/s, {g_trav / g_full:,.0f} travellers/s "
            f"(tokenizer alone {g_pnr / g_base:,.0f} PNRs/s)"
        )
    try:
        from pydifact.segmentcollection import Interchange  # type: ignore[import-not-found,unused-ignore]

        sample = messages[: max(1, len(messages) // 10)]
        pyd = timed(lambda: [Interchange.from_str(d.decode()) for d in sample], 1)
        ours = timed(lambda: [read_pnrgov(d) for d in sample], 1)
        print(
            f"  pydifact tokenize+parse on {len(sample)} messages: {pyd / ours:.1f}x slower than read_pnrgov"
        )
    except ImportError:
        print("  (pydifact not installed: no pydifact baseline)")

    travellers_per = 200
    pax_messages = []
    for m in range(max(1, args.pnrs // travellers_per)):
        trav = tuple(
            t for b in (booking(rng, i) for i in range(travellers_per // 3 + 1)) for t in b.travellers
        )
        pax_messages.append(
            write_paxlst(
                PaxlstMessage(
                    "XA",
                    f"P{m}",
                    prepared=datetime(2026, 1, 1),
                    legs=(Leg("XA", "1", "CDG", "JFK", datetime(2026, 1, 2), datetime(2026, 1, 2, 8)),),
                    travellers=trav,
                )
            )
        )
    n_pax = sum(len(m.travellers) for d in pax_messages for m in read_paxlst(d).messages)
    base = timed(lambda: tokenize_all(pax_messages), args.repeat)
    full = timed(lambda: [read_paxlst(d) for d in pax_messages], args.repeat)
    print(f"\nPAXLST: {len(pax_messages)} messages, {n_pax} travellers")
    print(f"  tokenizer only (baseline): {n_pax / base:10,.0f} travellers/s")
    rate = len(pax_messages) / full
    print(f"  read_paxlst:               {n_pax / full:10,.0f} travellers/s  {rate:8,.0f} messages/s")
    print(f"  ratio read/tokenize: {full / base:.2f}x")

    if args.big_mb:
        one = messages[0]
        head, _, rest = one.partition(b"SRC'")
        body, _, tail = rest.rpartition(b"UNT+")
        pnrs = b"SRC'" + body
        copies = max(1, args.big_mb * 1_000_000 // len(pnrs))
        big = head + pnrs * copies + b"UNT+" + tail
        t = time.perf_counter()
        result = read_pnrgov(big)
        dt = time.perf_counter() - t
        read = sum(len(m.bookings) for m in result.messages)
        print(f"\none message of {len(big) / 1e6:.0f} MB: {read:,} PNRs in {dt:.1f} s")
        print(f"  {len(result.errors)} errors")


if __name__ == "__main__":
    main()
