"""A synthetic corpus of claims shaped like news sentences, for measuring linking.

Every claim is invented from word lists: names, places, organisations, verbs and
numbers with units. Stories are told by several outlets in different words
(paraphrases, reordered clauses, a changed number, a negation), so the corpus
holds real links; the rest is one-off background sentences. The vocabulary
grows with the corpus, as a real archive's does.
"""
from __future__ import annotations

import random

FIRST = ("Maria Ruth Omar Lena Tomas Ingrid Kofi Amara Yusuf Elena Pavel Nadia Rafael Sofia Hugo Mei Arjun "
         "Greta Luis Farah Jonas Aiko Dmitri Leila Marco Zara Felix Ines Rohan Olga").split()
SYLL = "dal mor ven tar lis kor bra nev sol qui zan fen rho pel gat mur vix ond ser lum".split()
ROLES = ["Mayor", "Minister", "Senator", "Governor", "President", "General", "Judge", "Chancellor"]
ORG_NOUNS = ["Council", "Ministry of Health", "Port Authority", "Central Bank", "Water Board", "Rail Agency",
             "Energy Office", "Supreme Court", "Army", "Teachers Union"]
EVENTS = [
    # (subject does X) variants: each a list of paraphrases, {n} a number with unit slot
    (["approved a budget of {n} for the {thing}", "signed off on {n} for the {thing}",
      "agreed to spend {n} on the {thing}"], "money"),
    (["will close the {thing} for {n}", "is set to shut the {thing} for {n}",
      "plans to close the {thing} for {n}"], "time"),
    (["ordered the evacuation of {n} near the {thing}", "told {n} near the {thing} to leave their homes",
      "evacuated {n} living close to the {thing}"], "people"),
    (["delayed the vote on the {thing}", "postponed the vote on the {thing}",
      "pushed back the vote on the {thing}"], None),
    (["will cut funding for the {thing}", "is cutting the money for the {thing}",
      "plans to reduce funding for the {thing}"], None),
    (["announced a new missile with a range of {n} to protect the {thing}",
      "unveiled a missile able to reach {n} to defend the {thing}",
      "presented a new missile with a {n} range for the {thing}"], "distance"),
]
THINGS = ["harbour bridge", "tram line", "children's hospital", "river dam", "northern highway", "airport terminal",
          "water plant", "border crossing", "stadium", "rail tunnel", "power grid", "grain port"]
CUES = ["{s} said", "according to {s}", "{s} told reporters", "{s} announced", "{s} confirmed"]
# Background sentences are built from open word lists, so two of them rarely say the same thing.
VERBS = ("visited inspected criticised praised opened questioned defended reviewed rejected welcomed funded "
         "blocked delayed investigated described toured supported opposed mentioned discussed").split()
ADJ = "old new northern busy quiet damaged costly popular crowded empty local modern".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def _word(rng: random.Random, n: int = 2) -> str:
    return "".join(rng.choice(SYLL) for _ in range(n))


def _number(rng: random.Random, kind: str) -> tuple[float, str]:
    if kind == "money":
        v = rng.choice([5, 12, 40, 75, 120, 175, 300])
        return v, f"${v} million"
    if kind == "time":
        v = rng.choice([2, 3, 6, 9, 18])
        return v, f"{v} months"
    if kind == "people":
        v = rng.choice([200, 450, 1200, 3000, 8000])
        return v, f"{v:,} residents"
    v = rng.choice([80, 155, 190, 300, 500])
    return v, f"{v} miles"


def make_claims(n: int, seed: int = 0, claims_per_article: int = 20) -> list[dict]:
    """``n`` claim dicts as :func:`attribution.link.find_links` takes them."""
    rng = random.Random(seed)
    n_people = max(50, n // 8)
    n_places = max(30, n // 25)
    people = [(rng.choice(ROLES), f"{rng.choice(FIRST)} {_word(rng).capitalize()}") for _ in range(n_people)]
    places = [_word(rng, 3).capitalize() for _ in range(n_places)]
    outlets = [f"The {_word(rng).capitalize()} {rng.choice(['Times', 'Post', 'Herald', 'News'])}"
               for _ in range(max(10, n // 400))]
    nouns = [_word(rng, 2) for _ in range(max(200, n // 10))]
    texts: list[str] = []
    # About 40% of claims belong to stories told more than once.
    while len(texts) < int(n * 0.4):
        role, name = rng.choice(people)
        place = rng.choice(places)
        org = f"{place} {rng.choice(ORG_NOUNS)}"
        variants, kind = rng.choice(EVENTS)
        thing = f"{rng.choice(ADJ)} {rng.choice(nouns)} {rng.choice(THINGS)}"
        value = _number(rng, kind)[1] if kind else ""
        subject = rng.choice([f"{role} {name}", org])
        for _ in range(rng.choice([2, 2, 3, 4])):
            verb = rng.choice(variants)
            num = value
            if kind and rng.random() < 0.1:
                num = _number(rng, kind)[1]  # a conflicting figure
            body = verb.format(n=num, thing=thing)
            if rng.random() < 0.07:
                body = body.replace("will ", "will not ", 1) if "will " in body else "did not " + body
            who = rng.choice([f"{role} {name}", name.split()[-1], "officials", org])
            subj = subject if rng.random() < 0.7 else subject.split()[-1]
            cue = rng.choice(CUES).format(s=who)
            if cue.startswith("according"):
                sent = f"{cue[0].upper()}{cue[1:]}, the {subj} {body} in {place}."
            else:
                sent = f"The {subj} {body} in {place}, {cue}."
            texts.append(sent.replace("The Mayor", "Mayor").replace("The Minister", "Minister"))
    while len(texts) < n:
        role, name = rng.choice(people)
        words = rng.sample(nouns, 3)
        texts.append(
            f"{rng.choice([name, f'{role} {name}', 'Residents', 'Critics', 'Engineers'])} "
            f"{rng.choice(VERBS)} the {rng.choice(ADJ)} {words[0]} {rng.choice(['near', 'behind', 'beside'])} "
            f"the {words[1]} in {rng.choice(places)} on {rng.choice(DAYS)}, {rng.choice(['a', 'the'])} {words[2]} said."
        )
    rng.shuffle(texts)
    claims = []
    for i, text in enumerate(texts[:n]):
        art = i // claims_per_article
        claims.append({
            "id": f"a{art:07d}:{i % claims_per_article}", "article_id": f"a{art:07d}", "text": text,
            "label": "editorial-framing", "source_name": None, "source_kind": None, "entities": [],
            "outlet": outlets[art % len(outlets)], "syndicated_from": None, "chain": [],
        })
    return claims
