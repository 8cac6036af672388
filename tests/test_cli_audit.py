"""`attribution audit` from the command line: formats, colours, errors, model choice."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from attribution.cli import cli

SEEDS = str(Path(__file__).resolve().parent.parent / "seeds")


def test_audit_text_report_lists_claims_and_summary():
    result = CliRunner().invoke(cli, ["audit", SEEDS])
    assert result.exit_code == 0, result.output
    assert "[anonymous-source]" in result.output and "[named-official]" in result.output
    assert "source: two U.S. officials [anonymous]" in result.output
    assert "claims:" in result.output and "skipped:" in result.output
    assert "\x1b[" not in result.output  # no colour when piped


def test_audit_json_is_one_array_of_articles():
    result = CliRunner().invoke(cli, ["audit", SEEDS, "--format", "json"])
    data = json.loads(result.output)
    assert [a["article"]["title"][:20] for a in data] == ["Blinken Signals US W", "Biden authorized Ukr"]
    assert all(a["summary"]["claims"] == len(a["claims"]) for a in data)


def test_audit_jsonl_keeps_record_id(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "wire-1", "text": "Officials said the bridge would reopen on Monday."}) + "\n")
    result = CliRunner().invoke(cli, ["audit", str(feed), "--format", "jsonl"])
    row = json.loads(result.output.splitlines()[0])
    assert row["article"]["id"] == "wire-1"
    assert row["claims"][0]["label"] == "anonymous-source"


def test_audit_csv_one_row_per_claim():
    result = CliRunner().invoke(cli, ["audit", SEEDS, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 35
    assert {"claim", "label", "source_name", "cue", "stance", "chain", "rules"} <= set(rows[0])
    assert all(r["transparency"] not in ("", None) for r in rows)


def test_audit_bad_file_reported_and_others_processed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(cli, ["audit", str(empty), SEEDS, "--format", "jsonl"])
    assert result.exit_code == 1
    assert f"error: {empty}: empty file" in result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_audit_reads_stdin():
    result = CliRunner().invoke(cli, ["audit", "-", "--format", "jsonl"], input="Two officials said the talks had collapsed.\n")
    assert json.loads(result.output)["claims"][0]["label"] == "anonymous-source"


def test_missing_model_names_the_package(monkeypatch):
    result = CliRunner().invoke(cli, ["audit", SEEDS, "--model", "no_such_pipeline"])
    assert result.exit_code == 1
    assert "spaCy pipeline 'no_such_pipeline' is not installed" in result.output


def test_model_from_environment(monkeypatch):
    monkeypatch.setenv("ATTRIBUTION_MODEL", "no_such_pipeline_env")
    result = CliRunner().invoke(cli, ["audit", SEEDS])
    assert "no_such_pipeline_env" in result.output


def test_every_command_has_help_with_an_example():
    for name in ("audit", "ingest", "link", "export", "serve", "evaluate"):
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output, name


def test_audit_shows_scores_with_their_signals():
    result = CliRunner().invoke(cli, ["audit", str(Path(SEEDS) / "003_8e15eb84c1c1c791.txt")])
    assert "transparency score:" in result.output
    assert "headline-anonymous-as-fact -15" in result.output
    data = json.loads(CliRunner().invoke(cli, ["audit", SEEDS, "--format", "json"]).output)
    assert all({"transparency", "corroboration"} <= set(a["scores"]) for a in data)


def test_max_bytes_limit_is_an_option(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Officials said the talks had collapsed. " * 100)
    result = CliRunner().invoke(cli, ["audit", str(big), "--max-bytes", "1000"])
    assert result.exit_code == 1
    assert f"error: {big}: " in result.stderr and "limit (--max-bytes)" in result.stderr
    db = tmp_path / "a.db"
    result = CliRunner().invoke(cli, ["ingest", str(big), "--db", str(db), "--max-bytes", "1000"])
    assert result.exit_code == 1 and "limit (--max-bytes)" in result.output


def test_python_dash_m_runs_the_command():
    import subprocess
    import sys

    for module in ("attribution", "attribution.cli"):
        out = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0 and "Usage:" in out.stdout, (module, out.stderr)
