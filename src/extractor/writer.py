"""JSON lines in one canonical form (same input, same bytes)."""

from __future__ import annotations

import json


def dumps(obj: dict) -> str:
    """One canonical JSON line."""
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))
