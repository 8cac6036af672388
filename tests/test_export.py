import csv
import io
import json

import pytest
from click.testing import CliRunner

from attribution.cli import cli
from attribution.export import (
    ARTICLE_COLUMNS, CLAIM_COLUMNS, COLUMNS, LINK_COLUMNS, SOURCE_COLUMNS, claim_rows_from_audit, iter_rows, write,
)
from attribution.store import open_db, store_audit


@pytest.fixture
def sample_db(db_path, sample_audits):
    db = open_db(db_path)
    for audit in sample_audits:
        store_audit(db, audit, model="m", rules_version="r")
    a, b = sample_audits
    db["links"].insert({"id": "l1", "claim_id": a.claims[1].id, "other_claim_id": b.claims[1].id,
                        "article_id": a.article.id, "other_article_id": b.article.id,
                        "relation": "corroborates", "score": 0.8, "scorer": "test",
                        "evidence": json.dumps({"entities": ["Maria Lopez"]}), "created": "2024-03-06"})
    db.close()
    return db_path


def export(*args):
    return CliRunner().invoke(cli, ["export", *args])


def test_a_claim_row_names_its_claim_and_article(sample_db, sample_audits):
    rows = list(iter_rows(open_db(sample_db), "claims"))
    claim = sample_audits[0].claims[1]
    row = next(r for r in rows if r["claim_id"] == claim.id)
    # the links export names claims by claim_id; url and path lead back to the article
    assert (row["article_id"], row["claim_index"]) == (sample_audits[0].article.id, 1)
    assert row["url"] == sample_audits[0].article.url


def test_claim_columns_are_stable():
    assert CLAIM_COLUMNS[:8] == ("article_id", "outlet", "published", "title", "claim_index", "part", "claim",
                                 "label")
    assert CLAIM_COLUMNS[19:23] == ("transparency", "corroboration", "corroborations", "conflicts")
    assert CLAIM_COLUMNS[23:] == ("claim_id", "url", "path")  # new columns only ever go at the end
    for cols in COLUMNS.values():
        assert len(set(cols)) == len(cols)


def test_export_csv_one_row_per_claim(seeded_db):
    result = export("--db", seeded_db)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CLAIM_COLUMNS
    db = open_db(seeded_db)
    assert len(rows) - 1 == db["claims"].count
    texts = {r[CLAIM_COLUMNS.index("claim")] for r in rows[1:]}
    assert texts == {r["text"] for r in db.query("select text from claims")}


