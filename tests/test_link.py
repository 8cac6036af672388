"""Linking claims across articles: hand-written pairs for every relation, the seeds, the database."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from attribution import link
from attribution.link import canonical_entity, entity_key, find_links, numbers

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Invented sentences about invented places; no real reporting.
PAIRS = [
    # (name, claim a, claim b, expected relation or None)
    ("paraphrase",
     "Mayor Maria Lopez said the Harbour Bridge will close for repairs in March.",
     "The Harbour Bridge is set to close in March for repair work, Lopez said.",
     "corroborates"),
    ("paraphrase-numbers-agree",
     "The city will spend $40 million on the new tram line, the council said.",
     "According to the council, the new tram line will cost the city $40 million.",
     "corroborates"),
    ("number-conflict",
     "The new Vantor missiles have a range of about 155 miles, officials said.",
     "The new Vantor missiles have a range of about 190 miles, according to the ministry.",
     "conflicts"),
    ("negation-flip",
     "The Delmar council will cut the bus budget next year.",
     "The Delmar council will not cut the bus budget next year.",
     "conflicts"),
    ("negation-contraction",
     "Governor Ruth Amsel will sign the water bill on Friday.",
     "Governor Ruth Amsel won't sign the water bill on Friday.",
     "conflicts"),
    ("same-topic-different-claim",
     "Mayor Maria Lopez will meet the transport minister on Friday in Delmar.",
     "Mayor Maria Lopez criticised the transport minister over rising bus fares in Delmar.",
     None),
    ("same-entities-different-claim",
     "Ruth Amsel and Maria Lopez signed a water agreement for the Delmar valley.",
     "Ruth Amsel accused Maria Lopez of delaying the Delmar hospital project.",
     None),
    ("unrelated",
     "Heavy rain flooded three streets in the old town.",
     "The football club signed a new goalkeeper from Porto.",
     None),
    # one shared word is no agreement in the content (these conflicted or corroborated)
    ("one-shared-word-flip", "The problem?", "No problem!", None),
    ("one-shared-word", "It's happened before.", "So it does happen here.", None),
    ("times-of-day", "1:30 p.m.", "9:42 p.m.", None),
]


def _claim(cid, article, text, **kw):
    d = {"id": f"{article}:{cid}", "article_id": article, "text": text, "label": "editorial-framing",
         "source_name": None, "source_kind": None, "entities": [], "outlet": f"Outlet {article}",
         "syndicated_from": None, "chain": []}
    d.update(kw)
    return d


def _relation(links, a, b):
    for l in links:
        if {l["claim_id"], l["other_claim_id"]} == {a, b}:
            return l["relation"]
    return None


@pytest.mark.parametrize("name,a,b,expected", PAIRS, ids=[p[0] for p in PAIRS])
def test_pair_relation(name, a, b, expected):
    claims = [_claim(0, "A", a), _claim(0, "B", b)]
    links = find_links(claims)
    assert _relation(links, "A:0", "B:0") == expected, links


def test_number_conflict_evidence_names_both_numbers():
    claims = [_claim(0, "A", PAIRS[2][1]), _claim(0, "B", PAIRS[2][2])]
    (l,) = find_links(claims)
    assert l["evidence"]["conflicting_numbers"] == [["155 mile", "190 mile"]]
    assert l["evidence"]["scorer"].startswith("link-v1")
    assert "Vantor" in " ".join(l["evidence"]["shared_entities"]) or l["evidence"]["shared_entities"] == []


def test_same_article_is_never_linked():
    claims = [_claim(0, "A", PAIRS[0][1]), _claim(1, "A", PAIRS[0][2])]
    assert find_links(claims) == []


def test_link_rows_are_one_per_pair_with_stable_ids():
    claims = [_claim(0, "A", PAIRS[0][1]), _claim(0, "B", PAIRS[0][2]), _claim(0, "C", PAIRS[0][1])]
    links = find_links(claims)
    assert len(links) == 3
    assert all(l["claim_id"] < l["other_claim_id"] for l in links)
    assert [l["id"] for l in links] == [l["id"] for l in find_links(list(reversed(claims)))] or \
        sorted(l["id"] for l in links) == sorted(l["id"] for l in find_links(list(reversed(claims))))


COPY_BODY = [
    "Workers began repairing the Harbour Bridge on Monday after months of delay.",
    "The bridge will stay closed to cars until the end of March, the city said.",
    "Mayor Maria Lopez said buses would run every ten minutes during the works.",
    "Shop owners near the bridge said trade had already fallen.",
]


def test_syndicated_copy_by_overlap():
    claims = [_claim(i, "A", t) for i, t in enumerate(COPY_BODY)]
    # The copy drops one sentence and adds a footer line of its own.
    claims += [_claim(i, "B", t) for i, t in enumerate(COPY_BODY[:3] + ["Follow us for more local news."])]
    links = find_links(claims)
    assert {l["relation"] for l in links} == {"copy"}
    assert len(links) == 3
    assert links[0]["evidence"]["copy"]["matched_claims"] == 3


def test_syndicated_copy_by_note():
    a = [_claim(0, "A", COPY_BODY[1], outlet="Daily Example")]
    b = [_claim(0, "B", COPY_BODY[1], outlet="Valley Post", syndicated_from="DailyExample.com"),
         _claim(1, "B", "An editor's note added by the Valley Post about parking.")]
    links = find_links(a + b)
    assert [l["relation"] for l in links] == ["copy"]
    assert links[0]["evidence"]["copy"]["syndication_note"] is True


def test_one_shared_sentence_is_not_a_copy():
    a = [_claim(i, "A", t) for i, t in enumerate(COPY_BODY)]
    b = [_claim(0, "B", COPY_BODY[1]), _claim(1, "B", "The council met on Tuesday to discuss parking fees."),
         _claim(2, "B", "Parking fees will rise by a fifth in April."),
         _claim(3, "B", "Residents may apply for a discount.")]
    links = find_links(a + b)
    assert [l["relation"] for l in links] == ["corroborates"]


def test_echo_of_the_cited_outlet():
    a = _claim(0, "A", "The Daily Example reported that the Harbour Bridge will close in March for repairs.",
               outlet="Valley Post")
    b = _claim(0, "B", "The Harbour Bridge will close in March for repairs, city officials said.",
               outlet="Daily Example")
    (l,) = find_links([a, b])
    assert l["relation"] == "echo"
    assert l["evidence"]["origin"] == ["dailyexample"]


def test_echo_when_both_cite_the_same_origin():
    a = _claim(0, "A", "According to the Daily Example, the Harbour Bridge will close in March.", outlet="Valley Post")
    b = _claim(0, "B", "The Harbour Bridge will close in March, the Daily Example reported.", outlet="Hill Times")
    (l,) = find_links([a, b])
    assert l["relation"] == "echo"


def test_echo_from_the_chain():
    a = _claim(0, "A", "The Harbour Bridge will close in March for repairs, sources told the paper.",
               outlet="Valley Post", chain=[{"name": "Daily Example", "kind": "outlet"}])
    b = _claim(0, "B", "The Harbour Bridge will close for repairs in March.", outlet="Daily Example")
    assert find_links([a, b])[0]["relation"] == "echo"


def test_new_ids_only_links_new_claims():
    claims = [_claim(0, "A", PAIRS[0][1]), _claim(0, "B", PAIRS[0][2]), _claim(0, "C", PAIRS[0][1])]
    links = find_links(claims, new_ids={"C:0"})
    assert {frozenset((l["claim_id"], l["other_claim_id"])) for l in links} == {
        frozenset(("A:0", "C:0")), frozenset(("B:0", "C:0"))}


@pytest.mark.parametrize("name,expected", [
    ("President Joe Biden", "Joe Biden"),
    ("U.S.", "United States"),
    ("US", "United States"),
    ("American", "United States"),
    ("the United States", "United States"),
    ("British", "United Kingdom"),
    ("Secretary of State Antony Blinken", "Antony Blinken"),
])
def test_canonical_entity(name, expected):
    assert canonical_entity(name) == expected


@pytest.mark.parametrize("a,b,same", [
    ("Biden", "President Joe Biden", True),
    ("Joe Biden", "Biden", True),
    ("U.S.", "United States", True),
    ("White House", "House", False),
    ("Keir Starmer", "Joe Biden", False),
])
def test_entity_key(a, b, same):
    assert (entity_key(a) == entity_key(b)) is same


@pytest.mark.parametrize("text,expected", [
    ("ATACMS have a range of about 190 miles.", [(190.0, "mile")]),
    ("The U.S. has provided $175 billion in aid.", [(175e9, "usd")]),
    ("killed at least seven people", [(7.0, "people")]),
    ("Inflation rose 3.2% in May", [(3.2, "percent")]),
    ("on September 11, 2024", [(2024.0, "year")]),
])
def test_numbers(text, expected):
    assert numbers(text) == expected


def test_entities_fallback_resolves_names_in_the_article():
    names = link.article_names([{"text": "President Joe Biden met Keir Starmer in Washington."}])
    assert link.extract_entities("Biden said no.", names) == ["Joe Biden"]
    # A title-case headline takes its names from the article, not from its capitals.
    ents = link.extract_entities("Biden Signals US Will Allow Strikes", names)
    assert set(ents) == {"United States", "Joe Biden"}


def test_too_common_keys_are_paired_or_dropped():
    # 30 claims all about "Delmar"; only pairs sharing something rarer are candidates.
    claims = [_claim(i, f"A{i}", f"Delmar officials discussed topic{i} and item{i % 3}.") for i in range(30)]
    prepared = [link.prepare(c, i) for i, c in enumerate(claims)]
    index = link.build_index(prepared, max_block=5)
    assert "e:delmar" not in index
    assert all(len(m) <= 5 for m in index.values())


def test_blocking_finds_what_exhaustive_scoring_finds():
    from benchmarks.corpus import make_claims

    claims = make_claims(600, seed=3)
    blocked = {l["id"] for l in find_links(claims)}
    exhaustive = {l["id"] for l in find_links(claims, exhaustive=True)}
    assert exhaustive, "the synthetic corpus should hold links"
    assert len(blocked & exhaustive) / len(exhaustive) >= 0.98


def test_blocks_do_not_depend_on_hash_seed():
    # Keys of equal frequency are ordered by key, not by set order, so which keys a
    # claim blocks on (and so its links) is the same in every process.
    import subprocess
    import sys

    code = ("from attribution.link import find_links; from benchmarks.corpus import make_claims; "
            "print(sorted((l['id'], l['relation']) for l in find_links(make_claims(800, seed=4), max_block=8)))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": seed},
                           cwd=str(SEEDS.parent)).stdout for seed in ("1", "2")}
    assert len(outs) == 1 and "corroborates" in outs.pop()


# ---------------------------------------------------------------- the seeds

def _seed_claims():
    """The seeds' sentences as claims, split by hand (one sentence per line)."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        art = path.stem
        text = path.read_text(encoding="utf-8")
        paras = [p.strip() for p in text.split("\n\n") if p.strip()]
        idx = 0
        for p in paras:
            for sent in __import__("re").split(r"(?<=[.!?])\s+(?=[A-Z“])", p):
                out.append(_claim(idx, art, sent, outlet=art))
                idx += 1
    return out


