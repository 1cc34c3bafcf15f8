#!/usr/bin/env python3
"""Build yearly ATOP alliance snapshots with pandas + networkx: the Python peer of `alliance`'s
snapshot building, for the ATOP import benchmark in the project README.

This mirrors what AllianceGraph does when it imports ATOP v5 and builds one snapshot per year:

  1. read the four CSV files (ATOP v5 dyad-year, COW states, COW NMC capabilities, capitals);
  2. for every year y (1816-2018 by default) build that year's snapshot:

     * nations of y = the COW system members of y (a state is a member in y when
       styear <= y <= endyear for any of its rows in states.csv; states still present in the
       list's last year, 2016, carry forward to later years) UNION every nation appearing in an
       ATOP dyad-year row of year y (ATOP keeps a few states outside their COW membership);
     * node attributes: `capability` = NMC `cinc` of (ccode, y), 0 when missing (counted as a
       warning); `capital`, `lat`, `lng` from the capitals.csv row with
       stdate <= y-07-01 <= enddate (None when there is none, counted as a warning); `abbr` and
       `name` from states.csv; `member` = whether the nation is a COW system member in y;
     * one undirected nx.Graph per tie layer (defense, offense, neutral, nonagg, consul): the
       pair {a, b} has an edge when the layer's flag is 1 in EITHER ordered row (a, b, y) or
       (b, a, y) (ATOP is directed: a few obligations are one-sided, e.g. guarantees);
     * a union nx.Graph of all five layers whose edge attribute `layers` lists the pair's layers
       (rows whose five flags are all 0 add their nations but no edge).

The whole thing (reading the files + all yearly snapshots) is timed with time.perf_counter();
the median of --runs runs is reported, then one line of counts per year (from the last run).

    $PEERS_PYTHON atop_snapshots.py --runs 3
    $PEERS_PYTHON atop_snapshots.py --runs 1 --years 1914-1918

Data (read in place, see ../../../shared/data/README.md): ATOP v5 dyad-year as packaged by
peacesciencer (Leeds et al. 2002; Miller 2022); COW State System Membership; COW National
Material Capabilities (Singer, Bremer and Stuckey 1972); capitals as packaged by peacesciencer.
"""

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

LAYERS = ("defense", "offense", "neutral", "nonagg", "consul")
FLAG_COLUMNS = [f"atop_{layer}" for layer in LAYERS]
DEFAULT_DATA = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                             "..", "..", "..", "shared", "data"))


@dataclass
class Snapshot:
    year: int
    layers: dict                      # layer name -> nx.Graph (every graph holds every nation)
    union: nx.Graph                   # all layers; edge attribute "layers"
    warnings: list = field(default_factory=list)   # ("no cinc" | "no capital", ccode)

    @property
    def nations(self):
        return self.union.number_of_nodes()


# ----------------------------------------------------------------------------------------------
# Reading

def read_data(data_dir):
    """Read the four files; return the tables the snapshot builder needs."""
    dyads = pd.read_csv(os.path.join(data_dir, "atop", "atop5-dyad-year.csv"))
    states = pd.read_csv(os.path.join(data_dir, "cow", "states.csv"))
    nmc = pd.read_csv(os.path.join(data_dir, "cow", "nmc.csv"), usecols=["ccode", "year", "cinc"])
    capitals = pd.read_csv(os.path.join(data_dir, "cow", "capitals.csv"))

    # Undirected pairs: fold (a, b) and (b, a) onto (min, max); a flag is set when either
    # ordered row sets it. The grouped table has one row per (year, pair).
    dyads["a"] = dyads[["ccode1", "ccode2"]].min(axis=1)
    dyads["b"] = dyads[["ccode1", "ccode2"]].max(axis=1)
    pairs = dyads.groupby(["year", "a", "b"], sort=True)[FLAG_COLUMNS].max().reset_index()

    # ATOP nations per year (both columns: every pair appears in both orders, but do not rely on it).
    atop_nations = (pd.concat([dyads[["year", "ccode1"]].rename(columns={"ccode1": "ccode"}),
                               dyads[["year", "ccode2"]].rename(columns={"ccode2": "ccode"})])
                    .drop_duplicates().groupby("year")["ccode"].apply(set).to_dict())

    # COW membership spells; spells reaching the list's last year stay open.
    last_year = int(states["endyear"].max())
    states["open_end"] = states["endyear"].where(states["endyear"] < last_year, sys.maxsize)
    names = states.drop_duplicates("ccode").set_index("ccode")[["stateabb", "statenme"]]

    cinc = nmc.set_index(["ccode", "year"])["cinc"].to_dict()

    return {
        "pairs": pairs,
        "pairs_by_year": {year: group for year, group in pairs.groupby("year")},
        "atop_nations": atop_nations,
        "states": states,
        "names": names.to_dict("index"),
        "cinc": cinc,
        "capitals": capitals,
    }


# ----------------------------------------------------------------------------------------------
# One year's snapshot

def system_members(states, year):
    spells = states[(states["styear"] <= year) & (states["open_end"] >= year)]
    return set(spells["ccode"])


