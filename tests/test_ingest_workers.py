"""`ingest --workers N` runs the pipeline in several processes and stores the same rows."""
from __future__ import annotations

from pathlib import Path

import sqlite_utils
from click.testing import CliRunner

from attribution.cli import cli

SEEDS = str(Path(__file__).resolve().parent.parent / "seeds")


def test_ingest_with_two_workers_matches_one(tmp_path):
    counts = []
    for workers in ("1", "2"):
        db_file = tmp_path / f"w{workers}.db"
        result = CliRunner().invoke(cli, ["ingest", SEEDS, "--db", str(db_file), "--workers", workers])
        assert result.exit_code == 0, result.output
        db = sqlite_utils.Database(db_file)
        counts.append(sorted((r["label"], r["n"]) for r in db.query("select label, count(*) n from claims group by label")))
    assert counts[0] == counts[1]
    assert sum(n for _, n in counts[0]) == 35
