"""Credibility signals and two additive scores: sourcing transparency and corroboration.

Every score is a base plus published weights times the value of each signal
(capped where a cap is given), clamped to 0-100, and it travels with every
signal that made it. The scores describe how a claim is sourced and whether
other outlets say the same; they are not a measure of truth or accuracy.
The weights and their reasons are in :data:`WEIGHTS` and in docs/credibility.md
(a test keeps the two in step).
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Iterable

from . import link as _link

# id, score (transparency | corroboration), scope (claim | article), weight, cap on the value, reason.
WEIGHTS: list[dict[str, Any]] = [
    # -- claim, transparency
    {"id": "claim-transparency-base", "score": "transparency", "scope": "claim", "weight": 50, "cap": None,
     "reason": "Every claim starts in the middle; its sourcing moves it up or down."},
    {"id": "named-source", "score": "transparency", "scope": "claim", "weight": 30, "cap": None,
     "reason": "On the record: the reader can tell who said it and check them."},
    {"id": "anonymous-source", "score": "transparency", "scope": "claim", "weight": -20, "cap": None,
     "reason": "Reuters calls anonymous sources the weakest form of sourcing; the reader cannot check them."},
    {"id": "anonymous-specifics", "score": "transparency", "scope": "claim", "weight": 5, "cap": 3,
     "reason": "AP requires the most specific description possible: each of count, affiliation and role helps the reader weigh the source."},
    {"id": "anonymous-undescribed", "score": "transparency", "scope": "claim", "weight": -10, "cap": None,
     "reason": "\"Sources said\" with no count, affiliation or role tells the reader nothing about who they are."},
    {"id": "anonymous-reason", "score": "transparency", "scope": "claim", "weight": 10, "cap": None,
     "reason": "AP requires the story to say why the source was granted anonymity."},
    {"id": "anonymous-no-reason", "score": "transparency", "scope": "claim", "weight": -5, "cap": None,
     "reason": "No reason for anonymity is given, against AP's standard."},
    {"id": "unattributed", "score": "transparency", "scope": "claim", "weight": -10, "cap": None,
     "reason": "The writer's own assertion: no source the reader could check (often fine for background, hence a small weight)."},
    {"id": "second-hand", "score": "transparency", "scope": "claim", "weight": -5, "cap": 2,
     "reason": "Each extra link in the chain (\"X reported that sources said\") puts the reader further from the origin."},
    {"id": "cue-hedged", "score": "transparency", "scope": "claim", "weight": -5, "cap": None,
     "reason": "A hedged cue (\"hinted\", \"signaled\") reports an inference, not a statement."},
    {"id": "cue-loaded", "score": "transparency", "scope": "claim", "weight": -5, "cap": None,
     "reason": "A loaded cue (\"claimed\", \"admitted\") passes judgement on the source; AP advises \"said\"."},
    {"id": "hedge-words", "score": "transparency", "scope": "claim", "weight": -3, "cap": 3,
     "reason": "Hedges (\"reportedly\", \"appears to\") soften a claim without saying who is unsure."},
    {"id": "loaded-words", "score": "transparency", "scope": "claim", "weight": -5, "cap": 3,
     "reason": "Loaded words carry the writer's judgement into the claim."},
    {"id": "scare-quotes", "score": "transparency", "scope": "claim", "weight": -3, "cap": 2,
     "reason": "Scare quotes signal doubt without attributing it."},
    {"id": "refusal", "score": "transparency", "scope": "claim", "weight": 0, "cap": None,
     "reason": "Shown, not scored: a refusal or non-response (\"declined to comment\", \"could not be reached\") states nothing, so it is not a claim on the record."},
    # -- claim, corroboration
    {"id": "claim-corroboration-base", "score": "corroboration", "scope": "claim", "weight": 0, "cap": None,
     "reason": "A claim nobody else reports starts at zero: not false, just not corroborated in this corpus."},
    {"id": "independent-corroboration", "score": "corroboration", "scope": "claim", "weight": 25, "cap": 3,
     "reason": "Each other outlet that reports the same assertion independently; copies and echoes do not count, and an article that republishes another outlet's story counts as that outlet."},
    {"id": "named-corroboration", "score": "corroboration", "scope": "claim", "weight": 15, "cap": None,
     "reason": "A corroborating claim stands on a named source: someone went on the record."},
    {"id": "conflict", "score": "corroboration", "scope": "claim", "weight": -20, "cap": 2,
     "reason": "Another article makes the same assertion with a different number or the opposite sense."},
    {"id": "copies", "score": "corroboration", "scope": "claim", "weight": 0, "cap": None,
     "reason": "Shown, not counted: the same reporting, not a second source (a 'copy' link, the same outlet, copies of one origin, or one side republishing the other's outlet)."},
    {"id": "echoes", "score": "corroboration", "scope": "claim", "weight": 0, "cap": None,
     "reason": "Shown, not counted: an article repeating what another outlet reported rests on that one origin."},
    # -- article, transparency
    {"id": "article-transparency-base", "score": "transparency", "scope": "article", "weight": 50, "cap": None,
     "reason": "Every article starts in the middle."},
    {"id": "named-share", "score": "transparency", "scope": "article", "weight": 40, "cap": None,
     "reason": "Share of claims on the record."},
    {"id": "anonymous-share", "score": "transparency", "scope": "article", "weight": -30, "cap": None,
     "reason": "Share of claims resting on anonymous sources (Reuters: the weakest form)."},
    {"id": "unattributed-share", "score": "transparency", "scope": "article", "weight": -10, "cap": None,
     "reason": "Share of claims the writer asserts without a source."},
    {"id": "anonymous-undescribed-claims", "score": "transparency", "scope": "article", "weight": -5, "cap": 4,
     "reason": "Anonymous-source claims with no count, affiliation or role (AP: describe the source as specifically as possible)."},
    {"id": "anonymous-no-reason-claims", "score": "transparency", "scope": "article", "weight": -3, "cap": 4,
     "reason": "Anonymous-source claims with no reason for anonymity (AP requires one)."},
    {"id": "headline-anonymous-as-fact", "score": "transparency", "scope": "article", "weight": -15, "cap": None,
     "reason": "The headline states as fact what the body attributes to anonymous sources."},
    {"id": "loaded-density", "score": "transparency", "scope": "article", "weight": -5, "cap": 4,
     "reason": "Loaded words per 100 words of claims: the writer's judgement in the reporting."},
    {"id": "refusal-claims", "score": "transparency", "scope": "article", "weight": 0, "cap": None,
     "reason": "Shown, not scored: refusals and non-responses state nothing, so they are left out of every share of claims."},
    {"id": "byline", "score": "transparency", "scope": "article", "weight": 5, "cap": None,
     "reason": "A named author is accountable for the article."},
    {"id": "syndicated-copy", "score": "transparency", "scope": "article", "weight": 0, "cap": None,
     "reason": "Shown, not scored: the article says it republishes another outlet's story."},
    # -- article, corroboration
    {"id": "article-corroboration-base", "score": "corroboration", "scope": "article", "weight": 0, "cap": None,
     "reason": "An article whose claims nobody else reports starts at zero."},
    {"id": "corroborated-share", "score": "corroboration", "scope": "article", "weight": 70, "cap": None,
     "reason": "Share of its claims that at least one independent outlet also reports."},
    {"id": "named-corroborated-share", "score": "corroboration", "scope": "article", "weight": 30, "cap": None,
     "reason": "Share of its claims corroborated by a named source elsewhere."},
    {"id": "conflicted-claims", "score": "corroboration", "scope": "article", "weight": -10, "cap": 3,
     "reason": "Claims that another article contradicts."},
]
_BY_ID = {w["id"]: w for w in WEIGHTS}
ANON_LABEL = "anonymous-source"
NAMED_LABEL = "named-official"
FRAMING_LABEL = "editorial-framing"


def signal(sid: str, value: float, description: str) -> dict[str, Any]:
    w = _BY_ID[sid]
    capped = min(value, w["cap"]) if w["cap"] is not None else value
    return {"id": sid, "description": description, "weight": w["weight"], "value": round(value, 3),
            "points": round(w["weight"] * capped, 2)}


def _total(signals: list[dict], score: str) -> dict[str, Any]:
    mine = [s for s in signals if _BY_ID[s["id"]]["score"] == score]
    total = sum(s["points"] for s in mine)
    return {"score": round(max(0.0, min(100.0, total)), 1), "signals": mine}


# ---------------------------------------------------------------- claims

def _json(value: Any, default):
    if value is None:
        return default
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return default
    return value


def claim_dict(claim, article=None) -> dict[str, Any]:
    """A Claim (dataclass) or a `claims` row as the plain dict the scorers read."""
    if isinstance(claim, dict):
        d = dict(claim)
        d["chain"] = _json(d.get("chain"), [])
        d["markers"] = _json(d.get("markers"), [])
        d["entities"] = _json(d.get("entities"), [])
        return d
    from .model import to_json

    src, cue = claim.source, claim.cue
    d = {
        "id": claim.id, "article_id": getattr(article, "id", None), "part": claim.part, "text": claim.text,
        "label": claim.label, "source_name": src.name if src else None, "source_kind": src.kind if src else None,
        "source_role": src.role if src else None, "source_count": src.count if src else None,
        "source_affiliation": src.affiliation if src else None,
        "source_descriptor": src.descriptor if src else None, "source_reason": src.reason if src else None,
        "cue": cue.text if cue else None, "cue_stance": cue.stance if cue else None,
        "cue_lemma": cue.lemma if cue else None,
        "content_start": claim.content.start if claim.content else None,
        "content_end": claim.content.end if claim.content else None,
        "chain": to_json(claim.chain) or ([to_json(src)] if src else []),
        "markers": to_json(claim.markers), "entities": list(claim.entities),
        "outlet": getattr(article, "outlet", None), "syndicated_from": getattr(article, "syndicated_from", None),
    }
    return d


def _anonymous_parts(claim: dict) -> dict[str, Any]:
    """count / affiliation / role / reason of the claim's anonymous source, from the row or its chain."""
    inner = {}
    for s in claim.get("chain") or []:
        if isinstance(s, dict) and s.get("kind") == "anonymous":
            inner = s
    return {
        "count": claim.get("source_count") or inner.get("count"),
        "affiliation": claim.get("source_affiliation") or inner.get("affiliation"),
        "role": claim.get("source_role") or inner.get("role"),
        "reason": claim.get("source_reason") or inner.get("reason"),
    }


