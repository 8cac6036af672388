"""Property-based checks over generated and mutated article text: the engine never raises,
every offset points into the text, claims do not overlap, every character of the text is
in a claim or a skipped part, and the JSON output validates against the shipped JSON Schema
(attribution/schema/audit.schema.json). The generated texts include the hard cases: very
long sentences, nested and unbalanced quotation marks, all capitals, no punctuation and
text in other languages (which must carry a note and no sourced labels)."""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution.model import CLAIM_PARTS
from attribution.read import read_text

SEED = (Path(__file__).resolve().parent.parent / "seeds" / "000_9d9bc8f946764f0e.txt").read_text(encoding="utf-8")
PIECES = ["said", "according to", "sources", "“", "”", '"', "'", "\n\n", "\n", ", which", " but ", "He ",
          "officials told Reuters", "declined to comment", "(Getty Images)", "Share this:", "reportedly", ";", "—"]
WORDS = SEED.split()
QUOTES = ['"', "“", "”", "‘", "’", "'", "«", "»"]

SCHEMA = json.loads(resources.files("attribution").joinpath("schema/audit.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def _nested_quote(depth: int, speakers: list[str]) -> str:
    """He said “she told me ‘officials said “no” ’ ” ... nested ``depth`` deep."""
    text = "the plan was final"
    for i in range(depth):
        left, right = ("“", "”") if i % 2 == 0 else ("‘", "’")
        text = f"{speakers[i % len(speakers)]} said {left}{text}{right}"
    return text[0].upper() + text[1:] + "."


def _unbalance(text: str, positions: list[int], marks: list[str]) -> str:
    for pos, mark in zip(positions, marks):
        pos = pos % (len(text) + 1)
        text = text[:pos] + mark + text[pos:]
    return text


long_sentence = st.lists(st.sampled_from(WORDS), min_size=500, max_size=520).map(
    lambda ws: "Long Sentence Headline\n\n" + " ".join(w.strip(".!?") for w in ws) + ".")
nested_quotes = st.tuples(st.integers(1, 6), st.lists(st.sampled_from(
    ["He", "The minister", "Two officials", "A spokesperson", "Reuters", "She"]), min_size=1, max_size=4)).map(
    lambda t: "Quotes Within Quotes\n\n" + _nested_quote(*t) + "\n\nThe minister said the plan was final.")
unbalanced_quotes = st.tuples(st.integers(0, len(SEED)), st.integers(200, 1500),
                              st.lists(st.integers(0, 2000), min_size=1, max_size=6),
                              st.lists(st.sampled_from(QUOTES), min_size=1, max_size=6)).map(
    lambda t: _unbalance(SEED[t[0]:t[0] + t[1]], t[2], t[3]))
all_capitals = st.tuples(st.integers(0, len(SEED)), st.integers(100, 2000)).map(
    lambda t: SEED[t[0]:t[0] + t[1]].upper())
no_punctuation = st.tuples(st.integers(0, len(SEED)), st.integers(100, 3000)).map(
    lambda t: re.sub(r"[^\w\s]", "", SEED[t[0]:t[0] + t[1]]))

texts = st.one_of(
    st.text(min_size=1, max_size=400),
    st.lists(st.sampled_from(PIECES + WORDS[:80]), min_size=1, max_size=120).map(" ".join),
    st.tuples(st.integers(0, len(SEED)), st.integers(0, 300), st.sampled_from(PIECES)).map(
        lambda t: SEED[: t[0]] + t[2] + SEED[t[0] + t[1]:]),
    long_sentence, nested_quotes, unbalanced_quotes, all_capitals, no_punctuation,
)


def check_audit(text: str, result) -> dict:
    """Everything every audit must satisfy; returns the JSON as a reader gets it."""
    data = json.loads(json.dumps(result.to_dict()))
    errors = sorted(VALIDATOR.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [(list(e.path), e.message[:200]) for e in errors[:5]]
    last_end = 0
    for i, c in enumerate(data["claims"]):
        assert c["index"] == i
        assert 0 <= c["start"] < c["end"] <= len(text)
        assert text[c["start"]:c["end"]] == c["text"]
        assert c["start"] >= last_end, "claims overlap"
        last_end = c["end"]
        for key in ("source", "cue"):
            span = c[key]
            if span and span.get("start") is not None:
                assert text[span["start"]:span["end"]] == span["text"]
        for m in c["markers"]:
            assert text[m["start"]:m["end"]] == m["text"]
        if c["label"] != "editorial-framing":
            assert c["source"] is not None or c["cue"] is not None
    for s in data["skipped"]:
        assert text[s["start"]:s["end"]] == s["text"]
    summary = data["summary"]
    assert summary["claims"] == len(data["claims"])
    assert sum(summary[label] for label in ("named-official", "anonymous-source", "editorial-framing")) == summary["claims"]
    assert summary["skipped"] == len(data["skipped"])
    # Nothing is dropped: every non-blank character is in a claim or a skipped part.
    covered = bytearray(len(text))
    for span in data["claims"] + data["skipped"]:
        covered[span["start"]:span["end"]] = b"\x01" * (span["end"] - span["start"])
    lost = [i for i, ch in enumerate(text) if not covered[i] and not ch.isspace()]
    assert not lost, f"not in any claim or skipped part: {text[lost[0]:lost[0] + 40]!r}"
    # and every claim part of the reader holds at least one claim
    for part in result.article.parts:
        if part.kind in CLAIM_PARTS and part.text.strip():
            assert any(part.start <= c.start < part.end or c.start <= part.start < c.end for c in result.claims)
    return data


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_audit_never_raises_and_offsets_hold(engine, text):
    if not text.strip():
        return
    check_audit(text, engine.audit(read_text(text)))


# Words of other languages that are no English word: the rules are English, so they find no
# cue here. (Words English shares, such as the French "plan", can still make a cue fire:
# the note says the labels of such a text are unreliable.)
FOREIGN = {
    "de": "Bundesregierung Mittwoch neue Maßnahmen beschlossen Ministerin sagte dass Lage ernst sei nach "
          "Angaben von Beamten wird Entscheidung nächste Woche erwartet Kritiker bezeichneten Vorhaben "
          "unzureichend forderten mehr Geld für Schulen".split(),
    "es": "el gobierno anunció miércoles nuevas medidas ministro dijo que la situación estaba seria según fuentes "
          "oficiales decisión se espera próxima semana los críticos calificaron proyecto insuficiente pidieron más "
          "dinero para escuelas".split(),
    "fr": "le gouvernement annoncé mercredi de nouvelles mesures ministre déclaré que la conjoncture était sérieuse "
          "selon des responsables officiels décision est attendue semaine prochaine les opposants ont jugé projet "
          "insuffisant".split(),
    "ru": "правительство в среду объявило о новых мерах министр заявил что ситуация серьезная по словам "
          "чиновников решение ожидается на следующей неделе критики назвали план недостаточным".split(),
    "zh": list("政府周三宣布了新的措施部长表示情况很严重据官员称预计下周将作出决定批评者认为该计划不够充分并要求为学校提供更多资金"),
    "ar": "أعلنت الحكومة يوم الأربعاء عن إجراءات جديدة وقال الوزير إن الوضع خطير ووفقا لمصادر رسمية من المتوقع صدور "
          "القرار الأسبوع المقبل".split(),
}


@st.composite
def foreign_text(draw):
    lang = draw(st.sampled_from(sorted(FOREIGN)))
    words = FOREIGN[lang]
    sep = "" if lang == "zh" else " "
    sentences = []
    for _ in range(draw(st.integers(4, 8))):  # at least 28 words: enough to tell a language by
        n = draw(st.integers(7, 20))
        body = sep.join(draw(st.lists(st.sampled_from(words), min_size=n, max_size=n)))
        sentences.append(body[0].upper() + body[1:] + ("。" if lang == "zh" else "."))
    paragraphs = [sep.join(sentences[i:i + 2]) for i in range(0, len(sentences), 2)]
    return lang, "\n\n".join(paragraphs)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=foreign_text())
def test_non_english_text_gets_a_note_and_no_sourced_labels(engine, case):
    lang, text = case
    result = engine.audit(read_text(text))
    data = check_audit(text, result)
    assert any("does not look like English" in note for note in data["notes"]), (lang, data["notes"])
    # No English cue, so no claim may be put on a named or anonymous source.
    assert {c["label"] for c in data["claims"]} <= {"editorial-framing"}, (
        lang, [(c["label"], c["text"]) for c in data["claims"] if c["label"] != "editorial-framing"])


def test_schema_is_valid_and_matches_the_seeds(engine):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    for path in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        check_audit(text, engine.audit(read_text(text)))


def test_schema_rejects_a_broken_shape(engine):
    data = json.loads(json.dumps(engine.audit(read_text("The minister said the plan was final.")).to_dict()))
    assert VALIDATOR.is_valid(data)
    for broken in (
        {**data, "claims": [{**data["claims"][0], "label": "hearsay"}]},
        {**data, "claims": [{k: v for k, v in data["claims"][0].items() if k != "start"}]},
        {k: v for k, v in data.items() if k != "summary"},
        {**data, "article": {**data["article"], "id": None}},
    ):
        assert not VALIDATOR.is_valid(broken)
