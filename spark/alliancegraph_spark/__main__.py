"""Command line: ``python -m alliancegraph_spark JOB --edges DIR --out DIR [--master URL]``."""

import argparse
import json
import os
import shutil
import sys
import time

from . import JOBS

EXIT_INPUT = 1
EXIT_USAGE = 64


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="python -m alliancegraph_spark",
        description="Run an AllianceGraph kernel on Spark over an `alliance export edges` folder; "
        "writes Parquet with columns node (the original label) and value.",
    )
    parser.add_argument("job", help=f"one of {', '.join(JOBS)}, or several comma-separated (one Spark session; then --out holds a folder per job)")
    parser.add_argument("--edges", required=True, help="the export folder (OUT_DIR of `alliance export edges`), local or a Hadoop URL")
    parser.add_argument("--out", required=True, help="output folder (replaced)")
    parser.add_argument("--master", default=None, help="Spark master: local[2], spark://HOST:7077, yarn, k8s://… (default: spark-submit's or local[*])")
    parser.add_argument("--source", default="", help="bfs: label of the source node")
    parser.add_argument("--alpha", type=float, default=0.85, help="pagerank: damping factor (default 0.85)")
    parser.add_argument("--tol", type=float, default=1e-10, help="pagerank: stop when the L1 change is below n × tol (default 1e-10)")
    parser.add_argument("--max-iter", type=int, default=200, help="pagerank: iteration limit (default 200)")
    parser.add_argument("--partitions", type=int, default=8, help="shuffle partitions (default 8; about 2-4 per core of the cluster)")
    parser.add_argument("--checkpoint-dir", default=None,
                        help="reliable checkpoints here (a folder every executor can reach: HDFS/S3 on a real cluster); default: OUT.checkpoints, removed at the end")
    parser.add_argument("--local-checkpoints", action="store_true", help="cut lineage with local (executor) checkpoints instead of reliable ones")
    parser.add_argument("--executor-memory", default=None, help="spark.executor.memory, e.g. 1g")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="any Spark setting, e.g. spark.sql.adaptive.enabled=false (repeatable)")
    parser.add_argument("--report", default=None, help="also write the job's timing and counts as JSON to this file")
    args = parser.parse_args(argv)
    args.jobs = [j.strip() for j in args.job.split(",") if j.strip()]
    unknown = [j for j in args.jobs if j not in JOBS]
    if unknown or not args.jobs:
        parser.error(f"unknown job {', '.join(unknown) or '(none)'}: expected some of {', '.join(JOBS)}")
    if len(set(args.jobs)) != len(args.jobs):
        parser.error("a job is named twice")
    if "bfs" in args.jobs and not args.source:
        parser.error("bfs needs --source LABEL")
    if args.tol <= 0:
        parser.error("--tol must be positive")
    if args.max_iter < 1:
        parser.error("--max-iter must be at least 1")
    if not 0 <= args.alpha <= 1:
        parser.error("--alpha must be in [0, 1]")
    for item in args.conf:
        if "=" not in item:
            parser.error(f"--conf {item!r}: expected KEY=VALUE")
    if args.partitions < 1:
        parser.error("--partitions must be at least 1")
    return args


def main(argv=None):
    try:
        args = parse(sys.argv[1:] if argv is None else argv)
    except SystemExit as stop:
        return EXIT_USAGE if stop.code not in (0, None) else 0
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from .graph import ExportError, load
    from .jobs import JOB_FUNCTIONS, JobError, Settings

    builder = SparkSession.builder.appName(f"alliancegraph-{'-'.join(args.jobs)}")
    if args.master:
        builder = builder.master(args.master)
    builder = builder.config("spark.sql.shuffle.partitions", str(args.partitions))
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    if args.executor_memory:
        builder = builder.config("spark.executor.memory", args.executor_memory)
    for item in args.conf:
        key, value = item.split("=", 1)
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    checkpoint_dir = args.checkpoint_dir or args.out.rstrip("/") + ".checkpoints"
    remove_checkpoints = args.checkpoint_dir is None and "://" not in checkpoint_dir
    if not args.local_checkpoints:
        spark.sparkContext.setCheckpointDir(checkpoint_dir)
    settings = Settings(
        checkpoint=not args.local_checkpoints, alpha=args.alpha, tol=args.tol, max_iter=args.max_iter,
        source=args.source, partitions=args.partitions)
    status = 0
    try:
        graph = load(spark, args.edges)
        reports = []
        for job in args.jobs:
            out = args.out if len(args.jobs) == 1 else args.out.rstrip("/") + "/" + job
            started = time.monotonic()
            values, info = JOB_FUNCTIONS[job](graph, settings)
            graph.labelled(values).write.mode("overwrite").parquet(out)
            seconds = time.monotonic() - started
            reports.append({"job": job, "seconds": seconds, "nodes": graph.node_count, "edges": graph.edge_count,
                            "master": spark.sparkContext.master, "output": out, **info})
            print(f"{job}: {seconds:.2f} s " + " ".join(f"{k}={v}" for k, v in info.items()), file=sys.stderr)
        if args.report:
            with open(args.report, "w", encoding="utf-8") as handle:
                json.dump(reports[0] if len(reports) == 1 else reports, handle, indent=2)
                handle.write("\n")
    except (ExportError, JobError) as error:
        print(f"error: {error}", file=sys.stderr)
        status = EXIT_INPUT
    finally:
        spark.stop()
        if remove_checkpoints:
            shutil.rmtree(checkpoint_dir, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
