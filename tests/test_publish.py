"""Publishing in Datasette: metadata, canned queries, the plugin's pages and the serve settings.

Label-specific checks run on a small hand-made database (the conftest's
``sample_audits`` plus one article of our own, stored through the real store);
checks on the seeds assert structure only, whatever the engine currently finds.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import Markup

from attribution import datasette_plugin as plugin
from attribution.cli import cli
from attribution.cli_serve import (
    METADATA,
    ServeError,
    build_datasette_args,
    load_metadata,
    make_datasette,
)
from attribution.model import Article, Audit, Claim, Marker, Part, Source
from attribution.store import TABLES, VIEWS, ingest, open_db, store_audit

HOSTILE = (
    "Council <script>alert(1)</script> Votes\n\n"
    "The mayor said the vote <img src=x onerror=alert(1)> was final.\n\n"
    "Critics called it \"a <b>disgrace</b>\" & worse."
)


def tunnel_audit() -> Audit:
    """An invented article whose headline rests on an anonymous claim in its body."""
    text = ("Harbour Tunnel Contract Cancelled\n\n"
            "The harbour tunnel contract was cancelled on Monday, three people familiar with the talks said.")
    headline = "Harbour Tunnel Contract Cancelled"
    body = text[len(headline) + 2:]
    article = Article(text=text, parts=[Part("headline", 0, len(headline), headline),
                                        Part("body", len(headline) + 2, len(text), body)],
                      outlet="Example Gazette", title=headline, published="2024-04-01", path="samples/tunnel.txt")
    who = "three people familiar with the talks"
    ws = text.index(who)
    source = Source(text=who, start=ws, end=ws + len(who), name=who, kind="anonymous", count="three",
                    descriptor="people")
    claims = [
        Claim(id=f"{article.id}:0", index=0, part="headline", start=0, end=len(headline), text=headline,
              label="editorial-framing", entities=["Harbour Tunnel"]),
        Claim(id=f"{article.id}:1", index=1, part="body", start=len(headline) + 2, end=len(text), text=body,
              label="anonymous-source", source=source, chain=[source], entities=["Harbour Tunnel"],
              rules=["anon-familiar"]),
    ]
    return Audit(article=article, claims=claims, skipped=[])


def _link(db, a: str, b: str, relation: str = "corroborates", score: float = 0.9) -> None:
    db["links"].insert({
        "id": f"{a}|{b}|{relation}", "claim_id": a, "other_claim_id": b,
        "article_id": a.split(":")[0], "other_article_id": b.split(":")[0],
        "relation": relation, "score": score, "scorer": "test", "evidence": "[]", "created": "2024-01-01T00:00:00+00:00",
    })


@pytest.fixture
def sample_db(db_path, sample_audits):
    """sample_audits + the tunnel article, with links: the second article's anonymous claim is
    corroborated by the first article's named claim; the two anonymous claims corroborate each other."""
    audits = [*sample_audits, tunnel_audit()]
    db = open_db(db_path)
    for audit in audits:
        store_audit(db, audit, model="test", rules_version="test")
    a1, a2, a3 = (a.article.id for a in audits)
    _link(db, f"{a2}:2", f"{a1}:1")
    _link(db, f"{a1}:2", f"{a2}:2")
    db.close()
    return {"path": db_path, "ids": (a1, a2, a3), "audits": audits}


async def started(path, **kw):
    ds = make_datasette(path, **kw)
    await ds.invoke_startup()
    return ds


def db_name(path) -> str:
    return Path(path).stem


async def query_rows(ds, db: str, query: str, **params) -> list[dict]:
    response = await ds.client.get(f"/{db}/{query}.json", params={**params, "_shape": "array"})
    assert response.status_code == 200, response.text[:500]
    return response.json()


# --- metadata ----------------------------------------------------------------------

def test_metadata_file_is_valid_json_with_title():
    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    assert metadata["title"]
    assert set(metadata["databases"]["attribution"]["queries"]) == {
        "claims_of_source", "anonymous_uncorroborated", "label_share_by_outlet",
        "headline_anonymous_body", "claims_by_label",
    }


