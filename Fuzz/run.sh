#!/usr/bin/env bash
# Runs fuzz targets with the binary Fuzz/build.sh made (see Fuzz/README.md).
#
#   bash Fuzz/run.sh OUT SECONDS [TARGET…]     every target when none is named
#
# Each target runs for SECONDS on one process (-jobs=1), from the committed seeds in
# Fuzz/corpus/TARGET plus what earlier runs found (kept in OUT/corpus/TARGET, never in the
# checkout). A crash, a hang (an input over 10 s) or an out-of-memory (2 GiB) stops the
# target and leaves the input in OUT/artifacts/; a leak fails it at exit. A line per target gives its executions
# and rate; the script fails when any target found something.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${1:?usage: run.sh OUT SECONDS [TARGET…]}
SECS=${2:?usage: run.sh OUT SECONDS [TARGET…]}
shift 2
BIN="$OUT/alliance-fuzz"
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(edgelist edgelist-string snapshot manifest dataset reference scenario aliases)
fi
[ -x "$BIN" ] || { echo "fuzz: $BIN is missing: run bash Fuzz/build.sh $OUT" >&2; exit 2; }
mkdir -p "$OUT/artifacts" "$OUT/logs"
failed=()
printf '%-16s %12s %10s %8s  %s\n' target executions exec/s seconds result
for target in "${TARGETS[@]}"; do
  [ -d "Fuzz/corpus/$target" ] || { echo "fuzz: no seeds in Fuzz/corpus/$target" >&2; exit 2; }
  mkdir -p "$OUT/corpus/$target"
  log="$OUT/logs/$target.log"
  start=$(date +%s)
  # Swift's own crash backtracer would race libFuzzer's handler: off, so crashes are reported
  # by libFuzzer with the input saved. Leaks are checked once, when the process exits
  # (LeakSanitizer): libFuzzer's per-input check rescans the heap whenever Dispatch's thread
  # pool changes size, which costs 90% of the time. Replay the corpus with
  # `-detect_leaks=1 -runs=…` to find the input of a leak.
  FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
    "$BIN" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 \
    -artifact_prefix="$OUT/artifacts/$target-" "$OUT/corpus/$target" "Fuzz/corpus/$target" >"$log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  result=ok
  if [ $status -ne 0 ]; then
    result="FOUND: $(grep -m1 -E 'ERROR: |invariant violated|Fatal error|deadly signal|timeout|out-of-memory' "$log" | cut -c1-120) (log: $log)"
    failed+=("$target")
  fi
  printf '%-16s %12s %10s %8s  %s\n' "$target" "${runs:-?}" "${rate:-?}" "$(( $(date +%s) - start ))" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]}; inputs in $OUT/artifacts/" >&2
  exit 1
fi
