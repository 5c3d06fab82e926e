"""The command line (only wiring: the work is in the modules). ``extractor --help`` lists the commands."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

from extractor import __version__
from extractor.writer import atomic_output

DEFAULT_CORPUS = "corpus"
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_WRITE_FAILED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + the signal's number: 130 for SIGINT (Ctrl-C), 143 for SIGTERM
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of our standard output went away (`| head`)
STDOUT = "-"

COMMANDS = """\
commands (extractor COMMAND --help for each one's options):
  run       extract records from articles into JSONL
              extractor run corpus -o output/records.jsonl
  score     precision, recall and F1 of records against gold
              extractor score output/records.jsonl corpus --diff
  review    an HTML page of each article with its records highlighted
              extractor review output/records.jsonl --articles corpus --gold corpus
  export    records as CSV (wide or long) or Parquet, for a spreadsheet or data tools
              extractor export output/records.jsonl --articles corpus --excel -o output/records.csv
  registry  one project across many articles: build, show, places, report, export
              extractor registry build output/records.jsonl --articles corpus
  schema    print the JSON Schema of one record
              extractor schema > record.schema.json

Exit status: 0 done; 1 some documents failed (run) or nothing found (registry show); 2 usage or
input error, one line on stderr, nothing written; 3 writing failed; 130/143 interrupted.
Records are described in docs/RECORD_FORMAT.md.
"""


def _errors_path(output: Path) -> Path:
    name = output.name
    stem = name.removesuffix(".jsonl")
    return output.with_name(f"{stem}.errors.jsonl")


def _say(message: str) -> None:
    print(f"extractor: {message}", file=sys.stderr)


def output_path(value: str, default_name: str) -> Path:
    """``-o``'s path: a trailing ``/`` (or an existing folder's name given with one) names a folder
    that holds ``default_name``.

    >>> output_path("out_new/", "records.jsonl").as_posix(), output_path("out.jsonl", "records.jsonl").as_posix()
    ('out_new/records.jsonl', 'out.jsonl')
    """
    return Path(value) / default_name if value.endswith(("/", "\\")) else Path(value)


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
    from extractor.batch import BatchOptions
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
    if args.output == STDOUT:
        return _run_to_stdout(args, inputs)
    from extractor.reader import is_url

    if is_url(args.output):
        return _run_to_url(args, inputs)
    output = output_path(args.output, "records.jsonl")
    opts = BatchOptions(output=output, errors=Path(args.errors) if args.errors else _errors_path(output),
                        resume=args.resume, incremental=args.incremental, workers=args.workers,
                        progress=not args.quiet and sys.stderr.isatty(), max_chars=args.max_chars,
                        doc_timeout=args.doc_timeout, keys=_keys(args), dask=args.dask)
    return _run(inputs, opts)


def _keys(args: argparse.Namespace):
    from extractor.reader import JsonKeys

    return JsonKeys(id=args.id_key, text=args.text_key)


def _run_to_stdout(args: argparse.Namespace, inputs: list[str]) -> int:
    """``-o -``: the run writes into a temporary folder, then its records go to standard output
    (the errors file too is temporary unless ``--errors`` names one)."""
    import shutil
    import tempfile

    from extractor.batch import BatchOptions

    if args.resume or args.incremental:
        _say("-o - (standard output) cannot be resumed or incremental: give -o a file")
        return EXIT_USAGE
    with tempfile.TemporaryDirectory(prefix="extractor-") as tmp:
        output = Path(tmp) / "records.jsonl"
        opts = BatchOptions(output=output, errors=Path(args.errors) if args.errors else _errors_path(output),
                            workers=args.workers, progress=not args.quiet and sys.stderr.isatty(),
                            max_chars=args.max_chars, doc_timeout=args.doc_timeout, keys=_keys(args),
                            dask=args.dask)
        status = _run(inputs, opts, shown="standard output")
        if status in (EXIT_OK, EXIT_SOME_FAILED) and output.exists():
            with output.open("rb") as fh:
                shutil.copyfileobj(fh, sys.stdout.buffer)
            sys.stdout.flush()
    return status


def _run_to_url(args: argparse.Namespace, inputs: list[str]) -> int:
    """``-o s3://bucket/records.jsonl`` (any fsspec URL): the run writes into a local staging folder
    named after the URL (``output/.staging/<digest>/``, kept, so ``--resume`` and ``--incremental``
    work from the same machine), then each finished file is copied to ``<url>.partial`` and moved onto
    the URL: a failed run or copy leaves the previous remote output as it was."""
    import hashlib

    from extractor.batch import BatchOptions

    url = args.output
    errors_url = args.errors or url.removesuffix(".jsonl") + ".errors.jsonl"
    stage = Path("output") / ".staging" / hashlib.sha1(url.encode()).hexdigest()[:16]
    output = stage / "records.jsonl"
    opts = BatchOptions(output=output, errors=_errors_path(output), resume=args.resume,
                        incremental=args.incremental, workers=args.workers,
                        progress=not args.quiet and sys.stderr.isatty(), max_chars=args.max_chars,
                        doc_timeout=args.doc_timeout, keys=_keys(args), dask=args.dask)
    status = _run(inputs, opts, shown=url)
    if status not in (EXIT_OK, EXIT_SOME_FAILED):
        return status
    try:
        for local, remote in ((output, url), (opts.errors, errors_url)):
            if local.exists():
                _upload(local, remote)
    except (OSError, ValueError, ImportError) as exc:
        _say(f"cannot write {url} ({exc}); the output is in {output}")
        return EXIT_WRITE_FAILED
    return status


def _upload(local: Path, url: str) -> None:
    """Copy ``local`` to ``url`` through a ``.partial`` name, then move it into place."""
    import fsspec

    fs, path = fsspec.core.url_to_fs(url)
    partial = path + ".partial"
    fs.makedirs(fs._parent(path), exist_ok=True)  # (a no-op on object stores)
    fs.put_file(str(local), partial)
    try:
        fs.mv(partial, path)
    finally:
        if fs.exists(partial):
            fs.rm(partial)


def _run(inputs: list[str], opts, shown: str | None = None) -> int:
    from extractor.batch import RunRefused, WriteFailed, run_batch
    from extractor.cluster import ClusterFailed

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
    return _report(summary, opts, shown)


UNRESOLVED_WARNING = ("warning: {n} without a 'published' date state relative dates ('next year', 'last "
                      "month') that stay unresolved and give no completion: add 'published' to the JSONL line or to "
                      "the folder's manifest.jsonl")
ERRORS_SHOWN = 10  # error classes listed under the summary line, most frequent first


def _report(summary, opts, shown: str | None = None) -> int:
    from extractor.batch import plural

    for note in summary.notes:
        _say(f"note: {note}")
    if summary.interrupted:
        return _interrupted(summary.interrupt, summary)
    if summary.unresolved:
        _say(UNRESOLVED_WARNING.format(n=plural(summary.unresolved, "document")))
    _report_errors(summary)
    if summary.kept_previous:
        _say(f"{summary.line()}: no document succeeded; {opts.output} was not replaced (errors: {opts.errors})")
        return EXIT_SOME_FAILED
    _say(f"{summary.line()} -> {shown or opts.output}" + (f" (errors: {opts.errors})" if summary.errors else ""))
    return EXIT_SOME_FAILED if summary.errors else EXIT_OK


def _report_errors(summary) -> None:
    """The errors by class, most frequent first, each with its first message."""
    classes = sorted(summary.error_classes.items(), key=lambda kv: (-kv[1], kv[0]))
    for name, n in classes[:ERRORS_SHOWN]:
        example = summary.error_examples.get(name, "")
        _say(f"  {n} x {name}" + (f", first: {example}" if example else ""))
    if len(classes) > ERRORS_SHOWN:
        _say(f"  ... and {len(classes) - ERRORS_SHOWN} more classes (see the errors file)")


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
    from extractor.review import write_review
    from extractor.scoring import load_records

    try:
        preds = load_records([args.records])
        gold = load_records(args.gold) if args.gold else None
        views = _review_views(args, preds, gold)
    except (OSError, ValueError) as exc:
        print(f"extractor review: {exc}", file=sys.stderr)
        return EXIT_USAGE
    output = output_path(args.output, "review.html")
    files = write_review(views, output, with_gold=gold is not None)
    empty = sum(not v.records for v in views)
    print(f"extractor review: {len(views)} article{'' if len(views) == 1 else 's'}"
          + (f" ({empty} with no records)" if empty else "") + f" -> {files[0]}"
          + (f" (+{len(files) - 1} pages)" if len(files) > 1 else ""), file=sys.stderr)
    return EXIT_OK


def _review_views(args: argparse.Namespace, preds: dict, gold: dict | None) -> list:
    """A view of every article read; ValueError when the articles cannot be read or hold none of
    the records' documents (the wrong folder, a manifest given for the articles)."""
    from extractor.reader import InputProblem, input_problem, read_articles
    from extractor.review import build_view

    why = next((w for w in map(input_problem, args.articles) if w is not None), None)
    if why is not None:
        raise ValueError(f"--articles: {why}")
    views, problems = [], []
    for item in read_articles(args.articles, keys=_keys(args)):
        if isinstance(item, InputProblem):
            problems.append(item)
            continue
        title = (item.meta or {}).get("title")
        views.append(build_view(item.id, item.text, preds.get(item.id, []),
                                None if gold is None else gold.get(item.id, []),
                                title=title if isinstance(title, str) else None,
                                published=item.published.isoformat() if item.published else None))
    found = {v.doc_id for v in views}
    if preds and not found & set(preds):
        first = f"; first problem: {problems[0].message}" if problems else ""
        raise ValueError(f"--articles {' '.join(args.articles)} holds none of the {len(preds)} documents of "
                         f"{args.records} ({len(views)} articles read, {len(problems)} unreadable){first}")
    missing = len(set(preds) - found)
    if missing:
        _say(f"warning: {missing} documents of {args.records} are not in --articles (not shown)")
    return views