SEED_PARAPHRASE = (
    "The Ukrainian invasion of Kursk came a few months after President Biden gave Ukraine the greenlight",
    "In May, Biden secretly gave Ukraine permission to use American weapons",
)
SEED_HEADLINES = ("Blinken Signals US Will Allow Long-Range Strikes", "Biden authorized Ukraine to strike Russia")


def _find(claims, prefix):
    (c,) = [c for c in claims if c["text"].startswith(prefix)]
    return c["id"]


def test_seed_links_without_engine_entities():
    claims = _seed_claims()
    links = find_links(claims)
    a, b = (_find(claims, p) for p in SEED_PARAPHRASE)
    assert _relation(links, a, b) == "corroborates"
    h1, h2 = (_find(claims, p) for p in SEED_HEADLINES)
    assert _relation(links, h1, h2) is not None


# ---------------------------------------------------------------- the database

def test_seeded_db_links(seeded_db):
    from attribution.store import open_db

    db = open_db(seeded_db)
    link.link_all(db)
    rows = list(db.query("select l.relation, c1.text t1, c2.text t2, l.evidence from links l "
                         "join claims c1 on c1.id = l.claim_id join claims c2 on c2.id = l.other_claim_id"))
    pairs = {(r["t1"][:40], r["t2"][:40]): r["relation"] for r in rows}

    def related(p, q):
        return any(x.startswith(p[:40]) and y.startswith(q[:40]) or x.startswith(q[:40]) and y.startswith(p[:40])
                   for x, y in ((r["t1"], r["t2"]) for r in rows))

    assert related(*SEED_PARAPHRASE), pairs
    assert related(*SEED_HEADLINES), pairs
    assert all(json.loads(r["evidence"])["scorer"].startswith("link-v1") for r in rows)
    counts = db.execute("select sum(corroborations) from claims").fetchone()[0]
    assert counts >= 2


