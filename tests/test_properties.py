"""Property-based checks over generated and mutated article text: the engine never raises,
every offset points into the text, claims do not overlap, and the JSON keeps its shape."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution.read import read_text

SEED = (Path(__file__).resolve().parent.parent / "seeds" / "000_9d9bc8f946764f0e.txt").read_text(encoding="utf-8")
PIECES = ["said", "according to", "sources", "“", "”", '"', "'", "\n\n", "\n", ", which", " but ", "He ",
          "officials told Reuters", "declined to comment", "(Getty Images)", "Share this:", "reportedly", ";", "—"]

texts = st.one_of(
    st.text(min_size=1, max_size=400),
    st.lists(st.sampled_from(PIECES + SEED.split()[:80]), min_size=1, max_size=120).map(" ".join),
    st.tuples(st.integers(0, len(SEED)), st.integers(0, 300), st.sampled_from(PIECES)).map(
        lambda t: SEED[: t[0]] + t[2] + SEED[t[0] + t[1]:]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_audit_never_raises_and_offsets_hold(engine, text):
    if not text.strip():
        return
    result = engine.audit(read_text(text))
    data = json.loads(json.dumps(result.to_dict()))
    last_end = 0
    for c in data["claims"]:
        assert 0 <= c["start"] < c["end"] <= len(text)
        assert text[c["start"]:c["end"]] == c["text"]
        assert c["start"] >= last_end, "claims overlap"
        last_end = c["end"]
        assert c["label"] in ("named-official", "anonymous-source", "editorial-framing")
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
    # every non-blank stretch of a claim part is covered by a claim
    for part in result.article.parts:
        if part.kind in ("headline", "subhead", "body"):
            covered = sum(c.end - c.start for c in result.claims if part.start <= c.start < part.end)
            assert covered > 0 or not part.text.strip()