def is_anonymous(claim: dict) -> bool:
    return claim.get("label") == ANON_LABEL or claim.get("source_kind") == "anonymous"


# A refusal or non-response ("The company did not immediately respond to a request for
# comment.") is labelled by its source, named-official like "The Pentagon declined to
# comment", but it puts nothing on the record: counted as a named claim, an article made
# of refusals scored 81.7 for transparency. It is shown, and left out of the sourcing
# signals and of the article's shares. The same test keeps it out of linking.
is_refusal = _link.is_refusal


def transparency_signals(claim: dict) -> list[dict]:
    label = claim.get("label")
    out = [signal("claim-transparency-base", 1, "base")]
    if is_refusal(claim):
        who = claim.get("source_name") or "the source"
        out.append(signal("refusal", 1, f"refusal, nothing on the record: {who} {claim.get('cue') or 'declined'}"))
    elif label == NAMED_LABEL:
        out.append(signal("named-source", 1, f"named source: {claim.get('source_name') or '?'}"))
    elif is_anonymous(claim):
        out.append(signal("anonymous-source", 1, f"anonymous source: {claim.get('source_name') or 'unnamed'}"))
        parts = _anonymous_parts(claim)
        given = [k for k in ("count", "affiliation", "role") if parts[k]]
        if given:
            out.append(signal("anonymous-specifics", len(given),
                              "described by " + ", ".join(f"{k} ({parts[k]})" for k in given)))
        else:
            out.append(signal("anonymous-undescribed", 1, "no count, affiliation or role given"))
        if parts["reason"]:
            out.append(signal("anonymous-reason", 1, f"reason for anonymity: {parts['reason']}"))
        else:
            out.append(signal("anonymous-no-reason", 1, "no reason given for anonymity"))
    elif label == FRAMING_LABEL:
        out.append(signal("unattributed", 1, "asserted by the writer, no source"))
    chain = [s for s in claim.get("chain") or [] if s]
    if len(chain) > 1:
        names = " > ".join(str(s.get("name") or s.get("text") or "?") if isinstance(s, dict) else str(s) for s in chain)
        out.append(signal("second-hand", len(chain) - 1, f"nested attribution: {names}"))
    stance = claim.get("cue_stance")
    if stance == "hedged":
        out.append(signal("cue-hedged", 1, f"hedged cue: {claim.get('cue') or stance}"))
    elif stance == "loaded":
        out.append(signal("cue-loaded", 1, f"loaded cue: {claim.get('cue') or stance}"))
    markers = defaultdict(list)
    for m in claim.get("markers") or []:
        if isinstance(m, dict):
            markers[m.get("kind")].append(m.get("text") or "")
    for kind, sid in (("hedge", "hedge-words"), ("loaded", "loaded-words"), ("scare-quote", "scare-quotes")):
        if markers[kind]:
            out.append(signal(sid, len(markers[kind]), f"{kind}: " + ", ".join(markers[kind])))
    return out


