"""Nothing breaks and nothing is lost: ingest killed mid-batch, two ingests into one database
at once, and failures of the engine or of the later stages in the middle of a batch.

Real processes (`attribution ingest` started with subprocess and killed with SIGKILL), real
SQLite files, the real spaCy model. Every database is checked with ``check_consistent`` and,
where the outcome is known, compared row by row with an uninterrupted ingest of the same files.
"""
from __future__ import annotations

import json
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from attribution import store
from attribution.cli import cli

CLI = [sys.executable, "-c", "from attribution.cli import cli; cli()"]

# Invented towns, people and plans: no real reporting.
FIRST = ["Maria", "Jonas", "Amira", "Tom", "Lena", "Ravi", "Sofia", "Paul", "Ingrid", "Kofi", "Yuki", "Elena"]
LAST = ["Lopez", "Berg", "Haddad", "Okafor", "Fischer", "Menon", "Rossi", "Nguyen", "Dahl", "Mensah", "Tanaka"]
PLACES = ["Harbourville", "Eastbrook", "Millford", "Northgate", "Lakeside", "Stonebridge", "Westfield", "Oakmere"]
THINGS = ["bridge tolls", "tram line", "school budget", "harbour dredging", "library hours", "bus fares",
          "water pipes", "park lighting", "ferry timetable", "housing grants", "road repairs", "flood walls"]
VERBS = ["said", "told reporters", "insisted", "warned", "argued", "announced"]
ANON = ["Two city officials", "A person familiar with the talks", "Three council staff members",
        "Sources close to the mayor"]
PAPERS = ["the Daily Example", "the Example Gazette", "the Coastal Ledger", "the Valley Courier"]


def article_text(i: int, rnd: random.Random) -> str:
    place, thing = rnd.choice(PLACES), rnd.choice(THINGS)
    chair, critic = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
    return "\n\n".join([
        f"{place} Weighs {thing.title()} Plan, Item {i}",
        f"{chair}, who chairs the {place} council, {rnd.choice(VERBS)} the {thing} plan would be put to a vote "
        f"within {rnd.randint(2, 30)} days.",
        f"{rnd.choice(ANON)}, speaking on condition of anonymity, said the work could cost "
        f"{rnd.randint(2, 900)} thousand dollars, according to {rnd.choice(PAPERS)}.",
        f"{critic} {rnd.choice(VERBS)} that the {thing} had been neglected for {rnd.randint(3, 40)} years.",
        f"The {rnd.choice(['reckless', 'long', 'costly', 'quiet'])} delay over the {thing} in {place} has "
        f"frustrated residents, and a meeting is expected in week {rnd.randint(1, 52)}.",
        f"{chair.split()[1]} declined to comment on item {i} further.",
    ]) + "\n"