def test_metadata_describes_every_table_and_column_of_the_schema():
    tables = json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["attribution"]["tables"]
    for table, (columns, *_rest) in TABLES.items():
        assert tables[table].get("description"), table
        described = tables[table]["columns"]
        assert set(described) == set(columns), table
    assert tables["_attribution_meta"]["hidden"] is True


def test_metadata_columns_exist_in_the_real_schema(db_path):
    db = open_db(db_path)
    tables = json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["attribution"]["tables"]
    for name, meta in tables.items():
        if "columns" not in meta:
            continue
        assert name in db.table_names() or name in VIEWS, name
        have = set(db[name].columns_dict) if name in db.table_names() else set(db.view(name).columns_dict)
        assert set(meta["columns"]) <= have, (name, set(meta["columns"]) - have)
        for facet in meta.get("facets", []):
            column = facet["array"] if isinstance(facet, dict) else facet
            assert column in have, (name, column)
        assert meta.get("label_column", next(iter(have))) in have


def test_metadata_renamed_to_the_served_database():
    metadata = load_metadata("seeded")
    assert "seeded" in metadata["databases"] and "attribution" not in metadata["databases"]
    assert metadata["allow_sql"] is False
    assert "allow_sql" not in load_metadata("seeded", allow_sql=True)


def test_missing_metadata_file_is_one_line_error(tmp_path):
    with pytest.raises(ServeError, match="metadata file not found"):
        load_metadata("x", path=tmp_path / "nope.json")


@pytest.mark.asyncio
async def test_index_shows_title_and_links_the_article_pages(sample_db):
    ds = await started(sample_db["path"])
    response = await ds.client.get("/")
    assert response.status_code == 200
    assert "Attribution: who stands behind every claim" in response.text
    assert 'href="/-/attribution"' in response.text
    assert 'href="/-/attribution/charts"' in response.text
    assert (await ds.client.get("/-/metadata.json")).json()["title"].startswith("Attribution")


@pytest.mark.asyncio
async def test_facets_from_metadata(sample_db):
    ds = await started(sample_db["path"])
    name = db_name(sample_db["path"])
    claims = (await ds.client.get(f"/{name}/claims.json")).json()
    assert {"label", "part", "source_kind", "cue_stance", "rules"} <= set(claims["facet_results"])
    labels = {f["value"]: f["count"] for f in claims["facet_results"]["label"]["results"]}
    assert labels == {"editorial-framing": 4, "named-official": 2, "anonymous-source": 3}
    articles = (await ds.client.get(f"/{name}/articles.json")).json()
    assert {f["value"] for f in articles["facet_results"]["outlet"]["results"]} == {
        "Daily Example", "Other Times", "Example Gazette"}
    view = (await ds.client.get(f"/{name}/claims_view.json")).json()
    assert "outlet" in view["facet_results"]
    sources = (await ds.client.get(f"/{name}/sources.json")).json()
    assert "kind" in sources["facet_results"]


@pytest.mark.asyncio
async def test_hidden_tables_not_listed(sample_db):
    ds = await started(sample_db["path"])
    name = db_name(sample_db["path"])
    tables = {t["name"]: t["hidden"] for t in (await ds.client.get(f"/{name}.json")).json()["tables"]}
    assert tables["_attribution_meta"] is True
    assert all(hidden for t, hidden in tables.items() if "_fts" in t)
    assert tables["claims"] is False


# --- canned queries ------------------------------------------------------------

@pytest.mark.asyncio
@pytest.mark.parametrize("source, expected", [
    ("lopez", {(1, "Daily Example", "direct"), (1, "Other Times", "direct")}),
    ("MARIA LOPEZ", {(1, "Daily Example", "direct"), (1, "Other Times", "direct")}),
    ("daily example", {(2, "Daily Example", "in chain")}),
    ("nobody at all", set()),
    ("", set()),
])
async def test_claims_of_source(sample_db, source, expected):
    ds = await started(sample_db["path"])
    rows = await query_rows(ds, db_name(sample_db["path"]), "claims_of_source", source=source)
    assert {(int(r["claim_id"].split(":")[1]), r["outlet"], r["via"]) for r in rows} == expected


