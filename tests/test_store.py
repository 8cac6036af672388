import json
import sqlite3
import sys
import types
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from attribution import store
from attribution.cli import cli
from attribution.read import read_paths
from attribution.store import SCHEMA_VERSION, StoreError, ingest, open_db, source_id, store_audit

MY_ARTICLE = (
    "Ferry Service Returns to the Island\n\n"
    "The harbour master, Jonas Berg, said the first ferry would sail on Monday.\n\n"
    "Several residents described the long wait as a scandal."
)


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def counts(db) -> dict:
    return {t: db[t].count for t in ("articles", "claims", "sources", "claim_sources", "links", "rules")}


def test_open_db_creates_schema(db_path):
    db = open_db(db_path)
    assert {"articles", "claims", "sources", "claim_sources", "rules", "links", "_attribution_meta"} <= set(
        db.table_names())
    assert {"claims_view", "source_claim_counts"} <= set(db.view_names())
    assert db["claims"].detect_fts() == "claims_fts"
    assert db["articles"].detect_fts() == "articles_fts"
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version(db) == SCHEMA_VERSION
    fks = {(fk.column, fk.other_table) for fk in db["claims"].foreign_keys}
    assert fks == {("article_id", "articles"), ("source_id", "sources")}
    assert {(fk.column, fk.other_table) for fk in db["links"].foreign_keys} == {
        ("claim_id", "claims"), ("other_claim_id", "claims")}
    indexed = {tuple(i.columns) for i in db["claims"].indexes}
    for col in ("label", "article_id", "source_id", "source_kind", "cue_stance", "part"):
        assert (col,) in indexed
    assert {("outlet",), ("published",), ("path",)} <= {tuple(i.columns) for i in db["articles"].indexes}
    assert ("relation",) in {tuple(i.columns) for i in db["links"].indexes}
    assert ("kind",) in {tuple(i.columns) for i in db["sources"].indexes}
    assert db["claims"].columns_dict.keys() >= {"corroborations", "conflicts", "chain", "markers", "signals"}


def test_open_db_twice_is_harmless(db_path):
    open_db(db_path).close()
    db = open_db(db_path)
    assert store.schema_version(db) == SCHEMA_VERSION


