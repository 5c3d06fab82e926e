"""Command line: ``extractor run | score | schema``. Only wiring; the work is in the modules."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from extractor import __version__

DEFAULT_CORPUS = "corpus"
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def _errors_path(output: Path) -> Path:
    name = output.name
    stem = name[: -len(".jsonl")] if name.endswith(".jsonl") else name
    return output.with_name(f"{stem}.errors.jsonl")


def cmd_run(args: argparse.Namespace) -> int:
    from extractor.extract import Extractor
    from extractor.reader import InputProblem, read_articles
    from extractor.writer import atomic_writer, dumps

    inputs = args.inputs or [DEFAULT_CORPUS]
    for item in inputs:
        if item != "-" and not Path(item).exists():
            print(f"extractor: input {item!r} does not exist", file=sys.stderr)
            return EXIT_USAGE
    output = Path(args.output)
    errors_path = Path(args.errors) if args.errors else _errors_path(output)
    extractor = Extractor()
    started = time.perf_counter()
    n_docs = n_records = n_errors = 0
    seen_ids: set[str] = set()
    with atomic_writer(output) as out, atomic_writer(errors_path) as err:
        for item in read_articles(inputs):
            if isinstance(item, InputProblem):
                n_errors += 1
                err.write(dumps(item.to_json_dict()) + "\n")
                continue
            n_docs += 1
            if item.id in seen_ids:
                n_errors += 1
                err.write(dumps({"doc_id": item.id, "source": (item.meta or {}).get("_source"), "line": None,
                                 "error": "DuplicateId", "message": f"document id {item.id!r} seen before; skipped"})
                          + "\n")
                continue
            seen_ids.add(item.id)
            try:
                records = extractor.extract(item)
            except Exception as exc:  # one article never stops the batch
                n_errors += 1
                err.write(dumps({"doc_id": item.id, "source": None, "line": None, "error": type(exc).__name__,
                                 "message": f"{item.id}: extraction failed: {exc}"}) + "\n")
                continue
            for r in records:
                out.write(dumps(r.to_json_dict()) + "\n")
            n_records += len(records)
    seconds = time.perf_counter() - started
    if not args.quiet or True:
        print(f"extractor: {n_docs} documents, {n_records} records, {n_errors} errors, {seconds:.2f} s"
              f" -> {output}", file=sys.stderr)
    return EXIT_SOME_FAILED if n_errors else EXIT_OK


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
    run.add_argument("-q", "--quiet", action="store_true")
    run.set_defaults(func=cmd_run)

    score = sub.add_parser("score", help="score predicted records against gold")
    score.add_argument("pred")
    score.add_argument("gold", nargs="+", help="gold JSONL files or folders holding gold.jsonl")
    score.add_argument("--diff", action="store_true", help="list every false positive and false negative")
    score.add_argument("--json", action="store_true")
    score.set_defaults(func=cmd_score)

    schema = sub.add_parser("schema", help="print the record's JSON Schema")
    schema.set_defaults(func=cmd_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
