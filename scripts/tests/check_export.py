#!/usr/bin/env python3
"""Reads a GraphML or GEXF export of `alliance convert` with networkx and prints what it
found as JSON, so tests can compare it with the snapshot:

    python3 scripts/tests/check_export.py FILE.graphml|FILE.gexf

Output keys: format, directed, nodes, edges, node_ids, edge_pairs ("A|B" with A < B),
attributes (per node: name, region, capability; capability is the latest value for a
GEXF dynamic attribute), nodes_with_spells and edges_with_spells (GEXF), edge_types
(GraphML: per pair, the `types` value). Exits 2 when networkx is missing.
"""
import json
import sys

try:
    import networkx as nx
except ImportError:
    sys.stderr.write("check_export.py: networkx is not installed for %s (pip install networkx, or apt-get install python3-networkx)\n" % sys.executable)
    sys.exit(2)


def latest(value):
    """A GEXF dynamic value is a list of (value, start, end); keep the one that ends last."""
    if isinstance(value, list):
        if not value:
            return None
        return max(value, key=lambda item: (item[2] is None, item[2] or 0))[0]
    return value


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: check_export.py FILE.graphml|FILE.gexf\n")
        sys.exit(64)
    path = sys.argv[1]
    if path.endswith(".graphml"):
        graph, kind = nx.read_graphml(path), "graphml"
    elif path.endswith(".gexf"):
        graph, kind = nx.read_gexf(path), "gexf"
    else:
        sys.stderr.write("check_export.py: %s: expected a .graphml or .gexf file\n" % path)
        sys.exit(64)
    attributes = {}
    for node, data in graph.nodes(data=True):
        attributes[str(node)] = {
            "name": data.get("name"),
            "region": data.get("region"),
            "capability": latest(data.get("capability")),
        }
    pairs = sorted("|".join(sorted((str(a), str(b)))) for a, b in graph.edges())
    report = {
        "format": kind,
        "directed": graph.is_directed(),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "node_ids": sorted(str(node) for node in graph.nodes()),
        "edge_pairs": pairs,
        "attributes": attributes,
        "nodes_with_spells": sum(1 for _, data in graph.nodes(data=True) if data.get("spells")),
        "edges_with_spells": sum(1 for _, _, data in graph.edges(data=True) if data.get("spells")),
        "edge_types": {"|".join(sorted((str(a), str(b)))): data.get("types") for a, b, data in graph.edges(data=True)}
        if kind == "graphml" else {},
    }
    json.dump(report, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