def _store(db, audits):
    from attribution.store import store_audit

    for a in audits:
        store_audit(db, a, model="test", rules_version="test")


def _bridge_audits():
    """Two invented articles whose first body claims corroborate each other."""
    from attribution.model import Article, Audit, Claim

    out = []
    for n, (outlet, sentences) in enumerate((
        ("Daily Example", [PAIRS[0][1], PAIRS[3][1]]),
        ("Other Times", [PAIRS[0][2], PAIRS[3][2]]),
        ("Hill Times", [PAIRS[0][1].replace("Mayor ", ""), "Residents may apply for a discount."]),
    )):
        text = "\n\n".join(sentences)
        art = Article(text=text, outlet=outlet)
        claims, pos = [], 0
        for i, s in enumerate(sentences):
            start = text.index(s, pos)
            claims.append(Claim(id=f"{art.id}:{i}", index=i, part="body", start=start, end=start + len(s),
                                text=s, label="editorial-framing"))
            pos = start + len(s)
        out.append(Audit(article=art, claims=claims, skipped=[]))
    return out


def test_link_new_is_incremental_and_idempotent(db_path):
    from attribution.store import open_db

    db = open_db(db_path)
    a1, a2, a3 = _bridge_audits()
    _store(db, [a1])
    assert link.link_new(db, [a1.article.id]) == {"corroborates": 0, "conflicts": 0, "copy": 0, "echo": 0}
    _store(db, [a2])
    assert link.link_new(db, [a2.article.id]) == {"corroborates": 1, "conflicts": 1, "copy": 0, "echo": 0}
    _store(db, [a3])
    link.link_new(db, [a3.article.id])
    rows = list(db.query("select * from links order by id"))
    assert len(rows) == 4  # A-B corroborates, A-B conflicts, A-C and B-C corroborate
    # Running again changes nothing.
    link.link_new(db, [a3.article.id])
    assert list(db.query("select * from links order by id")) != [] and \
        [r["id"] for r in db.query("select id from links order by id")] == [r["id"] for r in rows]
    # The incremental result equals a full rebuild.
    link.link_all(db)
    assert [r["id"] for r in db.query("select id from links order by id")] == [r["id"] for r in rows]
    counts = {r["id"]: (r["corroborations"], r["conflicts"]) for r in db.query("select * from claims")}
    assert counts[f"{a1.article.id}:0"] == (2, 0)
    assert counts[f"{a1.article.id}:1"] == (0, 1)
    assert counts[f"{a3.article.id}:1"] == (0, 0)


