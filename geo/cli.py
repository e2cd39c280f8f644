"""The ``frontline`` command line.

Exit status: 0 all good, 1 some inputs failed (the rest processed and written),
2 usage error. Messages name the file and say what to do.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from gazetteer.exc import FrontlineError, InputError
from gazetteer.protocol import GazetteerLike

if TYPE_CHECKING:
    from geo.lookup import PlaceLookup
    from geo.model import Article

__all__ = ["geoparse_record", "main", "problem_lines"]

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_OVERRIDES = "events.yaml"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; ``sys.argv[1:]`` when omitted.

    Returns
    -------
    int
        0 all good, 1 some inputs failed, 2 usage error.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        with _batch_collector(program=argv is None):
            return int(args.handler(args) or EXIT_OK)
    except FrontlineError as error:
        print(f"frontline: {error}", file=sys.stderr)
        return EXIT_SOME_FAILED
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK


#: Cycle collector thresholds of a command: a young collection every 50,000 allocations
#: (Python's default is 700), older ones as often as by default after it.
_BATCH_THRESHOLDS = (50_000, 10, 10)


@contextlib.contextmanager
def _batch_collector(*, program: bool = False) -> Iterator[None]:
    """Run a command with the cycle collector's young generation collected less often.

    A command builds a million long-lived objects (cached articles, events, pages) and
    hardly any cycles; with the default thresholds the collector walks them again and
    again (a sixth of a rebuild's time). Cycles are still collected, in bigger batches.

    With ``program`` (the command is the process: ``frontline ...``, ``python -m
    geo.cli``), what is left when the command returns is frozen: the interpreter's last
    full collection at exit then walks none of it (it would find nothing the process
    needs to free: its memory goes back with the process).
    """
    before = gc.get_threshold()
    gc.set_threshold(*_BATCH_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if program:
            gc.freeze()


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    from gazetteer.cli import register as register_gazetteer

    parser = argparse.ArgumentParser(
        prog="frontline",
        description="Turn war reporting into dated, sourced event records and a time-slider map.",
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    register_gazetteer(sub)
    _add_geoparse(sub)
    _add_extract(sub)
    _add_render(sub)
    _add_control(sub)
    _add_build(sub)
    return parser


# -- argument helpers ---------------------------------------------------------------------


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: use YYYY-MM-DD") from None


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--published",
        type=_date,
        metavar="YYYY-MM-DD",
        help="publication date for texts whose front matter has none",
    )
    p.add_argument("--source", metavar="NAME", help="outlet name for texts that carry none")
    p.add_argument("--ner", action="store_true", help="use spaCy NER as an extra signal")


def _add_scale_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="process every article again (default: reuse results of unchanged articles "
        "from the cache in $FRONTLINE_CACHE)",
    )
    p.add_argument(
        "--cache-size",
        type=_gigabytes,
        default=2.0,
        metavar="GB",
        help="size bound of the article cache; least recently used entries go first (default 2)",
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="process articles in this process (default) or on a Dask cluster",
    )
    p.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="processes of the local engine (default: one per usable core; 1 processes "
        "every article in this process; small corpora always use one)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address (tcp://host:8786); default: a cluster on this machine",
    )
    p.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="workers of the cluster started on this machine (default: one per core)",
    )


def _gigabytes(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not number > 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive size in GB")
    return number


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return number


def _add_render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--self-contained",
        dest="self_contained",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="inline every script, style and font so the map works offline (default: yes)",
    )
    p.add_argument("--title", default="Reported advances and retreats", help="map title")
    p.add_argument(
        "--previews",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="write PNG previews with headless Chromium when available (default: yes)",
    )


# -- geoparse -----------------------------------------------------------------------------


def _add_geoparse(sub: Any) -> None:
    p = sub.add_parser(
        "geoparse",
        help="find and resolve the places mentioned in articles",
        description="Find every place mention in each input and resolve it offline. Input: "
        "text, Markdown or HTML files, JSONL lines {'id', 'text'}, or - for standard input. "
        "With --given-spans each JSONL line carries 'toponyms': [{'start', 'end'}] and only "
        "those spans are resolved.",
    )
    p.add_argument("inputs", nargs="*", default=["-"], metavar="FILE", help="inputs (default -)")
    p.add_argument("--given-spans", action="store_true", help="resolve only the given spans")
    p.add_argument("--json", action="store_true", help="one JSON object per article")
    p.add_argument("--ner", action="store_true", help="use spaCy NER as an extra signal")
    p.set_defaults(handler=_run_geoparse)


def _iter_jsonl(stream: TextIO, name: str) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise FrontlineError(
                f"{name}:{number}: not a JSON object ({error.msg}); "
                "give one {'id', 'text'} object per line"
            ) from None
        if not isinstance(record, dict) or "text" not in record:
            raise FrontlineError(f"{name}:{number}: each line needs a 'text' field")
        record.setdefault("id", f"{name}:{number}")
        yield record


def _geoparse_records(inputs: Sequence[str], given_spans: bool) -> Iterator[dict[str, Any]]:
    """Yield {'id', 'text', ...} records from files, folders, JSONL or stdin."""
    from geo.ingest import iter_articles

    for name in inputs:
        if name == "-" or name.endswith(".jsonl"):
            if name == "-":
                yield from _iter_jsonl_or_text(sys.stdin, "-", given_spans)
            else:
                with open(name, encoding="utf-8") as stream:
                    yield from _iter_jsonl(stream, name)
            continue
        if given_spans:
            raise FrontlineError(f"{name}: --given-spans needs JSONL input with 'toponyms'")
        for item in iter_articles([name]):
            if hasattr(item, "text"):
                yield {"id": item.id, "text": item.text}
            else:
                print(f"frontline: {item}", file=sys.stderr)
                yield {"id": str(getattr(item, "path", name)), "error": str(item)}


def _iter_jsonl_or_text(stream: TextIO, name: str, given_spans: bool) -> Iterator[dict]:
    data = stream.read()
    if data.lstrip().startswith("{"):
        yield from _iter_jsonl(iter(data.splitlines()), name)  # type: ignore[arg-type]
    elif given_spans:
        raise FrontlineError("-: --given-spans needs JSONL input with 'toponyms'")
    else:
        yield {"id": "-", "text": data}


def _run_geoparse(args: argparse.Namespace) -> int:
    from gazetteer import Gazetteer
    from geo.lookup import PlaceLookup

    gaz = Gazetteer.load()
    lookup = PlaceLookup(gaz)  # one set of look-up caches for every input
    nlp = _load_nlp() if args.ner else None
    failed = 0
    for record in _geoparse_records(args.inputs, args.given_spans):
        if "error" in record:
            failed += 1
            continue
        if args.given_spans:
            from gazetteer.spans import resolve_given_spans

            result = resolve_given_spans(record, gaz)
        else:
            result = geoparse_record(record, gaz, nlp=nlp, lookup=lookup)
        _print_geoparse(result, as_json=args.json)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def geoparse_record(
    record_or_article: Article | Mapping[str, Any],
    gaz: GazetteerLike,
    *,
    nlp: Any = None,
    country: str | None = None,
    lookup: PlaceLookup | None = None,
) -> dict[str, Any]:
    """Geoparse one article into the ``frontline geoparse`` JSON shape.

    Parameters
    ----------
    record_or_article : Article or mapping
        An :class:`~geo.model.Article`, or a mapping with ``"id"`` and ``"text"``.
    gaz : gazetteer.Gazetteer
        The place index.
    nlp : spacy.Language, optional
        Optional NER pipeline.
    country : str, optional
        ISO2 focus country.
    lookup : PlaceLookup, optional
        Look-up caches around ``gaz`` shared across records; a fresh one by default.

    Returns
    -------
    dict
        ``{"id": ..., "mentions": [{"start", "end", "text", "name", "id", "lat",
        "lon", "kind", "country", "admin1", "score"}, ...]}``; the place fields
        are ``None`` for mentions that could not be resolved.

    Raises
    ------
    InputError
        If a mapping lacks ``"text"`` or it is not a string.
    """
    from geo.model import Article
    from geo.resolve import geoparse

    if isinstance(record_or_article, Article):
        rid, text = record_or_article.id, record_or_article.text
    elif isinstance(record_or_article, Mapping):
        text = record_or_article.get("text")
        rid = record_or_article.get("id")
        if not isinstance(text, str):
            raise InputError(
                f"record {rid!r}: needs a string field 'text' (one JSON object per line "
                "with 'id' and 'text')"
            )
    else:
        raise InputError(
            "geoparse_record() needs an Article or a mapping, "
            f"got {type(record_or_article).__name__}"
        )
    mentions = []
    for m in geoparse(text, gaz, nlp=nlp, country=country, lookup=lookup):
        p = m.place
        mentions.append(
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "name": p.name if p else None,
                "id": p.id if p else None,
                "lat": round(p.lat, 5) if p else None,
                "lon": round(p.lon, 5) if p else None,
                "kind": p.kind.value if p else None,
                "country": (p.country or None) if p else None,
                "admin1": (p.admin1 or None) if p else None,
                "score": round(float(p.score), 3) if p else None,
            }
        )
    return {"id": rid, "mentions": mentions}


def _print_geoparse(result: dict[str, Any], *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, ensure_ascii=False, sort_keys=False))
        return
    print(f"# {result['id']}")
    for m in result["mentions"]:
        where = "unresolved" if m.get("lat") is None else f"{m['lat']:.4f}, {m['lon']:.4f}"
        name = m.get("name") or "-"
        print(
            f"{m['start']:>6}-{m['end']:<6} {m['text'][:30]:<30} {name[:30]:<30} "
            f"{m.get('kind') or '-':<10} {m.get('country') or '-':<3} {where}"
        )


def _load_nlp() -> Any:
    from geo.pipeline import load_ner

    return load_ner()


# -- extract ------------------------------------------------------------------------------


def _add_extract(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="turn articles into a dated, sourced event table",
        description="Read articles (files, folders, glob patterns, JSONL or Parquet with one "
        "article per line or row, or -) and write one event table. "
        "The format follows the output suffix: .geojson, .csv (ACLED columns) or .parquet. "
        "Mentions that could not be placed go to an 'unresolved' report beside it.",
    )
    p.add_argument("inputs", nargs="+", metavar="ARTICLES")
    p.add_argument("-o", "--output", default="events.geojson", help="default events.geojson")
    p.add_argument("--overrides", metavar="YAML", help="editorial overrides (events.yaml)")
    p.add_argument("--unresolved", metavar="CSV", help="where to write unresolved mentions")
    _add_input_options(p)
    _add_scale_options(p)
    p.set_defaults(handler=_run_extract)


def _progress(items: Iterable[Any], stream: TextIO | None = None) -> Iterator[Any]:
    """Show a progress bar (tqdm) on a terminal; stay silent in pipes and files."""
    from tqdm import tqdm

    stream = sys.stderr if stream is None else stream
    shown = hasattr(stream, "isatty") and stream.isatty()
    yield from tqdm(items, file=stream, disable=not shown, unit=" inputs", mininterval=0.5)


def _engine_misused(args: argparse.Namespace) -> bool:
    """Say so (a usage error) when an engine's options come with the other engine."""
    if args.engine != "dask" and (args.scheduler or args.workers):
        print("frontline: --scheduler and --workers need --engine dask", file=sys.stderr)
        return True
    if args.engine == "dask" and args.jobs:
        print("frontline: --jobs is for the local engine; use --workers", file=sys.stderr)
        return True
    return False


def _extract(args: argparse.Namespace, inputs: Sequence[str], overrides: str | None) -> Any:
    from gazetteer import Gazetteer
    from geo.cache import ArticleCache
    from geo.engine import DaskEngine, LocalEngine
    from geo.pipeline import Pipeline

    gaz = Gazetteer.load()
    nlp = _load_nlp() if args.ner else None
    cache = None
    if args.cache:
        size = int(args.cache_size * 1024**3)
        cache = ArticleCache.for_pipeline(gaz, nlp=nlp, max_bytes=size)
    engine: Any = LocalEngine(jobs=args.jobs)
    if args.engine == "dask":
        engine = DaskEngine(
            scheduler=args.scheduler,
            n_workers=args.workers,
            log=lambda line: print(f"frontline: {line}", file=sys.stderr),
        )
    try:
        pipeline = Pipeline(gaz, nlp=nlp, cache=cache, engine=engine)
        return pipeline.run(
            inputs,
            published=args.published,
            source=args.source,
            overrides=overrides,
            progress=_progress,
        )
    finally:
        if isinstance(engine, DaskEngine):
            engine.close()


#: A warning shared by this many inputs or more is printed once, with its count.
_SHARED_WARNING_FILES = 3
#: Files named in a shared warning's line.
_SHARED_WARNING_NAMES = 3


def problem_lines(problems: Sequence[Any]) -> list[str]:
    """Return the lines that report a run's problems, in their order.

    Errors get a line each. A warning that many inputs share (a feed whose every file
    carries the same unknown front matter field) gets one line with the number of files
    and the first of them, so that it does not bury the rest.

    Parameters
    ----------
    problems : sequence of geo.pipeline.Problem

    Returns
    -------
    list of str
    """
    files: dict[str, list[str]] = {}
    for p in problems:
        if not p.fatal:
            files.setdefault(str(p).removeprefix(f"{p.path}: "), []).append(p.path)
    lines, said = [], set()
    for p in problems:
        text = str(p).removeprefix(f"{p.path}: ")
        paths = files.get(text, []) if not p.fatal else []
        if len(paths) < _SHARED_WARNING_FILES:
            lines.append(str(p))
        elif text not in said:
            said.add(text)
            shown = ", ".join(paths[:_SHARED_WARNING_NAMES])
            more = len(paths) - _SHARED_WARNING_NAMES
            rest = f" and {more} more" if more > 0 else ""
            lines.append(f"{text}, in {len(paths)} files: {shown}{rest}")
    return lines


def _report(result: Any) -> int:
    for line in problem_lines(result.problems):
        print(f"frontline: {line}", file=sys.stderr)
    unresolved = sum(len(r.unresolved) for r in result.articles)
    cached = f" ({result.cached} from the cache)" if result.cached else ""
    print(
        f"{len(result.articles)} articles read{cached}, {len(result.events)} events, "
        f"{unresolved} unresolved mentions",
        file=sys.stderr,
    )
    if result.failed:
        print(f"{len(result.failed)} inputs skipped:", file=sys.stderr)
        for problem in result.failed:
            print(f"  {problem.path}: {problem.message}", file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


def _row_store(args: argparse.Namespace) -> Any:
    """Return the store of the tables' encoded rows, or ``None`` under ``--no-cache``."""
    if not args.cache:
        return None
    from geo.export_rows import RowStore

    return RowStore()


def _run_extract(args: argparse.Namespace) -> int:
    from geo.export import write_events, write_unresolved

    if _engine_misused(args):
        return EXIT_USAGE
    result = _extract(args, args.inputs, args.overrides)
    output = Path(args.output)
    write_events(result.events, output, rows=_row_store(args))
    unresolved = Path(args.unresolved or output.with_name(output.stem + ".unresolved.csv"))
    write_unresolved(result.articles, unresolved)
    print(f"wrote {output} and {unresolved}", file=sys.stderr)
    return _report(result)


# -- render and build ---------------------------------------------------------------------


def _add_render(sub: Any) -> None:
    p = sub.add_parser(
        "render",
        help="draw the time-slider map and embeddable snippets from an event table",
        description="Render index.html (time slider), embed/*.html snippets and embed.html "
        "from an event table written by 'frontline extract'.",
    )
    p.add_argument("events", metavar="EVENTS", help="events .geojson, .csv or .parquet")
    p.add_argument("-o", "--output", default="out", metavar="DIR", help="default out/")
    _add_render_options(p)
    p.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="draw every page again (default: copy unchanged pages from the cache in "
        "$FRONTLINE_CACHE)",
    )
    p.set_defaults(handler=_run_render, cache_size=2.0)


def _render(events: Any, args: argparse.Namespace, out: Path) -> None:
    from maps import render_site
    from maps.render_cache import PageCache

    # pages drawn by earlier builds, under the same bound as the article cache
    cache = PageCache(max_bytes=int(args.cache_size * 1024**3)) if args.cache else None
    report = render_site(
        events,
        out,
        self_contained=args.self_contained,
        title=args.title,
        previews=args.previews,
        cache=cache,
    )
    for line in getattr(report, "embed_codes", ()) or ():
        print(line)
    for note in getattr(report, "notes", ()) or ():
        print(f"frontline: {note}", file=sys.stderr)


def _say_where(out: Path) -> None:
    """End with where the map is and how to open it: the line a user looks for."""
    index = (out / "index.html").resolve()
    print(f"map: {index}", file=sys.stderr)
    print(f"open it in a browser: {index.as_uri()}", file=sys.stderr)


def _run_render(args: argparse.Namespace) -> int:
    from geo.export import read_events

    path = Path(args.events)
    if not path.is_file():
        raise FrontlineError(f"{path}: no such events file; write one with 'frontline extract'")
    _render(read_events(path), args, Path(args.output))
    _say_where(Path(args.output))
    return EXIT_OK


def _add_control(sub: Any) -> None:
    p = sub.add_parser(
        "control",
        help="who holds each reported place on a date, each side's area and the front",
        description="Write one GeoJSON FeatureCollection: every reported place with its "
        "state (kind: place), each side's inferred area (kind: area) and the inferred front "
        "(kind: front) on a date, from an event table written by 'frontline extract'.",
    )
    p.add_argument("events", metavar="EVENTS", help="events .geojson, .csv or .parquet")
    p.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the day (default: the latest day with a change)",
    )
    p.add_argument(
        "--baseline",
        metavar="FILE",
        help="GeoJSON of areas held by a side on a date ('side' and 'date' "
        "properties): the starting map that later reports update",
    )
    p.add_argument(
        "-o", "--output", default="control.geojson", metavar="FILE", help="default control.geojson"
    )
    p.set_defaults(handler=_run_control)


