"""Links between claims of different articles: corroborates, conflicts, copy, echo.

The pure core is :func:`find_links`, over plain claim dicts (keys ``id``,
``article_id``, ``text``, ``label``, ``source_name``, ``source_kind``,
``entities``, ``outlet``, ``syndicated_from``, ``chain``; ``part``, ``start``,
``cue_stance`` and ``content_start`` optional). A refusal (:func:`is_refusal`)
is linked only as part of a copy. Entities, numbers and the predicate words are
those of the claim's content: its attribution frame (the sources of ``chain``
and their cues) is left out (:func:`prepare`).
It never compares all pairs: claims are put in blocks by an inverted index on
normalised entities, numbers with their units and key terms; keys that are too
common are paired with each other or dropped. Each block is scored with
rapidfuzz's ``process.cdist`` (``workers=-1``), and the pairs that pass a
prefilter are scored again with entity and number agreement.

:func:`link_new` and :func:`link_all` are the database wrappers (tables as in
docs/SCHEMA.md); they write ``links`` rows idempotently and keep
``claims.corroborations`` and ``claims.conflicts`` in step.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from contextlib import contextmanager
from functools import lru_cache
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import numpy as np
from rapidfuzz import fuzz, process, utils

RELATIONS = ("corroborates", "conflicts", "copy", "echo")
SCORER = "link-v1: 0.35 token_set_ratio + 0.45 token_sort_ratio + 20 x entity Jaccard (+5 agreeing numbers)"

# Thresholds (0-100). LINK_THRESHOLD decides "same assertion"; PREFILTER is the
# token_set_ratio below which a pair cannot reach LINK_THRESHOLD (the combined
# score is at most 0.8 * token_set_ratio + 25, so 0.8 * 46 + 25 < 62).
LINK_THRESHOLD = 62.0
# A conflict is a strong claim to make: a negation flip or a different number
# only counts when the rest of the two claims is this close; below it the pair
# is left unlinked rather than called corroborating.
CONFLICT_THRESHOLD = 68.0
PREFILTER = 46.0
# A pair must share this much of its non-entity words (Dice coefficient): the
# same people in the same story doing something else is the same topic, not the
# same assertion.
MIN_PREDICATE_OVERLAP = 0.34
# The text part of the score (0.35 token_set_ratio + 0.45 token_sort_ratio, at
# most 80) must reach this on its own: shared names alone make no assertion.
TEXT_MIN = 45.0
# ... and the two contents must agree on at least this many things, words of what they
# assert and names in it together: one shared word is no agreement ("The problem?" and
# "No problem!" conflicted, "1:30 p.m." and "9:42 p.m." too, and "It's happened before."
# corroborated "So it does happen here."; now that a source's name is no entity of the
# claim, it no longer holds such fragments apart).
MIN_CONTENT_AGREEMENT = 2
# Copies: claims this similar count as the same text ...
COPY_TEXT = 92.0
# ... and an article pair is a copy when this share of the shorter one matches.
COPY_SHARE = 0.6

# Blocking: at most this many claims under one key (larger keys are paired or
# dropped), and at most this many keys per claim (its rarest).
MAX_BLOCK = 100
KEYS_PER_CLAIM = 6
COMMON_PAIRED = 4

CONTRACTIONS = (("won't", "will not"), ("can't", "can not"), ("n't", " not"), ("cannot", "can not"))

# The word lists come from the rule files (rules/linking.toml; see use_rules):
# STOPWORDS are left out of the compared text; NEGATIONS are kept out of it and
# checked on their own, so "will cut" and "will not cut" score as the same
# assertion with a flip; ALIASES map surface forms to one name; TITLES are taken
# off names; NOT_PERSON words make a capitalised run an organisation or place,
# never shortened to its last word. Numbers are compared with their units:
# NUMBER_WORDS are numbers written as words ("three"), MULTIPLIERS scale the
# number before them ("million"), UNITS_BEFORE and UNITS_AFTER are signs and
# forms that name a unit ("$", "per cent"), and a number right after one of the
# MONTHS is a date, not a quantity.
STOPWORDS: frozenset = frozenset()
NEGATIONS: frozenset = frozenset()
DIRECTIVES: frozenset = frozenset()
ALIASES: dict[str, str] = {}
TITLES: frozenset = frozenset()
NOT_PERSON: frozenset = frozenset()
NUMBER_WORDS: dict[str, float] = {}
MULTIPLIERS: dict[str, float] = {}
UNITS_BEFORE: dict[str, str] = {}
UNITS_AFTER: dict[str, str] = {}
MONTHS: frozenset = frozenset()
RULES = None  # the RuleSet the lists were read from
_ALIAS_NAMES: frozenset = frozenset()
_ALIAS_RE: re.Pattern | None = None
_FOLDS: tuple = ()
_TITLE_STEMS: frozenset = frozenset()
_NUMBER: re.Pattern | None = None  # a number with its unit, built from the lists above

_WORD = re.compile(r"[A-Za-z][A-Za-z_'’.\-]*[A-Za-z]|[A-Za-z]")
_CAPRUN = re.compile(
    r"(?:[A-Z][A-Za-z'’\-]*\.?|U\.S\.|U\.K\.|U\.N\.)(?:\s+(?:of\s+)?(?:[A-Z][A-Za-z'’\-]*\.?|U\.S\.))*"
)
_ORIGIN_PATTERNS = (
    re.compile(r"(?P<o>(?:The\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})\s+(?:first\s+)?(?:reported|reports|revealed)\b"),
    re.compile(r"\b(?i:according to|reported by|told|first reported by)\s+(?P<o>(?:[Tt]he\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})"),
)


# ---------------------------------------------------------------- normalising

@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A deliberately crude stem: enough for "strikes"/"strike", "authorized"/"authorize"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 5 and w.endswith("ies"):
        return w[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4 and not w.endswith("ss"):
            return w[: -len(suffix)]
    return w


_CONTRACTION_RES = tuple((re.compile(re.escape(a), re.IGNORECASE), b) for a, b in CONTRACTIONS)


def use_rules(rules=None) -> None:
    """Read the linker's word lists from a RuleSet (default: the rules folder,
    ``ATTRIBUTION_RULES``); every function of this module then uses them."""
    global STOPWORDS, NEGATIONS, DIRECTIVES, ALIASES, TITLES, NOT_PERSON, RULES
    global NUMBER_WORDS, MULTIPLIERS, UNITS_BEFORE, UNITS_AFTER, MONTHS
    global _ALIAS_NAMES, _ALIAS_RE, _FOLDS, _TITLE_STEMS, _NUMBER
    from .rules import load_rules

    if rules is None:
        rules = load_rules()
    lists = rules
    if not any(r.type.startswith("link-") for r in rules.rules):
        # a rules folder of its own without linking.toml: link with the project's lists, not with none
        lists = load_rules(Path(__file__).resolve().parent.parent / "rules")
    RULES = rules
    rules = lists
    STOPWORDS = frozenset(rules.link_stop_words)
    NEGATIONS = frozenset(rules.link_negations)
    DIRECTIVES = frozenset(rules.link_directive_cues)
    ALIASES = dict(rules.link_aliases)
    TITLES = frozenset(rules.link_titles)
    NOT_PERSON = frozenset(rules.link_organisation_words)
    _ALIAS_NAMES = frozenset(ALIASES.values())
    _ALIAS_RE = re.compile(
        r"(?<![a-z])(" + "|".join(re.escape(a) for a in sorted(ALIASES, key=len, reverse=True)) + r")(?![a-z])"
    ) if ALIASES else None
    # The multi-word and dotted aliases joined into one word before the text is split.
    _FOLDS = tuple((alias, " " + ALIASES[alias].lower().replace(" ", "_") + " ") for alias in rules.link_folds)
    _TITLE_STEMS = frozenset(stem(t) for t in TITLES)
    NUMBER_WORDS = dict(rules.link_numbers)
    MULTIPLIERS = dict(rules.link_multipliers)
    UNITS_BEFORE = dict(rules.link_units_before)
    UNITS_AFTER = dict(rules.link_units_after)
    MONTHS = frozenset(rules.link_months)
    _NUMBER = _number_pattern()
    for cached in (canonical_entity, entity_key, _content_word):
        cached.cache_clear()


def _number_pattern() -> re.Pattern:
    """A currency sign, digits or a number word, a multiplier, a percent form, then the
    word after it (its unit as written)."""
    def either(forms: Iterable[str], word_end: bool) -> str:
        alts = [re.escape(f) + (r"\b" if word_end and f[-1:].isalnum() else "")
                for f in sorted(forms, key=len, reverse=True)]
        return "|".join(alts) or "(?!)"  # an empty list matches nothing

    return re.compile(
        rf"(?P<cur>{either(UNITS_BEFORE, False)})?\s?(?P<num>\d[\d,]*(?:\.\d+)?|(?:{either(NUMBER_WORDS, False)})\b)"
        rf"(?:\s*(?P<scale>{either(MULTIPLIERS, False)})\b)?"
        rf"(?:\s*(?P<pct>{either(UNITS_AFTER, True)}))?(?:[\s-]+(?P<unit>[A-Za-z]+))?",
        re.IGNORECASE,
    )


@contextmanager
def using(rules):
    """Link with the word lists of this RuleSet for the duration (rule examples)."""
    before = RULES
    use_rules(rules)
    try:
        yield
    finally:
        use_rules(before)


def _expand(text: str) -> str:
    t = text.replace("’", "'")
    for pattern, b in _CONTRACTION_RES:
        t = pattern.sub(b, t)
    return t


_POSSESSIVE = re.compile(r"[’']s$")


@lru_cache(maxsize=200_000)
def canonical_entity(name: str) -> str:
    """"President Joe Biden" -> "Joe Biden"; "U.S." / "American" -> "United States"."""
    n = _POSSESSIVE.sub("", name.strip().strip(".,;:")).strip()
    low = n.lower()
    if low in ALIASES:
        return ALIASES[low]
    words = n.split()
    while len(words) > 1 and words[0].lower().strip(".") in TITLES | {"the", "of"}:
        words = words[1:]
    n = " ".join(words)
    return ALIASES.get(n.lower(), n)


@lru_cache(maxsize=200_000)
def entity_key(name: str) -> str:
    """The blocking and matching key: a person's surname ("Biden" ~ "Joe Biden"), else the whole name."""
    canon = canonical_entity(name)
    words = canon.split()
    if 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words) \
            and not any(w.lower() in NOT_PERSON for w in words) and canon not in _ALIAS_NAMES:
        return words[-1].lower()
    return canon.lower()


