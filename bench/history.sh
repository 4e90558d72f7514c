#!/usr/bin/env bash
# Times `zoneops demo --history 90d` on a fresh data directory: the days of past operation made
# through the services on a simulated clock (issue target: 90 days in under 2 minutes).
# Usage: bench/history.sh [days] [debug|release]   (default 90, release)
set -euo pipefail
cd "$(dirname "$0")/.."
days="${1:-90}"
config="${2:-release}"
swift build -c "$config" --product zoneops >&2
binary="$(swift build -c "$config" --show-bin-path)/zoneops"
dir="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
log="$dir/server.log"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start=$(date +%s.%N)
ZONEOPS_DATA_DIR="$dir/data" ZONEOPS_SIM_LANE_RATE=0 ZONEOPS_SYSLOG_PORT=0 ZONEOPS_TRAP_PORT=0 \
  "$binary" demo --history "${days}d" --port "$port" >"$log" 2>&1 &
pid=$!
until grep -q "运行历史完成\|history was made" "$log"; do
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; exit 1; fi
  sleep 0.5
done
end=$(date +%s.%N)
line=$(grep "运行历史完成" "$log")
echo "zoneops demo --history ${days}d ($config build, SQLite, $(nproc) cores)"
echo "  $line"
python3 - "$start" "$end" <<'PY'
import sys
print(f"  wall clock from start to history made (estate loaded first): {float(sys.argv[2]) - float(sys.argv[1]):.1f} s")
PY
