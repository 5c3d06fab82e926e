"""Command line: ``extractor run | score | review | export | registry | schema``. Only wiring; the work
is in the modules."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

from extractor import __version__

DEFAULT_CORPUS = "corpus"
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_WRITE_FAILED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + the signal's number: 130 for SIGINT (Ctrl-C), 143 for SIGTERM


def _errors_path(output: Path) -> Path:
    name = output.name
    stem = name.removesuffix(".jsonl")
    return output.with_name(f"{stem}.errors.jsonl")


def _say(message: str) -> None:
    print(f"extractor: {message}", file=sys.stderr)


def _check_run_args(args: argparse.Namespace, inputs: list[str]) -> str | None:
    """Why the arguments cannot work, or None; warns about inputs that hold nothing."""
    from extractor.reader import input_problem, is_empty_input

    for item in inputs:
        why = input_problem(item)
        if why is not None:
            return why
    if args.workers < 1 or args.max_chars < 1 or not args.doc_timeout > 0:
        return "--workers, --max-chars and --doc-timeout must be positive"
    if args.dask is not None:
        from extractor.cluster import parse_address

        try:
            parse_address(args.dask)
        except ValueError as exc:
            return str(exc)
    if args.resume and "-" in inputs:
        return "--resume needs inputs that can be read again (not stdin)"
    empty = [item for item in inputs if is_empty_input(item)]
    for item in empty:
        _say(f"warning: input {item!r} holds no documents (a folder is searched for *.txt, any case)")
    if empty and len(empty) == len(inputs):
        return "no input holds any document; nothing done"
    return None


class _Signalled(KeyboardInterrupt):
    """SIGTERM, raised where the run is, like Ctrl-C's KeyboardInterrupt."""


def _on_sigterm(signum, frame) -> None:
    raise _Signalled()


def _interrupted(exc: BaseException | None, summary=None) -> int:
    status = 128 + signal.SIGTERM if isinstance(exc, _Signalled) else EXIT_INTERRUPTED
    done = f" after {summary.line()}" if summary is not None else ""
    what = "terminated (SIGTERM)" if status != EXIT_INTERRUPTED else "interrupted"
    _say(f"{what}{done}; previous output left as it was; rerun with --resume to finish")
    return status


def cmd_run(args: argparse.Namespace) -> int:
    from extractor.batch import BatchOptions, RunRefused, WriteFailed, run_batch
    from extractor.cluster import ClusterFailed
    from extractor.resources import PatternFileError, load_resources

    inputs = args.inputs or [DEFAULT_CORPUS]
    why = _check_run_args(args, inputs)
    if why is not None:
        _say(why)
        return EXIT_USAGE
    try:
        load_resources()
    except PatternFileError as exc:
        _say(f"bad pattern file: {exc}")
        return EXIT_USAGE
    output = Path(args.output)
    opts = BatchOptions(output=output, errors=Path(args.errors) if args.errors else _errors_path(output),
                        resume=args.resume, incremental=args.incremental, workers=args.workers,
                        progress=not args.quiet and sys.stderr.isatty(), max_chars=args.max_chars,
                        doc_timeout=args.doc_timeout, dask=args.dask)
    try:
        summary = run_batch(inputs, opts)
    except RunRefused as exc:
        _say(str(exc))
        return EXIT_USAGE
    except ClusterFailed as exc:
        _say(f"{exc}; previous output left as it was; the work done so far is kept: rerun with --resume")
        return EXIT_WRITE_FAILED
    except WriteFailed as exc:
        _say(f"{exc}; previous output left as it was; the work done so far is kept: rerun with --resume "
             f"once writing works")
        return EXIT_WRITE_FAILED
    except KeyboardInterrupt as exc:  # an interrupt outside the extraction loop (starting, or finishing)
        return _interrupted(exc)
    return _report(summary, opts)


def _report(summary, opts) -> int:
    for note in summary.notes:
        _say(f"note: {note}")
    if summary.interrupted:
        return _interrupted(summary.interrupt, summary)
    if summary.kept_previous:
        _say(f"{summary.line()}: no document succeeded; {opts.output} was not replaced (errors: {opts.errors})")
        return EXIT_SOME_FAILED
    _say(f"{summary.line()} -> {opts.output}" + (f" (errors: {opts.errors})" if summary.errors else ""))
    return EXIT_SOME_FAILED if summary.errors else EXIT_OK


