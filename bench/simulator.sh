#!/usr/bin/env bash
# Builds the release binary and runs bench/simulator.py: the demo's load time and the simulated
# zone's cost at rest (server, probes at default intervals and the simulator, one process).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product zoneops >&2
python3 bench/simulator.py "$@"