@pytest.mark.asyncio
@pytest.mark.parametrize("label, count", [
    ("anonymous-source", 3), ("named-official", 2), ("editorial-framing", 4), ("no-such-label", 0),
])
async def test_claims_by_label(sample_db, label, count):
    ds = await started(sample_db["path"])
    rows = await query_rows(ds, db_name(sample_db["path"]), "claims_by_label", label=label)
    assert len(rows) == count
    assert all(r["label"] == label for r in rows)


@pytest.mark.asyncio
async def test_anonymous_uncorroborated(sample_db):
    a1, a2, a3 = sample_db["ids"]
    ds = await started(sample_db["path"])
    rows = await query_rows(ds, db_name(sample_db["path"]), "anonymous_uncorroborated")
    # a2:2 is corroborated by a named claim; a1:2 only by another anonymous one.
    assert {r["claim_id"] for r in rows} == {f"{a1}:2", f"{a3}:1"}


@pytest.mark.asyncio
async def test_label_share_by_outlet(sample_db):
    ds = await started(sample_db["path"])
    rows = await query_rows(ds, db_name(sample_db["path"]), "label_share_by_outlet")
    shares = {(r["outlet"], r["label"]): (r["claims"], r["share_pct"]) for r in rows}
    assert shares[("Daily Example", "editorial-framing")] == (2, 50.0)
    assert shares[("Daily Example", "named-official")] == (1, 25.0)
    assert shares[("Other Times", "anonymous-source")] == (1, 33.3)
    for outlet in ("Daily Example", "Other Times", "Example Gazette"):
        assert sum(p for (o, _), (_, p) in shares.items() if o == outlet) == pytest.approx(100, abs=0.2)


@pytest.mark.asyncio
async def test_headline_anonymous_body(sample_db):
    a3 = sample_db["ids"][2]
    ds = await started(sample_db["path"])
    rows = await query_rows(ds, db_name(sample_db["path"]), "headline_anonymous_body")
    assert [r["article_id"] for r in rows] == [a3]
    row = rows[0]
    assert row["headline_label"] == "editorial-framing"
    assert row["shared_entities"] == "Harbour Tunnel"
    assert {"harbour", "tunnel", "contract", "cancelled"} <= set(row["shared_words"].split("; "))


# --- cells ------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_label_badges_and_json_cells_rendered(sample_db):
    ds = await started(sample_db["path"])
    name = db_name(sample_db["path"])
    html = (await ds.client.get(f"/{name}/claims?_size=100")).text
    for label in ("named-official", "anonymous-source", "editorial-framing"):
        assert f'<span class="attr-badge label-{label}">{label}</span>' in html
    assert '<code class="attr-rule">anon-officials</code>' in html
    assert "&ldquo;reckless&rdquo; <small>loaded, loaded-words</small>" in html
    assert "Daily Example (outlet) &rarr; two city officials (anonymous)" in html
    assert "/-/attribution/article/" in html
    articles = (await ds.client.get(f"/{name}/articles")).text
    a1 = sample_db["ids"][0]
    assert f'<a href="/-/attribution/article/{a1}?db={name}">Harbour Bridge Will Close</a>' in articles


@pytest.mark.parametrize("column, value, expected", [
    ("rules", '["<script>x</script>"]', "&lt;script&gt;x&lt;/script&gt;"),
    ("markers", '[{"text": "<img src=x>", "kind": "loaded", "rule": "r\\"1"}]', "&lt;img src=x&gt;"),
    ("chain", '[{"name": "<b>Bob</b>", "kind": "person"}]', "&lt;b&gt;Bob&lt;/b&gt; (person)"),
    ("entities", '["A&B"]', "A&amp;B"),
])
def test_render_cell_escapes(column, value, expected):
    out = plugin.render_cell(row={}, value=value, column=column, table="claims", database="d", datasette=None)
    assert isinstance(out, Markup)
    assert expected in out
    assert "<script>" not in out and "<img" not in out and "<b>" not in out


