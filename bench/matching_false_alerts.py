"""False alerts on a diverse register: innocent travellers screened against two dozen name stocks.

A register of 200,000 persons (``--small``: 20,000) from Faker locales in
their own scripts and, for a share, in Latin; 100,000 fresh innocent
travellers (``--small``: 10,000) from the same locales with another seed;
and planted variants of register persons (typos, middle names, name order,
another script, birth-date typing slips, a date missing on one side).
Screening is production's: ``CandidateIndex.build`` then ``screen_one`` at
``DEFAULT_THRESHOLD``. Prints, by the traveller's script, the innocents
alerted (dated and undated), recall on the planted variants and the hits'
priority mix; then nomenklatura logic-v2 on the same candidate pairs for a
sample of travellers. An innocent whose name and date equal a register
person's is indistinguishable and counted apart, never as a false alert.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from false_alerts_data import LOCALES, Person, Variant, generate_people, name_key, plant_variants, script_of
from liaison.matching import DEFAULT_THRESHOLD, Explanation, Prepared, Record
from liaison.matching.index import CandidateIndex
from liaison.matching.screen import Hit, screen_one
from machine import describe
from matching_common import BASELINE_PY, run_baseline

# Optional until the helpers adding them are merged (the lead replaces these
# look-ups with plain imports): learned name frequencies and hit priority.
_frequency = importlib.import_module("liaison.matching.frequency")
NameFrequencies: Any = getattr(_frequency, "NameFrequencies", None)
set_learned: Any = getattr(_frequency, "set_learned", None)
hit_priority: Any = (
    importlib.import_module("liaison.matching.priority").hit_priority
    if importlib.util.find_spec("liaison.matching.priority")
    else None
)

SCRIPT_ORDER = (
    "latin",
    "han",
    "kana",
    "hangul",
    "arabic",
    "hebrew",
    "cyrillic",
    "greek",
    "armenian",
    "georgian",
    "thai",
    "devanagari",
    "other",
)


def record(person: Person) -> Record:
    return Record.of(person.name, birth_date=person.birth_date)


def record_number(hit: Hit) -> int:
    assert isinstance(hit.record, int)
    return hit.record


def priority_code(explanation: Explanation) -> str:
    if hit_priority is None:
        return "-"
    priority = hit_priority(explanation)
    return str(getattr(priority, "code", priority.name))


class SameName:
    """Which register persons a traveller is, by name.

    The same identity, or a written name equal to one of the other's forms:
    ``FAN YU`` is a reading of both 范宇 and 范玉, so against 范宇 nothing in
    the name tells them apart (while 范玉 written as such is another name).
    """

    def __init__(self, register: Sequence[Person]) -> None:
        self.by_identity: dict[tuple[str, ...], list[int]] = defaultdict(list)
        self.by_form: dict[str, list[int]] = defaultdict(list)
        self.by_display: dict[str, list[int]] = defaultdict(list)
        for i, person in enumerate(register):
            self.by_identity[person.identity].append(i)
            self.by_display[name_key(person.name)].append(i)
            for key in {name_key(f) for f in (person.name, *person.forms)}:
                self.by_form[key].append(i)

    def persons(self, person: Person) -> set[int]:
        out = set(self.by_identity.get(person.identity, ()))
        out.update(self.by_form.get(name_key(person.name), ()))
        for key in {name_key(f) for f in person.forms}:
            out.update(self.by_display.get(key, ()))
        return out


def indistinguishable(person: Person, register: Sequence[Person], same: SameName) -> bool:
    """Same name and the same full date, or same name with a date missing on one side."""
    for i in same.persons(person):
        other = register[i].birth_date
        if person.birth_date is None or other is None or other == person.birth_date:
            return True
    return False


def slip_near(a: str, b: str) -> bool:
    """Two full dates one typing slip apart: one digit of the day or month, day
    and month swapped, or one digit of the year within its decade."""
    if len(a) != 10 or len(b) != 10:
        return False
    (ya, ma, da), (yb, mb, db) = (tuple(x.split("-")) for x in (a, b))
    if (ya, ma, da) == (yb, mb, db):
        return False
    if ya == yb and (ma, da) == (db, mb):
        return True

    def one_digit(x: str, y: str) -> bool:
        return sum(p != q for p, q in zip(x, y, strict=True)) == 1

    if ya == yb and ma == mb:
        return one_digit(da, db)
    if ya == yb and da == db:
        return one_digit(ma, mb)
    return ma == mb and da == db and ya[:3] == yb[:3]


def learn_frequencies(prepared: Sequence[Prepared]) -> str:
    if NameFrequencies is None or set_learned is None:
        return "name frequencies: not learned (liaison.matching.frequency has no NameFrequencies yet)"
    table = NameFrequencies()
    for p in prepared:
        table.observe(p.names)
    set_learned(table)
    return f"name frequencies: learned from register and travellers ({table.persons} persons)"


def mix(counter: Counter[str]) -> str:
    if not counter:
        return "-"
    return " ".join(f"{code}:{n}" for code, n in sorted(counter.items()))


def pct(part: int, whole: int) -> str:
    return f"{part / whole * 100:6.2f}% {part:>5}" if whole else f"{'-':>7} {'':>5}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="20,000 register persons, 10,000 travellers")
    parser.add_argument("--register", type=int, help="register size (default 200,000; small 20,000)")
    parser.add_argument("--travellers", type=int, help="innocent travellers (default 100,000; small 10,000)")
    parser.add_argument("--planted", type=int, help="planted variants (default 2,000; small 500)")
    parser.add_argument(
        "--seed", type=int, default=22, help="register seed; travellers seed+1, variants seed+2"
    )
    parser.add_argument("--show", type=int, default=0, help="print N false alerts and N missed variants")
    parser.add_argument("--by-locale", action="store_true", help="also print alerts and recall per locale")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--baseline-sample", type=int, help="travellers scored by logic-v2 (default 4,000; small 1,000)"
    )
    args = parser.parse_args()
    n_register = args.register or (20_000 if args.small else 200_000)
    n_innocent = args.travellers or (10_000 if args.small else 100_000)
    n_planted = args.planted or (500 if args.small else 2_000)

    start = time.perf_counter()
    register = generate_people(n_register, args.seed)
    innocents = generate_people(n_innocent, args.seed + 1)
    variants = plant_variants(register, n_planted, args.seed + 2)
    generate = time.perf_counter() - start
    travellers: list[Person] = innocents + [v.person for v in variants]

    print(describe())
    print(
        f"register {len(register)} persons ({sum(p.birth_date is None for p in register)} undated), "
        f"{len(innocents)} innocent travellers ({sum(p.birth_date is None for p in innocents)} undated), "
        f"{len(variants)} planted variants; {len(LOCALES)} locales; seeds {args.seed}/{args.seed + 1}/"
        f"{args.seed + 2}; generated in {generate:.1f}s"
    )

    start = time.perf_counter()
    register_prepared = [record(p).prepared for p in register]
    traveller_prepared = [record(p).prepared for p in travellers]
    parse = time.perf_counter() - start
    print(learn_frequencies(register_prepared + traveller_prepared))

    start = time.perf_counter()
    index = CandidateIndex.build(enumerate(register_prepared))
    build = time.perf_counter() - start

    hits: list[list[Hit]] = []
    start, cpu = time.perf_counter(), time.process_time()
    for t, query in enumerate(traveller_prepared):
        hits.append(screen_one(query, index, threshold=DEFAULT_THRESHOLD, traveller_id=t))
    screen_time, screen_cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"liaison @ {DEFAULT_THRESHOLD:.2f}: "
        f"parse {parse / (len(register) + len(travellers)) * 1e6:.0f} µs/record, "
        f"index build {build:.1f}s, screen {screen_time / len(travellers) * 1e6:.0f} µs/traveller "
        f"({screen_cpu / len(travellers) * 1e6:.0f} µs of CPU; 1 core)"
    )

    same = SameName(register)
    report(register, innocents, variants, hits, same, args.show, args.by_locale)
    if args.no_baseline or not BASELINE_PY.exists():
        if not args.no_baseline:
            print(f"logic-v2: skipped, no baseline interpreter at {BASELINE_PY}")
        return
    sample = args.baseline_sample or (1_000 if args.small else 4_000)
    baseline(register, innocents, variants, hits, index, traveller_prepared, same, sample)


def report(
    register: Sequence[Person],
    innocents: Sequence[Person],
    variants: Sequence[Variant],
    hits: Sequence[list[Hit]],
    same: SameName,
    show: int,
    locales: bool,
) -> None:
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    prio_innocent: dict[str, Counter[str]] = defaultdict(Counter)
    prio_planted: dict[str, Counter[str]] = defaultdict(Counter)
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    alerts: dict[str, list[tuple[float, int]]] = defaultdict(list)
    by_locale: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[int] = []
    for t, person in enumerate(innocents):
        script = script_of(person.name)
        row = rows[script]
        dated = person.birth_date is not None
        row["travellers"] += 1
        if indistinguishable(person, register, same):
            row["indistinguishable"] += 1
            continue
        row["dated" if dated else "undated"] += 1
        group = by_locale[locale_group(person)]
        group["dated" if dated else "undated"] += 1
        found = hits[t]
        if not found:
            continue
        row["alerted_dated" if dated else "alerted_undated"] += 1
        group["alerted_dated" if dated else "alerted_undated"] += 1
        own = same.persons(person)
        if any(hit.record not in own for hit in found):
            row["other_name_dated" if dated else "other_name_undated"] += 1
        if dated and any(
            hit.record in own
            and slip_near(person.birth_date or "", register[record_number(hit)].birth_date or "")
            for hit in found
        ):
            row["slip_near"] += 1
        if dated:
            alerts[script].append((found[0].score, t))
        prio_innocent[script][priority_code(found[0].match.explanation)] += 1
    offset = len(innocents)
    for v, variant in enumerate(variants):
        script = script_of(variant.person.name)
        rows[script]["planted"] += 1
        by_locale[locale_group(variant.person)]["planted"] += 1
        hit = next((h for h in hits[offset + v] if h.record == variant.source), None)
        for kind in variant.kinds:
            by_kind[kind]["planted"] += 1
        if hit is None:
            misses.append(v)
            continue
        rows[script]["found"] += 1
        by_locale[locale_group(variant.person)]["found"] += 1
        for kind in variant.kinds:
            by_kind[kind]["found"] += 1
        prio_planted[script][priority_code(hit.match.explanation)] += 1

    print(
        f"{'script':<11}{'travellers':>10}  {'dated alerted':>13}  {'other name':>12}  "
        f"{'undated alerted':>15}  "
        f"{'slip-near':>9}  {'indist.':>7}  {'planted':>7}  {'recall':>6}  priority mix (innocent | planted)"
    )
    total: Counter[str] = Counter()
    scripts = sorted(rows, key=lambda s: SCRIPT_ORDER.index(s) if s in SCRIPT_ORDER else len(SCRIPT_ORDER))
    for script in [*scripts, "overall"]:
        if script == "overall":
            row = total
            p_inn = sum(prio_innocent.values(), Counter())
            p_pla = sum(prio_planted.values(), Counter())
        else:
            row = rows[script]
            total.update(row)
            p_inn, p_pla = prio_innocent[script], prio_planted[script]
        recall = f"{row['found'] / row['planted']:.4f}" if row["planted"] else "-"
        print(
            f"{script:<11}{row['travellers']:>10}  {pct(row['alerted_dated'], row['dated']):>13}  "
            f"{pct(row['other_name_dated'], row['dated']):>12}  "
            f"{pct(row['alerted_undated'], row['undated']):>15}  {row['slip_near']:>9}  "
            f"{row['indistinguishable']:>7}  {row['planted']:>7}  {recall:>6}  {mix(p_inn)} | {mix(p_pla)}"
        )
    print("(dated/undated alerted: innocents with any hit, % of that script's dated/undated innocents")
    print(" who are not indistinguishable;")
    print(" other name: alerted on a register person whose name differs from the traveller's own;")
    print(" slip-near: among them, a hit on a namesake whose date is one typing slip from the traveller's;")
    print(" indist.: same name and same date, or same name undated on a side, left out of the alert counts)")
    print(
        "recall by distortion: "
        + ", ".join(
            f"{kind} {c['found'] / c['planted']:.3f} ({c['planted']})" for kind, c in sorted(by_kind.items())
        )
    )
    if locales:
        print("by locale (dated / undated innocents alerted, recall):")
        cells = []
        for name, c in sorted(by_locale.items()):
            recall = f"{c['found'] / c['planted']:.3f}" if c["planted"] else "-"
            dated_pct = c["alerted_dated"] / c["dated"] * 100 if c["dated"] else 0.0
            undated_pct = c["alerted_undated"] / c["undated"] * 100 if c["undated"] else 0.0
            cells.append(f"{name:<14} {dated_pct:5.1f}% {undated_pct:5.1f}% {recall:>5}")
        for i in range(0, len(cells), 3):
            print("  " + "   ".join(cells[i : i + 3]))
    if show:
        print("false alerts on dated innocents (scripts in turn, highest scores first):")
        for score, t in spread(alerts, show):
            hit = hits[t][0]
            other = register[record_number(hit)]
            print(
                f"  {score:.2f} {innocents[t].name} {innocents[t].birth_date} | "
                f"{other.name} {other.birth_date} :: {hit.match.explanation.summary()}"
            )
        print("missed planted variants:")
        for v in misses[:show]:
            variant = variants[v]
            source = register[variant.source]
            print(
                f"  {'+'.join(variant.kinds)}: {variant.person.name} {variant.person.birth_date} | "
                f"{source.name} {source.birth_date}"
            )


def locale_group(person: Person) -> str:
    """The person's locale, marked when a non-Latin locale's name is written in Latin."""
    native = script_of(person.forms[0]) if person.forms else "latin"
    romanised = native != "latin" and script_of(person.name) == "latin"
    return f"{person.locale}/lat" if romanised else person.locale


def spread(groups: dict[str, list[tuple[float, int]]], count: int) -> list[tuple[float, int]]:
    """``count`` items taken from each group in turn, best first within a group,
    so the examples show every script's causes rather than one script's."""
    queues = [sorted(items, reverse=True) for _, items in sorted(groups.items())]
    out: list[tuple[float, int]] = []
    depth = 0
    while len(out) < count and any(depth < len(q) for q in queues):
        out.extend(q[depth] for q in queues if depth < len(q))
        depth += 1
    return out[:count]


def baseline(
    register: Sequence[Person],
    innocents: Sequence[Person],
    variants: Sequence[Variant],
    hits: Sequence[list[Hit]],
    index: CandidateIndex,
    prepared: Sequence[Prepared],
    same: SameName,
    sample: int,
) -> None:
    """logic-v2 on the index's candidate pairs of the first ``sample`` innocents and variants."""
    offset = len(innocents)
    chosen = list(range(min(sample, len(innocents))))
    chosen += [offset + v for v in range(min(len(variants), max(1, sample // 10)))]
    travellers = list(innocents) + [v.person for v in variants]
    pairs: list[tuple[int, int]] = []
    for t in chosen:
        for number, _ in index.candidates(prepared[t]):
            assert isinstance(number, int)
            pairs.append((t, number))

    def row(person: Person) -> dict[str, str]:
        return {"full_name": person.name, "date_of_birth": person.birth_date or ""}

    payload = "".join(json.dumps({"q": row(travellers[t]), "c": row(register[c])}) + "\n" for t, c in pairs)
    lines = run_baseline("logic_v2_screen.py", stdin=payload).strip().splitlines()
    per_pair = json.loads(lines[-1])["seconds_per_pair"]
    scores: dict[tuple[int, int], float] = {pair: float(x) for pair, x in zip(pairs, lines[:-1], strict=True)}
    best: dict[int, float] = defaultdict(float)
    for (t, _), s in scores.items():
        best[t] = max(best[t], s)
    print(
        f"logic-v2 on the same candidate pairs, sample of {sum(t < offset for t in chosen)} innocents and "
        f"{sum(t >= offset for t in chosen)} planted variants: {len(pairs)} pairs, "
        f"{per_pair * 1e6:.0f} µs/pair"
    )
    innocent_ids = [t for t in chosen if t < offset and not indistinguishable(innocents[t], register, same)]
    planted_ids = [t for t in chosen if t >= offset]

    def line(name: str, alerted: Callable[[int], bool], found: Callable[[int], bool]) -> None:
        by_script: dict[str, Counter[str]] = defaultdict(Counter)
        for t in innocent_ids:
            person = innocents[t]
            if person.birth_date is None:
                continue
            c = by_script[script_of(person.name)]
            c["n"] += 1
            c["alerted"] += alerted(t)
        overall = sum(by_script.values(), Counter())
        recall = sum(found(t) for t in planted_ids) / max(1, len(planted_ids))
        parts = [
            f"{s} {c['alerted'] / c['n'] * 100:.1f}%"
            for s, c in sorted(by_script.items(), key=lambda kv: SCRIPT_ORDER.index(kv[0]))
            if c["n"]
        ]
        print(
            f"  {name:<16} dated innocents alerted {overall['alerted'] / max(1, overall['n']) * 100:.2f}% "
            f"({overall['alerted']}/{overall['n']}); recall {recall:.4f}; " + ", ".join(parts)
        )

    line(
        "liaison",
        lambda t: bool(hits[t]),
        lambda t: any(h.record == variants[t - offset].source for h in hits[t]),
    )
    for th in (0.7, 0.8):
        line(
            f"logic-v2 @ {th:.2f}",
            lambda t, th=th: best[t] >= th,  # type: ignore[misc]
            lambda t, th=th: scores.get((t, variants[t - offset].source), 0.0) >= th,  # type: ignore[misc]
        )


if __name__ == "__main__":
    main()
