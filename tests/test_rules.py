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
        ("linking.toml", '"former", "president-elect"', '"formerly", "president-elect"',
         "linking.toml: rule 'link-titles': 'formerly' is not a word of any title in the 'title' rules"),
        ("linking.toml", 'forms = ["nato"]', 'forms = ["nato", "russia"]',
         "linking.toml: rule 'link-alias-nato': form 'russia' already names 'Russia'"),
        ("linking.toml", 'fold = ["north korea"]', 'fold = ["dprk"]',
         "linking.toml: rule 'link-alias-north-korea': 'fold' lists 'dprk', which is not one of its 'forms'"),
        ("parts.toml", 'reporting_words = ["said",', 'reporting_words = [3,',
         "parts.toml: rule 'caption-neighbour': 'reporting_words' must be a list of non-empty strings"),
        ("parts.toml", '"says", "say", "saying"', '"Says", "say", "saying"',
         "parts.toml: rule 'caption-neighbour': 'reporting_words' must be single lower-case words: 'Says'"),
        ("linking.toml", "three = 3,", 'three = "3",',
         "linking.toml: rule 'link-number-words': 'numbers' must give each word a positive number: 'three' = '3'"),
        ("linking.toml", "bn = 1_000_000_000", "bn = true",
         "linking.toml: rule 'link-scale-words': 'multipliers' must give each word a positive number: 'bn' = True"),
        ("linking.toml", 'before = { "$" = "usd"', 'before = { "$" = 1',
         "linking.toml: rule 'link-units': 'before' must be a table of forms to unit names"),
        ("linking.toml", '"per cent" = "percent"', '"Per Cent" = "percent"',
         "linking.toml: rule 'link-units': 'after' forms must be lower case, single-spaced: 'Per Cent'"),
        ("linking.toml", '"sep", "sept",', '"sep", 9,',
         "linking.toml: rule 'link-month-words': 'words' must be a list of non-empty strings"),
        ("cues.toml", 'particle_lemmas = { shoot = ["back"],', 'particle_lemmas = { shoot = [],',
         "cues.toml: rule 'cue-assertive': 'particle_lemmas': 'shoot' lists no particles, so it would never count"),
        ("cues.toml", 'cue_length = 2', 'cue_length = "two"',
         "cues.toml: rule 'cue-put-it': 'cue_length' must be a whole number of words, 1 or more"),
        ("cues.toml", 'object_lemmas.hold = ["opinion",', 'object_lemmas.Hold = ["opinion",',
         "cues.toml: rule 'cue-say': 'object_lemmas': lemmas and words are lower case: 'Hold'"),
        ("cues.toml", 'infinitive_governors = ["go on", "use", "continue"]', 'infinitive_governors = ["go  on", "use", "continue"]',
         "cues.toml: rule 'cue-say': 'infinitive_governors' are lower-case lemmas, a particle after one space: 'go  on'"),
        ("sources.toml", 'type = "anonymous-head"', 'type = "anonymous-head"\nstance_lemmas = { say = [] }',
         "sources.toml: rule 'anon-officials': 'stance_lemmas' belongs to a rule of type 'cue-verb', not 'anonymous-head'"),
        # a key the code does not read for the rule's type is an error, not ignored
        ("cues.toml", 'id = "cue-say"\n', 'id = "cue-say"\nexampels = [{ text = "He said so." }]\n',
         "cues.toml: rule 'cue-say': unknown key 'exampels'; did you mean 'examples'?"),
        ("cues.toml", 'id = "cue-say"\ntype =', 'id = "cue-say"\ntpye =',
         "cues.toml: rule 'cue-say': unknown key 'tpye'; did you mean 'type'?"),
        ("sources.toml", 'type = "anonymous-head"', 'type = "anonymous-head"\nheads = ["aide"]',
         "sources.toml: rule 'anon-officials': unknown key 'heads'; a rule of type 'anonymous-head' has: "
         "id, type, description, examples, lemmas, rank_words, count_words"),
        ("parts.toml", 'type = "caption"', 'type = "caption"\nroles = ["photographer"]',
         "parts.toml: rule 'caption-credit': 'roles' belongs to a rule of type 'byline', not 'caption'"),
        ("cues.toml", 'version = "1"', 'verison = "1"', "cues.toml: unknown top-level key 'verison'; did you mean 'version'?"),
        ("cues.toml", 'object_heads = ["poll", "survey"]', 'object_heads = ["Poll", "survey"]',
         "cues.toml: rule 'cue-in-poll': 'object_heads' are single lower-case lemmas: 'Poll'"),
        ("cues.toml", 'source = "object"\nobject_heads', 'source = "subject"\nobject_heads',
         "cues.toml: rule 'cue-in-poll': 'object_heads' needs source = \"object\": it says what the phrase's object must be"),
    ],
)
def test_bad_rule_file_names_file_rule_and_problem(tmp_path, file, old, new, message):
    folder = _broken(tmp_path, file, old, new)
    result = CliRunner().invoke(cli, ["rules", "check", "--rules", str(folder)])
    assert result.exit_code != 0
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unknown_key_on_a_rule_names_file_rule_key_and_the_close_match(tmp_path):
    folder = _broken(tmp_path, "cues.toml", 'particle_lemmas = { shoot = ["back"],', 'particle_lemma = { shoot = ["back"],')
    with pytest.raises(RuleError) as err:
        load_rules(folder)
    assert (err.value.file, err.value.rule) == ("cues.toml", "cue-assertive")
    assert err.value.problem == "unknown key 'particle_lemma'; did you mean 'particle_lemmas'?"
    result = CliRunner().invoke(cli, ["rules", "check", "--rules", str(folder)])
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [
        "Error: cues.toml: rule 'cue-assertive': unknown key 'particle_lemma'; did you mean 'particle_lemmas'?"]