def _run_control(args: argparse.Namespace) -> int:
    from geo.control import ControlMap, corpus_setting
    from geo.control_baseline import read_baseline
    from geo.control_export import write_snapshot
    from geo.export import events_from_frame, read_events

    path = Path(args.events)
    if not path.is_file():
        raise FrontlineError(f"{path}: no such events file; write one with 'frontline extract'")
    events = events_from_frame(read_events(path))
    baseline = read_baseline(args.baseline) if args.baseline else None
    settlements, clip = corpus_setting(events, require_index=True)
    control = ControlMap.build(events, settlements=settlements, clip=clip, baseline=baseline)
    day = args.date.isoformat() if args.date else None
    if day is None and baseline is not None and control.latest_day() is None:
        day = baseline.day.isoformat()
    snapshot = control.snapshot(day)
    write_snapshot(snapshot, args.output)
    held = ", ".join(
        f"{s}: {sum(p.side == s for p in snapshot.places)} places" for s in control.sides
    )
    print(f"control on {snapshot.day} ({held or 'no claims'}) -> {args.output}", file=sys.stderr)
    return EXIT_OK


def _add_build(sub: Any) -> None:
    p = sub.add_parser(
        "build",
        help="extract events from a folder of articles and render every map (make maps)",
        description="Everything 'make maps' does: extract the events of ARTICLES_DIR (or of "
        "files, glob patterns, JSONL or Parquet), write the event tables, then render "
        "index.html, embed/*.html and embed.html into DIR. An events.yaml in ARTICLES_DIR is "
        "applied as editorial overrides.",
    )
    p.add_argument(
        "articles",
        nargs="*",
        default=["articles"],
        metavar="ARTICLES_DIR",
        help="default articles/",
    )
    p.add_argument("-o", "--output", default="out", metavar="DIR", help="default out/")
    p.add_argument("--overrides", metavar="YAML", help="default ARTICLES_DIR/events.yaml")
    _add_input_options(p)
    _add_scale_options(p)
    _add_render_options(p)
    p.set_defaults(handler=_run_build)


