"""The SQLite store: schema (docs/SCHEMA.md), migrations and idempotent ingest.

``open_db(path)`` gives a ready ``sqlite_utils.Database`` (WAL, foreign keys,
current schema). ``store_audit`` writes one article in one transaction;
``ingest`` reads, audits and stores many, collecting errors as it goes.

Several processes may write one database at once (two ingests, an ingest and
``attribution link``): every write transaction takes SQLite's write lock first
(``BEGIN IMMEDIATE``) and waits up to ``BUSY_TIMEOUT_MS`` for it. A stored
article waits in ``_attribution_pending`` until it has been linked and scored,
so an ingest that was killed (or whose linking failed) leaves nothing half done
that the next ingest or ``attribution link`` does not finish.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import secrets
import unicodedata
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import sqlite_utils

from .model import LABELS, Article, Audit, Claim, Source, storage_id, to_json
from .sources import PRONOUNS, WRITER

SCHEMA_VERSION = 1
META = "_attribution_meta"
# Articles stored but not yet linked and scored (see link_pending).
PENDING = "_attribution_pending"
# How long a writer waits for another process's write transaction to end.
BUSY_TIMEOUT_MS = 60_000


class StoreError(Exception):
    """A problem with the database file; str() is the one-line message a user sees."""


# --- schema -----------------------------------------------------------------

# table -> (columns in order, primary key, foreign keys, defaults)
TABLES: dict[str, tuple[dict[str, type], Any, list[tuple[str, str, str]], dict[str, Any]]] = {
    "articles": (
        {
            "id": str, "path": str, "url": str, "outlet": str, "title": str, "byline": str,
            "published": str, "syndicated_from": str, "text": str, "ingested_at": str, "model": str,
            "rules_version": str, "claims": int, "named_official": int, "anonymous_source": int,
            "editorial_framing": int, "skipped": str, "notes": str, "transparency": float,
            "corroboration": float, "signals": str, "path_key": str, "record_id": str,
        },
        "id", [], {},
    ),
    "sources": (
        {
            "id": str, "name": str, "kind": str, "anonymous": int, "role": str, "affiliation": str,
            "count": str, "descriptor": str,
        },
        "id", [], {},
    ),
    "claims": (
        {
            "id": str, "article_id": str, "idx": int, "part": str, "start": int, "end": int, "text": str,
            "label": str, "source_id": str, "source_text": str, "source_name": str, "source_kind": str,
            "source_role": str, "source_count": str, "source_affiliation": str, "cue": str, "cue_lemma": str,
            "cue_stance": str, "content_start": int, "content_end": int, "chain": str, "markers": str,
            "rules": str, "entities": str, "transparency": float, "corroboration": float,
            "corroborations": int, "conflicts": int, "signals": str,
        },
        "id",
        [("article_id", "articles", "id"), ("source_id", "sources", "id")],
        {"corroborations": 0, "conflicts": 0},
    ),
    "claim_sources": (
        {"claim_id": str, "position": int, "source_id": str, "cue": str, "cue_lemma": str, "cue_stance": str},
        ("claim_id", "position"),
        [("claim_id", "claims", "id"), ("source_id", "sources", "id")],
        {},
    ),
    "rules": (
        {"id": str, "file": str, "type": str, "description": str, "version": str},
        "id", [], {},
    ),
    "links": (
        {
            "id": str, "claim_id": str, "other_claim_id": str, "article_id": str, "other_article_id": str,
            "relation": str, "score": float, "scorer": str, "evidence": str, "created": str,
        },
        "id",
        [("claim_id", "claims", "id"), ("other_claim_id", "claims", "id")],
        {},
    ),
}

# Every column people filter or join on.
INDEXES: dict[str, list[str]] = {
    "articles": ["path", "url", "outlet", "published", "syndicated_from", "path_key"],
    "sources": ["name", "kind", "anonymous", "affiliation"],
    "claims": ["article_id", "label", "part", "source_id", "source_name", "source_kind", "cue_lemma", "cue_stance"],
    "claim_sources": ["source_id", "cue_stance"],
    "rules": ["type", "file"],
    "links": ["claim_id", "other_claim_id", "article_id", "other_article_id", "relation"],
}

FTS: dict[str, list[str]] = {
    "claims": ["text", "source_name", "cue"],
    "articles": ["title", "text"],
}

VIEWS: dict[str, str] = {
    # Each claim with its article's title, outlet and date and its source's canonical name and kind.
    "claims_view": """
