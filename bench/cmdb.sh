#!/usr/bin/env bash
# Builds the release binary and runs bench/cmdb.py (impact and search over 20,000 CIs).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product zoneops >&2
python3 bench/cmdb.py "$@"
