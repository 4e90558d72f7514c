#!/usr/bin/env bash
# Throughput and p99 latency of an authenticated GET /api/v1/me, beside a bare Vapor
# hello-world measured in the same run; and resident memory of zoneops after start.
# Usage: bench/me.sh [seconds-per-run]   (needs wrk: apt-get install wrk)
# Release builds; SQLite in a fresh temporary data dir (set DATABASE_URL for PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

echo "building release binaries (first time takes a while)..." >&2
swift build -c release --product zoneops >&2
swift build -c release --product vapor-hello >&2
bin=$(swift build -c release --show-bin-path)

data=$(mktemp -d)
zport=18080; hport=18081
cleanup() { kill "${zpid:-}" "${hpid:-}" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

ZONEOPS_DATA_DIR=$data ZONEOPS_ADMIN_PASSWORD=bench-password-1 LOG_LEVEL=warning \
  "$bin/zoneops" serve --port $zport --log warning >"$data/zoneops.log" 2>&1 &
zpid=$!
"$bin/vapor-hello" serve --port $hport --log warning >"$data/hello.log" 2>&1 &
hpid=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$zport/healthz" >/dev/null && curl -sf "http://127.0.0.1:$hport/hello" >/dev/null && break
  sleep 0.2
done
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$zpid/status")

token=$(curl -sf -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-password-1","validDays":1}' \
  "http://127.0.0.1:$zport/api/v1/tokens" | sed 's/.*"token":"\([^"]*\)".*/\1/')

run() { # url [header]
  if [ -n "${2:-}" ]; then wrk -t2 -c32 -d"${duration}s" --latency -H "$2" "$1"; else wrk -t2 -c32 -d"${duration}s" --latency "$1"; fi
}
rps() { awk '/Requests\/sec/ {print $2}'; }
p99() { awk '$1 == "99%" {print $2}'; }

run "http://127.0.0.1:$hport/hello" >/dev/null  # warm-up
hello=$(run "http://127.0.0.1:$hport/hello")
run "http://127.0.0.1:$zport/api/v1/me" "Authorization: Bearer $token" >/dev/null  # warm-up
me=$(run "http://127.0.0.1:$zport/api/v1/me" "Authorization: Bearer $token")
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$zport/api/v1/me")

hello_rps=$(echo "$hello" | rps); me_rps=$(echo "$me" | rps)
echo "ZoneOps bench: wrk -t2 -c32 -d${duration}s --latency on $(nproc) cores, release builds, database ${DATABASE_URL:+postgres}${DATABASE_URL:-sqlite}"
printf '%-34s %12s %10s\n' "endpoint" "req/s" "p99"
printf '%-34s %12s %10s\n' "bare Vapor GET /hello" "$hello_rps" "$(echo "$hello" | p99)"
printf '%-34s %12s %10s\n' "zoneops GET /api/v1/me (Bearer)" "$me_rps" "$(echo "$me" | p99)"
awk -v a="$me_rps" -v b="$hello_rps" 'BEGIN { printf "ratio /me : hello = %.2f (target >= 0.50)\n", a / b }'
echo "GET /api/v1/me answered HTTP $status during the run"
awk -v kb="$rss_kb" 'BEGIN { printf "zoneops resident memory after start: %.1f MB (target < 60 MB)\n", kb / 1024 }'
