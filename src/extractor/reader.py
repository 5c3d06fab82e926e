"""Reading articles: a folder of ``.txt`` files (+ ``manifest.jsonl``), JSONL files, or stdin.

Articles are yielded one at a time (streaming). Whatever goes wrong with one file or one line
becomes an :class:`InputProblem` naming its file, line and document, and reading goes on:

* folders are walked in sorted order, ``.txt`` in any case, symlinked folders followed (each real
  folder once, so a symlink loop ends); a FIFO, device or socket is refused before it is opened
  for reading (``NotAFile``); a file that cannot be read (permissions, deleted meanwhile, a dangling
  link or a link loop) is ``Unreadable``; a file too big to hold ``max_chars`` characters is
  ``TooLarge`` without being read;
* a folder's ``manifest.jsonl`` is read line by line into an index of where each id's line starts
  (memory does not grow with the manifest's size); a bad line is one ``BadManifest`` problem and
  only that line's metadata is lost;
* a JSONL line that is not JSON, or nested too deeply for the parser, is ``MalformedJson``; a
  truncated or corrupt gzip ends its file with one ``BadGzip`` problem after the lines already read;
  a UTF-8 byte-order mark before the first line is ignored;
* a single ``.txt`` file given as an input is one article (its id the file stem, its metadata from
  the ``manifest.jsonl`` beside it, if any);
* JSONL of another shape names its keys with :class:`JsonKeys` (``--id-key``, ``--text-key``): a line
  without them is reported with the keys it does have.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extractor.article import Article

BYTES_PER_CHAR = 4  # UTF-8's longest character: a file of more bytes than 4 x max_chars is too large
GZIP_FAILURES = (gzip.BadGzipFile, EOFError, zlib.error)


@dataclass(frozen=True)
class JsonKeys:
    """Which keys of a JSONL object hold the document's id and text."""

    id: str = "id"
    text: str = "text"


DEFAULT_KEYS = JsonKeys()


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


def _has_keys(obj: dict) -> str:
    """The keys a line has, for a message: "it has 'body', 'id'"."""
    keys = ", ".join(repr(k) for k in sorted(obj)[:12]) + (", ..." if len(obj) > 12 else "")
    return f"it has {keys}" if obj else "it has no keys"


