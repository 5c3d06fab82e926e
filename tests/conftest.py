from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractor.article import Article
from extractor.extract import Extractor

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def extract(extractor):
    """Records of a snippet, as plain dicts keyed by name text."""

    def run(text: str, published: str | None = "2024-01-28"):
        pub = dt.date.fromisoformat(published) if published else None
        return extractor.extract(Article("snippet", text, pub))

    return run


def by_name(records) -> dict:
    return {r.name.text: r for r in records}
