#!/usr/bin/env bash
# Builds the release binary and runs bench/import.py (10,000-row ledger import: time, peak memory).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product zoneops >&2
python3 -m venv .venv-bench >/dev/null && .venv-bench/bin/pip install -q openpyxl
.venv-bench/bin/python bench/import.py "$@"
