#!/usr/bin/env python3
"""Checks that each CSV file loads with pandas.read_csv into one tidy table, without options.

Usage: check_csv.py FILE...

For each file: read_csv with defaults must succeed, the header must be the first line
(no "Unnamed" columns, no column named like a comment), column names unique, every row
as wide as the header (read_csv raises otherwise), at least one column. Prints one JSON
line per file ({"file", "rows", "columns"}); exits 1 naming the first failing file.
"""
import json
import sys

import pandas as pd


def main() -> int:
    for path in sys.argv[1:]:
        try:
            frame = pd.read_csv(path)
        except Exception as error:  # noqa: BLE001 - report any failure with the file name
            print(f"{path}: read_csv failed: {error}", file=sys.stderr)
            return 1
        columns = [str(c) for c in frame.columns]
        bad = [c for c in columns if c.startswith("Unnamed") or c.startswith("#") or c.strip() != c]
        if bad or not columns:
            print(f"{path}: not a tidy header: {columns}", file=sys.stderr)
            return 1
        if len(set(columns)) != len(columns):
            print(f"{path}: duplicate columns: {columns}", file=sys.stderr)
            return 1
        print(json.dumps({"file": path, "rows": len(frame), "columns": columns}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