def test_cli_link(seeded_db):
    from click.testing import CliRunner

    from attribution.cli import cli

    result = CliRunner().invoke(cli, ["link", "--db", seeded_db, "--all"])
    assert result.exit_code == 0, result.output
    assert "link(s) from all articles" in result.output and "corroborates" in result.output
    again = CliRunner().invoke(cli, ["link", "--db", seeded_db])
    assert again.exit_code == 0, again.output
    missing = CliRunner().invoke(cli, ["link", "--db", seeded_db + ".missing"])
    assert missing.exit_code != 0 and "no such database" in missing.output


# ---------------------------------------------------------------- refusals

# Invented stories about invented events; each has its refusals and non-responses.
FIRE = ("Fire Destroys Warehouse in Dayton\n\n"
        "A fire destroyed a furniture warehouse on Elm Street in Dayton on Friday night, firefighters said.\n\n"
        "The fire department declined to comment.\n\n"
        "The company did not immediately respond to a request for comment.\n\n"
        "The owner could not be reached for comment.")
PROTEST = ("Protest Turns Violent in Portland\n\n"
           "Organizers said 400 people had marched through downtown Portland against the new parking fees.\n\n"
           "City Hall declined to comment.\n\n"
           "The police union did not immediately respond to a request for comment.\n\n"
           "The mayor could not be reached for comment.")


