"""An article as read: id, text, publication date and metadata.

This module and :mod:`extractor.names` sit below extraction: reading input, scoring, review and
export use them without importing spaCy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class Article:
    """One input document. ``text`` is exactly as read (offsets point into it); ``published`` is the
    reference for relative dates; ``meta`` keeps the input's other keys plus ``_source``/``_line``."""

    id: str
    text: str
    published: dt.date | None = None
    meta: dict | None = None
