"""Long texts: the sentence starts the pipeline sets, and texts longer than it parses.

``pipeline.paragraph_breaks`` writes its sentence starts with one ``Doc.from_array``
(the per-token ``Token.is_sent_start`` setter scans the whole doc each time, which was
quadratic). These tests hold it to the per-token version it replaced, kept here as the
reference, and to the rules it states, on the real model. No timings.

A text longer than ``read.MAX_CHARS`` (the pipeline's ``nlp.max_length``) is one
``error: <file>: text is N characters, longer than the 2,000,000 this tool parses (split it)``
line, for ``audit`` and ``ingest`` alike, and the rest of the batch goes on. Such a text
is refused before anything parses it, so these tests use a real text just over the limit.
"""
from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from attribution.cli import cli
from attribution.engine import TextTooLong
from attribution.model import Article, Part
from attribution.pipeline import _CUT_AFTER, _CUT_WINDOW, MAX_LENGTH, MAX_SENTENCE_TOKENS, paragraph_breaks
from attribution.read import MAX_CHARS, ReadError, read_paths, read_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def reference_breaks(doc):
    """The per-token version paragraph_breaks replaced (quadratic, fine for short texts)."""
    start = 0
    for tok in doc[:-1]:
        if "\n" in tok.text or tok.text_with_ws.endswith("\n"):
            doc[tok.i + 1].is_sent_start = True
            start = tok.i + 1
        elif tok.i + 1 - start >= MAX_SENTENCE_TOKENS:
            cut = tok.i + 1
            for j in range(tok.i, max(start, tok.i - _CUT_WINDOW), -1):
                if doc[j].text in _CUT_AFTER:
                    cut = j + 1
                    break
            doc[cut].is_sent_start = True
            start = cut
        elif tok.is_alpha and doc[tok.i + 1].is_lower and doc[tok.i + 1].is_alpha:
            doc[tok.i + 1].is_sent_start = False
    return doc


def seeds() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


WORDS = "the minister said the plan was final and officials agreed with the council on monday".split()


def run_on(n: int, every: int = 0, mark: str = ",") -> str:
    """n words, no line break and no full stop; ``mark`` after every ``every``-th word."""
    return " ".join(w + (mark if every and i % every == every - 1 else "") for i, w in
                    enumerate(WORDS[i % len(WORDS)] for i in range(n)))


TEXTS = {
    "seeds": seeds(),
    "seeds, CRLF": seeds().replace("\n", "\r\n"),
    "seeds, no line breaks, twice": flat(seeds()) + " " + flat(seeds()),
    "seeds, no punctuation": flat(re.sub(r"[.,;:!?\u2014\u2013\-\"'\u201c\u201d\u2018\u2019()]", " ", seeds())),
    "seeds, dashes and semicolons only": flat(seeds()).replace(",", " \u2014").replace(".", ";") * 2,
    "run-on, no commas": run_on(2500),
    "run-on, a comma every 37 words": run_on(2500, 37),
    "run-on, a dash every 150 words": run_on(2500, 150, " -"),
    "paragraph names": "Vickers\nsaid he would go.\n\nSmith\n\nsaid nothing.  \n  Then she left.\n",
    "line breaks inside whitespace": "The vote was close.  \n \n  \tofficials said it was final.\n\n\n",
    "leading line break": "\n\nthe council met on monday.",
    "one token": "Hello",
    "empty": "",
}


@pytest.mark.parametrize("name", list(TEXTS))
def test_paragraph_breaks_sets_the_same_starts_as_the_per_token_version(engine, name):
    text = TEXTS[name]
    ours = paragraph_breaks(engine.nlp.make_doc(text))
    ref = reference_breaks(engine.nlp.make_doc(text))
    assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in ref]


def test_the_texts_reach_every_branch(engine):
    """The texts above set starts after line breaks, cut after a comma, a dash and at the limit."""
    cuts = set()
    for text in TEXTS.values():
        doc = paragraph_breaks(engine.nlp.make_doc(text))
        for tok in doc[1:]:
            if tok.is_sent_start and "\n" not in doc[tok.i - 1].text:
                cuts.add(doc[tok.i - 1].text if doc[tok.i - 1].text in _CUT_AFTER else "at the limit")
    assert {",", "-", "\u2014", ";", "at the limit"} <= cuts


@pytest.mark.parametrize("name", ["seeds", "seeds, CRLF", "paragraph names", "line breaks inside whitespace",
                                  "run-on, a comma every 37 words", "run-on, no commas"])
def test_sentence_starts_in_the_parsed_doc(engine, name):
    doc = engine.nlp(TEXTS[name])
    preset = paragraph_breaks(engine.nlp.make_doc(TEXTS[name]))
    for tok in doc[:-1]:
        after = doc[tok.i + 1]
        if "\n" in tok.text:  # a line break always starts a sentence
            assert after.is_sent_start, (name, tok.i)
        elif tok.is_alpha and after.is_alpha and after.is_lower and after.is_sent_start:
            # a lower-case word after a word never starts one, but where a run-on is cut at the limit
            assert preset[after.i].is_sent_start and not any(t.text in _CUT_AFTER for t in doc[max(0, after.i - _CUT_WINDOW):after.i]), (name, after.i)
    # the parser keeps every start and non-start the component set
    assert all(t.is_sent_start == p.is_sent_start for t, p in zip(doc[1:], preset[1:]) if p.is_sent_start is not None)
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS


