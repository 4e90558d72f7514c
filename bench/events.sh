#!/usr/bin/env bash
# Builds the release binary and runs bench/events.py: durable event intake per second beside
# Prometheus Alertmanager's own POST /api/v2/alerts, the 5,000-event storm to its one correlated
# incident, and probe capacity. Needs wrk and prometheus-alertmanager (apt-get install wrk prometheus-alertmanager).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v prometheus-alertmanager >/dev/null || { echo "prometheus-alertmanager is missing: apt-get install -y prometheus-alertmanager" >&2; exit 1; }
swift build -c release --product zoneops >&2
python3 bench/events.py "$@"