def test_render_cell_leaves_other_values_alone():
    assert plugin.render_cell(row={}, value="not json", column="rules", table="claims", database="d",
                              datasette=None) is None
    assert plugin.render_cell(row={}, value="other", column="label", table="t", database="d",
                              datasette=None) is None
    assert plugin.render_cell(row={}, value='["x"]', column="rules", table="elsewhere", database="d",
                              datasette=None) is None


# --- the article page and charts ---------------------------------------------------

@pytest.mark.asyncio
async def test_article_page_highlights_claims(sample_db):
    a1, a2, _ = sample_db["ids"]
    ds = await started(sample_db["path"])
    name = db_name(sample_db["path"])
    response = await ds.client.get(f"/-/attribution/article/{a1}")
    assert response.status_code == 200
    html = response.text
    assert len(re.findall(r'<mark class="claim label-', html)) == 4
    assert '<mark class="claim label-named-official" id="claim-1"' in html
    assert '<mark class="claim label-anonymous-source" id="claim-2"' in html
    assert '<span class="attr-source" title="source">Mayor Maria Lopez</span>' in html
    assert '<span class="attr-cue" title="cue">said</span>' in html
    assert '<span class="attr-marker" title="loaded: loaded-words">reckless</span>' in html
    assert "source: Maria Lopez (person) · cue: said (neutral) · rules: cue-say" in html
    assert f"/{name}/claims?source_id=" in html
    # a1:1 (named) corroborates a2:2; the link is shown from a1's side too.
    assert f"/-/attribution/article/{a2}?db={name}#claim-2" in html
    assert "Harbour Bridge Will Close" in html and "Daily Example" in html


@pytest.mark.asyncio
async def test_article_page_of_linked_article(sample_db):
    a1, a2, _ = sample_db["ids"]
    ds = await started(sample_db["path"])
    html = (await ds.client.get(f"/-/attribution/article/{a2}")).text
    assert f"/-/attribution/article/{a1}?db={db_name(sample_db['path'])}#claim-1" in html
    assert "corroborated by" in html


@pytest.mark.asyncio
@pytest.mark.parametrize("path, status", [
    ("/-/attribution/article/0000000000000000", 404),
    ("/-/attribution/article/bad%3Cid%3E", 404),
    ("/-/attribution/article/x?db=nosuchdb", 404),
])
async def test_article_page_not_found(sample_db, path, status, capsys):
    ds = await started(sample_db["path"])
    response = await ds.client.get(path, follow_redirects=True)
    assert response.status_code == status
    # Datasette's error page says what is missing, and no traceback is printed for an ordinary 404
    assert "Error 404" in response.text and ("No " in response.text or "Not an article id" in response.text)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.asyncio
async def test_charts_page_is_inline_svg(sample_db):
    ds = await started(sample_db["path"])
    response = await ds.client.get("/-/attribution/charts")
    assert response.status_code == 200
    html = response.text
    assert html.count("<svg class=\"attr-chart\"") == 2
    for outlet in ("Daily Example", "Other Times", "Example Gazette"):
        assert outlet in html
    assert "Maria Lopez" in html and "two city officials" in html
    assert "Daily Example: editorial-framing 2 of 4 (50.0%)" in html
    assert "<script src" not in html and "https://" not in html.split("<footer")[0]


@pytest.mark.asyncio
async def test_articles_index_page(sample_db):
    ds = await started(sample_db["path"])
    html = (await ds.client.get("/-/attribution")).text
    for audit in sample_db["audits"]:
        assert f"/-/attribution/article/{audit.article.id}" in html