def test_open_db_missing_without_create(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        open_db(tmp_path / "nothing.db", create=False)


def test_open_db_upgrades_older_database_in_place(db_path):
    old = sqlite_utils.Database(db_path)
    old["articles"].insert({"id": "a1", "path": "old.txt", "text": "Old text."}, pk="id")
    old.close()
    db = open_db(db_path)
    assert store.schema_version(db) == SCHEMA_VERSION
    assert "rules_version" in db["articles"].columns_dict
    assert list(db.query("select id, path, text from articles")) == [
        {"id": "a1", "path": "old.txt", "text": "Old text."}]
    assert list(db["articles"].search("old"))[0]["id"] == "a1"  # FTS built over existing rows


def test_open_db_refuses_newer_schema(db_path):
    db = open_db(db_path)
    db["_attribution_meta"].upsert({"key": "schema_version", "value": "999"}, pk="key")
    db.close()
    with pytest.raises(StoreError, match="newer"):
        open_db(db_path)


def test_seeds_ingest_matches_audit(seeded_db, engine, seed_paths):
    db = open_db(seeded_db)
    assert db["articles"].count == 2
    audits = list(engine.audit_many([a for a in read_paths(seed_paths)]))
    assert sorted(r["id"] for r in db["articles"].rows) == sorted(a.article.id for a in audits)
    for audit in audits:
        rows = list(db.query("select * from claims where article_id = ? order by idx", [audit.article.id]))
        assert [(r["id"], r["idx"], r["text"], r["label"], r["start"], r["end"]) for r in rows] == [
            (c.id, c.index, c.text, c.label, c.start, c.end) for c in audit.claims]
        art = db["articles"].get(audit.article.id)
        assert art["claims"] == len(audit.claims)
        assert art["named_official"] + art["anonymous_source"] + art["editorial_framing"] == len(audit.claims)
        assert art["model"] == engine.model and art["rules_version"] == engine.rules.version
        assert not Path(art["path"]).is_absolute()
    assert db["rules"].count == len(engine.rules.rules)


def test_reingest_changes_nothing(seeded_db, engine, seed_paths):
    db = open_db(seeded_db)
    before = counts(db)
    stamps = list(db.query("select id, ingested_at from articles order by id"))
    db.close()
    result = ingest(seed_paths, seeded_db, engine)
    assert (result.stored, result.unchanged, result.errors) == (0, 2, [])
    db = open_db(seeded_db)
    assert counts(db) == before
    assert list(db.query("select id, ingested_at from articles order by id")) == stamps


def test_store_audit_same_article_returns_false(db_path, sample_audits):
    db = open_db(db_path)
    assert store_audit(db, sample_audits[0], model="m", rules_version="r") is True
    before = counts(db)
    assert store_audit(db, sample_audits[0], model="m", rules_version="r") is False
    assert counts(db) == before


def test_changed_article_at_same_path_replaces_rows(tmp_path, db_path, engine, sample_audits):
    path = write(tmp_path / "ferry.txt", MY_ARTICLE)
    first = ingest([path], db_path, engine)
    db = open_db(db_path)
    old_id = first.article_ids[0]
    # a link from another article's claim to one of the old claims must go with it
    store_audit(db, sample_audits[0], model="m", rules_version="r")
    other = f"{sample_audits[0].article.id}:1"
    db["links"].insert({"id": "l1", "claim_id": other, "other_claim_id": f"{old_id}:0", "relation": "corroborates"})
    db.close()

    write(tmp_path / "ferry.txt", MY_ARTICLE.replace("Monday", "Tuesday"))
    second = ingest([path], db_path, engine)
    assert second.stored == 1 and second.article_ids[0] != old_id
    db = open_db(db_path)
    ids = {r["id"] for r in db.query("select id from articles")}
    assert ids == {second.article_ids[0], sample_audits[0].article.id}
    assert db.execute("select count(*) from claims where article_id = ?", [old_id]).fetchone()[0] == 0
    assert db["links"].count == 0
    assert list(db["claims"].search("Tuesday"))
    assert not list(db["claims"].search("Monday"))
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sources_one_row_per_real_world_source(db_path, sample_audits):
    db = open_db(db_path)
    for audit in sample_audits:
        store_audit(db, audit, model="m", rules_version="r")
    names = sorted((r["name"], r["kind"], r["anonymous"]) for r in db["sources"].rows)
    # "Mayor Maria Lopez" and "Maria Lopez, the mayor" are one person; two articles' unnamed "two city
    # officials" are two sources (nothing says they are the same people)
    assert names == [("Daily Example", "outlet", 0), ("Maria Lopez", "person", 0),
                     ("two city officials", "anonymous", 1), ("two city officials", "anonymous", 1)]
    lopez = db["sources"].get(source_id(sample_audits[0].claims[1].source))
    assert lopez["role"] == "Mayor"
    chain = list(db.query("select position, s.name, cs.cue_lemma from claim_sources cs join sources s "
                          "on s.id = cs.source_id where claim_id = ? order by position",
                          [sample_audits[0].claims[2].id]))
    assert [(r["position"], r["name"], r["cue_lemma"]) for r in chain] == [
        (0, "Daily Example", "according to"), (1, "two city officials", "say")]
    stored = db["claims"].get(sample_audits[0].claims[3].id)
    assert json.loads(stored["markers"])[0]["kind"] == "loaded"
    assert json.loads(stored["rules"]) == ["loaded-words"]


@pytest.mark.parametrize("a, b, same", [
    (dict(name="Antony Blinken", kind="person"), dict(name="antony  blinken", kind="person"), True),
    (dict(name="The Pentagon", kind="government"), dict(name="Pentagon", kind="government"), True),
    (dict(name="Reuters", kind="outlet"), dict(name="Reuters", kind="organisation"), False),
    (dict(name="two U.S. officials", kind="anonymous", affiliation="U.S."),
     dict(name="two U.S. officials", kind="anonymous", affiliation="U.S."), True),
    (dict(name="two officials", kind="anonymous", affiliation="U.S."),
     dict(name="two officials", kind="anonymous", affiliation="British"), False),
    (dict(name="officials", kind="anonymous"), dict(name="officials", kind="group"), False),
])
def test_source_id(a, b, same):
    from attribution.model import Source

    sa, sb = Source(text=a["name"], start=0, end=1, **a), Source(text=b["name"], start=0, end=1, **b)
    assert (source_id(sa) == source_id(sb)) is same


def test_views_return_rows(db_path, sample_audits):
    db = open_db(db_path)
    for audit in sample_audits:
        store_audit(db, audit, model="m", rules_version="r")
    row = next(db.query("select * from claims_view where id = ?", [sample_audits[0].claims[1].id]))
    assert (row["article_title"], row["outlet"], row["published"], row["source_name"], row["source_kind"]) == (
        "Harbour Bridge Will Close", "Daily Example", "2024-03-01", "Maria Lopez", "person")
    counts_ = {r["name"]: r for r in db.query("select * from source_claim_counts")}
    assert counts_["Maria Lopez"]["named_official"] == 2 and counts_["Maria Lopez"]["outlets"] == 2
    # (each article's unnamed "two city officials" is a row of its own)
    officials = [r for r in db.query("select * from source_claim_counts where name = 'two city officials'")]
    assert [(r["anonymous_source"], r["articles"], r["count"], r["descriptor"]) for r in officials] == [
        (1, 1, "two", "officials")] * 2
    assert counts_["Daily Example"]["claims"] == 0  # only the outer source of a chain


def test_seeded_views_and_fts(seeded_db):
    db = open_db(seeded_db)
    assert db["claims_view"].count == db["claims"].count > 0
    assert db["source_claim_counts"].count == db["sources"].count
    hits = list(db["claims"].search("Blinken"))
    assert hits and all("blinken" in (h["text"] + (h["source_name"] or "")).lower() for h in hits)
    assert list(db["articles"].search("Kursk"))


def test_paths_stored_as_given(tmp_path, monkeypatch, engine):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    write(tmp_path / "in" / "a.txt", MY_ARTICLE)
    write(tmp_path / "b.txt", MY_ARTICLE + "\n\nA second invented paragraph ends here.")
    ingest(["in/a.txt", str(tmp_path / "b.txt")], "x.db", engine)
    db = open_db("x.db")
    assert sorted(r["path"] for r in db.query("select path from articles")) == ["b.txt", "in/a.txt"]


def test_no_partial_article_when_storing_fails(tmp_path, db_path, engine, monkeypatch):
    good = write(tmp_path / "good.txt", MY_ARTICLE)
    bad = write(tmp_path / "bad.txt", "Bad Headline\n\nA city spokesperson said nothing at all.")
    real = store.claim_source_rows

    def broken(claim_id, claim, article_id=None):
        if "spokesperson" in claim.text or "Bad" in claim.text:
            raise sqlite3.IntegrityError("simulated failure")
        return real(claim_id, claim, article_id)

    monkeypatch.setattr(store, "claim_source_rows", broken)
    result = ingest([bad, good], db_path, engine)
    assert [e.path for e in result.errors] == [bad]
    assert "simulated failure" in result.errors[0].message
    db = open_db(db_path)
    assert [r["path"] for r in db.query("select path from articles")] == [store.stored_path(good)]
    assert db.execute("select count(*) from claims where text like '%spokesperson%'").fetchone()[0] == 0


def test_ingest_cli_bad_file_in_batch(tmp_path, engine, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "good.txt", MY_ARTICLE)
    write(tmp_path / "empty.txt", "")
    result = CliRunner().invoke(cli, ["ingest", "empty.txt", "good.txt", "missing.txt"])
    assert result.exit_code == 1
    assert "error: empty.txt: " in result.stderr
    assert "error: missing.txt: " in result.stderr
    assert result.stdout.startswith("Ingested 1 article (0 unchanged), ")
    assert "2 errors into attribution.db" in result.stdout
    db = open_db("attribution.db")
    assert [r["path"] for r in db.query("select path from articles")] == ["good.txt"]


def test_ingest_cli_summary_and_rerun(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", MY_ARTICLE)
    first = CliRunner().invoke(cli, ["ingest", "a.txt", "--db", "c.db"])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(cli, ["ingest", "a.txt", "--db", "c.db"])
    assert again.exit_code == 0
    assert again.stdout.startswith("Ingested 1 article (1 unchanged), ")
    assert again.stdout.rstrip().endswith("0 errors into c.db")


def test_ingest_cli_unwritable_db(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "x.txt", "--db", str(tmp_path / "no" / "such" / "x.db")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_after_store_calls_link_and_credibility(db_path, sample_audits, monkeypatch):
    calls = []
    link = types.ModuleType("attribution.link")
    link.link_new = lambda db, ids: calls.append(("link", list(ids)))
    cred = types.ModuleType("attribution.credibility")
    cred.score_db = lambda db, ids: calls.append(("credibility", list(ids)))
    monkeypatch.setitem(sys.modules, "attribution.link", link)
    monkeypatch.setitem(sys.modules, "attribution.credibility", cred)
    db = open_db(db_path)
    assert store.after_store(db, ["x"]) == []
    assert calls == [("link", ["x"]), ("credibility", ["x"])]
    assert store.after_store(db, []) == [] and len(calls) == 2


def test_after_store_reports_failure(db_path, monkeypatch):
    link = types.ModuleType("attribution.link")

    def boom(db, ids):
        raise RuntimeError("no index")

    link.link_new = boom
    monkeypatch.setitem(sys.modules, "attribution.link", link)
    monkeypatch.setitem(sys.modules, "attribution.credibility", types.ModuleType("attribution.credibility"))
    errors = store.after_store(open_db(db_path), ["x"])
    assert [str(e) for e in errors] == ["link.link_new: RuntimeError: no index"]


def test_a_changed_file_replaces_rows_an_older_version_stored(tmp_path, db_path, engine, monkeypatch):
    # versions before path_key stored a file outside the working folder as "../.../ferry.txt"
    news = tmp_path / "news"
    news.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    path = write(news / "ferry.txt", MY_ARTICLE)
    first = ingest([path], db_path, engine)
    db = open_db(db_path)
    db.execute("update articles set path_key = null, path = ?", [store._legacy_path(path)])
    db.conn.commit()
    assert db.execute("select path from articles").fetchone()[0].startswith("..")
    db.close()
    write(news / "ferry.txt", MY_ARTICLE.replace("Monday", "Tuesday"))
    second = ingest([path], db_path, engine)
    db = open_db(db_path)
    assert [r["id"] for r in db.query("select id from articles")] == second.article_ids != first.article_ids


def test_paths_above_the_working_folder_are_stored_without_them(tmp_path, monkeypatch):
    work = tmp_path / "home" / "alice" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    assert store.stored_path("../news/a.txt", "../news") == "news/a.txt"
    assert store.stored_path("../../alice/news/a.txt") == "a.txt"
    assert store.stored_path("news/a.txt") == "news/a.txt"
    assert store.path_key("/x/a.txt", "salt1") != store.path_key("/x/a.txt", "salt2")


def test_unresolved_pronouns_and_bylineless_writers_stay_in_their_article(db_path, engine):
    from attribution.model import Article, Part

    def art(text, id, byline=None):
        return Article(text=text, parts=[Part("body", 0, len(text), text)], id=id, byline=byline)

    db = open_db(db_path)
    for a in (art("She said the bridge would close. I think that is wrong.", "a1"),
              art("She said the budget was balanced. I think that is right.", "a2"),
              art("I think the vote was fair.", "a3", byline="Jane Roe"),
              art("I doubt the vote was fair.", "a4", byline="Jane Roe")):
        store_audit(db, engine.audit(a), model="m", rules_version="r")
    rows = sorted((r["name"], r["kind"]) for r in db["sources"].rows)
    # two articles' "She" are two sources, so are their bylineless writers; one byline author is one source
    assert rows == [("Jane Roe", "writer"), ("She", "person"), ("She", "person"),
                    ("the writer", "writer"), ("the writer", "writer")]


def test_feeds_that_number_their_records_alike_keep_every_record(tmp_path, db_path, engine):
    # two feeds (and the next day's file of the first) that all number their records from 1
    a = write(tmp_path / "feedA.jsonl", json.dumps({"id": 1, "text": "The governor said the bridge would reopen.",
                                                    "title": "Bridge", "outlet": "Daily Planet"}) + "\n")
    b = write(tmp_path / "feedB.jsonl", json.dumps({"id": 1, "text": "Police said a man was arrested on Friday.",
                                                    "title": "Arrest", "outlet": "Gazette"}) + "\n")
    first = ingest([a, b], db_path, engine)
    assert (first.stored, first.unchanged, first.errors) == (2, 0, [])
    c = write(tmp_path / "feedA-day2.jsonl", json.dumps({"id": 1, "text": "The senator said the tax bill would pass.",
                                                         "title": "Tax", "outlet": "Daily Planet"}) + "\n")
    assert ingest([c], db_path, engine).stored == 1
    db = open_db(db_path)
    rows = db.execute("SELECT title, outlet, record_id FROM articles ORDER BY title").fetchall()
    assert rows == [("Arrest", "Gazette", "1"), ("Bridge", "Daily Planet", "1"), ("Tax", "Daily Planet", "1")]
    # the same records again change nothing
    again = ingest([a, b, c], db_path, engine)
    assert (again.stored, again.unchanged) == (0, 3)


@pytest.mark.parametrize("urls", [("https://planet.example/1", "https://gazette.example/7"),
                                  ("https://apnews.com/article/abc", "https://apnews.com/article/abc")])
def test_one_wire_story_in_two_outlets_is_two_articles_linked_as_copies(tmp_path, db_path, engine, urls):
    text = ("Bridge Reopens After Repairs\n\n"
            "The governor said on Monday that the Harbor Bridge would reopen in June after $40 million of repairs. "
            "Two state officials said the work had been delayed by a shortage of steel.")
    feed = write(tmp_path / "wire.jsonl", "".join(
        json.dumps({"text": text, "outlet": outlet, "url": url}) + "\n"
        for outlet, url in zip(("Daily Planet", "Gotham Gazette"), urls)))
    result = ingest([feed], db_path, engine)
    assert (result.stored, result.unchanged) == (2, 0)
    db = open_db(db_path)
    assert sorted(r[0] for r in db.execute("SELECT outlet FROM articles")) == ["Daily Planet", "Gotham Gazette"]
    relations = {r[0] for r in db.execute("SELECT relation FROM links")}
    assert relations == {"copy"}


def test_unnamed_and_unresolved_sources_stay_in_their_article(db_path, engine):
    from attribution.model import Article, Part

    def art(text, id):
        return Article(text=text, parts=[Part("body", 0, len(text), text)], id=id)

    db = open_db(db_path)
    for a in (art("The mayor said the city would fix every pothole. Two officials said the budget was short. "
                  "Police said a man was arrested. The Pentagon declined to comment.", "springfield"),
              art("The mayor said the library would open in May. Two officials said it cost $40 million. "
                  "Police said the road was closed. The Pentagon declined to comment.", "shelbyville")):
        store_audit(db, engine.audit(a), model="m", rules_version="r")
    per_article = {}
    for r in db.query("select s.name, count(distinct c.article_id) as n from sources s "
                      "join claims c on c.source_id = s.id group by s.id"):
        per_article.setdefault(r["name"], []).append(r["n"])
    # two towns' mayors, officials and police are not one source; the Pentagon is
    assert sorted(per_article["the mayor"]) == [1, 1]
    assert sorted(per_article["two officials"]) == [1, 1]
    assert sorted(per_article["Police"]) == [1, 1]
    assert per_article["Pentagon"] == [2]
