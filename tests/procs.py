"""Helpers of the tests that run ``extractor`` in child processes (batch faults, the Dask cluster)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT
from extractor.runstate import hidden

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
HANG_GUARD = 300  # seconds: only ever reached by a hang, never by a slow machine


def cli(*args, **kw) -> subprocess.CompletedProcess:
    """``python -m extractor ARGS`` to completion, output captured as text."""
    kw.setdefault("timeout", HANG_GUARD)
    return subprocess.run([sys.executable, "-m", "extractor", *map(str, args)], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, **kw)


def popen(*args, **kw) -> subprocess.Popen:
    """``python -m extractor ARGS`` started in the background."""
    return subprocess.Popen([sys.executable, "-m", "extractor", *map(str, args)], cwd=ROOT, env=ENV, **kw)


def wait_for(condition, what: str) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` if it never does."""
    deadline = time.monotonic() + HANG_GUARD
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.05)


def journal_lines(out: Path) -> int:
    """How many documents a run writing ``out`` has journalled so far (0 before the journal exists)."""
    try:
        return len(hidden(out, "journal").read_text().splitlines())
    except OSError:
        return 0