def write_corpus(folder: Path, numbers: range) -> list[str]:
    """One small article per number, a{n:03d}.txt; the same number always gives the same text."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for n in numbers:
        (folder / f"a{n:03d}.txt").write_text(article_text(n, random.Random(n)), encoding="utf-8")
        names.append(f"{folder.name}/a{n:03d}.txt")
    return names


def start(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(CLI + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + args, cwd=cwd, capture_output=True, text=True, timeout=300)


def count_articles(db: Path) -> int:
    """Committed articles, read the way a reader would (read-only, never blocking the writer)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("select count(*) from articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet, or the schema is being written
        return 0


def summary(stdout: str) -> tuple[int, int, int]:
    """(articles, unchanged, errors) from ingest's summary line."""
    m = re.search(r"Ingested (\d+) articles? \((\d+) unchanged\), \d+ claims?, (\d+) errors? into", stdout)
    assert m, stdout
    return int(m[1]), int(m[2]), int(m[3])


def check_consistent(db_path: Path) -> dict[str, int]:
    """Every promise the schema makes holds; returns the row counts."""
    conn = sqlite3.connect(db_path)
    try:
        q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
        assert q("PRAGMA integrity_check") == [("ok",)]
        assert q("PRAGMA foreign_key_check") == []
        # claims belong to an article; each article's counts are its claims' counts
        assert q("select id from claims where article_id not in (select id from articles)") == []
        assert q("""
            select a.id from articles a left join (
              select article_id, count(*) n, sum(label = 'named-official') no, sum(label = 'anonymous-source') an,
                     sum(label = 'editorial-framing') ef from claims group by article_id) c on c.article_id = a.id
            where coalesce(c.n, 0) != a.claims or coalesce(c.no, 0) != a.named_official
               or coalesce(c.an, 0) != a.anonymous_source or coalesce(c.ef, 0) != a.editorial_framing""") == []
        assert q("select article_id from claims group by article_id having max(idx) + 1 != count(*)") == []
        # sources and chains
        assert q("select id from claims where source_id is not null and source_id not in (select id from sources)") == []
        assert q("select claim_id from claim_sources where claim_id not in (select id from claims)") == []
        assert q("select claim_id from claim_sources where source_id not in (select id from sources)") == []
        assert q("select claim_id from claim_sources group by claim_id having max(position) + 1 != count(*)") == []
        chains = dict(q("select claim_id, count(*) from claim_sources group by claim_id"))
        for cid, chain in q("select id, chain from claims"):
            assert len(json.loads(chain)) == chains.get(cid, 0), cid
        assert q("select id from sources where id not in (select source_id from claims where source_id is not null) "
                 "and id not in (select source_id from claim_sources)") == []
        # one row per named source; an unnamed or unresolved one ("two officials", "the mayor") is a row per article
        from attribution.model import Source
        from attribution.store import article_bound

        twice = q("select kind, name, affiliation, descriptor from sources where lower(name) || kind || "
                  "coalesce(affiliation, '') in (select lower(name) || kind || coalesce(affiliation, '') from sources "
                  "group by 1 having count(*) > 1)")
        assert [r for r in twice if not article_bound(Source(text=r[1], start=None, end=None, name=r[1], kind=r[0],
                                                             affiliation=r[2], descriptor=r[3]))] == []
        # links join claims of the articles they name, once per pair
        assert q("select id from links where claim_id not in (select id from claims) "
                 "or other_claim_id not in (select id from claims)") == []
        assert q("select l.id from links l join claims c on c.id = l.claim_id join claims o on o.id = l.other_claim_id "
                 "where l.article_id != c.article_id or l.other_article_id != o.article_id "
                 "or c.article_id = o.article_id") == []
        assert q("select min(claim_id, other_claim_id), max(claim_id, other_claim_id) from links "
                 "group by 1, 2 having count(*) > 1") == []
        # each claim's link counts are those of the links table
        assert q("""
            select c.id from claims c where c.conflicts != (select count(*) from links l where l.relation = 'conflicts'
                   and (l.claim_id = c.id or l.other_claim_id = c.id))
               or c.corroborations != (select count(distinct case when l.claim_id = c.id then l.other_article_id
                   else l.article_id end) from links l where l.relation = 'corroborates'
                   and (l.claim_id = c.id or l.other_claim_id = c.id))""") == []
        assert q("select article_id from _attribution_pending where article_id not in (select id from articles)") == []
        # the full-text indexes match their tables
        conn.execute("insert into claims_fts(claims_fts) values ('integrity-check')")
        conn.execute("insert into articles_fts(articles_fts) values ('integrity-check')")
        conn.rollback()
        tables = ("articles", "claims", "sources", "claim_sources", "links", "_attribution_pending")
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


def check_complete(db_path: Path, paths: list[str]) -> None:
    """Every file is stored exactly once, linked and scored."""
    conn = sqlite3.connect(db_path)
    try:
        stored = [r[0] for r in conn.execute("select path from articles")]
        assert sorted(stored) == sorted(paths)
        assert conn.execute("select count(*) from articles where claims = 0").fetchone()[0] == 0
        assert conn.execute("select count(*) from _attribution_pending").fetchone()[0] == 0
        assert conn.execute("select count(*) from claims where transparency is null").fetchone()[0] == 0
        assert conn.execute("select count(*) from articles where transparency is null").fetchone()[0] == 0
    finally:
        conn.close()


def rows(db_path: Path, links: bool = True) -> dict[str, set]:
    """What an ingest must produce, without timestamps or first-seen spellings; with
    ``links=False``, without the links and what is computed from them."""
    conn = sqlite3.connect(db_path)
    linked = ", corroboration, corroborations, conflicts" if links else ""
    try:
        q = lambda sql: set(conn.execute(sql).fetchall())  # noqa: E731
        out = {
            "articles": q("select id, path, claims, named_official, anonymous_source, editorial_framing, "
                          f"transparency {', corroboration' if links else ''} from articles"),
            "claims": q(f"select id, article_id, idx, text, label, source_id, cue, chain, transparency {linked} "
                        "from claims"),
            "sources": q("select id, kind, anonymous from sources"),
            "claim_sources": q("select claim_id, position, source_id, cue from claim_sources"),
        }
        if links:
            out["links"] = q("select id, claim_id, other_claim_id, relation from links")
        return out
    finally:
        conn.close()


def reference(tmp_path: Path, folders: list[Path], engine) -> Path:
    """The same files ingested in one uninterrupted run."""
    ref = tmp_path / "reference.db"
    result = store.ingest([str(f) for f in folders], ref, engine)
    assert not result.errors, result.errors
    return ref


def assert_same(db_path: Path, expected: dict[str, set], links: bool = True) -> None:
    got = rows(db_path, links)
    for table in expected:
        assert got[table] == expected[table], (table, sorted(got[table] ^ expected[table])[:3])


# ----------------------------------------------------------------------------- kill -9

def test_kill_mid_ingest_then_rerun_finishes_the_batch(tmp_path, engine):
    paths = write_corpus(tmp_path / "corpus", range(60))
    db = tmp_path / "x.db"
    proc = start(["ingest", "corpus", "--db", "x.db"], tmp_path)
    try:
        deadline = time.monotonic() + 120
        while count_articles(db) < 5:
            if proc.poll() is not None:
                pytest.fail(f"ingest ended before it could be killed: {proc.communicate()}")
            assert time.monotonic() < deadline, "no article was committed in 120 s"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    counts = check_consistent(db)
    assert 5 <= counts["articles"] < 60, counts
    # killed before its linking stage: every stored article waits in the pending list
    assert counts["_attribution_pending"] == counts["articles"]

    again = run(["ingest", "corpus", "--db", "x.db"], tmp_path)
    assert again.returncode == 0, again.stderr
    assert summary(again.stdout) == (60, counts["articles"], 0)
    check_consistent(db)
    check_complete(db, paths)
    # the articles stored before the kill were linked and scored by the second run: the
    # database is the one an uninterrupted ingest makes
    assert_same(db, rows(reference(tmp_path, [tmp_path / "corpus"], engine)))


# ----------------------------------------------------------------------------- two writers at once

def test_two_concurrent_ingests_store_every_article_once(tmp_path, engine):
    one = write_corpus(tmp_path / "one", range(0, 25))
    two = write_corpus(tmp_path / "two", range(25, 50))
    shared = write_corpus(tmp_path / "shared", range(50, 60))
    db = tmp_path / "x.db"
    # Both name the shared folder: the first from its end, the second from its start.
    procs = [start(["ingest", "one", "shared", "--db", "x.db"], tmp_path),
             start(["ingest", "shared", "two", "--db", "x.db"], tmp_path)]
    overlapped = False
    deadline = time.monotonic() + 240
    try:
        while any(p.poll() is None for p in procs):
            if not overlapped and all(p.poll() is None for p in procs) and count_articles(db) > 0:
                overlapped = True
            assert time.monotonic() < deadline, "the ingests did not finish in 240 s"
            time.sleep(0.02)
        outputs = [p.communicate() for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert overlapped, "the two ingests did not write at the same time"
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err
        assert err == ""
    (n1, unchanged1, e1), (n2, unchanged2, e2) = (summary(out) for out, _ in outputs)
    assert (n1, n2, e1, e2) == (35, 35, 0, 0)
    assert (n1 - unchanged1) + (n2 - unchanged2) == 60  # each article stored by exactly one of them

    check_consistent(db)
    check_complete(db, one + two + shared)
    ref = reference(tmp_path, [tmp_path / "one", tmp_path / "shared", tmp_path / "two"], engine)
    assert_same(db, rows(ref, links=False), links=False)
    # The links were made in two batches, one per process and in turn (linking holds the write
    # lock). The linker's blocking depends on the batch, so they can differ a little from the
    # links of one run (a serial replay of the same two batches gives the same links); every
    # article is linked, and rebuilt in one batch the links are exactly the reference's.
    linked = "select article_id from links union select other_article_id from links"
    assert set(sqlite3.connect(db).execute(linked)) == set(sqlite3.connect(ref).execute(linked))
    for path in (db, ref):
        result = CliRunner().invoke(cli, ["link", "--all", "--db", str(path)])
        assert result.exit_code == 0, result.output
    check_consistent(db)
    assert_same(db, rows(ref))


def test_write_transaction_waits_for_another_writer(tmp_path):
    # A second connection holds the write lock for a moment; the store waits instead of failing.
    db_path = tmp_path / "x.db"
    store.open_db(db_path).close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(db_path)!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(1.5); c.execute('COMMIT')\n")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        db = store.open_db(db_path)
        began = time.monotonic()
        with store.write_transaction(db):
            db["rules"].insert({"id": "r1", "file": "f", "type": "t", "description": "d", "version": "v"})
        waited = time.monotonic() - began
        assert holder.wait(timeout=30) == 0
        assert waited > 0.5
        assert db["rules"].count == 1
    finally:
        if holder.poll() is None:
            holder.kill()


# ----------------------------------------------------------------------------- failures mid-batch

def test_engine_failure_on_one_article_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch, poison_labeller):
    monkeypatch.chdir(tmp_path)
    paths = write_corpus(tmp_path / "corpus", range(6))
    bad = tmp_path / "corpus" / "a002.txt"
    bad.write_text(bad.read_text() + "\nPOISONED paragraph.\n")
    poison_labeller(message="a rule broke\nbadly")
    result = CliRunner().invoke(cli, ["ingest", "corpus", "--db", "x.db"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["error: corpus/a002.txt: could not audit: ValueError: a rule broke badly"]
    assert summary(result.stdout) == (5, 0, 1)
    counts = check_consistent(tmp_path / "x.db")
    assert counts["articles"] == 5 and counts["_attribution_pending"] == 0
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    again = CliRunner().invoke(cli, ["ingest", "corpus", "--db", "x.db"])
    assert again.exit_code == 0, again.output
    assert summary(again.stdout) == (6, 5, 0)
    check_complete(tmp_path / "x.db", paths)


@pytest.mark.parametrize("stage", ["link.link_new", "credibility.score_db"])
def test_later_stage_failure_keeps_the_articles_queued(tmp_path, monkeypatch, stage):
    monkeypatch.chdir(tmp_path)
    paths = write_corpus(tmp_path / "corpus", range(4))
    module, func = stage.split(".")

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(f"attribution.{module}.{func}", boom)
    result = CliRunner().invoke(cli, ["ingest", "corpus", "--db", "x.db"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {stage}: RuntimeError: disk on fire; the articles are stored and stay queued "
        "for the next ingest or attribution link"]
    # the articles count as ingested (they are stored); the failed stage is the one error
    assert summary(result.stdout) == (4, 0, 1)
    counts = check_consistent(tmp_path / "x.db")
    assert counts["articles"] == 4 and counts["_attribution_pending"] == 4

    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    again = CliRunner().invoke(cli, ["ingest", "corpus", "--db", "x.db"])
    assert again.exit_code == 0, again.output
    assert summary(again.stdout) == (4, 4, 0)
    check_consistent(tmp_path / "x.db")
    check_complete(tmp_path / "x.db", paths)


def test_link_command_finishes_what_a_failed_ingest_left(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = write_corpus(tmp_path / "corpus", range(4))
    monkeypatch.setattr("attribution.credibility.score_db", lambda *a, **k: 1 / 0)
    assert CliRunner().invoke(cli, ["ingest", "corpus", "--db", "x.db"]).exit_code == 1
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["link", "--db", "x.db"])
    assert result.exit_code == 0, result.output
    check_consistent(tmp_path / "x.db")
    check_complete(tmp_path / "x.db", paths)
