"""Reading articles: a folder of ``.txt`` files (+ ``manifest.jsonl``), JSONL files, or stdin.

Articles are yielded one at a time (streaming). A bad article becomes an :class:`InputProblem`
naming its file, line and document instead of stopping the stream.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extractor.article import Article


@dataclass(frozen=True)
class InputProblem:
    source: str
    line: int | None
    doc_id: str | None
    error: str
    message: str

    def to_json_dict(self) -> dict:
        return {"doc_id": self.doc_id, "source": self.source, "line": self.line, "error": self.error,
                "message": self.message}


def parse_published(value, where: str) -> dt.date | None:
    """An ISO date or None; anything else raises ValueError naming ``where``."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where}: 'published' must be an ISO date string, got {type(value).__name__}")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"{where}: 'published' {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _article_from_obj(obj, source: str, line: int | None) -> Article | InputProblem:
    where = f"{source}:{line}" if line else source
    if not isinstance(obj, dict):
        return InputProblem(source, line, None, "BadRecord", f"{where}: a line must be a JSON object")
    doc_id = obj.get("id")
    if not isinstance(doc_id, str) or not doc_id.strip():
        return InputProblem(source, line, None, "MissingId", f"{where}: missing or empty string 'id'")
    text = obj.get("text")
    if not isinstance(text, str):
        kind = "missing" if text is None else f"a {type(text).__name__}, not a string"
        return InputProblem(source, line, doc_id, "BadText", f"{where} ({doc_id}): 'text' is {kind}")
    if not text.strip():
        return InputProblem(source, line, doc_id, "EmptyText", f"{where} ({doc_id}): 'text' is empty")
    try:
        published = parse_published(obj.get("published"), f"{where} ({doc_id})")
    except ValueError as exc:
        return InputProblem(source, line, doc_id, "BadPublished", str(exc))
    meta = {k: v for k, v in obj.items() if k not in ("text",)}
    meta["_source"], meta["_line"] = source, line
    return Article(doc_id, text, published, meta)


def read_jsonl_stream(stream, source: str) -> Iterator[Article | InputProblem]:
    for lineno, raw in enumerate(stream, 1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield InputProblem(source, lineno, None, "InvalidUtf8", f"{source}:{lineno}: not UTF-8 ({exc.reason})")
                continue
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield InputProblem(source, lineno, None, "MalformedJson", f"{source}:{lineno}: not JSON ({exc.msg})")
            continue
        yield _article_from_obj(obj, source, lineno)


def read_manifest(folder: Path) -> dict[str, dict]:
    path = folder / "manifest.jsonl"
    if not path.exists():
        return {}
    out = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if raw.strip():
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not JSON ({exc.msg})") from None
            if isinstance(obj, dict) and isinstance(obj.get("id"), str):
                out[obj["id"]] = obj
    return out


def count_items(inputs: list[str]) -> int | None:
    """How many documents the inputs hold (for a progress ETA); None for stdin."""
    total = 0
    for item in inputs:
        if item == "-":
            return None
        path = Path(item)
        if path.is_dir():
            total += sum(1 for _ in path.rglob("*.txt"))
        elif path.is_file():
            opener = gzip.open if path.name.endswith(".gz") else open
            with opener(path, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
    return total


def read_folder(folder: Path) -> Iterator[Article | InputProblem]:
    """Every ``.txt`` below ``folder`` (sorted, recursive); each folder's manifest gives metadata."""
    manifests: dict[Path, dict[str, dict]] = {}
    for path in sorted(folder.rglob("*.txt")):
        parent = path.parent
        if parent not in manifests:
            try:
                manifests[parent] = read_manifest(parent)
            except ValueError as exc:
                manifests[parent] = {}
                yield InputProblem(str(parent / "manifest.jsonl"), None, None, "BadManifest", str(exc))
        raw = path.read_bytes()
        doc_id = path.stem
        if b"\x00" in raw[:8192]:
            yield InputProblem(str(path), None, doc_id, "BinaryFile", f"{path}: looks binary (NUL bytes), skipped")
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputProblem(str(path), None, doc_id, "InvalidUtf8",
                               f"{path}: not UTF-8 at byte {exc.start} ({exc.reason})")
            continue
        obj = dict(manifests[parent].get(doc_id, {}))
        obj.update({"id": doc_id, "text": text})
        yield _article_from_obj(obj, str(path), None)


def read_articles(inputs: list[str]) -> Iterator[Article | InputProblem]:
    """Articles from every input: folders, ``.jsonl`` files, or ``-`` for stdin."""
    for item in inputs:
        if item == "-":
            yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>")
            continue
        path = Path(item)
        if path.is_dir():
            yield from read_folder(path)
        elif path.is_file():
            opener = gzip.open if path.name.endswith(".gz") else open
            with opener(path, "rb") as fh:
                yield from read_jsonl_stream(fh, str(path))
        else:
            raise FileNotFoundError(f"input {item!r} is neither a folder, a file nor '-'")
