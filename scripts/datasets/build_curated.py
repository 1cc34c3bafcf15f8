#!/usr/bin/env python3
"""Regenerate datasets/curated/*.csv and datasets/groups/oic-cow.csv.

Derives what the shared reference data covers (COW state names and codes,
capitals and their coordinates, COW regions, Thompson-Dreyer rivalries active
at the end of their coverage, ATOP v4 memberships of treaties still in force,
COW NMC military expenditure of the latest year available)
and merges the hand-maintained tables in datasets/curated/manual/.

Usage (from the repository root):
    python3 scripts/datasets/build_curated.py [--shared PATH] [--check]

--shared defaults to $ALLIANCEGRAPH_SHARED or ../shared/data. The shared files
are read in place and never copied. --check regenerates into memory and exits
1 if any output file would change. Standard library only; output is
deterministic (sorted rows, LF line ends).
"""

import argparse
import csv
import io
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "datasets", "curated")
MANUAL = os.path.join(OUT, "manual")
GROUPS_DIR = os.path.join(ROOT, "datasets", "groups")

AS_OF = 2025
RIVALRY_COVERAGE_END = 2010
OBLIGATIONS = {"defense", "offense", "neutrality", "nonaggression", "consultation",
               "exercise", "training", "intelligence", "technology", "arms", "aid"}
REGIONS = {"Americas", "Europe", "Africa", "Middle East", "Asia", "Oceania"}
CONFIDENCE = {"", "high", "medium", "low"}


class BuildError(Exception):
    pass