@pytest.mark.asyncio
async def test_css_served(sample_db):
    ds = await started(sample_db["path"])
    response = await ds.client.get("/-/attribution/static/attribution.css")
    assert response.status_code == 200
    assert ".attr-badge.label-anonymous-source" in response.text
    assert (await ds.client.get("/-/attribution/static/../datasette_plugin.py")).status_code == 404


# --- hostile input --------------------------------------------------------------

@pytest.mark.asyncio
async def test_hostile_article_is_escaped(tmp_path, db_path, engine):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    result = ingest([path], db_path, engine)
    assert not result.errors and result.stored == 1
    db = open_db(db_path)
    article_id = db.execute("select id from articles").fetchone()[0]
    db.close()
    ds = await started(db_path)
    pages = [f"/-/attribution/article/{article_id}", "/attribution/articles", "/attribution/claims",
             "/-/attribution", "/-/attribution/charts"]
    for page in pages:
        response = await ds.client.get(page)
        assert response.status_code == 200, page
        html = response.text
        assert "<script>alert(1)" not in html, page
        assert "<img src=x" not in html, page
        assert "<b>disgrace" not in html, page
    html = (await ds.client.get(pages[0])).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert '<mark class="claim' in html


@pytest.mark.asyncio
async def test_hostile_metadata_fields_are_escaped(db_path):
    text = "Plain headline\n\nA named man said hello."
    article = Article(text=text, parts=[Part("body", 0, len(text), text)], title="<script>t()</script>",
                      outlet="<i>Outlet</i>", byline="<svg onload=x()>")
    src = Source(text="A named man", start=16, end=27, name="<b>Man</b>", kind="person")
    claim = Claim(id=f"{article.id}:0", index=0, part="body", start=16, end=len(text), text=text[16:],
                  label="named-official", source=src, chain=[src], rules=["<rule>"],
                  markers=[Marker("<x>", 16, 17, "loaded", "<r>")])
    db = open_db(db_path)
    store_audit(db, Audit(article=article, claims=[claim], skipped=[]), model="m", rules_version="v")
    db.close()
    ds = await started(db_path)
    for page in (f"/-/attribution/article/{article.id}", "/attribution/articles", "/attribution/claims",
                 "/-/attribution", "/-/attribution/charts"):
        html = (await ds.client.get(page)).text
        for raw in ("<script>t()", "<i>Outlet", "<svg onload", "<b>Man", "<rule>", "<x>", "<r>"):
            assert raw not in html, (page, raw)
    html = (await ds.client.get(f"/-/attribution/article/{article.id}")).text
    assert "&lt;script&gt;t()&lt;/script&gt;" in html and "&lt;b&gt;Man&lt;/b&gt;" in html


# --- serve settings ---------------------------------------------------------------

@pytest.mark.asyncio
async def test_database_is_immutable_and_download_off(sample_db):
    ds = await started(sample_db["path"])
    name = db_name(sample_db["path"])
    assert ds.databases[name].is_mutable is False
    assert ds.setting("allow_download") is False
    assert (await ds.client.get(f"/{name}.db")).status_code in (403, 404)
    html = (await ds.client.get(f"/{name}")).text
    assert f'href="/{name}.db"' not in html


@pytest.mark.asyncio
@pytest.mark.parametrize("allow_sql, status", [(False, 403), (True, 200)])
async def test_arbitrary_sql_only_with_allow_sql(sample_db, allow_sql, status):
    ds = await started(sample_db["path"], allow_sql=allow_sql)
    name = db_name(sample_db["path"])
    assert (await ds.client.get(f"/{name}?sql=select+1")).status_code == status
    assert (await ds.client.get(f"/{name}.json?sql=select+1&_shape=array")).status_code == status
    # Canned queries work either way.
    assert (await ds.client.get(f"/{name}/claims_by_label?label=named-official")).status_code == 200


def test_build_datasette_args_defaults(tmp_path):
    args = build_datasette_args(tmp_path / "a.db")
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert args[args.index("--port") + 1] == "8001"
    assert args[args.index("-i") + 1] == str(tmp_path / "a.db")
    assert args[args.index("-m") + 1] == str(METADATA)
    assert "allow_download off" in " ".join(args)
    assert "default_allow_sql off" in " ".join(args)
    assert "default_allow_sql on" in " ".join(build_datasette_args("a.db", allow_sql=True))