def _article_from_obj(obj, source: str, line: int | None, keys: JsonKeys = DEFAULT_KEYS) -> Article | InputProblem:
    where = f"{source}:{line}" if line else source
    if not isinstance(obj, dict):
        return InputProblem(source, line, None, "BadRecord", f"{where}: a line must be a JSON object")
    doc_id = obj.get(keys.id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        hint = f"; {_has_keys(obj)} (--id-key names another)" if keys.id not in obj else ""
        return InputProblem(source, line, None, "MissingId", f"{where}: missing or empty string {keys.id!r}{hint}")
    text = obj.get(keys.text)
    if not isinstance(text, str):
        kind = "missing" if text is None else f"a {type(text).__name__}, not a string"
        hint = f"; {_has_keys(obj)} (--text-key names another)" if keys.text not in obj else ""
        return InputProblem(source, line, doc_id, "BadText", f"{where} ({doc_id}): {keys.text!r} is {kind}{hint}")
    if not text.strip():
        return InputProblem(source, line, doc_id, "EmptyText", f"{where} ({doc_id}): {keys.text!r} is empty")
    try:
        published = parse_published(obj.get("published"), f"{where} ({doc_id})")
    except ValueError as exc:
        return InputProblem(source, line, doc_id, "BadPublished", str(exc))
    meta = {k: v for k, v in obj.items() if k != keys.text}
    meta["_source"], meta["_line"] = source, line
    return Article(doc_id, text, published, meta)


def parse_json(raw: str) -> tuple[object, str | None]:
    """``(object, None)``, or ``(None, why)`` for text that is not JSON or nests too deeply to parse."""
    try:
        return json.loads(raw), None
    except json.JSONDecodeError as exc:
        return None, exc.msg
    except RecursionError:
        return None, "nested too deeply"


def _numbered_lines(lines: Iterable, source: str) -> Iterator[tuple[int, bytes | str] | InputProblem]:
    """``(line number, line)`` of an open file; a read failure part-way (a truncated or corrupt gzip,
    an I/O error) becomes one problem that ends the file, after the lines already read."""
    lineno = 0
    it = iter(lines)
    while True:
        try:
            raw = next(it)
        except StopIteration:
            return
        except (OSError, EOFError, zlib.error) as exc:
            error = "BadGzip" if isinstance(exc, GZIP_FAILURES) else "Unreadable"
            yield InputProblem(source, lineno + 1, None, error,
                               f"{source}:{lineno + 1}: cannot read further ({type(exc).__name__}: {exc})")
            return
        lineno += 1
        yield lineno, raw


def _decode_line(raw: bytes | str, lineno: int) -> str:
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    return text.removeprefix("\ufeff") if lineno == 1 else text


def read_jsonl_stream(stream, source: str, keys: JsonKeys = DEFAULT_KEYS) -> Iterator[Article | InputProblem]:
    for item in _numbered_lines(stream, source):
        if isinstance(item, InputProblem):
            yield item
            return
        lineno, raw = item
        try:
            line = _decode_line(raw, lineno)
        except UnicodeDecodeError as exc:
            yield InputProblem(source, lineno, None, "InvalidUtf8", f"{source}:{lineno}: not UTF-8 ({exc.reason})")
            continue
        if not line.strip():
            continue
        obj, why = parse_json(line)
        if why is not None:
            yield InputProblem(source, lineno, None, "MalformedJson", f"{source}:{lineno}: not JSON ({why})")
            continue
        yield _article_from_obj(obj, source, lineno, keys)


# --------------------------------------------------------------------------- files, safely
class Refused(Exception):
    """A file not read: ``error`` is its errors-file class."""

    def __init__(self, error: str, message: str):
        super().__init__(message)
        self.error = error


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"


def open_regular(path: Path, max_bytes: int | None = None):
    """Open ``path`` for binary reading if it is a regular file (of at most ``max_bytes``); raise
    :class:`Refused` otherwise. Special files are refused on ``stat``, before any open; the open is
    non-blocking and checked again, so a file swapped for a FIFO meanwhile cannot hang the run."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise Refused("Unreadable", f"{path}: cannot read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        raise Refused("NotAFile", f"{path}: {_kind(st.st_mode)}, not read")
    if max_bytes is not None and st.st_size > max_bytes:
        raise Refused("TooLarge", f"{path}: {st.st_size:,} bytes cannot hold an article within the limit")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise Refused("Unreadable", f"{path}: cannot read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise Refused("NotAFile", f"{path}: not a regular file, not read")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _read_bytes(path: Path, max_bytes: int | None) -> bytes:
    with open_regular(path, max_bytes) as fh:
        try:
            return fh.read()
        except OSError as exc:
            raise Refused("Unreadable", f"{path}: cannot read ({exc.strerror or exc})") from None


# --------------------------------------------------------------------------- folders
def text_files(folder: Path) -> list[Path]:
    """Every file below ``folder`` named ``*.txt`` in any case, sorted as paths. Symlinked folders
    are followed, each real folder once (a symlink loop ends there); a folder that cannot be listed
    is skipped (its files are not seen)."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        here = stack.pop()
        try:
            st = os.stat(here)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(here) as entries:
                listing = list(entries)
        except OSError:
            continue
        for entry in listing:
            if _is_dir(entry):
                stack.append(Path(entry.path))
            elif entry.name.lower().endswith(".txt"):
                found.append(Path(entry.path))
    return sorted(found)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows a symlink; a symlink loop raises
    except OSError:
        return False


class ManifestIndex:
    """Where each wanted id's line starts in a folder's ``manifest.jsonl``; :meth:`problems` reads
    the file once, line by line (never whole), reporting each bad line."""

    def __init__(self, path: Path, wanted: set[str]):
        self.path = path
        self.wanted = wanted
        self.offsets: dict[str, int] = {}

    def problems(self) -> Iterator[InputProblem]:
        if not os.path.lexists(self.path):
            return
        try:
            fh = open_regular(self.path)
        except Refused as exc:
            yield InputProblem(str(self.path), None, None, "BadManifest", str(exc))
            return
        with fh:
            pos = 0
            for item in _numbered_lines(fh, str(self.path)):
                if isinstance(item, InputProblem):
                    yield InputProblem(item.source, item.line, None, "BadManifest", item.message)
                    return
                lineno, raw = item
                problem = self._index(raw, lineno, pos)  # type: ignore[arg-type]
                if problem is not None:
                    yield problem
                pos += len(raw)

    def _index(self, raw: bytes, lineno: int, pos: int) -> InputProblem | None:
        where = f"{self.path}:{lineno}"
        try:
            line = _decode_line(raw, lineno)
        except UnicodeDecodeError as exc:
            return InputProblem(str(self.path), lineno, None, "BadManifest", f"{where}: not UTF-8 ({exc.reason})")
        if not line.strip():
            return None
        obj, why = parse_json(line)
        if why is not None:
            return InputProblem(str(self.path), lineno, None, "BadManifest", f"{where}: not JSON ({why})")
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
            return InputProblem(str(self.path), lineno, None, "BadManifest",
                                f"{where}: not an object with a string 'id'")
        if obj["id"] in self.wanted:
            self.offsets[obj["id"]] = pos
        return None

    def meta(self, doc_id: str) -> dict:
        """The manifest's object for ``doc_id`` (``{}`` if none, or if its line cannot be read again)."""
        pos = self.offsets.get(doc_id)
        if pos is None:
            return {}
        try:
            with open_regular(self.path) as fh:
                fh.seek(pos)
                obj, _ = parse_json(_decode_line(fh.readline(), 1 if pos == 0 else 2))
        except (Refused, OSError, UnicodeDecodeError):
            return {}
        return obj if isinstance(obj, dict) and obj.get("id") == doc_id else {}


def read_text_file(path: Path, manifest: ManifestIndex, max_bytes: int | None = None) -> Article | InputProblem:
    doc_id = path.stem
    try:
        raw = _read_bytes(path, max_bytes)
    except Refused as exc:
        return InputProblem(str(path), None, doc_id, exc.error, str(exc))
    if b"\x00" in raw[:8192]:
        return InputProblem(str(path), None, doc_id, "BinaryFile", f"{path}: looks binary (NUL bytes), skipped")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputProblem(str(path), None, doc_id, "InvalidUtf8",
                            f"{path}: not UTF-8 at byte {exc.start} ({exc.reason})")
    obj = dict(manifest.meta(doc_id))
    obj.update({"id": doc_id, "text": text})
    return _article_from_obj(obj, str(path), None)


def read_folder(folder: Path, max_bytes: int | None = None) -> Iterator[Article | InputProblem]:
    """Every ``.txt`` below ``folder`` (sorted, recursive); each folder's manifest gives metadata."""
    files = text_files(folder)
    stems: dict[Path, set[str]] = {}
    for path in files:
        stems.setdefault(path.parent, set()).add(path.stem)
    manifests: dict[Path, ManifestIndex] = {}
    for path in files:
        parent = path.parent
        if parent not in manifests:
            manifests[parent] = ManifestIndex(parent / "manifest.jsonl", stems[parent])
            yield from manifests[parent].problems()
        yield read_text_file(path, manifests[parent], max_bytes)


def read_jsonl_file(path: Path, keys: JsonKeys = DEFAULT_KEYS) -> Iterator[Article | InputProblem]:
    try:
        fh = open_regular(path)
    except Refused as exc:
        yield InputProblem(str(path), None, None, exc.error, str(exc))
        return
    with fh:
        if path.name.endswith(".gz"):
            with gzip.GzipFile(fileobj=fh, mode="rb") as gz:
                yield from read_jsonl_stream(gz, str(path), keys)
        else:
            yield from read_jsonl_stream(fh, str(path), keys)


URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")  # "s3://bucket/crawl.jsonl.gz", "gs://...", "file:///..."


def is_url(item: str) -> bool:
    """An input or output given as an fsspec URL (read and written through fsspec, which must be able
    to reach it: s3fs for s3://, gcsfs for gs://, built in for file:// and memory://)."""
    return bool(URL.match(item))


def read_jsonl_url(url: str, keys: JsonKeys = DEFAULT_KEYS) -> Iterator[Article | InputProblem]:
    """A JSONL file (compression inferred from the name: ``.gz``, ``.bz2``, ...) at an fsspec URL."""
    try:
        import fsspec

        fh = fsspec.open(url, "rb", compression="infer").open()
    except (OSError, ValueError, ImportError) as exc:
        yield InputProblem(url, None, None, "Unreadable", f"{url}: cannot read ({exc})")
        return
    with fh:
        yield from read_jsonl_stream(fh, url, keys)


def url_problem(url: str) -> str | None:
    """Why an input URL cannot be read (no such file, a folder, no filesystem for its scheme), or None."""
    try:
        import fsspec

        fs, path = fsspec.core.url_to_fs(url)
        if not fs.exists(path):
            return f"input {url!r} does not exist"
        if fs.isdir(path):
            return f"input {url!r} is a folder; give JSONL files by URL (a folder of .txt files must be local)"
    except (OSError, ValueError, ImportError) as exc:
        return f"input {url!r} cannot be read ({exc})"
    return None


def is_text_file(item: str) -> bool:
    """A single article given by name: ``*.txt`` in any case."""
    return item.lower().endswith(".txt") and not Path(item).is_dir()


def read_single_text(path: Path, max_bytes: int | None) -> Iterator[Article | InputProblem]:
    """One ``.txt`` file as one article, with its metadata from the ``manifest.jsonl`` beside it."""
    manifest = ManifestIndex(path.parent / "manifest.jsonl", {path.stem})
    yield from manifest.problems()
    yield read_text_file(path, manifest, max_bytes)


def count_items(inputs: list[str]) -> int | None:
    """How many documents the inputs hold (for a progress ETA); None for stdin or unreadable input."""
    total = 0
    try:
        for item in inputs:
            if item == "-" or is_url(item):
                return None  # (a remote file is read once, not counted ahead)
            path = Path(item)
            if path.is_dir():
                total += len(text_files(path))
            elif is_text_file(item):
                total += 1
            else:
                with open_regular(path) as fh:
                    lines = gzip.GzipFile(fileobj=fh, mode="rb") if path.name.endswith(".gz") else fh
                    total += sum(1 for line in lines if line.strip())
    except (Refused, OSError, EOFError, zlib.error):
        return None
    return total


def read_articles(inputs: list[str], max_chars: int | None = None,
                  keys: JsonKeys = DEFAULT_KEYS) -> Iterator[Article | InputProblem]:
    """Articles from every input: folders, a ``.txt`` file, ``.jsonl`` (or ``.jsonl.gz``) files, or
    ``-`` for stdin. With ``max_chars``, a ``.txt`` file too big to hold that many characters is not
    read. ``keys`` names the id and text keys of JSONL objects."""
    max_bytes = max_chars * BYTES_PER_CHAR if max_chars is not None else None
    for item in inputs:
        if item == "-":
            yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>", keys)
        elif is_url(item):
            yield from read_jsonl_url(item, keys)
        elif Path(item).is_dir():
            yield from read_folder(Path(item), max_bytes)
        elif is_text_file(item):
            yield from read_single_text(Path(item), max_bytes)
        else:
            yield from read_jsonl_file(Path(item), keys)


def input_problem(item: str) -> str | None:
    """Why a command-line input cannot be read (missing, or a FIFO or device: use ``-`` for a
    stream), or None."""
    if item == "-":
        return None
    if is_url(item):
        return url_problem(item)
    try:
        mode = os.stat(item).st_mode
    except OSError as exc:
        return f"input {item!r} does not exist" if not os.path.lexists(item) else \
            f"input {item!r} cannot be read ({exc.strerror or exc})"
    if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        return f"input {item!r} is {_kind(mode)}; give a folder or a file, or '-' for standard input"
    return None


def is_empty_input(item: str) -> bool:
    """A folder holding no ``.txt`` file or an empty file (stdin cannot be known beforehand)."""
    if item == "-":
        return False
    if is_url(item):
        import fsspec

        fs, path = fsspec.core.url_to_fs(item)
        return fs.size(path) == 0
    path = Path(item)
    return not text_files(path) if path.is_dir() else path.is_file() and path.stat().st_size == 0