def _origin(outlet: str, syndicated_from: str, article_id: Any) -> str:
    """Whose reporting an article carries: the outlet it says it republishes, else its own
    (else the article itself)."""
    return syndicated_from or outlet or f"article {article_id}"


def corroboration_signals(claim: dict, links: Iterable[dict]) -> list[dict]:
    """``links``: this claim's links, each with ``relation`` and, for the other side,
    ``other_article_id`` and optionally ``other_outlet``, ``other_label``, ``other_syndicated_from``.
    The claim's own ``outlet``, ``syndicated_from`` and ``article_id`` say whose reporting it is."""
    out = [signal("claim-corroboration-base", 1, "base")]
    own_outlet = _link.norm_outlet(claim.get("outlet"))
    own_from = _link.norm_outlet(claim.get("syndicated_from"))
    own = _origin(own_outlet, own_from, claim.get("article_id"))
    outlets, named, copies, echoes, conflicts = set(), [], set(), set(), set()
    for l in links:
        other = l.get("other_article_id")
        other_outlet = _link.norm_outlet(l.get("other_outlet"))
        other_from = _link.norm_outlet(l.get("other_syndicated_from"))
        # An independent outlet is counted by whose reporting it carries: two republished
        # copies of one NBC News story are NBC News once.
        outlet = _origin(other_outlet, other_from, other)
        rel = l.get("relation")
        if rel == "corroborates":
            # Not independent: the same reporting on both sides (the same outlet, or copies of
            # one origin), or one side republishes the other's outlet. Any syndication note used
            # to make the other side a copy, so a copy of NBC News reporting was "also reported
            # by antiwar" while the Antiwar.com claim of the same link counted it as a copy; the
            # test is now the same from both sides.
            if outlet == own or (other_from and other_from == own_outlet) or (own_from and own_from == other_outlet):
                copies.add(outlet)
                continue
            outlets.add(outlet)
            if l.get("other_label") == NAMED_LABEL:
                named.append(outlet)
        elif rel == "copy":
            copies.add(outlet)
        elif rel == "echo":
            echoes.add(outlet)
        elif rel == "conflicts":
            conflicts.add(l.get("other_claim_id") or other)
    if outlets:
        out.append(signal("independent-corroboration", len(outlets), "also reported by " + ", ".join(sorted(outlets))))
    if named:
        out.append(signal("named-corroboration", 1, "a named source corroborates it in " + ", ".join(sorted(set(named)))))
    if conflicts:
        out.append(signal("conflict", len(conflicts), f"{len(conflicts)} conflicting claim(s) elsewhere"))
    if copies:
        out.append(signal("copies", len(copies), "copies, not counted: " + ", ".join(sorted(copies))))
    if echoes:
        out.append(signal("echoes", len(echoes), "echoes of one origin, not counted: " + ", ".join(sorted(echoes))))
    return out