def test_serve_missing_db_is_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {tmp_path / 'missing.db'}: no such database (run: attribution ingest <files> --db {tmp_path / 'missing.db'})"
    ]


@pytest.mark.parametrize("content, message", [
    (b"not a database at all" * 100, "not a SQLite database"),
    (None, "no articles or claims table"),
])
def test_serve_bad_db_is_one_line_error(tmp_path, content, message):
    path = tmp_path / "bad.db"
    if content is None:
        import sqlite3

        sqlite3.connect(path).execute("create table other (x)").connection.close()
    else:
        path.write_bytes(content)
    result = CliRunner().invoke(cli, ["serve", "--db", str(path)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert message in result.output


def test_serve_help_has_example():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "attribution serve --db attribution.db" in result.output
    assert "127.0.0.1" in result.output


# --- the seeds, structure only ------------------------------------------------------

@pytest.mark.asyncio
async def test_seeded_database_pages(seeded_db):
    ds = await started(seeded_db)
    name = db_name(seeded_db)
    assert (await ds.client.get("/")).status_code == 200
    articles = await query_rows(ds, name, "articles", _col="id", _nocol="text")
    assert articles
    for query in ("claims_of_source?source=a", "anonymous_uncorroborated", "label_share_by_outlet",
                  "headline_anonymous_body", "claims_by_label?label=editorial-framing"):
        response = await ds.client.get(f"/{name}/{query.replace('?', '.json?_shape=array&') if '?' in query else query + '.json?_shape=array'}")
        assert response.status_code == 200, (query, response.text[:300])
        assert isinstance(response.json(), list)
    shares = await query_rows(ds, name, "label_share_by_outlet")
    assert sum(r["claims"] for r in shares) == sum(a["claims"] for a in await query_rows(ds, name, "articles"))
    db = open_db(seeded_db)
    for article in articles:
        html = (await ds.client.get(f"/-/attribution/article/{article['id']}")).text
        placed = sum(1 for c in db["claims"].rows_where("article_id = ?", [article["id"]])
                     if db["articles"].get(article["id"])["text"][c["start"]:c["end"]] == c["text"])
        assert html.count('<mark class="claim label-') == placed
    db.close()
    assert (await ds.client.get("/-/attribution/charts")).status_code == 200


@pytest.mark.asyncio
async def test_nested_chain_marks_every_link(seeded_db):
    """'sources told NBC News': the anonymous sources and the outlet they told are both marked."""
    ds = await started(seeded_db)
    db = open_db(seeded_db)
    article_id = next(db.query("select id from articles where syndicated_from = 'NBCNews.com'"))["id"]
    db.close()
    html = (await ds.client.get(f"/-/attribution/article/{article_id}")).text
    assert '<span class="attr-source" title="source">sources</span>' in html
    assert '<span class="attr-source" title="outer source">NBC News</span>' in html
    assert '<span class="attr-source" title="source">two U.S. officials</span>' in html


@pytest.mark.asyncio
@pytest.mark.parametrize("url, linked", [
    ("javascript:alert(3)", False),
    (" JavaScript:alert(3)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("https://example.org/story", True),
])
async def test_article_page_links_only_web_addresses(tmp_path, engine, url, linked):
    from attribution.read import read_text

    path = str(tmp_path / "hostile.db")
    db = open_db(path)
    article = read_text("Bridge Closes\n\nOfficials said the bridge would close.", url=url)
    store_audit(db, engine.audit(article), model="test", rules_version="test")
    db.close()
    ds = await started(path)
    html = (await ds.client.get(f"/-/attribution/article/{article.id}")).text
    assert ('href="https://example.org/story"' in html) is linked
    assert 'href="javascript:' not in html.lower() and 'href=" javascript:' not in html.lower()
    assert 'href="data:' not in html
