"""Command line of the gazetteer: ``frontline geocode`` and ``frontline gazetteer build|import``.

``register(subparsers)`` adds the subcommands to the ``frontline`` parser; ``main(argv)``
runs them on their own (``python -m gazetteer.cli geocode Kharkov``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gazetteer.exc import FrontlineError, InputError

__all__ = ["main", "register"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def register(subparsers: Any) -> None:
    """Add ``geocode`` and ``gazetteer`` (``build``, ``import``) to a subparsers object.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        From ``ArgumentParser.add_subparsers()``; every command sets ``handler``.
    """
    p = subparsers.add_parser(
        "geocode",
        help="look up a place name in the offline gazetteer",
        description="Look up a place name (any spelling, Cyrillic, misspelt) in the offline "
        "gazetteer and print the best matches.",
    )
    p.add_argument("query", metavar="QUERY", help="place name, e.g. 'Kharkov' or 'Izium'")
    p.add_argument("--near", metavar="PLACE|LAT,LON", help="prefer places near this place or point")
    p.add_argument("--country", metavar="CC", help="only places in this country (ISO alpha-2)")
    p.add_argument("-n", type=int, default=5, metavar="N", help="number of results (default 5)")
    p.add_argument("--json", action="store_true", help="JSON output instead of a table")
    p.set_defaults(handler=_geocode)

    g = subparsers.add_parser(
        "gazetteer",
        help="build the place index or import a GeoNames dump",
        description="Manage the offline place index in the user cache "
        "($FRONTLINE_CACHE or ~/.cache/frontline).",
    )
    gsub = g.add_subparsers(title="actions", metavar="ACTION")
    b = gsub.add_parser(
        "build",
        help="build the place index (about a minute, once)",
        description="Build the place index from GeoNames and the committed geometry.",
    )
    b.add_argument("--quiet", action="store_true", help="no progress output")
    b.set_defaults(handler=_build)
    i = gsub.add_parser(
        "import",
        help="add a full GeoNames dump (XX.zip, allCountries.zip or .txt)",
        description="Add a GeoNames dump (the 19-column tab-separated format, zipped or not) "
        "to reach villages below 500 inhabitants and other features, then rebuild the index.",
    )
    i.add_argument("file", metavar="FILE", type=Path, help="XX.zip, allCountries.zip or a .txt")
    i.add_argument("--quiet", action="store_true", help="no progress output")
    i.set_defaults(handler=_import)
    g.set_defaults(handler=lambda _args: (g.print_help(sys.stderr), EXIT_USAGE)[1])


def _progress(quiet: bool):
    if quiet:
        return None
    return lambda msg: print(f"gazetteer: {msg}", file=sys.stderr, flush=True)


def _build(args: argparse.Namespace) -> int:
    from gazetteer.index import cache_dir
    from gazetteer.index_build import build_index

    path = build_index(cache_dir(), progress=_progress(args.quiet))
    if not args.quiet:
        print(path)
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from gazetteer.dump import import_dump
    from gazetteer.index import cache_dir
    from gazetteer.index_build import build_index

    report = import_dump(args.file, root=cache_dir(), progress=_progress(args.quiet))
    path = build_index(cache_dir(), progress=_progress(args.quiet))
    if not args.quiet:
        print(f"{report.added} places imported from {args.file}; index {path}")
    return EXIT_OK


def _parse_near(text: str, gaz: Any) -> tuple[float, float]:
    parts = text.split(",")
    if len(parts) == 2:
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except ValueError:
            pass
        else:
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                return (lat, lon)
            raise InputError(f"--near {text!r}: latitude or longitude out of range")
    place = gaz.resolve(text)
    if place is None:
        raise InputError(f"--near {text!r}: no such place; give a place name or LAT,LON")
    return (place.lat, place.lon)


def _geocode(args: argparse.Namespace) -> int:
    from gazetteer.resolver import Gazetteer, options

    if args.n < 1:
        raise InputError("-n must be at least 1")
    if args.country and (len(args.country) != 2 or not args.country.isalpha()):
        raise InputError(f"--country {args.country!r}: use an ISO alpha-2 code such as UA")
    gaz = Gazetteer.load()
    near = _parse_near(args.near, gaz) if args.near else None
    country = args.country.upper() if args.country else None
    places = gaz.rank(
        args.query,
        near=near,
        country=country,
        countries=[country] if country else None,
        limit=args.n,
    )
    rows = [
        {
            "rank": i + 1,
            "score": round(p.score, 4),
            "id": p.id,
            "name": p.name,
            "kind": p.kind.value,
            "admin1": p.admin1,
            "country": p.country,
            "lat": round(p.lat, 5),
            "lon": round(p.lon, 5),
            "population": p.population,
            "confident": p.score >= options.abstain_below,
        }
        for i, p in enumerate(places)
    ]
    if args.json:
        print(json.dumps({"query": args.query, "results": rows}, ensure_ascii=False))
    elif not rows:
        print(f"no place matches {args.query!r}")
    else:
        head = ("#", "score", "id", "name", "kind", "admin1", "cc", "lat", "lon")
        table = [
            (str(r["rank"]), f"{r['score']:.2f}" + ("" if r["confident"] else "?"), r["id"],
             r["name"], r["kind"], r["admin1"], r["country"], f"{r['lat']:.4f}",
             f"{r['lon']:.4f}")
            for r in rows
        ]  # fmt: skip
        widths = [max(len(x) for x in col) for col in zip(head, *table, strict=True)]
        for line in (head, *table):
            print("  ".join(x.ljust(w) for x, w in zip(line, widths, strict=True)).rstrip())
    return EXIT_OK if rows else EXIT_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    """Run the gazetteer subcommands on their own and return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        E.g. ``["geocode", "Kharkov", "--json"]``; ``sys.argv[1:]`` when omitted.

    Returns
    -------
    int
        0 all good, 1 failed (nothing found, bad data), 2 usage error.
    """
    parser = argparse.ArgumentParser(prog="frontline")
    register(parser.add_subparsers(title="commands", metavar="COMMAND"))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(handler(args))
    except InputError as exc:
        print(f"frontline: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FrontlineError as exc:
        print(f"frontline: {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
