"""Shared fixtures.

- ``engine``: one ``Engine()`` (real model, project rules) for the whole session.
- ``seed_paths``: the files of the project's ``seeds/`` folder, sorted.
- ``db_path``: a path (str) for a fresh SQLite file in the test's tmp folder; not created yet.
- ``seeded_db``: the path (str) of a database holding the seeds, ingested with the real
  engine. Each test gets its own copy, so it may write to it. Open it with
  ``attribution.store.open_db(seeded_db)`` or serve it with ``Datasette([seeded_db])``.
- ``sample_audits``: two hand-built Audits (no model needed) with named, anonymous and
  nested sources, cues, markers, outlets and dates, for tests that need known labels
  whatever the engine currently finds. ``store_audit`` them into ``db_path`` to get a
  small database with every kind of row.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from attribution.model import Article, Audit, Claim, Cue, Marker, Part, Skipped, Source

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def engine():
    from attribution.engine import Engine

    return Engine()


@pytest.fixture(scope="session")
def seed_paths() -> list[str]:
    return [str(p) for p in sorted(SEEDS.iterdir()) if p.is_file() and not p.name.startswith(".")]


@pytest.fixture
def db_path(tmp_path) -> str:
    return str(tmp_path / "attribution.db")


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory, engine, seed_paths) -> Path:
    from attribution.store import ingest

    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    result = ingest(seed_paths, path, engine)
    assert not result.errors, result.errors
    return path


@pytest.fixture
def seeded_db(_seeded_template, tmp_path) -> str:
    path = tmp_path / "seeded.db"
    shutil.copyfile(_seeded_template, path)
    return str(path)


def _article(text: str, **meta) -> Article:
    parts, pos = [], 0
    for kind, chunk in zip(("headline", "body", "body", "body"), text.split("\n\n")):
        start = text.index(chunk, pos)
        parts.append(Part(kind, start, start + len(chunk), chunk))
        pos = start + len(chunk)
    return Article(text=text, parts=parts, **meta)


def _claim(article: Article, index: int, sentence: str, label: str, part: str = "body", **kw) -> Claim:
    start = article.text.index(sentence)
    return Claim(id=f"{article.id}:{index}", index=index, part=part, start=start, end=start + len(sentence),
                 text=sentence, label=label, **kw)


def _source(article: Article, text: str, name: str, kind: str, **kw) -> Source:
    start = article.text.find(text)
    return Source(text=text, start=start, end=start + len(text), name=name, kind=kind, **kw)


def _cue(article: Article, text: str, lemma: str, stance: str) -> Cue:
    start = article.text.find(text)
    return Cue(text=text, start=start, end=start + len(text), lemma=lemma, stance=stance)


def make_sample_audits() -> list[Audit]:
    # Invented sentences about an invented town; no real reporting.
    t1 = ("Harbour Bridge Will Close for Repairs\n\n"
          "Mayor Maria Lopez said the bridge would close in March.\n\n"
          "Two city officials said the repairs could take a year, according to the Daily Example.\n\n"
          "The reckless delay has left commuters stranded.")
    a1 = _article(t1, path="samples/bridge.txt", outlet="Daily Example", title="Harbour Bridge Will Close",
                  published="2024-03-01")
    lopez = _source(a1, "Mayor Maria Lopez", "Maria Lopez", "person", role="Mayor")
    officials = _source(a1, "Two city officials", "two city officials", "anonymous", count="two",
                        affiliation="city", descriptor="officials",
                        cue=_cue(a1, "said the repairs", "say", "neutral"))
    paper = _source(a1, "the Daily Example", "Daily Example", "outlet", cue=_cue(a1, "according to", "according to", "neutral"))
    c1 = [
        _claim(a1, 0, "Harbour Bridge Will Close for Repairs", "editorial-framing", part="headline"),
        _claim(a1, 1, "Mayor Maria Lopez said the bridge would close in March.", "named-official",
               source=lopez, cue=_cue(a1, "said", "say", "neutral"), chain=[lopez], rules=["cue-say"],
               entities=["Maria Lopez"]),
        _claim(a1, 2, "Two city officials said the repairs could take a year, according to the Daily Example.",
               "anonymous-source", source=officials, cue=officials.cue, chain=[paper, officials],
               rules=["cue-say", "anon-officials"]),
        _claim(a1, 3, "The reckless delay has left commuters stranded.", "editorial-framing",
               markers=[Marker("reckless", t1.index("reckless"), t1.index("reckless") + 8, "loaded", "loaded-words")],
               rules=["loaded-words"]),
    ]
    t2 = ("Bridge Repairs Begin\n\n"
          "Maria Lopez, the mayor, told reporters the work had started.\n\n"
          "Two city officials insisted the budget was sufficient.")
    a2 = _article(t2, path="samples/bridge-2.txt", outlet="Other Times", title="Bridge Repairs Begin",
                  published="2024-03-05")
    lopez2 = _source(a2, "Maria Lopez", "Maria Lopez", "person", role="mayor")
    officials2 = _source(a2, "Two city officials", "two city officials", "anonymous", count="two",
                         affiliation="city", descriptor="officials")
    c2 = [
        _claim(a2, 0, "Bridge Repairs Begin", "editorial-framing", part="headline"),
        _claim(a2, 1, "Maria Lopez, the mayor, told reporters the work had started.", "named-official",
               source=lopez2, cue=_cue(a2, "told reporters", "tell", "neutral"), chain=[lopez2]),
        _claim(a2, 2, "Two city officials insisted the budget was sufficient.", "anonymous-source",
               source=officials2, cue=_cue(a2, "insisted", "insist", "assertive"), chain=[officials2]),
    ]
    skipped = [Skipped(0, 0, "", "byline")]
    return [Audit(article=a1, claims=c1, skipped=skipped, notes=["sample"]),
            Audit(article=a2, claims=c2, skipped=[])]


@pytest.fixture
def sample_audits() -> list[Audit]:
    return make_sample_audits()


@pytest.fixture
def poison_labeller(monkeypatch):
    """Make the rules raise on any article whose text holds ``word`` (fault injection, not a mock:
    the real model and rules label every other article)."""
    from attribution.claims import Labeller

    def poison(word: str = "POISONED", message: str = "a rule broke") -> None:
        real = Labeller.label

        def label(self, article, doc):
            if word in article.text:
                raise ValueError(message)
            return real(self, article, doc)

        monkeypatch.setattr(Labeller, "label", label)

    return poison
