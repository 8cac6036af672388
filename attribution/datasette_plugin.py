"""Datasette hooks: label badges, readable JSON cells, an article view with
highlighted claims and a page of charts.

Every value from the database is escaped: by Jinja's autoescape in the
templates, and with ``markupsafe.escape`` before anything is wrapped in
``Markup`` here.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response, asgi_static
from markupsafe import Markup, escape

from .model import LABELS

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
PREFIX = "/-/attribution"
CSS_URL = f"{PREFIX}/static/attribution.css"

ARTICLE_ID = r"[0-9a-zA-Z_\-:.]+"
_ARTICLE_ID = re.compile(rf"^{ARTICLE_ID}$")
JSON_LIST_COLUMNS = ("markers", "rules", "chain", "entities")
CHART_SOURCES = 20


# --- small helpers ------------------------------------------------------------

def label_class(label: Any) -> str:
    return f"label-{label}" if label in LABELS else "label-unknown"


def badge(label: Any) -> Markup:
    return Markup('<span class="attr-badge {}">{}</span>').format(label_class(label), label)


def loads(value: Any) -> Any:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


def _cell_value(value: Any) -> Any:
    # An expanded foreign key arrives as {"value": ..., "label": ...}.
    return value.get("value") if isinstance(value, dict) else value


def _source_words(src: dict) -> str:
    name = src.get("name") or src.get("text") or "?"
    kind = src.get("kind")
    return f"{name} ({kind})" if kind else str(name)


def render_json_list(column: str, items: list) -> Markup:
    if not items:
        return Markup('<span class="attr-empty">none</span>')
    if column == "rules":
        return Markup(" ").join(Markup('<code class="attr-rule">{}</code>').format(r) for r in items)
    if column == "entities":
        return Markup(", ").join(escape(str(e)) for e in items)
    if column == "chain":
        parts = [escape(_source_words(s)) if isinstance(s, dict) else escape(str(s)) for s in items]
        return Markup('<span class="attr-chain">{}</span>').format(Markup(" &rarr; ").join(parts))
    # markers
    lis = []
    for m in items:
        if isinstance(m, dict):
            detail = ", ".join(str(x) for x in (m.get("kind"), m.get("rule")) if x)
            lis.append(Markup("<li>&ldquo;{}&rdquo; <small>{}</small></li>").format(m.get("text", ""), detail))
        else:
            lis.append(Markup("<li>{}</li>").format(m))
    return Markup('<ul class="attr-list">{}</ul>').format(Markup("").join(lis))


def article_url(datasette, article_id: str, database: str | None = None, anchor: str | None = None) -> str:
    url = datasette.urls.path(f"{PREFIX}/article/{quote(str(article_id), safe=':.-_')}")
    if database:
        url += "?db=" + quote(database, safe="")
    if anchor:
        url += "#" + quote(anchor, safe=":.-_")
    return url


# --- cell rendering -----------------------------------------------------------

@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column == "label" and value in LABELS:
        return badge(value)
    if column in JSON_LIST_COLUMNS and table in (None, "claims"):
        items = loads(value)
        if isinstance(items, list):
            return render_json_list(column, items)
        return None
    if table == "articles" and column == "title" and value:
        try:
            article_id = row["id"]
        except (KeyError, IndexError, TypeError):
            return None
        return Markup('<a href="{}">{}</a>').format(article_url(datasette, article_id, database), value)
    if table == "claims" and column == "article_id" and value:
        article_id = _cell_value(value)
        label = value.get("label") if isinstance(value, dict) else None
        return Markup('<a href="{}">{}</a> <a class="attr-read" href="{}" title="read the article">read</a>').format(
            datasette.urls.row(database, "articles", quote(str(article_id), safe="")),
            label or article_id,
            article_url(datasette, article_id, database),
        )
    if column in ("article_id", "other_article_id") and table in (None, "claims_view", "links") \
            and isinstance(value, str) and _ARTICLE_ID.match(value):
        return Markup('{} <a class="attr-read" href="{}" title="read the article">read</a>').format(
            value, article_url(datasette, value, database))
    return None


@hookimpl
def extra_css_urls(template, database, table, columns, view_name, request, datasette):
    return [datasette.urls.path(CSS_URL)]


@hookimpl
def menu_links(datasette, actor, request):
    return [
        {"href": datasette.urls.path(PREFIX), "label": "Articles with highlighted claims"},
        {"href": datasette.urls.path(f"{PREFIX}/charts"), "label": "Label charts"},
    ]


@hookimpl
def prepare_jinja2_environment(env, datasette):
    # A plugin that is a module of a package gets no templates folder of its
    # own from Datasette 0.65, so add ours in front of the others.
    from jinja2 import ChoiceLoader, FileSystemLoader

    env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES)), env.loader])


# --- finding the database -----------------------------------------------------

async def attribution_db(datasette, request):
    """The database named by ?db=, else the first one with an articles table."""
    wanted = request.args.get("db")
    names = [wanted] if wanted else [n for n in datasette.databases if n not in ("_internal", "_memory")]
    for name in names:
        db = datasette.databases.get(name)
        if db is not None and await db.table_exists("articles") and await db.table_exists("claims"):
            return name, db
    if wanted:
        raise NotFound("No attribution database of that name")
    raise NotFound("No database with attribution tables is being served")


# --- the article page ---------------------------------------------------------

def _find(haystack: str, needle: str | None, prefer: int = 0) -> tuple[int, int] | None:
    if not needle:
        return None
    at = haystack.find(needle, max(prefer, 0))
    if at < 0:
        at = haystack.find(needle)
    return (at, at + len(needle)) if at >= 0 else None


def inner_spans(claim: dict, text: str) -> list[dict]:
    """Source, cue and framing-marker spans inside a claim, in article offsets, non-overlapping."""
    start, end = claim["start"], claim["end"]
    spans: list[dict] = []
    chain = [c for c in claim["chain_list"] if isinstance(c, dict)]
    body = text[start:end]

    # every link of a nested chain is marked: "sources told NBC News" marks both
    src_end = None
    has_cue = False
    for i, link in enumerate(chain):
        inner = i == len(chain) - 1
        if isinstance(link.get("start"), int) and isinstance(link.get("end"), int):
            spans.append({"start": link["start"], "end": link["end"], "cls": "attr-source",
                          "title": "source" if inner else "outer source"})
            src_end = link["end"]
        cue = link.get("cue") if isinstance(link.get("cue"), dict) else {}
        if isinstance(cue.get("start"), int) and isinstance(cue.get("end"), int):
            spans.append({"start": cue["start"], "end": cue["end"], "cls": "attr-cue", "title": "cue" if inner else "outer cue"})
            has_cue = True
    if src_end is None and claim.get("source_text"):
        found = _find(body, claim["source_text"])
        if found:
            spans.append({"start": start + found[0], "end": start + found[1], "cls": "attr-source", "title": "source"})
            src_end = start + found[1]
    if not has_cue and claim.get("cue"):  # also an unstated source: "reportedly", "is expected to"
        found = _find(body, claim["cue"], (src_end - start) if src_end else 0)
        if found:
            spans.append({"start": start + found[0], "end": start + found[1], "cls": "attr-cue", "title": "cue"})

    for m in claim["markers_list"]:
        if isinstance(m, dict) and isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
            kind = str(m.get("kind") or "marker")
            title = f"{kind}: {m.get('rule')}" if m.get("rule") else kind
            spans.append({"start": m["start"], "end": m["end"], "cls": "attr-marker", "title": title})

    kept, last = [], start
    for s in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        if start <= s["start"] < s["end"] <= end and s["start"] >= last:
            kept.append(s)
            last = s["end"]
    return kept


def claim_pieces(claim: dict, text: str) -> list[dict]:
    pieces, pos = [], claim["start"]
    for s in inner_spans(claim, text):
        if s["start"] > pos:
            pieces.append({"text": text[pos:s["start"]]})
        pieces.append({"text": text[s["start"]:s["end"]], "cls": s["cls"], "title": s["title"]})
        pos = s["end"]
    if pos < claim["end"]:
        pieces.append({"text": text[pos:claim["end"]]})
    return pieces


def segments(text: str, claims: list[dict], skipped: list[dict]) -> list[dict]:
    """The article text cut into plain, skipped and claim segments, in order."""
    spans = []
    for c in claims:
        if c["placed"]:
            spans.append((c["start"], c["end"], "claim", c))
    for s in skipped:
        if isinstance(s, dict) and isinstance(s.get("start"), int) and isinstance(s.get("end"), int):
            spans.append((s["start"], s["end"], "skipped", s))
    out, pos = [], 0
    for start, end, kind, item in sorted(spans, key=lambda t: (t[0], t[2] != "claim")):
        if start < pos or end > len(text) or start >= end:
            if kind == "claim":
                item["placed"] = False
            continue
        if start > pos:
            out.append({"kind": "text", "text": text[pos:start]})
        if kind == "claim":
            out.append({"kind": "claim", "claim": item, "pieces": claim_pieces(item, text)})
        else:
            out.append({"kind": "skipped", "text": text[start:end], "reason": item.get("reason") or "skipped"})
        pos = end
    if pos < len(text):
        out.append({"kind": "text", "text": text[pos:]})
    return out


def claim_tooltip(c: dict) -> str:
    bits = [c["label"] or "no label"]
    if c.get("source_name"):
        bits.append(f"source: {c['source_name']}" + (f" ({c['source_kind']})" if c.get("source_kind") else ""))
    if c.get("cue"):
        bits.append(f"cue: {c['cue']}" + (f" ({c['cue_stance']})" if c.get("cue_stance") else ""))
    if c["rules_list"]:
        bits.append("rules: " + ", ".join(str(r) for r in c["rules_list"]))
    return " · ".join(bits)


CLAIM_COLUMNS = (
    "id", "idx", "part", "start", "end", "text", "label", "source_id", "source_text", "source_name",
    "source_kind", "cue", "cue_stance", "chain", "markers", "rules",
)


async def load_links(db, claim_ids: list[str]) -> dict[str, list[dict]]:
    """Corroborating claims of each claim (either direction of a link)."""
    if not claim_ids or not await db.table_exists("links"):
        return {}
    marks = ", ".join("?" for _ in claim_ids)
    sql = f"""
        select l.claim_id as this, l.other_claim_id as other, l.score, l.relation
        from links l where l.relation = 'corroborates' and l.claim_id in ({marks})
        union
        select l.other_claim_id, l.claim_id, l.score, l.relation
        from links l where l.relation = 'corroborates' and l.other_claim_id in ({marks})
    """
    rows = (await db.execute(sql, claim_ids + claim_ids)).rows
    if not rows:
        return {}
    others = sorted({r["other"] for r in rows})
    omarks = ", ".join("?" for _ in others)
    info = {
        r["id"]: dict(r)
        for r in (await db.execute(
            f"""select c.id, c.article_id, c.idx, c.text, c.label, c.source_name, a.outlet, a.title
                from claims c left join articles a on a.id = c.article_id where c.id in ({omarks})""",
            others,
        )).rows
    }
    out: dict[str, list[dict]] = {}
    for r in rows:
        other = info.get(r["other"], {"id": r["other"], "article_id": None, "text": r["other"]})
        out.setdefault(r["this"], []).append({**other, "score": r["score"]})
    return out


async def article_view(datasette, request):
    article_id = request.url_vars["article_id"]
    if not _ARTICLE_ID.match(article_id):
        raise NotFound("Not an article id")
    name, db = await attribution_db(datasette, request)
    rows = (await db.execute("select * from articles where id = ?", [article_id])).rows
    if not rows:
        raise NotFound("No article with that id")
    article = dict(rows[0])
    text = article.get("text") or ""
    # a link to the original only for a web address: a feed's "javascript:..." or "data:..." url is shown as text
    url = (article.get("url") or "").strip()
    article["link_url"] = url if re.match(r"https?://", url, re.IGNORECASE) else None

    have = set(await db.table_columns("claims"))
    cols = ", ".join(f'"{c}"' for c in CLAIM_COLUMNS if c in have)
    claim_rows = (await db.execute(
        f"select {cols} from claims where article_id = ? order by start, idx", [article_id]
    )).rows
    claims = []
    for i, r in enumerate(claim_rows):
        c = {col: None for col in CLAIM_COLUMNS} | dict(r)
        c["n"] = i + 1
        c["chain_list"] = [s for s in (loads(c.get("chain")) or []) if isinstance(s, dict)]
        c["markers_list"] = loads(c.get("markers")) or []
        c["rules_list"] = loads(c.get("rules")) or []
        c["label_class"] = label_class(c.get("label"))
        c["anchor"] = f"claim-{c['idx'] if c['idx'] is not None else i}"
        start, end = c.get("start"), c.get("end")
        c["placed"] = isinstance(start, int) and isinstance(end, int) and text[start:end] == (c.get("text") or "")
        if not c["placed"] and c.get("text"):
            found = text.find(c["text"])
            if found >= 0:
                c["start"], c["end"], c["placed"] = found, found + len(c["text"]), True
        c["tooltip"] = claim_tooltip(c)
        if c.get("source_id"):
            c["source_claims_url"] = datasette.urls.table(name, "claims") + "?source_id=" + quote(str(c["source_id"]), safe="")
            c["source_url"] = datasette.urls.row(name, "sources", quote(str(c["source_id"]), safe=""))
        claims.append(c)

    parts = segments(text, claims, loads(article.get("skipped")) or [])
    links = await load_links(db, [c["id"] for c in claims])
    for c in claims:
        c["corroborations_list"] = [
            {**o, "url": article_url(datasette, o["article_id"], name, f"claim-{o.get('idx')}") if o.get("article_id") else None}
            for o in links.get(c["id"], [])
        ]
    counts = {label: sum(1 for c in claims if c["label"] == label) for label in LABELS}
    return Response.html(await datasette.render_template(
        "attribution_article.html",
        {
            "database": name,
            "article": article,
            "article_row_url": datasette.urls.row(name, "articles", quote(article_id, safe="")),
            "claims_url": datasette.urls.table(name, "claims") + "?article_id=" + quote(article_id, safe=""),
            "segments": parts,
            "claims": claims,
            "unplaced": [c for c in claims if not c["placed"]],
            "labels": LABELS,
            "counts": counts,
            "css_url": datasette.urls.path(CSS_URL),
        },
        request=request,
    ))


# --- the index of articles ----------------------------------------------------

async def index_view(datasette, request):
    name, db = await attribution_db(datasette, request)
    rows = (await db.execute(
        """select a.id, a.title, a.outlet, a.published,
                  count(c.id) as claims,
                  coalesce(sum(c.label = 'named-official'), 0) as named_official,
                  coalesce(sum(c.label = 'anonymous-source'), 0) as anonymous_source,
                  coalesce(sum(c.label = 'editorial-framing'), 0) as editorial_framing
           from articles a left join claims c on c.article_id = a.id
           group by a.id order by a.outlet, a.published, a.title limit 1000"""
    )).rows
    articles = [dict(r) | {"url": article_url(datasette, r["id"], name)} for r in rows]
    return Response.html(await datasette.render_template(
        "attribution_index.html",
        {"database": name, "articles": articles, "css_url": datasette.urls.path(CSS_URL),
         "charts_url": datasette.urls.path(f"{PREFIX}/charts")},
        request=request,
    ))


# --- charts -------------------------------------------------------------------

def bar_chart(rows: list[dict], key: str, width: int = 900, row_h: int = 24, label_w: int = 260,
              scale: str = "share") -> dict:
    """Geometry of a horizontal stacked bar chart, one bar per row: each bar full width
    (scale="share") or as long as its count of claims (scale="count")."""
    bar_w = width - label_w - 60
    most = max((sum(r[label] for label in LABELS) for r in rows), default=1) or 1
    bars = []
    for i, r in enumerate(rows):
        total = sum(r[label] for label in LABELS) or 1
        length = bar_w if scale == "share" else bar_w * total / most
        x = label_w
        segs = []
        for label in LABELS:
            w = length * r[label] / total
            if r[label]:
                segs.append({"x": round(x, 2), "w": round(w, 2), "cls": label_class(label), "label": label,
                             "n": r[label], "pct": round(100 * r[label] / total, 1),
                             "text": f"{round(100 * r[label] / total)}%" if scale == "share" else str(r[label])})
            x += w
        name = str(r[key] if r[key] is not None else "(unknown)")
        bars.append({"y": i * row_h, "name": name if len(name) <= 38 else name[:37] + "…", "full": name,
                     "total": total, "segs": segs, "end": round(label_w + length, 2)})
    return {"width": width, "height": max(len(rows), 1) * row_h + 4, "row_h": row_h, "label_w": label_w,
            "bar_w": bar_w, "bars": bars}


SHARE_COLUMNS = """count(*) as total,
    coalesce(sum(c.label = 'named-official'), 0) as "named-official",
    coalesce(sum(c.label = 'anonymous-source'), 0) as "anonymous-source",
    coalesce(sum(c.label = 'editorial-framing'), 0) as "editorial-framing" """


async def charts_view(datasette, request):
    name, db = await attribution_db(datasette, request)
    outlets = [dict(r) for r in (await db.execute(
        f"""select coalesce(a.outlet, '(unknown)') as outlet, {SHARE_COLUMNS}
            from claims c join articles a on a.id = c.article_id
            group by 1 order by total desc, outlet limit 50"""
    )).rows]
    sources = [dict(r) for r in (await db.execute(
        f"""select coalesce(max(c.source_name), c.source_id) as source, {SHARE_COLUMNS}
            from claims c where c.source_id is not null
            group by c.source_id order by total desc, source limit {CHART_SOURCES}"""
    )).rows]
    return Response.html(await datasette.render_template(
        "attribution_charts.html",
        {
            "database": name,
            "labels": LABELS,
            "outlets": bar_chart(outlets, "outlet"),
            "sources": bar_chart(sources, "source", scale="count"),
            "top": CHART_SOURCES,
            "css_url": datasette.urls.path(CSS_URL),
        },
        request=request,
    ))


def _not_found_page(view):
    """The view, with a missing article or database answered by Datasette's error page and status 404 (raised,
    NotFound is also logged with a long traceback when rich is installed: an ordinary 404 is no error)."""
    async def wrapped(datasette, request):
        try:
            return await view(datasette, request)
        except NotFound as e:
            html = await datasette.render_template(
                "error.html", {"ok": False, "error": str(e), "status": 404, "title": None}, request=request)
            return Response.html(html, status=404)
    return wrapped


@hookimpl
def register_routes(datasette):
    return [
        # Any id reaches the view, which refuses bad ones with a proper 404 (an
        # unmatched path goes through Datasette 0.65's handle_404, which fails with rich installed).
        (rf"^{PREFIX}/article/(?P<article_id>[^/]+)$", _not_found_page(article_view)),
        (rf"^{PREFIX}/charts$", _not_found_page(charts_view)),
        (rf"^{PREFIX}/?$", _not_found_page(index_view)),
        (rf"^{PREFIX}/static/(?P<path>.*)$", asgi_static(STATIC)),
    ]
