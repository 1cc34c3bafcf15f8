#!/usr/bin/env python3
"""Small-graph comparison: `alliance bench` against igraph on one year of alliances.

Small graphs must not pay fixed costs, so both sides repeat each kernel many times inside
one process and report the median of the repeats:

- alliance: `alliance bench GRAPH --kernel K --trials N --threads T --no-verify --format json`;
  the trials are timed around the kernel call only (graph loaded once), back to back as
  igraph's; a second run of 3 trials with the checks on reports whether the results pass.
- igraph: `timeit` in this process, N repeats of one call (igraph is single-threaded; its
  Python call overhead, a few microseconds, is inside its figure).

Kernels: k-core (`core`: igraph `Graph.coreness()`), betweenness (`betweenness`: alliance
from n seeded random non-isolated sources, drawn with repeats as GAPBS does, against igraph's
exact `Graph.betweenness()`: n single-source passes each), BFS from the max-degree node
(`bfs`: igraph `Graph.bfs(s)`).

The default graph is PEERS.md's ALLIANCE graph, built here from the shared ATOP data: the
defense ties of 2012 in `data/atop/atop5-dyad-year.csv` (Leeds et al. 2002; ATOP v5), an
undirected edge {a, b} when either ordered row has atop_defense = 1, COW codes relabelled
0..n-1 in sorted order (144 nodes, 1,662 edges). --edge-list uses another file instead.

    $PEERS_PYTHON small_graph.py --alliance ../../.build/release/alliance --repeats 2001

Needs igraph (`pip install igraph` in the peers' venv). Prints a Markdown table; --json
writes every figure.
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import timeit

DEFAULT_DATA = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                             "..", "..", "..", "shared", "data"))


def alliance_edges(data_dir, year):
    """Undirected defense pairs of `year`, relabelled 0..n-1 by sorted COW code."""
    path = os.path.join(data_dir, "atop", "atop5-dyad-year.csv")
    pairs = set()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["year"] == str(year) and row["atop_defense"] == "1":
                a, b = int(row["ccode1"]), int(row["ccode2"])
                if a != b:
                    pairs.add((min(a, b), max(a, b)))
    nodes = sorted({x for p in pairs for x in p})
    index = {c: i for i, c in enumerate(nodes)}
    return len(nodes), sorted((index[a], index[b]) for a, b in pairs)


def read_edge_list(path):
    edges = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            fields = line.split()
            if not fields or line.startswith("#"):
                continue
            try:
                edges.append((int(fields[0]), int(fields[1])))
            except (ValueError, IndexError):
                sys.exit(f"{path}:{number}: expected two integer node ids, got {line.strip()!r}")
    n = 1 + max((max(e) for e in edges), default=-1)
    return n, edges


def run_alliance(binary, graph_path, nodes, kernel, repeats, threads, sources, bfs_source, verify):
    cmd = [binary, "bench", graph_path, "--nodes", str(nodes), "--kernel", kernel,
           "--trials", str(repeats), "--threads", str(threads), "--format", "json"]
    if not verify:
        cmd.append("--no-verify")
    if kernel == "betweenness":
        cmd += ["--betweenness-sources", str(sources)]
    if kernel == "bfs":
        cmd += ["--source", str(bfs_source)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"alliance failed ({' '.join(cmd)}):\n{out.stderr}")
    report = json.loads(out.stdout)
    (entry,) = report["kernels"]
    return entry


def igraph_median(call, repeats):
    timer = timeit.Timer(call)
    return statistics.median(timer.repeat(repeat=repeats, number=1))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--alliance", required=True, help="path of the alliance binary (release build)")
    p.add_argument("--data", default=DEFAULT_DATA, help="the shared data folder (default: ../../../shared/data)")
    p.add_argument("--year", type=int, default=2012)
    p.add_argument("--edge-list", help="use this edge list (u v per line) instead of the ATOP year")
    p.add_argument("--repeats", type=int, default=2001, help="in-process repeats per kernel (median reported)")
    p.add_argument("--rounds", type=int, default=5, help="interleaved rounds (median round reported)")
    p.add_argument("--threads", type=int, default=1, help="alliance threads (igraph has one)")
    p.add_argument("--betweenness-sources", type=int,
                   help="alliance's sampled sources (default: the node count, the work of exact betweenness)")
    p.add_argument("--kernels", default="core,betweenness,bfs")
    p.add_argument("--tolerance", type=float, default=1.10,
                   help="alliance counts as at or below igraph when its median ≤ tolerance × igraph's (default 1.10: the spread of repeated runs here)")
    p.add_argument("--json", help="write all figures here")
    args = p.parse_args()
    try:
        import igraph
    except ImportError:
        sys.exit("igraph is not installed in this Python (pip install igraph in the peers' venv)")

    if args.edge_list:
        n, edges = read_edge_list(args.edge_list)
        label = args.edge_list
    else:
        n, edges = alliance_edges(args.data, args.year)
        label = f"ATOP v5 defense ties of {args.year}"
    g = igraph.Graph(n=n, edges=edges, directed=False)
    degrees = g.degree()
    bfs_source = max(range(n), key=lambda v: (degrees[v], -v))
    if args.betweenness_sources is None:
        args.betweenness_sources = n
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        graph_path = os.path.join(tmp, "graph.el")
        with open(graph_path, "w") as f:
            for a, b in edges:
                f.write(f"{a} {b}\n")
        for kernel in args.kernels.split(","):
            if kernel not in ("core", "betweenness", "bfs"):
                sys.exit(f"unknown kernel {kernel!r} (core, betweenness, bfs)")
            if kernel == "core":
                call, answer = (lambda: g.coreness()), f"max core {max(g.coreness())}"
            elif kernel == "betweenness":
                # igraph's exact betweenness makes n single-source passes; with n sampled
                # sources alliance makes n as well (drawn with repeats, so not the exact
                # scores, the same work). igraph's subset variant (sources=...) is not used
                # for n: it cost as much for 94 distinct sources as for all 144 here.
                if args.betweenness_sources == n:
                    call = lambda: g.betweenness()
                else:
                    import random
                    rng = random.Random(1)
                    candidates = [v for v in range(n) if degrees[v] > 0]
                    sources = [rng.choice(candidates) for _ in range(args.betweenness_sources)]
                    call = lambda: g.betweenness(sources=sources)
                answer = f"{args.betweenness_sources} sources"
            else:
                call, answer = (lambda: g.bfs(bfs_source)), f"source {bfs_source}"
            # Interleaved rounds: this machine's speed drifts over seconds, so each round
            # times both systems back to back and the table reports the median round.
            ours, theirs = [], []
            for _ in range(args.rounds):
                # Timed back to back as igraph's repeats are (a check between trials evicts
                # the kernel's state); a separate short run checks the results.
                entry = run_alliance(args.alliance, graph_path, n, kernel, args.repeats, args.threads,
                                     args.betweenness_sources, bfs_source, verify=False)
                ours.append(entry["median"])
                theirs.append(igraph_median(call, args.repeats))
            checked = run_alliance(args.alliance, graph_path, n, kernel, 3, args.threads,
                                   args.betweenness_sources, bfs_source, verify=True)
            ratios = [a / b for a, b in zip(ours, theirs)]
            rows.append({"kernel": kernel, "alliance_s": statistics.median(ours),
                         "igraph_s": statistics.median(theirs), "ratio": statistics.median(ratios),
                         "ratio_range": [min(ratios), max(ratios)], "alliance_rounds": ours,
                         "igraph_rounds": theirs, "alliance_result": checked["result"],
                         "igraph_result": answer, "verified": checked["verified"]})

    print(f"# Small graph: {label} ({n} nodes, {len(edges)} edges)\n")
    print(f"Medians of {args.repeats} in-process repeats, median of {args.rounds} interleaved rounds "
          f"(ratio: median of the rounds' ratios, their range in parentheses); alliance {args.threads} thread(s), igraph 1. "
          f"Tolerance: ≤ {args.tolerance:.2f} × igraph counts as at or below.\n")
    print("| kernel | alliance | igraph | alliance / igraph | within tolerance | alliance result | igraph |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['kernel']} | {r['alliance_s'] * 1e3:.4f} ms | {r['igraph_s'] * 1e3:.4f} ms | "
              f"{r['ratio']:.2f} ({r['ratio_range'][0]:.2f}–{r['ratio_range'][1]:.2f}) | {'yes' if r['ratio'] <= args.tolerance else 'no'} | "
              f"{r['alliance_result']} (verified: {r['verified']}) | {r['igraph_result']} |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"graph": label, "nodes": n, "edges": len(edges), "repeats": args.repeats,
                       "threads": args.threads, "rounds": args.rounds, "tolerance": args.tolerance, "rows": rows}, f, indent=2)


if __name__ == "__main__":
    main()
