"""CSV, JSON and JSONL exports of a database (or of one Audit), streamed row by row.

Column lists are stable: new columns are only ever appended.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Any, Iterable, Iterator

import sqlite_utils

from .model import Audit
from .store import claim_row

# One row per claim.
CLAIM_COLUMNS = (
    "article_id",  # the article's content id
    "outlet",
    "published",
    "title",  # the article's title
    "claim_index",  # position of the claim in its article (0-based)
    "part",  # headline, subhead or body
    "claim",  # the claim's text
    "label",  # named-official, anonymous-source or editorial-framing
    "source_name",  # canonical name or descriptor ("two U.S. officials")
    "source_kind",  # person, office, organisation, government, outlet, document, group, anonymous, writer
    "source_role",
    "source_count",
    "source_affiliation",
    "cue",  # the attributing words as written ("told reporters")
    "cue_lemma",
    "stance",  # the cue's stance: neutral, hedged, assertive, loaded ...
    "chain",  # nested sources, outer to inner, " > "-joined
    "markers",  # framing markers, "text (kind); ..."
    "rules",  # ids of the rules that fired, comma-joined
    "transparency",
    "corroboration",
    "corroborations",  # number of claims in other articles that corroborate it
    "conflicts",  # number of claims in other articles that conflict with it
    # (added at the end, so scripts that read columns by position keep working)
    "claim_id",  # article_id:claim_index, as the links export names claims
    "url",  # the article's address, where it has one
    "path",  # the file it was read from (as stored: relative)
)

# One row per source (a real-world source across articles).
SOURCE_COLUMNS = (
    "source_id", "name", "kind", "anonymous", "role", "affiliation", "count", "descriptor",
    "claims",  # claims it stands behind as the claim's source
    "named_official", "anonymous_source", "editorial_framing",  # those claims per label
    "articles", "outlets",  # number of distinct articles and outlets
)

# One row per link between two claims of different articles.
LINK_COLUMNS = (
    "link_id", "relation", "score", "scorer",
    "article_id", "outlet", "claim_id", "claim",
    "other_article_id", "other_outlet", "other_claim_id", "other_claim",
    "evidence",  # JSON text
    "created",
)

# One row per article.
ARTICLE_COLUMNS = (
    "article_id", "path", "url", "outlet", "title", "byline", "published", "syndicated_from",
    "claims", "named_official", "anonymous_source", "editorial_framing",
    "transparency", "corroboration", "ingested_at", "model", "rules_version",
)

COLUMNS = {"claims": CLAIM_COLUMNS, "sources": SOURCE_COLUMNS, "links": LINK_COLUMNS, "articles": ARTICLE_COLUMNS}
FORMATS = ("csv", "json", "jsonl")

_NOCASE = "COLLATE NOCASE"
# A claim "from" a source: its own source or any source of its chain.
_CLAIM_FROM_SOURCE = (
    "(c.source_name = :source {n} OR c.source_id IN (SELECT id FROM sources WHERE name = :source {n}) "
    "OR EXISTS (SELECT 1 FROM claim_sources cs JOIN sources s2 ON s2.id = cs.source_id "
    "WHERE cs.claim_id = c.id AND s2.name = :source {n}))"
).format(n=_NOCASE)

_SQL = {
    "claims": (
        "SELECT c.*, a.outlet AS _outlet, a.published AS _published, a.title AS _title, a.url AS _url, a.path AS _path "
        "FROM claims c JOIN articles a ON a.id = c.article_id",
        "ORDER BY a.published, c.article_id, c.idx",
    ),
    "sources": ("SELECT * FROM source_claim_counts v", "ORDER BY v.claims DESC, v.name"),
    "links": (
        "SELECT l.*, c.text AS claim, c.label AS label, a.outlet AS outlet, "
        "o.text AS other_claim, o.label AS other_label, oa.outlet AS other_outlet "
        "FROM links l JOIN claims c ON c.id = l.claim_id JOIN articles a ON a.id = c.article_id "
        "JOIN claims o ON o.id = l.other_claim_id JOIN articles oa ON oa.id = o.article_id",
        "ORDER BY l.relation, l.score DESC, l.id",
    ),
    "articles": ("SELECT * FROM articles a", "ORDER BY a.published, a.id"),
}


def _where(what: str, label: str | None, outlet: str | None, source: str | None) -> list[str]:
    w: list[str] = []
    if what == "claims":
        if label:
            w.append("c.label = :label")
        if outlet:
            w.append(f"a.outlet = :outlet {_NOCASE}")
        if source:
            w.append(_CLAIM_FROM_SOURCE)
    elif what == "sources":
        if label or outlet:
            cond = ["c.source_id = v.id"]
            if label:
                cond.append("c.label = :label")
            if outlet:
                cond.append(f"a.outlet = :outlet {_NOCASE}")
            w.append("EXISTS (SELECT 1 FROM claims c JOIN articles a ON a.id = c.article_id WHERE "
                     + " AND ".join(cond) + ")")
        if source:
            w.append(f"v.name = :source {_NOCASE}")
    elif what == "links":
        if label:
            w.append("(c.label = :label OR o.label = :label)")
        if outlet:
            w.append(f"(a.outlet = :outlet {_NOCASE} OR oa.outlet = :outlet {_NOCASE})")
        if source:
            w.append("(" + _CLAIM_FROM_SOURCE + " OR " + _CLAIM_FROM_SOURCE.replace("c.", "o.") + ")")
    elif what == "articles":
        if outlet:
            w.append(f"a.outlet = :outlet {_NOCASE}")
        cond = []
        if label:
            cond.append("c.label = :label")
        if source:
            cond.append(_CLAIM_FROM_SOURCE)
        if cond:
            w.append("EXISTS (SELECT 1 FROM claims c WHERE c.article_id = a.id AND " + " AND ".join(cond) + ")")
    return w


def iter_rows(db: sqlite_utils.Database, what: str, *, label: str | None = None, outlet: str | None = None,
              source: str | None = None) -> Iterator[dict[str, Any]]:
    """Stream export rows (dicts with COLUMNS[what] keys, in order) straight from SQL."""
    if what not in COLUMNS:
        raise ValueError(f"unknown export {what!r}; one of: {', '.join(COLUMNS)}")
    select, order = _SQL[what]
    where = _where(what, label, outlet, source)
    sql = select + (" WHERE " + " AND ".join(where) if where else "") + " " + order
    cursor = db.conn.execute(sql, {"label": label, "outlet": outlet, "source": source})
    keys = [d[0] for d in cursor.description]
    shape = _SHAPERS[what]
    for values in cursor:
        yield shape(dict(zip(keys, values)))


def _loads(text: str | None) -> Any:
    if not text:
        return []
    try:
        return json.loads(text)
    except ValueError:
        return []


def _claim_out(r: dict[str, Any]) -> dict[str, Any]:
    chain = _loads(r.get("chain"))
    markers = _loads(r.get("markers"))
    return {
        "article_id": r["article_id"],
        "outlet": r.get("_outlet"),
        "published": r.get("_published"),
        "title": r.get("_title"),
        "claim_index": r["idx"],
        "part": r["part"],
        "claim": r["text"],
        "label": r["label"],
        "source_name": r["source_name"],
        "source_kind": r["source_kind"],
        "source_role": r["source_role"],
        "source_count": r["source_count"],
        "source_affiliation": r["source_affiliation"],
        "cue": r["cue"],
        "cue_lemma": r["cue_lemma"],
        "stance": r["cue_stance"],
        "chain": " > ".join(str(s.get("name") or s.get("text") or "") for s in chain if isinstance(s, dict)),
        "markers": "; ".join(f"{m.get('text')} ({m.get('kind')})" for m in markers if isinstance(m, dict)),
        "rules": ",".join(str(x) for x in _loads(r.get("rules"))),
        "transparency": r.get("transparency"),
        "corroboration": r.get("corroboration"),
        "corroborations": r.get("corroborations") or 0,
        "conflicts": r.get("conflicts") or 0,
        "claim_id": r.get("id"),
        "url": r.get("_url"),
        "path": r.get("_path"),
    }


def _source_out(r: dict[str, Any]) -> dict[str, Any]:
    return {k: r.get("id" if k == "source_id" else k) for k in SOURCE_COLUMNS}


def _link_out(r: dict[str, Any]) -> dict[str, Any]:
    return {k: r.get("id" if k == "link_id" else k) for k in LINK_COLUMNS}


def _article_out(r: dict[str, Any]) -> dict[str, Any]:
    return {k: r.get("id" if k == "article_id" else k) for k in ARTICLE_COLUMNS}


_SHAPERS = {"claims": _claim_out, "sources": _source_out, "links": _link_out, "articles": _article_out}


def claim_rows_from_audit(audit: Audit) -> Iterator[dict[str, Any]]:
    """CLAIM_COLUMNS rows for an Audit that is not in a database (``audit --format csv``)."""
    a = audit.article
    scores = (audit.scores or {}).get("claims", {})
    for claim in audit.claims:
        row = claim_row(audit, claim)
        row.update(_outlet=a.outlet, _published=a.published, _title=a.title, _url=a.url, _path=a.path)
        out = _claim_out(row)
        for name in ("transparency", "corroboration"):
            if out.get(name) is None and name in scores.get(claim.id, {}):
                out[name] = scores[claim.id][name]["score"]
        yield out


def write(rows: Iterable[dict[str, Any]], fmt: str, out: IO[str], columns: Iterable[str] | None = None) -> int:
    """Write rows as csv (UTF-8, header row), json (one streamed array) or jsonl; returns the row count.

    ``columns`` fixes the CSV header (needed when there may be no rows); by default
    the first row's keys.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    rows = iter(rows)
    n = 0
    if fmt == "csv":
        first = next(rows, None)
        header = list(columns) if columns is not None else list(first or [])
        writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        if first is not None:
            writer.writerow(first)
            n = 1
        for row in rows:
            writer.writerow(row)
            n += 1
    elif fmt == "json":
        out.write("[")
        for row in rows:
            out.write(("\n" if n == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
            n += 1
        out.write("\n]\n" if n else "]\n")
    else:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n