def _ingest_jsonl(tmp_path, engine, db_path, records):
    from attribution.store import ingest

    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = ingest([str(path)], db_path, engine)
    assert not result.errors, result.errors


def test_refusals_in_unrelated_stories_are_never_linked(tmp_path, engine, db_path):
    from attribution.store import open_db

    _ingest_jsonl(tmp_path, engine, db_path, [
        {"text": FIRE, "outlet": "Dayton Daily"}, {"text": PROTEST, "outlet": "Portland Post"}])
    db = open_db(db_path)
    refusals = {r["text"] for r in db.query("select text from claims where cue_stance = 'refusal'")}
    # the engine marks all six as refusals, the non-responses too
    assert len(refusals) == 6, refusals
    links = list(db.query("select l.relation, c1.text t1, c2.text t2 from links l "
                          "join claims c1 on c1.id = l.claim_id join claims c2 on c2.id = l.other_claim_id"))
    # "The fire department declined to comment." corroborated "City Hall declined to comment." (score 62.5)
    assert not [l for l in links if l["t1"] in refusals or l["t2"] in refusals], links
    for r in db.query("select text, corroborations, conflicts, corroboration, signals from claims "
                      "where cue_stance = 'refusal'"):
        assert (r["corroborations"], r["conflicts"], r["corroboration"]) == (0, 0, 0), r
        ids = {s["id"] for s in json.loads(r["signals"])["corroboration"]["signals"]}
        assert not ids & {"independent-corroboration", "named-corroboration", "conflict"}, (r["text"], ids)


def test_a_copied_article_keeps_its_refusals_in_the_copy(tmp_path, engine, db_path):
    from attribution.store import open_db

    copy = FIRE + "\n\nNeighbours said the warehouse had stood empty since the spring."
    _ingest_jsonl(tmp_path, engine, db_path, [
        {"text": FIRE, "outlet": "Dayton Daily"}, {"text": copy, "outlet": "Valley Post"}])
    db = open_db(db_path)
    rel = {r["text"]: r["relation"] for r in db.query(
        "select c1.text, l.relation from links l join claims c1 on c1.id = l.claim_id")}
    assert rel.get("The fire department declined to comment.") == "copy", rel
    assert set(rel.values()) == {"copy"}


@pytest.mark.parametrize("a,b", [
    ("The fire department declined to comment.", "City Hall declined to comment."),
    ("The company did not immediately respond to a request for comment.",
     "The police union did not immediately respond to a request for comment."),
    ("The owner could not be reached for comment.", "The mayor could not be reached for comment."),
])
def test_refusal_pairs_are_not_evidence(a, b):
    claims = [_claim(0, "A", a, label="named-official", cue_stance="refusal"),
              _claim(0, "B", b, label="named-official", cue_stance="refusal")]
    assert find_links(claims) == []
    # the same sentences as statements would have linked: the refusal is what keeps them apart
    assert find_links([dict(c, cue_stance="neutral") for c in claims])