def read_csv(path):
    """Rows of a CSV file as dicts, skipping lines whose first character is '#'."""
    with open(path, newline="", encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    for i, row in enumerate(rows, 2):
        if None in row or None in row.values():
            raise BuildError(f"{os.path.relpath(path)}: data row {i}: wrong number of fields "
                             "(quote fields that contain commas)")
    return rows


def cow_region(code):
    c = int(code)
    if 2 <= c <= 165:
        return "Americas"
    if 200 <= c <= 399:
        return "Europe"
    if 400 <= c <= 626:
        return "Africa"
    if 630 <= c <= 698:
        return "Middle East"
    if 700 <= c <= 899:
        return "Asia"
    if 900 <= c <= 990:
        return "Oceania"
    raise BuildError(f"COW code {code} is outside the COW regions")


def pair(a, b):
    return (a, b) if a <= b else (b, a)


def build(shared):
    cow_dir = os.path.join(shared, "cow")
    states = {r["ccode"]: r for r in read_csv(os.path.join(cow_dir, "states.csv"))}
    capitals = {}
    for r in read_csv(os.path.join(cow_dir, "capitals.csv")):
        # the latest period per state
        if r["ccode"] not in capitals or r["stdate"] > capitals[r["ccode"]]["stdate"]:
            capitals[r["ccode"]] = r

    # ---- nations
    nations = {}
    cow_to_id = {}
    for r in read_csv(os.path.join(MANUAL, "nations.csv")):
        nid = r["id"].strip()
        if nid in nations:
            raise BuildError(f"manual/nations.csv: duplicate id {nid}")
        cow = r["cow"].strip()
        row = {"id": nid, "cow": cow, "abbr": r["abbr"].strip(), "name": r["name"].strip(),
               "region": r["region"].strip(), "capital": r["capital"].strip(),
               "lat": r["lat"].strip(), "lon": r["lon"].strip(), "source": r["source"].strip()}
        sources = [s for s in row["source"].split(";") if s]
        if cow:
            if cow not in states:
                raise BuildError(f"manual/nations.csv: {nid}: COW code {cow} not in cow/states.csv")
            st = states[cow]
            row["name"] = row["name"] or st["statenme"]
            row["abbr"] = row["abbr"] or st["stateabb"]
            row["region"] = row["region"] or cow_region(cow)
            sources.append("cow-states")
            if not row["capital"] and cow in capitals:
                cap = capitals[cow]
                row["capital"] = cap["capital"]
                row["lat"] = "%.4f" % float(cap["lat"])
                row["lon"] = "%.4f" % float(cap["lng"])
                sources.append("cow-capitals")
            cow_to_id[cow] = nid
        row["source"] = ";".join(dict.fromkeys(sources))
        nations[nid] = row

    # abbr must not name another nation (ids, COW abbreviations and names are all lookup keys)
    keys = {}
    for n in nations.values():
        for k in (n["id"], n["cow"], n["name"].lower()):
            if k:
                keys.setdefault(k.upper(), set()).add(n["id"])
    for n in sorted(nations.values(), key=lambda n: n["id"]):
        owners = keys.get(n["abbr"].upper(), set()) - {n["id"]}
        if owners or not n["abbr"]:
            n["abbr"] = n["id"]  # COW abbreviation collides with another nation's key
        keys.setdefault(n["abbr"].upper(), set()).add(n["id"])
    # the lookup keys must be unambiguous: no abbr equals another nation's id, and no two
    # nations share an abbr or a name (case-insensitive)
    ids_upper = {n["id"].upper(): n["id"] for n in nations.values()}
    seen_abbr, seen_name = {}, {}
    for n in sorted(nations.values(), key=lambda n: n["id"]):
        a, nm = n["abbr"].upper(), n["name"].lower()
        if ids_upper.get(a, n["id"]) != n["id"]:
            raise BuildError(f"nations: abbr {n['abbr']} of {n['id']} is the id of {ids_upper[a]}")
        if a in seen_abbr:
            raise BuildError(f"nations: {n['id']} and {seen_abbr[a]} share the abbr {n['abbr']}")
        if nm in seen_name:
            raise BuildError(f"nations: {n['id']} and {seen_name[nm]} share the name {n['name']!r}")
        seen_abbr[a], seen_name[nm] = n["id"], n["id"]

    def check_nation(nid, where):
        if nid not in nations:
            raise BuildError(f"{where}: nation {nid!r} is not in nations.csv")

    # ---- alliances and members
    alliances = {}
    atop_wanted = {}
    for r in read_csv(os.path.join(MANUAL, "alliances.csv")):
        aid = r["id"].strip()
        if aid in alliances:
            raise BuildError(f"manual/alliances.csv: duplicate alliance {aid}")
        alliances[aid] = {k: r[k].strip() for k in
                          ("id", "name", "obligations", "start", "end", "integrated_command",
                           "atopid", "source", "confidence", "note")}
        for t in alliances[aid]["obligations"].split(";"):
            if t not in OBLIGATIONS:
                raise BuildError(f"manual/alliances.csv: {aid}: unknown obligation {t!r}")
        mode = r.get("atop_members", "").strip()
        if mode in ("1", "2"):
            if not r["atopid"].strip():
                raise BuildError(f"manual/alliances.csv: {aid}: atop_members=1 needs an atopid")
            atop_wanted[r["atopid"].strip()] = (aid, mode == "2")

    members = {}
    atop_rows = read_csv(os.path.join(shared, "atop", "atop4-member-level.csv"))
    in_force = {(r["atopid"], r["member"]) for r in atop_rows if r["yrexit"] in ("", "0")}
    for r in atop_rows:
        aid, with_former = atop_wanted.get(r["atopid"], (None, False))
        if aid is None or r["member"] not in cow_to_id:
            continue
        if not with_former and (r["atopid"], r["member"]) not in in_force:
            continue  # atop_members=1: only members still in force at the end of coverage
        nid = cow_to_id[r["member"]]
        entry = int(r["yrent"])
        exit_ = int(r["yrexit"]) if r["yrexit"] not in ("", "0") else None
        key = (aid, nid)
        if key in members:
            m = members[key]
            m["entry"] = min(m["entry"], entry)
            # a row still in force (exit 0) wins; otherwise the latest exit
            if m["exit"] is not None:
                m["exit"] = None if exit_ is None else max(m["exit"], exit_)
        else:
            members[key] = {"entry": entry, "exit": exit_, "source": "atop4"}
    out_members = {}
    for (aid, nid), m in members.items():
        out_members[(aid, nid)] = {"alliance": aid, "nation": nid, "entry": str(m["entry"]),
                                   "exit": "" if m["exit"] is None else str(m["exit"]),
                                   "source": m["source"]}
    seen_manual = set()
    for r in read_csv(os.path.join(MANUAL, "members.csv")):
        aid, nid = r["alliance"].strip(), r["nation"].strip()
        if aid not in alliances:
            raise BuildError(f"manual/members.csv: unknown alliance {aid}")
        check_nation(nid, "manual/members.csv")
        if (aid, nid) in seen_manual:
            raise BuildError(f"manual/members.csv: duplicate membership {aid} {nid}")
        seen_manual.add((aid, nid))
        out_members[(aid, nid)] = {"alliance": aid, "nation": nid, "entry": r["entry"].strip(),
                                   "exit": r["exit"].strip(), "source": r["source"].strip()}
    for aid, a in alliances.items():
        if sum(1 for k in out_members if k[0] == aid) < 2:
            raise BuildError(f"alliance {aid} has fewer than two members among the included nations")

    # ---- ties
    ties = []
    for r in read_csv(os.path.join(MANUAL, "ties.csv")):
        a, b = pair(r["a"].strip(), r["b"].strip())
        check_nation(a, "manual/ties.csv")
        check_nation(b, "manual/ties.csv")
        if r["type"].strip() not in OBLIGATIONS:
            raise BuildError(f"manual/ties.csv: unknown tie type {r['type']!r}")
        ties.append({"a": a, "b": b, "type": r["type"].strip(), "start": r["start"].strip(),
                     "end": r["end"].strip(), "name": r["name"].strip(),
                     "source": r["source"].strip(), "confidence": r["confidence"].strip(),
                     "note": r.get("note", "").strip()})

    # ---- threats: Thompson-Dreyer rivalries active at the end of coverage, then hand rows
    threats = {}
    for r in read_csv(os.path.join(shared, "rivalries.csv")):
        if int(r["endyear"]) < RIVALRY_COVERAGE_END:
            continue
        if r["ccode1"] not in cow_to_id or r["ccode2"] not in cow_to_id:
            continue
        a, b = pair(cow_to_id[r["ccode1"]], cow_to_id[r["ccode2"]])
        types = "/".join(t for t in (r["type1"], r["type2"], r["type3"]) if t)
        threats[(a, b, "rivalry")] = {
            "a": a, "b": b, "kind": "rivalry", "start": r["styear"], "end": "",
            "name": r["rivalryname"], "source": "thompson-dreyer", "confidence": "medium",
            "note": f"{types} rivalry active at the end of Thompson-Dreyer coverage "
                    f"({RIVALRY_COVERAGE_END}); assumed ongoing"}
    for r in read_csv(os.path.join(MANUAL, "threats.csv")):
        a, b = pair(r["a"].strip(), r["b"].strip())
        check_nation(a, "manual/threats.csv")
        check_nation(b, "manual/threats.csv")
        threats[(a, b, r["kind"].strip())] = {
            "a": a, "b": b, "kind": r["kind"].strip(), "start": r["start"].strip(),
            "end": r["end"].strip(), "name": r["name"].strip(), "source": r["source"].strip(),
            "confidence": r["confidence"].strip(), "note": r.get("note", "").strip()}

    # ---- capabilities, groups, sources
    caps = []
    for r in read_csv(os.path.join(MANUAL, "capabilities.csv")):
        check_nation(r["nation"].strip(), "manual/capabilities.csv")
        caps.append({k: r[k].strip() for k in ("nation", "year", "value", "source", "confidence", "note")})
    # COW NMC milex (thousands of current US$) of the latest year with a value, for every nation
    # with a COW code, converted to million current US$. Hand rows (SIPRI 2024) are kept; a
    # snapshot uses the latest value at or before its year, so SIPRI 2024 wins where it exists.
    latest_milex = {}
    for r in read_csv(os.path.join(cow_dir, "nmc.csv")):
        if r["ccode"] not in cow_to_id or not r["milex"].strip():
            continue
        milex = float(r["milex"])
        if milex < 0:
            continue  # COW missing-value code
        year = int(r["year"])
        if r["ccode"] not in latest_milex or year > latest_milex[r["ccode"]][0]:
            latest_milex[r["ccode"]] = (year, milex)
    have = {(c["nation"], c["year"]) for c in caps}
    for cow, (year, milex) in latest_milex.items():
        nid = cow_to_id[cow]
        if (nid, str(year)) in have:
            raise BuildError(f"manual/capabilities.csv: {nid} {year} is also given by COW NMC")
        value = ("%.3f" % (milex / 1000)).rstrip("0").rstrip(".")
        caps.append({"nation": nid, "year": str(year), "value": value, "source": "cow-nmc",
                     "confidence": "high",
                     "note": f"COW NMC milex {year} (thousands of current US$) / 1000"})
    groups = []
    for r in read_csv(os.path.join(MANUAL, "groups.csv")):
        check_nation(r["nation"].strip(), "manual/groups.csv")
        groups.append({k: r[k].strip() for k in ("group", "nation", "source")})
    sources = {}
    for r in read_csv(os.path.join(MANUAL, "sources.csv")):
        if r["id"] in sources:
            raise BuildError(f"manual/sources.csv: duplicate source {r['id']}")
        sources[r["id"]] = {k: r[k].strip() for k in ("id", "publisher", "title", "date", "url")}

    # every cited source must exist, and every listed source must be cited
    cited = set()
    for table in (nations.values(), alliances.values(), out_members.values(), ties,
                  threats.values(), caps, groups):
        for row in table:
            for s in row["source"].split(";"):
                if s not in sources:
                    raise BuildError(f"unknown source id {s!r} in {row}")
                cited.add(s)
    unused = sorted(set(sources) - cited)
    if unused:
        raise BuildError(f"sources listed but never cited: {', '.join(unused)}")

    files = {}

    def table(name, columns, rows, key):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for row in sorted(rows, key=key):
            w.writerow([row.get(c, "") for c in columns])
        files[os.path.join(OUT, name)] = buf.getvalue()

    table("nations.csv", ["id", "cow", "abbr", "name", "region", "capital", "lat", "lon", "source"],
          nations.values(), lambda r: r["id"])
    table("alliances.csv", ["id", "name", "obligations", "start", "end", "integrated_command",
                            "atopid", "source", "confidence", "note"],
          alliances.values(), lambda r: r["id"])
    table("members.csv", ["alliance", "nation", "entry", "exit", "source"],
          out_members.values(), lambda r: (r["alliance"], r["nation"]))
    table("ties.csv", ["a", "b", "type", "start", "end", "name", "source", "confidence", "note"],
          ties, lambda r: (r["a"], r["b"], r["type"], int(r["start"] or 0)))
    table("threats.csv", ["a", "b", "kind", "start", "end", "name", "source", "confidence", "note"],
          threats.values(), lambda r: (r["a"], r["b"], r["kind"]))
    table("capabilities.csv", ["nation", "year", "value", "source", "confidence", "note"],
          caps, lambda r: (r["nation"], int(r["year"])))
    table("groups.csv", ["group", "nation", "source"], groups, lambda r: (r["group"], r["nation"]))
    table("sources.csv", ["id", "publisher", "title", "date", "url"], sources.values(),
          lambda r: r["id"])

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["group", "cow", "abbr", "name"])
    for g in sorted((g for g in groups if g["group"] == "oic"),
                    key=lambda g: (int(nations[g["nation"]]["cow"] or 10 ** 6), g["nation"])):
        n = nations[g["nation"]]
        abbr = states[n["cow"]]["stateabb"] if n["cow"] else n["abbr"]
        w.writerow(["oic", n["cow"], abbr, n["name"]])
    files[os.path.join(GROUPS_DIR, "oic-cow.csv")] = buf.getvalue()

    manifest = {
        "format": "alliancegraph-dataset/1",
        "name": "curated",
        "title": "Present-day defense partnerships",
        "asOf": AS_OF,
        "capability": {"measure": "milex", "unit": "million current US$", "year": 2024,
                       "source": "sipri-milex-2025;cow-nmc"},
        "description": ("Defense treaties in force (NATO, ANZUS, CSTO, Rio Treaty, GCC, Arab League "
                        "JDEC, AU, ECOWAS, SADC, bilateral pacts), cooperation channels (IMCTC, AUKUS, "
                        "Five Eyes, FPDA, exercises, training, arms, technology), strategic rivalries and "
                        "the 57 OIC members, as of 2025. Capability: military expenditure in million current "
                        "US$, SIPRI 2024 where available (capability.year), otherwise the COW NMC value of "
                        "the nation's latest year (mostly 2022). Generated by "
                        "scripts/datasets/build_curated.py; see datasets/README.md."),
    }
    files[os.path.join(OUT, "dataset.json")] = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.environ.get(
        "ALLIANCEGRAPH_SHARED", os.path.join(ROOT, "..", "shared", "data")))
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if regenerating would change any output file")
    args = ap.parse_args()
    if not os.path.isdir(args.shared):
        print(f"build_curated: reference data not found at {args.shared}", file=sys.stderr)
        return 2
    try:
        files = build(args.shared)
    except (BuildError, KeyError, ValueError) as e:
        print(f"build_curated: {e}", file=sys.stderr)
        return 1
    changed = []
    for path, text in sorted(files.items()):
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            changed.append(os.path.relpath(path, ROOT))
            if not args.check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(text)
    if args.check:
        if changed:
            print("build_curated: out of date: " + ", ".join(changed), file=sys.stderr)
            return 1
        print("build_curated: up to date")
    else:
        print(f"build_curated: wrote {len(changed)} of {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