def test_shipped_rules_use_only_known_keys():
    import tomllib

    from attribution.rules import ALLOWED, FILE_KEYS

    load_rules()  # raises on an unknown key
    for path in sorted(RULES.glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        assert set(doc) <= set(FILE_KEYS), path.name
        for entry in doc["rule"]:
            assert set(entry) <= set(ALLOWED[entry["type"]]), (path.name, entry["id"])


def test_missing_rules_folder(tmp_path):
    with pytest.raises(RuleError, match="rules folder not found"):
        load_rules(tmp_path / "nope")


def test_a_rules_folder_missing_a_file_is_an_error_naming_it(tmp_path):
    from click.testing import CliRunner

    from attribution.cli import cli

    # only the file being tried out: every claim would read editorial-framing without a word
    partial = tmp_path / "partial"
    partial.mkdir()
    shutil.copy(RULES / "framing.toml", partial)
    with pytest.raises(RuleError, match="missing cues.toml, outlets.toml, parts.toml, sources.toml"):
        load_rules(partial)
    seed = sorted(Path(__file__).resolve().parent.parent.glob("seeds/*.txt"))[0]
    result = CliRunner().invoke(cli, ["audit", "--rules", str(partial), str(seed)])
    assert result.exit_code != 0
    assert "missing cues.toml" in result.output and len(result.output.strip().splitlines()) == 1
    # linking.toml may be left out: the linker falls back to the project's lists
    whole = tmp_path / "whole"
    shutil.copytree(RULES, whole)
    (whole / "linking.toml").unlink()
    assert load_rules(whole).by_id("cue-say")


def test_caption_reporting_words_come_from_the_rules(tmp_path):
    from attribution.read import read_text

    doc = ("A headline about the bridge\n\nThe minister said the talks would resume.\n\n"
           "Maria Lopez. (Andrew Harnik / Getty Images)\n\nLopez says the bridge reopens in June.\n\nMore text.")
    rs = load_rules()
    assert "says" in rs.caption_reporting_words
    kind = {p.text: p.kind for p in read_text(doc, rules=rs).parts}
    assert kind["Lopez says the bridge reopens in June."] == "body"
    folder = _broken(tmp_path, "parts.toml", '"says", "say", "saying"', '"say", "saying"')
    kind = {p.text: p.kind for p in read_text(doc, rules=load_rules(folder)).parts}
    assert kind["Lopez says the bridge reopens in June."] == "caption"


def test_linker_word_lists_come_from_the_rules():
    from attribution import link

    rs = load_rules()
    assert link.ALIASES == rs.link_aliases and link.ALIASES["u.s."] == "United States"
    assert link.STOPWORDS == rs.link_stop_words and "said" in link.STOPWORDS
    assert link.NEGATIONS == rs.link_negations and "not" in link.NEGATIONS
    assert link.TITLES == rs.link_titles and link.NOT_PERSON == rs.link_organisation_words
    assert link.NUMBER_WORDS == rs.link_numbers and link.NUMBER_WORDS["three"] == 3
    assert link.MULTIPLIERS == rs.link_multipliers and link.MULTIPLIERS["million"] == 1e6
    assert link.UNITS_BEFORE == rs.link_units_before and link.UNITS_BEFORE["$"] == "usd"
    assert link.UNITS_AFTER == rs.link_units_after and link.UNITS_AFTER["per cent"] == "percent"
    assert link.MONTHS == rs.link_months and "sept" in link.MONTHS
    assert link.DIRECTIVES == rs.link_directive_cues and "warn" in link.DIRECTIVES
    assert {r.type for r in rs.rules if r.file == "linking.toml"} == {
        "link-alias", "link-title-words", "link-organisation-words", "link-stop-words", "link-negations",
        "link-directive-cues", "link-number-words", "link-scale-words", "link-units", "link-month-words"}


def test_linker_word_lists_change_without_code(tmp_path):
    from attribution import link

    folder = _broken(tmp_path, "linking.toml", 'forms = ["nato"]', 'forms = ["nato", "the alliance"]')
    assert link.canonical_entity("the Alliance") == "Alliance"
    with link.using(load_rules(folder)):
        assert link.canonical_entity("the Alliance") == "NATO"
    assert link.canonical_entity("the Alliance") == "Alliance"


def test_linker_numbers_change_without_code(tmp_path):
    from attribution import link

    text = "a dozen tanks and 5 kr"
    assert link.numbers(text) == [(5.0, "kr")]
    folder = _broken(tmp_path, "linking.toml", "fifty = 50,", "fifty = 50, dozen = 12,")
    toml = folder / "linking.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('after = { "%"', 'after = { "kr" = "sek", "%"'),
                    encoding="utf-8")
    with link.using(load_rules(folder)):
        assert link.numbers(text) == [(12.0, "tank"), (5.0, "sek")]
    assert link.numbers(text) == [(5.0, "kr")]