_DOTTED_NAMES = {"u.s.": "United States", "u.s.a.": "United States", "u.k.": "United Kingdom",
                 "u.n.": "United Nations"}
_DOTTED = re.compile(r"\b(U\.S\.A?\.?|U\.K\.|U\.N\.)(?=[\s\-,;:’')]|$)")


_TITLE_FUNCTION_WORDS = frozenset("will with in to for of and on at by from as is are after over into than".split())


_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_TITLE_WORD = re.compile(r"[A-Za-z][\w'’\-]*")
_LOWER_WORD = re.compile(r"[A-Za-z][\w'’]*")


def is_title_case(text: str) -> bool:
    """Headlines in title case capitalise every word, so capitals say nothing about names."""
    words = _TITLE_WORD.findall(text)
    if len(words) < 3:
        return False
    capitalised = [w.lower() for w in words[1:] if w[0] in _UPPER]
    if not _TITLE_FUNCTION_WORDS.isdisjoint(capitalised):
        return True  # "... Will Allow Strikes in Russia With ..."
    caps = (len(capitalised) + (words[0][0] in _UPPER)) / len(words)
    return caps >= 0.8 and not text.rstrip().endswith((".", "?", "!", "”", '"'))


def extract_entities(text: str, article_names: dict[str, str] | None = None) -> list[str]:
    """A fallback when the engine gave no entities: capitalised runs, aliases, titles stripped.

    ``article_names`` (entity key -> full name, from the article's other claims)
    resolves short forms ("Biden" -> "Joe Biden") and is the only source of names
    in a title-case headline."""
    return _resolve_entities(_scan_entities(text), article_names or {})


def _dotted(m: re.Match) -> str:
    return _DOTTED_NAMES.get(m.group(1).lower().rstrip(".") + ".", m.group(1))


def _scan_entities(text: str) -> tuple[str, list[str] | None]:
    """The part of :func:`extract_entities` that does not depend on the article's
    names: (the text with dotted names spelled out, the canonical names of its
    capitalised runs in order, or None for a title-case text)."""
    text = _DOTTED.sub(_dotted, text)
    text = text.replace("United States-", "United States ")
    if is_title_case(text):
        return text, None
    return text, _capitalised_runs(text)


def _resolve_entities(scan: tuple[str, list[str] | None], names: dict[str, str]) -> list[str]:
    text, runs = scan
    if runs is None:
        low = {stem(w) for w in _LOWER_WORD.findall(text.lower())}
        lowtext = " " + text.lower() + " "
        out = []
        for m in (_ALIAS_RE.finditer(lowtext) if _ALIAS_RE else ()):
            canon = ALIASES[m.group(1)]
            if canon not in out:
                out.append(canon)
        for key, full in names.items():
            if full not in out and all(stem(w) in low for w in key.split()):
                out.append(full)
        return out
    out: list[str] = []
    for canon in runs:
        if names:
            canon = names.get(entity_key(canon), canon)
        if canon and canon not in out:
            out.append(canon)
    return out


