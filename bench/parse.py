"""Parsing speed and peak memory of PNRGOV, PAXLST and PNRGOV XML, with the raw
tokenizer as baseline.

Run: ``.venv/bin/python bench/parse.py [--pnrs N] [--repeat R] [--big-mb MB] [--sizes 1,50]``.
Prints figures and ratios, never pass/fail. Messages come from the writers,
so the reader parses what the demo world produces: 1–4 travellers per PNR
(about 1.8 on average, as in airline statistics), 1–3 legs, documents, seats,
bags, payments and contacts. When ../shared is present the GTAS sample
``pnrWithBags.txt`` (127 real-shape PNRs) is timed too.

``--sizes`` (MB, default ``1,50``; ``--sizes ''`` skips it) reads one message of
each format and size through the streaming readers (``iter_pnrgov``,
``iter_paxlst``, ``iter_pnrgov_xml``) and through the tokenizer alone (EDIFACT:
``EnvelopeReader`` decoding and segments; XML: expat with no handler), each in a
child process of its own. Peak memory is that child's high-water mark of resident
memory during the run (Linux ``VmHWM``, reset through ``/proc/self/clear_refs``
once the input is read; ``ru_maxrss`` elsewhere) minus its resident memory at
that moment (interpreter, imports and the input); the ratio peak/input is (that
difference + the input) / the input: what the process held at its peak per byte
of input.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
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
from liaison.formats.edifact import EnvelopeReader, decode, iter_segments, read_una
from liaison.formats.paxlst import iter_paxlst
from liaison.formats.pnrgov import iter_pnrgov
from liaison.formats.pnrgov_xml import iter_pnrgov_xml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe
from pnrgov_xml import TAIL, head, write_booking

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
    parser.add_argument("--sizes", default="1,50", help="MB per format for throughput and peak memory")
    parser.add_argument("--child", nargs=3, metavar=("FORMAT", "MODE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    rng = random.Random(1)

    print(describe())
    print(f"platform: {platform.platform()}")
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

    sizes = [float(x) for x in args.sizes.split(",") if x.strip()]
    if sizes:
        memory(sizes, rng)


# --- throughput and peak memory by format and size, one child process per case ---


def _pnrgov_input(rng: random.Random, mb: float) -> bytes:
    one = write_pnrgov(
        PnrMessage(
            "XA",
            "BIG",
            prepared=datetime(2026, 1, 1),
            flight=Leg("XA", "1", "CDG", "JFK", datetime(2026, 1, 2, 10)),
            bookings=tuple(booking(rng, i) for i in range(200)),
        )
    )
    top, _, rest = one.partition(b"SRC'")
    body, _, tail = rest.rpartition(b"UNT+")
    pnrs = b"SRC'" + body
    return top + pnrs * max(1, int(mb * 1e6 // len(pnrs))) + b"UNT+" + tail


def _paxlst_input(rng: random.Random, mb: float) -> bytes:
    travellers = tuple(t for b in (booking(rng, i) for i in range(150)) for t in b.travellers)
    one = write_paxlst(
        PaxlstMessage(
            "XA",
            "BIG",
            prepared=datetime(2026, 1, 1),
            legs=(Leg("XA", "1", "CDG", "JFK", datetime(2026, 1, 2), datetime(2026, 1, 2, 8)),),
            travellers=travellers,
        )
    )
    start = one.index(b"NAD+FL")
    end = one.index(b"CNT+")
    group = one[start:end]
    return one[:start] + group * max(1, int(mb * 1e6 // len(group))) + one[end:]


def _xml_input(rng: random.Random, mb: float) -> bytes:
    bookings = [booking(rng, i) for i in range(200)]
    body = "".join(write_booking(b) for b in bookings).encode()
    copies = max(1, int(mb * 1e6 // len(body)))
    message = PnrMessage(
        "XA",
        "BIG",
        prepared=datetime(2026, 1, 1),
        flight=Leg("XA", "1", "CDG", "JFK", datetime(2026, 1, 2, 10)),
    )
    return head(message, copies * len(bookings)).encode() + body * copies + TAIL.encode()


INPUTS = {"PNRGOV": _pnrgov_input, "PAXLST": _paxlst_input, "PNRGOV XML": _xml_input}
UNIT = {"PNRGOV": "PNRs", "PAXLST": "travellers", "PNRGOV XML": "PNRs"}


def _status(field: str) -> int | None:
    """A ``/proc/self/status`` figure in bytes (Linux), or None."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _reset_peak() -> int:
    """Start measuring the peak from now; the resident memory now (the baseline).

    ``ru_maxrss`` is not reset by exec on Linux (a child can report its parent's
    peak), so Linux's per-process high-water mark ``VmHWM`` is used and reset
    through ``/proc/self/clear_refs``; elsewhere ``ru_maxrss`` is the fallback."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
    except OSError:
        pass
    return _status("VmRSS") or _maxrss()


def _maxrss() -> int:
    """Peak resident memory of this process, in bytes (VmHWM; else ru_maxrss, KiB on Linux)."""
    return _status("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child(fmt: str, mode: str, file: str) -> None:
    """One case in a fresh process: read the input, note the peak so far, run, report."""
    fd = os.open(file, os.O_RDONLY)
    try:
        data = os.read(fd, os.fstat(fd).st_size)  # one allocation of the input's size, no growing buffer
    finally:
        os.close(fd)
    base = _reset_peak()
    t = time.perf_counter()
    units = errors = 0
    if mode == "tokenizer" and fmt == "PNRGOV XML":
        from xml.parsers import expat

        expat.ParserCreate().Parse(data, True)
    elif mode == "tokenizer":
        env = EnvelopeReader(data)
        for raw in env.messages():
            if not isinstance(raw, Exception):
                for _ in raw.segments:
                    pass
    else:
        reader = {"PNRGOV": iter_pnrgov, "PAXLST": iter_paxlst, "PNRGOV XML": iter_pnrgov_xml}[fmt]
        for item in reader(data, 500):
            if isinstance(item, PnrMessage):
                units += len(item.bookings)
            elif isinstance(item, PaxlstMessage):
                units += len(item.travellers)
            else:
                errors += 1
    seconds = time.perf_counter() - t
    print(
        json.dumps(
            {
                "seconds": seconds,
                "units": units,
                "extra": _maxrss() - base,
                "size": len(data),
                "errors": errors,
            }
        )
    )


def memory(sizes: list[float], rng: random.Random) -> None:
    print(
        "\nStreaming readers (iter_*, parts of 500) beside the tokenizer alone, one child process each;"
        "\npeak = high-water mark of resident memory during the run minus resident memory before it"
        " (input read);"
        " ratio = (peak + input) / input"
    )
    columns = ("case", "s", "MB/s", "units/s", "peak MB", "ratio")
    print(
        f"{'format':<11} {'MB':>5} {columns[0]:<10} "
        + " ".join(f"{c:>{w}}" for c, w in zip(columns[1:], (7, 7, 18, 8, 6), strict=True))
    )
    script = str(Path(__file__).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, make in INPUTS.items():
            for mb in sizes:
                path = Path(tmp) / "input"
                path.write_bytes(make(rng, mb))
                results = {}
                for mode in ("tokenizer", "reader"):
                    out = subprocess.run(
                        [sys.executable, script, "--child", fmt, mode, str(path)],
                        capture_output=True,
                        text=True,
                        check=True,
                        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
                    ).stdout
                    results[mode] = json.loads(out.strip().splitlines()[-1])
                for mode, r in results.items():
                    size = r["size"]
                    rate = f"{r['units'] / r['seconds']:>10,.0f} {UNIT[fmt]}/s" if r["units"] else ""
                    extra = ""
                    if mode == "reader":
                        slower = r["seconds"] / results["tokenizer"]["seconds"]
                        extra = f"  {slower:.1f}x the tokenizer's time, {r['errors']} errors"
                    print(
                        f"{fmt:<11} {size / 1e6:>5.0f} {mode:<10} {r['seconds']:>7.2f} "
                        f"{size / r['seconds'] / 1e6:>7.1f} {rate:>18} {r['extra'] / 1e6:>8.0f} "
                        f"{(r['extra'] + size) / size:>6.2f}{extra}"
                    )


if __name__ == "__main__":
    main()