def cmd_export(args: argparse.Namespace) -> int:
    from extractor.export import ExportError, write_csv, write_parquet
    from extractor.scoring import load_records

    try:
        records = load_records([args.records])
        meta = _article_meta(args) if args.articles else {}
    except (OSError, ValueError) as exc:
        print(f"extractor export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    rows = (r for recs in records.values() for r in recs)
    suffix = "_long" if args.long else ""
    name = f"records{suffix}.{args.format}"
    target = args.output or f"output/{name}"
    try:
        if args.format == "parquet":
            if target == STDOUT:
                raise ExportError("Parquet is a binary file: give -o a path")
            n = write_parquet(rows, output_path(target, name), meta=meta, long=args.long)
        elif target == STDOUT:
            n = write_csv(rows, sys.stdout, meta=meta, long=args.long, excel=args.excel)
        else:
            n = write_csv(rows, output_path(target, name), meta=meta, long=args.long, excel=args.excel)
    except ExportError as exc:
        print(f"extractor export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    shown = "standard output" if target == STDOUT else output_path(target, name)
    print(f"extractor export: {n} {'row' if n == 1 else 'rows'} -> {shown}", file=sys.stderr)
    return EXIT_OK


def _article_meta(args: argparse.Namespace) -> dict[str, tuple[str | None, str | None]]:
    """doc_id -> (title, published) of the articles; a missing input raises ValueError."""
    from extractor.reader import InputProblem, input_problem, read_articles

    why = next((w for w in map(input_problem, args.articles) if w is not None), None)
    if why is not None:
        raise ValueError(f"--articles: {why}")
    meta = {}
    for a in read_articles(args.articles, keys=_keys(args)):
        if not isinstance(a, InputProblem):
            title = (a.meta or {}).get("title")
            meta[a.id] = (title if isinstance(title, str) else None, a.published.isoformat() if a.published else None)
    return meta


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
    articles = (a for a in read_articles(args.articles) if not isinstance(a, InputProblem))
    n = 0
    try:
        with atomic_output(output) as tmp, tmp.open("w", encoding="utf-8") as f:
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
    from extractor.registry_export import export_registry

    output = Path(args.output or f"output/registry.{args.format}")
    return _registry_to_file(args.registry, output, lambda con: export_registry(con, output, args.format))


def cmd_registry_report(args: argparse.Namespace) -> int:
    from extractor.registry_report import write_registry_report

    output = Path(args.output)
    return _registry_to_file(args.registry, output,
                             lambda con: write_registry_report(con, output, min_reports=args.min_reports))


def _registry_to_file(registry: str, output: Path, write) -> int:
    """Open the registry, ``write(con)`` a file of its projects (their number returned), report it."""
    from extractor.registry_export import ExportError

    con = _open_registry(registry)
    if con is None:
        return EXIT_USAGE
    try:
        n = write(con)
    except (ExportError, OSError) as exc:
        print(f"extractor registry: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        con.close()
    print(f"extractor registry: {n} projects -> {output}", file=sys.stderr)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from extractor.models import record_json_schema

    print(json.dumps(record_json_schema(), indent=2))
    return EXIT_OK


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions as written; every option's default shown unless its help already says it."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        shown = action.default not in (None, False, argparse.SUPPRESS) and not isinstance(action.default, bool)
        if shown and "default" not in text and action.option_strings:
            text += " (default: %(default)s)"
        return text


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on stderr and exit 2, like every other error of the command line."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _sub(sub, name: str, help: str, example: str, **kw) -> argparse.ArgumentParser:
    """A command's parser: its help line, and an example under its options."""
    return sub.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".",
                          epilog=f"example:\n  {example}", formatter_class=_Formatter, **kw)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="extractor", formatter_class=_Formatter, epilog=COMMANDS,
                description="Turn news articles about construction and investment projects into "
                            "evidence-linked JSONL records.")
    p.add_argument("--version", action="version", version=f"extractor {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    _add_run_parser(sub)
    _add_score_parser(sub)
    _add_review_parser(sub)
    _add_export_parser(sub)
    _add_registry_parser(sub)
    schema = _sub(sub, "schema", "print the JSON Schema of one record", "extractor schema | head")
    schema.set_defaults(func=cmd_schema)
    return p


def _add_run_parser(sub) -> None:
    run = _sub(sub, "run", "extract records from articles into JSONL",
               "extractor run corpus -o output/records.jsonl")
    run.add_argument("inputs", nargs="*", help="folders of .txt, JSONL files, or '-' for stdin (default: corpus)")
    run.add_argument("-o", "--output", default="output/records.jsonl",
                     help="records file; '-' writes the records to standard output; a trailing '/' names a "
                          "folder (records.jsonl inside)")
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
    run.add_argument("--dask", metavar="ADDRESS", default=None,
                     help="extract on a Dask cluster: a scheduler's address (tcp://host:8786) or local:N for N "
                          "local worker processes (output identical; needs the 'cluster' extra; default: none)")
    _add_input_keys(run)
    run.set_defaults(func=cmd_run)


def _add_input_keys(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--text-key", default="text", help="the key of a JSONL line that holds the article's text")
    parser.add_argument("--id-key", default="id", help="the key of a JSONL line that holds the article's id")


def _add_score_parser(sub) -> None:
    score = _sub(sub, "score", "precision, recall and F1 of records against gold",
                 "extractor score output/records.jsonl corpus --diff")
    score.add_argument("pred", help="the predicted records (JSONL, extractor run's output)")
    score.add_argument("gold", nargs="+", help="gold JSONL files or folders holding gold.jsonl")
    score.add_argument("--diff", action="store_true", help="list every false positive and false negative")
    score.add_argument("--json", action="store_true", help="print the scores as JSON, for machines")
    score.add_argument("--registry", nargs="?", const="corpus/registry.jsonl", default=None,
                       help="also score the project registry built from PRED: pairwise same-project P/R/F1 "
                            "against this cross-article gold (default corpus/registry.jsonl)")
    score.add_argument("--places", nargs="?", const="corpus/places.jsonl", default=None,
                       help="also score canonical places against this gold (default corpus/places.jsonl)")
    score.add_argument("--articles", nargs="+", help="the articles of PRED, for dates and places (default: corpus)")
    score.set_defaults(func=cmd_score)


def _add_review_parser(sub) -> None:
    review = _sub(sub, "review", "an HTML page of each article with its records highlighted (with gold: "
                  "false positives and misses marked, scores charted)",
                  "extractor review output/records.jsonl --articles corpus --gold corpus -o output/review.html")
    review.add_argument("records", help="the records (JSONL, extractor run's output)")
    review.add_argument("--articles", nargs="+", required=True,
                        help="the articles the records came from (folders, .txt, JSONL), as given to run")
    review.add_argument("--gold", nargs="+", help="gold JSONL files or folders: adds scores, false positives, misses")
    review.add_argument("-o", "--output", default="output/review.html",
                        help="the HTML file (a trailing '/' names a folder: review.html inside)")
    _add_input_keys(review)
    review.set_defaults(func=cmd_review)


def _add_export_parser(sub) -> None:
    export = _sub(sub, "export", "records as CSV (one row a record, or --long: one row a value) or Parquet",
                  "extractor export output/records.jsonl --articles corpus --excel -o output/records.csv")
    export.add_argument("records", help="the records (JSONL, extractor run's output)")
    export.add_argument("--format", choices=["csv", "parquet"], default="csv",
                        help="csv, or parquet (needs pyarrow: pip install pyarrow)")
    export.add_argument("--long", action="store_true",
                        help="one row a value (slot, value, unit, mod, evidence) instead of one row a record")
    export.add_argument("--excel", action="store_true",
                        help="CSV with a UTF-8 byte-order mark, so Excel reads non-ASCII text right")
    export.add_argument("--articles", nargs="+",
                        help="the articles the records came from: adds their title and published date")
    export.add_argument("-o", "--output", help="default output/records.csv (or .parquet; --long: "
                        "records_long.csv); '-' for standard output; a trailing '/' names a folder")
    _add_input_keys(export)
    export.set_defaults(func=cmd_export)


def _add_registry_parser(sub) -> None:
    from extractor.registry_export import FORMATS

    reg = _sub(sub, "registry", "one project across many articles: build, show, places, report, export",
               "extractor registry build output/records.jsonl --articles corpus")
    rsub = reg.add_subparsers(dest="registry_command", required=True, metavar="SUBCOMMAND", parser_class=_Parser)
    build = _rsub(rsub, "build", "add records to the registry (incremental, idempotent)")
    build.add_argument("records", nargs="+", help="JSONL record files (extractor run output)")
    build.add_argument("--articles", nargs="+", required=True, help="the articles the records came from")
    build.add_argument("-o", "--output", default="output/registry.sqlite", help="the registry file")
    build.set_defaults(func=cmd_registry_build)
    places = _rsub(rsub, "places", "records with their canonical district, city and province added")
    places.add_argument("records", nargs="+", help="JSONL record files (extractor run output)")
    places.add_argument("--articles", nargs="+", required=True, help="the articles the records came from")
    places.add_argument("-o", "--output", default="output/records.places.jsonl", help="the enriched records")
    places.set_defaults(func=cmd_registry_places)
    show = _rsub(rsub, "show", "a project's card and timeline")
    show.add_argument("query", help="a project id or (part of) a name")
    show.add_argument("-r", "--registry", default="output/registry.sqlite", help="the registry file")
    show.add_argument("--limit", type=int, default=3, help="at most this many projects (default 3)")
    show.set_defaults(func=cmd_registry_show)
    report = _rsub(rsub, "report", "HTML: a section per project, mentions linked, SVG timeline")
    report.add_argument("-r", "--registry", default="output/registry.sqlite", help="the registry file")
    report.add_argument("-o", "--output", default="output/registry.html", help="the HTML file")
    report.add_argument("--min-reports", type=int, default=1, help="only projects in at least this many reports")
    report.set_defaults(func=cmd_registry_report)
    export = _rsub(rsub, "export", "every project, one row or card each")
    export.add_argument("-r", "--registry", default="output/registry.sqlite", help="the registry file")
    export.add_argument("--format", choices=FORMATS, default="csv", help="one of " + ", ".join(FORMATS))
    export.add_argument("-o", "--output", help="default output/registry.FORMAT")
    export.set_defaults(func=cmd_registry_export)


REGISTRY_EXAMPLES = {
    "build": "extractor registry build output/records.jsonl --articles corpus -o output/registry.sqlite",
    "places": "extractor registry places output/records.jsonl --articles corpus",
    "show": 'extractor registry show "Photon Source"',
    "report": "extractor registry report -o output/registry.html --min-reports 2",
    "export": "extractor registry export --format csv -o output/registry.csv",
}


def _rsub(rsub, name: str, help: str) -> argparse.ArgumentParser:
    return _sub(rsub, name, help, REGISTRY_EXAMPLES[name])


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "run":
        signal.signal(signal.SIGTERM, _on_sigterm)  # handled like Ctrl-C: exit 143, resumable
        if hasattr(signal, "SIGXFSZ"):
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # over a file size limit, a write fails (EFBIG)
    try:
        status = args.func(args)
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    return status


def _quiet_stdout() -> None:
    """The reader of standard output went away (``| head``): no traceback, and no second error when
    Python flushes standard output at exit."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
