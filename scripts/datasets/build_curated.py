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
NMC_YEAR = 2022
SIPRI_MEASURE = "sipri-milex"
ALLIANCE_COLUMNS = ["id", "name", "obligations", "start", "end", "status", "reliability", "major",
                    "integrated_command", "provisions", "eligibility", "channel_scope", "atopid", "source",
                    "confidence", "note"]
# ATOP v4 member-level columns -> provisions (any row of the treaty with a positive value);
# the curated integrated_command column wins over ATOP's intcom (ATOP codes NATO's 0).
ATOP_PROVISIONS = [("conditional", lambda r: r["conditio"] == "1" or r["defcon"] == "1"),
                   ("asymmetric", lambda r: r["asymm"] == "1"),
                   ("military_aid", lambda r: (r["milaid"] or "0") not in ("0",)),
                   ("basing", lambda r: (r["base"] or "0") not in ("0",)),
                   ("military_contact", lambda r: (r["milcon"] or "0") not in ("0",)),
                   ("organization", lambda r: (r["organ1"] or "0") not in ("0",))]
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


def read_manual(name):
    """Rows of manual/NAME.csv followed by those of manual/NAME-*.csv (sorted by file name),
    each row tagged with the file it came from."""
    stem = name[:-4]
    paths = [os.path.join(MANUAL, name)] + sorted(
        os.path.join(MANUAL, f) for f in os.listdir(MANUAL)
        if f.startswith(stem + "-") and f.endswith(".csv"))
    rows = []
    for path in paths:
        if not os.path.exists(path):
            continue
        for i, row in enumerate(read_csv(path), 2):
            row["_where"] = f"manual/{os.path.basename(path)} row {i}"
            rows.append(row)
    return rows


STATUS = {"active", "dormant", "suspended"}
SCOPES = {"collective", "pairwise"}
CHANNELS = {"exercise", "training", "intelligence", "technology", "arms", "aid"}


