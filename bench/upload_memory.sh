#!/usr/bin/env bash
# Builds the release binary and runs bench/upload_memory.py (peak memory while hostile uploads are refused).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product zoneops >&2
python3 -m venv .venv-bench >/dev/null && .venv-bench/bin/pip install -q openpyxl
.venv-bench/bin/python bench/upload_memory.py "$@"