def test_every_line_is_a_sentence_even_a_lone_name(engine):
    doc = engine.nlp(TEXTS["paragraph names"])
    assert [s.text.strip() for s in doc.sents] == ["Vickers", "said he would go.", "Smith", "said nothing.", "Then she left."]


def test_run_on_text_is_cut_after_the_last_comma_before_the_limit(engine):
    text = run_on(2500, 37)
    doc = paragraph_breaks(engine.nlp.make_doc(text))
    starts = [t.i for t in doc if t.is_sent_start]
    assert starts[0] == 0 and len(starts) > 5
    for a, b in zip(starts, starts[1:]):
        assert b - a <= MAX_SENTENCE_TOKENS
        assert doc[b - 1].text == ","  # a comma falls in every window of 100 tokens
        assert not any(t.text == "," for t in doc[b:a + MAX_SENTENCE_TOKENS])  # and it is the last one
    without = paragraph_breaks(engine.nlp.make_doc(run_on(2500)))
    assert [t.i for t in without if t.is_sent_start] == list(range(0, len(without), MAX_SENTENCE_TOKENS))


def test_a_long_text_is_parsed_whole_with_its_breaks(engine):
    # 8 copies of the seeds in one text: every line break still starts a sentence, nothing is lost
    text = "\n\n".join([seeds()] * 8)
    doc = engine.nlp(text)
    assert doc.text == text
    assert all(doc[t.i + 1].is_sent_start for t in doc[:-1] if "\n" in t.text)
    single = engine.nlp(seeds())
    assert len(list(doc.sents)) == 8 * len(list(single.sents))


# ----------------------------------------------------------------------------- texts over the limit

OVER = MAX_CHARS + 1


def over_the_limit(length: int = OVER) -> str:
    unit = "The council met on Monday, officials said.\n\n"
    return (unit * (length // len(unit) + 1))[:length]


def message(length: int) -> str:
    return f"text is {length:,} characters, longer than the 2,000,000 this tool parses (split it)"


def test_the_limit_is_the_pipelines(engine):
    assert MAX_CHARS == MAX_LENGTH == engine.nlp.max_length == 2_000_000


def test_read_text_refuses_a_text_over_the_limit():
    with pytest.raises(ReadError) as e:
        read_text(over_the_limit(), path="big.txt")
    assert str(e.value) == f"big.txt: {message(OVER)}"
    assert "\n" not in str(e.value)


def test_read_paths_reports_an_over_long_file_and_jsonl_record(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(over_the_limit(2_079_164), encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": over_the_limit()}) + "\n" + json.dumps({"text": "The mayor said so."}) + "\n")
    items = list(read_paths([big, feed]))
    assert [str(i) if isinstance(i, ReadError) else i.text for i in items] == [
        f"{big}: {message(2_079_164)}",
        f"{feed}:1: {message(OVER)}",
        "The mayor said so.",
    ]


def test_a_text_at_the_limit_is_read():
    a = read_text(over_the_limit(MAX_CHARS))
    assert len(a.text) == MAX_CHARS


def test_engine_refuses_an_over_long_article_before_parsing(engine):
    big = Article(text=over_the_limit(), parts=[Part("body", 0, OVER, over_the_limit())], path="big.txt")
    small = [read_text(f"The mayor said item {i} was final.", path=f"a{i}.txt") for i in range(3)]
    failed = []
    audits = list(engine.audit_many([small[0], big, small[1], small[2]], batch_size=2,
                                    on_error=lambda a, e: failed.append((a.path, e))))
    assert [a.article.path for a in audits] == ["a0.txt", "a1.txt", "a2.txt"]
    assert [(p, type(e), str(e)) for p, e in failed] == [("big.txt", TextTooLong, message(OVER))]
    with pytest.raises(TextTooLong, match="longer than the 2,000,000"):
        list(engine.audit_many([big]))


def test_audit_and_ingest_report_an_over_long_file_and_go_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("big.txt").write_text(over_the_limit(2_079_164), encoding="utf-8")
    seed = SEEDS[0]
    expected = f"error: big.txt: {message(2_079_164)}\n"

    result = CliRunner().invoke(cli, ["audit", "big.txt", str(seed), "--format", "jsonl"])
    assert result.exit_code == 1
    assert result.stderr == expected
    assert [json.loads(line)["article"]["path"] for line in result.stdout.splitlines()] == [str(seed)]

    result = CliRunner().invoke(cli, ["ingest", "big.txt", str(seed), "--db", "x.db"])
    assert result.exit_code == 1
    assert expected in result.output and "Ingested 1 article (0 unchanged)" in result.output
    with sqlite3.connect("x.db") as db:  # nothing of the long text is stored
        assert [r[0] for r in db.execute("SELECT text FROM articles")] == [seed.read_text(encoding="utf-8")]
        assert db.execute("SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)").fetchone() == (0,)