def capitals_on(capitals, year):
    """ccode -> (capital, lat, lng) for the rows in force on 1 July of `year` (ISO dates
    compare as strings). If two rows were in force, the later-starting one wins."""
    day = f"{year:04d}-07-01"
    rows = capitals[(capitals["stdate"] <= day) & (capitals["enddate"] >= day)].sort_values("stdate")
    return {c: (cap, lat, lng) for c, cap, lat, lng in
            zip(rows["ccode"], rows["capital"], rows["lat"], rows["lng"])}


def build_snapshot(data, year):
    members = system_members(data["states"], year)
    nations = sorted(members | data["atop_nations"].get(year, set()))
    capitals = capitals_on(data["capitals"], year)
    warnings = []

    nodes = []
    for ccode in nations:
        name = data["names"].get(ccode, {})
        capability = data["cinc"].get((ccode, year))
        if capability is None or pd.isna(capability):
            warnings.append(("no cinc", ccode))
            capability = 0.0
        capital, lat, lng = capitals.get(ccode, (None, None, None))
        if capital is None:
            warnings.append(("no capital", ccode))
        nodes.append((ccode, {"abbr": name.get("stateabb"), "name": name.get("statenme"),
                              "member": ccode in members, "capability": capability,
                              "capital": capital, "lat": lat, "lng": lng}))

    layers = {}
    for layer in LAYERS:
        g = nx.Graph(year=year, layer=layer)
        g.add_nodes_from(nodes)
        layers[layer] = g
    union = nx.Graph(year=year, layer="union")
    union.add_nodes_from(nodes)

    pairs = data["pairs_by_year"].get(year)
    if pairs is not None:
        a, b = pairs["a"].tolist(), pairs["b"].tolist()
        flags = [pairs[column].tolist() for column in FLAG_COLUMNS]
        for layer, layer_flags in zip(LAYERS, flags):
            layers[layer].add_edges_from((u, v) for u, v, f in zip(a, b, layer_flags) if f)
        for u, v, *pair_flags in zip(a, b, *flags):
            present = [layer for layer, f in zip(LAYERS, pair_flags) if f]
            if present:        # a pair whose flags are all 0 adds its nations but no edge
                union.add_edge(u, v, layers=present)

    return Snapshot(year=year, layers=layers, union=union, warnings=warnings)


def build_all(data_dir, years):
    data = read_data(data_dir)
    return [build_snapshot(data, y) for y in years]


# ----------------------------------------------------------------------------------------------
# Command line

def parse_years(text):
    first, _, last = text.partition("-")
    first, last = int(first), int(last or first)
    if last < first:
        raise argparse.ArgumentTypeError(f"empty year range {text}")
    return range(first, last + 1)


def print_counts(snapshots):
    header = f"{'year':>4} {'nations':>7} " + " ".join(f"{l:>7}" for l in LAYERS) + \
             f" {'any':>6} {'no cinc':>7} {'no cap':>6}"
    print(header)
    for s in snapshots:
        no_cinc = sum(kind == "no cinc" for kind, _ in s.warnings)
        no_cap = sum(kind == "no capital" for kind, _ in s.warnings)
        print(f"{s.year:>4} {s.nations:>7} " +
              " ".join(f"{s.layers[l].number_of_edges():>7}" for l in LAYERS) +
              f" {s.union.number_of_edges():>6} {no_cinc:>7} {no_cap:>6}")
    total_edges = {l: sum(s.layers[l].number_of_edges() for s in snapshots) for l in LAYERS}
    print(f"total over {len(snapshots)} years: nation-years {sum(s.nations for s in snapshots)}, " +
          ", ".join(f"{l} {n}" for l, n in total_edges.items()) +
          f", any {sum(s.union.number_of_edges() for s in snapshots)}, "
          f"warnings {sum(len(s.warnings) for s in snapshots)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="timed runs (median reported), default 3")
    parser.add_argument("--data", default=DEFAULT_DATA,
                        help=f"the shared data folder (default {DEFAULT_DATA})")
    parser.add_argument("--years", type=parse_years, default=parse_years("1816-2018"),
                        help="inclusive year range A-B (or one year), default 1816-2018")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not os.path.isfile(os.path.join(args.data, "atop", "atop5-dyad-year.csv")):
        parser.error(f"no atop/atop5-dyad-year.csv under {args.data}")

    seconds = []
    for run in range(args.runs):
        start = time.perf_counter()
        snapshots = build_all(args.data, args.years)
        seconds.append(time.perf_counter() - start)
        print(f"run {run + 1}: {seconds[-1]:.3f} s", file=sys.stderr, flush=True)

    years = f"{args.years[0]}-{args.years[-1]}"
    print(f"pandas {pd.__version__}, networkx {nx.__version__}; {len(snapshots)} snapshots ({years})")
    print(f"read + build, median of {args.runs}: {statistics.median(seconds):.3f} s "
          f"(runs: {', '.join(f'{s:.3f}' for s in seconds)})")
    print_counts(snapshots)


if __name__ == "__main__":
    main()