def claim_signals(claim, links: Iterable[dict] = ()) -> list[dict]:
    claim = claim_dict(claim)
    return transparency_signals(claim) + corroboration_signals(claim, list(links))


def score_claim(claim, links: Iterable[dict] = ()) -> dict[str, Any]:
    signals = claim_signals(claim, links)
    return {"transparency": _total(signals, "transparency"), "corroboration": _total(signals, "corroboration")}


# ---------------------------------------------------------------- articles

def headline_anonymous_as_fact(claims: list[dict]) -> list[tuple[str, str]]:
    """(headline, body claim) pairs where the headline asserts without attribution
    what a body claim attributes to anonymous sources."""
    heads = [c for c in claims if c.get("part") == "headline" and c.get("label") == FRAMING_LABEL]
    anon = [c for c in claims if c.get("part") != "headline" and is_anonymous(c)]
    if not heads or not anon:
        return []
    names = _link.article_names(claims)
    found = []
    for h in heads:
        ph = _link.prepare(dict(h, id=h.get("id") or "h"), 0, names)
        for b in anon:
            ev = _link.score_pair(ph, _link.prepare(dict(b, id=b.get("id") or "b"), 1, names))
            text = 0.35 * ev["token_set_ratio"] + 0.45 * ev["token_sort_ratio"]
            # A headline is a short form of the body: token_set_ratio (subset = 100) is the fair measure here.
            if ev["token_set_ratio"] >= 70 and text >= 40 and len(ev["shared_entities"]) >= 1:
                found.append((h.get("text") or "", b.get("text") or ""))
                break
    return found