def _capitalised_runs(text: str) -> list[str]:
    out: list[str] = []
    for m in _CAPRUN.finditer(text):
        words = m.group(0).split()
        # A sentence-initial function word is not a name ("The Ukrainian invasion"), nor is a
        # count ("Two officials said", "Three soldiers were killed").
        while words and (words[0].lower() in STOPWORDS or words[0].lower() in TITLES
                         or words[0].lower() in NUMBER_WORDS):
            words = words[1:]
        while words and words[-1].lower() in {"of"}:
            words = words[:-1]
        if not words:
            continue
        run = " ".join(words)
        # A run of several alias words ("US Secretary") keeps its parts apart.
        parts = [run]
        if len(words) > 1 and any(w.lower() in ALIASES for w in words) and run.lower() not in ALIASES:
            parts = [w for w in words if w.lower() in ALIASES] + [" ".join(w for w in words if w.lower() not in ALIASES)]
        for p in parts:
            if not p or p.lower() in STOPWORDS or p.lower() in TITLES:
                continue
            out.append(canonical_entity(p))
    return out


_DIGIT = re.compile(r"\d")


def numbers(text: str) -> list[tuple[float, str]]:
    """Numbers with their units: "190 miles" -> (190.0, "mile"), "$175 billion" -> (1.75e11, "usd")."""
    out: list[tuple[float, str]] = []
    low = text.lower()
    if not _DIGIT.search(text) and not any(w in low for w in NUMBER_WORDS):
        return out  # the pattern needs a digit or a number word; most claims have neither
    for m in _NUMBER.finditer(text):
        raw = m.group("num").lower().replace(",", "")
        before = text[max(0, m.start() - 12): m.start()].lower().split()
        if before and before[-1].strip(".,") in MONTHS:
            continue  # a date: "September 11"
        try:
            value = float(NUMBER_WORDS.get(raw, raw))
        except ValueError:
            continue
        scale = (m.group("scale") or "").lower()
        value *= MULTIPLIERS.get(scale, 1)
        unit = ""
        if m.group("cur"):
            unit = UNITS_BEFORE[m.group("cur").lower()]
        elif m.group("pct"):
            unit = UNITS_AFTER[m.group("pct").lower()]
        elif m.group("unit") and m.group("unit").lower() not in STOPWORDS:
            unit = m.group("unit").lower()
            unit = unit[:-1] if unit.endswith("s") and not unit.endswith("ss") else unit
        elif not scale and m.group("num").isdigit() and 1900 <= value <= 2100:
            unit = "year"
        if unit:
            out.append((value, unit))
    return out


@dataclass(slots=True)
class Prepared:
    """What linking needs of one claim, computed once."""

    index: int
    id: str
    article_id: str
    norm: str  # content words, stemmed, aliases folded, numbers and negation removed
    predicate: frozenset  # the words of what it asserts (its frame left out), less names and titles
    ents: frozenset  # entity keys
    ent_names: dict
    nums: tuple
    negated: bool
    origins: frozenset  # normalised names of outlets the claim cites
    outlet: str
    syndicated_from: str
    label: str
    text: str = ""
    name_words: frozenset = frozenset()  # words of its entities' names
    refusal: bool = False  # see is_refusal: never evidence, only part of a copy
    directive: bool = False  # see is_directive: links only with another such claim
    terms: frozenset = frozenset()  # the words of the whole claim, frame too, less names and titles: blocking keys


_NO_WORDS: frozenset = frozenset()


@lru_cache(maxsize=20_000)
def norm_outlet(name: str | None) -> str:
    if not name:
        return ""
    n = name.lower().strip()
    n = re.sub(r"^the\s+", "", n)
    n = re.sub(r"\.(com|org|net|co\.uk)\b.*$", "", n)
    return re.sub(r"[^a-z0-9]", "", n)


def _origins(claim: dict) -> frozenset:
    found = set()
    for s in claim.get("chain") or []:
        if isinstance(s, dict) and s.get("kind") == "outlet" and s.get("name"):
            found.add(norm_outlet(s["name"]))
    if claim.get("source_kind") == "outlet" and claim.get("source_name"):
        found.add(norm_outlet(claim["source_name"]))
    text = claim.get("text") or ""
    low = text.lower()
    # Each pattern needs its cue word; most claims have none of them.
    hints = ("report" in text or "revealed" in text,
             "according to" in low or "reported by" in low or "told" in low)
    for pat, hint in zip(_ORIGIN_PATTERNS, hints):
        if not hint:
            continue
        for m in pat.finditer(text):
            o = norm_outlet(m.group("o"))
            if o and o not in {"it", "he", "she", "they", "sources", "officials"}:
                found.add(o)
    if not found:
        return _NO_WORDS
    own = norm_outlet(claim.get("outlet"))
    found.discard(own)  # an outlet's own reporting ("sources told NBC News" in NBC) is no echo
    found.discard("")
    return frozenset(found)


def is_directive(claim: dict) -> bool:
    """The claim reports what its source wants, warns against or promises, not what is (its cue's lemma is one of
    rule link-directive-cues: "Russia warned the US against allowing strikes inside Russia", "Trump vowed to build
    a wall"). Such a claim does not corroborate a claim that the thing is so ("Biden authorized Ukraine to strike
    inside Russia"), nor conflict with it; it links with another warning or promise."""
    lemma = (claim.get("cue_lemma") or "").split()
    if not lemma or lemma[0] not in DIRECTIVES:
        return False
    text = (claim.get("text") or "").lower()
    # a warning or call is a directive only in that shape: "warned the US against allowing", "called for a
    # ceasefire", "called on Israel to"; "warned that temperatures will rise" and "called the attack an act of
    # terror" assert what is, and corroborate "said that temperatures will rise"
    if lemma[0] == "warn":
        return bool(re.search(r"\bwarn(?:s|ed|ing)?\b(?:\s+\S+){0,4}?\s+(?:against|not to)\b", text))
    if lemma[0] == "call":
        return bool(re.search(r"\bcall(?:s|ed|ing)? (?:for|on)\b", text))
    return not (lemma[0] == "push" and "back" in lemma)  # ("pushed back" is a denial)


def is_refusal(claim: dict) -> bool:
    """The claim only says that its source would not speak: its cue is a refusal with no
    content ("The fire department declined to comment.", "The company did not immediately
    respond to a request for comment.", "Jones could not be reached for comment.", rule
    cue-refusal in rules/cues.toml). Two of them share the formula, not an assertion:
    "declined to comment" in a story about a fire and in one about a protest corroborate
    nothing, and a refusal contradicts nothing. So a refusal is never evidence for a link;
    only a copied article carries its refusals along with the rest of the text.

    A refusal to act has content and is compared like any claim: "Grassley has refused
    to hold hearings", "governors balked at accepting refugees" report a deed that other
    outlets can report too."""
    return claim.get("cue_stance") == "refusal" and claim.get("content_start") is None


