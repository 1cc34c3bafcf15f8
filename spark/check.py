"""Compares a Spark job's output with `alliance metrics --format csv` on the same graph.

    python check.py JOB --spark DIR --engine metrics.csv [--tol 1e-8]
    python check.py export --edges OUT_DIR


JOB is pagerank, components, bfs, degree or triangles; DIR the job's Parquet output
(columns node, value); metrics.csv the engine's CSV (first column node, or nation for
datasets; the metric's column: pagerank, component, bfs, degree, triangles). PageRank
agrees when the largest absolute difference is at most --tol (default 1e-8); components
when both induce the same partition of the nodes (numbering aside); the others exactly.
`export` reads an `alliance export edges` folder with pyarrow and checks it against its
_graph.json: the row counts, the column types, src < dst for undirected graphs, and that
every edge end is a node. Prints one line; exits 0 on agreement, 1 on disagreement or unreadable input, 64 on usage.
"""

import argparse
import csv
import sys

import pyarrow.parquet as pq

COLUMNS = {"pagerank": "pagerank", "components": "component", "bfs": "bfs", "degree": "degree", "triangles": "triangles"}


def read_engine(path, column):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if column not in header:
            raise ValueError(f"{path}: no column {column!r} (columns: {', '.join(header)})")
        key, index = 0, header.index(column)
        return {row[key]: row[index] for row in reader if row}


def read_spark(path):
    table = pq.read_table(path)
    for column in ("node", "value"):
        if column not in table.column_names:
            raise ValueError(f"{path}: no column {column!r}")
    nodes = [str(v) for v in table.column("node").to_pylist()]
    values = table.column("value").to_pylist()
    if len(set(nodes)) != len(nodes):
        raise ValueError(f"{path}: a node appears more than once")
    return dict(zip(nodes, values))


def partition(labels):
    groups = {}
    for node, label in labels.items():
        groups.setdefault(label, set()).add(node)
    return {frozenset(g) for g in groups.values()}


def compare(job, spark, engine, tol):
    """Returns (agrees, message)."""
    if set(spark) != set(engine):
        missing = sorted(set(engine) - set(spark))[:5]
        extra = sorted(set(spark) - set(engine))[:5]
        return False, f"node sets differ: {len(spark)} vs {len(engine)} nodes (missing {missing}, extra {extra})"
    if job == "pagerank":
        worst, node = 0.0, None
        for key, value in spark.items():
            difference = abs(float(value) - float(engine[key]))
            if difference > worst:
                worst, node = difference, key
        total = sum(float(v) for v in spark.values())
        ok = worst <= tol
        return ok, f"pagerank: L-infinity difference {worst:.3g} (node {node}), limit {tol:g}; Spark's scores sum to {total:.12f}"
    if job == "components":
        a, b = partition(spark), partition({k: v for k, v in engine.items()})
        return a == b, f"components: {len(a)} (Spark) and {len(b)} (engine) components, {'the same partition' if a == b else 'different partitions'}"
    wrong = [(k, spark[k], engine[k]) for k in spark if int(spark[k]) != int(float(engine[k]))]
    if wrong:
        return False, f"{job}: {len(wrong)} of {len(spark)} nodes differ, e.g. " + ", ".join(f"{k}: {s} vs {e}" for k, s, e in wrong[:5])
    return True, f"{job}: all {len(spark)} nodes equal"


def check_export(folder):
    """Returns (agrees, message) for the export at ``folder``."""
    import json

    import pyarrow as pa

    with open(f"{folder}/_graph.json", encoding="utf-8") as handle:
        meta = json.load(handle)
    edges = pq.read_table(f"{folder}/edges")
    nodes = pq.read_table(f"{folder}/nodes")
    problems = []
    if edges.num_rows != meta["edges"]:
        problems.append(f"{edges.num_rows} edge rows, _graph.json says {meta['edges']}")
    if nodes.num_rows != meta["nodes"]:
        problems.append(f"{nodes.num_rows} node rows, _graph.json says {meta['nodes']}")
    for name in ("src", "dst"):
        if edges.schema.field(name).type != pa.int64():
            problems.append(f"edges.{name} is {edges.schema.field(name).type}, expected int64")
    if meta["weighted"] and edges.schema.field("weight").type != pa.float64():
        problems.append("edges.weight is not a double")
    if meta["labels"] == "string" and nodes.schema.field("label").type != pa.string():
        problems.append("nodes.label is not a string")
    src, dst = edges.column("src").to_pylist(), edges.column("dst").to_pylist()
    if not meta["directed"] and any(a > b for a, b in zip(src, dst)):
        problems.append("an undirected edge has src > dst")
    if not meta["directed"] and len(set(zip(src, dst))) != len(src):
        problems.append("an undirected edge appears twice")
    known = set(nodes.column("node").to_pylist())
    if not set(src) <= known or not set(dst) <= known:
        problems.append("an edge end is not in nodes")
    parts = len([f for f in __import__("os").listdir(f"{folder}/edges") if f.endswith(".parquet")])
    if parts != meta["partitions"]:
        problems.append(f"{parts} edge files, _graph.json says {meta['partitions']}")
    if problems:
        return False, f"export {folder}: " + "; ".join(problems)
    return True, f"export {folder}: {nodes.num_rows} nodes, {edges.num_rows} edges in {parts} files read by pyarrow, consistent with _graph.json"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("job", choices=sorted(COLUMNS) + ["export"])
    parser.add_argument("--spark", help="the job's Parquet output folder")
    parser.add_argument("--engine", help="`alliance metrics --format csv` output")
    parser.add_argument("--edges", help="export: the folder written by `alliance export edges`")
    parser.add_argument("--tol", type=float, default=1e-8, help="pagerank: largest allowed absolute difference")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return 64 if stop.code else 0
    if args.job == "export":
        if not args.edges:
            parser.print_usage(sys.stderr)
            print("check: export needs --edges OUT_DIR", file=sys.stderr)
            return 64
        try:
            ok, message = check_export(args.edges)
        except (OSError, ValueError, KeyError) as error:
            print(f"check: {error}", file=sys.stderr)
            return 1
        print(("agree: " if ok else "DISAGREE: ") + message)
        return 0 if ok else 1
    if not args.spark or not args.engine:
        parser.print_usage(sys.stderr)
        print(f"check: {args.job} needs --spark DIR and --engine CSV", file=sys.stderr)
        return 64
    try:
        engine = read_engine(args.engine, COLUMNS[args.job])
        spark = read_spark(args.spark)
    except (OSError, ValueError) as error:
        print(f"check: {error}", file=sys.stderr)
        return 1
    ok, message = compare(args.job, spark, engine, args.tol)
    print(("agree: " if ok else "DISAGREE: ") + message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
