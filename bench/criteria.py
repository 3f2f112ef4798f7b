"""Risk-rule evaluation speed: bookings per second with 50 active rules.

Run: ``.venv/bin/python bench/criteria.py [--bookings N] [--rules R]``.
Prints figures and ratios, never pass/fail. Bookings are synthetic but
real-shaped: 1–4 legs between real airports (airportsdata), connections of
1–6 hours or stays of days, 1–4 travellers, bags, cash or card payments,
booking 2 hours to 60 days before departure. The 50 rules mix every
condition type (places and named lists, routes within N hours, broken
travel, quick returns, timing, payment, card BINs, third-party payment,
travel agency, group size, bags, changes between pushes, recently issued
documents) under all / any / not.

Each measure is the best of three runs on the same bookings, after a
warm-up on others. Side by side in the same process: the engine (rules indexed by the places
they need, explanation only for rules that fire) against the baseline of
testing every rule on every booking and traveller. Aim (issue #9): 50,000
bookings per second on one core.
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from liaison.criteria import (
    ActiveRule,
    BookingFacts,
    LegFacts,
    NamedList,
    RuleSet,
    TravellerFacts,
    parse_rule,
)
from machine import describe

AIRPORTS = (  # noqa: SIM905 (a list of codes reads better as one string)
    "IST SAW BEY DAM AMM CAI DXB DOH AUH RUH JED TLV ATH FRA MUC CDG ORY AMS BRU LHR LGW MAD BCN FCO MXP "
    "VIE ZRH CPH ARN OSL HEL WAW PRG BUD OTP SOF BEG TIA SKP LIS DUB KBP TBS EVN GYD ALA TAS DEL BOM KHI "
    "ISB KBL THR BGW EBL ADD NBO LOS ACC DKR CMN ALG TUN TIP MLA LCA ESB ADB AYT JFK YYZ"
).split()
LISTS = {
    "departure points of concern": NamedList(
        "departure points of concern", "airports", frozenset({"BEY", "DAM", "BGW", "EBL", "KBL", "TIP"})
    ),
    "transit hubs": NamedList("transit hubs", "airports", frozenset({"IST", "SAW", "DOH", "DXB", "AUH"})),
    "countries of concern": NamedList(
        "countries of concern", "countries", frozenset({"SY", "IQ", "AF", "LY", "YE"})
    ),
    "prepaid issuers": NamedList("prepaid issuers", "bins", frozenset({"535522", "4899", "530127"})),
}
SCHENGEN = ["FR", "DE", "NL", "BE", "ES", "IT", "AT", "GR", "SE", "PL", "CZ", "HU", "PT"]


def make_rules(count: int, rng: random.Random) -> list[ActiveRule]:
    shapes: list[dict[str, Any]] = [
        {"all": [{"departs_from": {"lists": ["departure points of concern"]}}, {"one_way": True}]},
        {"all": [{"transits": {"lists": ["transit hubs"]}}, {"arrives_at": {"countries": SCHENGEN}},
                 {"booked_before_departure": {"max_hours": 48}}]},
        {"all": [{"visits": {"lists": ["countries of concern"]}}, {"payment": {"types": ["cash"]}}]},
        {"route": {"stops": [{"lists": ["departure points of concern"]}, {"lists": ["transit hubs"]},
                             {"countries": SCHENGEN}], "within_hours": 30}},
        {"all": [{"arrives_at": {"airports": [rng.choice(AIRPORTS)]}},
                 {"card_bin": {"lists": ["prepaid issuers"]}}]},
        {"all": [{"departs_from": {"airports": [rng.choice(AIRPORTS), rng.choice(AIRPORTS)]}},
                 {"returns_within_days": {"max_days": 4}}, {"group_size": {"max": 1}}]},
        {"all": [{"transits": {"airports": [rng.choice(AIRPORTS)]}}, {"paid_by_third_party": True}]},
        {"all": [{"visits": {"countries": [rng.choice(["TR", "LB", "JO", "EG", "AE", "QA"])]}},
                 {"bags": {"min": 3}}, {"not": {"payment": {"types": ["card"]}}}]},
        {"all": [{"arrives_at": {"countries": [rng.choice(SCHENGEN)]}},
                 {"broken_travel": {"within_hours": 12}}]},
        {"all": [{"departs_from": {"countries": [rng.choice(["TR", "LB", "IQ", "LY", "PK"])]}},
                 {"document_issued_within_days": {"max_days": 30}}]},
        {"all": [{"any": [{"travel_agency": True},
                          {"changed_since_last_push": {"fields": ["legs", "seats"]}}]},
                 {"visits": {"lists": ["transit hubs"]}}, {"booked_before_departure": {"max_hours": 24}}]},
    ]  # fmt: skip
    rules = []
    for i in range(count):
        when = shapes[i % len(shapes)]
        definition = parse_rule({"name": f"rule {i}", "description": "bench", "when": when}, LISTS)
        rules.append(ActiveRule(i + 1, 1, definition))
    return rules


def make_bookings(count: int, rng: random.Random) -> list[BookingFacts]:
    start = datetime(2026, 11, 1)
    out = []
    for n in range(count):
        when = start + timedelta(hours=rng.uniform(0, 24 * 30))
        route = [rng.choice(AIRPORTS)]
        legs = []
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            nxt = rng.choice([a for a in AIRPORTS if a != route[-1]])
            hours = rng.uniform(1, 8)
            legs.append(
                LegFacts.of(route[-1], nxt, when, when + timedelta(hours=hours), "XX", str(100 + n % 900))
            )
            when += timedelta(
                hours=hours + (rng.uniform(1, 6) if rng.random() < 0.7 else rng.uniform(48, 300))
            )
            route.append(nxt)
        if rng.random() < 0.3:  # a return home
            legs.append(LegFacts.of(route[-1], route[0], when, when + timedelta(hours=4), "XX", "900"))
        first = legs[0].departure
        assert first is not None
        travellers = tuple(
            TravellerFacts(
                str(i),
                (date(2026, 10, rng.randint(1, 28)),) if rng.random() < 0.1 else (date(2019, 1, 1),),
                rng.choice((0, 1, 1, 2, 3)),
            )
            for i in range(rng.choice((1, 1, 1, 2, 2, 3, 4)))
        )
        card = rng.random() < 0.7
        out.append(
            BookingFacts(
                record_locator=f"B{n:07d}",
                carrier="XX",
                booked_at=first - timedelta(hours=rng.uniform(2, 24 * 60)),
                legs=tuple(legs),
                travellers=travellers,
                payment_types=frozenset({"card" if card else "cash"}),
                card_bins=frozenset({rng.choice(("535522", "453957", "411111", "489912"))})
                if card
                else frozenset(),
                third_party_payment=rng.random() < 0.05,
                travel_agency="12345678" if rng.random() < 0.3 else None,
                bags=sum(t.bags or 0 for t in travellers),
                changed=frozenset({"seats"}) if rng.random() < 0.2 else frozenset(),
                other_legs=(legs[0],) if rng.random() < 0.05 else (),
            )
        )
    return out


def baseline(rules: list[ActiveRule], bookings: list[BookingFacts]) -> int:
    """Every rule tested on every booking (and traveller where a rule needs one)."""
    fired = 0
    for booking in bookings:
        for rule in rules:
            when = rule.definition.when
            if when.traveller_level:
                fired += sum(1 for t in booking.travellers if when.test(booking, t))
            elif when.test(booking, None):
                fired += len(booking.travellers)
    return fired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bookings", type=int, default=50_000)
    parser.add_argument("--rules", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each measure; the best counts")
    args = parser.parse_args()
    print(describe())
    rng = random.Random(9)
    rules = make_rules(args.rules, rng)
    rule_set = RuleSet(rules)
    print(f"{len(rules)} active rules; {args.bookings} bookings")

    def fresh(seed: int = 11) -> list[BookingFacts]:
        """The same bookings each time, with no itinerary worked out yet. The
        bench holds them all at once, which a pipeline never does: they are
        moved out of the cyclic collector's sight so that its scans of the
        bench's own input are not counted."""
        gc.unfreeze()
        made = make_bookings(args.bookings, random.Random(seed))
        gc.collect()
        gc.freeze()
        return made

    def timed(run: Callable[[list[BookingFacts]], int]) -> tuple[float, int]:
        """Best of ``--rounds`` runs (the machine's noise only ever adds time)."""
        best, result = float("inf"), 0
        for _ in range(args.rounds):
            bookings = fresh()
            start = time.perf_counter()
            result = run(bookings)
            best = min(best, time.perf_counter() - start)
        return best, result

    # Warm-up on other bookings: the engine's cache of the rules each set of
    # airports can satisfy fills as a unit's routes repeat.
    warm = fresh(12)
    sum(len(rule_set.evaluate(b)) for b in warm)
    del warm

    engine, hits = timed(lambda bookings: sum(len(rule_set.evaluate(b)) for b in bookings))
    counting, selected = timed(lambda bookings: sum(rule_set.selects(b) for b in bookings))
    itinerary, _ = timed(lambda bookings: sum(len(b.trip.legs) for b in bookings))
    base, naive = timed(lambda bookings: baseline(rules, bookings))
    assert naive == hits == selected, (naive, hits, selected)

    n = args.bookings

    def rate(seconds: float) -> str:
        return f"{n / seconds:,.0f} bookings/s ({seconds / n * 1e6:.1f} µs each)"

    print(f"engine, with explanations of every hit: {rate(engine)}")
    print(f"engine, counting only (back-testing):  {rate(counting)}")
    print(f"baseline, every rule on every booking: {rate(base)}")
    print(f"of which reading each itinerary (Trip): {rate(itinerary)}")
    print(
        f"(rule, traveller) selections: {hits} ({hits / n:.3f} per booking); "
        f"engine/baseline speed {base / engine:.1f}x; aim 50,000 bookings/s on one core"
    )


if __name__ == "__main__":
    main()