def _json_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return list(value) if isinstance(value, (list, tuple)) else []


def article_names(claims: Iterable[dict]) -> dict[str, str]:
    """The article's own name resolution: entity key -> its fullest name in the article."""
    return _article_names([(c, None) for c in claims])


def _article_names(items: list[tuple[dict, tuple | None]]) -> dict[str, str]:
    """:func:`article_names` over (claim, its entity scan or None)."""
    names: dict[str, str] = {}
    for c, scan in items:
        ents = [str(e) for e in _json_list(c.get("entities"))]
        if not ents and not is_title_case(c.get("text") or ""):
            ents = _resolve_entities(scan or _scan_entities(c.get("text") or ""), {})
        for e in ents:
            canon = canonical_entity(e)
            key = entity_key(canon)
            if len(canon) > len(names.get(key, "")):
                names[key] = canon
    return names


_NEGATION, _SKIP = object(), object()
_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=200_000)
def _content_word(w: str):
    """One word of a claim as compared: _NEGATION, _SKIP (stop word), or its folded stem."""
    if not w:
        return _SKIP
    if w in NEGATIONS:
        return _NEGATION
    if w in STOPWORDS or len(w) < 2:
        return _SKIP
    w = ALIASES.get(w, w).lower().replace(" ", "_")
    return w if "_" in w else stem(w)


def _frame_spans(claim: dict, text: str) -> list[tuple[int, int]]:
    """Where the claim's attribution frame is in its text: the span of every source of its
    chain and of each one's cue ("Two officials" and "said" in "Two officials said the
    library cost $40 million."). Offsets in the chain are the article's; the claim's
    ``start`` turns them into the claim's. Without offsets (a claim built by hand) a span
    is found by its text, as a whole word."""
    base = claim.get("start")
    found: list[tuple[int, int]] = []
    for item in _json_list(claim.get("chain")):
        if not isinstance(item, dict):
            continue
        for part in (item, item.get("cue")):
            if not isinstance(part, dict) or not part.get("text"):
                continue
            said = str(part["text"])
            s, e = part.get("start"), part.get("end")
            if isinstance(base, int) and isinstance(s, int) and isinstance(e, int) and s >= base \
                    and text[s - base:e - base] == said:
                found.append((s - base, e - base))
                continue
            m = re.search(r"(?<!\w)" + re.escape(said) + r"(?!\w)", text)
            if m:
                found.append(m.span())
    return sorted(found)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with these spans cut out; a ";" stands in each gap, so the words on either
    side never join into one name ("On Wednesday" + "Russia" is no "Wednesday Russia")."""
    pieces, pos = [], 0
    for s, e in spans:
        if s > pos:
            pieces.append(text[pos:s])
        pos = max(pos, e)
    pieces.append(text[pos:])
    return " ; ".join(pieces)


def _words(text: str) -> tuple[list[str], bool]:
    """The compared words of a text (stemmed, aliases folded, stop words and negations out)
    and whether it is negated (an odd number of negations)."""
    # Fold multi-word aliases before splitting into words.
    low = " " + _expand(text).lower() + " "
    for alias, folded in _FOLDS:
        if alias in low:
            low = low.replace(alias, folded)
    content, negated = [], False
    for w in _WORD.findall(low):
        cw = _content_word(w.strip(".'-"))
        if cw is _SKIP:
            continue
        if cw is _NEGATION:
            negated = not negated
            continue
        content.append(cw)
    return content, negated


def _content_names(ents: list[str], frame: list[str], content_scan: tuple, claim: dict,
                   names: dict[str, str]) -> list[str]:
    """The engine's entities of a claim less those that are only in its frame: the engine
    names every entity of the sentence, "Jane Holt" of "Senator Jane Holt said the bill
    would pass" too, and entities carry no offsets. An entity is the frame's when its key
    is a name in a frame span or the name of a source of the chain, and no name of the
    content has it."""
    in_frame = {entity_key(e) for t in frame for e in _resolve_entities(_scan_entities(t), names)}
    in_frame |= {entity_key(str(s["name"])) for s in _json_list(claim.get("chain"))
                 if isinstance(s, dict) and s.get("name")}
    if not in_frame:
        return ents
    in_content = {entity_key(e) for e in _resolve_entities(content_scan, names)}
    return [e for e in ents if entity_key(e) not in in_frame or entity_key(e) in in_content]


def prepare(claim: dict, index: int = 0, names: dict[str, str] | None = None,
            _scan: tuple | None = None) -> Prepared:
    text = claim.get("text") or ""
    names = names or {}
    # What the claim asserts is its content, not who says it: the frame (each source of the
    # chain and its cue) is left out of the entities, numbers and predicate words compared.
    # "Two officials said the delay was caused by a shortfall of $12 million." and "Two
    # officials said the library cost $40 million." shared the entity "Two", the number
    # "2 official" and the words "two official", enough for a conflict between unrelated
    # stories. The text scores still read the whole claim.
    spans = _frame_spans(claim, text)
    content_text = _without(text, spans) if spans else text
    ents = [str(e) for e in _json_list(claim.get("entities"))]
    if spans:
        content_scan = _scan_entities(content_text)
        names_in = _content_names(ents, [text[s:e] for s, e in spans], content_scan, claim, names) if ents \
            else _resolve_entities(content_scan, names)
    else:
        names_in = ents or _resolve_entities(_scan or _scan_entities(text), names)
    ent_names = {}
    for e in names_in:
        ent_names.setdefault(entity_key(e), canonical_entity(e))
    content, negated = _words(text)
    asserted = _words(content_text)[0] if spans else content
    if ent_names:
        name_words = {stem(w) for n in ent_names.values() for w in _LETTERS.findall(n.lower())}
        name_words |= {w.replace(" ", "_") for w in (n.lower() for n in ent_names.values())}
        name_words |= set(ent_names)
        name_words = frozenset(name_words)
    else:
        name_words = _NO_WORDS
    predicate = frozenset(asserted).difference(name_words, _TITLE_STEMS)
    # Blocking keys come from the whole text: a copy of "The fire department declined to
    # comment." must meet its twin, though the sentence asserts nothing of its own.
    terms = frozenset(content).difference(name_words, _TITLE_STEMS) if spans else predicate
    return Prepared(
        name_words=name_words,
        text=text,
        index=index,
        id=str(claim["id"]),
        article_id=str(claim.get("article_id") or ""),
        norm=" ".join(content),
        predicate=predicate,
        terms=terms,
        ents=frozenset(ent_names),
        ent_names=ent_names,
        nums=tuple(numbers(_expand(content_text))),
        negated=negated,
        origins=_origins(claim),
        outlet=norm_outlet(claim.get("outlet")),
        syndicated_from=norm_outlet(claim.get("syndicated_from")),
        label=claim.get("label") or "",
        refusal=is_refusal(claim),
        directive=is_directive(claim),
    )


def prepare_all(claims: list[dict]) -> list[Prepared]:
    """:func:`prepare` for every claim, with each article's own name resolution;
    each claim's text is scanned for names once."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_article[str(c.get("article_id") or "")].append(i)
    prepared: list[Prepared | None] = [None] * len(claims)
    for members in by_article.values():
        items = []
        for i in members:
            c = claims[i]
            scan = None if _json_list(c.get("entities")) else _scan_entities(c.get("text") or "")
            items.append((c, scan))
        names = _article_names(items)
        for i, (c, scan) in zip(members, items):
            prepared[i] = prepare(c, i, names, _scan=scan)
    return prepared  # type: ignore[return-value]


