#!/usr/bin/env python3
"""Check a dataset folder against datasets/FORMAT.md (errors and the main warnings).

Beyond the format, a curated dataset must be reviewable: every alliance states its status
and eligibility, every threat its intensity and verification date, every tie a source, and
a pair that is both a threat and a defense pair in the as-of year says why in its note.

Usage: python3 scripts/datasets/check_dataset.py [DIR] [--group oic=57] [--min-nations 120]
DIR defaults to datasets/curated. Exits 1 on any error. Standard library only.
"""

import argparse
import csv
import json
import os
import re
import sys
from collections import Counter

TYPES = {"defense", "offense", "neutrality", "nonaggression", "consultation",
         "exercise", "training", "intelligence", "technology", "arms", "aid"}
REGIONS = {"Americas", "Europe", "Africa", "Middle East", "Asia", "Oceania"}
CONF = {"", "high", "medium", "low"}
STATUS = {"active", "dormant", "suspended"}
CHANNELS = {"exercise", "training", "intelligence", "technology", "arms", "aid"}
DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
REQUIRED = {
    "sources.csv": ["id", "publisher", "title", "date", "url"],
    "nations.csv": ["id", "cow", "abbr", "name", "region", "capital", "lat", "lon", "nuclear", "source"],
    "capabilities.csv": ["nation", "year", "value", "measure", "source", "confidence"],
    "alliances.csv": ["id", "name", "obligations", "start", "end", "status", "reliability", "major",
                      "integrated_command", "eligibility", "channel_scope", "atopid", "source",
                      "confidence", "note"],
    "members.csv": ["alliance", "nation", "entry", "exit", "status", "source"],
    "ties.csv": ["a", "b", "type", "start", "end", "name", "source", "confidence", "note"],
    "threats.csv": ["a", "b", "kind", "start", "end", "intensity", "last_verified", "name", "source",
                    "confidence", "note"],
    "groups.csv": ["group", "nation", "source"],
    "nuclear.csv": ["nation", "start", "end", "basis", "source", "confidence"],
    "contiguity.csv": ["a", "b", "type", "source"],
}


