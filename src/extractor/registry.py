"""The project registry: one project across many articles, in SQLite (standard library ``sqlite3``).

``build_registry`` streams records into the registry file. Each project record (groups are not
registered) is given its canonical places (:mod:`extractor.canon`), then compared with the
projects already registered in the same city that share a word of its index
(:func:`extractor.matching.index_tokens`; the :data:`MAX_CANDIDATES` sharing most); it joins the best match under the merge rule of
:mod:`extractor.matching` (same city, same district when both are known, no two records of one
article in one project), else starts a new project. Records are added in input order and never
moved afterwards, so building A then B gives the file building A+B gives, and adding a record
already registered (same record_id, same content) changes nothing.

A project's id is ``P`` + the first 12 hex digits of the SHA-1 of the record_id that started it:
stable whatever else is in the registry. Its canonical name is the record name of most of its
mentions (ties: the longest, then the first in alphabetical order; :func:`extractor.timeline.load_card`).

Tables: ``articles`` (doc_id, published, title, url, district, city, province, district_reaches_all:
whether the article's district reaches a record named after the city, see :class:`extractor.canon.Place`),
``frames`` (doc_id, first, last, district, city, province: a stretch of an article's text, by character
offsets, that a phrasing places; :meth:`extractor.canon.PlaceResolver.frames`), ``projects`` (id, block,
district, city, province, signature), ``names`` (project, surface, count), ``tokens`` (block,
token, project: the candidate index), ``mentions`` (record_id, project, doc_id, published,
name and its offsets, the record as JSON, its digest). Indexes on name keys and places.
This module does not import spaCy.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractor.canon import Place, PlaceResolver
from extractor.matching import NameKey, Vocabulary, index_tokens, name_key, names_match

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (doc_id TEXT PRIMARY KEY, published TEXT, title TEXT, url TEXT,
    district TEXT, city TEXT, province TEXT, district_reaches_all INTEGER);
CREATE TABLE IF NOT EXISTS frames (doc_id TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
    district TEXT, city TEXT, province TEXT, PRIMARY KEY (doc_id, first, last));
CREATE TABLE IF NOT EXISTS projects (id TEXT PRIMARY KEY, block TEXT NOT NULL, district TEXT, city TEXT,
    province TEXT, signature TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS names (project TEXT NOT NULL, surface TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (project, surface));
CREATE TABLE IF NOT EXISTS tokens (block TEXT NOT NULL, token TEXT NOT NULL, project TEXT NOT NULL,
    PRIMARY KEY (block, token, project));
CREATE TABLE IF NOT EXISTS mentions (record_id TEXT PRIMARY KEY, project TEXT NOT NULL, doc_id TEXT NOT NULL,
    published TEXT, name TEXT NOT NULL, name_start INTEGER, name_end INTEGER, district TEXT, city TEXT,
    province TEXT, record TEXT NOT NULL, digest TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS projects_place ON projects (block, district);
CREATE INDEX IF NOT EXISTS mentions_project ON mentions (project, published);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id, project);
CREATE INDEX IF NOT EXISTS names_surface ON names (surface);
"""
SCHEMA_VERSION = "2"  # 2: articles.district_reaches_all, table frames
COMMIT_EVERY = 5000
MAX_CANDIDATES = 20  # the projects sharing most index words with a record are compared, at most this many
KEY_CACHE = 100_000


@dataclass
class BuildSummary:
    added: int = 0
    unchanged: int = 0
    updated: int = 0
    new_projects: int = 0
    skipped_groups: int = 0

    def line(self) -> str:
        return (f"{self.added} records added ({self.new_projects} new projects), {self.updated} updated, "
                f"{self.unchanged} unchanged, {self.skipped_groups} groups skipped")


