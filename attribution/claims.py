"""Splits the body into claims and labels them, with evidence and rule ids. (stub)"""
from __future__ import annotations

from .model import CLAIM_PARTS, Article, Claim, Skipped


def label_article(article: Article, doc, engine) -> tuple[list[Claim], list[Skipped]]:
    claims: list[Claim] = []
    skipped: list[Skipped] = []
    for part in article.parts:
        if part.kind not in CLAIM_PARTS:
            skipped.append(Skipped(part.start, part.end, part.text, part.kind))
            continue
        for sent in doc.sents:
            s, e = max(sent.start_char, part.start), min(sent.end_char, part.end)
            if s < e and article.text[s:e].strip():
                i = len(claims)
                claims.append(Claim(id=f"{article.id}:{i}", index=i, part=part.kind, start=s, end=e,
                                    text=article.text[s:e], label="editorial-framing"))
    return claims, skipped