@pytest.mark.parametrize("args, expected", [
    ([], 7),
    (["--label", "named-official"], 2),
    (["--label", "anonymous-source"], 2),
    (["--outlet", "daily example"], 4),
    (["--source", "Maria Lopez"], 2),
    (["--source", "Daily Example"], 1),  # the outer source of a nested chain
    (["--source", "Daily Example", "--label", "named-official"], 0),
])
def test_export_claim_filters(sample_db, args, expected):
    result = export("--db", sample_db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == expected
    assert all(list(r) == list(CLAIM_COLUMNS) for r in rows)


def test_export_claim_row_content(sample_db, sample_audits):
    db = open_db(sample_db)
    rows = {r["claim"]: r for r in iter_rows(db, "claims")}
    nested = rows[sample_audits[0].claims[2].text]
    assert nested["chain"] == "Daily Example > two city officials"
    assert nested["rules"] == "cue-say,anon-officials"
    assert (nested["source_name"], nested["source_kind"], nested["source_count"], nested["stance"]) == (
        "two city officials", "anonymous", "two", "neutral")
    framed = rows[sample_audits[0].claims[3].text]
    assert framed["markers"] == "reckless (loaded)"
    assert (framed["outlet"], framed["published"], framed["title"]) == (
        "Daily Example", "2024-03-01", "Harbour Bridge Will Close")
    assert rows[sample_audits[0].claims[1].text]["corroborations"] == 0


def test_claim_rows_from_audit_match_database(sample_db, sample_audits):
    db = open_db(sample_db)
    audit = sample_audits[0]
    from_db = [r for r in iter_rows(db, "claims") if r["article_id"] == audit.article.id]
    assert list(claim_rows_from_audit(audit)) == from_db


@pytest.mark.parametrize("what, args, expected", [
    ("sources", [], {"Maria Lopez", "two city officials", "Daily Example"}),
    ("sources", ["--label", "anonymous-source"], {"two city officials"}),
    ("sources", ["--outlet", "Other Times"], {"Maria Lopez", "two city officials"}),
    ("sources", ["--source", "maria lopez"], {"Maria Lopez"}),
    ("articles", [], {"Harbour Bridge Will Close", "Bridge Repairs Begin"}),
    ("articles", ["--outlet", "Other Times"], {"Bridge Repairs Begin"}),
    ("articles", ["--source", "Daily Example"], {"Harbour Bridge Will Close"}),
    ("links", [], {"l1"}),
    ("links", ["--label", "anonymous-source"], set()),
    ("links", ["--outlet", "Other Times"], {"l1"}),
])
def test_export_other_tables(sample_db, what, args, expected):
    result = export("--db", sample_db, "--what", what, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert all(tuple(r) == COLUMNS[what] for r in rows)
    key = {"sources": "name", "articles": "title", "links": "link_id"}[what]
    assert {r[key] for r in rows} == expected


def test_export_source_counts(sample_db):
    rows = {r["name"]: r for r in iter_rows(open_db(sample_db), "sources")}
    assert tuple(next(iter(rows.values()))) == SOURCE_COLUMNS
    assert (rows["Maria Lopez"]["claims"], rows["Maria Lopez"]["named_official"], rows["Maria Lopez"]["outlets"]) == (
        2, 2, 2)
    # how many unnamed sources and what they are called, as the sources table holds them
    assert (rows["two city officials"]["count"], rows["two city officials"]["descriptor"]) == ("two", "officials")


def test_export_link_row(sample_db, sample_audits):
    (row,) = iter_rows(open_db(sample_db), "links")
    assert tuple(row) == LINK_COLUMNS
    assert (row["relation"], row["outlet"], row["other_outlet"], row["claim"]) == (
        "corroborates", "Daily Example", "Other Times", sample_audits[0].claims[1].text)


def test_export_to_file_utf8(sample_db, tmp_path):
    out = tmp_path / "articles.csv"
    result = export("--db", sample_db, "--what", "articles", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert tuple(rows[0]) == ARTICLE_COLUMNS and len(rows) == 2


def test_export_empty_csv_has_header(db_path):
    open_db(db_path).close()
    result = export("--db", db_path, "--what", "links")
    assert result.stdout.splitlines() == [",".join(LINK_COLUMNS)]


def test_export_missing_database(tmp_path):
    result = export("--db", str(tmp_path / "attribution.db"))
    assert result.exit_code == 1
    assert "attribution.db: no such database (run attribution ingest first)" in result.output


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_write_formats_round_trip(fmt):
    rows = [{"a": 1, "b": "één, \"twee\""}, {"a": 2, "b": None}]
    out = io.StringIO()
    assert write(iter(rows), fmt, out) == 2
    text = out.getvalue()
    if fmt == "csv":
        assert list(csv.DictReader(io.StringIO(text))) == [{"a": "1", "b": "één, \"twee\""}, {"a": "2", "b": ""}]
    elif fmt == "json":
        assert json.loads(text) == rows
    else:
        assert [json.loads(line) for line in text.splitlines()] == rows


def test_write_empty_json_is_an_array():
    out = io.StringIO()
    write(iter([]), "json", out)
    assert json.loads(out.getvalue()) == []


@pytest.mark.parametrize("command", ["ingest", "export"])
def test_command_help_has_example(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:\n      attribution " + command in result.output