def test_a_refusal_to_act_is_compared_like_any_claim(tmp_path, engine, db_path):
    # "refused to hold hearings" reports a deed (cue-refusal-verb, with content), not a silence
    from attribution.store import open_db

    _ingest_jsonl(tmp_path, engine, db_path, [
        {"text": "Senate Stalls Court Pick\n\nSenator Chuck Grassley has refused to hold hearings for "
                 "Merrick Garland, the court nominee.", "outlet": "Capitol Daily"},
        {"text": "Garland Waits\n\nChuck Grassley refused to hold any hearings for court nominee Merrick Garland "
                 "this year.", "outlet": "River Times"}])
    db = open_db(db_path)
    rows = list(db.query("select l.relation, c1.cue_stance s1, c2.cue_stance s2 from links l "
                         "join claims c1 on c1.id = l.claim_id join claims c2 on c2.id = l.other_claim_id "
                         "where c1.part = 'body' and c2.part = 'body'"))
    assert [(r["relation"], r["s1"], r["s2"]) for r in rows] == [("corroborates", "refusal", "refusal")], rows


# ---------------------------------------------------------------- the attribution frame

# Two invented stories from two towns (the review's merge/a.txt and merge/b.txt).
SPRINGFIELD = ("Springfield Council Delays Budget Vote\n\n"
               "The mayor said on Monday that the budget vote would be delayed until March.\n\n"
               "Two officials said the delay was caused by a shortfall of $12 million.\n\n"
               "She said the city would not raise taxes.")
SHELBYVILLE = ("Shelbyville Opens New Library\n\n"
               "The mayor said the new library would open on Friday.\n\n"
               "Two officials said the library cost $40 million.\n\n"
               "She said the opening had been delayed twice.")


def _links_with_text(db):
    return list(db.query("select l.relation, c1.text t1, c2.text t2, l.evidence from links l "
                         "join claims c1 on c1.id = l.claim_id join claims c2 on c2.id = l.other_claim_id"))


def test_a_shared_frame_is_no_evidence_for_a_conflict(tmp_path, engine, db_path):
    from attribution.store import open_db

    _ingest_jsonl(tmp_path, engine, db_path, [
        {"text": SPRINGFIELD, "outlet": "Springfield Shopper"}, {"text": SHELBYVILLE, "outlet": "Shelbyville Star"}])
    db = open_db(db_path)
    # were linked as conflicts: shared entity "Two", agreeing number "2 official", $12 million against $40 million
    assert _links_with_text(db) == []
    rows = list(db.query("select conflicts, corroboration, signals from claims where text like 'Two officials%'"))
    assert len(rows) == 2
    for r in rows:
        assert r["conflicts"] == 0
        assert "conflict" not in {s["id"] for s in json.loads(r["signals"])["corroboration"]["signals"]}


def test_a_conflict_in_the_content_is_still_found(tmp_path, engine, db_path):
    from attribution.store import open_db

    later = ("Library Opens in Shelbyville\n\n"
             "The new library opened its doors on Friday, and residents queued for an hour to get in.\n\n"
             "Two officials said the library cost $45 million.")
    _ingest_jsonl(tmp_path, engine, db_path, [
        {"text": SHELBYVILLE, "outlet": "Shelbyville Star"}, {"text": later, "outlet": "Capital City Times"},
        {"text": "Farm Bill Clears Senate\n\nSenator Jane Holt said the bill would raise food prices.",
         "outlet": "Farm Weekly"},
        {"text": "Senate Passes Farm Bill\n\nSenator Jane Holt said the bill would not raise food prices.",
         "outlet": "Capital City Times"}])
    db = open_db(db_path)
    links = {(l["t1"], l["t2"]) if l["t1"] < l["t2"] else (l["t2"], l["t1"]): l for l in _links_with_text(db)}
    cost = links[("Two officials said the library cost $40 million.", "Two officials said the library cost $45 million.")]
    ev = json.loads(cost["evidence"])
    assert cost["relation"] == "conflicts"
    # the count of the anonymous source is neither an entity nor a number of the claim
    assert ev["conflicting_numbers"] == [["4e+07 usd", "4.5e+07 usd"]] and ev["shared_numbers"] == []
    assert "Two" not in ev["shared_entities"]
    # the same senator says the opposite: the content flips, whoever says it
    holt = links[("Senator Jane Holt said the bill would not raise food prices.",
                  "Senator Jane Holt said the bill would raise food prices.")]
    assert holt["relation"] == "conflicts" and json.loads(holt["evidence"])["negation_flip"] is True


