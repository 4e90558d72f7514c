#!/usr/bin/env bash
# Fuzzes the upload readers (xlsx, CSV), the SNMP decoder and the event decoders (syslog, Alertmanager, Modbus, RTSP/HTTP heads) with libFuzzer and AddressSanitizer for a bounded time.
#   bash fuzz/run.sh [SECONDS_PER_TARGET]     (default 60)
# A crash leaves its input in fuzz/artifacts/; replay it with a plain build:
#   swift run fuzz-xlsx fuzz/artifacts/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
mkdir -p fuzz/artifacts
# Leaks inside Foundation itself are listed (and explained) in fuzz/lsan.supp; any other leak fails.
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0"
for target in xlsx csv snmp events; do
  swift build --scratch-path .build-fuzz --product "fuzz-$target" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 | grep -E "error|Compiling fuzz|Build" || true
  corpus=$(mktemp -d)
  cp fuzz/corpus/"$target"/* "$corpus"/
  echo "== fuzz-$target for ${seconds}s"
  # -rss_limit_mb: a reader that grows past its limits on some input fails the run too.
  .build-fuzz/debug/"fuzz-$target" "$corpus" -max_total_time="$seconds" -max_len=262144 -timeout=20 \
    -rss_limit_mb=1536 -artifact_prefix=fuzz/artifacts/ -print_final_stats=1 2>&1 | grep -v "Cannot export local symbol" | tail -n 40
  rm -rf "$corpus"
done
