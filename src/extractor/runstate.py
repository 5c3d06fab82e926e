"""What a batch run keeps beside its output so that it can be resumed, redone incrementally, and never
mixed with another run:

* the **run identity**: every input (a file's size and modification time; a folder's listing of
  ``.txt`` files and manifests with theirs), the arguments that change the output (``--max-chars``,
  ``--doc-timeout``, ``--incremental``, the errors file) and the pipeline version. The journal's
  first line holds it; ``--resume`` refuses a journal whose identity differs, naming what differs;
* the **journal** (``.records.jsonl.journal``): after the identity, one line per finished document
  with the sizes of the partial files and the run's counts so far, so a resumed run's summary covers
  the whole output;
* the **lock** (``.records.jsonl.lock``): an exclusive ``flock`` held for the whole run, naming the
  holder's pid; released by the kernel however the run ends;
* the **incremental state** (``records.state.json``): each document's content hash, the pipeline
  version, ``--max-chars`` and the SHA-256 of the output it describes.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import astuple, dataclass
from pathlib import Path

from extractor import __version__
from extractor.article import Article
from extractor.reader import is_url, text_files
from extractor.resources import load_resources

try:
    import fcntl
except ImportError:  # not POSIX: runs are not locked
    fcntl = None  # type: ignore[assignment]


class RunRefused(Exception):
    """The run cannot start as asked (exit status 2): bad paths, another run holds the output, or a
    journal or state that belongs to another run."""


class WriteFailed(Exception):
    """Writing failed (disk full, file size limit, permissions, read-only; exit status 3)."""


def pipeline_version() -> str:
    """Package version + a hash of ``patterns/``: a change to either reprocesses everything."""
    return f"{__version__}+{load_resources().fingerprint}"


def content_hash(article: Article) -> str:
    h = hashlib.sha256(article.text.encode("utf-8"))
    h.update(b"\0" + (article.published.isoformat() if article.published else "").encode())
    return h.hexdigest()[:32]


def hidden(path: Path, suffix: str) -> Path:
    return path.with_name(f".{path.name}.{suffix}")


def state_path(output: Path) -> Path:
    stem = output.name.removesuffix(".jsonl")
    return output.with_name(f"{stem}.state.json")


def file_sha256(path: Path) -> str | None:
    """The file's SHA-256, or None if it cannot be read."""
    h = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


# --------------------------------------------------------------------------- identity
def _stat(path: Path) -> list:
    try:
        st = os.stat(path)
        return [st.st_size, st.st_mtime_ns]
    except OSError as exc:
        return [exc.strerror]


def _url_info(url: str) -> list:
    """A remote file's size and version marker (ETag, mtime or generation, as its filesystem gives)."""
    try:
        import fsspec

        fs, path = fsspec.core.url_to_fs(url)
        info = fs.info(path)
    except (OSError, ValueError, ImportError) as exc:
        return [str(exc)]
    marker = next((str(info[k]) for k in ("ETag", "etag", "mtime", "LastModified", "generation", "created")
                   if info.get(k) is not None), None)
    return [info.get("size"), marker]


def describe_input(item: str) -> dict:
    """An input as the identity records it: a file's size and mtime, a folder's listing digest."""
    if item == "-":
        return {"input": "-"}
    if is_url(item):
        return {"input": item, "info": _url_info(item)}
    path = Path(item)
    if not path.is_dir():
        return {"input": str(path.resolve()), "stat": _stat(path)}
    files = text_files(path)
    listing = hashlib.sha256()
    for f in files + sorted({f.parent / "manifest.jsonl" for f in files}):
        listing.update(json.dumps([str(f.relative_to(path)), _stat(f)]).encode() + b"\n")
    return {"input": str(path.resolve()), "files": len(files), "listing": listing.hexdigest()[:32]}


def run_identity(inputs: list[str], args: dict) -> dict:
    """Everything that makes two runs the same run (``args``: the arguments that change the output)."""
    return {"inputs": [describe_input(i) for i in inputs], "pipeline": pipeline_version(), **args}