def main():
    ap = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("dir", nargs="?", default=os.path.join(root, "datasets", "curated"))
    ap.add_argument("--group", action="append", default=["oic=57"], help="NAME=COUNT expected")
    ap.add_argument("--min-nations", type=int, default=120)
    args = ap.parse_args()
    errors, warnings = [], []

    def load(name):
        path = os.path.join(args.dir, name)
        if not os.path.exists(path):
            return None
        with open(path, newline="", encoding="utf-8") as f:
            lines = [(i, l) for i, l in enumerate(f, 1) if not l.startswith("#")]
        reader = csv.DictReader([l for _, l in lines])
        missing = [c for c in REQUIRED[name] if c not in (reader.fieldnames or [])]
        if missing:
            errors.append(f"{name}: missing columns {missing}")
            return []
        rows = []
        for (lineno, _), row in zip(lines[1:], reader):
            row["_line"] = lineno
            rows.append(row)
        return rows

    def year(v, where, optional=True):
        if v == "" and optional:
            return None
        if not re.fullmatch(r"-?\d+", v or ""):
            errors.append(f"{where}: malformed year {v!r}")
            return None
        return int(v)

    manifest = json.load(open(os.path.join(args.dir, "dataset.json"), encoding="utf-8"))
    for k in ("format", "name", "asOf"):
        if k not in manifest:
            errors.append(f"dataset.json: missing {k}")
    if "measure" not in manifest.get("capability", {}):
        errors.append("dataset.json: missing capability.measure")

    sources = load("sources.csv")
    if sources is None:
        errors.append("sources.csv missing")
        sources = []
    src_ids = Counter(r["id"] for r in sources)
    for s, c in src_ids.items():
        if c > 1:
            errors.append(f"sources.csv: duplicate id {s}")
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", s):
            errors.append(f"sources.csv: bad id {s!r}")
    for r in sources:
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", r["date"]):
            errors.append(f"sources.csv:{r['_line']}: bad date {r['date']!r}")
        if r["url"] and not r["url"].startswith(("http://", "https://")):
            errors.append(f"sources.csv:{r['_line']}: bad url {r['url']!r}")

    nations = load("nations.csv") or []
    ids = Counter(r["id"] for r in nations)
    for k, c in ids.items():
        if c > 1:
            errors.append(f"nations.csv: duplicate id {k}")
    keys = Counter()
    for r in nations:
        where = f"nations.csv:{r['_line']}"
        for k in {r["id"].upper(), r["cow"], r["abbr"].upper(), r["name"].upper()} - {""}:
            keys[k] += 1
        if r["region"] not in REGIONS:
            errors.append(f"{where}: unknown region {r['region']!r}")
        if r["cow"] and not r["cow"].isdigit():
            errors.append(f"{where}: malformed cow {r['cow']!r}")
        if r["lat"] or r["lon"]:
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    errors.append(f"{where}: coordinate out of range")
            except ValueError:
                errors.append(f"{where}: malformed coordinate")
        else:
            warnings.append(f"{r['id']}: no capital")
    for k, c in keys.items():
        if c > 1:
            errors.append(f"nations.csv: lookup key {k!r} names {c} nations")
    nation_ids = set(ids)

    def check_sources(table, rows):
        for r in rows:
            for s in r["source"].split(";"):
                if s not in src_ids:
                    errors.append(f"{table}:{r['_line']}: unknown source {s!r}")
            if "confidence" in r and r["confidence"] not in CONF:
                errors.append(f"{table}:{r['_line']}: bad confidence {r['confidence']!r}")

    def check_nation(table, r, col):
        if r[col] not in nation_ids:
            errors.append(f"{table}:{r['_line']}: {col} {r[col]!r} is not in nations.csv")

    check_sources("nations.csv", nations)
    caps = load("capabilities.csv") or []
    check_sources("capabilities.csv", caps)
    for r in caps:
        check_nation("capabilities.csv", r, "nation")
        year(r["year"], f"capabilities.csv:{r['_line']}", optional=False)
        if float(r["value"]) < 0:
            errors.append(f"capabilities.csv:{r['_line']}: negative value")
    no_cap = sorted(nation_ids - {r["nation"] for r in caps})
    if no_cap:
        warnings.append(f"{len(no_cap)} nations without capability: {' '.join(no_cap)}")

    alliances = load("alliances.csv") or []
    check_sources("alliances.csv", alliances)
    al, al_rows = {}, {}
    for r in alliances:
        where = f"alliances.csv:{r['_line']}"
        if r["id"] in al:
            errors.append(f"{where}: duplicate alliance {r['id']}")
        for t in r["obligations"].split(";"):
            if t not in TYPES:
                errors.append(f"{where}: unknown obligation {t!r}")
        s, e = year(r["start"], where), year(r["end"], where)
        if s is not None and e is not None and e < s:
            errors.append(f"{where}: end before start")
        if r["status"] not in STATUS:
            errors.append(f"{where}: {r['id']} has no valid status (active, dormant or suspended): {r['status']!r}")
        if not r["eligibility"]:
            errors.append(f"{where}: {r['id']} has no eligibility rule")
        if r["reliability"]:
            try:
                if not 0 <= float(r["reliability"]) <= 1:
                    errors.append(f"{where}: reliability outside [0, 1]")
            except ValueError:
                errors.append(f"{where}: malformed reliability {r['reliability']!r}")
            if not r["note"]:
                errors.append(f"{where}: a reliability override needs its reason in note")
        for flag in ("major", "integrated_command"):
            if r[flag] not in ("", "0", "1"):
                errors.append(f"{where}: {flag} must be 0 or 1")
        if r["channel_scope"] not in ("", "collective", "pairwise"):
            errors.append(f"{where}: unknown channel_scope {r['channel_scope']!r}")
        al[r["id"]] = (s, e)
        al_rows[r["id"]] = r
    members = load("members.csv") or []
    check_sources("members.csv", members)
    seen = Counter()
    spells = {}
    for r in members:
        where = f"members.csv:{r['_line']}"
        check_nation("members.csv", r, "nation")
        if r["alliance"] not in al:
            errors.append(f"{where}: unknown alliance {r['alliance']!r}")
            continue
        if r["status"] not in ("",) + tuple(STATUS):
            errors.append(f"{where}: unknown status {r['status']!r}")
        s = year(r["entry"], where) or al[r["alliance"]][0]
        e = year(r["exit"], where)
        for (s2, e2, w2) in spells.get((r["alliance"], r["nation"]), []):
            if s <= (e2 if e2 is not None else 10 ** 6) and s2 <= (e if e is not None else 10 ** 6):
                errors.append(f"{where}: spell overlaps {w2}")
        spells.setdefault((r["alliance"], r["nation"]), []).append((s, e, where))
        seen[(r["alliance"], r["nation"])] += 1
        if s is not None and e is not None and e < s:
            errors.append(f"{where}: exit before entry")
        a_s, a_e = al[r["alliance"]]
        if (a_s is not None and s is not None and s < a_s) or (a_e is not None and (e is None or e > a_e)):
            warnings.append(f"{where}: membership outside the alliance span")
    per = Counter(a for a, _ in seen)
    for a in al:
        if per[a] < 2:
            warnings.append(f"alliance {a} has fewer than two members")

    ties = load("ties.csv") or []
    check_sources("ties.csv", ties)
    for r in ties:
        where = f"ties.csv:{r['_line']}"
        check_nation("ties.csv", r, "a")
        check_nation("ties.csv", r, "b")
        if r["a"] == r["b"]:
            errors.append(f"{where}: tie of a nation with itself")
        if r["type"] not in TYPES:
            errors.append(f"{where}: unknown tie type {r['type']!r}")
        if r["type"] in CHANNELS and not r["source"]:
            errors.append(f"{where}: a channel without a source")
        s, e = year(r["start"], where), year(r["end"], where)
        if s is not None and e is not None and e < s:
            errors.append(f"{where}: end before start")
    threats = load("threats.csv") or []
    check_sources("threats.csv", threats)
    for r in threats:
        where = f"threats.csv:{r['_line']}"
        check_nation("threats.csv", r, "a")
        check_nation("threats.csv", r, "b")
        if r["a"] == r["b"]:
            errors.append(f"{where}: threat of a nation with itself")
        if r["kind"] not in ("rivalry", "listed"):
            errors.append(f"{where}: unknown kind {r['kind']!r}")
        if not re.fullmatch(DATE, r["last_verified"]):
            errors.append(f"{where}: threat {r['a']}-{r['b']} without a valid last_verified date")
        try:
            if not 0 < float(r["intensity"] or "1") <= 1:
                errors.append(f"{where}: intensity outside (0, 1]")
        except ValueError:
            errors.append(f"{where}: malformed intensity {r['intensity']!r}")
        s, e = year(r["start"], where), year(r["end"], where)
        if s is not None and e is not None and e < s:
            errors.append(f"{where}: end before start")
    # a pair that is both a threat and a defense pair in the as-of year needs a note saying why
    as_of = int(manifest.get("asOf", 0))

    def in_force(s, e):
        return (s is None or s <= as_of) and (e is None or e >= as_of)
    defense = set()
    for aid, r in al_rows.items():
        if not set(r["obligations"].split(";")) & {"defense", "offense"} or not in_force(*al[aid]):
            continue
        present = sorted({n for (a, n), sp in spells.items() if a == aid for (s, e, _) in sp if in_force(s, e)})
        defense.update((u, v) for i, u in enumerate(present) for v in present[i + 1:])
    for r in ties:
        if r["type"] in ("defense", "offense") and in_force(year(r["start"], "ties"), year(r["end"], "ties")):
            defense.add(tuple(sorted((r["a"], r["b"]))))
    for r in threats:
        pair = tuple(sorted((r["a"], r["b"])))
        if pair in defense and in_force(year(r["start"], "threats"), year(r["end"], "threats")) and not r["note"]:
            errors.append(f"threats.csv:{r['_line']}: {pair[0]}-{pair[1]} is both a threat and a defense pair "
                          "in the as-of year, and its note does not say why")
    nuclear = load("nuclear.csv") or []
    check_sources("nuclear.csv", nuclear)
    armed = set()
    for r in nuclear:
        check_nation("nuclear.csv", r, "nation")
        if r["basis"] not in ("test", "believed"):
            errors.append(f"nuclear.csv:{r['_line']}: basis must be test or believed")
        if in_force(year(r["start"], "nuclear"), year(r["end"], "nuclear")):
            armed.add(r["nation"])
    for r in nations:
        if r["nuclear"] not in ("", "none", "own"):
            errors.append(f"nations.csv:{r['_line']}: unknown nuclear status {r['nuclear']!r}")
        elif nuclear and (r["nuclear"] == "own") != (r["id"] in armed):
            errors.append(f"nations.csv:{r['_line']}: nuclear={r['nuclear']!r} disagrees with nuclear.csv")
    contiguity = load("contiguity.csv") or []
    check_sources("contiguity.csv", contiguity)
    for r in contiguity:
        check_nation("contiguity.csv", r, "a")
        check_nation("contiguity.csv", r, "b")
        if r["type"] not in ("1", "2", "3", "4", "5"):
            errors.append(f"contiguity.csv:{r['_line']}: type must be 1-5")
    groups = load("groups.csv") or []
    check_sources("groups.csv", groups)
    for r in groups:
        check_nation("groups.csv", r, "nation")
    gcount = Counter(r["group"] for r in groups)
    for spec in args.group:
        name, n = spec.split("=")
        if gcount[name] != int(n):
            errors.append(f"groups.csv: group {name} has {gcount[name]} members, expected {n}")
    if len(nation_ids) < args.min_nations:
        errors.append(f"only {len(nation_ids)} nations (< {args.min_nations})")

    cited = set()
    for rows in (nations, caps, alliances, members, ties, threats, groups, nuclear, contiguity):
        for r in rows:
            cited.update(r["source"].split(";"))
    uncited = sorted(set(src_ids) - cited)
    if uncited:
        warnings.append(f"sources never cited: {' '.join(uncited)}")

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print(f"{len(nation_ids)} nations, {len(caps)} capabilities, {len(alliances)} alliances, "
          f"{len(members)} memberships, {len(ties)} ties "
          f"({', '.join(f'{t} {c}' for t, c in sorted(Counter(r['type'] for r in ties).items()))}), "
          f"{len(threats)} threats, {len(groups)} group rows, {len(sources)} sources; "
          f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
