"""Writing JSONL atomically: a temporary file in the target folder, renamed into place on success."""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def dumps(obj: dict) -> str:
    """One canonical JSON line (same input, same bytes)."""
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


@contextmanager
def atomic_writer(path: Path):
    """Yield a text handle; the file appears at ``path`` only if the block finishes without error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