# ---------------------------------------------------------------- blocking

def _raw_keys(p: Prepared) -> list[str]:
    keys = [f"e:{e}" for e in p.ents]
    keys += [f"n:{v:g}:{u}" for v, u in p.nums]
    keys += [f"t:{t}" for t in p.terms if len(t) > 2]
    return list(dict.fromkeys(keys))


@dataclass
class Blocks:
    """The inverted index as arrays: block b holds ``members[starts[b]:starts[b + 1]]``
    (claim indexes, ascending); ``keys[b]`` is its key."""

    keys: list
    starts: np.ndarray
    members: np.ndarray

    def as_dict(self) -> dict[str, list[int]]:
        return {k: self.members[self.starts[b]:self.starts[b + 1]].tolist() for b, k in enumerate(self.keys)}


def _blocks(prepared: list[Prepared], max_block: int = MAX_BLOCK, keys_per_claim: int = KEYS_PER_CLAIM) -> Blocks:
    """Rare keys are kept as they are; each claim's most common keys are paired
    ("e:biden|t:missil") so that a frequent entity still blocks when it meets a
    second one; keys that stay too common are dropped. Ties in frequency go by key,
    so the blocks do not depend on set order."""
    key_id: dict[str, int] = {}
    owners: list[int] = []
    kids: list[int] = []
    for p in prepared:
        for k in _raw_keys(p):
            kid = key_id.get(k)
            if kid is None:
                kid = key_id[k] = len(key_id)
            owners.append(p.index)
            kids.append(kid)
    n_keys = len(key_id)
    names = list(key_id)
    owner = np.asarray(owners, dtype=np.int64)
    kid = np.asarray(kids, dtype=np.int64)
    del owners, kids
    order = np.argsort(np.asarray(names, dtype=object), kind="stable") if n_keys else np.zeros(0, np.int64)
    rank = np.empty(n_keys, dtype=np.int64)
    rank[order] = np.arange(n_keys)
    df = np.bincount(kid, minlength=n_keys)
    d = df[kid]
    usable = d > 1
    owner, kid, d = owner[usable], kid[usable], d[usable]
    # Each claim's keys, rarest first.
    srt = np.lexsort((rank[kid], d, owner))
    owner, kid, d = owner[srt], kid[srt], d[srt]

    def first_per_claim(mask: np.ndarray, limit: int):
        o, k = owner[mask], kid[mask]
        if not len(o):
            return o, k, np.zeros(0, np.int64)
        start = np.r_[0, np.flatnonzero(o[1:] != o[:-1]) + 1]
        pos = np.arange(len(o)) - np.repeat(start, np.diff(np.r_[start, len(o)]))
        keep = pos < limit
        return o[keep], k[keep], pos[keep]

    rare_o, rare_k, _ = first_per_claim(d <= max_block, keys_per_claim)
    com_o, com_k, com_pos = first_per_claim(d > max_block, COMMON_PAIRED)
    # Pairs of a claim's common keys, in order: (first, second), (first, third), ...
    pair_o, pair_a, pair_b = [], [], []
    for x in range(COMMON_PAIRED):
        for y in range(x + 1, COMMON_PAIRED):
            # a claim's keys are contiguous, so its x-th key sits (y - x) before its y-th
            ya = np.flatnonzero(com_pos == y)
            pair_o.append(com_o[ya])
            pair_a.append(com_k[ya - (y - x)])
            pair_b.append(com_k[ya])
    pair_o = np.concatenate(pair_o) if pair_o else np.zeros(0, np.int64)
    pair_a = np.concatenate(pair_a) if pair_a else np.zeros(0, np.int64)
    pair_b = np.concatenate(pair_b) if pair_b else np.zeros(0, np.int64)
    # One id space: single keys are 0..n_keys-1, a pair (a, b) is n_keys + a * n_keys + b.
    block = np.concatenate([rare_k, n_keys + pair_a * n_keys + pair_b])
    member = np.concatenate([rare_o, pair_o])
    srt = np.lexsort((member, block))
    block, member = block[srt], member[srt]
    bounds = np.r_[0, np.flatnonzero(block[1:] != block[:-1]) + 1, len(block)] if len(block) else np.zeros(1, np.int64)
    sizes = np.diff(bounds)
    ok = (sizes > 1) & (sizes <= max_block)
    bid = block[bounds[:-1][ok]]
    sizes_kept = sizes[ok]

    def key_name(b: int) -> str:
        if b < n_keys:
            return names[b]
        a, c = divmod(b - n_keys, n_keys)
        return names[a] + "|" + names[c]

    return Blocks(keys=[key_name(int(b)) for b in bid], starts=np.r_[0, np.cumsum(sizes_kept)],
                  members=member[np.repeat(ok, sizes)])


def build_index(prepared: list[Prepared], max_block: int = MAX_BLOCK,
                keys_per_claim: int = KEYS_PER_CLAIM) -> dict[str, list[int]]:
    """The inverted index: key -> claim indexes (see :func:`_blocks`)."""
    return _blocks(prepared, max_block, keys_per_claim).as_dict()


def _block_pairs(blocks: Blocks, n: int) -> np.ndarray:
    """Every pair within a block, once, as i * n + j (i < j), ascending."""
    sizes = np.diff(blocks.starts)
    found = []
    for m in np.unique(sizes):
        m = int(m)
        rows = blocks.starts[:-1][sizes == m]
        mat = blocks.members[rows[:, None] + np.arange(m)]
        iu, ju = np.triu_indices(m, 1)
        found.append((mat[:, iu] * n + mat[:, ju]).ravel())
    if not found:
        return np.zeros(0, np.int64)
    # sort and drop repeats (a pair in several blocks): much faster than np.unique here
    codes = np.concatenate(found)
    codes.sort()
    return codes[np.r_[True, codes[1:] != codes[:-1]]]


_CHUNK = 200_000
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 "
_COLUMN = np.full(128, len(_ALPHABET), dtype=np.int64)
_COLUMN[[ord(c) for c in _ALPHABET]] = np.arange(len(_ALPHABET))


