"""Loads and validates the rule files in ``rules/``.

Every rule has an id, a type, a description and examples. A problem gives a
``RuleError`` whose message names the file, the rule and what is wrong; a key
the code does not read for the rule's type (a typo such as ``exampels``) is one.
"""
from __future__ import annotations

import difflib
import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_RULES = "ATTRIBUTION_RULES"

# type -> keys a rule of that type must have (besides id, type, description, examples)
REQUIRED: dict[str, tuple[str, ...]] = {
    "cue-verb": ("lemmas", "stance"),
    "cue-phrase": ("patterns", "stance", "source"),
    "cue-adverb": ("words", "stance"),
    "cue-passive": ("lemmas", "stance"),
    "cue-headline": (),
    "cue-colon": ("stance",),
    "cue-writer": ("lemmas", "stance"),
    "writer": ("words",),
    "not-cue": ("patterns",),
    "not-source": ("words",),
    "continuation": (),
    "anonymous-head": ("lemmas",),
    "anonymous-member": ("determiners", "phrases"),
    "document-head": ("lemmas",),
    "institution-head": ("lemmas",),
    "anaphor": (),
    "anonymity-reason": ("phrases",),
    "title": ("phrases",),
    "marker-words": ("words", "kind"),
    "scare-quote": ("kind", "max_words"),
    "boilerplate": ("patterns",),
    "syndication": ("patterns",),
    "caption": ("patterns",),
    "caption-neighbour": ("reporting_words",),
    "byline": ("patterns",),
    "dateline": ("patterns",),
    "outlets": ("names",),
    "link-alias": ("name", "forms"),
    "link-title-words": ("words",),
    "link-organisation-words": ("words",),
    "link-stop-words": ("words",),
    "link-negations": ("words",),
    "link-directive-cues": ("words",),
    "link-number-words": ("numbers",),
    "link-scale-words": ("multipliers",),
    "link-units": (),
    "link-month-words": ("words",),
}
# type -> keys a rule of that type may have besides the ones it must have, each read by the code:
# rules.py (_index) for the lists and tables, claims.py, sources.py, read.py and framing.py for the rest.
# Every key a rule has must be one of these, so a typo ("particle_lemma") is an error, not ignored.
COMMON = ("id", "type", "description", "examples")
# the cue a hit comes from: claims.py reads its stance, and its source where a cue sources a clause
_HIT = ("source",)
OPTIONAL: dict[str, tuple[str, ...]] = {
    "cue-verb": ("needs_complement", "minded_subject", "needs_complement_lemmas", "needs_clause_lemmas",
                 "finding_lemmas", "finding_subjects", "infinitive_governors", "stance_lemmas", "withdrawal_particles",
                 "topic_lemmas", "speech_objects", "speech_object_lemmas", "as_not_words", "perception_lemmas",
                 "as_aside_lemmas", "armed_lemmas", "armed_subjects", "armed_targets", "thing_object_lemmas",
                 "person_objects", "comparison_lemmas", "particle_lemmas", "object_lemmas", "play_words",
                 "play_lemmas", "play_instruments", "act_objects", "court_subjects", "court_cases", "words_put_out") + _HIT,
    # object_heads (source = "object" only): the object's head must be one of these lemmas; cue_length: how
    # many of the words matched are the cue (the rest only has to follow: "put it" in "put it on Monday")
    "cue-phrase": ("object_heads", "cue_length"),
    "cue-adverb": _HIT,
    "title": ("channel_words",),  # what a source said through, cut from its name: ", in a statement,"
    "cue-passive": ("unstated",) + _HIT,  # unstated: an asker left unnamed, shown but never deciding the label
    "cue-colon": ("not_speakers",) + _HIT,
    "cue-headline": ("noun_prepositions",),  # a cue's noun before a preposition its verb never takes
    "cue-writer": _HIT,
    "anonymous-head": ("rank_words", "count_words"),
    "not-source": ("negators",),
    "document-head": ("author_verbs", "not_authors"),
    "institution-head": ("government_lemmas", "government_name_words", "company_words"),
    # read by rule id in sources.py: lemmas of each; abbreviations, narrowing_words and organisation_offices
    # of definite-office; not_words, epithet_lemmas and not_epithets of definite-organisation; female_words, male_words and the
    # first-name lists of pronoun-antecedent
    "anaphor": ("lemmas", "abbreviations", "narrowing_words", "organisation_offices", "not_words", "epithet_lemmas",
                "not_epithets",
                "female_words", "male_words", "female_first_names", "male_first_names"),
    "byline": ("roles",),
    "dateline": ("prefix_patterns",),
    "link-alias": ("fold",),
    "link-units": ("before", "after"),  # one of them at least
}
ALLOWED: dict[str, tuple[str, ...]] = {t: COMMON + req + OPTIONAL.get(t, ()) for t, req in REQUIRED.items()}
# the rule files labelling needs; a folder given with --rules must have them all (linking.toml falls back)
LABEL_FILES = ("cues.toml", "framing.toml", "outlets.toml", "parts.toml", "sources.toml")
# the keys of a rule file outside its [[rule]] entries
FILE_KEYS = ("version", "rule")
STANCES = ("neutral", "hedged", "assertive", "loaded", "belief", "refusal")
PHRASE_SOURCES = ("subject", "object")