SELECT c.id, c.article_id, a.title AS article_title, a.outlet, a.published, c.idx, c.part, c.text,
       c.label, c.source_id, COALESCE(s.name, c.source_name) AS source_name,
       COALESCE(s.kind, c.source_kind) AS source_kind, s.anonymous AS source_anonymous,
       c.source_role, c.source_count, c.source_affiliation, c.cue, c.cue_lemma, c.cue_stance,
       c.transparency, c.corroboration, c.corroborations, c.conflicts
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN sources s ON s.id = c.source_id""",
    # Each source with the number of claims it stands behind (as the claim's source), per label,
    # and the number of articles and outlets they appear in.
    "source_claim_counts": """
SELECT s.id, s.name, s.kind, s.anonymous, s.role, s.affiliation, s.count, s.descriptor,
       COUNT(c.id) AS claims,
       COALESCE(SUM(c.label = 'named-official'), 0) AS named_official,
       COALESCE(SUM(c.label = 'anonymous-source'), 0) AS anonymous_source,
       COALESCE(SUM(c.label = 'editorial-framing'), 0) AS editorial_framing,
       COUNT(DISTINCT c.article_id) AS articles,
       COUNT(DISTINCT a.outlet) AS outlets
FROM sources s
LEFT JOIN claims c ON c.source_id = s.id
LEFT JOIN articles a ON a.id = c.article_id
GROUP BY s.id""",
}


def open_db(path: str | os.PathLike, *, create: bool = True) -> sqlite_utils.Database:
    """Open (or create) a database: WAL mode, foreign keys on, schema current."""
    path = Path(path)
    if not create and not path.is_file():
        raise StoreError(f"{path}: no such database (run attribution ingest first)")
    if path.parent and not path.parent.is_dir():
        raise StoreError(f"{path}: folder {path.parent} does not exist")
    try:
        db = sqlite_utils.Database(path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.enable_wal()
        ensure_schema(db)
    except Exception as e:  # sqlite3.DatabaseError: not a database, locked, read-only ...
        if isinstance(e, StoreError):
            raise
        raise StoreError(f"{path}: {e}") from e
    return db


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction that holds SQLite's write lock from its first statement.

    ``BEGIN IMMEDIATE`` waits (busy_timeout) for another process's writes to end.
    A plain ``BEGIN`` that reads and then writes can fail half-way with "database
    is locked" in WAL mode when another process committed in between, because
    its read snapshot is stale; this one cannot. Nested use is a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.rollback()
        raise
    else:
        # A stage may have committed on its own (``with db.conn:``); commit what is left.
        if db.conn.in_transaction:
            db.conn.commit()


def schema_version(db: sqlite_utils.Database) -> int:
    if META not in db.table_names():
        return 0
    row = db.execute(f"SELECT value FROM {META} WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _create_missing(db: sqlite_utils.Database) -> None:
    """Create every table, column, index, FTS table and view that is missing. Idempotent."""
    existing = set(db.table_names())
    for name, (columns, pk, fks, defaults) in TABLES.items():
        table = db[name]
        if name not in existing:
            table.create(columns, pk=pk, foreign_keys=fks, defaults=defaults)
            continue
        have = set(table.columns_dict)
        for col, typ in columns.items():
            if col not in have:
                table.add_column(col, typ, not_null_default=defaults.get(col))
    for name, cols in INDEXES.items():
        for col in cols:
            db[name].create_index([col], if_not_exists=True)
    for name, cols in FTS.items():
        if not db[name].detect_fts():
            db[name].enable_fts(cols, create_triggers=True)
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)
    if PENDING not in existing:
        db[PENDING].create({"article_id": str, "stored_at": str}, pk="article_id")


def _schema_current(db: sqlite_utils.Database) -> bool:
    """True when nothing _create_missing would create is missing (so opening needs no write)."""
    if schema_version(db) != SCHEMA_VERSION:
        return False
    names = set(db.table_names())
    if not (set(TABLES) | {PENDING} <= names):
        return False
    for name, (columns, *_rest) in TABLES.items():
        if not set(columns) <= set(db[name].columns_dict):
            return False
    for name, cols in INDEXES.items():
        have = {tuple(i.columns) for i in db[name].indexes}
        if not all((col,) in have for col in cols):
            return False
    if not all(f"{name}_fts" in names for name in FTS):
        return False
    views = {r[0]: r[1] for r in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'")}
    return all(views.get(name) == f"CREATE VIEW {_quote(name)} AS {sql.strip()}" for name, sql in VIEWS.items())


def _quote(name: str) -> str:
    from sqlite_utils.db import quote_identifier

    return quote_identifier(name)


# version -> step that upgrades a database from version - 1. Steps must keep rows.
# Version 1 is the first schema; later steps (renames, backfills) go here, and
# new columns or indexes alone need only an edit of TABLES / INDEXES.
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: _create_missing,
}


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Bring the database to SCHEMA_VERSION in place (rows are kept).

    A database that is already current is not written to (so a read-only file opens).
    """
    if META in db.table_names() and _schema_current(db):
        return
    with write_transaction(db):
        if META not in db.table_names():
            db[META].create({"key": str, "value": str}, pk="key")
        version = schema_version(db)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{db.conn.execute('PRAGMA database_list').fetchone()[2]}: schema version {version} "
                f"is newer than this attribution ({SCHEMA_VERSION}); upgrade attribution"
            )
        for step in range(version + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[step](db)
        _create_missing(db)
        if version != SCHEMA_VERSION:
            db[META].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


# --- rows ---------------------------------------------------------------------

def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)