def _char_counts(texts: list[str]) -> np.ndarray:
    """How often each of a-z, 0-9 and space occurs in each text; every other
    character counts in one last column."""
    width = len(_ALPHABET) + 1
    out = np.zeros((len(texts), width), dtype=np.uint16)
    for k in range(0, len(texts), 50_000):
        part = texts[k:k + 50_000]
        codes = np.frombuffer("".join(part).encode("utf-32-le"), dtype=np.uint32)
        cols = _COLUMN[np.minimum(codes, 127)]
        cols[codes > 127] = len(_ALPHABET)
        owner = np.repeat(np.arange(len(part)), [len(t) for t in part])
        counts = np.bincount(owner * width + cols, minlength=len(part) * width).reshape(len(part), width)
        out[k:k + len(part)] = np.minimum(counts, 65535)
    return out


def _sort_ratio_bound(counts: np.ndarray, lengths: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """An upper bound of token_sort_ratio: the longest common subsequence of two
    texts has at most as many of each character as the one with fewer."""
    common = np.minimum(counts[i], counts[j]).sum(axis=1, dtype=np.int64)
    total = lengths[i] + lengths[j]
    # counts are capped at 65535: no bound for texts that long
    exact = (total > 0) & (np.maximum(lengths[i], lengths[j]) < 65535)
    return np.where(exact, 200.0 * common / np.maximum(total, 1), 100.0)


def candidate_pairs(prepared: list[Prepared], blocks: Blocks | None,
                    new: set[int] | None = None, cutoff: float = PREFILTER) -> tuple[np.ndarray, ...]:
    """Pairs (i < j) of different articles whose text can reach the link threshold:
    token_set_ratio at least ``cutoff`` and the text part of the score at least
    TEXT_MIN. Returns arrays i, j, token_set_ratio, token_sort_ratio (0-100, rounded),
    ordered by (i, j). ``blocks=None`` scores every pair (to measure the blocking)."""
    # processed once per claim, not once per pair and scorer
    norms = [utils.default_process(p.norm) for p in prepared]
    codes: dict[str, int] = {}
    arts = np.array([codes.setdefault(p.article_id, len(codes)) for p in prepared], dtype=np.int64)
    n = len(prepared)
    is_new = None
    if new is not None:
        is_new = np.zeros(n, dtype=bool)
        is_new[list(new)] = True
    out_i, out_j, out_s, out_t = [], [], [], []

    def keep(i, j, ts, tso):
        text = 0.35 * ts.astype(np.float32) + 0.45 * tso.astype(np.float32)
        ok = (ts > 0) & (text >= TEXT_MIN) & (text + 25.0 >= LINK_THRESHOLD)
        out_i.append(i[ok]); out_j.append(j[ok]); out_s.append(ts[ok]); out_t.append(tso[ok])

    def eligible(i, j):
        """Pairs of different articles, with a new claim when only new ones are linked."""
        ok = arts[i] != arts[j]
        if is_new is not None:
            ok &= is_new[i] | is_new[j]
        return ok

    if blocks is None:
        # Row chunks against the rest of the corpus keep the score matrices small.
        for k in range(0, n, 2000):
            rows = np.arange(k, min(k + 2000, n))
            ts = process.cdist(norms[k:k + 2000], norms[k:], scorer=fuzz.token_set_ratio, processor=None,
                               score_cutoff=cutoff, dtype=np.uint8, workers=-1)
            r, c = np.nonzero(ts)
            i, j, s = rows[r], k + c, ts[r, c]
            sel = (j > i) & eligible(i, j)
            i, j, s = i[sel], j[sel], s[sel]
            tso = process.cpdist([norms[x] for x in i.tolist()], [norms[x] for x in j.tolist()],
                                 scorer=fuzz.token_sort_ratio, processor=None, dtype=np.uint8, workers=-1)
            keep(i, j, s, np.asarray(tso, dtype=np.uint8).reshape(-1))
    else:
        codes_ = _block_pairs(blocks, n)
        sorted_texts = [" ".join(t.split()) for t in norms]  # what token_sort_ratio compares, reordered
        sort_len = np.array([len(t) for t in sorted_texts], dtype=np.float64)
        counts = _char_counts(sorted_texts)
        del sorted_texts
        predicate_ok = _predicate_test(prepared)
        for k in range(0, len(codes_), _CHUNK):
            c = codes_[k:k + _CHUNK]
            i, j = c // n, c % n
            sel = eligible(i, j)
            i, j = i[sel], j[sel]
            if not len(i):
                continue
            # The predicate overlap is cheaper than the text scores and rules out most
            # pairs; those can still be copies, which need a high token_sort_ratio.
            pred = np.array(list(map(predicate_ok, i.tolist(), j.tolist())), dtype=bool)
            # token_sort_ratio is at most 200 * shorter / (both lengths) of the sorted texts
            la, lb = sort_len[i], sort_len[j]
            maybe_copy = ~pred & (200.0 * np.minimum(la, lb) >= (COPY_TEXT - 1) * (la + lb))
            # Pairs that may assert the same thing: token_set_ratio first, then token_sort_ratio
            # where the text part can still reach TEXT_MIN (bounded by letter counts).
            gi, gj = i[pred], j[pred]
            if len(gi):
                a, b = [norms[x] for x in gi.tolist()], [norms[x] for x in gj.tolist()]
                ts = np.asarray(process.cpdist(a, b, scorer=fuzz.token_set_ratio, processor=None,
                                               score_cutoff=cutoff, dtype=np.uint8, workers=-1)).reshape(-1)
                hit = np.flatnonzero(ts)
                bound = 0.35 * ts[hit] + 0.45 * (_sort_ratio_bound(counts, sort_len, gi[hit], gj[hit]) + 0.5)
                hit = hit[bound >= TEXT_MIN - 1e-6]
                if len(hit):
                    tso = np.asarray(process.cpdist([a[x] for x in hit.tolist()], [b[x] for x in hit.tolist()],
                                                    scorer=fuzz.token_sort_ratio, processor=None, dtype=np.uint8,
                                                    workers=-1)).reshape(-1)
                    keep(gi[hit], gj[hit], ts[hit], tso)
            # The others can only be copies, which need a token_sort_ratio near 100.
            gi, gj = i[maybe_copy], j[maybe_copy]
            if len(gi):
                a, b = [norms[x] for x in gi.tolist()], [norms[x] for x in gj.tolist()]
                tso = np.asarray(process.cpdist(a, b, scorer=fuzz.token_sort_ratio, processor=None,
                                                score_cutoff=COPY_TEXT - 1, dtype=np.uint8, workers=-1)).reshape(-1)
                hit = np.flatnonzero(tso)
                if len(hit):
                    ts = np.asarray(process.cpdist([a[x] for x in hit.tolist()], [b[x] for x in hit.tolist()],
                                                   scorer=fuzz.token_set_ratio, processor=None, score_cutoff=cutoff,
                                                   dtype=np.uint8, workers=-1)).reshape(-1)
                    keep(gi[hit], gj[hit], ts, tso[hit])
    if not out_i:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty.astype(np.uint8), empty.astype(np.uint8)
    i, j, ts, tso = (np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s), np.concatenate(out_t))
    order = np.argsort(i * n + j, kind="stable")
    return i[order], j[order], ts[order], tso[order]


