#!/usr/bin/env python3
"""Compare AllianceGraph's `alliance bench` with GAPBS, NetworKit and igraph on one graph.

Each system is run as its own process; the graph is loaded once per process, outside the
timed region, and every kernel is timed over --trials trials. The same thread count is given
to every system that can use threads (alliance --threads, OMP_NUM_THREADS for GAPBS,
networkit.setNumberOfThreads; igraph is single-threaded).

Fairness on a shared machine:

- Interleaved rounds (--rounds R, default 3). The whole set of kernel runs is repeated R times;
  in each round, for each kernel, alliance and GAPBS each run one process (--trials trials),
  with the order of the systems rotated from round to round. The Python peers run once per
  round as a whole (one child process doing all their kernels), after that round's alliance and
  GAPBS kernels (so igraph can reuse the betweenness sources GAPBS printed in the same round).
  Medians in the table are over all trials of all rounds; the JSON keeps every round's median
  and the report shows the range of per-round medians.
- Idle rule (--wait-idle LOAD, default 0.5; 0 disables; --wait-timeout S, default 600). Before
  each timed process the harness polls the 1-minute load average every 5 s until it is below
  LOAD; after S seconds it goes on anyway and records that the run was not idle. The load
  average seen just before each process is in the JSON run records, and the report header says
  how many runs started above the threshold.
- Load times (load_text, load_binary) are measured once per system after the kernel rounds,
  --load-trials times per system and format (the Python peers: in their first-round process).

PageRank is reported twice: per iteration (trial time / iterations) and in total, to the 1e-4
stop (median of the per-trial totals). alliance runs `--pagerank-variant` (default
gauss-seidel, the GAPBS-like sweep; jacobi is the networkx-compatible power iteration;
propagation-blocking is the Jacobi iteration of Beamer et al. 2017 that bins contributions).
GAPBS is pinned to commit GAPBS_COMMIT; a different checkout in --gapbs-dir is reported.

SSSP (kernel sssp) needs a weighted graph: --weighted-graph X.wel (`u v w` per line, the same
node ids; GAPBS's converter -w gives integer weights 1..255), with --wsg (GAPBS) and --wbin
(alliance) defaulting to X.wsg and Xw.bin when present. Both systems run Δ-stepping (bucket
fusion) from the BFS source with bin width --delta (default 2, GAPBS's choice for Kronecker
graphs); NetworKit and igraph are not run for it. sssp is in the default kernel list only when
--weighted-graph is given; asking for it without one is an error.

The harness only *runs* the peers; it contains none of their code.

K20 comparison (run on a quiet machine; see README.md for how the inputs are made):

    cd Benchmarks/compare
    $PEERS_PYTHON compare.py \\
        --graph $GRAPHS/k20.el --nodes 1048576 \\
        --sg $GRAPHS/k20.sg --bin $GRAPHS/k20.bin \\
        --weighted-graph $GRAPHS/k20.wel --wsg $GRAPHS/k20.wsg --wbin $GRAPHS/k20w.bin --delta 2 \\
        --gapbs-dir $GAPBS_DIR --alliance ../../.build/release/alliance \\
        --systems alliance,gapbs,networkit,igraph \\
        --kernels bfs,sssp,pagerank,cc,tc,betweenness,core \\
        --trials 5 --rounds 3 --threads 2 \\
        --json results/k20.json --markdown results/k20.md

K16 smoke test (a few minutes):

    $PEERS_PYTHON compare.py --graph $GRAPHS/k16.el --nodes 65536 \\
        --trials 1 --rounds 1 --wait-idle 0 --json results/k16.json --markdown results/k16.md

Only the standard library is imported at top level; networkit, igraph and numpy are
imported inside the functions that use them, so the script runs under the peers' venv
($PEERS_PYTHON), which the Python peers need anyway.
"""

import argparse
import datetime
import json
import math
import os
import platform
import random
import re
import resource
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

SYSTEMS = ("alliance", "gapbs", "networkit", "igraph")
KERNEL_SYSTEMS = ("alliance", "gapbs")          # one process per kernel
PEER_SYSTEMS = ("networkit", "igraph")          # one child process per round, all kernels
KERNELS = ("bfs", "pagerank", "cc", "tc", "betweenness", "core", "sssp")
WEIGHTED_KERNELS = ("sssp",)                    # need --weighted-graph
PEER_KERNELS = tuple(k for k in KERNELS if k not in WEIGHTED_KERNELS)   # what the Python peers run
SYSTEM_TITLES = {"alliance": "alliance", "gapbs": "GAPBS", "networkit": "NetworKit", "igraph": "igraph"}
KERNEL_TITLES = {
    "load_text": "load text edge list",
    "load_binary": "load binary (alliance .bin, GAPBS .sg)",
    "bfs": "BFS (one source)",
    "pagerank": "PageRank, per iteration",
    "pagerank_total": "PageRank, to the 1e-4 stop (total)",
    "cc": "connected components",
    "tc": "triangle count",
    "betweenness": "betweenness, {k} sources",
    "core": "k-core (core numbers)",
    "sssp": "SSSP (Δ-stepping, one source)",
}
ROWS = ("load_text", "load_binary", "bfs", "sssp", "pagerank", "pagerank_total", "cc", "tc", "betweenness", "core")
ROW_KERNEL = {"pagerank_total": "pagerank"}     # rows derived from another kernel's runs
GAPBS_BINARIES = {"bfs": "bfs", "pagerank": "pr", "cc": "cc", "tc": "tc", "betweenness": "bc", "sssp": "sssp"}
GAPBS_COMMIT = "b5e3e19c2845f22fb338f4a4bc4b1ccee861d026"   # the commit PEERS.md and the README use
PAGERANK_DAMPING = 0.85
PAGERANK_TOLERANCE = 1e-4   # L1 change of the score vector (scores sum to 1), as GAPBS pr
PAGERANK_MAX_ITERATIONS = 20
PAGERANK_VARIANTS = ("gauss-seidel", "jacobi", "propagation-blocking")
SSSP_DELTA = 2              # GAPBS's benchmark uses -d 2 on its Kronecker graphs (weights 1..255)
IDLE_POLL_SECONDS = 5
RESULT_MARKER = "COMPARE_RESULT "


# ----------------------------------------------------------------------------------------
# Small helpers

