"""No local paths leak into what is published: the database and its exports hold no absolute
path, no home folder and no name of the machine's folders, however the articles were named
(absolute path, relative path, folder, JSONL file) and even with a model given as a folder.

A real `attribution ingest` process with its own HOME, a real SQLite file scanned column by
column and byte by byte, and every export in every format.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import spacy.util
from click.testing import CliRunner

from attribution.cli import cli
from attribution.pipeline import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "from attribution.cli import cli; cli()"]


def article(n: int) -> str:
    # Invented; every article different, so none is "unchanged".
    return (f"Ferry Service {n} Returns to the Island\n\n"
            f"The harbour master, Jonas Berg, said ferry {n} would sail on Monday.\n\n"
            f"Two port officials said the repairs to pier {n} had cost more than planned.\n")


def model_folder() -> str:
    """The installed model's data folder: an absolute path under the virtual environment."""
    package = Path(spacy.util.get_package_path(DEFAULT_MODEL))
    return str(next(package.glob("*/config.cfg")).parent)


def test_no_absolute_path_or_home_in_the_database_or_exports(tmp_path):
    home = tmp_path / "home" / "alice"
    work = home / "projects" / "newsroom"
    elsewhere = tmp_path / "elsewhere"
    for folder in (work / "rel", work / "feeds", elsewhere / "folder" / "sub"):
        folder.mkdir(parents=True)
    (work / "rel" / "r.txt").write_text(article(1))
    (elsewhere / "abs.txt").write_text(article(2))
    (elsewhere / "folder" / "x.txt").write_text(article(3))
    (elsewhere / "folder" / "sub" / "y.txt").write_text(article(4))
    (home / "in-home.txt").write_text(article(5))
    (elsewhere / "feed.jsonl").write_text("\n".join(json.dumps({"text": article(n)}) for n in (6, 7)) + "\n")
    (work / "feeds" / "local.jsonl").write_text(json.dumps({"text": article(8)}) + "\n")

    env = {**os.environ, "HOME": str(home)}
    proc = subprocess.run(CLI + [
        "ingest", "rel/r.txt", str(elsewhere / "abs.txt"), str(elsewhere / "folder"), str(home / "in-home.txt"),
        str(elsewhere / "feed.jsonl"), "feeds", str(work / "rel" / "r.txt"),
        "--db", "x.db", "--model", model_folder(),
    ], cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Ingested 9 articles (1 unchanged)" in proc.stdout  # rel/r.txt named twice
    db_file = work / "x.db"

    conn = sqlite3.connect(db_file)
    paths = sorted(r[0] for r in conn.execute("select path from articles"))
    assert paths == sorted(["rel/r.txt", "abs.txt", "folder/x.txt", "folder/sub/y.txt", "in-home.txt",
                            "feed.jsonl#1", "feed.jsonl#2", "feeds/local.jsonl#1"])
    assert {r[0] for r in conn.execute("select model from articles")} == {Path(model_folder()).name}

    forbidden = {str(tmp_path), str(home), str(work), str(elsewhere), str(ROOT), sys.prefix,
                 os.path.expanduser("~"), os.getcwd()}
    forbidden = {f for f in forbidden if f not in ("", "/")}

    def clean(value, where: str) -> None:
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str):
            for f in forbidden:
                assert f not in value, f"{where} holds {f!r}"
            assert not value.startswith("/"), f"{where} holds an absolute path: {value[:80]!r}"

    # every column of every table, the full-text indexes' shadow tables included
    tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")]
    assert {"articles", "claims", "sources", "rules", "links", "claim_sources"} <= set(tables)
    for table in tables:
        cursor = conn.execute(f'select * from "{table}"')
        names = [d[0] for d in cursor.description]
        for row in cursor:
            for name, value in zip(names, row):
                clean(value, f"{table}.{name}")
    conn.close()
    # and every byte of the file (the ingest has ended, so the write-ahead log is folded in)
    assert not Path(f"{db_file}-wal").exists() or Path(f"{db_file}-wal").stat().st_size == 0
    raw = db_file.read_bytes()
    for f in forbidden:
        assert f.encode() not in raw, f"the database file holds {f!r}"

    for what in ("claims", "sources", "links", "articles"):
        for fmt in ("csv", "json", "jsonl"):
            out = tmp_path / f"export-{what}.{fmt}"
            result = CliRunner().invoke(cli, ["export", "--db", str(db_file), "--what", what, "--format", fmt,
                                              "-o", str(out)])
            assert result.exit_code == 0, result.output
            text = out.read_text(encoding="utf-8")
            for f in forbidden:
                assert f not in text, f"export --what {what} --format {fmt} holds {f!r}"
    assert "folder/sub/y.txt" in (tmp_path / "export-articles.csv").read_text(encoding="utf-8")
