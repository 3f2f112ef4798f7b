#!/usr/bin/env bash
# Create the baseline environment for the matching benchmarks: nomenklatura
# (logic-v2, the matcher behind OpenSanctions yente) in its own virtualenv,
# bench/baseline/.venv, which is git-ignored and never committed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python3 -m venv "$here/.venv"
"$here/.venv/bin/pip" install --quiet -r "$here/requirements.txt"
"$here/.venv/bin/python" -c "from nomenklatura.matching import get_algorithm; assert get_algorithm('logic-v2')"
echo "baseline ready: $here/.venv"
