#!/usr/bin/env python3
"""Builds the world basemap compiled into AllianceRender from Debian's GSHHG.

The geographic diagrams draw coastlines and national borders under the capitals. The
data is GSHHG 2.3.7 (Wessel and Smith, LGPL-3.0) at its low resolution, as Debian's
gmt-gshhg-low package ships it (binned netCDF files that only GMT reads); GMT's
`gmt coast -M` dumps the lines as text. This script

  1. dumps the shorelines of level 1 (land against ocean; Antarctica by its ice front)
     and the borders of level 1 (national borders) over the whole world,
  2. joins GMT's per-bin pieces back into whole polylines and rings,
  3. drops rings smaller than --min-extent degrees in both longitude and latitude
     (islands at least that big stay), simplifies each polyline with Douglas-Peucker
     (--tolerance degrees, in plain longitude/latitude),
  4. quantises to 0.1 degree, splits polylines where they cross the 180th meridian (so no
     segment spans the map) and
  5. writes Sources/AllianceRender/BasemapData.swift: per data set one string of
     delta-encoded integers (Google's polyline encoding of tenths of a degree, longitude
     first, each polyline closed by ';'), which Basemap decodes once, lazily.

Building and testing the package need none of this: the generated file is committed.
To regenerate it (root, for apt-get, when a package is missing), from the repository root:

    make basemap

which amounts to

    apt-get install -y --no-install-recommends gmt gmt-gshhg-low
    python3 scripts/basemap/build_basemap.py [--tolerance 0.3] [--min-extent 1.5]

The output is deterministic: the same GSHHG and options give the same file.
"""
import argparse
import gzip
import math
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Sources", "AllianceRender", "BasemapData.swift")
PACKAGE = "gmt-gshhg-low"
README = "/usr/share/doc/gmt-gshhg-low/README.TXT.gz"
SCALE = 10  # quantisation: 1/SCALE degree
LINE_WIDTH = 100  # characters per line of the encoded strings in the Swift file


# --- Reading ---------------------------------------------------------------------------


def gmt_dump(gmt, args):
    """Runs `gmt coast -Rd -Dl -M ARGS` and returns its segments as lists of (lon, lat)."""
    command = [gmt, "coast", "-Rd", "-Dl", "-M", *args, "--GMT_HISTORY=false"]
    try:
        # In a scratch directory: GMT may leave gmt.history or gmt.conf where it runs.
        with tempfile.TemporaryDirectory() as scratch:
            text = subprocess.run(command, check=True, capture_output=True, text=True, cwd=scratch).stdout
    except FileNotFoundError:
        sys.exit(f"build_basemap: {gmt} not found; install Debian's gmt and {PACKAGE} (make basemap does)")
    except subprocess.CalledProcessError as error:
        sys.exit(f"build_basemap: {' '.join(command)} failed:\n{error.stderr}")
    segments, current = [], None
    for line in text.splitlines():
        if line.startswith(">"):
            current = []
            segments.append(current)
        elif line.strip() and not line.startswith("#"):
            lon, lat = line.split()[:2]
            current.append((float(lon), float(lat)))
    return [s for s in segments if len(s) >= 2]


def gshhg_version():
    """The upstream version of the installed GSHHG package (e.g. 2.3.7)."""
    try:
        version = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", PACKAGE], check=True, capture_output=True, text=True
        ).stdout
        match = re.match(r"(?:\d+:)?(\d+(?:\.\d+)+)", version)
        if match:
            return match.group(1)
    except (FileNotFoundError, subprocess.CalledProcessError):
        pass
    with gzip.open(README, "rt", encoding="utf-8", errors="replace") as handle:
        match = re.search(r"Version (\d+(?:\.\d+)+)", handle.read())
    if not match:
        sys.exit(f"build_basemap: cannot tell the GSHHG version ({PACKAGE} installed?)")
    return match.group(1)


# --- Joining GMT's per-bin pieces ------------------------------------------------------


def key(point):
    """Endpoint identity: rounded, with -180 and 180 the same meridian."""
    lon, lat = point
    lon = round(lon, 5)
    if lon == -180.0:
        lon = 180.0
    return (lon, round(lat, 5))


