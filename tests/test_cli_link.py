"""`attribution link` over a real database of the seeds."""
from __future__ import annotations

import sqlite_utils
from click.testing import CliRunner

from attribution.cli import cli


def test_link_command_links_the_seeds(seeded_db):
    result = CliRunner().invoke(cli, ["link", "--db", seeded_db])
    assert result.exit_code == 0, result.output
    assert "corroborates" in result.output
    db = sqlite_utils.Database(seeded_db)
    pairs = {(r["a"][:30], r["b"][:30], r["relation"]) for r in db.query(
        "select c.text a, o.text b, relation from links l join claims c on c.id = l.claim_id "
        "join claims o on o.id = l.other_claim_id")}
    texts = {frozenset((a, b)) for a, b, rel in pairs if rel == "corroborates"}
    assert frozenset(("In May, Biden secretly gave Uk", "The Ukrainian invasion of Kurs")) in texts
    assert frozenset(("Biden authorized Ukraine to st", "Blinken Signals US Will Allow ")) in texts
    # Russia's warning against allowing the strikes shares their words but is no report that they were allowed
    assert not any(any(t.startswith("Russia has strongly warned") for t in pair) for pair in texts)


def test_link_command_on_missing_database(tmp_path):
    result = CliRunner().invoke(cli, ["link", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such database (run attribution ingest first)" in result.output