def identity_differences(old: dict, new: dict) -> list[str]:
    """What differs between two identities, one phrase each (empty: the same run)."""
    out = []
    old_inputs, new_inputs = old.get("inputs", []), new.get("inputs", [])
    if [i.get("input") for i in old_inputs] != [i.get("input") for i in new_inputs]:
        out.append(f"the inputs were {[i.get('input') for i in old_inputs]}, "
                   f"now {[i.get('input') for i in new_inputs]}")
    else:
        out += [f"input {n['input']} changed (files, sizes or modification times)"
                for o, n in zip(old_inputs, new_inputs) if o != n]
    for key in sorted((set(old) | set(new)) - {"inputs"}):
        if old.get(key) != new.get(key):
            name = "the pipeline version" if key == "pipeline" else f"--{key.replace('_', '-')}"
            out.append(f"{name} was {old.get(key)!r}, now {new.get(key)!r}")
    return out


# --------------------------------------------------------------------------- journal
@dataclass
class Checkpoint:
    """Where a run stands after a document: documents done (input items, problems included), the
    partial files' sizes, and the summary's counts so far."""

    done: int = 0
    out_size: int = 0
    err_size: int = 0
    documents: int = 0
    records: int = 0
    errors: int = 0
    reused: int = 0
    succeeded: int = 0
    unresolved: int = 0  # documents without `published` with a relative date left unresolved


class Journal:
    """The run identity on the first line, then one :class:`Checkpoint` a line."""

    def __init__(self, path: Path, identity: dict, start: Checkpoint):
        self.path = path
        tmp = hidden(path, "new")
        with tmp.open("w", encoding="utf-8") as fh:  # rewritten whole: a torn line from a kill goes
            fh.write(json.dumps({"identity": identity}, sort_keys=True) + "\n")
            fh.write(json.dumps(astuple(start)) + "\n")
        os.replace(tmp, path)
        self.fh = path.open("a", encoding="utf-8")

    def mark(self, point: Checkpoint) -> None:
        self.fh.write(json.dumps(astuple(point)) + "\n")
        self.fh.flush()

    def close(self) -> None:
        self.fh.close()

    @staticmethod
    def read(path: Path) -> tuple[dict | None, Checkpoint | None]:
        """The identity and the last complete checkpoint (a torn last line from a kill is ignored)."""
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return None, None
        identity, last = None, None
        for k, line in enumerate(lines):
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                break
            if k == 0 and isinstance(row, dict):
                identity = row.get("identity")
            elif k > 0 and isinstance(row, list) and len(row) == len(astuple(Checkpoint())):
                last = Checkpoint(*row)
        return identity, last


# --------------------------------------------------------------------------- lock
class OutputLock:
    """An exclusive, non-blocking ``flock`` on ``.<output>.lock``, holding the holder's pid."""

    def __init__(self, output: Path):
        self.output = output
        self.path = hidden(output, "lock")
        self.fh = None

    def acquire(self) -> None:
        fh = self.path.open("a+", encoding="utf-8")
        if fcntl is not None:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                fh.seek(0)
                holder = fh.read().strip() or "unknown"
                fh.close()
                raise RunRefused(f"{self.output} is being written by another run (pid {holder}); "
                                 f"wait for it or choose another -o") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        self.fh = fh

    def fileno(self) -> int | None:
        return self.fh.fileno() if self.fh is not None else None

    def release(self) -> None:
        if self.fh is not None:
            self.fh.close()  # the file stays: removing it would let two runs lock two different files
            self.fh = None


# --------------------------------------------------------------------------- incremental state
def load_state(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("docs"), dict) else None


def save_state(path: Path, state: dict) -> None:
    tmp = hidden(path, "partial")
    tmp.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


class PreviousOutput:
    """Byte ranges of each document's records in the previous output (an index, not the records:
    memory stays proportional to the number of documents, not to the output's size)."""

    def __init__(self, path: Path):
        self.path = path
        self.ranges: dict[str, tuple[int, int]] = {}
        with path.open("rb") as fh:
            pos = 0
            for line in fh:
                doc_id = json.loads(line)["doc_id"] if line.strip() else None
                if doc_id is not None:
                    start, _ = self.ranges.get(doc_id, (pos, pos))
                    self.ranges[doc_id] = (start, pos + len(line))
                pos += len(line)

    def lines(self, doc_id: str) -> list[str]:
        if doc_id not in self.ranges:
            return []
        start, end = self.ranges[doc_id]
        with self.path.open("rb") as fh:
            fh.seek(start)
            return fh.read(end - start).decode("utf-8").splitlines()
