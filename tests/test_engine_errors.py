"""An article the engine fails on is one error naming its file; the rest of the batch is audited.

The failures are real exceptions raised inside the real spaCy pipeline (a component added
to a freshly loaded model) or inside the rules (the Labeller), never a mocked parser.
"""
from __future__ import annotations

import spacy
from click.testing import CliRunner
from spacy.language import Language

from attribution import engine as engine_module
from attribution.cli import cli
from attribution.engine import Engine
from attribution.pipeline import DEFAULT_MODEL
from attribution.read import read_text

POISON = "POISONED"


@Language.component("test_poison")
def poison(doc):
    if POISON in doc.text:
        raise RuntimeError("the pipeline choked on this text\nwith a second line")
    return doc


def texts(n: int, poisoned: set[int]) -> list[str]:
    return [f"Bridge Item {i}\n\nThe mayor said item {i} of the bridge plan was final"
            + (f" {POISON}." if i in poisoned else ".") for i in range(n)]


def poisoned_engine(monkeypatch) -> Engine:
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("attribution_paragraphs", before="parser")
    nlp.add_pipe("test_poison", after="parser")
    monkeypatch.setattr(engine_module, "load_nlp", lambda name=None: nlp)
    return Engine()


def test_pipeline_failure_skips_only_that_article(monkeypatch, engine):
    poisoned = poisoned_engine(monkeypatch)
    articles = [read_text(t, path=f"a{i}.txt") for i, t in enumerate(texts(10, {5}))]
    failed = []
    audits = list(poisoned.audit_many(articles, batch_size=4, on_error=lambda a, e: failed.append((a.path, e))))
    assert [path for path, _ in failed] == ["a5.txt"]
    assert isinstance(failed[0][1], RuntimeError)
    # the batch-mates of the poisoned article (a4, a6, a7) are audited, in order, as usual
    assert [a.article.path for a in audits] == [f"a{i}.txt" for i in range(10) if i != 5]
    expected = {a.article.path: [(c.text, c.label) for c in a.claims]
                for a in engine.audit_many([x for x in articles if x.path != "a5.txt"])}
    assert {a.article.path: [(c.text, c.label) for c in a.claims] for a in audits} == expected


def test_pipeline_failure_without_on_error_raises(monkeypatch):
    poisoned = poisoned_engine(monkeypatch)
    articles = [read_text(t) for t in texts(3, {1})]
    try:
        list(poisoned.audit_many(articles))
    except RuntimeError as e:
        assert "choked" in str(e)
    else:
        raise AssertionError("expected the pipeline's error")


def test_rules_failure_skips_only_that_article(engine, poison_labeller):
    poison_labeller(POISON)
    articles = [read_text(t, path=f"a{i}.txt") for i, t in enumerate(texts(6, {0, 3}))]
    failed = []
    audits = list(engine.audit_many(articles, on_error=lambda a, e: failed.append(a.path)))
    assert failed == ["a0.txt", "a3.txt"]
    assert [a.article.path for a in audits] == ["a1.txt", "a2.txt", "a4.txt", "a5.txt"]


def test_audit_command_goes_on_past_an_engine_failure(monkeypatch, tmp_path, poison_labeller):
    poison_labeller(POISON, "a rule broke\non two lines")
    monkeypatch.chdir(tmp_path)
    for i, text in enumerate(texts(3, {1})):
        (tmp_path / f"a{i}.txt").write_text(text)
    result = CliRunner().invoke(cli, ["audit", "a0.txt", "a1.txt", "a2.txt", "--format", "jsonl"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["error: a1.txt: could not audit: ValueError: a rule broke on two lines"]
    assert len(result.stdout.splitlines()) == 2