def join(segments):
    """Chains segments whose ends meet (reversing one where needed) into polylines."""
    by_end = {}
    for index, segment in enumerate(segments):
        by_end.setdefault(key(segment[0]), []).append(index)
        by_end.setdefault(key(segment[-1]), []).append(index)
    used = [False] * len(segments)

    def take(at):
        """An unused segment with an end at `at`, oriented to start there, or None."""
        for index in by_end.get(at, ()):
            if not used[index]:
                used[index] = True
                segment = segments[index]
                return segment if key(segment[0]) == at else segment[::-1]
        return None

    chains = []
    for index, segment in enumerate(segments):
        if used[index]:
            continue
        used[index] = True
        chain = list(segment)
        while key(chain[-1]) != key(chain[0]) and (nxt := take(key(chain[-1]))) is not None:
            chain.extend(nxt[1:])
        while key(chain[-1]) != key(chain[0]) and (prv := take(key(chain[0]))) is not None:
            chain[:0] = prv[::-1][:-1]
        chains.append(chain)
    return chains


def unwrap(chain):
    """Longitudes made continuous (steps of at most 180 degrees), dropping repeated points."""
    out = [chain[0]]
    for lon, lat in chain[1:]:
        previous = out[-1][0]
        lon += 360.0 * round((previous - lon) / 360.0)
        if (lon, lat) != out[-1]:
            out.append((lon, lat))
    return out


def extent(chain):
    lons, lats = [p[0] for p in chain], [p[1] for p in chain]
    return max(lons) - min(lons), max(lats) - min(lats)


# --- Simplification --------------------------------------------------------------------


def segment_distance(p, a, b):
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy)


def douglas_peucker(points, tolerance):
    """Douglas-Peucker on an open polyline (iterative; keeps both ends)."""
    if len(points) <= 2:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, worst_index = -1.0, -1
        for i in range(first + 1, last):
            d = segment_distance(points[i], points[first], points[last])
            if d > worst:
                worst, worst_index = d, i
        if worst > tolerance:
            keep[worst_index] = True
            stack.append((first, worst_index))
            stack.append((worst_index, last))
    return [p for p, k in zip(points, keep) if k]


def simplify(chain, tolerance):
    """Douglas-Peucker; a closed ring is cut at its point farthest from the start and each
    half simplified, and keeps at least a triangle."""
    closed = len(chain) > 3 and chain[0] == chain[-1]
    if not closed:
        return douglas_peucker(chain, tolerance)
    far = max(range(len(chain)), key=lambda i: math.dist(chain[i], chain[0]))
    while True:
        ring = douglas_peucker(chain[: far + 1], tolerance) + douglas_peucker(chain[far:], tolerance)[1:]
        if len(ring) >= 4 or tolerance < 1e-3:
            return ring
        tolerance /= 2


# --- Quantising and the dateline -------------------------------------------------------


def quantise(chain):
    out = []
    for lon, lat in chain:
        point = (round(lon * SCALE), round(lat * SCALE))
        if not out or point != out[-1]:
            out.append(point)
    return out


def split_at_dateline(points):
    """Wraps unwrapped integer longitudes into [-180, 180] degrees, cutting the polyline
    where it crosses the 180th meridian (both pieces get the crossing point)."""
    half, full = 180 * SCALE, 360 * SCALE
    offset = full * math.floor((points[0][0] + half) / full)
    if points[0][0] - offset == half:  # keep a start on +180 as +180
        offset -= full
    pieces, current = [], [(points[0][0] - offset, points[0][1])]
    for lon, lat in points[1:]:
        x = lon - offset
        if -half <= x <= half:
            current.append((x, lat))
            continue
        px, py = current[-1]
        edge = half if x > half else -half
        y = round(py + (lat - py) * (edge - px) / (x - px))
        if (edge, y) != current[-1]:
            current.append((edge, y))
        pieces.append(current)
        offset += full if edge == half else -full
        current = [(-edge, y)]
        if (lon - offset, lat) != current[-1]:
            current.append((lon - offset, lat))
    pieces.append(current)
    return [p for p in pieces if len(p) >= 2]