def normalise_name(name: str | None) -> str:
    """Case, accents, punctuation, possessives and a leading "the" do not make a new source."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    text = re.sub(r"[’']s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


# Sources whose name says nothing outside their article: an unresolved "She", "They" or "I", a writer with no byline.
_ARTICLE_BOUND = PRONOUNS | {WRITER}


@functools.lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    """Nouns that name no one in particular when they stand alone ("Police", "Mayor", "company"): the offices,
    organisation, description and outlet nouns and the unnamed-source heads of the project's rules."""
    from .rules import load_rules

    rs = load_rules()
    words = {w.lower() for r in rs.of_type("anaphor") for w in r.get("lemmas", [])}
    words |= set(rs.anon_heads)  # (not the institutions: "Congress", "the Pentagon" are one body everywhere)
    return frozenset(words | {w + "s" for w in words} | {"police"})


def article_bound(source: Source) -> bool:
    """A source that stands for someone different in every article: an unresolved pronoun ("She said" with no one
    named before), "the writer" of an article without a byline, an unnamed source ("two officials", "sources"), and
    a bare office or common noun left unresolved ("the mayor", "the company", "Police")."""
    name = (source.name or source.text or "").strip()
    if name.lower() in _ARTICLE_BOUND or source.anonymous:
        return True
    words = re.sub(r"^(the|a|an|its|his|her|their)\s+", "", name, flags=re.IGNORECASE).split()
    if not words:
        return False
    # "the Democratic senator", "German airline", "Its spokesman": a generic noun with only a description before it
    # (not "Shell's chief executive": whose it is names it)
    last = words[-1].lower().strip(".,")
    described = last == words[-1].strip(".,") and last in _generic_words() and not re.search(r"[’']s\b", name)
    return (all(w.islower() for w in words) or described
            or (len(words) == 1 and words[0].lower().strip(".,") in _generic_words()))


def source_id(source: Source, article_id: str | None = None) -> str:
    """Stable id: kind + normalised name, plus the affiliation for anonymous sources.

    A source that stands for someone different in every article (``article_bound``) has the article's id in its
    id too, so "the mayor" of one town and of another are two rows.
    """
    key = [source.kind or "", normalise_name(source.name or source.text)]
    if source.anonymous:
        key.append(normalise_name(source.affiliation))
    if article_id is not None and article_bound(source):
        key.append(article_id)
    return hashlib.sha256("\0".join(key).encode("utf-8")).hexdigest()[:16]


def source_row(source: Source, article_id: str | None = None) -> dict[str, Any]:
    return {
        "id": source_id(source, article_id),
        "name": source.name or source.text,
        "kind": source.kind,
        "anonymous": int(source.anonymous),
        "role": source.role,
        "affiliation": source.affiliation,
        "count": source.count,
        "descriptor": source.descriptor,
    }


def _chain(claim: Claim) -> list[Source]:
    if claim.chain:
        return list(claim.chain)
    return [claim.source] if claim.source else []


def _score(scores: Any, name: str) -> float | None:
    value = scores.get(name) if isinstance(scores, dict) else None
    if isinstance(value, dict):
        value = value.get("score")
    return float(value) if isinstance(value, (int, float)) else None


