#!/usr/bin/env python3
"""Writes the fuzz seed corpora under Fuzz/corpus/<target>/ from the project's own files:
the metrics fixtures (edge lists), the curated dataset (a consistent excerpt of eight
nations), the ATOP/COW excerpt of Tests/Fixtures/reference (a few rows of each file) and
hand-written scenarios and names. Snapshot seeds are converted from the edge-list seeds with
the command-line tool when --alliance PATH is given (they are committed, so this is only
needed to regenerate them). Standard library only.

Usage: python3 Fuzz/make_corpus.py [--alliance .build/debug/alliance]
"""

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "corpus")


def put(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def bundle(files):
    return "".join(f"=== {name}\n{text}" for name, text in files)


def csv_text(header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    rows = list(csv.reader(lines))
    return rows[0], rows[1:]


def edge_lists():
    metrics = os.path.join(ROOT, "Tests", "Fixtures", "metrics")
    for name in ["florentine", "karate", "weighted_ties", "directed_dangling", "disconnected_loops"]:
        with open(os.path.join(metrics, name + ".el"), encoding="utf-8") as f:
            put("edgelist", name + ".el", f.read())
    put("edgelist", "header.csv", "source,target,weight\n0,1,0.5\n1,2,1e-3\n2,0,-4\n")
    put("edgelist", "crlf.el", "% a comment\r\n0\t1\r\n\r\n1\t2\r\n2 2\r\n")
    put("edgelist", "sparse-labels.el", "# labels far apart\n7 4294967294\n100000 7\n16777216 3\n")
    put("edgelist", "decimals.tsv", "1\t2\t1.7976931348623157e308\n2\t3\t.5\n3\t1\t+12345678901234567890.5e-3\n")
    put("edgelist-string", "nations.el", "PAK TUR 1\nPAK SAU 0.5\nTUR,USA,1\nSAU\tUSA\t2.25\n")
    put("edgelist-string", "header.csv", "source,target\nPakistan,Turkey\nTurkey,Azerbaijan\nPakistan,Pakistan\n")
    put("edgelist-string", "mixed.txt", "# names and numbers\nalpha 1\n1 beta\nbeta gamma\n\ngamma alpha\n")
    with open(os.path.join(metrics, "florentine.el"), encoding="utf-8") as f:
        put("edgelist-string", "florentine.el", f.read())


def snapshots(alliance):
    if not alliance:
        return
    folder = os.path.join(CORPUS, "edgelist")
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [
            ("florentine.el", "florentine.bin", []),
            ("weighted_ties.el", "weighted.bin", []),
            ("directed_dangling.el", "directed.bin", ["--directed", "--keep-self-loops"]),
            ("sparse-labels.el", "integer-labels.bin", []),
        ]
        for source, target, flags in jobs:
            out = os.path.join(tmp, target)
            subprocess.run([alliance, "convert", os.path.join(folder, source), out, "--quiet", *flags], check=True, stdout=subprocess.DEVNULL)
            with open(out, "rb") as f:
                put("snapshot", target, f.read())
        strings = os.path.join(CORPUS, "edgelist-string", "nations.el")
        out = os.path.join(tmp, "strings.bin")
        subprocess.run([alliance, "convert", strings, out, "--labels", "string", "--quiet"], check=True, stdout=subprocess.DEVNULL)
        with open(out, "rb") as f:
            put("snapshot", "string-labels.bin", f.read())


def dataset():
    cur = os.path.join(ROOT, "datasets", "curated")
    keep = {"PAK", "TUR", "SAU", "USA", "CHN", "IND", "IRN", "AZE"}
    tables = {}
    for name in ["nations", "capabilities", "alliances", "members", "ties", "threats", "groups", "nuclear",
                 "contiguity", "sources"]:
        tables[name] = read_csv(os.path.join(cur, name + ".csv"))

    def col(table, name):
        return tables[table][0].index(name)

    def short(row, header, names=("title", "note", "name", "publisher", "url", "capital")):
        return [v[:40] if h in names else v for h, v in zip(header, row)]

    out = {}
    h, rows = tables["nations"]
    out["nations"] = (h, [short(r, h) for r in rows if r[col("nations", "id")] in keep])
    h, rows = tables["members"]
    members = [r for r in rows if r[col("members", "nation")] in keep]
    by_alliance = {}
    for r in members:
        by_alliance.setdefault(r[col("members", "alliance")], []).append(r)
    kept_alliances = {a for a, rs in by_alliance.items() if len(rs) >= 2}
    out["members"] = (h, [short(r, h) for r in members if r[col("members", "alliance")] in kept_alliances][:40])
    kept_alliances = {r[col("members", "alliance")] for r in out["members"][1]}
    h, rows = tables["alliances"]
    alliances = []
    for r in rows:
        if r[col("alliances", "id")] in kept_alliances:
            r = list(r)
            r[h.index("eligibility")] = "closed" if r[h.index("eligibility")] else ""
            alliances.append(short(r, h))
    out["alliances"] = (h, alliances)
    for name, cols in [("ties", ("a", "b")), ("threats", ("a", "b")), ("contiguity", ("a", "b")),
                       ("capabilities", ("nation",)), ("groups", ("nation",)), ("nuclear", ("nation",))]:
        h, rows = tables[name]
        out[name] = (h, [short(r, h) for r in rows if all(r[h.index(c)] in keep for c in cols)][:30])
    cited = set()
    for name, (h, rows) in out.items():
        if "source" in h:
            for r in rows:
                cited.update(s.strip() for s in r[h.index("source")].split(";") if s.strip())
    h, rows = tables["sources"]
    # Sources only need their ids and dates: short texts keep the seed small.
    out["sources"] = (h, [[r[0], r[1][:10], r[2][:12], r[3], ""] for r in rows if r[0] in cited])
    with open(os.path.join(cur, "dataset.json"), encoding="utf-8") as f:
        manifest = f.read()
    files = [("dataset.json", manifest)] + [(n + ".csv", csv_text(*out[n])) for n in
             ["sources", "nations", "capabilities", "alliances", "members", "ties", "threats", "groups", "nuclear",
              "contiguity"]]
    put("dataset", "curated-excerpt", bundle(files))
    put("dataset", "required-only", bundle(files[:3]))
    mini = [
        ("dataset.json", '{"format": "alliancegraph-dataset/1", "name": "mini", "asOf": 2020,\n'
                         ' "capability": {"measure": "milex", "unit": "million US$", "year": 2019, "source": "s1"}}\n'),
        ("sources.csv", 'id,publisher,title,date,url\ns1,Pub,Title one,2020-01-02,\ns2,Pub,"Title, two",2021,https://example.org/two\n'),
        ("nations.csv", "id,cow,abbr,name,region,capital,lat,lon,source\nAAA,100,AA,Alpha,Europe,Acity,10.5,20.25,s1\n"
                        "BBB,200,BB,Beta,asia,Bcity,-10,-20,s1;s2\nCCC,,CC,Gamma,Africa,Ccity,0,0,\n"
                        'DDD,400,DD,"Delta, Republic of",Oceania,Dcity,5,-180,s1\n'),
        ("capabilities.csv", "nation,year,value,source,confidence\nAAA,2020,200,s1,high\nAAA,2010,100,s1,\n"
                             "BBB,2015,50,s1;s2,medium\nCCC,2000,1,s1,low\nDDD,2019,7,s2,\n"),
        ("alliances.csv", "id,name,obligations,start,end,integrated_command,atopid,source,confidence,note,eligibility\n"
                          "pact,Triple Pact,defense;consultation,2000,,1,123,s1,high,,regions:Europe;Asia\n"
                          "duo,Duo,nonaggression,2010,2015,0,,s2,,a note,closed\n"),
        ("members.csv", "alliance,nation,entry,exit,source\npact,AAA,,,s1\npact,BBB,,,s1\npact,CCC,2012,,s1\nduo,AAA,,,\nduo,DDD,,,\n"),
        ("ties.csv", "a,b,type,start,end,name,source,confidence,note\nDDD,AAA,exercise,2018,,Drill,s1,medium,\n"
                     "BBB,DDD,intelligence,2005,2010,,s2,,\n"),
        ("threats.csv", "a,b,kind,start,end,name,source,confidence,last_verified\nAAA,DDD,rivalry,1990,,AD rivalry,s1,,2020-06\n"
                        "BBB,CCC,listed,2019,,,s2,low,2020\n"),
        ("groups.csv", "group,nation,source\nclub,AAA,s1\nclub,CCC,\n"),
    ]
    put("dataset", "mini", bundle(mini))
    put("manifest", "curated.json", manifest)
    put("manifest", "mini.json", mini[0][1])
    put("manifest", "alternatives.json", json.dumps({
        "format": "alliancegraph-dataset/1", "name": "alt", "title": "T", "asOf": 2024, "description": "d",
        "capability": {"measure": "milex", "unit": "u", "year": 2022, "source": "s",
                       "alternatives": [{"measure": "sipri", "unit": "u", "year": 2024, "fallback": True}]}}, indent=1))
    put("manifest", "broken.json", '{\n  "format": "alliancegraph-dataset/1",\n  "asOf": 20x25\n}\n')


def reference():
    ref = os.path.join(ROOT, "Tests", "Fixtures", "reference")
    codes = {"2", "20", "200", "365", "640", "710", "750", "770"}
    needed = {
        "atop/atop5-dyad-year.csv": None,
        "atop/atop4-member-level.csv": ["atopid", "member", "yrent", "yrexit", "defense", "offense", "neutral", "nonagg",
                                        "consul", "intcom", "milaid", "base", "organ1", "conditio", "defcon", "asymm",
                                        "milcon", "bilat"],
        "atop/atop4-alliance-level.csv": ["atopid", "begyr", "endyr"],
        "cow/states.csv": None, "cow/major-powers.csv": None, "cow/nmc.csv": None, "cow/capitals.csv": None,
        "cow/contiguity.csv": None,
        "cow/mid-dyad-year.csv": ["ccode1", "ccode2", "year", "cowmidonset", "sidea1", "fatality", "hostlev"],
        "rivalries.csv": None, "territorial-threat.csv": ["ccode", "year", "lterrthreat"],
    }
    files = []
    atop_ids = set()
    for name, columns in needed.items():
        header, rows = read_csv(os.path.join(ref, name))
        idx = [header.index(c) for c in columns] if columns else list(range(len(header)))
        code_cols = [header.index(c) for c in ("ccode", "ccode1", "ccode2", "member") if c in header]
        picked = [r for r in rows if all(r[k] in codes for k in code_cols)]
        if name == "atop/atop4-member-level.csv":
            picked = picked[:12]
            atop_ids = {r[header.index("atopid")] for r in picked}
        elif name == "atop/atop4-alliance-level.csv":
            picked = [r for r in rows if r[header.index("atopid")] in atop_ids]
        else:
            picked = picked[:10]
        files.append((name, csv_text([header[k] for k in idx], [[r[k] for k in idx] for r in picked])))
    put("reference", "excerpt", bundle(files))
    put("reference", "states-only", bundle([f for f in files if f[0] == "cow/states.csv"]))
    put("reference", "atop-only", bundle([f for f in files if f[0].startswith("atop/") or f[0] == "cow/states.csv"]))


def scenarios_and_names():
    put("scenario", "basic.txt", "# a test\ndefect USA\nadd-tie PAK,TUR,defense\n")
    put("scenario", "all-kinds.txt", "--drop-tie USA,JPN\ndrop-alliance nato\nadd-channel PAK,IDN,exercise\r\n"
                                     "drop-channel USA,PAK,arms\njoin TUR,scoT\nset-capability PAK=12345.5\n")
    put("scenario", "names.txt", "defect Soviet Union\nadd-tie Türkiye, Côte d'Ivoire ,consultation\n\tdefect\tKorea\n")
    put("aliases", "names.txt", "Pakistan\nPAK\n770\nTürkiye\nCote d’Ivoire\nUSSR\nKorea\nPakstan\n  burma  \nZaire\n")
    put("aliases", "group.csv", "nation,name\nPAK,Pakistan\nTUR,Turkey\n# a comment\nIDN\n")
    put("aliases", "unicode.txt", "ÅLAND\nİstanbul\nSão Tomé\nDeutschland\u00a0\nKOR\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--alliance", help="the alliance binary, to convert the snapshot seeds")
    args = ap.parse_args()
    for target in ["edgelist", "edgelist-string", "dataset", "manifest", "reference", "scenario", "aliases"]:
        shutil.rmtree(os.path.join(CORPUS, target), ignore_errors=True)
    if args.alliance:
        shutil.rmtree(os.path.join(CORPUS, "snapshot"), ignore_errors=True)
    edge_lists()
    snapshots(args.alliance)
    dataset()
    reference()
    scenarios_and_names()


if __name__ == "__main__":
    main()