def article_signals(article: dict, claims: list[dict], claim_scores: dict[str, dict] | None = None) -> list[dict]:
    out = [signal("article-transparency-base", 1, "base"), signal("article-corroboration-base", 1, "base")]
    # Every share is of the claims that state something: refusals neither raise the share on
    # the record nor dilute it (a reporter who sought comment is not marked down for it).
    refusals = [c for c in claims if is_refusal(c)]
    if refusals:
        out.append(signal("refusal-claims", len(refusals),
                          f"{len(refusals)} of {len(claims)} claims are refusals or non-responses, left out of the "
                          "shares: " + "; ".join((c.get("text") or "")[:80] for c in refusals[:3])))
        claims = [c for c in claims if not is_refusal(c)]
    n = len(claims)
    if n:
        named = sum(c.get("label") == NAMED_LABEL for c in claims)
        anon = [c for c in claims if is_anonymous(c)]
        framing = sum(c.get("label") == FRAMING_LABEL for c in claims)
        out.append(signal("named-share", named / n, f"{named} of {n} claims on the record"))
        if anon:
            out.append(signal("anonymous-share", len(anon) / n, f"{len(anon)} of {n} claims on anonymous sources"))
        if framing:
            out.append(signal("unattributed-share", framing / n, f"{framing} of {n} claims asserted by the writer"))
        undescribed = [c for c in anon if not any(_anonymous_parts(c)[k] for k in ("count", "affiliation", "role"))]
        if undescribed:
            out.append(signal("anonymous-undescribed-claims", len(undescribed),
                              f"{len(undescribed)} anonymous-source claim(s) with no description"))
        no_reason = [c for c in anon if not _anonymous_parts(c)["reason"]]
        if no_reason:
            out.append(signal("anonymous-no-reason-claims", len(no_reason),
                              f"{len(no_reason)} anonymous-source claim(s) with no reason for anonymity"))
        for head, body in headline_anonymous_as_fact(claims)[:1]:
            out.append(signal("headline-anonymous-as-fact", 1, f"headline \"{head}\" rests on \"{body}\""))
        words = sum(len((c.get("text") or "").split()) for c in claims)
        loaded = [m.get("text") for c in claims for m in (c.get("markers") or [])
                  if isinstance(m, dict) and m.get("kind") == "loaded"]
        if loaded and words:
            density = 100 * len(loaded) / words
            out.append(signal("loaded-density", density,
                              f"{len(loaded)} loaded word(s) in {words} words ({density:.1f} per 100): " + ", ".join(loaded[:5])))
    if article.get("byline"):
        out.append(signal("byline", 1, f"byline: {article['byline']}"))
    if article.get("syndicated_from"):
        out.append(signal("syndicated-copy", 1, f"republished from {article['syndicated_from']}"))
    if n and claim_scores is not None:
        corroborated = named_corr = conflicted = 0
        for c in claims:
            sig = {s["id"] for s in (claim_scores.get(c["id"]) or {}).get("corroboration", {}).get("signals", [])}
            corroborated += "independent-corroboration" in sig
            named_corr += "named-corroboration" in sig
            conflicted += "conflict" in sig
        if corroborated:
            out.append(signal("corroborated-share", corroborated / n, f"{corroborated} of {n} claims reported independently elsewhere"))
        if named_corr:
            out.append(signal("named-corroborated-share", named_corr / n, f"{named_corr} of {n} claims corroborated by a named source"))
        if conflicted:
            out.append(signal("conflicted-claims", conflicted, f"{conflicted} claim(s) contradicted elsewhere"))
    return out


