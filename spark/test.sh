#!/usr/bin/env bash
# The PySpark jobs on a real standalone Spark cluster, checked against the engine.
#
#   bash spark/test.sh            (from the project root; CI runs it from .ci/run)
#
# 1. A venv outside the repository ($ALLIANCE_SPARK_VENV, default
#    ~/.cache/alliancegraph-spark-venv; reused when present) with pyspark and pyarrow.
# 2. Java (Debian openjdk-17-jre-headless) installed with apt-get only when missing.
# 3. The `alliance` binary: $ALLIANCE, else the package's debug build (built when missing).
# 4. A standalone master and two workers (1 core, $SPARK_WORKER_MEMORY each) bound to
#    127.0.0.1 through spark-class; stopped on every exit path (trap).
# 5. A Kronecker scale-12 graph and the ATOP 2012 defense layer (the committed reference
#    excerpt), exported with `alliance export edges` and read back with pyarrow; all five
#    jobs through --master spark://127.0.0.1:$SPARK_MASTER_PORT; each result compared with
#    `alliance metrics --format csv` by spark/check.py.
# Ends with "N passed, M failed"; exits 1 when anything disagrees.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${ALLIANCE_SPARK_VENV:-$HOME/.cache/alliancegraph-spark-venv}
PORT=${SPARK_MASTER_PORT:-7077}
WORKER_MEMORY=${SPARK_WORKER_MEMORY:-1g}
EXECUTOR_MEMORY=${SPARK_EXECUTOR_MEMORY:-768m}
NICE=${SPARK_TEST_NICE:-19}
started=$(date +%s)
say() { echo "spark-test: $*" >&2; }

# 1. Python with pyspark and pyarrow.
if [ ! -x "$VENV/bin/python" ]; then
  say "creating the venv $VENV"
  python3 -m venv "$VENV" || {
    say "python3 -m venv failed; installing python3-venv"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$VENV"
  }
fi
PY="$VENV/bin/python"
if ! "$PY" -c "import pyspark, pyarrow" 2>/dev/null; then
  say "installing pyspark and pyarrow into $VENV (pyspark is a 456 MB download)"
  "$PY" -m pip install -q --disable-pip-version-check pyspark pyarrow
fi

# 2. Java.
if ! command -v java >/dev/null 2>&1; then
  say "installing Java (openjdk-17-jre-headless)"
  if [ "$(id -u)" -ne 0 ]; then say "need root to install Java; install a JDK 17 or 21"; exit 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

# 3. The engine.
if [ -z "${ALLIANCE:-}" ]; then
  BIN=$(swift build --show-bin-path)
  if [ ! -x "$BIN/alliance" ]; then
    say "building alliance (swift build --product alliance)"
    nice -n "$NICE" swift build --product alliance
  fi
  ALLIANCE="$BIN/alliance"
