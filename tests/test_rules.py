"""Rule files: every rule has an id, a description and examples that pass; bad files give clear errors."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from attribution.cli import cli
from attribution.examples import check_examples
from attribution.rules import RuleError, default_rules_dir, load_rules

RULES = default_rules_dir()


def test_every_rule_has_id_description_and_examples():
    rs = load_rules()
    assert len(rs.rules) >= 20
    for rule in rs.rules:
        assert rule.id and rule.description and rule.examples, rule.id


def test_every_example_passes(engine):
    assert check_examples(engine) == []


def test_rules_check_command_passes():
    result = CliRunner().invoke(cli, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert " 0 failed" in result.output


def test_rules_list_shows_ids_and_files():
    result = CliRunner().invoke(cli, ["rules", "list"])
    assert result.exit_code == 0
    assert "cue-according-to" in result.output and "cues.toml" in result.output


def _broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    p = folder / file
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "file,old,new,message",
    [
        ("cues.toml", 'id = "cue-say"', 'id = "Cue Say!"', "cues.toml: rule 'Cue Say!': missing or malformed id"),
        ("cues.toml", 'stance = "hedged"', 'stance = "wobbly"', "cues.toml: rule 'cue-hedged': unknown stance 'wobbly'"),
        ("framing.toml", 'id = "hedges"\ntype = "marker-words"\nkind = "hedge"\n', 'id = "hedges"\ntype = "marker-words"\n',
         "framing.toml: rule 'hedges': missing 'kind'"),
        ("parts.toml", "'^share this:?$'", "'^share (this'", "parts.toml: rule 'boilerplate-lines': bad regular expression"),
        ("sources.toml", 'id = "titles"', 'id = "anon-officials"', "sources.toml: rule 'anon-officials': duplicate id"),
        ("cues.toml", '[{LOWER = "according"}, {LOWER = "to"}]', '[{LOWERR = "according"}]', "cues.toml: rule 'cue-according-to': bad Matcher pattern"),
        ("cues.toml", "version = \"1\"", "version = ", "cues.toml: not valid TOML"),
    ],
)
def test_bad_rule_file_names_file_rule_and_problem(tmp_path, file, old, new, message):
    folder = _broken(tmp_path, file, old, new)
    result = CliRunner().invoke(cli, ["rules", "check", "--rules", str(folder)])
    assert result.exit_code != 0
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_rules_folder(tmp_path):
    with pytest.raises(RuleError, match="rules folder not found"):
        load_rules(tmp_path / "nope")