def test_the_frame_is_left_out_of_entities_and_numbers():
    # offsets as the store keeps them: the chain's are the article's, the claim's start turns them into the claim's
    text = "Two officials said the library cost $40 million."
    chain = [{"text": "Two officials", "start": 100, "end": 113, "name": "two officials", "kind": "anonymous",
              "cue": {"text": "said", "start": 114, "end": 118, "stance": "neutral"}}]
    p = link.prepare(_claim(0, "A", text, start=100, chain=chain, entities=[]))
    assert p.nums == ((4e7, "usd"),) and p.ents == frozenset()
    assert "offici" not in p.predicate and {"library", "cost"} <= p.predicate
    # the engine's entities carry no offsets: a name only in the frame is dropped, a name in the content kept
    text = "Senator Jane Holt said Delmar would raise food prices."
    chain = [{"text": "Senator Jane Holt", "name": "Jane Holt", "kind": "person", "cue": {"text": "said"}}]
    p = link.prepare(_claim(0, "A", text, chain=chain, entities=["Jane Holt", "Delmar"]))
    assert p.ents == frozenset({"delmar"})
    # a count opening a sentence is no name
    assert link.extract_entities("Three soldiers were killed, officials said.") == []


def test_a_warning_or_promise_is_no_report_that_the_thing_is_so(engine):
    from attribution.credibility import claim_dict
    from attribution.read import read_text

    def claims_of(text, art, outlet):
        a = read_text(text, outlet=outlet)
        a.id = art
        audit = engine.audit(a)
        return [claim_dict(c, audit.article) for c in audit.claims if c.part == "body"]

    warning = claims_of("Moscow Warns Washington\n\nRussia has strongly warned the US against allowing US weapons to "
                        "be used in strikes deep inside Russian territory.", "w1", "Outlet W")
    report = claims_of("Biden Approves Strikes\n\nPresident Joe Biden has authorized Ukraine to use US weapons in "
                       "strikes deep inside Russian territory, according to two U.S. officials.", "r1", "Outlet R")
    again = claims_of("Kremlin Warns US\n\nRussia warned the US against allowing US weapons to be used in strikes "
                      "deep inside Russian territory.", "w2", "Outlet X")
    links = find_links(warning + report + again)
    pairs = {frozenset((l["article_id"], l["other_article_id"])): l["relation"] for l in links}
    assert frozenset(("w1", "r1")) not in pairs and frozenset(("w2", "r1")) not in pairs
    assert pairs.get(frozenset(("w1", "w2"))) == "corroborates"


@pytest.mark.parametrize("a,b,linked", [
    # a warning that something is so, or a name called, asserts it
    ("Scientists warned that global temperatures will rise by 2 degrees by 2050.",
     "Scientists said global temperatures will rise by 2 degrees by 2050.", True),
    ("Biden called the attack on the Capitol an act of terror.",
     "Biden said the attack on the Capitol was an act of terror.", True),
    # one side's name for the speaker is not the other's: still the same assertion
    ("Israel's military said it had struck a Hezbollah weapons depot in southern Lebanon.",
     "The IDF said it had struck a Hezbollah weapons depot in southern Lebanon.", True),
    # a warning against something is no report that it is so
    ("Russia warned the US against allowing strikes deep inside Russian territory with US weapons.",
     "The US is allowing strikes deep inside Russian territory with US weapons, officials said.", False),
])
def test_what_a_warning_asserts_and_who_speaks_of_themselves(engine, a, b, linked):
    from attribution.credibility import claim_dict
    from attribution.read import read_text

    claims = []
    for n, (text, outlet) in enumerate(((a, "Outlet A"), (b, "Outlet B"))):
        art = read_text(f"Headline number {n}\n\n{text}", outlet=outlet)
        audit = engine.audit(art)
        claims += [claim_dict(c, art) | {"article_id": art.id} for c in audit.claims if c.part == "body"]
    relations = [l["relation"] for l in find_links(claims)]
    assert (relations == ["corroborates"]) is linked, relations
