"""JSON lines in one canonical form (same input, same bytes), and files that appear whole or not at all."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def dumps(obj: dict) -> str:
    """One canonical JSON line."""
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it is renamed onto ``path``, on any error it
    is removed, so a failed or interrupted write never leaves a half-written file nor destroys the
    previous one.

    >>> import tempfile; d = Path(tempfile.mkdtemp()); p = d / "x.txt"; _ = p.write_text("old")
    >>> try:
    ...     with atomic_output(p) as tmp:
    ...         _ = tmp.write_text("half"); raise ValueError
    ... except ValueError: pass
    >>> p.read_text(), sorted(f.name for f in d.iterdir())
    ('old', ['x.txt'])
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.partial")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