# ---------------------------------------------------------------- scoring

def _ent_match(a: Prepared, b: Prepared) -> list[str]:
    return sorted(a.ent_names.get(k) or b.ent_names.get(k) for k in a.ents & b.ents)


def _number_agreement(a: Prepared, b: Prepared) -> tuple[list[str], list[list[str]]]:
    shared, conflicting = [], []
    units = {u for _, u in a.nums} & {u for _, u in b.nums}
    for u in sorted(units):
        va = {v for v, uu in a.nums if uu == u}
        vb = {v for v, uu in b.nums if uu == u}
        same = {v for v in va if any(math.isclose(v, w, rel_tol=0.01) for w in vb)}
        if same:
            shared += [f"{v:g} {u}" for v in sorted(same)]
        else:
            conflicting.append([", ".join(f"{v:g} {u}" for v in sorted(va)),
                                ", ".join(f"{v:g} {u}" for v in sorted(vb))])
    return shared, conflicting


def score_pair(a: Prepared, b: Prepared) -> dict[str, Any]:
    """The combined score of two claims and the evidence behind it."""
    ts = fuzz.token_set_ratio(a.norm, b.norm, processor=utils.default_process)
    tso = fuzz.token_sort_ratio(a.norm, b.norm, processor=utils.default_process)
    shared_ents = _ent_match(a, b)
    if a.ents and b.ents:
        ent = len(a.ents & b.ents) / len(a.ents | b.ents)
    else:
        ent = 0.5  # nothing to compare: neither for nor against
    nums_shared, nums_conflicting = _number_agreement(a, b)
    score = 0.35 * ts + 0.45 * tso + 20.0 * ent + (5.0 if nums_shared else 0.0)
    # a word of the other claim's names is no predicate either
    pa, pb = a.predicate - b.name_words, b.predicate - a.name_words
    shared_words = pa & pb
    predicate = 2 * len(shared_words) / (len(pa) + len(pb)) if pa and pb else 0.0
    return {
        "score": round(min(score, 100.0), 1),
        "token_set_ratio": round(ts, 1),
        "token_sort_ratio": round(tso, 1),
        "entity_agreement": round(ent, 2),
        "predicate_overlap": round(predicate, 2),
        "shared_words": sorted(shared_words),
        "shared_entities": shared_ents,
        "shared_numbers": nums_shared,
        "conflicting_numbers": nums_conflicting,
        "negation_flip": a.negated != b.negated,
    }


def _may_link(a: Prepared, b: Prepared, text_bound: float) -> bool:
    """False when the pair cannot pass :func:`_same_assertion` whatever its exact
    text scores (at most ``text_bound``): too little entity agreement or predicate
    overlap. Bounds are loose by a rounding step so nothing that links is lost."""
    if a.refusal or b.refusal or a.directive != b.directive:
        return False  # a refusal is never evidence (is_refusal), a warning no fact (is_directive); both can be copied
    ent = len(a.ents & b.ents) / len(a.ents | b.ents) if a.ents and b.ents else 0.5
    numbers_bonus = 5.0 if a.nums and b.nums else 0.0  # at most: agreeing numbers need numbers on both sides
    if text_bound + 20.0 * ent + numbers_bonus < LINK_THRESHOLD - 0.1:
        return False
    return _predicate_ok(a, b)


def _predicate_test(prepared: list[Prepared]):
    """:func:`_predicate_ok` by claim index, for many pairs."""
    preds = [p.predicate for p in prepared]
    names = [p.name_words for p in prepared]

    def ok(i: int, j: int) -> bool:
        # The shared predicate words are the same whether or not the other claim's
        # names are taken out first; only the sizes change.
        qa, qb = preds[i], preds[j]
        shared = len(qa & qb)
        if not shared:
            return False
        sizes = len(qa) - len(qa & names[j]) + len(qb) - len(qb & names[i])
        return 2 * shared / sizes >= MIN_PREDICATE_OVERLAP - 0.01
    return ok


def _predicate_ok(a: Prepared, b: Prepared) -> bool:
    """The predicate overlap of :func:`score_pair` can reach MIN_PREDICATE_OVERLAP
    (it is rounded to two decimals there)."""
    pa, pb = a.predicate - b.name_words, b.predicate - a.name_words
    if not pa or not pb:
        return False
    return 2 * len(pa & pb) / (len(pa) + len(pb)) >= MIN_PREDICATE_OVERLAP - 0.01


def _same_assertion(ev: dict) -> bool:
    text = 0.35 * ev["token_set_ratio"] + 0.45 * ev["token_sort_ratio"]
    return ev["score"] >= LINK_THRESHOLD and text >= TEXT_MIN and ev["predicate_overlap"] >= MIN_PREDICATE_OVERLAP \
        and len(ev["shared_words"]) + len(ev["shared_entities"]) >= MIN_CONTENT_AGREEMENT


def _relation(a: Prepared, b: Prepared, ev: dict, copies: set) -> str:
    if tuple(sorted((a.article_id, b.article_id))) in copies:
        return "copy"
    if ev["conflicting_numbers"] or ev["negation_flip"]:
        return "conflicts"
    if (a.origins & b.origins) or (b.outlet and b.outlet in a.origins) or (a.outlet and a.outlet in b.origins):
        return "echo"
    return "corroborates"


def _copies(prepared: list[Prepared], scored: list[tuple[int, int, dict]]) -> dict[tuple, dict]:
    """Article pairs that are the same text: most claims of the shorter one have a
    near-identical twin, or one names the other as its origin and a claim matches."""
    per_article: dict[str, int] = defaultdict(int)
    outlets: dict[str, tuple[str, str]] = {}
    for p in prepared:
        per_article[p.article_id] += 1
        o, sf = outlets.get(p.article_id, ("", ""))
        outlets[p.article_id] = (o or p.outlet, sf or p.syndicated_from)
    twins: dict[tuple, set] = defaultdict(set)
    for i, j, ev in scored:
        a, b = prepared[i], prepared[j]
        if ev.get("copy_ratio", 0) >= COPY_TEXT:
            key = tuple(sorted((a.article_id, b.article_id)))
            twins[key].add((i, j))
    out = {}
    for (x, y), pairs in twins.items():
        shorter = min(per_article[x], per_article[y])
        matched = min(len({i for i, _ in pairs}), len({j for _, j in pairs}))
        (ox, sx), (oy, sy) = outlets[x], outlets[y]
        note = bool((sx and sx == oy) or (sy and sy == ox) or (sx and sx == sy))
        if note or (matched >= 2 and matched / shorter >= COPY_SHARE):
            out[(x, y)] = {"matched_claims": matched, "of": shorter, "syndication_note": note}
    return out