class RuleError(Exception):
    def __init__(self, file: str, rule: str | None, problem: str):
        self.file, self.rule, self.problem = file, rule, problem
        where = f"{file}: rule {rule!r}" if rule else file
        super().__init__(f"{where}: {problem}")


@dataclass
class Rule:
    id: str
    type: str
    description: str
    file: str
    examples: list[dict[str, Any]]
    data: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass
class RuleSet:
    rules: list[Rule]
    version: str
    directory: str
    cue_lemmas: dict[str, Rule] = field(default_factory=dict)
    needs_complement: set[str] = field(default_factory=set)  # a clause, an infinitive or a quote
    needs_clause: set[str] = field(default_factory=set)  # a that-clause or a quote; an infinitive is not enough
    passive_lemmas: dict[str, Rule] = field(default_factory=dict)
    topic_lemmas: dict[str, list[str]] = field(default_factory=dict)  # needs_clause lemmas a topic will do for
    stance_lemmas: dict[str, list[str]] = field(default_factory=dict)  # "Republicans oppose the bill"
    particle_lemmas: dict[str, list[str]] = field(default_factory=dict)  # "shot back", "laid out": only with these
    object_lemmas: dict[str, list[str]] = field(default_factory=dict)  # "made the case", "had harsh words": only with these
    infinitive_governors: set[str] = field(default_factory=set)  # "went on to denounce", "used a rally to attack"
    withdrawal_particles: set[str] = field(default_factory=set)  # "backed out of": a stance verb that takes none
    finding_lemmas: set[str] = field(default_factory=set)  # "the poll shows Clinton ahead": no clause needed
    as_aside_lemmas: set[str] = field(default_factory=set)  # "As Mr. Bown observed, ...": no clause needed
    thing_object_lemmas: set[str] = field(default_factory=set)  # "questioned the decision", not "questioned the suspect"
    person_objects: set[str] = field(default_factory=set)  # ... people one questions: "the suspect", "the defendant"
    comparison_lemmas: set[str] = field(default_factory=set)  # "than many expected": the writer's comparison
    noun_prepositions: dict[str, list[str]] = field(default_factory=dict)  # headline nouns: "attacks on NHS"
    armed_lemmas: set[str] = field(default_factory=set)  # "attacked", "blasted": no words where arms are used ...
    armed_subjects: set[str] = field(default_factory=set)  # ... by an armed force ("Russian forces attacked")
    # the things of a game ("blasted three home runs", "denied Salah with a diving save"): no words
    play_words: set[str] = field(default_factory=set)
    play_lemmas: set[str] = field(default_factory=set)  # ... counted only for these verbs
    play_instruments: set[str] = field(default_factory=set)  # ... and these only after "with" or "through"
    # objects that make a reporting verb a deed ("appealed the ruling", "dismissed the case")
    act_objects: dict[str, set[str]] = field(default_factory=dict)
    court_subjects: set[str] = field(default_factory=set)  # ... a case is dismissed as a deed only by these
    court_cases: set[str] = field(default_factory=set)  # ... which are the cases
    words_put_out: set[str] = field(default_factory=set)  # a deed done with these is words ("with a statement")
    armed_targets: set[str] = field(default_factory=set)  # ... or on a place ("attacked a convoy", "Israel attacked Iran")
    perception_lemmas: set[str] = field(default_factory=set)  # "BC Hydro has seen worse": a group's, but no stance
    as_not_words: set[str] = field(default_factory=set)  # "painted houses as a teenager": no description put on them
    speech_objects: set[str] = field(default_factory=set)  # "offered few details": then no clause is needed ...
    speech_object_lemmas: dict[str, list[str]] = field(default_factory=dict)  # ... by these lemmas (and their own)
    finding_subjects: set[str] = field(default_factory=set)  # ... when a poll, study or data is the subject
    document_author_verbs: set[str] = field(default_factory=set)  # "a statement released by X": X wrote it
    document_not_authors: set[str] = field(default_factory=set)  # "CCTV footage", "GPS data": no author named
    writer_lemmas: dict[str, Rule] = field(default_factory=dict)  # "seems", "appears": the writer's perception
    writer_words: dict[str, Rule] = field(default_factory=dict)  # "I", "we", "you" outside quotes: the writer
    cue_adverbs: dict[str, Rule] = field(default_factory=dict)
    anon_heads: dict[str, Rule] = field(default_factory=dict)
    document_heads: dict[str, Rule] = field(default_factory=dict)
    institution_heads: dict[str, Rule] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)
    channel_words: set[str] = field(default_factory=set)  # "..., in a statement,": how it was said, not who
    rank_words: set[str] = field(default_factory=set)
    count_words: set[str] = field(default_factory=set)
    government_lemmas: set[str] = field(default_factory=set)
    government_name_words: list[str] = field(default_factory=list)
    company_words: set[str] = field(default_factory=set)  # "Hallmark Devices", "Lumina Labs": a company's name
    outlets: dict[str, str] = field(default_factory=dict)  # lower-case form -> form as listed
    # A paragraph with one of these words is never a caption by neighbourhood (rules/parts.toml).
    caption_reporting_words: list[str] = field(default_factory=list)  # lower case, in file order
    # The linker's word lists (rules/linking.toml), all lower case.
    link_aliases: dict[str, str] = field(default_factory=dict)  # surface form -> name
    link_folds: list[str] = field(default_factory=list)  # forms joined into one word, in file order
    link_titles: set[str] = field(default_factory=set)
    link_organisation_words: set[str] = field(default_factory=set)
    link_stop_words: set[str] = field(default_factory=set)
    link_negations: set[str] = field(default_factory=set)
    link_directive_cues: set[str] = field(default_factory=set)  # "warned against", "urged": what should be, not what is
    link_numbers: dict[str, float] = field(default_factory=dict)  # "three" -> 3
    link_multipliers: dict[str, float] = field(default_factory=dict)  # "million" -> 1e6
    link_units_before: dict[str, str] = field(default_factory=dict)  # "$" -> "usd", written before the number
    link_units_after: dict[str, str] = field(default_factory=dict)  # "per cent" -> "percent", written after it
    link_months: set[str] = field(default_factory=set)

    def by_id(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def of_type(self, *types: str) -> list[Rule]:
        return [r for r in self.rules if r.type in types]


def default_rules_dir() -> Path:
    env = os.environ.get(ENV_RULES)
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "rules"


def load_rules(directory: str | os.PathLike | None = None) -> RuleSet:
    directory = Path(directory) if directory else default_rules_dir()
    if not directory.is_dir():
        raise RuleError(str(directory), None, f"rules folder not found (set {ENV_RULES} or --rules)")
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise RuleError(str(directory), None, "no .toml rule files in the rules folder")
    missing = [name for name in LABEL_FILES if not (directory / name).is_file()]
    if missing:
        # a folder with only the file being tried out would label every claim editorial-framing without a word
        raise RuleError(str(directory), None, f"missing {', '.join(missing)}: a rules folder holds every file of the "
                                              "project's rules/ (linking.toml may be left out); copy the folder and "
                                              "edit the copy")
    digest = hashlib.sha256()
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in files:
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw)
        try:
            doc = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise RuleError(path.name, None, f"not valid TOML: {e}") from None
        for key in doc:
            if key not in FILE_KEYS:
                raise RuleError(path.name, None, f"unknown top-level key {key!r}{_suggest(key, FILE_KEYS)}")
        entries = doc.get("rule")
        if not isinstance(entries, list) or not entries:
            raise RuleError(path.name, None, "no [[rule]] entries")
        for entry in entries:
            rule = _validate(path.name, entry)
            if rule.id in seen:
                raise RuleError(path.name, rule.id, f"duplicate id (also in {seen[rule.id]})")
            seen[rule.id] = path.name
            rules.append(rule)
    ruleset = RuleSet(rules=rules, version=digest.hexdigest()[:12], directory=str(directory))
    _index(ruleset)
    return ruleset