def claim_row(audit: Audit, claim: Claim) -> dict[str, Any]:
    """The `claims` row of one claim (JSON columns as JSON text)."""
    src, cue = claim.source, claim.cue
    return {
        "id": claim.id or f"{audit.article.id}:{claim.index}",
        "article_id": audit.article.id,
        "idx": claim.index,
        "part": claim.part,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "label": claim.label,
        "source_id": source_id(src, audit.article.id) if src else None,
        "source_text": src.text if src else None,
        "source_name": (src.name or src.text) if src else None,
        "source_kind": src.kind if src else None,
        "source_role": src.role if src else None,
        "source_count": src.count if src else None,
        "source_affiliation": src.affiliation if src else None,
        "cue": cue.text if cue else None,
        "cue_lemma": cue.lemma if cue else None,
        "cue_stance": cue.stance if cue else None,
        "content_start": claim.content.start if claim.content else None,
        "content_end": claim.content.end if claim.content else None,
        "chain": _json(to_json(_chain(claim))),
        "markers": _json([{"text": m.text, "start": m.start, "end": m.end, "kind": m.kind, "rule": m.rule}
                          for m in claim.markers]),
        "rules": _json(list(claim.rules)),
        "entities": _json(list(claim.entities)),
        "transparency": None,
        "corroboration": None,
        "corroborations": 0,
        "conflicts": 0,
        "signals": None,
    }


def claim_source_rows(claim_id: str, claim: Claim, article_id: str | None = None) -> list[dict[str, Any]]:
    """The chain of one claim, outermost source first."""
    chain = _chain(claim)
    rows = []
    for position, src in enumerate(chain):
        cue = src.cue or (claim.cue if len(chain) == 1 else None)
        rows.append({
            "claim_id": claim_id, "position": position, "source_id": source_id(src, article_id),
            "cue": cue.text if cue else None, "cue_lemma": cue.lemma if cue else None,
            "cue_stance": cue.stance if cue else None,
        })
    return rows


def _split_record(path: str) -> tuple[str, str]:
    """'feed.jsonl#3' -> ('feed.jsonl', '#3'); a file name may itself hold '#'."""
    m = re.match(r"^(.*)(#\d+)$", path)
    if m and not os.path.exists(path):
        return m.group(1), m.group(2)
    return path, ""


def stored_path(path: str | None, given: str | os.PathLike | None = None) -> str | None:
    """The path an article is stored under: never absolute, so no local folder names leak.

    A relative path stays as it was given. An absolute one becomes relative to the
    working folder when it lies inside it; otherwise relative to the folder holding
    what the user named (``given``): ``/data/news`` given as a folder stores
    ``/data/news/a/b.txt`` as ``news/a/b.txt``, a file ``/data/x.txt`` as ``x.txt``.
    """
    if not path or path.startswith("<stdin>"):
        return path
    if not os.path.isabs(path):
        if not os.path.normpath(_split_record(path)[0]).startswith(os.pardir):
            return path
        # "../../home/alice/news/a.txt" names folders above the working one: treat it as absolute
        path = os.path.abspath(path)
        if given is not None and not os.path.isabs(given):
            given = os.path.abspath(given)
    file, record = _split_record(path)
    try:
        rel = os.path.relpath(file)
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            return rel + record
    except ValueError:  # another drive on Windows
        pass
    given = os.fspath(given) if given is not None else None
    root = os.path.normpath(given) if given and os.path.isabs(given) else file
    base = os.path.dirname(root) or root
    try:
        rel = os.path.relpath(file, base)
    except ValueError:
        rel = os.path.basename(file)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep) or os.path.isabs(rel):
        rel = os.path.basename(file)
    return rel + record


def path_key(path: str | None, salt: str = "") -> str | None:
    """A hash of the article's absolute location (file, and record for JSONL): what tells
    "the same file, changed" from "another file of the same name". Not the path itself, and
    salted with a random value kept in the database, so a guessed path cannot be confirmed."""
    if not path or path.startswith("<stdin>"):
        return None
    file, record = _split_record(path)
    return hashlib.sha256((salt + os.path.abspath(file) + record).encode("utf-8")).hexdigest()[:16]