fi
[ -x "$ALLIANCE" ] || { say "$ALLIANCE is not an executable"; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/alliancegraph-spark.XXXXXX")
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ] && [ -d "$WORK/logs" ]; then
    say "cluster logs (last lines):"
    tail -n 20 "$WORK"/logs/*.log >&2 || true
  fi
  rm -rf "$WORK"
  say "cluster stopped ($(($(date +%s) - started)) s in all)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 4. The cluster.
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$WORK/local" SPARK_LOG_DIR="$WORK/logs" SPARK_WORKER_DIR="$WORK/workers"
export PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY"
mkdir -p "$WORK/logs" "$WORK/local" "$WORK/workers"
SPARK_CLASS="$VENV/bin/spark-class"
[ -x "$SPARK_CLASS" ] || SPARK_CLASS="$("$PY" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')/bin/spark-class"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then say "port $PORT is taken; set SPARK_MASTER_PORT"; exit 1; fi
nice -n "$NICE" "$SPARK_CLASS" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port 0 \
  >"$WORK/logs/master.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 120); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  sleep 1
done
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || { say "the master did not start"; exit 1; }
for k in 1 2; do
  nice -n "$NICE" "$SPARK_CLASS" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$PORT" --host 127.0.0.1 \
    --cores 1 --memory "$WORKER_MEMORY" --webui-port 0 --work-dir "$WORK/workers/$k" >"$WORK/logs/worker-$k.log" 2>&1 &
  PIDS+=($!)
done
for _ in $(seq 120); do
  [ "$(grep -c "Registering worker" "$WORK/logs/master.log" || true)" -ge 2 ] && break
  sleep 1
done
[ "$(grep -c "Registering worker" "$WORK/logs/master.log" || true)" -ge 2 ] || { say "the workers did not register"; exit 1; }
MASTER="spark://127.0.0.1:$PORT"
say "cluster up: $MASTER with 2 workers ($(($(date +%s) - started)) s)"

# 5. Graphs, jobs, checks.
passed=0
failed=0
record() {
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
JOBS=pagerank,components,bfs,degree,triangles
run_graph() {
  local name=$1 export_dir=$2 metrics=$3 source=$4
  record "$PY" spark/check.py export --edges "$export_dir"
  local out="$WORK/$name-out" clock
  clock=$(date +%s)
  if ! (cd spark && nice -n "$NICE" "$PY" -m alliancegraph_spark "$JOBS" --edges "$export_dir" --out "$out" \
    --master "$MASTER" --source "$source" --partitions 4 --executor-memory "$EXECUTOR_MEMORY" \
    --checkpoint-dir "$WORK/$name-checkpoints" 2>"$WORK/logs/$name-jobs.log"); then
    say "$name: the jobs failed:"
    grep -v '^\s*at ' "$WORK/logs/$name-jobs.log" | tail -n 30 >&2
    failed=$((failed + 5))
    return
  fi
  grep -E '^(pagerank|components|bfs|degree|triangles): ' "$WORK/logs/$name-jobs.log" | sed "s/^/spark-test: $name: /" >&2
  say "$name: five jobs in $(($(date +%s) - clock)) s"
  for job in ${JOBS//,/ }; do record "$PY" spark/check.py "$job" --spark "$out/$job" --engine "$metrics"; done
}
# The node of highest degree (the first such) in an engine CSV.
busiest() { "$PY" -c 'import csv, sys; r = list(csv.reader(open(sys.argv[1]))); i = r[0].index("degree"); print(max(r[1:], key=lambda x: int(x[i]))[0])' "$1"; }

METRICS=degree,bfs,component,triangles,pagerank
"$ALLIANCE" generate kronecker --scale 12 --edge-factor 16 --seed 1 --out "$WORK/k12.bin" --quiet >/dev/null
"$ALLIANCE" export edges "$WORK/k12.bin" "$WORK/k12" --partitions 4 --quiet >/dev/null
"$ALLIANCE" metrics "$WORK/k12.bin" --metric degree --format csv --quiet >"$WORK/k12-degree.csv"
SOURCE=$(busiest "$WORK/k12-degree.csv")
"$ALLIANCE" metrics "$WORK/k12.bin" --metric "$METRICS" --source "$SOURCE" --format csv --quiet >"$WORK/k12.csv"
run_graph k12 "$WORK/k12" "$WORK/k12.csv" "$SOURCE"

ATOP=(Tests/Fixtures/reference --year 2012 --layer defense)
"$ALLIANCE" export edges "${ATOP[@]}" "$WORK/atop-2012" --quiet >/dev/null
"$ALLIANCE" metrics "${ATOP[@]}" --metric degree --format csv --quiet >"$WORK/atop-degree.csv"
SOURCE=$(busiest "$WORK/atop-degree.csv")
"$ALLIANCE" metrics "${ATOP[@]}" --metric "$METRICS" --source "$SOURCE" --format csv --quiet >"$WORK/atop.csv"
run_graph atop-2012 "$WORK/atop-2012" "$WORK/atop.csv" "$SOURCE"

echo "spark: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