def cmd_score(args: argparse.Namespace) -> int:
    from extractor.scoring import format_diff, format_table, load_records, score_documents

    try:
        pred = load_records([args.pred])
        gold = load_records(args.gold)
    except (OSError, ValueError) as exc:
        print(f"extractor score: {exc}", file=sys.stderr)
        return EXIT_USAGE
    score = score_documents(pred, gold, with_diff=args.diff)
    if args.json:
        data = score.as_dict()
        if args.diff:
            data["diff"] = score.diffs
        print(json.dumps(data, indent=2))
    else:
        print(format_table(score))
        if args.diff:
            print()
            print(format_diff(score))
    if args.registry or args.places:
        return _score_registry(args)
    return EXIT_OK


def _score_registry(args: argparse.Namespace) -> int:
    from extractor.registry_score import evaluate, format_registry_scores

    try:
        pairs, places = evaluate(args.pred, args.gold, args.registry, args.places, args.articles or [DEFAULT_CORPUS])
    except (OSError, ValueError) as exc:
        print(f"extractor score: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print()
    if pairs is None:
        print(format_registry_scores_places_only(places, args.diff))
    else:
        print(format_registry_scores(pairs, places, diff=args.diff))
    return EXIT_OK


def format_registry_scores_places_only(places, diff: bool) -> str:
    from extractor.registry_score import PairScore, format_registry_scores

    return "\n".join(format_registry_scores(PairScore(), places, diff=diff).splitlines()[1:])


def cmd_review(args: argparse.Namespace) -> int:
    from extractor.reader import InputProblem, input_problem, read_articles
    from extractor.review import build_view, write_review
    from extractor.scoring import load_records

    why = next((w for w in map(input_problem, args.articles) if w is not None), None)
    if why is not None:  # a missing --articles path would otherwise be one skipped InputProblem
        print(f"extractor review: {why}", file=sys.stderr)
        return EXIT_USAGE
    try:
        preds = load_records([args.records])
        gold = load_records(args.gold) if args.gold else None
    except (OSError, ValueError) as exc:
        print(f"extractor review: {exc}", file=sys.stderr)
        return EXIT_USAGE
    views = []
    for item in read_articles(args.articles):
        if isinstance(item, InputProblem):
            continue
        if item.id in preds or (gold and item.id in gold):
            views.append(build_view(item.id, item.text, preds.get(item.id, []),
                                    None if gold is None else gold.get(item.id, [])))
    files = write_review(views, Path(args.output), with_gold=gold is not None)
    print(f"extractor review: {len(views)} articles -> {files[0]}"
          + (f" (+{len(files) - 1} pages)" if len(files) > 1 else ""), file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from extractor.review import export_csv
    from extractor.scoring import load_records

    try:
        records = load_records([args.records])
    except (OSError, ValueError) as exc:
        print(f"extractor export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    n = export_csv((r for recs in records.values() for r in recs), Path(args.output))
    print(f"extractor export: {n} records -> {args.output}", file=sys.stderr)
    return EXIT_OK


def _records_stream(paths: list[str]):
    """Record dicts from JSONL files, one at a time (streamed; gzip'd files too)."""
    import gzip

    for item in paths:
        opener = gzip.open if item.endswith(".gz") else open
        with opener(item, "rt", encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError:
                        raise ValueError(f"{item}:{lineno}: not JSON") from None


def cmd_registry_build(args: argparse.Namespace) -> int:
    from extractor.canon import PlaceResolver
    from extractor.matching import default_vocabulary
    from extractor.reader import InputProblem, read_articles
    from extractor.registry import build_registry, connect
    from extractor.resources import load_resources

    for item in args.records + args.articles:
        if not Path(item).exists():
            print(f"extractor registry: {item!r} does not exist", file=sys.stderr)
            return EXIT_USAGE
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    con = connect(output)
    articles = (a for a in read_articles(args.articles) if not isinstance(a, InputProblem))
    try:
        summary = build_registry(con, _records_stream(args.records), PlaceResolver.from_resources(load_resources()),
                                 default_vocabulary(), articles)
    except (OSError, ValueError, KeyError) as exc:
        con.commit()
        print(f"extractor registry: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        con.close()
    print(f"extractor registry: {summary.line()} -> {output}", file=sys.stderr)
    return EXIT_OK


def cmd_registry_places(args: argparse.Namespace) -> int:
    from extractor.canon import PlaceResolver
    from extractor.matching import default_vocabulary
    from extractor.reader import InputProblem, read_articles
    from extractor.registry import enrich_records
    from extractor.resources import load_resources

    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    articles = (a for a in read_articles(args.articles) if not isinstance(a, InputProblem))
    n = 0
    try:
        with output.open("w", encoding="utf-8") as f:
            for data in enrich_records(_records_stream(args.records), PlaceResolver.from_resources(load_resources()),
                                       default_vocabulary(), articles):
                f.write(json.dumps(data, ensure_ascii=False) + "\n")
                n += 1
    except (OSError, ValueError, KeyError) as exc:
        print(f"extractor registry: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"extractor registry: {n} records with canonical places -> {output}", file=sys.stderr)
    return EXIT_OK


def _open_registry(path: str):
    from extractor.registry import connect

    if not Path(path).is_file():
        print(f"extractor registry: no registry at {path!r} (build one with 'extractor registry build')",
              file=sys.stderr)
        return None
    return connect(path)


def cmd_registry_show(args: argparse.Namespace) -> int:
    from extractor.timeline import find_projects, format_card, load_card

    con = _open_registry(args.registry)
    if con is None:
        return EXIT_USAGE
    with con:
        ids = find_projects(con, args.query, limit=args.limit)
        text = "\n\n".join(format_card(card) for card in (load_card(con, i) for i in ids) if card)
    con.close()
    if not ids:
        print(f"extractor registry: no project matches {args.query!r}", file=sys.stderr)
        return EXIT_SOME_FAILED
    print(text)
    return EXIT_OK


def cmd_registry_export(args: argparse.Namespace) -> int:
    from extractor.registry_export import ExportError, export_registry

    con = _open_registry(args.registry)
    if con is None:
        return EXIT_USAGE
    output = Path(args.output or f"output/registry.{args.format}")
    try:
        n = export_registry(con, output, args.format)
    except ExportError as exc:
        print(f"extractor registry: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        con.close()
    print(f"extractor registry: {n} projects -> {output}", file=sys.stderr)
    return EXIT_OK


def cmd_registry_report(args: argparse.Namespace) -> int:
    from extractor.registry_report import write_registry_report

    con = _open_registry(args.registry)
    if con is None:
        return EXIT_USAGE
    n = write_registry_report(con, Path(args.output), min_reports=args.min_reports)
    con.close()
    print(f"extractor registry: {n} projects -> {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from extractor.models import record_json_schema

    print(json.dumps(record_json_schema(), indent=2))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="extractor", description=__doc__)
    p.add_argument("--version", action="version", version=f"extractor {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract records from articles")
    run.add_argument("inputs", nargs="*", help="folders of .txt, JSONL files, or '-' for stdin (default: corpus)")
    run.add_argument("-o", "--output", default="output/records.jsonl")
    run.add_argument("--errors", help="errors file (default: beside the output, *.errors.jsonl)")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar (the summary line stays)")
    run.add_argument("--resume", action="store_true", help="finish an interrupted run with the same arguments")
    run.add_argument("--incremental", action="store_true",
                     help="reuse records of articles unchanged since the last run (state file beside the output)")
    run.add_argument("--workers", type=int, default=1, help="worker processes (output is identical)")
    run.add_argument("--max-chars", type=int, default=2_000_000,
                     help="articles longer than this are reported as errors (default 2,000,000)")
    run.add_argument("--doc-timeout", type=float, default=60.0,
                     help="seconds one document may take; a slower one is reported (Timeout) and the batch "
                          "goes on (default 60)")
    run.add_argument("--dask", metavar="ADDRESS",
                     help="extract on a Dask cluster: a scheduler's address (tcp://host:8786) or local:N for N "
                          "local worker processes (output identical; needs the 'cluster' extra)")
    run.set_defaults(func=cmd_run)

    score = sub.add_parser("score", help="score predicted records against gold")
    score.add_argument("pred")
    score.add_argument("gold", nargs="+", help="gold JSONL files or folders holding gold.jsonl")
    score.add_argument("--diff", action="store_true", help="list every false positive and false negative")
    score.add_argument("--json", action="store_true")
    score.add_argument("--registry", nargs="?", const="corpus/registry.jsonl", default=None,
                       help="also score the project registry built from PRED: pairwise same-project P/R/F1 "
                            "against this cross-article gold (default corpus/registry.jsonl)")
    score.add_argument("--places", nargs="?", const="corpus/places.jsonl", default=None,
                       help="also score canonical places against this gold (default corpus/places.jsonl)")
    score.add_argument("--articles", nargs="+", help="the articles of PRED, for dates and places (default: corpus)")
    score.set_defaults(func=cmd_score)

    review = sub.add_parser("review", help="HTML report of records over their articles (with gold: FP/FN marked)")
    review.add_argument("records")
    review.add_argument("--articles", nargs="+", required=True, help="the articles the records came from")
    review.add_argument("--gold", nargs="+", help="gold JSONL files or folders")
    review.add_argument("-o", "--output", default="output/review.html")
    review.set_defaults(func=cmd_review)

    export = sub.add_parser("export", help="export records for a spreadsheet")
    export.add_argument("records")
    export.add_argument("--format", choices=["csv"], default="csv")
    export.add_argument("-o", "--output", default="output/records.csv")
    export.set_defaults(func=cmd_export)

    _add_registry_parser(sub)

    schema = sub.add_parser("schema", help="print the record's JSON Schema")
    schema.set_defaults(func=cmd_schema)
    return p


def _add_registry_parser(sub) -> None:
    from extractor.registry_export import FORMATS

    reg = sub.add_parser("registry", help="one project across many articles: build, show, export")
    rsub = reg.add_subparsers(dest="registry_command", required=True)
    build = rsub.add_parser("build", help="add records to the registry (incremental, idempotent)")
    build.add_argument("records", nargs="+", help="JSONL record files (extractor run output)")
    build.add_argument("--articles", nargs="+", required=True, help="the articles the records came from")
    build.add_argument("-o", "--output", default="output/registry.sqlite")
    build.set_defaults(func=cmd_registry_build)
    places = rsub.add_parser("places", help="records with their canonical district, city and province added")
    places.add_argument("records", nargs="+")
    places.add_argument("--articles", nargs="+", required=True)
    places.add_argument("-o", "--output", default="output/records.places.jsonl")
    places.set_defaults(func=cmd_registry_places)
    show = rsub.add_parser("show", help="a project's card and timeline")
    show.add_argument("query", help="a project id or (part of) a name")
    show.add_argument("-r", "--registry", default="output/registry.sqlite")
    show.add_argument("--limit", type=int, default=3, help="at most this many projects (default 3)")
    show.set_defaults(func=cmd_registry_show)
    report = rsub.add_parser("report", help="HTML: a section per project, mentions linked, SVG timeline")
    report.add_argument("-r", "--registry", default="output/registry.sqlite")
    report.add_argument("-o", "--output", default="output/registry.html")
    report.add_argument("--min-reports", type=int, default=1, help="only projects in at least this many reports")
    report.set_defaults(func=cmd_registry_report)
    export = rsub.add_parser("export", help="every project, one row or card each")
    export.add_argument("-r", "--registry", default="output/registry.sqlite")
    export.add_argument("--format", choices=FORMATS, default="csv")
    export.add_argument("-o", "--output", help="default output/registry.FORMAT")
    export.set_defaults(func=cmd_registry_export)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "run":
        signal.signal(signal.SIGTERM, _on_sigterm)  # handled like Ctrl-C: exit 143, resumable
        if hasattr(signal, "SIGXFSZ"):
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # over a file size limit, a write fails (EFBIG)
    return args.func(args)