@dataclass
class Candidate:
    """A registered project as matching sees it."""

    id: str
    district: str | None
    signature: str
    keys: list[NameKey] = field(default_factory=list)


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating if need be) a registry file."""
    con = sqlite3.connect(str(path))
    con.executescript(SCHEMA)
    if "district_reaches_all" not in {row[1] for row in con.execute("PRAGMA table_info(articles)")}:
        con.execute("ALTER TABLE articles ADD COLUMN district_reaches_all INTEGER")  # a schema 1 file
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))
    con.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    con.commit()
    return con


def project_id(record_id: str) -> str:
    """``P`` + 12 hex digits of the SHA-1 of the record_id that started the project.

    >>> project_id("n1_03:2")
    'P482f814a01e3'
    """
    return "P" + hashlib.sha1(record_id.encode("utf-8")).hexdigest()[:12]


def record_digest(data: dict) -> str:
    return hashlib.sha1(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def block_of(place: Place) -> str:
    """The blocking key: city and province; '|province' when only the province is known; '' when
    neither is."""
    return f"{place.city or ''}|{place.province or ''}" if place.city or place.province else ""


def strict_enough(block: str, key: NameKey, score: float) -> bool:
    """Where the place is vague, a match needs more: with only a province known, two distinctive
    words other than numbers; with no place at all, also the same words (score 100)."""
    if block and not block.startswith("|"):
        return True
    enough_words = len([w for w in key.distinctive if not w.isdigit()]) >= 2
    return enough_words and (bool(block) or score >= 100.0)


def place_words(place: Place) -> tuple[str, ...]:
    return tuple(w for w in (place.city, place.province) if w)


class RegistryBuilder:
    """Adds records to an open registry (see the module docstring for the rule)."""

    def __init__(self, con: sqlite3.Connection, resolver: PlaceResolver, vocab: Vocabulary):
        self.con, self.resolver, self.vocab = con, resolver, vocab
        self.summary = BuildSummary()
        self.key = lru_cache(maxsize=KEY_CACHE)(self._key)

    def _key(self, name: str, words: tuple[str, ...]) -> NameKey:
        return name_key(name, words, self.vocab)

    def add_article(self, doc_id: str, published: str | None, meta: dict, text: str) -> None:
        title = meta.get("title")
        place = self.resolver.article_city(text, title)
        self.con.execute("INSERT INTO articles (doc_id, published, title, url, district, city, province, "
                         "district_reaches_all) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                         "ON CONFLICT (doc_id) DO UPDATE SET "
                         "published = excluded.published, title = excluded.title, url = excluded.url, "
                         "district = excluded.district, city = excluded.city, province = excluded.province, "
                         "district_reaches_all = excluded.district_reaches_all",
                         (doc_id, published, title, meta.get("url"), place.district, place.city, place.province,
                          int(place.reaches_city_names)))
        self.con.execute("DELETE FROM frames WHERE doc_id = ?", (doc_id,))
        self.con.executemany("INSERT OR REPLACE INTO frames VALUES (?, ?, ?, ?, ?, ?)",
                             [(doc_id, start, end, p.district, p.city, p.province)
                              for start, end, p in self.resolver.frames(text)])

    def article_place(self, doc_id: str) -> tuple[Place, str | None]:
        row = self.con.execute("SELECT district, city, province, published, district_reaches_all FROM articles "
                               "WHERE doc_id = ?", (doc_id,)).fetchone()
        if not row:
            return Place(), None
        return Place(row[0], row[1], row[2], reaches_city_names=row[4] != 0), row[3]

    def frame_of(self, data: dict) -> Place:
        """The place of the framed stretch of its article the record's name stands in (the latest
        starting one), if any."""
        start = data["name"].get("start")
        if start is None:
            return Place()
        row = self.con.execute("SELECT district, city, province FROM frames WHERE doc_id = ? AND first <= ? "
                               "AND ? < last ORDER BY first DESC, last LIMIT 1",
                               (data["doc_id"], start, start)).fetchone()
        return Place(*row) if row else Place()

    def add_record(self, data: dict) -> str | None:
        """Register one record (a dict in the SPEC's shape); returns its project id (None for a group)."""
        if data.get("kind") != "project":
            self.summary.skipped_groups += 1
            return None
        digest = record_digest(data)
        row = self.con.execute("SELECT project, digest FROM mentions WHERE record_id = ?",
                               (data["record_id"],)).fetchone()
        if row and row[1] == digest:
            self.summary.unchanged += 1
            return row[0]
        art_place, published = self.article_place(data["doc_id"])
        place = self.place_of(data, art_place, self.frame_of(data))
        if row:
            self._store_mention(row[0], data, published, digest, place)
            self.summary.updated += 1
            return row[0]
        keys = self.keys_of(data, place)
        pid = self.best_match(data["doc_id"], place, keys)
        if pid is None:
            pid = self._new_project(data["record_id"], place, keys)
        self._store_names(pid, data, place, keys)
        self._store_mention(pid, data, published, digest, place)
        self.summary.added += 1
        return pid

    def place_of(self, data: dict, article_place: Place, frame: Place = Place()) -> Place:
        """The record's canonical place (a line, railway or expressway: no district)."""
        head = self.key(data["name"]["text"], ()).head
        return self.resolver.canonical(_Rec(data), article_place, linear=head in self.vocab.linear, frame=frame)

    def keys_of(self, data: dict, place: Place) -> list[NameKey]:
        """Keys of the record's name and of its aliases that hold a distinctive word other than a place
        ("the Tongzhou campus", a short form of one hospital's branch, is also another university's)."""
        words = place_words(place)
        main = self.key(data["name"]["text"], words)
        aliases = [self.key(a, words) for a in data.get("aliases") or []]
        return [main] + [k for k in aliases if k.signature == main.signature
                         and any(not self.resolver.readings(w) for w in k.distinctive)]

    def best_match(self, doc_id: str, place: Place, keys: list[NameKey]) -> str | None:
        best: tuple[float, str] | None = None
        for cand in self.candidates(place, keys):
            if place.district and cand.district and place.district != cand.district:
                continue
            if self.con.execute("SELECT 1 FROM mentions WHERE doc_id = ? AND project = ? LIMIT 1",
                                (doc_id, cand.id)).fetchone():
                continue
            score = max((names_match(a, b, self.vocab) for a in keys for b in cand.keys), default=0.0)
            if not strict_enough(block_of(place), keys[0], score):
                continue
            if score > 0 and (best is None or score > best[0] or (score == best[0] and cand.id < best[1])):
                best = (score, cand.id)
        return best[1] if best else None

    def candidates(self, place: Place, keys: list[NameKey]) -> Iterator[Candidate]:
        block = block_of(place)
        tokens = sorted({t for k in keys for t in (set(k.distinctive) | set(k.acronyms) | {"=" + k.plain})})
        if not tokens:
            return
        marks = ",".join("?" * len(tokens))
        ids = [r[0] for r in self.con.execute(
            f"SELECT project FROM tokens WHERE block = ? AND token IN ({marks}) GROUP BY project "
            f"ORDER BY count(*) DESC, project LIMIT {MAX_CANDIDATES}", (block, *tokens))]
        for pid in ids:
            yield self._candidate(pid)

    def _candidate(self, pid: str) -> Candidate:
        district, signature, city, province = self.con.execute(
            "SELECT district, signature, city, province FROM projects WHERE id = ?", (pid,)).fetchone()
        words = place_words(Place(None, city, province))
        keys = [self.key(s, words) for (s,) in self.con.execute(
            "SELECT surface FROM names WHERE project = ? ORDER BY surface", (pid,))]
        return Candidate(pid, district, signature, keys)

    def _new_project(self, record_id: str, place: Place, keys: list[NameKey]) -> str:
        pid = project_id(record_id)
        self.con.execute("INSERT INTO projects VALUES (?, ?, ?, ?, ?, ?)",
                         (pid, block_of(place), place.district, place.city, place.province,
                          " ".join(keys[0].signature)))
        self.summary.new_projects += 1
        return pid

    def _store_names(self, pid: str, data: dict, place: Place, keys: list[NameKey]) -> None:
        block = self.con.execute("SELECT block FROM projects WHERE id = ?", (pid,)).fetchone()[0]
        for k in keys:
            self.con.execute("INSERT INTO names VALUES (?, ?, 1) ON CONFLICT (project, surface) "
                             "DO UPDATE SET count = count + 1", (pid, k.text))
            self.con.executemany("INSERT OR IGNORE INTO tokens VALUES (?, ?, ?)",
                                 [(block, t, pid) for t in sorted(index_tokens(k))])
        if place.district:
            self.con.execute("UPDATE projects SET district = COALESCE(district, ?) WHERE id = ?",
                             (place.district, pid))

    def _store_mention(self, pid: str, data: dict, published: str | None, digest: str, place: Place) -> None:
        name = data["name"]
        self.con.execute("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) "
                         "DO UPDATE SET published = excluded.published, name = excluded.name, "
                         "name_start = excluded.name_start, name_end = excluded.name_end, district = excluded.district, "
                         "city = excluded.city, province = excluded.province, record = excluded.record, "
                         "digest = excluded.digest",
                         (data["record_id"], pid, data["doc_id"], published, name["text"], name.get("start"),
                          name.get("end"), place.district, place.city, place.province,
                          json.dumps(data, sort_keys=True, ensure_ascii=False), digest))


class _Rec:
    """A record dict seen as the attributes :meth:`PlaceResolver.canonical` reads."""

    def __init__(self, data: dict):
        self.name = data["name"]
        self.locations = data.get("locations") or []
        self.aliases = data.get("aliases") or []


def build_registry(con: sqlite3.Connection, records: Iterable[dict], resolver: PlaceResolver,
                   vocab: Vocabulary, articles: Iterable = ()) -> BuildSummary:
    """Add ``articles`` (their dates, titles and cities) and then ``records`` to the registry."""
    builder = RegistryBuilder(con, resolver, vocab)
    for n, a in enumerate(articles, 1):
        builder.add_article(a.id, a.published.isoformat() if a.published else None, a.meta or {}, a.text)
        if n % COMMIT_EVERY == 0:
            con.commit()
    for n, data in enumerate(records, 1):
        builder.add_record(data)
        if n % COMMIT_EVERY == 0:
            con.commit()
    con.commit()
    return builder.summary


def enrich_records(records: Iterable[dict], resolver: PlaceResolver, vocab: Vocabulary,
                   articles: Iterable = ()) -> Iterator[dict]:
    """Records with their canonical ``district``, ``city`` and ``province`` as extra keys (the SPEC
    allows extra keys; scorers ignore them). Articles are read first, for their places."""
    builder = RegistryBuilder(connect(":memory:"), resolver, vocab)
    for a in articles:
        builder.add_article(a.id, None, a.meta or {}, a.text)
    for data in records:
        article_place = builder.article_place(data["doc_id"])[0]
        yield data | builder.place_of(data, article_place, builder.frame_of(data)).as_dict()


def dump(con: sqlite3.Connection) -> str:
    """The registry as SQL text (for comparing two builds)."""
    return "\n".join(con.iterdump())
