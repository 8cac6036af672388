"""Runs every rule's example sentences through the engine and says which fail.

An example may say: ``label``, ``cue`` (cue text), ``source`` (source text; ""
for an unstated source), ``marker`` (marker text), ``part`` (headline), ``sentence``
(which claim to check), or for page rules ``reason`` (the part kind, "body" for
a paragraph that is none of the page parts) and ``before`` (a paragraph put
right before the text, such as a credited caption).
Examples of the linker's word lists (types ``link-*``) are checked through the
linker: ``entities``, ``name``, ``key``, ``numbers``, or ``other`` with
``relation`` (see rules/linking.toml).
"""
from __future__ import annotations

from .model import Article, Claim, Part
from .read import read_text
from .rules import Rule

PAGE_RULES = ("boilerplate", "syndication", "caption", "caption-neighbour", "byline", "dateline")


def check_examples(engine) -> list[str]:
    failures: list[str] = []
    for rule in engine.rules.rules:
        for ex in rule.examples:
            problem = check_example(engine, rule, ex)
            if problem:
                failures.append(f"{rule.file}: rule {rule.id!r}: example {ex['text']!r}: {problem}")
    return failures


def check_example(engine, rule: Rule, ex: dict) -> str | None:
    text = ex["text"]
    if rule.type.startswith("link-"):
        return _check_link(engine.rules, ex)
    if rule.type in PAGE_RULES or "reason" in ex:
        return _check_page(engine, ex)
    if ex.get("part") in ("headline", "subhead"):
        article = Article(text=text, parts=[Part(ex["part"], 0, len(text), text)])
    else:
        article = Article(text=text, parts=[Part("body", 0, len(text), text)])
    audit = engine.audit(article)
    claims = audit.claims
    if "sentence" in ex:
        idx = int(ex["sentence"])
        claims = claims[idx:idx + 1]
    if not claims:
        return "no claim found"
    reasons = [_mismatch(rule, ex, c) for c in claims]
    if any(r is None for r in reasons):
        return None
    return "; ".join(sorted(set(r for r in reasons if r)))


def _mismatch(rule: Rule, ex: dict, claim: Claim) -> str | None:
    if "label" in ex and claim.label != ex["label"]:
        return f"label is {claim.label}, expected {ex['label']}"
    if "cue" in ex:
        cues = [a.cue.text for a in claim.attributions] + ([claim.cue.text] if claim.cue else [])
        if ex["cue"] not in cues:
            return f"cue is {cues or None}, expected {ex['cue']!r}"
    if "source" in ex:
        if ex["source"] == "":
            if claim.source is not None:
                return f"source is {claim.source.text!r}, expected an unstated source"
        else:
            texts = [s.text for s in claim.chain] + [a.source.text for a in claim.attributions if a.source]
            if claim.source:
                texts.append(claim.source.text)
            if ex["source"] not in texts:
                return f"source is {texts or None}, expected {ex['source']!r}"
    if "marker" in ex:
        markers = [m.text for m in claim.markers]
        if ex["marker"] not in markers:
            return f"markers are {markers}, expected {ex['marker']!r}"
    if rule.id not in claim.rules and rule.type not in ("outlets",) or (
            rule.type == "outlets" and "outlets" not in claim.rules):
        return f"rule {rule.id!r} did not fire (fired: {claim.rules})"
    return None


def _check_page(engine, ex: dict) -> str | None:
    text = ex["text"]
    filler_head = "A test headline about the talks\n\n"
    filler_body = "The minister said the talks would resume on Monday.\n\n"
    shown = (ex["before"] + "\n\n" if ex.get("before") else "") + text + "\n\n"
    for doc in (filler_head + filler_body + shown + filler_body,
                shown + filler_head + filler_body, filler_head + shown + filler_body):
        article = read_text(doc, rules=engine.rules)
        for part in article.parts:
            # a place dateline is the opening of its paragraph: "KYIV (AP) — ..."
            same = part.text.strip() == text.strip() or (part.kind == "dateline" and text.strip().startswith(part.text.strip()))
            if same and part.kind == ex["reason"]:
                if "outlet" in ex and article.syndicated_from != ex["outlet"]:
                    continue
                if "author" in ex and article.byline != ex["author"]:
                    continue
                return None
    return f"not read as a {ex['reason']} part"


def _check_link(rules, ex: dict) -> str | None:
    from . import link

    text = ex["text"]
    checks = [k for k in ("entities", "name", "key", "numbers", "relation") if k in ex]
    if not checks:
        return "says nothing to check (entities, name, key, numbers, or other with relation)"
    with link.using(rules):
        if "entities" in ex:
            found = link.extract_entities(text)
            if any(e not in found for e in ex["entities"]):
                return f"entities are {found}, expected {ex['entities']} among them"
        if "name" in ex and link.canonical_entity(text) != ex["name"]:
            return f"name is {link.canonical_entity(text)!r}, expected {ex['name']!r}"
        if "key" in ex and link.entity_key(text) != ex["key"]:
            return f"key is {link.entity_key(text)!r}, expected {ex['key']!r}"
        if "numbers" in ex:
            found = [f"{v:g} {u}" for v, u in link.numbers(text)]
            if found != ex["numbers"]:
                return f"numbers are {found}, expected {ex['numbers']}"
        if "relation" in ex:
            claims = [{"id": f"{art}:0", "article_id": art, "text": t, "label": "editorial-framing",
                       "outlet": f"Outlet {art}", "entities": [], "chain": [], "cue_lemma": cue}
                      for art, t, cue in (("A", text, ex.get("cue_lemma")),
                                          ("B", ex.get("other", ""), ex.get("other_cue_lemma")))]
            links = link.find_links(claims)
            relation = links[0]["relation"] if links else "none"
            if relation != ex["relation"]:
                return f"relation is {relation}, expected {ex['relation']}"
    return None