def _legacy_path(path: str | None) -> str | None:
    """How versions before path_key stored a path: relative to the working folder, '..' and all."""
    if not path or not os.path.isabs(path):
        return path
    file, record = _split_record(path)
    try:
        return os.path.relpath(file) + record
    except ValueError:
        return path


def path_salt(db: sqlite_utils.Database) -> str:
    """The database's random salt for path_key, made on first use (call inside a write transaction)."""
    row = db.execute(f"SELECT value FROM {META} WHERE key = 'path_salt'").fetchone()
    if row:
        return row[0]
    salt = secrets.token_hex(16)
    db.execute(f"INSERT OR IGNORE INTO {META} (key, value) VALUES ('path_salt', ?)", [salt])
    return db.execute(f"SELECT value FROM {META} WHERE key = 'path_salt'").fetchone()[0]


def _public_model(model: str) -> str:
    """A model given as a folder is stored by its folder name only."""
    return os.path.basename(os.path.normpath(model)) if os.path.isabs(model) else model


def article_row(audit: Audit, *, model: str, rules_version: str, path: str | None = None,
                key: str | None = None) -> dict[str, Any]:
    """The `articles` row; ``path`` is the stored form (default: ``stored_path(article.path)``)."""
    a = audit.article
    counts = {label: sum(1 for c in audit.claims if c.label == label) for label in LABELS}
    return {
        "id": a.id,
        "path": path if path is not None else stored_path(a.path),
        "url": a.url,
        "outlet": a.outlet,
        "title": a.title,
        "byline": a.byline,
        "published": a.published,
        "syndicated_from": a.syndicated_from,
        "text": a.text,
        "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "model": _public_model(model),
        "rules_version": rules_version,
        "claims": len(audit.claims),
        "named_official": counts["named-official"],
        "anonymous_source": counts["anonymous-source"],
        "editorial_framing": counts["editorial-framing"],
        "skipped": _json([asdict(s) for s in audit.skipped]),
        "notes": _json(list(audit.notes)),
        "transparency": _score(audit.scores, "transparency"),
        "corroboration": _score(audit.scores, "corroboration"),
        "signals": _json(audit.scores) if audit.scores else None,
        "path_key": key,
        "record_id": a.record_id or None,
    }


# --- writing ------------------------------------------------------------------

def has_article(db: sqlite_utils.Database, article_id: str) -> bool:
    return db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None


def delete_article(db: sqlite_utils.Database, article_id: str) -> None:
    """Remove an article with its claims, chains and the links touching its claims.

    Sources left without any claim are removed too.
    """
    with db.atomic():
        claim_ids = "SELECT id FROM claims WHERE article_id = ?"
        touched = [r[0] for r in db.execute(
            f"SELECT DISTINCT source_id FROM claim_sources WHERE claim_id IN ({claim_ids}) "
            f"UNION SELECT DISTINCT source_id FROM claims WHERE article_id = ? AND source_id IS NOT NULL",
            [article_id, article_id])]
        db.execute(f"DELETE FROM links WHERE claim_id IN ({claim_ids}) OR other_claim_id IN ({claim_ids})",
                   [article_id, article_id])
        db.execute(f"DELETE FROM claim_sources WHERE claim_id IN ({claim_ids})", [article_id])
        db.execute("DELETE FROM claims WHERE article_id = ?", [article_id])
        db.execute("DELETE FROM articles WHERE id = ?", [article_id])
        db.execute(f"DELETE FROM {PENDING} WHERE article_id = ?", [article_id])
        for sid in touched:
            db.execute(
                "DELETE FROM sources WHERE id = ? AND NOT EXISTS (SELECT 1 FROM claims WHERE source_id = ?) "
                "AND NOT EXISTS (SELECT 1 FROM claim_sources WHERE source_id = ?)", [sid, sid, sid])


def _upsert_source(db: sqlite_utils.Database, row: dict[str, Any]) -> None:
    # The first spelling seen stays; details missing so far are filled in later.
    db.execute(
        "INSERT INTO sources (id, name, kind, anonymous, role, affiliation, count, descriptor) "
        "VALUES (:id, :name, :kind, :anonymous, :role, :affiliation, :count, :descriptor) "
        "ON CONFLICT(id) DO UPDATE SET role = COALESCE(sources.role, excluded.role), "
        "affiliation = COALESCE(sources.affiliation, excluded.affiliation), "
        "count = COALESCE(sources.count, excluded.count), "
        "descriptor = COALESCE(sources.descriptor, excluded.descriptor)",
        row,
    )