def link_id(claim_id: str, other_claim_id: str) -> str:
    a, b = sorted((claim_id, other_claim_id))
    return hashlib.sha256(f"{a}|{b}".encode()).hexdigest()[:16]


def find_links(claims: list[dict], new_ids: set | None = None, *, max_block: int = MAX_BLOCK,
               exhaustive: bool = False) -> list[dict]:
    """Links between claims of different articles, one per unordered pair.

    ``new_ids``: only pairs with at least one of these claim ids are looked for
    (incremental linking); ``exhaustive=True`` compares every pair (for
    measuring the blocking's recall, not for use)."""
    prepared = prepare_all(claims)
    new = None if new_ids is None else {p.index for p in prepared if p.id in new_ids}
    blocks = None if exhaustive else _blocks(prepared, max_block=max_block)
    ci, cj, ts, tso = candidate_pairs(prepared, blocks, new)
    # The rounded scores bound the exact ones within 0.5: a pair whose bound cannot
    # make a link or a copy is not scored in full.
    text_bound = (0.35 * (ts.astype(np.float64) + 0.5) + 0.45 * (tso.astype(np.float64) + 0.5)).tolist()
    copyish = (tso.astype(np.float64) + 0.5 >= COPY_TEXT).tolist()
    scored = []
    for i, j, bound, maybe_copy in zip(ci.tolist(), cj.tolist(), text_bound, copyish):
        if not maybe_copy and not _may_link(prepared[i], prepared[j], bound):
            continue
        ev = score_pair(prepared[i], prepared[j])
        if ev["token_sort_ratio"] >= COPY_TEXT:
            # Copies are the same words in the same order, not the same content words.
            ev["copy_ratio"] = round(fuzz.ratio(prepared[i].text, prepared[j].text, processor=utils.default_process), 1)
        if _same_assertion(ev) or ev.get("copy_ratio", 0) >= COPY_TEXT:
            scored.append((i, j, ev))
    copies = _copies(prepared, scored)
    copy_pairs = set(copies)
    links = []
    for i, j, ev in scored:
        a, b = prepared[i], prepared[j]
        if a.id > b.id:
            a, b = b, a
        relation = _relation(a, b, ev, copy_pairs)
        if relation != "copy" and (a.refusal or b.refusal or a.directive != b.directive or not _same_assertion(ev)):
            continue
        if relation != "copy" and (ev["negation_flip"] or ev["conflicting_numbers"]) \
                and ev["score"] < CONFLICT_THRESHOLD:
            continue
        evidence = dict(ev)
        evidence["scorer"] = SCORER
        if relation == "copy":
            evidence["copy"] = copies[tuple(sorted((a.article_id, b.article_id)))]
        if relation == "echo":
            evidence["origin"] = sorted((a.origins & b.origins) | ({b.outlet} & a.origins) | ({a.outlet} & b.origins))
        links.append({
            "id": link_id(a.id, b.id),
            "claim_id": a.id,
            "other_claim_id": b.id,
            "article_id": a.article_id,
            "other_article_id": b.article_id,
            "relation": relation,
            "score": ev["score"],
            "scorer": "link-v1",
            "evidence": evidence,
        })
    return links


try:
    use_rules()
except Exception:  # noqa: BLE001 - a broken rules folder is reported, in one line, by the command that loads it
    pass


# ---------------------------------------------------------------- database

_CLAIM_COLUMNS = ("id", "article_id", "part", "start", "text", "label", "source_name", "source_kind", "entities",
                  "chain", "cue_stance", "cue_lemma", "content_start")


def claims_from_db(db) -> list[dict]:
    """Every claim with its article's outlet and syndication note, as find_links wants them."""
    sql = (
        "select c.id, c.article_id, c.part, c.start, c.text, c.label, c.source_name, c.source_kind, c.entities, c.chain, "
        "c.cue_stance, c.cue_lemma, c.content_start, a.outlet, a.syndicated_from "
        "from claims c join articles a on a.id = c.article_id"
    )
    out = []
    for row in db.execute(sql).fetchall():
        d = dict(zip(_CLAIM_COLUMNS + ("outlet", "syndicated_from"), row))
        d["entities"] = _json_list(d["entities"])
        d["chain"] = _json_list(d["chain"])
        out.append(d)
    return out


def _write(db, links: list[dict], touched_claims: set[str]) -> None:
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    rows = [dict(link, evidence=json.dumps(link["evidence"]), created=now) for link in links]
    if rows:
        db["links"].upsert_all(rows, pk="id")
    for link in links:
        touched_claims.update((link["claim_id"], link["other_claim_id"]))
    update_counts(db, touched_claims)


def update_counts(db, claim_ids: Iterable[str] | None = None) -> None:
    """claims.corroborations (distinct other articles that corroborate) and claims.conflicts."""
    where, params = "", []
    if claim_ids is not None:
        ids = list(claim_ids)
        if not ids:
            return
        where = f" where id in ({', '.join('?' for _ in ids)})"
        params = ids
    db.execute(
        "update claims set "
        "corroborations = (select count(distinct case when l.claim_id = claims.id then l.other_article_id else l.article_id end) "
        "  from links l where l.relation = 'corroborates' and (l.claim_id = claims.id or l.other_claim_id = claims.id)), "
        "conflicts = (select count(*) from links l where l.relation = 'conflicts' "
        "  and (l.claim_id = claims.id or l.other_claim_id = claims.id))" + where,
        params,
    )


def link_new(db, article_ids: Iterable[str]) -> dict[str, int]:
    """Link the claims of these articles against the whole corpus (and each other).
    Their old links are replaced; other links stay. Returns counts by relation."""
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return {r: 0 for r in RELATIONS}
    claims = claims_from_db(db)
    new_claims = {c["id"] for c in claims if c["article_id"] in set(ids)}
    links = find_links(claims, new_ids=new_claims)
    marks = ", ".join("?" for _ in ids)
    with db.conn:
        old = db.execute(
            f"select claim_id, other_claim_id from links where article_id in ({marks}) or other_article_id in ({marks})",
            ids + ids,
        ).fetchall()
        db.execute(f"delete from links where article_id in ({marks}) or other_article_id in ({marks})", ids + ids)
        touched = set(new_claims) | {c for row in old for c in row}
        _write(db, links, touched)
    return _summary(links)


def link_all(db) -> dict[str, int]:
    """Rebuild every link from scratch."""
    claims = claims_from_db(db)
    links = find_links(claims)
    with db.conn:
        db.execute("delete from links")
        _write(db, links, set())
        update_counts(db)
    return _summary(links)


def _summary(links: list[dict]) -> dict[str, int]:
    out = {r: 0 for r in RELATIONS}
    for link in links:
        out[link["relation"]] += 1
    return out
