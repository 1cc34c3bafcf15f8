"""PySpark jobs for AllianceGraph exports (``alliance export edges``).

Run from the ``spark`` folder without installing::

    python -m alliancegraph_spark pagerank --edges OUT_DIR --out DIR --master spark://HOST:7077

Jobs: ``pagerank``, ``components``, ``bfs``, ``degree``, ``triangles``. Each reads the
export's ``edges/``, ``nodes/`` and ``_graph.json`` and writes Parquet with the columns
``node`` (the original label) and ``value``.
"""

JOBS = ("pagerank", "components", "bfs", "degree", "triangles")
