"""Scores the engine against annotated articles (the shared eval JSONL format).

Overlap-based, per attribution: a gold attribution is found when a predicted
attribution's cue overlaps the gold cue; its source is found when, in addition,
the predicted source span overlaps the gold source span (or both are unstated).
The gold corpora annotate outermost attributions only, so each predicted
attribution is scored by its outermost source.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import Article, Part
from .read import read_text


def _overlap(a0, a1, b0, b1) -> bool:
    return a0 is not None and b0 is not None and a0 < b1 and b0 < a1


def _spans(rec: dict, key: str) -> list[tuple[int, int]]:
    spans = rec.get(f"{key}_spans")
    if spans:
        return [tuple(s) for s in spans if s and s[0] is not None]
    if rec.get(f"{key}_start") is not None:
        return [(rec[f"{key}_start"], rec[f"{key}_end"])]
    return []


def _any_overlap(spans, s, e) -> bool:
    return any(_overlap(a, b, s, e) for a, b in spans)


def load_gold(path: str | Path, limit: int | None = None) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: invalid JSON ({e.msg})") from None
            if not isinstance(rec, dict) or "text" not in rec or "attributions" not in rec:
                raise ValueError(f"{path}:{n}: a gold record needs 'text' and 'attributions'")
            records.append(rec)
            if limit and len(records) >= limit:
                break
    return records


def predictions(audit) -> list[dict]:
    out = []
    for claim in audit.claims:
        for att in claim.attributions:
            src = att.source
            out.append({
                "cue": (att.cue.start, att.cue.end),
                "source": (src.start, src.end) if src is not None and src.start is not None else None,
                "anonymous": src is None or src.anonymous,
            })
    return out


def evaluate(engine, gold_path: str | Path, limit: int | None = None) -> dict[str, Any]:
    records = load_gold(gold_path, limit)

    def article(rec):
        # Score the whole text as body: gold offsets point into it, and the corpora have no page furniture.
        a = read_text(rec["text"], rules=engine.rules)
        return Article(text=rec["text"], parts=[Part("body", 0, len(rec["text"]), rec["text"])] if not a.parts else a.parts,
                       id=str(rec.get("id")))

    n_pred = n_pred_hit = n_pred_src = 0
    n_gold = n_gold_found = n_gold_src = n_gold_nocue = 0
    kind_total = kind_right = 0
    anon_tp = anon_fp = anon_fn = 0
    by_corpus: dict[str, dict[str, int]] = {}
    for rec, audit in zip(records, engine.audit_many(article(r) for r in records)):
        preds = predictions(audit)
        golds = rec["attributions"]
        corpus = by_corpus.setdefault(rec.get("source", "?"), {"gold": 0, "found": 0, "predicted": 0, "correct": 0})
        gold_cues = [_spans(g, "cue") for g in golds]
        for p in preds:
            n_pred += 1
            corpus["predicted"] += 1
            matched = [g for g, cues in zip(golds, gold_cues) if cues and _any_overlap(cues, *p["cue"])]
            if matched:
                n_pred_hit += 1
                corpus["correct"] += 1
                if any(_source_ok(g, p) for g in matched):
                    n_pred_src += 1
        for g, cues in zip(golds, gold_cues):
            if not cues:
                n_gold_nocue += 1
                continue
            n_gold += 1
            corpus["gold"] += 1
            found = [p for p in preds if _any_overlap(cues, *p["cue"])]
            if not found:
                if g.get("source_kind") == "anonymous":
                    anon_fn += 1
                continue
            n_gold_found += 1
            corpus["found"] += 1
            if any(_source_ok(g, p) for p in found):
                n_gold_src += 1
            kind = g.get("source_kind")
            if kind in ("named", "anonymous"):
                p = next((p for p in found if _source_ok(g, p)), found[0])
                kind_total += 1
                kind_right += (kind == "anonymous") == p["anonymous"]
                if kind == "anonymous" and p["anonymous"]:
                    anon_tp += 1
                elif kind == "anonymous":
                    anon_fn += 1
                elif p["anonymous"]:
                    anon_fp += 1
    return {
        "articles": len(records),
        "gold_attributions": n_gold,
        "gold_without_cue_span": n_gold_nocue,
        "predicted_attributions": n_pred,
        "cue": _prf(n_pred_hit, n_pred, n_gold_found, n_gold),
        "source": _prf(n_pred_src, n_pred, n_gold_src, n_gold),
        "named_vs_anonymous_accuracy": round(kind_right / kind_total, 4) if kind_total else None,
        "named_vs_anonymous_scored": kind_total,
        "anonymous": _prf(anon_tp, anon_tp + anon_fp, anon_tp, anon_tp + anon_fn),
        "by_corpus": by_corpus,
    }


def _source_ok(g: dict, p: dict) -> bool:
    gold = _spans(g, "source")
    if not gold:
        return p["source"] is None
    return p["source"] is not None and _any_overlap(gold, *p["source"])


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def format_report(rep: dict[str, Any]) -> str:
    lines = [
        f"{rep['articles']} articles, {rep['gold_attributions']} gold attributions with a cue span "
        f"({rep['gold_without_cue_span']} without one, not scored), {rep['predicted_attributions']} predicted",
        "",
        f"{'':<12}{'precision':>10}{'recall':>10}{'F1':>10}",
    ]
    for key in ("cue", "source", "anonymous"):
        m = rep[key]
        lines.append(f"{key:<12}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>10.3f}")
    acc = rep["named_vs_anonymous_accuracy"]
    lines.append("")
    lines.append(f"named vs anonymous accuracy on found attributions: "
                 f"{acc:.3f} ({rep['named_vs_anonymous_scored']} scored)" if acc is not None else "named vs anonymous: none scored")
    for corpus, c in rep["by_corpus"].items():
        r = c["found"] / c["gold"] if c["gold"] else 0
        p = c["correct"] / c["predicted"] if c["predicted"] else 0
        lines.append(f"  {corpus}: cue recall {r:.3f}, cue precision {p:.3f} ({c['gold']} gold)")
    return "\n".join(lines)
