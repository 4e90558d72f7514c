#!/usr/bin/env bash
# Builds the release binary and runs bench/incidents.py (creates/s, queues and search over 100,000 incidents).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
swift build -c release --product zoneops >&2
python3 bench/incidents.py "$@"