def store_audit(db: sqlite_utils.Database, audit: Audit, *, model: str, rules_version: str,
                given: str | os.PathLike | None = None) -> bool:
    """Write one audited article in one transaction; False if it was already stored.

    An earlier article from the same file (or url) but with other content is
    replaced. ``given`` is the path the user named (a folder or the file), which
    the stored path is made relative to (see ``stored_path``). The article is
    queued in ``_attribution_pending`` until ``link_pending`` has linked and scored it.
    """
    a = audit.article
    with write_transaction(db):
        if has_article(db, a.id):
            return False
        path = stored_path(a.path, given)
        key = path_key(a.path, path_salt(db))
        # Same file: the same path_key, or (rows stored before path_key existed) the same path,
        # in the form those versions stored it.
        same_file = "(path_key = :key OR (path_key IS NULL AND path IN (:path, :legacy)))" if key else "0"
        old = [r[0] for r in db.execute(
            # (a url names one outlet's page: another outlet's copy of the story at the same url is another article)
            f"SELECT id FROM articles WHERE id != :id AND ({same_file} OR (url IS NOT NULL AND url = :url "
            "AND coalesce(outlet, '') = :outlet))",
            {"id": a.id, "key": key, "path": path, "legacy": _legacy_path(a.path), "url": a.url,
             "outlet": a.outlet or ""})]
        for old_id in old:
            delete_article(db, old_id)
        row = article_row(audit, model=model, rules_version=rules_version, path=path, key=key)
        db["articles"].insert(row)
        db[PENDING].insert({"article_id": a.id, "stored_at": row["ingested_at"]}, replace=True)
        claims, chains = [], []
        for claim in audit.claims:
            row = claim_row(audit, claim)
            claims.append(row)
            for src in _chain(claim) + ([claim.source] if claim.source else []):
                _upsert_source(db, source_row(src, a.id))
            chains.extend(claim_source_rows(row["id"], claim, a.id))
        if claims:
            db["claims"].insert_all(claims)
        if chains:
            db["claim_sources"].insert_all(chains)
    return True


def store_rules(db: sqlite_utils.Database, ruleset) -> None:
    """Record the rules (id, file, type, description) of a RuleSet with its version."""
    rows = [{"id": r.id, "file": r.file, "type": r.type, "description": r.description,
             "version": ruleset.version} for r in ruleset.rules]
    if rows:
        with write_transaction(db):
            db["rules"].upsert_all(rows, pk="id")


# --- ingest -------------------------------------------------------------------

@dataclass
class IngestError:
    path: str
    message: str

    def __post_init__(self) -> None:
        # One line, whatever the exception said.
        self.message = " ".join(str(self.message).split())
        if len(self.message) > 500:
            self.message = self.message[:497] + "..."

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class IngestResult:
    stored: int = 0  # articles written (new or replacing an older version)
    unchanged: int = 0  # articles already in the database
    claims: int = 0  # claims of all articles seen (stored and unchanged)
    errors: list[IngestError] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # ids of the stored articles
    linked: list[str] = field(default_factory=list)  # ids linked and scored (this run's and earlier pending ones)

    @property
    def articles(self) -> int:
        return self.stored + self.unchanged


def after_store(db: sqlite_utils.Database, article_ids: list[str]) -> list[IngestError]:
    """Run the optional later stages (cross-article linking, credibility) on new articles.

    Each runs only when its module and function exist; a failure is reported, not raised.
    """
    errors: list[IngestError] = []
    if not article_ids:
        return errors
    for module, func in (("link", "link_new"), ("credibility", "score_db")):
        try:
            mod = __import__(f"attribution.{module}", fromlist=[func])
            fn = getattr(mod, func)
        except (ImportError, AttributeError):
            continue
        try:
            fn(db, article_ids)
        except Exception as e:  # a later stage must not lose the stored articles
            errors.append(IngestError(f"{module}.{func}", f"{type(e).__name__}: {e}"))
    return errors


def pending_articles(db: sqlite_utils.Database) -> list[str]:
    """Ids of the stored articles not yet linked and scored, oldest first."""
    return [r[0] for r in db.execute(
        f"SELECT p.article_id FROM {PENDING} p JOIN articles a ON a.id = p.article_id ORDER BY p.rowid")]