def log(message):
    print(f"[compare {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values):
    return statistics.median(values) if values else None


def format_seconds(x):
    """Seconds with three significant digits and no exponent (0.000712, 0.0203, 8.21, 29.0, 481)."""
    if x is None:
        return "—"
    if x <= 0:
        return "0"

    digits = max(0, 2 - math.floor(math.log10(x)))
    return f"{x:.{digits}f}"


TIME_BINARY = "/usr/bin/time"


def run_process(cmd, env=None, timeout=None):
    """Run cmd in its own process group; return stdout, stderr, return code, wall time and the
    child's peak RSS in bytes. On timeout the whole group is killed.

    Peak RSS comes from GNU time (`%M`) when /usr/bin/time exists: the kernel carries a parent's
    RSS high-water mark across fork and exec, so wait4's ru_maxrss of a child of this (large)
    Python process would include our own footprint; GNU time's child is forked from a small
    process. Without it, wait4's figure is kept and flagged."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(prefix="compare-rss-", delete=True) as rss_file:
        use_time = os.access(TIME_BINARY, os.X_OK)
        full = ([TIME_BINARY, "-f", "%M", "-o", rss_file.name] if use_time else []) + [str(c) for c in cmd]
        start = time.perf_counter()
        proc = subprocess.Popen(full, stdout=out, stderr=err, env=env, start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:   # e.g. Ctrl-C: do not leave the child's group running
            kill()
            os.wait4(proc.pid, 0)
            raise
        finally:
            if timer:
                timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak, how = usage.ru_maxrss * 1024, "wait4 ru_maxrss (includes the harness's own high-water mark)"
        if use_time:
            with open(rss_file.name) as f:
                numbers = [line.strip() for line in f if line.strip().isdigit()]
            if numbers:
                peak, how = int(numbers[-1]) * 1024, "GNU time %M"
        out.seek(0)
        err.seek(0)
        return {
            "command": " ".join(shlex.quote(str(c)) for c in cmd),
            "returncode": proc.returncode,
            "timed_out": timed_out.is_set(),
            "wall_seconds": wall,
            "peak_rss_bytes": peak,
            "peak_rss_how": how,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
        }


def failure_text(run):
    if run["timed_out"]:
        return f"timed out after {run['wall_seconds']:.0f} s"
    lines = (run["stderr"].strip() or run["stdout"].strip()).splitlines()
    last = lines[-1].strip() if lines else ""
    if "ModuleNotFoundError" in last:
        last += f" (run compare.py with the peers' Python, e.g. $PEERS_PYTHON)"
    return f"exit code {run['returncode']}: {last[:300]}"


RUN_KEYS = ("command", "returncode", "timed_out", "wall_seconds", "peak_rss_bytes", "peak_rss_how",
            "round", "loadavg_before", "idle", "waited_seconds")


def record_run(state, system, what, run):
    """Keep every child run in the JSON (stdout/stderr tails only)."""
    entry = {k: run.get(k) for k in RUN_KEYS}
    entry.update(system=system, what=what, stdout_tail=run["stdout"][-2000:], stderr_tail=run["stderr"][-2000:])
    state["runs"].append(entry)


def wait_idle(args, what):
    """Poll the 1-minute load average every IDLE_POLL_SECONDS until it is below --wait-idle, at
    most --wait-timeout seconds. Returns (load average seen last, idle, seconds waited); idle is
    None when the rule is off, False when the wait timed out."""
    load = os.getloadavg()[0]
    if args.wait_idle <= 0:
        return load, None, 0.0
    if load < args.wait_idle:
        return load, True, 0.0
    log(f"load average {load:.2f} ≥ {args.wait_idle:g}: waiting before {what} "
        f"(at most {args.wait_timeout:g} s)")
    start = time.monotonic()
    while True:
        remaining = args.wait_timeout - (time.monotonic() - start)
        if remaining <= 0:
            log(f"load average still {load:.2f} after {args.wait_timeout:g} s: running {what} anyway "
                "(recorded as not idle)")
            return load, False, time.monotonic() - start
        time.sleep(min(IDLE_POLL_SECONDS, remaining))
        load = os.getloadavg()[0]
        if load < args.wait_idle:
            waited = time.monotonic() - start
            log(f"load average {load:.2f} after {waited:.0f} s: going on")
            return load, True, waited


def timed_process(args, state, system, what, cmd, env=None, round_index=None):
    """Wait for the idle rule, run one timed child process and record it."""
    load, idle, waited = wait_idle(args, f"{system} {what}")
    run = run_process(cmd, env=env, timeout=args.timeout)
    run.update(round=round_index, loadavg_before=round(load, 2), idle=idle, waited_seconds=round(waited, 1))
    record_run(state, system, what, run)
    return run



def max_degree_node(path, nodes):
    """The node of largest degree in a `u v` edge list (smallest id on ties), as PEERS.md picks
    the BFS source. Uses numpy when present (fast), else a plain line loop."""
    try:
        import numpy as np
        ids = np.fromfile(path, dtype=np.int64, sep=" ")
        if ids.size % 2:
            raise ValueError("odd number of integers")
        degree = np.bincount(ids, minlength=nodes or 0)
        return int(degree.argmax()), int(degree.max())
    except ImportError:
        pass
    from array import array
    degree = array("q", [0]) * (nodes or 0)
    with open(path, "rb") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2 or parts[0].startswith(b"#"):
                continue
            for token in parts[:2]:
                v = int(token)
                if v >= len(degree):
                    degree.extend([0] * (v + 1 - len(degree)))
                degree[v] += 1
    best = max(range(len(degree)), key=lambda v: (degree[v], -v))
    return best, degree[best]


def kernel_entry(trials, unit="s", **extra):
    entry = {"trials": trials, "median": median(trials), "unit": unit,
             "min": min(trials) if trials else None, "max": max(trials) if trials else None}
    entry.update(extra)
    return entry



def merge_rounds(entries):
    """One entry per system × kernel from the per-round entries: all trials of all rounds, plus
    each round's median (and, for PageRank, each round's total median) under "rounds"."""
    data = [(r, e) for r, e in enumerate(entries) if isinstance(e, dict) and "trials" in e]
    errors = [{"round": r, "error": e["error"]} for r, e in enumerate(entries)
              if isinstance(e, dict) and "error" in e]
    if not data:
        if errors:
            return {"error": errors[0]["error"], "round_errors": errors}
        return next((e for e in entries if isinstance(e, dict)), {"absent": "not run"})
    first = data[0][1]
    extra = {}
    for key in ("total_trials", "iterations", "sources"):
        if key in first:
            extra[key] = [x for _, e in data for x in e.get(key, [])]
    for key, value in first.items():
        if key not in ("trials", "median", "min", "max", "unit", "result", "verified", "peak_rss_bytes") \
                and key not in extra:
            extra[key] = value
    results = []
    for _, e in data:
        if e.get("result") is not None and e["result"] not in results:
            results.append(e["result"])
    extra["result"] = " / ".join(str(x) for x in results) if results else None
    verified = [e.get("verified") for _, e in data if e.get("verified") is not None]
    if verified:
        extra["verified"] = all(verified)
    rss = [e["peak_rss_bytes"] for _, e in data if e.get("peak_rss_bytes")]
    if rss:
        extra["peak_rss_bytes"] = max(rss)
    merged = kernel_entry([t for _, e in data for t in e["trials"]], first.get("unit", "s"), **extra)
    rounds = []
    for r, e in data:
        one = {"round": r, "median": e.get("median"), "trials": e["trials"]}
        if "total_trials" in e:
            one["total_median"] = median(e["total_trials"])
            one["total_trials"] = e["total_trials"]
        if "iterations" in e:
            one["iterations"] = e["iterations"]
        if e.get("result") is not None:
            one["result"] = e["result"]
        rounds.append(one)
    merged["rounds"] = sorted(rounds + errors, key=lambda x: x["round"])
    merged["round_medians"] = [x["median"] for x in rounds]
    if errors:
        merged["round_errors"] = errors
    if "total_trials" in merged:
        merged["total_median"] = median(merged["total_trials"])
        merged["round_total_medians"] = [x["total_median"] for x in rounds]
    return merged


def pagerank_total_entry(system, entry):
    """The "PageRank, to the 1e-4 stop (total)" row: median of the per-trial totals. igraph's
    PRPACK has no iteration count and solves to convergence: its whole-solve figure is shown but
    flagged `to_convergence` (left out of the ratios)."""
    if not isinstance(entry, dict) or "trials" not in entry:
        return entry
    if entry.get("unit") == "s total":   # igraph: its trials are whole solves already
        out = kernel_entry(entry["trials"], "s", to_convergence=True)
        out["round_medians"] = entry.get("round_medians", [])
        return out
    if "total_trials" not in entry:
        return None
    out = kernel_entry(entry["total_trials"], "s", iterations=entry.get("iterations"))
    out["round_medians"] = entry.get("round_total_medians", [])
    return out


# ----------------------------------------------------------------------------------------
# alliance

def alliance_bench(args, state, graph_path, kernel, trials, text, source, verify, round_index=None,
                   what=None):
    cmd = [args.alliance, "bench", graph_path, "--kernel", kernel, "--trials", str(trials),
           "--threads", str(args.threads), "--format", "json",
           "--betweenness-sources", str(args.betweenness_sources), "--seed", str(args.seed)]
    if kernel == "pagerank":
        cmd += ["--pagerank-variant", args.pagerank_variant]
    if kernel == "sssp":
        cmd += ["--delta", str(args.delta)]
    if text and args.nodes:
        cmd += ["--nodes", str(args.nodes)]
    if source is not None:
        cmd += ["--source", str(source)]
    if not verify:
        cmd.append("--no-verify")
    run = timed_process(args, state, "alliance", what or f"{kernel} {'text' if text else 'binary'}", cmd,
                        round_index=round_index)
    if run["returncode"] != 0:
        raise RuntimeError(failure_text(run))
    text_out = run["stdout"]
    report = json.loads(text_out[text_out.index("{"):])
    return report, run


def alliance_graph_path(args, kernel=None):
    """(file alliance loads for kernel, whether it is a text edge list): the weighted snapshot
    or weighted text for sssp, else the snapshot or the text edge list."""
    if kernel in WEIGHTED_KERNELS:
        return (args.wbin, False) if args.wbin is not None else (args.weighted_graph, True)
    return (args.bin, False) if args.bin is not None else (args.graph, True)


def alliance_kernel(args, state, kernel, round_index):
    """One `alliance bench --kernel K` process: the entry of one round."""
    graph_path, text = alliance_graph_path(args, kernel)
    state["inputs"]["alliance_weighted" if kernel in WEIGHTED_KERNELS else "alliance"] = graph_path
    log(f"round {round_index + 1}: alliance {kernel}")
    try:
        # bfs and sssp: the BFS source; betweenness: seeded random sources
        source = args.bfs_source if kernel in ("bfs", "sssp") else None
        report, run = alliance_bench(args, state, graph_path, kernel, args.trials, text, source,
                                     args.verify, round_index)
        k = report["kernels"][0]
        extra = {"result": k.get("result"), "verified": k.get("verified"),
                 "verification": k.get("verification"), "peak_rss_bytes": report.get("peak_rss_bytes"),
                 "graph": report.get("graph")}
        if kernel == "pagerank":
            iterations = k.get("iterations") or []
            per_iteration = [t / i for t, i in zip(k["trials"], iterations) if i]
            return kernel_entry(per_iteration, "s/iteration", total_trials=k["trials"], iterations=iterations,
                                variant=args.pagerank_variant, **extra)
        if kernel == "sssp":   # iterations = Δ-stepping steps (bins processed) per trial
            return kernel_entry(k["trials"], iterations=k.get("iterations") or [], delta=args.delta, **extra)
        return kernel_entry(k["trials"], **extra)
    except Exception as error:  # keep going with the other kernels
        log(f"alliance {kernel} failed: {error}")
        return {"error": str(error)}


def alliance_loads(args, state):
    results = {}
    for row, path, text in (("load_text", args.graph, True), ("load_binary", args.bin, False)):
        if path is None:
            continue
        log(f"alliance {row} ×{args.load_trials}")
        loads, rss = [], []
        try:
            for _ in range(args.load_trials):
                report, run = alliance_bench(args, state, path, "bfs", 1, text, args.bfs_source, False,
                                             what=row)
                loads.append(report["load_seconds"])
                rss.append(report.get("peak_rss_bytes") or run["peak_rss_bytes"])   # its own VmHWM first
            results[row] = kernel_entry(loads, file=path, peak_rss_bytes=max(rss))
        except Exception as error:
            results[row] = {"error": str(error)}
            log(f"alliance {row} failed: {error}")
    return results


# ----------------------------------------------------------------------------------------
# GAPBS

TRIAL_RE = re.compile(r"^Trial Time:\s+([0-9.eE+-]+)")
READ_RE = re.compile(r"^Read Time:\s+([0-9.eE+-]+)")
BUILD_RE = re.compile(r"^Build Time:\s+([0-9.eE+-]+)")
PR_STEP_RE = re.compile(r"^\s*\d+\s+[0-9.eE+-]+\s*$")           # `pr -l`: "<iteration> <L1 change>"
BC_SOURCE_RE = re.compile(r"^Source:\s+(\d+)")                   # `bc -l`: one line per source
SSSP_STEPS_RE = re.compile(r"^took (\d+) iterations")           # `sssp -l`: once per trial
RESULT_RES = {
    "bfs": re.compile(r"BFS Tree has (\d+) nodes"),
    "sssp": re.compile(r"SSSP Tree reaches (\d+) nodes"),
    "cc": re.compile(r"There are (\d+) components"),
    "tc": re.compile(r"^(\d+) triangles", re.M),
}


def gapbs_env(args):
    return dict(os.environ, OMP_NUM_THREADS=str(args.threads))


def gapbs_graph_flags(args, kernel=None):
    """-f flags for kernel: the .wsg or the weighted text (.wel, symmetrised) for sssp, else the
    .sg or the text edge list."""
    if kernel in WEIGHTED_KERNELS:
        return ["-f", args.wsg] if args.wsg else ["-f", args.weighted_graph, "-s"]
    return ["-f", args.sg] if args.sg else ["-f", args.graph, "-s"]


def gapbs_kernel(args, state, kernel, round_index):
    """One GAPBS process (`bfs|pr|cc|tc|bc|sssp -n TRIALS`): the entry of one round."""
    binary = GAPBS_BINARIES.get(kernel)
    if binary is None:
        return {"absent": "GAPBS has no such kernel"}
    graph_flags = gapbs_graph_flags(args, kernel)
    state["inputs"]["gapbs_weighted" if kernel in WEIGHTED_KERNELS else "gapbs"] = graph_flags[1]
    cmd = [os.path.join(args.gapbs_dir, binary)] + graph_flags + ["-n", str(args.trials)]
    if kernel == "bfs":
        cmd += ["-r", str(args.bfs_source), "-a"]
    elif kernel == "sssp":   # -l only for its "took N iterations" line (the step count)
        cmd += ["-r", str(args.bfs_source), "-d", str(args.delta), "-a", "-l"]
    elif kernel == "pagerank":
        cmd += ["-i", str(PAGERANK_MAX_ITERATIONS), "-t", str(PAGERANK_TOLERANCE), "-l"]
    elif kernel in ("cc", "tc"):
        cmd += ["-a"]
    elif kernel == "betweenness":
        cmd += ["-i", str(args.betweenness_sources), "-l"]   # -i = sources per trial, random
    log(f"round {round_index + 1}: gapbs {kernel}")
    run = timed_process(args, state, "gapbs", kernel, cmd, env=gapbs_env(args), round_index=round_index)
    if run["returncode"] != 0:
        error = failure_text(run)
        log(f"gapbs {kernel} failed: {error}")
        return {"error": error}
    trials, iterations, sources, current = [], [], [], {"steps": 0, "sources": []}
    for line in run["stdout"].splitlines():
        m = TRIAL_RE.match(line)
        if m:
            trials.append(float(m.group(1)))
            iterations.append(current["steps"])
            sources.append(current["sources"])
            current = {"steps": 0, "sources": []}
        elif kernel == "pagerank" and PR_STEP_RE.match(line):
            current["steps"] += 1
        elif kernel == "sssp" and SSSP_STEPS_RE.match(line):
            current["steps"] = int(SSSP_STEPS_RE.match(line).group(1))
        elif kernel == "betweenness":
            s = BC_SOURCE_RE.match(line)
            if s:
                current["sources"].append(int(s.group(1)))
    extra = {"peak_rss_bytes": run["peak_rss_bytes"]}
    if kernel in RESULT_RES:
        m = RESULT_RES[kernel].search(run["stdout"])
        if m:
            extra["result"] = {"bfs": "reached {} nodes", "cc": "{} components", "tc": "{} triangles",
                               "sssp": "reached {} nodes"}[kernel].format(m.group(1))
    if kernel == "pagerank":
        per_iteration = [t / i for t, i in zip(trials, iterations) if i]
        extra["result"] = f"iterations {iterations}"
        return kernel_entry(per_iteration, "s/iteration", total_trials=trials, iterations=iterations, **extra)
    if kernel == "betweenness":
        extra["result"] = f"{len(sources[0]) if sources else 0} sources per trial"
        return kernel_entry(trials, sources=sources, **extra)
    if kernel == "sssp":   # iterations = Δ-stepping steps per trial, as alliance's
        if extra.get("result") and any(iterations):
            extra["result"] += f", {format_steps(iterations)} (delta {args.delta})"
        return kernel_entry(trials, iterations=iterations, delta=args.delta, **extra)
    return kernel_entry(trials, **extra)


def gapbs_loads(args, state):
    results = {}
    env = gapbs_env(args)
    loads = (("load_text", ["-f", args.graph, "-s"]),) + ((("load_binary", ["-f", args.sg]),) if args.sg else ())
    for row, flags in loads:
        log(f"gapbs {row} ×{args.load_trials}")
        seconds, reads, builds, rss, error = [], [], [], [], None
        for _ in range(args.load_trials):
            cmd = [os.path.join(args.gapbs_dir, "bfs")] + flags + ["-n", "1", "-r", str(args.bfs_source)]
            run = timed_process(args, state, "gapbs", row, cmd, env=env)
            if run["returncode"] != 0:
                error = failure_text(run)
                break
            read = sum(float(m.group(1)) for m in map(READ_RE.match, run["stdout"].splitlines()) if m)
            build = sum(float(m.group(1)) for m in map(BUILD_RE.match, run["stdout"].splitlines()) if m)
            reads.append(read)
            builds.append(build)
            seconds.append(read + build)
            rss.append(run["peak_rss_bytes"])
        if error:
            results[row] = {"error": error}
        else:
            results[row] = kernel_entry(seconds, file=flags[1], read_seconds=reads, build_seconds=builds,
                                        peak_rss_bytes=max(rss))
    return results


def gapbs_commit(args):
    """(full commit of --gapbs-dir or None, warning text or None)."""
    git = subprocess.run(["git", "-C", args.gapbs_dir, "rev-parse", "HEAD"], capture_output=True, text=True)
    commit = git.stdout.strip() if git.returncode == 0 else None
    if commit == GAPBS_COMMIT:
        return commit, None
    if commit is None:
        return None, (f"could not read the GAPBS commit (`git -C GAPBS_DIR rev-parse HEAD` failed); "
                      f"the pinned commit is {GAPBS_COMMIT[:7]}")
    return commit, f"GAPBS is at {commit[:7]}, not the pinned commit {GAPBS_COMMIT[:7]}"



# ----------------------------------------------------------------------------------------
# Python peers: each runs in a child process of this script (`--child SYSTEM`)

def seeded_sources(count, degree, seed, stream):
    """Seeded random non-isolated nodes (used for igraph when GAPBS's sources are not known)."""
    rng = random.Random(seed * 1000 + stream)
    picked = []
    while len(picked) < count:
        v = rng.randrange(len(degree))
        if degree[v] > 0:
            picked.append(v)
    return picked


def peak_rss_self():
    """VmHWM of this process in bytes (getrusage's ru_maxrss would include the RSS high-water
    mark of the process that started us, carried across exec)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def timed(body):
    start = time.perf_counter()
    value = body()
    return value, time.perf_counter() - start


def child_networkit(args):
    import networkit as nk
    nk.setNumberOfThreads(args.threads)
    nk.engineering.setSeed(args.seed, False)
    out = {"version": nk.__version__, "threads": nk.getMaxNumberOfThreads(), "kernels": {}}
    loads = []
    G = None
    for _ in range(args.load_trials):
        G = None
        reader = nk.graphio.EdgeListReader(" ", 0, continuous=True, directed=False)
        G, seconds = timed(lambda: reader.read(args.graph))
        loads.append(seconds)
    if args.nodes and G.numberOfNodes() < args.nodes:   # isolated ids above the largest label
        G.addNodes(args.nodes - G.numberOfNodes())
    out["load_text"] = kernel_entry(loads, peak_rss_bytes_after_load=peak_rss_self())
    out["graph"] = {"nodes": G.numberOfNodes(), "edges": G.numberOfEdges()}
    for kernel in args.kernels:
        trials, extra = [], {}
        if kernel == "bfs":
            for _ in range(args.trials):
                bfs = nk.distance.BFS(G, args.bfs_source, storePaths=False)
                _, seconds = timed(bfs.run)
                trials.append(seconds)
            extra["result"] = f"reached {sum(1 for d in bfs.getDistances() if d < 1e300)} nodes"
        elif kernel == "pagerank":
            iterations, totals = [], []
            for _ in range(args.trials):
                pr = nk.centrality.PageRank(G, PAGERANK_DAMPING, PAGERANK_TOLERANCE)
                pr.norm = nk.centrality.Norm.L1_NORM
                pr.maxIterations = PAGERANK_MAX_ITERATIONS
                _, seconds = timed(pr.run)
                totals.append(seconds)
                iterations.append(pr.numberOfIterations())
            trials = [t / i for t, i in zip(totals, iterations) if i]
            out["kernels"][kernel] = kernel_entry(trials, "s/iteration", total_trials=totals,
                                                  iterations=iterations, result=f"iterations {iterations}")
            continue
        elif kernel == "cc":
            for _ in range(args.trials):
                cc = nk.components.ConnectedComponents(G)
                _, seconds = timed(cc.run)
                trials.append(seconds)
            extra["result"] = f"{cc.numberOfComponents()} components"
        elif kernel == "tc":
            G.indexEdges()   # required by edge scores; not timed
            for _ in range(args.trials):
                score = nk.sparsification.TriangleEdgeScore(G)
                _, seconds = timed(score.run)
                trials.append(seconds)
            extra["result"] = f"{round(sum(score.scores())) // 3} triangles"
        elif kernel == "betweenness":
            for _ in range(args.trials):
                eb = nk.centrality.EstimateBetweenness(G, args.betweenness_sources, False, True)
                _, seconds = timed(eb.run)
                trials.append(seconds)
            extra["result"] = f"{args.betweenness_sources} sampled sources per trial"
        elif kernel == "core":
            for _ in range(args.trials):
                core = nk.centrality.CoreDecomposition(G)
                _, seconds = timed(core.run)
                trials.append(seconds)
            extra["result"] = f"max core {int(core.maxCoreNumber())}"
        out["kernels"][kernel] = kernel_entry(trials, **extra)
    return out


def child_igraph(args):
    import igraph as ig
    out = {"version": ig.__version__, "threads": 1, "kernels": {}}
    loads = []
    G = None
    for _ in range(args.load_trials):
        G = None
        G, seconds = timed(lambda: ig.Graph.Read_Edgelist(args.graph, directed=False))
        loads.append(seconds)
    if args.nodes and G.vcount() < args.nodes:
        G.add_vertices(args.nodes - G.vcount())
    out["load_text"] = kernel_entry(loads, peak_rss_bytes_after_load=peak_rss_self())
    out["graph"] = {"nodes": G.vcount(), "edges": G.ecount()}
    gapbs_sources = json.loads(args.bc_sources) if args.bc_sources else None
    degree = None
    for kernel in args.kernels:
        trials, extra = [], {}
        if kernel == "bfs":
            for _ in range(args.trials):
                (order, _, _), seconds = timed(lambda: G.bfs(args.bfs_source))
                trials.append(seconds)
            extra["result"] = f"reached {len(order)} nodes"
        elif kernel == "pagerank":
            for _ in range(args.trials):
                _, seconds = timed(lambda: G.pagerank(damping=PAGERANK_DAMPING))
                trials.append(seconds)
            out["kernels"][kernel] = kernel_entry(trials, "s total", result="PRPACK solve to convergence")
            continue
        elif kernel == "cc":
            for _ in range(args.trials):
                components, seconds = timed(lambda: G.connected_components())
                trials.append(seconds)
            extra["result"] = f"{len(components)} components"
        elif kernel == "tc":
            for _ in range(args.trials):
                local, seconds = timed(lambda: G.transitivity_local_undirected(mode="zero"))
                trials.append(seconds)
            degree = degree or G.degree()
            total = sum(round(c * d * (d - 1) / 2) for c, d in zip(local, degree))
            extra["result"] = f"{total // 3} triangles"
        elif kernel == "betweenness":
            degree = degree or G.degree()
            used = []
            for trial in range(args.trials):
                if gapbs_sources and trial < len(gapbs_sources) and gapbs_sources[trial]:
                    chosen = gapbs_sources[trial]
                else:
                    chosen = seeded_sources(args.betweenness_sources, degree, args.seed, 100 + trial)
                chosen = sorted(set(chosen))   # a vertex set; duplicates would not add work
                used.append(chosen)
                _, seconds = timed(lambda: G.betweenness(directed=False, sources=chosen))
                trials.append(seconds)
            extra["sources"] = used
            extra["result"] = (f"{len(used[0])} sources per trial "
                               f"({'GAPBS bc sources' if gapbs_sources else 'seeded random, non-isolated'})")
        elif kernel == "core":
            for _ in range(args.trials):
                cores, seconds = timed(lambda: G.coreness())
                trials.append(seconds)
            extra["result"] = f"max core {max(cores)}"
        out["kernels"][kernel] = kernel_entry(trials, **extra)
    return out


def run_python_peer(args, state, system, gapbs_bc_sources, round_index):
    """One child process doing all of the peer's kernels: (results of this round, version). The
    first round loads the text file --load-trials times (the load_text row); later rounds once."""
    load_trials = args.load_trials if round_index == 0 else 1
    kernels = [k for k in args.kernels if k in PEER_KERNELS]   # no sssp: the peers load no weights
    cmd = [sys.executable, os.path.abspath(__file__), "--child", system,
           "--graph", args.graph, "--kernels", ",".join(kernels), "--trials", str(args.trials),
           "--load-trials", str(load_trials), "--threads", str(args.threads),
           "--bfs-source", str(args.bfs_source), "--betweenness-sources", str(args.betweenness_sources),
           "--seed", str(args.seed)]
    if args.nodes:
        cmd += ["--nodes", str(args.nodes)]
    if system == "igraph" and gapbs_bc_sources:
        cmd += ["--bc-sources", json.dumps(gapbs_bc_sources)]
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads))
    log(f"round {round_index + 1}: {system} (all kernels in one process)")
    run = timed_process(args, state, system, "all", cmd, env=env, round_index=round_index)
    payload = None
    for line in run["stdout"].splitlines():
        if line.startswith(RESULT_MARKER):
            payload = json.loads(line[len(RESULT_MARKER):])
    if run["returncode"] != 0 or payload is None:
        error = failure_text(run)
        log(f"{system} failed: {error}")
        return {kernel: {"error": error} if kernel in PEER_KERNELS else {"absent": "not run"}
                for kernel in args.kernels}, None
    results = dict(payload["kernels"])
    results["load_text"] = payload["load_text"]
    results["load_text"]["file"] = args.graph
    for kernel in args.kernels:
        results.setdefault(kernel, {"absent": "not run" if kernel in PEER_KERNELS else
                                    "not run for the Python peers (weighted kernel)"})
    state["inputs"][system] = args.graph
    state["graphs"][system] = payload["graph"]
    return results, payload["version"]



def child_main(args):
    body = {"networkit": child_networkit, "igraph": child_igraph}[args.child]
    out = body(args)


# ----------------------------------------------------------------------------------------
# Report

def comparable(system, row, entry):
    """Whether a median is comparable across systems: igraph's PageRank is a whole solve to
    convergence (no iterations), so it is neither in the per-iteration row nor in the ratios."""
    return bool(entry) and entry.get("median") is not None and not entry.get("to_convergence") \
        and not (row == "pagerank" and entry.get("unit") == "s total")


def cell(entry, row):
    if not entry:
        return "—"
    if "error" in entry:
        return "error"
    if "absent" in entry:
        return "—"
    if row == "pagerank" and entry.get("unit") == "s total":
        return "— (see total)"
    text = format_seconds(entry.get("median"))
    if entry.get("to_convergence"):
        text += " (to convergence)"
    return text


def format_range(values):
    values = [v for v in values or [] if v is not None]
    if not values:
        return "—"
    lo, hi = min(values), max(values)
    return format_seconds(lo) if lo == hi else f"{format_seconds(lo)}–{format_seconds(hi)}"


def format_steps(steps):
    """Δ-stepping steps of the trials: "236 steps" or "236–240 steps"."""
    steps = [x for x in steps or [] if x]
    if not steps:
        return ""
    lo, hi = min(steps), max(steps)
    return f"{lo} steps" if lo == hi else f"{lo}–{hi} steps"


def format_iterations(iterations):
    if not iterations:
        return ""
    counts = {}
    for i in iterations:
        counts[i] = counts.get(i, 0) + 1
    if len(counts) == 1:
        return f"{iterations[0]} iterations in all {len(iterations)} trials"
    return "iterations " + ", ".join(f"{i} (×{n})" for i, n in sorted(counts.items()))


def result_cell(system, kernel, e):
    if "error" in e:
        text = "error: " + e["error"][:160].replace("|", "/").replace("\n", " ")
        return text
    if "absent" in e:
        return "—"
    text = str(e.get("result") or "")
    if kernel == "pagerank":
        if e.get("iterations"):
            text = format_iterations(e["iterations"])
        if e.get("variant"):
            text = f"{e['variant']}, {text}"
    if e.get("verified") is not None:
        text += " (verified)" if e["verified"] else " (VERIFICATION FAILED)"
    text += f"; min {format_seconds(e.get('min'))}, max {format_seconds(e.get('max'))}"
    if kernel == "pagerank" and e.get("unit") == "s/iteration":
        text += f" per iteration; round medians {format_range(e.get('round_medians'))} per iteration, " \
                f"{format_range(e.get('round_total_medians'))} total"
    elif e.get("round_medians"):
        text += f"; round medians {format_range(e.get('round_medians'))}"
    if e.get("round_errors"):
        text += "; error in round " + ", ".join(str(x["round"] + 1) for x in e["round_errors"])
    return text


def idle_summary(args, state):
    runs = state["runs"]
    loads = [r["loadavg_before"] for r in runs if r.get("loadavg_before") is not None]
    seen = f"{min(loads):.2f}–{max(loads):.2f}" if loads else "—"
    if args.wait_idle > 0:
        above = sum(1 for r in runs if r.get("idle") is False)
        return (f"Idle rule: each timed process started once the 1-minute load average was below "
                f"{args.wait_idle:g} (polled every {IDLE_POLL_SECONDS} s, waiting at most {args.wait_timeout:g} s); "
                f"**{above} of {len(runs)} runs started above it**; load average before the runs {seen}.")
    return (f"Idle rule: off (`--wait-idle 0`); load average before the {len(runs)} runs {seen} "
            "(per run in the JSON).")


REACHED_RE = re.compile(r"reached (\d+) nodes")


def sssp_check(args, state):
    """Whether alliance and GAPBS reached the same number of nodes in SSSP (every round): a dict
    for the JSON and the report, or None when sssp did not run. `agree` is None when fewer than
    two systems have a count."""
    results = state["results"]
    reached = {}
    for system in KERNEL_SYSTEMS:
        e = results.get(system, {}).get("sssp")
        if isinstance(e, dict) and e.get("result"):
            counts = sorted({int(x) for x in REACHED_RE.findall(str(e["result"]))})
            if counts:
                reached[system] = counts
    if not reached:
        return None
    check = {"source": args.bfs_source, "delta": args.delta, "reached": reached,
             "agree": None if len(reached) < 2 else len({tuple(c) for c in reached.values()}) == 1
             and all(len(c) == 1 for c in reached.values())}
    bfs = results.get("alliance", {}).get("bfs") or results.get("gapbs", {}).get("bfs")
    if isinstance(bfs, dict) and bfs.get("result"):
        counts = sorted({int(x) for x in REACHED_RE.findall(str(bfs["result"]))})
        if counts:
            check["bfs_reached"] = counts
    verified = (results.get("alliance", {}).get("sssp") or {}).get("verified")
    if verified is not None:
        check["alliance_verified"] = verified
    return check


def sssp_check_text(check):
    def counts(c):
        return " / ".join(str(x) for x in c)
    reached = check["reached"]
    bfs = (f" BFS from the same source on the unweighted graph reached {counts(check['bfs_reached'])}."
           if check.get("bfs_reached") else "")
    dijkstra = {True: " alliance's distances also equal a serial Dijkstra's (verified outside the timing).",
                False: " **alliance's distances differ from its serial Dijkstra's (VERIFICATION FAILED).**",
                None: ""}[check.get("alliance_verified")]
    if check["agree"] is None:
        (system, c), = reached.items()
        return (f"SSSP check: only {SYSTEM_TITLES[system]} has a result (reached {counts(c)} nodes "
                f"from source {check['source']}); nothing to compare.{bfs}{dijkstra}")
    if check["agree"]:
        return (f"SSSP check: alliance and GAPBS reached the same {counts(reached['alliance'])} nodes from "
                f"source {check['source']} (Δ = {check['delta']}).{bfs}{dijkstra}")
    return (f"**SSSP check FAILED: from source {check['source']} alliance reached "
            f"{counts(reached['alliance'])} nodes, GAPBS {counts(reached['gapbs'])}.**{bfs}{dijkstra}")


def build_markdown(args, state):
    results = state["results"]
    systems = [s for s in SYSTEMS if s in results]
    bc_title = KERNEL_TITLES["betweenness"].format(k=args.betweenness_sources)
    lines = []
    meta = state["meta"]
    lines.append(f"# Kernel comparison: {os.path.basename(args.graph)}")
    lines.append("")
    edges = (f"{meta['edges']} undirected edges" if meta.get("edges") is not None
             else "edge count not reported (no alliance kernel ran on it)")
    lines.append(f"Graph `{args.graph}`: {meta.get('nodes')} nodes, {edges}; "
                 f"BFS source {args.bfs_source} ({meta['bfs_source_how']}). "
                 f"{args.threads} threads (igraph: 1), medians over {args.rounds} interleaved round(s) × "
                 f"{args.trials} trial(s) per kernel (system order rotated each round) and "
                 f"{args.load_trials} load(s) per format, in seconds. Measured {meta['started']} on "
                 f"{meta['host']} ({meta['cpus']} CPUs), load average {meta['loadavg_start']} before and "
                 f"{meta['loadavg_end']} after.")
    if "sssp" in args.kernels:
        weighted = state["graphs"].get("alliance_weighted") or {}
        counts = (f" ({weighted['nodes']} nodes, {weighted.get('edges')} undirected edges)"
                  if weighted.get("nodes") is not None else "")
        lines[-1] += (f" SSSP on the weighted graph `{args.weighted_graph}`{counts}, Δ = {args.delta}, "
                      "from the BFS source.")
    lines.append("")
    lines.append(idle_summary(args, state))
    lines.append("")
    versions = ", ".join(f"{SYSTEM_TITLES[s]} {v}" for s, v in state["versions"].items() if s in systems)
    lines.append(f"Versions: {versions}.")
    lines.append("")
    for warning in meta.get("warnings", []):
        lines.append(f"**Warning: {warning}.**")
        lines.append("")
    header = ["kernel"] + [SYSTEM_TITLES[s] for s in systems]
    if "alliance" in systems:
        if "gapbs" in systems:
            header.append("alliance / GAPBS")
        header.append("alliance / best other")
    lines.append("| " + " | ".join(header) + " |")
    lines.append("| " + " | ".join(["---"] * len(header)) + " |")
    for row in ROWS:
        if row not in ("load_text", "load_binary") and ROW_KERNEL.get(row, row) not in args.kernels:
            continue
        if row == "pagerank_total":
            entries = {s: pagerank_total_entry(s, results[s].get("pagerank")) for s in systems}
        else:
            entries = {s: results[s].get(row) for s in systems}
        if not any(e and e.get("median") is not None for e in entries.values()):
            continue
        title = bc_title if row == "betweenness" else KERNEL_TITLES[row]
        cells = [title] + [cell(entries[s], row) for s in systems]
        if "alliance" in systems:
            ours = entries["alliance"]
            ours_ok = comparable("alliance", row, ours)
            if "gapbs" in systems:
                theirs = entries["gapbs"]
                cells.append(f"{ours['median'] / theirs['median']:.2f}"
                             if ours_ok and comparable("gapbs", row, theirs) and theirs["median"] > 0 else "—")
            others = [(e["median"], s) for s, e in entries.items()
                      if s != "alliance" and comparable(s, row, e) and e["median"] > 0]
            if ours_ok and others:
                best, who = min(others)
                cells.append(f"{ours['median'] / best:.2f} ({SYSTEM_TITLES[who]})")
            else:
                cells.append("—")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Ratios below 1 mean alliance is faster. \"Best other\" is the fastest of the other "
                 "systems whose figure has the same definition (igraph's PageRank, a solve to "
                 "convergence, is shown in the total row only and left out of the ratios).")
    lines.append("")

    # Results and checks
    lines.append("## Results reported by each system (same answers expected)")
    lines.append("")
    lines.append("| kernel | " + " | ".join(SYSTEM_TITLES[s] for s in systems) + " |")
    lines.append("| --- | " + " | ".join("---" for _ in systems) + " |")
    for kernel in args.kernels:
        cells = [result_cell(s, kernel, results[s].get(kernel) or {}) for s in systems]
        lines.append(f"| {kernel} | " + " | ".join(cells) + " |")
    rss_cells = []
    for s in systems:
        e = results[s].get("load_text") or {}
        b = e.get("peak_rss_bytes") or e.get("peak_rss_bytes_after_load")
        rss_cells.append(f"{b / 1e6:.0f} MB" if b else "—")
    lines.append("| peak RSS, text load | " + " | ".join(rss_cells) + " |")
    lines.append("")
    check = meta.get("sssp_check")
    if check:
        lines.append(sssp_check_text(check))
        lines.append("")
    lines.append(NOTES.format(src=args.bfs_source, k=args.betweenness_sources, tol=PAGERANK_TOLERANCE,
                              it=PAGERANK_MAX_ITERATIONS, threads=args.threads, rounds=args.rounds,
                              trials=args.trials, variant=args.pagerank_variant,
                              idle=args.wait_idle, poll=IDLE_POLL_SECONDS, wait=args.wait_timeout,
                              sssp=SSSP_NOTE.format(src=args.bfs_source, delta=args.delta)
                              if "sssp" in args.kernels else ""))
    lines.append("")
    lines.append("Command: `" + " ".join(shlex.quote(a) for a in state["meta"]["argv"]) + "`")
    lines.append("")
    return "\n".join(lines)


NOTES = """## Definitions

Every figure times the kernel call only: the graph is loaded once per process before any
trial, and result checks run outside the timed region. One process per system × kernel for
alliance and GAPBS ({trials} trial(s) each), one process per round for each Python peer (all its
kernels). The whole set is repeated in {rounds} round(s), interleaved: in each round, for each
kernel, every system runs once, the order of alliance and GAPBS rotated from round to round; the
Python peers run after each round's alliance and GAPBS kernels. Medians are over all trials of all
rounds; the results table shows the range of the per-round medians. Loads are measured once per
system after the rounds (Python peers: in their first-round process). Idle rule (`--wait-idle`):
before each process the 1-minute load average is polled every {poll} s until below {idle:g} (0 =
off), for at most {wait:g} s; a run that starts above it is counted in the header (the peers'
kernels inside one child process are not separated by the rule).

- **load text edge list**: alliance `load_seconds` of `bench X.el --nodes N` (parse + CSR build);
  GAPBS `Read Time + Build Time` of `bfs -f X.el -s` (symmetrising build); NetworKit
  `graphio.EdgeListReader(' ', 0, continuous=True, directed=False).read`; igraph
  `Graph.Read_Edgelist(directed=False)`. Peak RSS of the whole process: alliance its own `VmHWM`
  report (the load run also does one BFS), GAPBS GNU time `%M`, Python peers `VmHWM` right after
  loading (interpreter and imports included).
- **load binary**: alliance `load_seconds` of `bench X.bin` (snapshot made by `alliance convert`);
  GAPBS `Read Time` of `bfs -f X.sg` (serialized CSR from GAPBS `converter -b`).
- **BFS**: from node {src} (the largest-degree node unless given). alliance `bench --kernel bfs --source {src}`;
  GAPBS `bfs -r {src}` (direction-optimising); NetworKit
  `distance.BFS(G, s, storePaths=False).run()` (sequential); igraph `Graph.bfs(s)` (sequential,
  includes building its Python result lists).
- **PageRank, per iteration**: damping 0.85, stop when the L1 change of the score vector is below
  {tol} or after {it} iterations; figure = trial time / iterations of that trial. alliance
  `bench --kernel pagerank --pagerank-variant {variant}` (this run: **{variant}**; gauss-seidel is
  the GAPBS-like sweep, jacobi the networkx-compatible power iteration, propagation-blocking the
  Jacobi iteration with binned contributions) reports its iterations;
  GAPBS `pr -i {it} -t {tol} -l` (pull Gauss-Seidel; iterations counted from its per-iteration log,
  so they can vary with thread timing); NetworKit `centrality.PageRank(G, 0.85, {tol})` with
  `norm = L1_NORM`, `maxIterations = {it}`, `numberOfIterations()`. igraph `Graph.pagerank()`
  (PRPACK, no iteration count) appears only in the total row.
- **PageRank, to the {tol} stop (total)**: the same runs; figure = median of the per-trial total
  times (all iterations until the stop), so a variant that needs fewer sweeps gains here. The
  results table gives each system's iteration counts. igraph's figure is its whole PRPACK solve,
  which runs **to convergence** at PRPACK's own tolerance rather than stopping at {tol}: it is
  shown, marked "(to convergence)", but left out of the ratios.
- **connected components**: number of components, isolated nodes included. alliance
  `bench --kernel cc`; GAPBS `cc` (Afforest); NetworKit `components.ConnectedComponents`
  (sequential); igraph `Graph.connected_components()`.
- **triangle count**: total number of triangles. alliance `bench --kernel tc`; GAPBS `tc` (its
  degree relabelling, when it decides to relabel, is inside the timed trial); NetworKit
  `sparsification.TriangleEdgeScore` (per-edge counts, total = sum / 3; `indexEdges()` not timed);
  igraph `transitivity_local_undirected(mode="zero")` (per-node triangle counts divided by
  d(d-1)/2; the total is recovered outside the timing).
- **betweenness, {k} sources**: Brandes dependency accumulation from {k} sources per trial, all
  targets, unweighted. alliance: {k} seeded random non-isolated sources per trial (`--seed`);
  GAPBS `bc -i {k}` (its own random non-isolated sources, different per trial; `-r` is not used
  because it would repeat one source); NetworKit `centrality.EstimateBetweenness(G, {k},
  normalized=False, parallel=True)` ({k} sampled sources, its own random choice); igraph
  `Graph.betweenness(sources=S)` with the very sources GAPBS used in the same trial when GAPBS
  ran, else seeded random non-isolated sources. The cost of one source depends little on which
  node of the giant component it is, so the different random choices add only noise.
- **k-core**: core number of every node. alliance `bench --kernel core`; NetworKit
  `centrality.CoreDecomposition` (parallel); igraph `Graph.coreness()`. GAPBS has no k-core.{sssp}
- Threads: {threads} for alliance (`--threads`), GAPBS (`OMP_NUM_THREADS`) and NetworKit
  (`setNumberOfThreads`); igraph runs on one thread."""


SSSP_NOTE = """
- **SSSP (Δ-stepping, one source)**: shortest-path lengths from node {src} (the BFS source) on
  the weighted graph (`--weighted-graph`, `u v w` per line, the weights as edge lengths; GAPBS's
  `converter -w` makes integer weights 1..255), bin width Δ = {delta}. Both systems run
  Δ-stepping with bucket fusion (a thread goes on with its own refilled current bin while it
  holds fewer than 1000 nodes). alliance `bench --kernel sssp --delta {delta} --source {src}` on
  its weighted snapshot (`--wbin`, else the `.wel` text): with integer weights and
  (n − 1) · max weight < 2³¹ it runs its exact integer path, 32-bit distances and 32-bit
  lengths in an array beside the targets (the weight check and that copy run once per
  process, before the trials). GAPBS `sssp -d {delta} -r {src} -a -l` on the `.wsg` (`converter -wb`; else the
  `.wel` text with `-s`): int32 weights and distances; `-l` only for its `took N iterations`
  line (one short log line per step). Figure = trial time. The results table gives the steps
  (bins processed, each a parallel round ended by a join: alliance's `iterations`, GAPBS's
  `took N iterations`) and the nodes reached, which must agree (GAPBS `SSSP Tree reaches N
  nodes`); alliance also checks every distance against a serial Dijkstra, outside the timing.
  NetworKit and igraph are not run for SSSP; the load rows are for the unweighted graph only."""


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="See the module docstring and README.md for the K20 command.")
    p.add_argument("--graph", required=True, help="canonical text edge list (`u v` per line, 0-based ids)")
    p.add_argument("--nodes", type=int, help="node count (ids 0..N-1; isolated nodes count)")
    p.add_argument("--sg", help="GAPBS serialized graph for GAPBS kernels (default: GRAPH with .sg, if present; "
                                "'none' to build from the text file)")
    p.add_argument("--bin", help="alliance snapshot for alliance kernels and binary load (default: GRAPH with "
                                 ".bin, if present; 'none' to use the text file)")
    p.add_argument("--weighted-graph", metavar="PATH",
                   help="weighted text edge list for sssp (`u v w` per line, name ending in .wel, the same "
                        "node ids as GRAPH); without it sssp cannot run")
    p.add_argument("--wsg", metavar="PATH",
                   help="GAPBS weighted serialized graph for GAPBS sssp (default: WEIGHTED_GRAPH with .wsg, "
                        "if present; 'none' to build from the .wel text)")
    p.add_argument("--wbin", metavar="PATH",
                   help="alliance weighted snapshot for alliance sssp (default: WEIGHTED_GRAPH's stem + w.bin, "
                        "e.g. k20.wel -> k20w.bin, if present; 'none' to use the .wel text)")
    p.add_argument("--delta", type=int, default=SSSP_DELTA, metavar="D",
                   help=f"Δ-stepping bin width for sssp: GAPBS `sssp -d D`, `alliance bench --delta D` "
                        f"(default {SSSP_DELTA}, GAPBS's choice for Kronecker graphs; an integer, as GAPBS "
                        f"reads it for int32 weights)")
    p.add_argument("--gapbs-dir", default=os.environ.get("GAPBS_DIR", os.path.normpath(os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "ext", "gapbs"))),
                   help="GAPBS build folder (default: $GAPBS_DIR, else ext/gapbs beside the checkout)")
    p.add_argument("--alliance", default=os.path.normpath(os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", ".build", "release", "alliance")))
    p.add_argument("--systems", default=",".join(SYSTEMS))
    p.add_argument("--kernels", help=f"comma-separated, from {','.join(KERNELS)} (default: all but sssp; "
                                     f"sssp too when --weighted-graph is given)")
    p.add_argument("--trials", type=int, default=3)
    p.add_argument("--rounds", type=int, default=3,
                   help="interleaved rounds: every system × kernel runs once per round, system order rotated "
                        "(default 3); medians are over all trials of all rounds")
    p.add_argument("--wait-idle", type=float, default=0.5, metavar="LOAD",
                   help="before each timed process wait until the 1-minute load average is below LOAD "
                        "(polled every 5 s; default 0.5; 0 disables)")
    p.add_argument("--wait-timeout", type=float, default=600, metavar="S",
                   help="go on after S seconds of waiting and record the run as not idle (default 600)")
    p.add_argument("--pagerank-variant", choices=PAGERANK_VARIANTS, default="gauss-seidel",
                   help="passed to `alliance bench --pagerank-variant` (default gauss-seidel, the GAPBS-like sweep)")
    p.add_argument("--load-trials", type=int, help="loads per system and format (default: --trials)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--bfs-source", type=int, help="BFS source (default: the largest-degree node)")
    p.add_argument("--betweenness-sources", type=int, default=64)
    p.add_argument("--seed", type=int, default=27491095, help="seed for random sources (alliance, igraph)")
    p.add_argument("--no-verify", dest="verify", action="store_false",
                   help="pass --no-verify to alliance (its checks run outside the timing anyway)")
    p.add_argument("--timeout", type=float, default=4 * 3600, help="seconds per child process")
    p.add_argument("--json", help="write all per-trial numbers and run logs here")
    p.add_argument("--markdown", help="write the markdown report here (also printed)")
    p.add_argument("--child", choices=("networkit", "igraph"), help=argparse.SUPPRESS)
    p.add_argument("--bc-sources", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.kernels is None:
        args.kernels = [k for k in KERNELS if k not in WEIGHTED_KERNELS or args.weighted_graph]
    else:
        args.kernels = [k for k in args.kernels.split(",") if k]
    args.systems = [s for s in args.systems.split(",") if s]
    for k in args.kernels:
        if k not in KERNELS:
            p.error(f"unknown kernel {k!r} (choose from {', '.join(KERNELS)})")
        if k in WEIGHTED_KERNELS and not args.weighted_graph:
            p.error(f"kernel {k} needs a weighted graph: --weighted-graph X.wel (`u v w` per line; see README.md)")
    if not args.weighted_graph:
        for option, value in (("--wsg", args.wsg), ("--wbin", args.wbin)):
            if value and value != "none":
                p.error(f"{option} needs --weighted-graph (the .wel text edge list it was made from)")
    elif not args.weighted_graph.endswith(".wel"):
        p.error("--weighted-graph must end in .wel: GAPBS and alliance read `u v w` lines only from .wel files")
    if args.delta < 1:
        p.error("--delta must be a positive integer")
    for s in args.systems:
        if s not in SYSTEMS:
            p.error(f"unknown system {s!r} (choose from {', '.join(SYSTEMS)})")
    if args.rounds < 1:
        p.error("--rounds must be at least 1")
    if args.load_trials is None:
        args.load_trials = args.trials
    return args


def sibling(path, suffix, given):
    if given == "none":
        return None
    if given:
        return given
    candidate = os.path.splitext(path)[0] + suffix
    return candidate if os.path.exists(candidate) else None


def rotated(items, k):
    if not items:
        return []
    k %= len(items)
    return list(items[k:]) + list(items[:k])


def merged_results(args, per_round, loads):
    results = {}
    for system in [s for s in SYSTEMS if s in args.systems]:
        results[system] = {kernel: merge_rounds(entries) for kernel, entries in per_round[system].items()}
        results[system].update(loads.get(system, {}))
    return results


def main():
    args = parse_args()
    if args.child:
        child_main(args)
        return
    args.graph = os.path.abspath(args.graph)
    args.sg = sibling(args.graph, ".sg", args.sg)
    args.bin = sibling(args.graph, ".bin", args.bin)
    if args.weighted_graph:
        args.weighted_graph = os.path.abspath(args.weighted_graph)
        args.wsg = sibling(args.weighted_graph, ".wsg", args.wsg)
        args.wbin = sibling(args.weighted_graph, "w.bin", args.wbin)
    else:
        args.wsg = args.wbin = None
    for path in (args.graph, args.sg, args.bin, args.weighted_graph, args.wsg, args.wbin):
        if path and not os.path.exists(path):
            sys.exit(f"compare.py: no such file {path}")
    if args.weighted_graph and "sssp" not in args.kernels:
        log("note: --weighted-graph is given but sssp is not in --kernels; the weighted files are not used")
    if "alliance" in args.systems and not os.access(args.alliance, os.X_OK):
        sys.exit(f"compare.py: alliance binary not found at {args.alliance} "
                 "(swift build -c release --product alliance in the repository root)")
    if "gapbs" in args.systems and not os.access(os.path.join(args.gapbs_dir, "bfs"), os.X_OK):
        sys.exit(f"compare.py: GAPBS binaries not found in {args.gapbs_dir} (make -j2 there)")

    state = {"meta": {"argv": [sys.executable] + sys.argv, "started": datetime.datetime.now().isoformat(
        timespec="seconds"), "host": platform.node(), "cpus": os.cpu_count(),
        "loadavg_start": "%.2f" % os.getloadavg()[0], "python": sys.version.split()[0], "warnings": [],
        "round_orders": []},
        "args": {k: v for k, v in vars(args).items() if k not in ("child", "bc_sources")},
        "inputs": {}, "graphs": {}, "versions": {}, "results": {}, "runs": []}
    meta = state["meta"]
    if float(meta["loadavg_start"]) > 0.5:
        log(f"warning: load average {meta['loadavg_start']} — the machine is not idle")

    def warn(text):
        log(f"warning: {text}")
        meta["warnings"].append(text)

    with open(args.graph, "rb") as f:
        first_line = f.readline().strip()
    if first_line.startswith(b"#") and any(s in args.systems for s in ("gapbs", "igraph")):
        warn("the text edge list starts with a comment line; GAPBS's and igraph's readers do not skip "
             "comments, so their text loads (and GAPBS kernels without --sg) read a different graph")
    if args.weighted_graph and "sssp" in args.kernels:
        with open(args.weighted_graph, "rb") as f:
            first_line = f.readline().strip()
        if first_line.startswith(b"#") and "gapbs" in args.systems and not args.wsg:
            warn("the weighted edge list starts with a comment line; GAPBS's reader does not skip comments, "
                 "so GAPBS sssp without --wsg reads a different graph")
        elif not first_line.startswith(b"#") and len(first_line.split()) != 3:
            sys.exit(f"compare.py: {args.weighted_graph} does not look weighted: its first line has "
                     f"{len(first_line.split())} fields, not `u v w`")

    # Versions first, so the JSON written after each round has them.
    if "alliance" in args.systems:
        git = subprocess.run(["git", "-C", os.path.dirname(os.path.abspath(__file__)), "describe",
                              "--always", "--dirty"], capture_output=True, text=True)
        state["versions"]["alliance"] = (git.stdout.strip() or "unknown") + " (git; binary " + \
            time.strftime("%Y-%m-%d %H:%M", time.localtime(os.path.getmtime(args.alliance))) + ")"
    if "gapbs" in args.systems:
        commit, warning = gapbs_commit(args)
        meta["gapbs_commit"], meta["gapbs_pinned_commit"] = commit, GAPBS_COMMIT
        state["versions"]["gapbs"] = (commit[:7] if commit else "unknown") + \
            (" (the pinned commit)" if warning is None else " (NOT the pinned commit " + GAPBS_COMMIT[:7] + ")")
        if warning:
            warn(warning)
    for system in PEER_SYSTEMS:
        if system in args.systems:
            state["versions"][system] = "unknown"

    if args.bfs_source is None:
        log("finding the largest-degree node for the BFS source")
        args.bfs_source, degree = max_degree_node(args.graph, args.nodes)
        meta["bfs_source_how"] = f"largest degree, {degree}"
    else:
        meta["bfs_source_how"] = "given"
    meta["bfs_source"] = args.bfs_source
    log(f"BFS source {args.bfs_source}")

    kernel_systems = [s for s in KERNEL_SYSTEMS if s in args.systems]
    peers = [s for s in PEER_SYSTEMS if s in args.systems]
    per_round = {s: {} for s in args.systems}      # system -> kernel -> [entry of each round]
    loads = {}
    for r in range(args.rounds):
        order = rotated(kernel_systems, r)
        peer_order = rotated(peers, r)
        meta["round_orders"].append(order + peer_order)
        log(f"round {r + 1}/{args.rounds}: {', '.join(order)} per kernel"
            + (f", then {', '.join(peer_order)}" if peer_order else ""))
        for kernel in args.kernels:
            for system in order:
                run_kernel = alliance_kernel if system == "alliance" else gapbs_kernel
                per_round[system].setdefault(kernel, []).append(run_kernel(args, state, kernel, r))
        # Python peers after this round's GAPBS runs, so igraph can reuse this round's bc sources.
        for system in peer_order:
            gapbs_bc = (per_round.get("gapbs", {}).get("betweenness") or [None])[-1]
            bc_sources = gapbs_bc.get("sources") if isinstance(gapbs_bc, dict) and len(
                per_round["gapbs"]["betweenness"]) == r + 1 else None
            results, version = run_python_peer(args, state, system, bc_sources, r)
            if version:
                state["versions"][system] = version
            for kernel in args.kernels:
                per_round[system].setdefault(kernel, []).append(results.get(kernel))
            if system not in loads and isinstance(results.get("load_text"), dict) and \
                    "trials" in results["load_text"]:
                loads[system] = {"load_text": results["load_text"]}
        state["results"] = merged_results(args, per_round, loads)
        meta["loadavg_end"] = "%.2f" % os.getloadavg()[0]
        if args.json:   # write as we go, so a long run that dies keeps what it measured
            write_json(args.json, state)

    # Load times, once per system after the kernel rounds (the peers' came from their first round).
    for system in kernel_systems:
        loads[system] = alliance_loads(args, state) if system == "alliance" else gapbs_loads(args, state)
    for system in peers:
        loads.setdefault(system, {"load_text": {"error": "no successful peer run"}})
    state["results"] = merged_results(args, per_round, loads)

    for kernel, e in state["results"].get("alliance", {}).items():
        if isinstance(e, dict) and e.get("graph"):
            key = "alliance_weighted" if kernel in WEIGHTED_KERNELS else "alliance"
            state["graphs"].setdefault(key, e["graph"])
    meta["sssp_check"] = sssp_check(args, state) if "sssp" in args.kernels else None
    graph = state["graphs"].get("alliance") or next(
        (g for key, g in state["graphs"].items() if key != "alliance_weighted"), {})
    meta["nodes"] = graph.get("nodes", args.nodes)
    meta["edges"] = graph.get("edges")
    meta["loadavg_end"] = "%.2f" % os.getloadavg()[0]
    meta["runs_not_idle"] = sum(1 for run in state["runs"] if run.get("idle") is False)
    meta["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
    markdown = build_markdown(args, state)
    print(markdown)
    if args.markdown:
        os.makedirs(os.path.dirname(os.path.abspath(args.markdown)), exist_ok=True)
        with open(args.markdown, "w") as f:
            f.write(markdown)
    if args.json:
        write_json(args.json, state)
        log(f"wrote {args.json}")


def write_json(path, state):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(state, f, indent=1)
    os.replace(tmp, path)


if __name__ == "__main__":
    main()