def score_article(audit_or_rows, links: Iterable[dict] | None = None) -> dict[str, Any]:
    """Scores of one article: an ``Audit``, or ``{"article": row, "claims": [rows], "links": [...]}``.

    Links are from each claim's point of view (see :func:`corroboration_signals`),
    keyed by ``claim_id``. Without links the corroboration score is 0 and says so."""
    if hasattr(audit_or_rows, "article") and hasattr(audit_or_rows, "claims"):
        art = audit_or_rows.article
        article = art.meta()
        claims = [claim_dict(c, art) for c in audit_or_rows.claims]
    else:
        article = dict(audit_or_rows.get("article") or {})
        claims = [claim_dict(c) for c in audit_or_rows.get("claims") or []]
        if links is None:
            links = audit_or_rows.get("links")
    for c in claims:
        c.setdefault("outlet", article.get("outlet"))
        c.setdefault("syndicated_from", article.get("syndicated_from"))
        if c.get("article_id") is None:
            c["article_id"] = article.get("id")
    linked = links is not None
    by_claim: dict[str, list[dict]] = defaultdict(list)
    for l in links or []:
        by_claim[l.get("claim_id")].append(l)
    claim_scores = {c["id"]: score_claim(c, by_claim.get(c["id"], [])) for c in claims}
    signals = article_signals(article, claims, claim_scores)
    out = {"transparency": _total(signals, "transparency"), "corroboration": _total(signals, "corroboration"),
           "claims": claim_scores, "linked": linked}
    if not linked:
        out["corroboration"]["note"] = "not linked against a corpus: ingest articles and run `attribution link`"
    return out


def score_audit(audit) -> dict[str, Any]:
    """Scores for an in-memory Audit (no corpus, so no links): what `attribution audit` shows."""
    return score_article(audit)


# ---------------------------------------------------------------- database

def _links_by_claim(db, article_ids: list[str]) -> dict[str, list[dict]]:
    marks = ", ".join("?" for _ in article_ids)
    sql = f"""
select l.relation, l.claim_id as a, l.other_claim_id as b, ca.label as a_label, cb.label as b_label,
       aa.id as a_art, ab.id as b_art, aa.outlet as a_outlet, ab.outlet as b_outlet,
       aa.syndicated_from as a_synd, ab.syndicated_from as b_synd
from links l
join claims ca on ca.id = l.claim_id join claims cb on cb.id = l.other_claim_id
join articles aa on aa.id = ca.article_id join articles ab on ab.id = cb.article_id
where l.article_id in ({marks}) or l.other_article_id in ({marks})"""
    out: dict[str, list[dict]] = defaultdict(list)
    for r in db.execute(sql, article_ids + article_ids).fetchall():
        rel, a, b, al, bl, aart, bart, ao, bo, asy, bsy = r
        out[a].append({"relation": rel, "claim_id": a, "other_claim_id": b, "other_article_id": bart,
                       "other_outlet": bo, "other_label": bl, "other_syndicated_from": bsy})
        out[b].append({"relation": rel, "claim_id": b, "other_claim_id": a, "other_article_id": aart,
                       "other_outlet": ao, "other_label": al, "other_syndicated_from": asy})
    return out


def score_db(db, article_ids: Iterable[str] | None = None) -> int:
    """Score these articles (all when None) and the articles linked to them; write
    claims.transparency/corroboration/signals and the same on articles. Returns
    the number of articles scored."""
    if article_ids is None:
        ids = [r[0] for r in db.execute("select id from articles").fetchall()]
    else:
        ids = list(dict.fromkeys(article_ids))
        if ids:
            marks = ", ".join("?" for _ in ids)
            others = db.execute(
                f"select other_article_id from links where article_id in ({marks}) union "
                f"select article_id from links where other_article_id in ({marks})", ids + ids).fetchall()
            ids += [r[0] for r in others if r[0] not in ids]
    if not ids:
        return 0
    done = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        links = _links_by_claim(db, chunk)
        marks = ", ".join("?" for _ in chunk)
        articles = {r["id"]: r for r in db.query(f"select * from articles where id in ({marks})", chunk)}
        claims = defaultdict(list)
        for r in db.query(f"select * from claims where article_id in ({marks}) order by article_id, idx", chunk):
            claims[r["article_id"]].append(r)
        with db.conn:
            for aid, art in articles.items():
                rows = claims.get(aid, [])
                lk = [l for c in rows for l in links.get(c["id"], [])]
                scores = score_article({"article": art, "claims": rows}, links=lk)
                for cid, s in scores["claims"].items():
                    db.execute("update claims set transparency = ?, corroboration = ?, signals = ? where id = ?",
                               [s["transparency"]["score"], s["corroboration"]["score"], json.dumps(s), cid])
                art_scores = {k: scores[k] for k in ("transparency", "corroboration")}
                db.execute("update articles set transparency = ?, corroboration = ?, signals = ? where id = ?",
                           [art_scores["transparency"]["score"], art_scores["corroboration"]["score"],
                            json.dumps(art_scores), aid])
                done += 1
    return done