def _run_build(args: argparse.Namespace) -> int:
    import glob

    if _engine_misused(args):
        return EXIT_USAGE
    from geo.beside import alongside
    from geo.export import write_event_tables, write_unresolved

    for name in args.articles:
        if not Path(name).exists() and not glob.has_magic(name):
            raise FrontlineError(f"{name}: no such folder; put articles there or name another")
    overrides = args.overrides
    folders = [Path(a) for a in args.articles if Path(a).is_dir()]
    if overrides is None and len(folders) == 1 and (folders[0] / DEFAULT_OVERRIDES).is_file():
        overrides = str(folders[0] / DEFAULT_OVERRIDES)
    result = _extract(args, list(args.articles), overrides)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    tables = [out / f"events{suffix}" for suffix in (".geojson", ".csv", ".parquet")]

    def write_tables() -> None:
        # a table already as it is stays untouched; rows encoded before are not encoded again
        write_event_tables(result.events, tables, rows=_row_store(args))
        write_unresolved(result.articles, out / "unresolved.csv")

    # the tables and the map need only the corpus table: each takes a core
    with alongside(write_tables, what=f"the event tables in {out}"):
        _render(result.events, args, out)
    status = _report(result)
    _say_where(out)
    return status


if __name__ == "__main__":
    sys.exit(main())