def test_linker_example_that_fails_is_reported(tmp_path):
    folder = _broken(tmp_path, "linking.toml", 'will not cut the bus budget next year.", relation = "conflicts"',
                     'will not cut the bus budget next year.", relation = "corroborates"')
    result = CliRunner().invoke(cli, ["rules", "check", "--rules", str(folder)])
    assert result.exit_code != 0
    assert "linking.toml: rule 'link-negations': example" in result.output
    assert "relation is conflicts, expected corroborates" in result.output


def test_a_rules_folder_without_linking_toml_links_with_the_projects_lists(tmp_path):
    from attribution import link

    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    (folder / "linking.toml").unlink()
    with link.using(load_rules(folder)):
        assert link.ALIASES["u.s."] == "United States" and "not" in link.NEGATIONS


@pytest.mark.parametrize("args", [["audit", "seeds"], ["link", "--db", "missing.db"], ["rules", "check"]])
def test_a_broken_rules_folder_is_one_line_in_every_command(tmp_path, args):
    # a real process: the linker reads its lists when it is imported
    import os
    import subprocess
    import sys

    folder = _broken(tmp_path, "cues.toml", 'id = "cue-say"', 'id = "cue-say"\nstance = [')
    env = dict(os.environ, ATTRIBUTION_RULES=str(folder))
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([str(Path(sys.executable).parent / "attribution"), *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "cues.toml" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_a_rules_folder_given_on_the_command_line_also_reads_the_page_parts(tmp_path, db_path):
    import json
    import sqlite3

    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    parts = folder / "parts.toml"
    parts.write_text(parts.read_text(encoding="utf-8").replace(
        "patterns = ['^share this:?$'", "patterns = ['^brought to you by acme$', '^share this:?$'", 1), encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Bridge Will Close\n\nThe mayor said the bridge would close.\n\nBrought to you by Acme\n",
                       encoding="utf-8")
    out = CliRunner().invoke(cli, ["audit", str(article), "--format", "json", "--rules", str(folder)])
    assert out.exit_code == 0, out.output
    skipped = json.loads(out.output)[0]["skipped"]
    assert [(s["text"], s["reason"]) for s in skipped] == [("Brought to you by Acme", "boilerplate")]
    # without the folder the line is a claim of its own
    plain = json.loads(CliRunner().invoke(cli, ["audit", str(article), "--format", "json"]).output)[0]
    assert plain["skipped"] == [] and any(c["text"] == "Brought to you by Acme" for c in plain["claims"])
    done = CliRunner().invoke(cli, ["ingest", str(article), "--db", db_path, "--rules", str(folder)])
    assert done.exit_code == 0, done.output
    texts = [r[0] for r in sqlite3.connect(db_path).execute("select text from claims")]
    assert "Brought to you by Acme" not in texts