def _validate(file: str, entry: Any) -> Rule:
    if not isinstance(entry, dict):
        raise RuleError(file, None, "a [[rule]] entry is not a table")
    rid = entry.get("id")
    if not isinstance(rid, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", rid or ""):
        raise RuleError(file, str(rid), "missing or malformed id (lower-case letters, digits and dashes)")
    rtype = entry.get("type")
    _check_keys(file, rid, rtype, entry)
    if rtype not in REQUIRED:
        raise RuleError(file, rid, f"unknown type {rtype!r}; one of: {', '.join(REQUIRED)}")
    desc = entry.get("description")
    if not isinstance(desc, str) or not desc.strip():
        raise RuleError(file, rid, "missing description")
    examples = entry.get("examples")
    if not isinstance(examples, list) or not examples:
        raise RuleError(file, rid, "needs at least one example")
    for ex in examples:
        if not isinstance(ex, dict) or not isinstance(ex.get("text"), str) or not ex["text"].strip():
            raise RuleError(file, rid, "every example needs a non-empty text")
    for key in REQUIRED[rtype]:
        if key not in entry:
            raise RuleError(file, rid, f"missing {key!r} (needed by type {rtype})")
    if "stance" in entry and entry["stance"] not in STANCES:
        raise RuleError(file, rid, f"unknown stance {entry['stance']!r}; one of: {', '.join(STANCES)}")
    if "source" in entry and entry["source"] not in PHRASE_SOURCES:
        raise RuleError(file, rid, f"source must be one of {PHRASE_SOURCES}")
    for key in ("patterns", "prefix_patterns"):
        if rtype in ("boilerplate", "syndication", "caption", "byline", "dateline") and key in entry:
            for pat in entry[key]:
                try:
                    re.compile(pat, re.IGNORECASE)
                except re.error as e:
                    raise RuleError(file, rid, f"bad regular expression {pat!r}: {e}") from None
    for key in ("lemmas", "words", "phrases", "names", "rank_words", "count_words", "government_lemmas",
                "government_name_words", "company_words", "needs_clause_lemmas", "needs_complement_lemmas", "not_speakers",
                "narrowing_words", "organisation_offices", "not_words", "not_epithets", "epithet_lemmas", "forms", "fold", "reporting_words", "author_verbs", "not_authors", "finding_lemmas", "finding_subjects",
                "infinitive_governors", "object_heads", "determiners", "female_words", "male_words",
                "female_first_names", "male_first_names", "negators", "withdrawal_particles", "speech_objects", "as_not_words",
                "perception_lemmas", "as_aside_lemmas", "armed_lemmas", "armed_subjects", "armed_targets",
                "thing_object_lemmas", "person_objects", "comparison_lemmas", "play_words", "play_lemmas", "play_instruments", "court_subjects", "court_cases",
                "words_put_out", "channel_words"):
        if key in entry and (not isinstance(entry[key], list) or not all(isinstance(w, str) and w for w in entry[key])):
            raise RuleError(file, rid, f"{key!r} must be a list of non-empty strings")
    if "cue_length" in entry and (isinstance(entry["cue_length"], bool) or not isinstance(entry["cue_length"], int)
                                  or entry["cue_length"] < 1):
        raise RuleError(file, rid, "'cue_length' must be a whole number of words, 1 or more")
    for key, what in (("topic_lemmas", "prepositions"), ("stance_lemmas", "prepositions"), ("speech_object_lemmas", "object words"),
                      ("particle_lemmas", "particles"), ("object_lemmas", "object words"), ("act_objects", "object words"),
                      ("noun_prepositions", "prepositions")):
        if key not in entry:
            continue
        if not isinstance(entry[key], dict) or not all(
                isinstance(k, str) and k and isinstance(v, list) and all(isinstance(p, str) and p for p in v)
                for k, v in entry[key].items()):
            raise RuleError(file, rid, f"{key!r} must be a table of lists of {what}")
        for k, v in entry[key].items():
            if k != k.lower() or any(p != p.lower() for p in v):
                raise RuleError(file, rid, f"{key!r}: lemmas and words are lower case: {k!r}")
            # (an empty stance list means: any object will do; an empty speech-object list: speech_objects only)
            if not v and key not in ("stance_lemmas", "speech_object_lemmas"):
                raise RuleError(file, rid, f"{key!r}: {k!r} lists no {what}, so it would never count")
    for w in entry.get("infinitive_governors", []) if rtype == "cue-verb" else []:
        if w != w.lower() or w != " ".join(w.split()):
            raise RuleError(file, rid, f"'infinitive_governors' are lower-case lemmas, a particle after one space: {w!r}")
    if "object_heads" in entry:
        if entry.get("source") != "object":
            raise RuleError(file, rid, "'object_heads' needs source = \"object\": it says what the phrase's object must be")
        bad = [w for w in entry["object_heads"] if w != w.lower() or w.split() != [w]]
        if bad:
            raise RuleError(file, rid, f"'object_heads' are single lower-case lemmas: {bad[0]!r}")
    for key in ("needs_complement", "minded_subject", "unstated"):
        if key in entry and not isinstance(entry[key], bool):
            raise RuleError(file, rid, f"{key!r} must be true or false")
    if "abbreviations" in entry and (not isinstance(entry["abbreviations"], dict) or not all(
            isinstance(k, str) and k and isinstance(v, str) and v for k, v in entry["abbreviations"].items())):
        raise RuleError(file, rid, "'abbreviations' must be a table of non-empty strings")
    if rtype == "caption-neighbour":
        for w in entry["reporting_words"]:
            if w != w.lower() or w.split() != [w]:
                raise RuleError(file, rid, f"'reporting_words' must be single lower-case words: {w!r}")
    if rtype.startswith("link-"):
        _validate_link(file, rid, rtype, entry)
    data = {k: v for k, v in entry.items() if k not in ("id", "type", "description", "examples")}
    return Rule(id=rid, type=rtype, description=desc.strip(), file=file, examples=examples, data=data)


def _check_keys(file: str, rid: str, rtype: Any, entry: dict) -> None:
    """Every key is one the code reads for the rule's type (any type's, while the type is unknown)."""
    every = {k for keys in ALLOWED.values() for k in keys}
    own = ALLOWED.get(rtype) if isinstance(rtype, str) else None
    for key in entry:
        if key in (own or every):
            continue
        if key not in every:
            hint = _suggest(key, own or sorted(every))
            if not hint and own:
                hint = f"; a rule of type {rtype!r} has: {', '.join(own)}"
            raise RuleError(file, rid, f"unknown key {key!r}{hint}")
        owners = [t for t, keys in ALLOWED.items() if key in keys]
        kind = f"a rule of type {owners[0]!r}" if len(owners) == 1 else (
            "rules of type " + ", ".join(map(repr, owners[:-1])) + f" and {owners[-1]!r}")
        raise RuleError(file, rid, f"{key!r} belongs to {kind}, not {rtype!r}")


def _suggest(key: str, known) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _validate_link(file: str, rid: str, rtype: str, entry: dict) -> None:
    if rtype == "link-alias":
        if not isinstance(entry["name"], str) or not entry["name"].strip():
            raise RuleError(file, rid, "'name' must be a non-empty string")
        for key in ("forms", "fold"):
            for w in entry.get(key, []):
                if w != w.lower():
                    raise RuleError(file, rid, f"{key!r} must be lower case: {w!r}")
        missing = [w for w in entry.get("fold", []) if w not in entry["forms"]]
        if missing:
            raise RuleError(file, rid, f"'fold' lists {missing[0]!r}, which is not one of its 'forms'")
        return
    if rtype in ("link-number-words", "link-scale-words"):
        key = REQUIRED[rtype][0]
        table = entry[key]
        if not isinstance(table, dict) or not table:
            raise RuleError(file, rid, f"{key!r} must be a table of words to numbers")
        for w, v in table.items():
            if w != w.lower() or w.split() != [w] or not w.isalpha():
                raise RuleError(file, rid, f"{key!r} must have single lower-case words: {w!r}")
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not v > 0:
                raise RuleError(file, rid, f"{key!r} must give each word a positive number: {w!r} = {v!r}")
        return
    if rtype == "link-units":
        if "before" not in entry and "after" not in entry:
            raise RuleError(file, rid, "needs 'before' or 'after' (needed by type link-units)")
        for key in ("before", "after"):
            table = entry.get(key, {})
            if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
                raise RuleError(file, rid, f"{key!r} must be a table of forms to unit names")
            for form, unit in table.items():
                if not form.strip() or form != form.lower() or " ".join(form.split()) != form:
                    raise RuleError(file, rid, f"{key!r} forms must be lower case, single-spaced: {form!r}")
                if unit != unit.lower() or unit.split() != [unit]:
                    raise RuleError(file, rid, f"{key!r} unit names must be single lower-case words: {unit!r}")
        return
    for w in entry["words"]:
        if w != w.lower() or w.split() != [w]:
            raise RuleError(file, rid, f"'words' must be single lower-case words: {w!r}")


def _index(rs: RuleSet) -> None:
    for rule in rs.rules:
        if rule.type == "cue-verb":
            for lemma in rule.get("lemmas"):
                if lemma in rs.cue_lemmas and rs.cue_lemmas[lemma].id != rule.id:
                    raise RuleError(rule.file, rule.id, f"lemma {lemma!r} is already a cue in rule {rs.cue_lemmas[lemma].id!r}")
                rs.cue_lemmas[lemma] = rule
                if rule.get("needs_complement"):
                    rs.needs_complement.add(lemma)
            rs.needs_complement.update(rule.get("needs_complement_lemmas", []))
            rs.needs_clause.update(rule.get("needs_clause_lemmas", []))
            rs.finding_lemmas.update(rule.get("finding_lemmas", []))
            rs.speech_objects.update(w.lower() for w in rule.get("speech_objects", []))
            rs.as_not_words.update(w.lower() for w in rule.get("as_not_words", []))
            rs.perception_lemmas.update(w.lower() for w in rule.get("perception_lemmas", []))
            rs.as_aside_lemmas.update(w.lower() for w in rule.get("as_aside_lemmas", []))
            rs.armed_lemmas.update(w.lower() for w in rule.get("armed_lemmas", []))
            rs.thing_object_lemmas.update(w.lower() for w in rule.get("thing_object_lemmas", []))
            rs.person_objects.update(w.lower() for w in rule.get("person_objects", []))
            rs.comparison_lemmas.update(w.lower() for w in rule.get("comparison_lemmas", []))
            rs.armed_subjects.update(w.lower() for w in rule.get("armed_subjects", []))
            rs.armed_targets.update(w.lower() for w in rule.get("armed_targets", []))
            rs.play_words.update(w.lower() for w in rule.get("play_words", []))
            rs.play_lemmas.update(w.lower() for w in rule.get("play_lemmas", []))
            rs.play_instruments.update(w.lower() for w in rule.get("play_instruments", []))
            rs.court_subjects.update(w.lower() for w in rule.get("court_subjects", []))
            rs.court_cases.update(w.lower() for w in rule.get("court_cases", []))
            rs.words_put_out.update(w.lower() for w in rule.get("words_put_out", []))
            for lemma, words in rule.get("act_objects", {}).items():
                rs.act_objects.setdefault(lemma, set()).update(w.lower() for w in words)
            for lemma, words in rule.get("speech_object_lemmas", {}).items():
                rs.speech_object_lemmas[lemma] = [w.lower() for w in words]
            rs.finding_subjects.update(rule.get("finding_subjects", []))
            rs.infinitive_governors.update(rule.get("infinitive_governors", []))
            rs.withdrawal_particles.update(rule.get("withdrawal_particles", []))
            for lemma, preps in rule.get("stance_lemmas", {}).items():
                rs.stance_lemmas[lemma] = [p.lower() for p in preps]
            for lemma, preps in rule.get("topic_lemmas", {}).items():
                rs.topic_lemmas[lemma] = [p.lower() for p in preps]
            for key, table in (("particle_lemmas", rs.particle_lemmas), ("object_lemmas", rs.object_lemmas)):
                for lemma, words in rule.get(key, {}).items():
                    table[lemma] = [w.lower() for w in words]
                    if lemma in rs.cue_lemmas and rs.cue_lemmas[lemma].id != rule.id:
                        raise RuleError(rule.file, rule.id, f"lemma {lemma!r} is already a cue in rule {rs.cue_lemmas[lemma].id!r}")
                    rs.cue_lemmas[lemma] = rule
        elif rule.type == "cue-passive":
            for lemma in rule.get("lemmas"):
                rs.passive_lemmas[lemma] = rule
        elif rule.type == "cue-writer":
            for lemma in rule.get("lemmas"):
                rs.writer_lemmas[lemma] = rule
        elif rule.type == "writer":
            for w in rule.get("words"):
                rs.writer_words[w.lower()] = rule
        elif rule.type == "cue-adverb":
            for w in rule.get("words"):
                rs.cue_adverbs[w.lower()] = rule
        elif rule.type == "anonymous-head":
            for lemma in rule.get("lemmas"):
                rs.anon_heads[lemma] = rule
            rs.rank_words.update(rule.get("rank_words", []))
            rs.count_words.update(rule.get("count_words", []))
        elif rule.type == "document-head":
            for lemma in rule.get("lemmas"):
                rs.document_heads[lemma] = rule
            rs.document_author_verbs.update(rule.get("author_verbs", []))
            rs.document_not_authors.update(w.lower() for w in rule.get("not_authors", []))
        elif rule.type == "institution-head":
            for lemma in rule.get("lemmas"):
                rs.institution_heads[lemma] = rule
            rs.government_lemmas.update(rule.get("government_lemmas", []))
            rs.government_name_words.extend(rule.get("government_name_words", []))
            rs.company_words.update(rule.get("company_words", []))
        elif rule.type == "title":
            rs.titles.extend(rule.get("phrases"))
            rs.channel_words.update(w.lower() for w in rule.get("channel_words", []))
        elif rule.type == "caption-neighbour":
            rs.caption_reporting_words.extend(w for w in rule.get("reporting_words")
                                              if w not in rs.caption_reporting_words)
        elif rule.type == "cue-headline":
            for lemma, preps in rule.get("noun_prepositions", {}).items():
                rs.noun_prepositions[lemma] = [p.lower() for p in preps]
        elif rule.type == "link-alias":
            for form in rule.get("forms"):
                if rs.link_aliases.get(form, rule.get("name")) != rule.get("name"):
                    raise RuleError(rule.file, rule.id, f"form {form!r} already names {rs.link_aliases[form]!r}")
                rs.link_aliases[form] = rule.get("name")
            rs.link_folds.extend(rule.get("fold", []))
        elif rule.type == "link-title-words":
            rs.link_titles.update(rule.get("words"))
        elif rule.type == "link-organisation-words":
            rs.link_organisation_words.update(rule.get("words"))
        elif rule.type == "link-stop-words":
            rs.link_stop_words.update(rule.get("words"))
        elif rule.type == "link-negations":
            rs.link_negations.update(rule.get("words"))
        elif rule.type == "link-directive-cues":
            rs.link_directive_cues.update(w.lower() for w in rule.get("words"))
        elif rule.type == "link-month-words":
            rs.link_months.update(rule.get("words"))
        elif rule.type in ("link-number-words", "link-scale-words", "link-units"):
            tables = {"link-number-words": (("numbers", rs.link_numbers),),
                      "link-scale-words": (("multipliers", rs.link_multipliers),),
                      "link-units": (("before", rs.link_units_before), ("after", rs.link_units_after))}
            for key, into in tables[rule.type]:
                for form, value in rule.get(key, {}).items():
                    if into.get(form, value) != value:
                        raise RuleError(rule.file, rule.id, f"{form!r} is already {into[form]!r} in another rule")
                    into[form] = value
        elif rule.type == "outlets":
            # the first form listed wins; "Guardian" resolves to "The Guardian" when both are listed
            for name in rule.get("names"):
                if name.startswith("The "):
                    rs.outlets.setdefault(name[4:].lower(), name)
                rs.outlets.setdefault(name.lower(), name)
    rs.titles = sorted(set(rs.titles), key=len, reverse=True)
    _check_link_titles(rs)


def _check_link_titles(rs: RuleSet) -> None:
    """The linker's title words are words of the titles the engine knows, so the
    two lists cannot drift apart (one is the other split into lower-case words)."""
    if not rs.titles:
        return
    known: set[str] = set()
    for phrase in rs.titles:
        for word in phrase.lower().split():
            word = word.strip(".")
            known.add(word)
            known.update(word.split("-"))
    for rule in rs.of_type("link-title-words"):
        for w in rule.get("words"):
            if w not in known:
                raise RuleError(rule.file, rule.id, f"{w!r} is not a word of any title in the 'title' rules")
