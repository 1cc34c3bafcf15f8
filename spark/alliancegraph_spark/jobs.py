"""The five graph kernels as Spark DataFrame jobs.

Every job takes a :class:`~alliancegraph_spark.graph.Graph` and returns a DataFrame of
``id`` (the exported node key) and ``value``, one row per node. Iterative jobs truncate
their lineage every iteration with :func:`bounded`, so plans and driver memory stay
constant however many iterations run.
"""

from dataclasses import dataclass

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .graph import Graph


class JobError(Exception):
    """A job could not produce its result (no convergence, unknown source)."""


@dataclass
class Settings:
    checkpoint: bool = True  # reliable checkpoints (needs a checkpoint dir); else local ones
    alpha: float = 0.85
    tol: float = 1e-10
    max_iter: int = 200
    source: str = ""
    partitions: int = 8
    checkpoint_every: int = 10  # iterations between checkpoints; cached in between


def bounded(frame: DataFrame, settings: Settings) -> DataFrame:
    """Materialises ``frame`` and cuts its lineage: a reliable checkpoint (written to the
    checkpoint directory, survives an executor's loss) or a local one (executor storage)."""
    return frame.checkpoint(eager=True) if settings.checkpoint else frame.localCheckpoint(eager=True)


class Lineage:
    """Keeps an iteration's result with its lineage cut: a local checkpoint (cached on the
    executors, plan truncated) every iteration, and a reliable one every
    ``checkpoint_every``-th, so neither the plan (which would double each iteration where
    a result is used twice) nor the recovery path grows. The caller runs its action on what
    :meth:`keep` returns before it :meth:`release`\s the previous result."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.steps = 0

    def keep(self, frame: DataFrame) -> DataFrame:
        """``frame``, computed, with its plan cut."""
        self.steps += 1
        if self.settings.checkpoint and self.steps % max(1, self.settings.checkpoint_every) == 0:
            return frame.checkpoint(eager=True)
        return frame.localCheckpoint(eager=True)

    @staticmethod
    def release(frame: DataFrame) -> None:
        frame.unpersist()


def degree(graph: Graph, settings: Settings) -> tuple[DataFrame, dict]:
    """networkx ``G.degree()``: edges at each node, a self-loop counting 2 (in + out for
    directed graphs). One shuffle, O(m)."""
    ends = graph.edges.select(F.col("src").alias("id")).unionByName(graph.edges.select(F.col("dst").alias("id")))
    counts = ends.groupBy("id").agg(F.count(F.lit(1)).alias("value"))
    values = graph.nodes.select("id").join(counts, "id", "left").select("id", F.coalesce("value", F.lit(0)).alias("value"))
    return values, {}


def pagerank(graph: Graph, settings: Settings) -> tuple[DataFrame, dict]:
    """PageRank as networkx computes it: ``x ← α (xᵀ S + Σ_dangling x / n) + (1 − α) / n``
    from ``x = 1/n``, stopping after the first iteration whose L1 change is below
    ``n × tol`` (the rule of ``alliance metrics``); undirected edges count both ways.

    Each iteration: one join of the arcs (cached, partitioned by source) with the
    contributions, one aggregation by target, one join back to the ranks, and one action
    that sums the L1 change and the next dangling mass. O(n + m) work per iteration.
    """
    n = graph.node_count
    if n == 0:
        return graph.nodes.select("id", F.lit(0.0).alias("value")), {"iterations": 0}
    alpha = settings.alpha
    arcs = graph.arcs().repartition(settings.partitions, "src").cache()
    out = arcs.groupBy("src").agg(F.count(F.lit(1)).alias("out"))
    ranks = (
        graph.nodes.select("id")
        .join(out, graph.nodes.id == out.src, "left")
        .select("id", F.when(F.col("out").isNull(), F.lit(0.0)).otherwise(1.0 / F.col("out")).alias("inv"),
                F.lit(1.0 / n).alias("r"))
    )
    ranks = bounded(ranks.repartition(settings.partitions, "id"), settings)
    dangling = ranks.where(F.col("inv") == 0.0).count() / n
    lineage = Lineage(settings)
    held = ranks
    for iteration in range(1, settings.max_iter + 1):
        contributions = ranks.select(F.col("id").alias("src"), (F.col("r") * F.col("inv")).alias("c"))
        sums = arcs.join(contributions, "src").groupBy("dst").agg(F.sum("c").alias("s"))
        base = alpha * dangling / n + (1.0 - alpha) / n
        nxt = ranks.join(sums, ranks.id == sums.dst, "left").select(
            "id", "inv", (F.lit(alpha) * F.coalesce(F.col("s"), F.lit(0.0)) + F.lit(base)).alias("r"),
            F.col("r").alias("previous"))
        nxt = lineage.keep(nxt)
        row = nxt.agg(
            F.sum(F.abs(F.col("r") - F.col("previous"))).alias("error"),
            F.sum(F.when(F.col("inv") == 0.0, F.col("r")).otherwise(0.0)).alias("dangling"),
        ).collect()[0]
        lineage.release(held)
        held = nxt
        ranks = nxt.select("id", "inv", "r")
        dangling = row["dangling"] or 0.0
        if row["error"] < n * settings.tol:
            arcs.unpersist()
            return ranks.select("id", F.col("r").alias("value")), {"iterations": iteration, "l1_change": row["error"]}
    raise JobError(f"pagerank: no convergence in {settings.max_iter} iterations (tol {settings.tol}); raise --max-iter")


def _large_star(edges: DataFrame) -> DataFrame:
    """Large-star (Kiveris et al. 2014): each node u links every larger neighbour to
    m(u), the smallest of u and its neighbours. Input and output: ``a``, ``b`` pairs."""
    both = edges.select("a", "b").unionByName(edges.select(F.col("b").alias("a"), F.col("a").alias("b")))
    smallest = both.groupBy("a").agg(F.least(F.min("b"), F.col("a")).alias("m"))
    return both.join(smallest, "a").where(F.col("b") > F.col("a")).select(F.col("b").alias("a"), F.col("m").alias("b")).distinct()


def _small_star(edges: DataFrame) -> DataFrame:
    """Small-star: each node u links itself and its smaller neighbours to m, the smallest
    of them. Output pairs are ``a > b``."""
    down = edges.select(F.greatest("a", "b").alias("a"), F.least("a", "b").alias("b"))
    smallest = down.groupBy("a").agg(F.min("b").alias("m"))
    joined = down.join(smallest, "a")
    leaves = joined.where(F.col("b") != F.col("m")).select(F.col("b").alias("a"), F.col("m").alias("b"))
    return leaves.unionByName(smallest.select("a", F.col("m").alias("b"))).distinct()


def components(graph: Graph, settings: Settings) -> tuple[DataFrame, dict]:
    """Connected components by alternating large-star and small-star until the graph is a
    set of stars (Kiveris, Lattanzi, Mirrokni, Rastogi, Vassilvitskii, "Connected Components
    in MapReduce and Beyond", SoCC 2014: O(log² n) rounds, each O(m) communication). Each
    component is numbered by its smallest node key; directed graphs give weak components.
    Every round ends with a checkpoint, so the lineage stays one round long."""
    edges = bounded(graph.simple_undirected().select(F.col("u").alias("a"), F.col("v").alias("b")), settings)
    rounds = 0
    lineage = Lineage(settings)
    while True:
        rounds += 1
        if rounds > 200:
            raise JobError("components: no convergence in 200 rounds")
        previous, edges = edges, lineage.keep(_small_star(_large_star(edges)))
        # Stars: no node is both a leaf (a) and a centre (b) of an edge a > b.
        done = edges.select("a").intersect(edges.select(F.col("b").alias("a"))).limit(1).count() == 0
        lineage.release(previous)
        if done:
            break
    values = graph.nodes.select("id").join(edges, graph.nodes.id == edges.a, "left").select(
        "id", F.coalesce(F.col("b"), F.col("id")).alias("value"))
    return values, {"rounds": rounds}


def _source_id(graph: Graph, source: str) -> int:
    if graph.string_labels:
        rows = graph.nodes.where(F.col("label") == source).select("id").limit(1).collect()
    else:
        try:
            label = int(source)
        except ValueError:
            raise JobError(f"bfs: --source {source!r}: the graph has integer labels") from None
        rows = graph.nodes.where(F.col("id") == label).select("id").limit(1).collect()
    if not rows:
        raise JobError(f"bfs: --source: no node is labelled {source!r}")
    return rows[0]["id"]


def bfs(graph: Graph, settings: Settings) -> tuple[DataFrame, dict]:
    """Hop distances from ``--source`` along the arcs, level-synchronous: each level joins
    the frontier with the arcs and drops visited nodes (an anti-join). Unreachable nodes get
    -1, as ``alliance metrics --metric bfs`` prints. O(m) work in all, one round per level."""
    if not settings.source:
        raise JobError("bfs: --source LABEL is required")
    start = _source_id(graph, settings.source)
    spark = graph.nodes.sparkSession
    arcs = graph.arcs().repartition(settings.partitions, "src").cache()
    visited = spark.createDataFrame([(start, 0)], "id long, d long").localCheckpoint(eager=True)
    frontier = visited
    level = 0
    lineage = Lineage(settings)
    while True:
        level += 1
        reached = frontier.join(arcs, frontier.id == arcs.src).select(F.col("dst").alias("id")).distinct()
        last = frontier
        frontier = reached.join(visited, "id", "left_anti").select("id", F.lit(level).cast("long").alias("d")).localCheckpoint(eager=True)
        found = frontier.count()
        if last is not visited:
            last.unpersist()
        if found == 0:
            break
        previous, visited = visited, lineage.keep(visited.unionByName(frontier))
        visited.count()
        lineage.release(previous)
    arcs.unpersist()
    values = graph.nodes.select("id").join(visited, "id", "left").select("id", F.coalesce(F.col("d"), F.lit(-1)).alias("value"))
    return values, {"levels": level - 1}


def triangles(graph: Graph, settings: Settings) -> tuple[DataFrame, dict]:
    """Triangles at each node (networkx ``triangles``: undirected, self-loops ignored) by a
    degree-ordered wedge join: orient each edge from the lower (degree, key) end to the
    higher, join oriented edges sharing their tail into wedges (v, w) with v before w, and
    keep the wedges closed by an oriented edge v → w. Each triangle is found once, at its
    lowest-ordered node; orienting bounds every out-degree by O(√m), so the wedges are
    O(m^1.5) at most (Schank and Wagner 2005; Suri and Vassilvitskii 2011)."""
    pairs = graph.simple_undirected().cache()
    deg = pairs.select(F.col("u").alias("id")).unionByName(pairs.select(F.col("v").alias("id"))).groupBy("id").count()
    du = deg.select(F.col("id").alias("u"), F.col("count").alias("du"))
    dv = deg.select(F.col("id").alias("v"), F.col("count").alias("dv"))
    ranked = pairs.join(du, "u").join(dv, "v")
    forward = F.struct("du", "u") < F.struct("dv", "v")
    oriented = bounded(ranked.select(
        F.when(forward, F.col("u")).otherwise(F.col("v")).alias("a"),
        F.when(forward, F.col("v")).otherwise(F.col("u")).alias("b"),
        F.when(forward, F.struct(F.col("dv").alias("d"), F.col("v").alias("k"))).otherwise(
            F.struct(F.col("du").alias("d"), F.col("u").alias("k"))).alias("order"),
    ), settings)
    x = oriented.select(F.col("a").alias("p"), F.col("b").alias("q"), F.col("order").alias("oq"))
    y = oriented.select(F.col("a").alias("p"), F.col("b").alias("r"), F.col("order").alias("or_"))
    wedges = x.join(y, "p").where(F.col("oq") < F.col("or_")).select("p", "q", "r")
    closing = oriented.select(F.col("a").alias("q"), F.col("b").alias("r"))
    closed = wedges.join(closing, ["q", "r"])
    counts = closed.select(F.explode(F.array("p", "q", "r")).alias("id")).groupBy("id").agg(F.count(F.lit(1)).alias("value"))
    values = graph.nodes.select("id").join(counts, "id", "left").select("id", F.coalesce("value", F.lit(0)).alias("value"))
    pairs.unpersist()
    return values, {}


JOB_FUNCTIONS = {
    "pagerank": pagerank,
    "components": components,
    "bfs": bfs,
    "degree": degree,
    "triangles": triangles,
}
