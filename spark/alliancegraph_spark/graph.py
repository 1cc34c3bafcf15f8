"""Reading an ``alliance export edges`` folder into Spark DataFrames."""

import json
import os
from dataclasses import dataclass

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

FORMAT = "alliancegraph-parquet-edges"


class ExportError(Exception):
    """The folder is not a readable export."""


@dataclass
class Graph:
    """An exported graph: ``nodes`` (``id``: the exported node key, ``label``: what jobs
    print) and ``edges`` (``src``, ``dst``, as exported: undirected edges once)."""

    nodes: DataFrame
    edges: DataFrame
    directed: bool
    node_count: int
    edge_count: int
    string_labels: bool

    def arcs(self) -> DataFrame:
        """Both directions of every undirected edge (a self-loop once), or the directed
        edges: ``src``, ``dst``. O(m)."""
        if self.directed:
            return self.edges.select("src", "dst")
        reverse = self.edges.where(F.col("src") != F.col("dst")).select(
            F.col("dst").alias("src"), F.col("src").alias("dst"))
        return self.edges.select("src", "dst").unionByName(reverse)

    def simple_undirected(self) -> DataFrame:
        """Each undirected pair once as ``u < v``, self-loops dropped (directed graphs
        symmetrised). O(m)."""
        pairs = self.edges.where(F.col("src") != F.col("dst")).select(
            F.least("src", "dst").alias("u"), F.greatest("src", "dst").alias("v"))
        return pairs.distinct() if self.directed else pairs

    def labelled(self, values: DataFrame) -> DataFrame:
        """``values`` (``id``, ``value``) with ``id`` replaced by the node's label:
        ``node``, ``value``."""
        return values.join(self.nodes, "id").select(F.col("label").alias("node"), "value")


def _read_manifest(path: str, spark: SparkSession) -> dict:
    manifest = path.rstrip("/") + "/_graph.json"
    if "://" in manifest and not manifest.startswith("file://"):
        text = "\n".join(spark.sparkContext.textFile(manifest, 1).collect())
    else:
        local = manifest[len("file://"):] if manifest.startswith("file://") else manifest
        if not os.path.isfile(local):
            raise ExportError(f"{local}: not found; expected a folder written by `alliance export edges`")
        with open(local, encoding="utf-8") as handle:
            text = handle.read()
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportError(f"{manifest}: not JSON: {error}") from None
    if meta.get("format") != FORMAT:
        raise ExportError(f"{manifest}: format is {meta.get('format')!r}, expected {FORMAT!r}")
    for key in ("directed", "nodes", "edges", "labels"):
        if key not in meta:
            raise ExportError(f"{manifest}: field {key!r} is missing")
    return meta


def load(spark: SparkSession, path: str) -> Graph:
    """Reads the export at ``path`` (a local folder or any Hadoop file system URL)."""
    meta = _read_manifest(path, spark)
    base = path.rstrip("/")
    edges = spark.read.parquet(base + "/edges")
    nodes = spark.read.parquet(base + "/nodes")
    for frame, columns, where in ((edges, ("src", "dst"), "edges"), (nodes, ("node",), "nodes")):
        for column in columns:
            if column not in frame.columns:
                raise ExportError(f"{base}/{where}: column {column!r} is missing")
    string_labels = meta["labels"] == "string"
    if string_labels:
        nodes = nodes.select(F.col("node").alias("id"), F.col("label"))
    else:
        nodes = nodes.select(F.col("node").alias("id"), F.col("node").alias("label"))
    return Graph(
        nodes=nodes,
        edges=edges.select("src", "dst"),
        directed=bool(meta["directed"]),
        node_count=int(meta["nodes"]),
        edge_count=int(meta["edges"]),
        string_labels=string_labels,
    )
