#!/usr/bin/env bash
# Builds the fuzz binary: the parser modules compiled from Sources/ with libFuzzer's coverage
# and AddressSanitizer, then Fuzz/*.swift linked against them (libFuzzer supplies main, so
# everything is compiled with -parse-as-library). See Fuzz/README.md.
#
#   bash Fuzz/build.sh [OUT]       OUT defaults to .build/fuzz; the binary is OUT/alliance-fuzz
#
# Environment: SWIFTC (default swiftc), SWIFT_SCRATCH (SwiftPM's scratch path, where
# swift-atomics is checked out; default .build), FUZZ_OPT (default -O).
# A module is recompiled only when one of its sources is newer than its object file.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-.build/fuzz}
SWIFTC=${SWIFTC:-swiftc}
SCRATCH=${SWIFT_SCRATCH:-.build}
OPT=${FUZZ_OPT:--O}
mkdir -p "$OUT"

ATOMICS="$SCRATCH/checkouts/swift-atomics/Sources"
if [ ! -d "$ATOMICS/Atomics" ]; then
  swift package --scratch-path "$SCRATCH" resolve >/dev/null
fi

SANITIZE=(-sanitize=fuzzer,address)
COMMON=(-parse-as-library -package-name alliancegraph -wmo -I "$OUT" -I "$ATOMICS/_AtomicsShims/include")

# stale NAME DIR DEP…: whether OUT/NAME.o is missing or older than a source in DIR, a
# dependency's interface or this script. An interface is replaced only when it changes, so
# editing a function body recompiles that module alone.
stale() {
  local name=$1 dir=$2
  shift 2
  [ -f "$OUT/$name.o" ] || return 0
  [ -n "$(find "$dir" "$0" -newer "$OUT/$name.o" -type f -print -quit)" ] && return 0
  for dep in "$@"; do [ "$OUT/$dep.swiftmodule" -nt "$OUT/$name.o" ] && return 0; done
  return 1
}

# module NAME DIR "DEP…" FLAG…: compiles the module in DIR into OUT/NAME.o and its interface.
module() {
  local name=$1 dir=$2 deps=$3
  shift 3
  # shellcheck disable=SC2086
  stale "$name" "$dir" $deps || return 0
  local sources=()
  mapfile -d '' sources < <(find "$dir" -name '*.swift' -print0 | sort -z)
  local t0=$SECONDS
  mkdir -p "$OUT/new"
  "$SWIFTC" "${COMMON[@]}" "$@" -module-name "$name" -emit-module -emit-module-path "$OUT/new/$name.swiftmodule" \
    -c -o "$OUT/new/$name.o" "${sources[@]}"
  for file in "$OUT/new/$name".*; do
    local base=${file##*/}
    if [ "$base" = "$name.o" ] || ! cmp -s "$file" "$OUT/$base"; then mv "$file" "$OUT/$base"; else rm "$file"; fi
  done
  echo "fuzz build: $name (${#sources[@]} files) in $((SECONDS - t0)) s" >&2
}

start=$SECONDS
# The C half of swift-atomics (out-of-line retain/release helpers).
if [ ! -f "$OUT/AtomicsShims.o" ] || [ "$ATOMICS/_AtomicsShims/src/_AtomicsShims.c" -nt "$OUT/AtomicsShims.o" ]; then
  clang -c -O2 -I "$ATOMICS/_AtomicsShims/include" "$ATOMICS/_AtomicsShims/src/_AtomicsShims.c" -o "$OUT/AtomicsShims.o"
fi
# The parsers (GraphCore, AllianceModel) are optimised and instrumented. GraphAlgorithms and
# Atomics only have to link (no parser runs them): unoptimised, uninstrumented. The
# scenario parser's module (AllianceAnalytics) is instrumented but unoptimised, which
# halves the build; the scenario target spends its time in AllianceModel's lookups.
module Atomics "$ATOMICS/Atomics" "" -Onone -enable-experimental-feature BuiltinModule &
atomics=$!
module GraphCore Sources/GraphCore "" "$OPT" "${SANITIZE[@]}" -enable-testing
wait $atomics
module AllianceModel Sources/AllianceModel "GraphCore" "$OPT" "${SANITIZE[@]}" -enable-testing &
model=$!
module GraphAlgorithms Sources/GraphAlgorithms "GraphCore Atomics" -Onone
wait $model
module AllianceAnalytics Sources/AllianceAnalytics "GraphCore AllianceModel GraphAlgorithms" -Onone "${SANITIZE[@]}" -enable-testing

# Absolute paths, so #filePath (the harness finds Tests/Fixtures with it) is absolute.
mapfile -d '' harness < <(find "$PWD/Fuzz" -maxdepth 2 -name '*.swift' -print0 | sort -z)
echo "fuzz build: harness (${#harness[@]} files) and link" >&2
"$SWIFTC" "${COMMON[@]}" "$OPT" "${SANITIZE[@]}" -module-name AllianceFuzz "${harness[@]}" \
  "$OUT/GraphCore.o" "$OUT/Atomics.o" "$OUT/AtomicsShims.o" "$OUT/GraphAlgorithms.o" "$OUT/AllianceModel.o" "$OUT/AllianceAnalytics.o" \
  -o "$OUT/alliance-fuzz"
echo "fuzz build: $OUT/alliance-fuzz in $((SECONDS - start)) s" >&2