def link_pending(db: sqlite_utils.Database) -> tuple[list[str], list[IngestError]]:
    """Link and score every pending article (this run's and any an earlier run left).

    The pending list is read and the links computed while holding the write lock,
    so two processes never link against each other's half-written state; an
    article leaves the list only once both stages succeeded. Returns the ids
    linked (none when a stage failed) and the errors; a failed stage leaves the articles pending.
    """
    with write_transaction(db):
        ids = pending_articles(db)
        if not ids:
            return [], []
        errors = after_store(db, ids)
    if errors:
        note = "; the articles are stored and stay queued for the next ingest or attribution link"
        return [], [IngestError(e.path, e.message + note) for e in errors]
    clear_pending(db, ids)
    return ids, []


def clear_pending(db: sqlite_utils.Database, article_ids: Iterable[str] | None = None) -> None:
    """Mark articles (all when None) as linked and scored."""
    with write_transaction(db):
        if article_ids is None:
            db.execute(f"DELETE FROM {PENDING}")
            return
        ids = list(article_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            db.execute(f"DELETE FROM {PENDING} WHERE article_id IN ({', '.join('?' for _ in chunk)})", chunk)


def ingest(
    paths: Iterable[str | os.PathLike],
    db_path: str | os.PathLike,
    engine,
    *,
    workers: int = 1,
    max_bytes: int | None = None,
    on_article: Callable[[IngestResult], None] | None = None,
    on_error: Callable[[IngestError], None] | None = None,
) -> IngestResult:
    """Read, audit and store articles; one transaction per article, errors collected.

    Articles already stored (same content id) are not audited again. A file that
    cannot be read, an article the engine fails on and one that cannot be stored
    are each an error naming the file, and the batch goes on. Then every pending
    article (this batch's and any an interrupted run left) is linked and scored.
    """
    from .read import ReadError, read_paths

    db = open_db(db_path)
    result = IngestResult()
    given_for: dict[str | None, str] = {}  # article path -> the path the user named

    def fail(path: str | None, message: str) -> None:
        err = IngestError(path or "<stdin>", message)
        result.errors.append(err)
        if on_error:
            on_error(err)

    def to_audit() -> Iterator[Article]:
        limit = {"max_bytes": max_bytes} if max_bytes else {}
        limit["rules"] = engine.rules  # the page-part rules too come from the rules folder given
        for given in paths:
            given = os.fspath(given)
            for item in read_paths([given], **limit):
                if isinstance(item, ReadError):
                    fail(item.path if item.line is None else f"{item.path}:{item.line}", item.message)  # as audit shows it
                    continue
                if not item.text.strip():
                    fail(item.path, "no text to audit (empty file)")
                    continue
                # stored under an id of its text (and for a JSONL record its outlet, url and own id: storage_id)
                item.id = storage_id(item)
                row = db.execute("SELECT claims FROM articles WHERE id = ?", [item.id]).fetchone()
                if row is not None:
                    result.unchanged += 1
                    result.claims += row[0] or 0
                    if on_article:
                        on_article(result)
                    continue
                given_for.setdefault(item.path, given)
                yield item

    def audit_failed(article: Article, e: Exception) -> None:
        fail(article.path, f"could not audit: {type(e).__name__}: {e}")

    try:
        try:
            store_rules(db, engine.rules)
        except Exception as e:  # e.g. another writer held the lock too long; the next run records them
            fail("rules", f"could not record the rules: {type(e).__name__}: {e}")
        kwargs = {"n_process": workers} if workers and workers > 1 else {}
        for audit in engine.audit_many(to_audit(), on_error=audit_failed, **kwargs):
            try:
                stored = store_audit(db, audit, model=engine.model, rules_version=engine.rules.version,
                                     given=given_for.get(audit.article.path))
            except Exception as e:  # the transaction is rolled back; the batch goes on
                fail(audit.article.path, f"could not store: {type(e).__name__}: {e}")
                continue
            if stored:
                result.stored += 1
                result.article_ids.append(audit.article.id)
            else:
                result.unchanged += 1
            result.claims += len(audit.claims)
            if on_article:
                on_article(result)
        try:
            result.linked, errors = link_pending(db)
        except Exception as e:  # e.g. the lock could not be had: the articles stay pending
            errors = [IngestError("link", f"{type(e).__name__}: {e}; the articles are stored and stay "
                                          "queued for the next ingest or attribution link")]
        for err in errors:
            fail(err.path, err.message)
    finally:
        db.close()
    return result