# --- Encoding --------------------------------------------------------------------------


def encode_value(value, out):
    """Google's polyline encoding of one integer: zigzag, then 5-bit chunks, ASCII 63...126."""
    value = (value << 1) ^ (value >> 63)
    while value >= 0x20:
        out.append(chr((0x20 | (value & 0x1F)) + 63))
        value >>= 5
    out.append(chr(value + 63))


def encode(polylines):
    out = []
    for line in polylines:
        previous = (0, 0)
        for point in line:
            encode_value(point[0] - previous[0], out)
            encode_value(point[1] - previous[1], out)
            previous = point
        out.append(";")
    text = "".join(out)
    return "\n".join(text[i : i + LINE_WIDTH] for i in range(0, len(text), LINE_WIDTH))


def build(segments, tolerance, min_extent, rings):
    polylines = []
    for chain in join(segments):
        chain = unwrap(chain)
        if len(chain) < 2:
            continue
        if rings and max(extent(chain)) < min_extent:
            continue
        polylines.extend(split_at_dateline(quantise(simplify(chain, tolerance))))
    # Deterministic order: longest first, then by first point.
    polylines.sort(key=lambda line: (-len(line), line[0], line[-1]))
    return polylines


def swift_file(version, tolerance, min_extent, coastlines, borders):
    def count(lines):
        return len(lines), sum(len(line) for line in lines)

    (nc, pc), (nb, pb) = count(coastlines), count(borders)
    return "\n".join(
        [
            "// Generated by scripts/basemap/build_basemap.py from GSHHG "
            f"{version} (gmt-gshhg-low). Do not edit by hand.",
            "// GSHHG: Wessel and Smith, LGPL-3.0 (LICENSES/GSHHG-LGPL-3.0.txt); simplified here.",
            "",
            "/// The simplified basemap: per data set one string of Google-polyline-encoded",
            "/// deltas of tenths of a degree (longitude, then latitude; each polyline starts",
            "/// from (0, 0) and ends with `;`; newlines are ignored). Decoded by `Basemap`.",
            "enum BasemapData {",
            f'  static let gshhgVersion = "{version}"',
            "  /// Douglas-Peucker tolerance, degrees.",
            f"  static let tolerance = {tolerance}",
            "  /// Rings (islands) smaller than this in both longitude and latitude were dropped, degrees.",
            f"  static let minimumExtent = {min_extent}",
            f"  static let coastlinePolylineCount = {nc}",
            f"  static let coastlinePointCount = {pc}",
            f"  static let borderPolylineCount = {nb}",
            f"  static let borderPointCount = {pb}",
            "",
            "  /// Shorelines of level 1 (land against ocean; Antarctica by its ice front).",
            '  static let coastlines = #"""',
            encode(coastlines),
            '"""#',
            "",
            "  /// National borders (WDBII level 1).",
            '  static let borders = #"""',
            encode(borders),
            '"""#',
            "}",
            "",
        ]
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tolerance", type=float, default=0.3, help="Douglas-Peucker tolerance, degrees")
    parser.add_argument("--min-extent", type=float, default=1.5, help="drop smaller rings, degrees")
    parser.add_argument("--gmt", default="gmt", help="the gmt executable")
    parser.add_argument("--out", default=OUT, help="the Swift file to write")
    args = parser.parse_args()

    version = gshhg_version()
    coast = gmt_dump(args.gmt, ["-W", "-A0/1/1+ai"])
    border = gmt_dump(args.gmt, ["-N1"])
    coastlines = build(coast, args.tolerance, args.min_extent, rings=True)
    borders = build(border, args.tolerance, args.min_extent, rings=False)
    text = swift_file(version, args.tolerance, args.min_extent, coastlines, borders)
    with open(args.out, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    for name, lines in (("coastlines", coastlines), ("borders", borders)):
        print(f"{name}: {len(lines)} polylines, {sum(len(l) for l in lines)} points", file=sys.stderr)
    print(f"wrote {os.path.relpath(args.out, ROOT)}: {len(text.encode())} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
