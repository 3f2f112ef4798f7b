"""Pair Arabic-script given names with Latin spellings of the same name.

Runs inside bench/baseline/.venv. Uses rigour's person-name symbols (name
items from Wikidata, shipped in the rigour package): an Arabic-script name
and a Latin name that carry the same NAME symbol are spellings of one name.
Reads {"arabic": [...], "latin": [...]} on stdin, writes a JSON list of
[arabic, latin] pairs (each Arabic name with its first Latin partner).
"""

import json
import sys

from rigour.names import NameTypeTag, analyze_names


def symbols(name: str) -> set[str]:
    out: set[str] = set()
    for analysed in analyze_names(NameTypeTag.PER, [name]):
        for span in analysed.spans:
            if len(span.parts) == 1 and str(span.symbol).startswith("[NAME:"):
                out.add(str(span.symbol))
    return out


def main() -> None:
    data = json.load(sys.stdin)
    latin: dict[str, str] = {}
    for name in data["latin"]:
        for symbol in symbols(name):
            latin.setdefault(symbol, name)
    pairs = []
    for name in data["arabic"]:
        for symbol in sorted(symbols(name)):
            if symbol in latin:
                pairs.append([name, latin[symbol]])
                break
    json.dump(pairs, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