def check_eligibility(text, where, nation_ids, group_names):
    """Raise BuildError unless `text` is a valid eligibility rule (datasets/FORMAT.md)."""
    if not text:
        raise BuildError(f"{where}: every alliance needs an eligibility rule")
    for term in text.split("|"):
        term = term.strip()
        if term in ("closed", "open"):
            continue
        key, _, body = term.partition(":")
        if key == "regions":
            for r in body.split(";"):
                if r.strip() not in REGIONS:
                    raise BuildError(f"{where}: unknown region {r!r} in eligibility")
        elif key in ("states", "not"):
            for n in body.replace(";", ",").split(","):
                if n.strip() not in nation_ids:
                    raise BuildError(f"{where}: unknown nation {n!r} in eligibility")
        elif key == "group":
            if body.strip() not in group_names:
                raise BuildError(f"{where}: unknown group {body!r} in eligibility")
        else:
            raise BuildError(f"{where}: eligibility term {term!r} does not parse")


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
    for r in read_manual("nations.csv"):
        nid = r["id"].strip()
        if nid in nations:
            raise BuildError(f"{r['_where']}: duplicate id {nid}")
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
    group_rows = read_manual("groups.csv")
    group_names = {r["group"].strip() for r in group_rows}
    alliances = {}
    atop_wanted = {}
    for r in read_manual("alliances.csv"):
        aid = r["id"].strip()
        where = f"{r['_where']} ({aid})"
        if aid in alliances:
            raise BuildError(f"{where}: duplicate alliance {aid}")
        alliances[aid] = {k: r.get(k, "").strip() for k in ALLIANCE_COLUMNS}
        a = alliances[aid]
        for t in a["obligations"].split(";"):
            if t not in OBLIGATIONS:
                raise BuildError(f"{where}: unknown obligation {t!r}")
        a["status"] = a["status"] or "active"
        if a["status"] not in STATUS:
            raise BuildError(f"{where}: unknown status {a['status']!r}")
        if a["reliability"]:
            if not 0 <= float(a["reliability"]) <= 1 or not a["note"]:
                raise BuildError(f"{where}: reliability must lie in [0, 1] and be explained in note")
        for flag in ("major", "integrated_command"):
            a[flag] = a[flag] or "0"
            if a[flag] not in ("0", "1"):
                raise BuildError(f"{where}: {flag} must be 0 or 1")
        types = set(a["obligations"].split(";"))
        if types & CHANNELS:
            a["channel_scope"] = a["channel_scope"] or "collective"
            if a["channel_scope"] not in SCOPES:
                raise BuildError(f"{where}: unknown channel_scope {a['channel_scope']!r}")
        elif a["channel_scope"]:
            raise BuildError(f"{where}: channel_scope applies to alliances with cooperation channels only")
        check_eligibility(a["eligibility"], where, nations, group_names)
        mode = r.get("atop_members", "").strip()
        if mode in ("1", "2"):
            if not r["atopid"].strip():
                raise BuildError(f"{where}: atop_members=1 needs an atopid")
            atop_wanted[r["atopid"].strip()] = (aid, mode == "2")

    members = {}
    atop_rows = read_csv(os.path.join(shared, "atop", "atop4-member-level.csv"))
    provisions = {}
    for r in atop_rows:
        have = provisions.setdefault(r["atopid"], set())
        have.update(name for name, test in ATOP_PROVISIONS if test(r))
    for aid, a in alliances.items():
        if a["atopid"]:
            if a["atopid"] not in provisions:
                raise BuildError(f"alliance {aid}: atopid {a['atopid']} is not in ATOP v4")
            found = [name for name, _ in ATOP_PROVISIONS if name in provisions[a["atopid"]]]
            if a["integrated_command"] == "1":
                found.insert(4, "integrated_command")
            a["provisions"] = ";".join(found)
        elif a["integrated_command"] == "1":
            a["provisions"] = "integrated_command"
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
        members.setdefault((aid, nid), []).append((entry, exit_))
    # ATOP phases of one (alliance, nation) merged into spells: phases that overlap or touch
    # (a phase ending in the year the next begins) are one spell; a gap makes a new spell
    # (Egypt in the Arab League pact 1950-1979 and 1989-). Hand rows (one or more spells)
    # replace all ATOP spells of their (alliance, nation).
    out_members = {}
    for (aid, nid), phases in members.items():
        spells = []
        for entry, exit_ in sorted(phases, key=lambda p: p[0]):
            if spells and (spells[-1][1] is None or entry <= spells[-1][1]):
                last = spells[-1]
                spells[-1] = (last[0], None if last[1] is None or exit_ is None else max(last[1], exit_))
            else:
                spells.append((entry, exit_))
        out_members[(aid, nid)] = [{"alliance": aid, "nation": nid, "entry": str(e),
                                    "exit": "" if x is None else str(x), "status": "active",
                                    "source": "atop4", "note": ""} for e, x in spells]
    manual_spells = {}
    for r in read_manual("members.csv"):
        aid, nid = r["alliance"].strip(), r["nation"].strip()
        if aid not in alliances:
            raise BuildError(f"{r['_where']}: unknown alliance {aid}")
        check_nation(nid, r["_where"])
        status = r.get("status", "").strip() or "active"
        if status not in STATUS:
            raise BuildError(f"{r['_where']}: unknown status {status!r}")
        manual_spells.setdefault((aid, nid), []).append(
            {"alliance": aid, "nation": nid, "entry": r["entry"].strip(), "exit": r["exit"].strip(),
             "status": status, "source": r["source"].strip(), "note": r.get("note", "").strip(),
             "_where": r["_where"]})
    for key, spells in manual_spells.items():
        start = int(alliances[key[0]]["start"])
        spans = sorted((int(m["entry"] or start), int(m["exit"]) if m["exit"] else 10 ** 6, m["_where"])
                       for m in spells)
        for (s1, e1, _), (s2, _, w2) in zip(spans, spans[1:]):
            if s2 <= e1:
                raise BuildError(f"{w2}: spell of {key[1]} in {key[0]} overlaps an earlier spell")
        out_members[key] = [{k: v for k, v in m.items() if k != "_where"} for m in spells]
    for aid, a in alliances.items():
        if sum(1 for k in out_members if k[0] == aid) < 2:
            raise BuildError(f"alliance {aid} has fewer than two members among the included nations")

    # ---- ties
    ties = []
    seen_ties = {}
    for r in read_manual("ties.csv"):
        a, b = pair(r["a"].strip(), r["b"].strip())
        check_nation(a, r["_where"])
        check_nation(b, r["_where"])
        t = r["type"].strip()
        if t not in OBLIGATIONS:
            raise BuildError(f"{r['_where']}: unknown tie type {r['type']!r}")
        if a == b:
            raise BuildError(f"{r['_where']}: a tie of {a} with itself")
        if not r["source"].strip():
            raise BuildError(f"{r['_where']}: every tie needs a source")
        status = r.get("status", "").strip()
        reliability = r.get("reliability", "").strip()
        if t in CHANNELS and (status or reliability):
            raise BuildError(f"{r['_where']}: status and reliability apply to obligation ties only")
        if status and status not in STATUS:
            raise BuildError(f"{r['_where']}: unknown status {status!r}")
        if (a, b, t) in seen_ties:
            raise BuildError(f"{r['_where']}: {a}-{b} {t} is already given by {seen_ties[(a, b, t)]}")
        seen_ties[(a, b, t)] = r["_where"]
        ties.append({"a": a, "b": b, "type": t, "start": r["start"].strip(),
                     "end": r["end"].strip(), "status": status, "reliability": reliability,
                     "name": r["name"].strip(),
                     "source": r["source"].strip(), "confidence": r["confidence"].strip(),
                     "note": r.get("note", "").strip()})

    # ---- threats: Thompson-Dreyer rivalries active at the end of coverage, then hand rows
    # Every Thompson-Dreyer rivalry still active at the end of its coverage must be re-verified
    # by a hand row of the same pair (kind rivalry) in manual/threats.csv: that row gives its
    # present state (an end year if it ended, its intensity, the verification date) and cites
    # Thompson-Dreyer beside the current sources.
    threats = {}
    carried = {}
    for r in read_csv(os.path.join(shared, "rivalries.csv")):
        if int(r["endyear"]) < RIVALRY_COVERAGE_END:
            continue
        if r["ccode1"] not in cow_to_id or r["ccode2"] not in cow_to_id:
            continue
        a, b = pair(cow_to_id[r["ccode1"]], cow_to_id[r["ccode2"]])
        types = "/".join(t for t in (r["type1"], r["type2"], r["type3"]) if t)
        carried[(a, b)] = (r["styear"], r["rivalryname"], types)
    for r in read_manual("threats.csv"):
        a, b = pair(r["a"].strip(), r["b"].strip())
        where = f"{r['_where']} ({a}-{b})"
        check_nation(a, where)
        check_nation(b, where)
        kind = r["kind"].strip()
        intensity, verified = r.get("intensity", "").strip(), r.get("last_verified", "").strip()
        if not intensity or not 0 < float(intensity) <= 1:
            raise BuildError(f"{where}: intensity must lie in (0, 1]")
        if not verified:
            raise BuildError(f"{where}: every threat needs last_verified")
        if (a, b, kind) in threats:
            raise BuildError(f"{where}: duplicate threat {a}-{b} {kind}")
        row = {"a": a, "b": b, "kind": kind, "start": r["start"].strip(), "end": r["end"].strip(),
               "intensity": intensity, "last_verified": verified, "name": r["name"].strip(),
               "source": r["source"].strip(), "confidence": r["confidence"].strip(),
               "note": r.get("note", "").strip()}
        if kind == "rivalry" and (a, b) in carried:
            styear, name, types = carried[(a, b)]
            row["start"] = row["start"] or styear
            row["name"] = row["name"] or name
            if "thompson-dreyer" not in row["source"].split(";"):
                row["source"] = "thompson-dreyer;" + row["source"]
            row["note"] = f"Thompson-Dreyer {types} rivalry (to 2010). " + row["note"]
        threats[(a, b, kind)] = row
    unverified = sorted(f"{a}-{b}" for (a, b) in carried if (a, b, "rivalry") not in threats)
    if unverified:
        raise BuildError("Thompson-Dreyer rivalries active in 2010 need a verification row in "
                         "manual/threats.csv: " + ", ".join(unverified))

    # ---- capabilities, groups, sources
    caps = []
    for r in read_manual("capabilities.csv"):
        check_nation(r["nation"].strip(), r["_where"])
        row = {k: r.get(k, "").strip() for k in ("nation", "year", "value", "measure", "source", "confidence", "note")}
        if row["measure"] != SIPRI_MEASURE:
            raise BuildError(f"{r['_where']}: hand capability rows are SIPRI rows (measure {SIPRI_MEASURE})")
        caps.append(row)
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
    for cow, (year, milex) in latest_milex.items():
        nid = cow_to_id[cow]
        value = ("%.3f" % (milex / 1000)).rstrip("0").rstrip(".")
        caps.append({"nation": nid, "year": str(year), "value": value, "measure": "", "source": "cow-nmc",
                     "confidence": "high",
                     "note": f"COW NMC milex {year} (thousands of current US$) / 1000"})
    groups = []
    for r in group_rows:
        check_nation(r["nation"].strip(), r["_where"])
        groups.append({k: r[k].strip() for k in ("group", "nation", "source")})
    sources = {}
    for r in read_manual("sources.csv"):
        if r["id"] in sources:
            raise BuildError(f"{r['_where']}: duplicate source {r['id']}")
        sources[r["id"]] = {k: r[k].strip() for k in ("id", "publisher", "title", "date", "url")}

    # ---- nuclear weapons: spells from the hand table; nations.nuclear is the state at AS_OF
    nuclear = []
    for r in read_manual("nuclear.csv"):
        check_nation(r["nation"].strip(), r["_where"])
        if r["basis"].strip() not in ("test", "believed"):
            raise BuildError(f"{r['_where']}: basis must be test or believed")
        nuclear.append({k: r.get(k, "").strip() for k in
                        ("nation", "start", "end", "basis", "source", "confidence", "note")})
    for n in nations.values():
        armed = any(x["nation"] == n["id"] and int(x["start"]) <= AS_OF
                    and (not x["end"] or int(x["end"]) >= AS_OF) for x in nuclear)
        n["nuclear"] = "own" if armed else "none"

    # ---- COW direct contiguity and major powers at the end of COW coverage (2016), for the
    # formation model's features: the latest spell of each pair of included nations
    contiguity = {}
    last_end = max(r["enddate"] for r in read_csv(os.path.join(cow_dir, "contiguity.csv")))
    for r in read_csv(os.path.join(cow_dir, "contiguity.csv")):
        if r["enddate"] != last_end or r["ccode1"] not in cow_to_id or r["ccode2"] not in cow_to_id:
            continue
        a, b = pair(cow_to_id[r["ccode1"]], cow_to_id[r["ccode2"]])
        if a == b:
            continue
        kind = int(r["conttype"])
        if kind == 0:
            continue  # COW type 0: a spell without contiguity
        if (a, b) not in contiguity or kind < int(contiguity[(a, b)]["type"]):
            contiguity[(a, b)] = {"a": a, "b": b, "type": str(kind), "source": "cow-contiguity"}
    majors = {cow_to_id[r["ccode"]] for r in read_csv(os.path.join(cow_dir, "major-powers.csv"))
              if r["ccode"] in cow_to_id and r["endyear"] == "2016"}
    for n in nations.values():
        n["major_power"] = "1" if n["id"] in majors else "0"
        if n["id"] in majors:
            n["source"] = ";".join(dict.fromkeys(n["source"].split(";") + ["cow-major-powers"]))

    # ---- a pair both threat and defense partner in AS_OF needs a note saying why
    def in_force(start, end):
        return (not start or int(start) <= AS_OF) and (not end or int(end) >= AS_OF)
    defense_pairs = {}
    for aid, a in alliances.items():
        if not set(a["obligations"].split(";")) & {"defense", "offense"} or not in_force(a["start"], a["end"]):
            continue
        present = sorted({nid for (x, nid), spells in out_members.items() if x == aid
                          for m in spells if in_force(m["entry"] or a["start"], m["exit"] or a["end"])})
        for i, u in enumerate(present):
            for v in present[i + 1:]:
                defense_pairs.setdefault((u, v), []).append(aid)
    for t in ties:
        if t["type"] in ("defense", "offense") and in_force(t["start"], t["end"]):
            defense_pairs.setdefault((t["a"], t["b"]), []).append(f"{t['a']}-{t['b']} tie")
    unexplained = [f"{a}-{b} ({', '.join(defense_pairs[(a, b)])})" for (a, b, kind), t in sorted(threats.items())
                   if in_force(t["start"], t["end"]) and (a, b) in defense_pairs
                   and "defense pair" not in t["note"].lower()]
    if unexplained:
        raise BuildError("threats that are also defense pairs need a note saying why (with the words "
                         "'defense pair'): " + "; ".join(unexplained))
    misleading = [f"{a}-{b}" for (a, b, kind), t in sorted(threats.items())
                  if in_force(t["start"], t["end"]) and (a, b) not in defense_pairs
                  and "defense pair" in t["note"].lower()]
    if misleading:
        raise BuildError("threat notes say 'defense pair' for pairs that are not: " + ", ".join(misleading))

    # every cited source must exist, and every listed source must be cited
    cited = set()
    member_rows = [m for spells in out_members.values() for m in spells]
    for table in (nations.values(), alliances.values(), member_rows, ties,
                  threats.values(), caps, groups, nuclear, contiguity.values()):
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

    table("nations.csv", ["id", "cow", "abbr", "name", "region", "capital", "lat", "lon", "nuclear", "major_power",
                          "source"],
          nations.values(), lambda r: r["id"])
    table("contiguity.csv", ["a", "b", "type", "source"], contiguity.values(), lambda r: (r["a"], r["b"]))
    table("alliances.csv", ALLIANCE_COLUMNS, alliances.values(), lambda r: r["id"])
    table("members.csv", ["alliance", "nation", "entry", "exit", "status", "source", "note"],
          member_rows, lambda r: (r["alliance"], r["nation"], int(r["entry"] or 0)))
    table("ties.csv", ["a", "b", "type", "start", "end", "status", "reliability", "name", "source",
                       "confidence", "note"],
          ties, lambda r: (r["a"], r["b"], r["type"], int(r["start"] or 0)))
    table("threats.csv", ["a", "b", "kind", "start", "end", "intensity", "last_verified", "name", "source",
                          "confidence", "note"],
          threats.values(), lambda r: (r["a"], r["b"], r["kind"]))
    table("capabilities.csv", ["nation", "year", "value", "measure", "source", "confidence", "note"],
          caps, lambda r: (r["nation"], r["measure"], int(r["year"])))
    table("nuclear.csv", ["nation", "start", "end", "basis", "source", "confidence", "note"],
          nuclear, lambda r: (r["nation"], int(r["start"])))
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
        "capability": {"measure": "milex", "unit": "million current US$", "year": NMC_YEAR,
                       "source": "cow-nmc",
                       "alternatives": [{"measure": SIPRI_MEASURE, "unit": "million current US$",
                                         "year": 2024, "source": "sipri-milex-2025", "fallback": True}]},
        "description": ("Defense treaties in force (NATO, ANZUS, CSTO, Rio Treaty, GCC, Arab League "
                        "JDEC, AU, ECOWAS, SADC, bilateral pacts), cooperation channels (IMCTC, AUKUS, "
                        "Five Eyes, FPDA, exercises, training, arms, technology), strategic rivalries and "
                        "the 57 OIC members, as of 2025. Capability: military expenditure in million current "
                        "US$, COW NMC of 2022 (capability.year) or of the nation's latest earlier year where "
                        "NMC has no 2022 value; SIPRI 2024 as the alternative measure sipri-milex where "
                        "confirmed (other nations keep their NMC value). Generated by "
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
