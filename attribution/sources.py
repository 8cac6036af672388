"""Who a source is: kind, name, role, count and affiliation, and what pronouns,
definite descriptions ("the sources", "the minister") and surnames stand for.

One ``SourceResolver`` per article walks the claims in order, so "He said" and
"The sources said" resolve to what came before.
"""
from __future__ import annotations

import bisect
import copy
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .model import Source
from .rules import Rule, RuleSet

PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_PLURAL = {"they", "them"}
PRONOUNS_THING = {"it"}
PRONOUNS_SELF = {"i", "we", "you", "me", "us"}
PRONOUNS = PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_THING | PRONOUNS_SELF

ANAPHOR_DETS = {"the", "these", "those", "this", "that"}
# the gender each pronoun refers to (for resolving "he", "she", "his father"; only the reflexives are evidence
# of a named person's gender: see SourceResolver._learn_genders)
_GENDERED = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
WRITER = "the writer"  # the name of the writer as a source when the article has no byline


def _holds(title: str, lemma: str, mods: list[str], abbreviations: dict[str, str], narrowing: set[str]) -> bool:
    """Whether a title ("Vice President", "Gov.", "Russian President") is the office ``lemma``
    with the modifiers ``mods``: whole words, abbreviations spelled out, and no narrowing word
    ("vice", "former") that the mention does not have (both lists: rule definite-office)."""
    words = [abbreviations.get(w, w) for w in re.findall(r"[a-z]+", title.lower())]
    if lemma not in words:
        return False
    at = words.index(lemma)
    if at and words[at - 1] in narrowing and words[at - 1] not in mods:
        return False
    return all(m in words for m in mods)


def _quoted_before(text: str, end: int, at: int) -> bool:
    """Whether the text from ``end`` to ``at`` closes a quotation and goes on without a full stop: the
    name before ``end`` was inside the quote that the words at ``at`` attribute."""
    between = text[end:at]
    q = max(between.rfind('"'), between.rfind("”"), between.rfind("''"))
    return q >= 0 and at - end < 300 and not re.search(r"[.!?]", between[q + 1:])


def _clause_head(tok: Token) -> Token:
    """The verb of the clause a word is in."""
    while tok.i != tok.head.i and not (tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass")):
        tok = tok.head
    return tok


def _surname(name: str) -> str:
    """The last word of a name that is no suffix: "Joseph R. Biden Jr" -> "Biden"."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in _SUFFIXES:
        words.pop()
    return words[-1]


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_NEAR = 60  # tokens: about two sentences, within which a bare surname is the person just named in full


@dataclass
class _Namesake:
    """One person of a surname the article names in full."""
    shown: str  # the name to show
    names: set[str]  # the full names they go by
    mentions: int  # how often the article names them in full
    starts: list[int]  # the tokens where it does
    titles: set[str]  # titles seen with the name ("president", "gov")
    gender: str | None = None  # from a listed first name


def _name_parts(name: str) -> tuple[str, list[str], str | None]:
    """First word, middle words and generational suffix of a full name."""
    words = name.split()
    suffix = words.pop().lower().strip(".,") if len(words) > 2 and words[-1].lower().strip(".,") in _SUFFIXES else None
    return words[0], [w.lower().replace(".", "") for w in words[1:-1]], suffix


def _same_person(full: str, other: str) -> bool:
    """Whether ``other`` names the person ``full`` does: a short form of it ("De Blasio" of "Bill de Blasio"), or
    the same first name with no other middle name or suffix ("Hillary Clinton" of "Hillary Rodham Clinton"; not
    "Donald Trump Jr." of "Donald Trump", nor "George H.W. Bush" of "George W. Bush")."""
    if full.lower() == other.lower() or full.lower().endswith(" " + other.lower()):
        return True
    f1, m1, s1 = _name_parts(full)
    f2, m2, s2 = _name_parts(other)
    return f1 == f2 and s1 == s2 and (not m1 or not m2 or m1 == m2)


def _strip_the(text: str) -> str:
    return re.sub(r"^(the|The)\s+", "", text).strip()


def of_object(tok: Token) -> Token | None:
    """The object of an "of" after ``tok``: "Both of his senators" -> senators."""
    return next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj"), None)


def _strip_article(text: str) -> str:
    """A named document's name: "A Pew study" is the "Pew study"."""
    return re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE).strip()


def document_head_rule(rules: RuleSet, head: Token) -> Rule | None:
    """The document-head rule for a head word, by its form or lemma, whatever the tagger made of it
    ("records" tagged a verb, "data" lemmatised to "datum")."""
    heads = rules.document_heads
    return heads.get(head.lower_) or heads.get(head.lower_[:-1]) or heads.get(head.lemma_.lower())


class SourceResolver:
    def __init__(self, doc: Doc, rules: RuleSet, english: frozenset[str] = frozenset(), text: str | None = None,
                 skipped: list[tuple[int, int]] | None = None):
        self.doc = doc
        self.english = english
        self.text = doc.text if text is None else text  # (Doc.text joins every token anew on each call)
        self.rules = rules
        self.history: list[Source] = []
        self.writer_name = WRITER  # the byline's author when the article has one (set by the labeller)
        self.writer_voice = True  # whether "I" and "we" can be the writer here (set by the labeller per paragraph)
        self._outlets_here: dict[str, list] | None = None  # last word -> where outlets are named in full
        self._titles = [t for t in rules.titles]
        self._low_titles = [t.lower() for t in self._titles]
        self._cleaned: dict[str, str] = {}  # what clean_name gave for a text
        self._title_seen: dict[str, str | None] = {}  # what _title_of gave for a text
        self._names_of: dict[tuple[int, int], str] = {}  # what name_of gave for an entity
        self._reasons = [p.lower() for r in rules.of_type("anonymity-reason") for p in r.get("phrases")]
        self._members = [(r.id, {d.lower() for d in r.get("determiners")}, [p.lower() for p in r.get("phrases")])
                         for r in rules.of_type("anonymous-member")]
        anaphors = {r.id: r for r in rules.of_type("anaphor")}
        office = anaphors["definite-office"] if "definite-office" in anaphors else None
        self._offices = set(office.get("lemmas", [])) if office else set()
        self._abbreviations = {k.lower(): v.lower() for k, v in office.get("abbreviations", {}).items()} if office else {}
        self._narrowing = {w.lower() for w in office.get("narrowing_words", [])} if office else set()
        self._org_offices = {w.lower() for w in office.get("organisation_offices", [])} if office else set()
        self._outlet_nouns = (set(anaphors["definite-outlet"].get("lemmas", []))
                              if "definite-outlet" in anaphors else set())
        self._described = (set(anaphors["definite-description"].get("lemmas", []))
                           if "definite-description" in anaphors else set())
        self._relatives = set(anaphors["relatives"].get("lemmas", [])) if "relatives" in anaphors else set()
        self._representatives = (set(anaphors["representatives"].get("lemmas", []))
                                 if "representatives" in anaphors else set())
        pronouns = anaphors.get("pronoun-antecedent")
        self._gender_words = {**{w.lower(): "m" for w in (pronouns.get("male_words", []) if pronouns else [])},
                              **{w.lower(): "f" for w in (pronouns.get("female_words", []) if pronouns else [])}}
        self._first_names = {**{w.lower(): "m" for w in (pronouns.get("male_first_names", []) if pronouns else [])},
                             **{w.lower(): "f" for w in (pronouns.get("female_first_names", []) if pronouns else [])}}
        self._genders: dict[str, str] | None = None  # full name -> "m" or "f", learnt from the article on first use
        self._guessed: dict[str, str] = {}  # full name -> the gender of the pronoun first resolved to them
        self._organisations = (set(anaphors["definite-organisation"].get("lemmas", []))
                               if "definite-organisation" in anaphors else set())
        self._epithets = (set(anaphors["definite-organisation"].get("epithet_lemmas", []))
                          if "definite-organisation" in anaphors else set())
        self._not_epithets = ({w.lower() for w in anaphors["definite-organisation"].get("not_epithets", [])}
                              if "definite-organisation" in anaphors else set())
        self._not_organisations = ({w.lower() for w in anaphors["definite-organisation"].get("not_words", [])}
                                   if "definite-organisation" in anaphors else set())
        # words that make an organisation no company: a government body or one of not_words ("union")
        self._not_company_words = {w.lower() for w in rules.government_lemmas} | self._not_organisations
        # doc.ents builds its spans anew on every call, and Span.ents scans them all: look them up once
        self.ents: list[Span] = list(doc.ents)
        self.ent_starts = [e.start for e in self.ents]
        self.ent_start_chars = [e.start_char for e in self.ents]
        # (no one named in a byline, caption or credit line: "By Carla Ruiz" is no antecedent of "she")
        outside = lambda e: not any(a <= e.start_char < b for a, b in skipped or ())  # noqa: E731
        self._people = [e for e in self.ents if e.label_ == "PERSON" and outside(e)]
        self._people_ends = [e.end for e in self._people]
        self._person_words = {e[-1].text for e in self._people if e[-1].is_title}
        # The people of each surname the article names in full ("Clinton" -> Hillary Rodham Clinton, Bill Clinton),
        # each a _Namesake: the name to show, the names they go by, how often and where, the titles seen with them
        self._kin: set[str] = set()  # full names introduced as someone's relative ("his son Hunter Biden")
        counts: dict[str, dict[str, int]] = {}  # surname -> full name -> how often the article gives it
        starts: dict[str, list[int]] = {}
        titles: dict[str, set[str]] = {}
        for ent in self._people:
            name = self._without_lead_word(self.clean_name(ent.text))
            if " " in name and _name_parts(name)[0] != _surname(name):
                names = counts.setdefault(_surname(name), {})
                names[name] = names.get(name, 0) + 1
                starts.setdefault(name, []).append(ent.start)
                if self._as_relative(ent):
                    self._kin.add(name)
                title = self._title_at(ent)
                if title:
                    titles.setdefault(name, set()).add(title)
        self._namesakes: dict[str, list[_Namesake]] = {}
        for key, names in counts.items():
            people: list[_Namesake] = []
            for name in sorted(names, key=len, reverse=True):
                # "De Blasio" is Bill de Blasio and "Hillary Clinton" Hillary Rodham Clinton; Bill Clinton is not,
                # nor Donald Trump Jr. Donald Trump, nor George H.W. Bush George W. Bush
                fits = [p for p in people if any(_same_person(n, name) for n in p.names)]
                if len(fits) > 1:
                    continue  # "De Blasio" of Bill and Dante de Blasio, "George Bush" of both
                same = fits[0] if fits else None
                if same is None:
                    people.append(_Namesake(name, {name}, names[name], list(starts[name]), set(titles.get(name, ()))))
                else:
                    same.names.add(name)
                    same.mentions += names[name]
                    same.starts = sorted(same.starts + starts[name])
                    same.titles |= titles.get(name, set())
            for p in people:
                # the longest name the article gives: "Bill de Blasio" over "De Blasio", "Justin Ki Hong" over
                # "Ki Hong"; but not a name the model read once with a stray word ("Rip Donald Trump")
                most = max(names[m] for m in p.names)
                fine = [m for m in p.names if names[m] * 5 >= most or self._first_name_gender(m)
                        or m.split()[0].lower() not in self.english]
                p.shown = max(fine, key=len)
                p.gender = next((g for g in map(self._first_name_gender, sorted(p.names, key=len, reverse=True)) if g), None)
            first = min(p.starts[0] for p in people)
            # "President Biden on Thursday defended his son Hunter Biden": a titled surname before anyone of
            # that name is named in full is someone the article never names in full
            early = [e for e in self._people if e.start < first and " " not in self.clean_name(e.text)
                     and self.clean_name(e.text) == key]
            early_titles = {t for t in map(self._title_at, early) if t and t not in ("mr", "mrs", "ms", "miss")}
            if early_titles:
                people.append(_Namesake(key, set(), 0, [e.start for e in early], early_titles))
            people.sort(key=lambda v: (-v.mentions, v.starts[0]))
            self._namesakes[key] = people

    def ents_in(self, span: Span) -> list[Span]:
        """The entities inside ``span`` (what ``span.ents`` gives, without scanning the document)."""
        i = bisect.bisect_left(self.ent_starts, span.start)
        out = []
        for ent in self.ents[i:]:
            if ent.start >= span.end:
                break
            if ent.end <= span.end:
                out.append(ent)
        return out

    def people_before(self, i: int) -> Iterator[Span]:
        """Persons named before token ``i``, nearest first."""
        k = bisect.bisect_right(self._people_ends, i)
        return reversed(self._people[:k])

    # --- gender ------------------------------------------------------------
    def other_gender(self, name: str | None, pronoun: str) -> bool:
        """Whether the article shows the person ``name`` to be of another gender than ``pronoun`` ("he",
        "his", "she", "her"); False when the article does not tell (rule pronoun-antecedent)."""
        want = _GENDERED.get(pronoun.lower())
        if want is None or not name:
            return False
        if self._genders is None:
            self._genders = self._learn_genders()
        found = self._genders.get(name)
        return found is not None and found != want

    def _learn(self, name: str | None, pronoun: str) -> None:
        """Remember that "he" or "she" was resolved to a person the article says nothing of: a guess, which
        only breaks a tie with a person the article shows to be of the pronoun's gender ("Clinton said her
        ... He said ... She said ..." is Clinton, someone else, Clinton again), since the first guess may
        be wrong."""
        g = _GENDERED.get(pronoun.lower())
        if g and name and not (self._genders or {}).get(name):
            self._guessed.setdefault(name, g)

    def _guessed_other(self, prev: Source, pronoun: str, older: list[Source]) -> bool:
        """Whether ``prev`` was guessed to be of the other gender and an ``older`` person is shown to be of
        the pronoun's."""
        want = _GENDERED.get(pronoun.lower())
        guess = self._guessed.get(prev.name or "")
        return bool(want and guess and guess != want and any(
            p.kind == "person" and (self._genders or {}).get(p.name or "") == want for p in older))

    def _first_name_gender(self, name: str) -> str | None:
        """"m" or "f" for a full name whose first word is a listed first name ("Donald Trump")."""
        return self._first_names.get(name.split()[0].lower().strip(".")) if " " in name else None

    def _learn_genders(self) -> dict[str, str]:
        """Each named person's gender as the article shows it: an honorific or gendered word just before or in
        apposition to the name ("Mrs. Clinton", "Congresswoman Maxine Waters", "Warner, a congressman"), and
        a reflexive pronoun outside quotes in the clause of which that person is the subject, in a sentence that
        names no one else ("Clinton distanced herself from ..."), and, weakest, a common first name. Not a
        possessive: in "Comey was referring to her interviews" and "Clinton said his plan failed" it is
        someone else's; nor "He said ..." after a sentence naming only Clinton, which is what is in doubt."""
        doc, words = self.doc, self._gender_words
        votes: dict[str, dict[str, int]] = {}

        def vote(name: str, g: str, n: int = 1) -> None:
            v = votes.setdefault(name, {"m": 0, "f": 0})
            v[g] += n

        for name in {self.name_of(e) for e in self._people}:
            g = self._first_name_gender(name)
            if g:
                vote(name, g)  # "Donald Trump", "Hillary Clinton": the weakest sign, one vote
        for ent in self._people:
            name = self.name_of(ent)
            # the word right before the name or its first word, and a noun in apposition: "Mrs. Clinton", "his
            # wife Hillary", "Warner, a congressman"; not "the daughter of Donald Trump"
            near = list(doc[max(ent.start - 1, 0):ent.start + 1]) + [c for c in ent.root.children if c.dep_ == "appos"]
            first = self._first_name_gender(name)
            for t in near:
                g = words.get(t.lower_.rstrip("."))
                if g and name and first in (None, g):
                    # ("Mr. Clinton" in an article that names Hillary Clinton in full is someone else)
                    vote(name, g, 2)
        # (a surname the article names in full is that person, however the model tagged it: "Warner" as ORG)
        people = iter([e for e in self.ents if e.label_ == "PERSON" or self.clean_name(e.text) in self._namesakes])
        ent = next(people, None)
        for sent in doc.sents:
            names: list[tuple[str, Span]] = []
            while ent is not None and ent.start < sent.end:
                if ent.start >= sent.start:
                    names.append((self.name_of(ent), ent))
                ent = next(people, None)
            if len({n for n, _ in names if n}) != 1:
                continue
            name, mention = names[0]
            if mention.root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            verb = mention.root.head
            quoted = False
            for t in doc[mention.end:sent.end]:
                if t.text in ('"', "“", "”", "''", "``"):
                    quoted = t.text == "“" or (t.text in ('"', "''", "``") and not quoted)
                elif (not quoted and t.lower_ in ("himself", "herself") and _clause_head(t).i == verb.i):
                    vote(name, _GENDERED[t.lower_], 3)  # "Clinton distanced herself from ...": strong
        out = {}
        for name, v in votes.items():
            if v["m"] and v["m"] >= 3 * v["f"]:
                out[name] = "m"
            elif v["f"] and v["f"] >= 3 * v["m"]:
                out[name] = "f"
        return out

    # --- names -------------------------------------------------------------
    def clean_name(self, text: str) -> str:
        """``text`` without a possessive 's and the titles before the name ("Sen. Ted Cruz's" -> "Ted Cruz")."""
        if text in self._cleaned:
            return self._cleaned[text]
        raw = text
        text = re.sub(r"[’']s$", "", text.strip()).strip(" ,.;:")
        changed = True
        while changed:
            changed = False
            for t in self._titles:
                if text.startswith(t + " ") and len(text) > len(t) + 1:
                    text = text[len(t) + 1:].strip()
                    changed = True
                    break
        self._cleaned[raw] = text
        return text

    def full_name(self, name: str, gender: str | None = None, at: int | None = None, title: str | None = None) -> str:
        """The fullest name the article gives the person ``name`` stands for ("Blinken" -> "Antony Blinken").
        Where the article names two people of that surname in full ("Hillary Clinton", "Bill Clinton"), a first
        name decides; else the namesakes named before token ``at``, of the ``gender`` a "Mr." or "Mrs." gives
        ("m" or "f", against their first names), one who carried the ``title`` ("President Trump"), one not
        introduced as someone's relative ("his son Hunter Biden", "her husband, Bill Clinton"), then one named
        in full at least twice as often as any other, or the only one named in full just before. If nothing
        decides, the surname stays bare (as it does for "President Biden" in an article that names in full
        only his son)."""
        words = name.strip().split()
        gender = gender or (self._gender_words.get(words[0].lower().rstrip(".")) if words else None)
        title = title or self._title_of(name)
        name = self._without_lead_word(self.clean_name(name))
        if not name:
            return name
        namesakes = self._namesakes.get(_surname(name), [])
        if not namesakes:
            return name
        if " " in name:  # "Bill Clinton", "De Blasio": who goes by it, or someone the article names no more
            known = [p for p in namesakes if any(_same_person(n, name) for n in p.names)]
            if not known:
                return name
            # ("De Blasio" of both Bill and Dante de Blasio is decided as a bare surname is)
            return known[0].shown if len(known) == 1 else self._decide(name, known, gender, at, title)
        return self._decide(name, namesakes, gender, at, title)

    def _decide(self, name: str, namesakes: list[_Namesake], gender: str | None, at: int | None,
                title: str | None) -> str:
        """Which of several namesakes a surname stands for; see full_name."""
        people = [p for p in namesakes if at is None or p.starts[0] < at] or namesakes
        people = [p for p in people if gender is None or p.gender in (None, gender)]
        if not people:
            return name  # "Ms. Smith" in an article that names only John Smith
        titled = [p for p in people if title and title in p.titles]
        if len(titled) == 1:
            return titled[0].shown
        main = [p for p in people if not (p.names & self._kin)]
        if main and len(main) < len(people):
            people = main  # "his son Hunter Biden", "Her husband, Bill Clinton": the relative, not the one it is of
            if len(people) == 1:
                return people[0].shown
        if len(people) == 1 or (people[0].mentions >= 2 * people[1].mentions and people[1].mentions):
            return people[0].shown
        if at is not None:
            # "Homeland Security Secretary Jeh Johnson says ... Johnson tells MSNBC": the one just named in full,
            # when no namesake was named near it
            near = [p for p in people if any(at - _NEAR <= i < at for i in p.starts)]
            # (not a "Team Clinton" the model read as a name: a first word that is an English word and no
            # listed first name)
            if len(near) == 1 and (near[0].gender or near[0].shown.split()[0].lower() not in self.english):
                return near[0].shown
        return name

    def _as_relative(self, ent: Span) -> bool:
        """'his son Hunter Biden', 'Her husband, former President Bill Clinton', 'George H.W. Bush, his father,'."""
        root = ent.root
        rel = [t for t in (root.head,) if root.dep_ == "appos"] + [c for c in root.children if c.dep_ == "appos"]
        rel += [t for t in self.doc[max(ent.start - 6, 0):ent.start] if t.i < ent.start and root.head.i == t.i]
        return any(t.lemma_.lower() in self._relatives and any(c.dep_ == "poss" for c in t.children) for t in rel)

    def _title_of(self, text: str) -> str | None:
        """The title ``text`` opens with, lower case without its full stop ("President Trump" -> "president")."""
        if text not in self._title_seen:
            low = text.strip().lower()
            self._title_seen[text] = next((t.rstrip(".") for t in self._low_titles if low == t or low.startswith(t + " ")),
                                          None)
        return self._title_seen[text]

    def _title_at(self, ent: Span) -> str | None:
        """The title in or right before a person's name: "President Biden", "Sen. Ted Cruz"."""
        return self._title_of(ent.text) or (self._title_of(self.doc[ent.start - 1].text) if ent.start else None)

    def _without_lead_word(self, name: str) -> str:
        """'Attacking Jeb Bush', 'Meet Kevin McCarthy', 'Crooked Hillary Clinton': a word the model read into a
        name before a first name (an English word that is no listed first name)."""
        words = name.split()
        if (len(words) >= 3 and words[0].lower() in self.english and words[0].lower() not in self._first_names
                and words[1].lower() in self._first_names):
            return " ".join(words[1:])
        return name

    def name_of(self, ent: Span) -> str:
        """The full name of a person named by ``ent``, minding a "Mr.", "Mrs." or a title right before it."""
        key = (ent.start, ent.end)
        if key not in self._names_of:
            self._names_of[key] = self._name_of(ent)
        return self._names_of[key]

    def _name_of(self, ent: Span) -> str:
        prev = self.doc[ent.start - 1] if ent.start > 0 else None
        if (prev is not None and " " not in self.clean_name(ent.text) and prev.pos_ == "PROPN" and prev.is_title
                and prev.dep_ == "compound" and prev.head.i in range(ent.start, ent.end) and not self._title_of(prev.text)
                and prev.ent_type_ in ("", "PERSON", "ORG")):
            return self.full_name(prev.text + " " + ent.text, at=ent.start)  # "Ivanka Trump" with "Trump" alone tagged
        return self.full_name(ent.text, self._gender_words.get(prev.lower_.rstrip(".")) if prev is not None else None,
                              at=ent.start, title=self._title_of(prev.text) if prev is not None else None)

    def canonical(self, text: str, label: str) -> str:
        if label == "PERSON":
            return self.full_name(text)
        return _strip_the(re.sub(r"[’']s$", "", text))

    # --- spans -------------------------------------------------------------
    def span_of(self, head: Token) -> Span:
        """The source phrase: the head's subtree without relative clauses and trailing punctuation."""
        doc = head.doc
        start, end = head.left_edge.i, head.right_edge.i + 1
        for child in head.lefts:
            if child.dep_ in ("advcl", "cc", "mark"):
                # "But while Republicans back the delay, sources privy to the talks say": the parser hung the
                # clause before on the source (taking "privy" for its verb); it is no part of who is speaking
                start = max(start, child.right_edge.i + 1)
        rights = list(head.rights)
        rights += [g for c in rights if c.dep_ == "appos" for g in c.rights]  # "Sykes, a radio host, who ..."
        # "one Democrat familiar with the discussion, who added ...": the parser hangs the clause lower down
        rights += [t for t in doc[head.i + 1:end] if t.dep_ == "relcl" and doc[t.left_edge.i - 1].text == ","]
        for child in rights:
            if head.pos_ in ("VERB", "AUX") and child.dep_ in ("ccomp", "advcl", "xcomp", "conj", "parataxis"):
                # a source the parser read as a verb ("some note that Trump ...", "sources privy to the talks"):
                # a clause after it is what they said, not who they are
                end = min(end, child.left_edge.i)
            # "officials, who spoke on condition of anonymity," and "Blinken, speaking in Kyiv," are not
            # part of the name; "documents seen by Reuters" keeps its participle.
            if child.dep_ == "relcl" or (child.dep_ == "acl" and child.tag_ == "VBG"):
                end = min(end, child.left_edge.i)
            elif child.dep_ == "prep" and child.lower_ == "on" and any(
                    g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in child.children):
                end = min(end, child.left_edge.i)  # "allies on Monday": when, not who
            elif (child.dep_ == "prep" and child.lower_ in ("in", "on", "at", "during", "through", "via")
                  and doc[child.i - 1].text == "," and head.pos_ != "VERB" and any(
                      g.dep_ == "pobj" and g.lemma_.lower() in self.rules.channel_words for g in child.children)):
                # "The Army Corps of Engineers, in a statement, said": how it was said, not who said it (but
                # "Jane Smith, of Goldman Sachs," and "A senior official, at the State Department," are who)
                end = min(end, child.i - 1)
        while end > start + 1 and doc[end - 1].text != ")" and (
                doc[end - 1].is_punct or (doc[end - 1].lower_ in ("who", "which", "that", "and", "but", "both", "all",
                                                                  "each", "alone", "too", "also")
                                          and doc[end - 1].text != "WHO")):  # (the World Health Organization)
            end -= 1
        # "RANGOON, Burma - Aung San Suu Kyi's allies": a dateline (a place in capitals opening the sentence,
        # then a dash) the parser took into the phrase; not "the Biden – Harris campaign"
        dash = [t.i for t in doc[start:head.i] if t.text in ("-", "–", "—") and t.whitespace_ and t.i > start
                and doc[t.i - 1].whitespace_]
        if dash:  # (the sentence is looked up only then: Token.sent builds it anew on each call)
            opening = doc[head.sent.start]
            if opening.is_upper and len(opening) > 1 and dash[-1] - opening.i <= 6:
                start = dash[-1] + 1
        while start < head.i and doc[start].is_punct:
            start += 1
        return doc[start:end]

    def reason_in(self, text: str) -> str | None:
        low = text.lower()
        for phrase in self._reasons:
            if phrase in low:
                return phrase
        return None

    # --- description -------------------------------------------------------
    def describe(self, head: Token, sent: Span) -> tuple[Source, list[str]]:
        """Describe the source whose head token is ``head``; returns the Source and the rule ids that fired."""
        span = self.span_of(head)
        text = span.text
        low_head = head.lemma_.lower()
        lower = head.lower_
        rs = self.rules
        base = dict(text=text, start=span.start_char, end=span.end_char)

        of = of_object(head)
        if of is not None and (head.like_num or lower in rs.count_words or lower in ("all", "most", "each", "one")):
            # "Both of the officials", "two of the aides", "one of the Democrats": some of a group, unnamed, counted
            src, rules = self.describe(of, sent)
            name = base["text"][0].lower() + base["text"][1:]
            if src.kind == "anonymous":
                src = copy.copy(src)
                src.text, src.start, src.end, src.name = base["text"], base["start"], base["end"], name
            else:  # the group is named, its members are not: "one of the Democrats", "one of them"
                src = Source(name=name, kind="anonymous", descriptor=of.lower_,
                             affiliation=src.name if src.kind in ("group", "organisation", "government", "outlet") else None,
                             **base)
            src.count = "two" if lower == "both" else head.text.lower()
            return self._remember(src), rules

        if (head.pos_ == "PRON" or lower in PRONOUNS and span.end - span.start <= 2) and low_head not in rs.anon_heads:
            return self.resolve_pronoun(head, base)  # (but "someone close to the campaign" is unnamed)

        det = next((c.lower_ for c in head.children if c.dep_ in ("det", "poss") and c.i < head.i), None)
        mods = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod", "nummod", "poss", "npadvmod", "quantmod")]

        whole = self.rules.outlets.get(_strip_the(text).lower().strip(" ,."))
        if whole:  # "The Washington Post", although a post is also a document
            return self._remember(Source(name=whole, kind="outlet", **base)), ["outlets"]
        if head.lower_ in ("media", "tv", "television", "radio", "broadcaster") and any(
                c.lower_ == "state" for c in head.lefts) and any(
                c.ent_type_ in ("GPE", "NORP") or (c.dep_ == "poss" and c.pos_ == "PROPN") for c in head.lefts):
            # "Iran's state TV said", "Iranian state media reported": a state's own outlet, named by its state
            return self._remember(Source(name=_strip_the(text), kind="outlet", **base)), ["definite-outlet"]
        if head.pos_ == "PROPN" and any(c.dep_ == "appos" and c.lemma_.lower() in self._outlet_nouns for c in head.children):
            # "Record, the Lisbon sports daily, reported": an outlet the apposition says is one
            name = self.doc[span.start:head.i + 1].text
            return self._remember(Source(name=_strip_the(name), kind="outlet", **base)), ["definite-outlet"]
        noun = " ".join([t.lower_ for t in head.lefts if t.dep_ == "compound"] + [head.lower_])
        if det == "the" and (head.tag_ == "NN" or head.dep_ in ("nsubj", "pobj")) and (
                head.lower_ in self._outlet_nouns or noun in self._outlet_nouns):
            # ("daily" is often tagged an adverb: "the influential US daily wrote")
            # "The paper said", after the article cited an outlet (and no document since)
            prev = next((p for p in reversed(self.history[-12:]) if p.kind in ("outlet", "document")), None)
            if prev is not None and prev.kind == "outlet":
                return self._resolved(prev, base, base["text"]), ["definite-outlet"]
            if prev is None:
                named = self._last_outlet_named(head)
                if named:  # "The Washington Post on Thursday endorsed Clinton ... the influential US daily wrote"
                    return self._remember(Source(name=named, kind="outlet", resolved_from=text, **base)), ["definite-outlet"]

        short = self.short_outlet(span)
        if short:  # "the Post announced", after "The Washington Post" (a post is also a document)
            return self._remember(Source(name=short, kind="outlet", **base)), ["outlets"]

        if head.lower_ in rs.document_heads and low_head not in rs.document_heads:
            low_head = head.lower_  # "data", which the lemmatizer makes "datum"
        elif (head.is_title and head.is_sent_start and head.lower_.endswith("s") and low_head not in rs.document_heads
              and head.lower_[:-1] in rs.document_heads and not mods):
            low_head = head.lower_[:-1]  # "Records show ...", "Emails show ...": the tagger took them for a name
        if low_head in rs.document_heads and head.pos_ in ("NOUN", "PROPN"):
            rule = rs.document_heads[low_head]
            # (a capital in mid-sentence is a name the tagger missed: "A Pew study" read "Pew" as a noun)
            author = [c for c in head.lefts if c.dep_ in ("compound", "poss", "nmod") and
                      (c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")
                       or (c.is_title and c.i > span.start and not c.is_sent_start)
                       or (c.dep_ == "poss" and self._named_institution(c))  # "the charity's annual filings"
                       # "court records", "a police report", "a company statement": the institution's own
                       or (c.dep_ == "compound" and c.lemma_.lower() in rs.institution_heads and c.pos_ == "NOUN"))
                      and c.lower_ not in rs.document_not_authors]
            author += self._document_author(head)
            if author:
                return self._remember(Source(name=_strip_article(text), kind="document", **base)), [rule.id]
            if det == "the" and not mods and head.tag_ == "NN":
                # "the report said", after "UNEP's Emissions Gap Report found": the named document cited before
                prev = next((p for p in reversed(self.history[-12:]) if p.kind == "document" and p.descriptor is None
                             and p.name.lower().split()[-1].rstrip("s") == head.lower_.rstrip("s")), None)
                if prev is not None:
                    return self._resolved(prev, base, text), [rule.id, "definite-document"]
            src = Source(name=_strip_the(text), kind="document", descriptor=head.text.lower(), **base)
            return self._remember(src), [rule.id]

        outlet = self._outlet(span)
        if outlet and not (low_head in rs.anon_heads and head.pos_ == "NOUN" and not self._is_office(head)):
            # ("Fox News executives", "CNN sources": unnamed people at an outlet, anonymous below)
            return self._remember(Source(name=outlet, kind="outlet", **base)), ["outlets"]

        if (head.is_upper and head.is_alpha and 3 <= len(head.text) <= 6 and head.pos_ in ("NOUN", "PROPN")
                and any(t.is_lower for t in sent)  # (not a headline in capitals: "BIDEN VOWS TO VETO BILL")
                and not (head.i + 1 < len(head.doc) and head.doc[head.i + 1].text == ":")  # ("BENENSON:" speaks)
                and head.ent_type_ in ("", "ORG") and head.lower_ not in self.english and head.lower_ not in self._offices
                and head.lower_ not in self._org_offices and low_head not in rs.anon_heads
                and not any(c.dep_ in ("compound", "amod", "poss") for c in head.lefts)):
            # "The PGMOL rejected the claim": an acronym the tagger took for a common noun names an organisation
            return self._remember(Source(name=_strip_the(text), kind="organisation", **base)), []

        if (span.end - span.start == 1 and head.is_title and head.lower_ in self._offices
                and head.text not in self._person_words and head.ent_type_ != "PERSON" and not any(
                    # (not "Judge said" after "Aaron Judge hit his 40th home run": a surname after a first name)
                    m.group(1).lower() in self._first_names
                    for m in re.finditer(r"\b([A-Z][a-z]+) " + re.escape(head.text) + r"\b", self.text))):
            # "Mayor Unveils Transit Plan": an office alone, in a headline's capitals, is the office, not a person
            return self._office(head, span, base)

        if self._common_plural(head):
            # "Investors fear ...", "Neighbours told police", "Paramedics said": a plural common noun opening the
            # sentence, which the tagger took for a name
            src = self._remember(self._anonymous(head, span, base, sent))
            singular = head.lower_[:-1]
            return src, [rs.anon_heads[singular].id] if singular in rs.anon_heads else []

        person = self._person(span, head)
        if person:
            return self._remember(person), ["titles"] if person.role else []

        alias = self._named_alias(head)
        if alias is not None:
            # "One Republican presidential hopeful, Carly Fiorina,", "NatWest's corporate parent, the Royal Bank
            # of Scotland Group": the name in apposition stands behind the claim, the description is its role
            src, rules = self.describe(alias, sent)
            src.text, src.start, src.end = base["text"], base["start"], base["end"]
            if src.kind == "person" and not src.role:
                src.role = self.doc[span.start:min(head.i + 1, alias.left_edge.i)].text.strip(" ,") or None
            return src, rules

        relative = self._relative(head, base, sent)
        if relative is not None:
            # "His father said", "His lawyer said": someone named by kinship, or who speaks for the person. Not
            # remembered: "he" and "his" after it still stand for the person the article is about
            return relative, ["relatives" if head.lemma_.lower() in self._relatives else "representatives"]

        if det == "the" and head.tag_ == "NN" and low_head in self._organisations and (not mods or (
                low_head in self._epithets and all(
                    (m.dep_ == "compound" and m.pos_ == "NOUN" and m.is_lower and m.lower_ not in ("news", "media")
                     and m.lower_ not in self._not_epithets)
                    or m.ent_type_ == "NORP" or m.lower_.endswith("-based") for m in mods))):
            # (and with what it makes or where it is from: "the software maker", "the search giant", "the German
            # carmaker", "the Seattle-based retailer"; not "the other company", "the new firm")
            resolved = self._last_organisation(head, base)
            if resolved is not None:  # "the utility said", after "Duke Energy restored power"
                return resolved, ["definite-organisation"]

        if low_head in rs.anon_heads and head.pos_ != "PROPN":
            if det in ANAPHOR_DETS and not mods:
                resolved = self._definite_anaphor(head, base)
                if resolved:
                    return resolved
            if ((det == "the" and head.tag_ == "NN" and self._is_office(head)) or self._possessed_office(head)
                    or self._named_office(head)):
                return self._office(head, span, base)
            src = self._remember(self._anonymous(head, span, base, sent))
            return src, [rs.anon_heads[low_head].id] + (["anonymity-reason"] if src.reason else [])

        member = next((rid for rid, dets, phrases in self._members
                       if head.ent_type_ == "NORP" and head.pos_ in ("PROPN", "NOUN")
                       and (det in dets or any(c.dep_ == "nummod" for c in head.children) or self.reason_in(text)
                            or any(p in text.lower() for p in phrases))), None)
        if member is not None:
            # "one Republican", "two Democrats familiar with the talks": unnamed members of a party or nation
            src = self._anonymous(head, span, base, sent)
            src.affiliation = src.affiliation or head.lemma_
            return self._remember(src), [member] + (["anonymity-reason"] if src.reason else [])

        # (the reason given in its own phrase or before its verb: not "A spokesman said the two officials, who
        # spoke on condition of anonymity, were fired")
        if low_head in ("spokesperson", "spokesman", "spokeswoman") and self.reason_in(
                self.doc[head.left_edge.i:max(head.right_edge.i + 1, head.head.i)].text):
            # "A spokesman for the ministry, who was not authorized to speak publicly, said": a person unnamed
            src = self._anonymous(head, span, base, sent)
            return self._remember(src), ["anonymity-reason"]

        if low_head in ("spokesperson", "spokesman", "spokeswoman"):
            company = next((c for c in head.lefts if c.dep_ == "compound" and c.lemma_.lower() in self._organisations), None)
            resolved = self._last_organisation(company, base) if company is not None else None
            if resolved is not None:
                # "A company spokesperson said", after "Vantor Aerospace delayed the launch": the company's
                resolved = copy.copy(resolved)  # (the company remembered for "the company said" has no such role)
                resolved.role = head.lower_
                return resolved, ["definite-organisation"]

        # two-word heads: "military intelligence", "school district", "White House"
        two = f"{head.doc[head.i - 1].lower_} {low_head}" if head.i > span.start else ""
        if two in rs.institution_heads:
            low_head = two
        if (low_head in rs.institution_heads and head.tag_ == "NNS" and head.pos_ == "NOUN" and det is None
                and low_head not in rs.government_lemmas and head.lower_ != low_head
                and not any(c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "GPE", "NORP") or c.is_upper for c in head.lefts)
                and not any(t.pos_ == "PROPN" for t in head.subtree if t.i > head.i)):
            # unnamed organisations: "Aid groups warned", "Human rights groups said", "Unions reject" (but not
            # "groups such as Emily's List", "consulting firms like McKinsey": named by example)
            return self._remember(self._anonymous(head, span, base, sent)), [rs.institution_heads[low_head].id]
        if (low_head in rs.institution_heads or head.ent_type_ in ("ORG", "GPE", "FAC", "NORP", "LOC")
                or head.pos_ == "PROPN"):
            ent_label = head.ent_type_
            name = _strip_the(text)
            if ent_label == "NORP" and head.tag_ in ("NNPS", "NNS"):
                kind = "group"
            elif ent_label == "GPE" or low_head in rs.government_lemmas or any(
                    w in name.lower() for w in rs.government_name_words):
                kind = "government"
            elif head.pos_ == "PROPN" and head.text in rs.company_words and head.i > span.start:
                kind = "organisation"  # "Hallmark Devices", "Lumina Labs": a company the parser does not know
            elif head.pos_ == "PROPN" and ent_label in ("", "PERSON"):
                kind = "person"
                name = self.full_name(name)
            else:
                kind = "organisation"
            rules = [rs.institution_heads[low_head].id] if low_head in rs.institution_heads else []
            return self._remember(Source(name=name, kind=kind, **base)), rules

        # A common noun that is no office or document: a generic unnamed group ("critics", "experts").
        if det in ANAPHOR_DETS and not mods and not (det == "the" and self._office_of(head) is not None
                                                     and self._is_office(head)):
            resolved = self._definite_anaphor(head, base)
            if resolved:
                return resolved
        if self._possessed_office(head) or self._named_office(head):
            return self._office(head, span, base)
        if head.tag_ == "NN" and det == "the":  # not "his father": that is someone else than "he"
            if self._is_office(head):
                return self._office(head, span, base)
            if low_head in self._described and not any(e.label_ in ("ORG", "GPE", "NORP") for e in self.ents_in(span)):
                # "the lanky, bespectacled professor", "the star": the public figure the article just named
                resolved = self._last_person(head, base, said=base["text"])
                if resolved is not None:
                    return resolved, ["definite-description"]
        if det == "the" and head.lower_ == "old" and any(c.lemma_.lower() == "year" for c in head.lefts):
            # "The 61-year-old said": the person the article named just before
            resolved = self._last_person(head, base, said=base["text"])
            if resolved is not None:
                return resolved, ["definite-description"]
        return self._remember(self._anonymous(head, span, base, sent)), []

    def describe_document(self, span: Span, head: Token) -> tuple[Source, list[str]]:
        """A document phrase the parser left in pieces ("Federal Election Commission records" read as part of a
        noun compound): named when a name or organisation is in it, authorless otherwise."""
        rule = document_head_rule(self.rules, head)
        base = dict(text=span.text, start=span.start_char, end=span.end_char)
        named = any((t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or t.tag_ == "POS")
                    and t.lower_ not in self.rules.document_not_authors for t in span if t.i != head.i)
        src = Source(name=_strip_article(span.text) if named else _strip_the(span.text), kind="document",
                     descriptor=None if named else head.lower_, **base)
        return self._remember(src), [rule.id] if rule else []

    def _document_author(self, head: Token) -> list[Token]:
        """'a count by The Associated Press', 'a statement released by the Prime Minister's Office': who wrote it
        (rule document-heads' author_verbs); not 'documents seen by Reuters', nor 'a report from Kyiv' (a place)."""
        verbs = set(self.rules.document_author_verbs)
        named = lambda t: t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "PERSON", "NORP")  # noqa: E731
        found = []
        for prep in head.subtree:
            if prep.dep_ not in ("prep", "agent") or prep.lower_ not in ("by", "in", "from", "with"):
                continue
            if prep.lower_ == "with" and head.lemma_.lower() not in ("filing", "complaint", "lawsuit", "submission"):
                continue  # "a filing with the Securities and Exchange Commission": a public record
            owner = prep.head
            if not (owner.i == head.i or (owner.dep_ == "acl" and owner.head.i == head.i
                                          and (owner.lemma_.lower() in verbs or owner.lemma_.lower() == "publish"))):
                continue
            for t in prep.children:
                if t.dep_ != "pobj":
                    continue
                if prep.lower_ == "from":
                    # "data from the company", "a report from the ministry", "data from IDC" (not "a report from
                    # Kyiv": a place)
                    # (the model takes some places for organisations: a one-word one counts only as an acronym)
                    if self._named_institution(t) or (t.is_upper and len(t) > 1 and t.ent_type_ not in ("GPE", "LOC")) or (
                            t.ent_type_ == "ORG" and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.lefts)):
                        found.append(t)
                elif prep.lower_ == "in":
                    # where it was published: "a review in The Lancet", "a study published in the journal JAMA
                    # Neurology" (not "a report in March", "a study in mice")
                    if named(t) and t.ent_type_ not in ("DATE", "GPE", "LOC") or any(
                            c.dep_ in ("appos", "compound") and named(c) for c in t.children):
                        found.append(t)
                elif named(t) or self._named_institution(t) or any(
                        # "a study by researchers at Harvard University"
                        p.dep_ == "prep" and p.lower_ in ("at", "from", "with") and any(
                            g.dep_ == "pobj" and named(g) for g in p.children) for p in t.children):
                    found.append(t)
        return found

    def _named_institution(self, tok: Token) -> bool:
        """'the UN human rights office', 'the ministry': an institution named or definite (not 'a local group')."""
        if tok.lemma_.lower() not in self.rules.institution_heads:
            return False
        return any(c.dep_ in ("compound", "amod", "nmod", "poss") and (
            c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "GPE", "NORP")) for c in tok.children) or any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children)

    def _is_office(self, head: Token) -> bool:
        """'the mayor', or a two-word office with its first word: 'the attorney general', 'the police chief'."""
        compounds = [t.lower_ for t in head.lefts if t.dep_ in ("compound", "amod")]
        if head.lemma_.lower() in self._offices or (compounds and f"{compounds[-1]} {head.lower_}" in self._offices):
            return True
        # "the FBI director", "the agency's chief", "the head of the FBI", "the coach of the Toronto Maple
        # Leafs": an office of a named organisation
        named = lambda t: t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "NORP")  # noqa: E731
        return head.lemma_.lower() in self._org_offices and (
            any(t.dep_ in ("compound", "poss") and named(t) for t in head.lefts) or self._office_of(head) is not None)

    def _named_office(self, head: Token) -> bool:
        """'UN chief', 'CIA director', 'EU foreign policy chief', 'Russian defence minister' with no article, as
        headlines write them: the office of a named organisation or state."""
        if head.tag_ != "NN" or any(c.dep_ in ("det", "poss") for c in head.children):
            return False
        lemma = head.lemma_.lower()
        before = self.doc[head.i - 1].lower_ if head.i > 0 else ""
        if f"{before} {lemma}" in self._offices:
            return True  # "Police chief says": a two-word office
        if lemma not in self._offices and lemma not in self._org_offices:
            return False
        return any(c.dep_ in ("compound", "amod", "nmod") and (
            c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "GPE", "NORP") or (c.is_upper and len(c) > 1))
            for c in head.lefts)

    def _possessed_office(self, head: Token) -> bool:
        """"Turkey's president", "Britain's prime minister", "the council's leader": the one holder of an office of
        a named state or organisation, or of a definite institution (not "his spokesman", "Trump's advisers")."""
        if head.tag_ != "NN":
            return False
        owner = next((c for c in head.lefts if c.dep_ == "poss"), None)
        if owner is None or owner.pos_ == "PRON":
            return False
        named = owner.pos_ == "PROPN" or owner.ent_type_ in ("ORG", "GPE", "NORP")
        institution = owner.lemma_.lower() in self.rules.institution_heads and any(
            c.dep_ == "det" and c.lower_ == "the" for c in owner.children)
        lemma = head.lemma_.lower()
        # ("Shell's chief executive", "Boeing's chief financial officer", "Deutsche Bank's chief economist")
        chief = any(c.lower_ == "chief" and c.dep_ in ("amod", "compound", "nmod") for c in head.lefts)
        return (named or institution) and (lemma in self._offices or lemma in self._org_offices or chief)

    @staticmethod
    def _office_of(head: Token) -> Token | None:
        """The named organisation after an office: "the head of the FBI" -> FBI (not "a Walmart in Ohio", one of
        many)."""
        for c in head.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "at", "for"):
                for g in c.children:
                    if (g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_ in ("ORG", "GPE", "NORP"))
                            and not any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in g.children)):
                        return g
        return None

    def _office(self, head: Token, span: Span, base: dict) -> tuple[Source, list[str]]:
        """'The mayor said': the holder named earlier, or else the office itself (named, kind office)."""
        lemma = head.lemma_.lower()
        # "the Russian president" needs a Russian president: every modifier must be in the holder's title
        mods = [c.lower_ for c in head.lefts if c.dep_ in ("amod", "compound", "nmod") and c.is_alpha]
        # "the coach of the Toronto Maple Leafs" is not the coach of the Ottawa Senators named before
        org = self._office_of(head)
        at = (lambda text: org.text.lower() in text.lower()) if org is not None else (lambda text: True)  # noqa: E731
        for prev in reversed(self.history[-12:]):
            if (prev.kind == "person" and prev.role and at(prev.role)
                    and _holds(prev.role, lemma, mods, self._abbreviations, self._narrowing)):
                return self._resolved(prev, base, base["text"]), ["definite-office"]
        for ent in self.people_before(head.i):
            if head.idx - ent.start_char > 2000:
                break
            before = self.doc[max(ent.start - 4, 0):ent.start].text + " " + ent.text
            if at(before) and _holds(before, lemma, mods, self._abbreviations, self._narrowing):  # "Mayor Don Guardian", "Gov. Chris Christie"
                src = Source(name=self.name_of(ent), kind="person", role=head.text.lower(),
                             resolved_from=base["text"], **base)
                return self._remember(src), ["definite-office"]
        name = span.text[0].lower() + span.text[1:] if span[0].pos_ == "DET" else span.text  # "the mayor"
        # the office in full: "prime minister", "defense minister", "supreme leader" (not "Turkish president")
        i = head.i
        while i > head.left_edge.i and self.doc[i - 1].is_lower and self.doc[i - 1].is_alpha and self.doc[i - 1].dep_ in (
                "amod", "compound"):
            i -= 1
        src = Source(name=name, kind="office", role=self.doc[i:head.i + 1].text.lower(), **base)
        return self._remember(src), ["definite-office"]

    def _last_outlet_named(self, head: Token) -> str | None:
        """The outlet the text named last before ``head``, within 1,500 characters."""
        k = bisect.bisect_left(self.ent_starts, head.i)
        for ent in reversed(self.ents[:k]):
            if head.idx - ent.start_char > 1500:
                break
            if ent.end <= head.i and ent.label_ in ("ORG", "WORK_OF_ART", "PERSON"):
                name = self._outlet(ent)
                if name:
                    return name
        return None

    def _last_organisation(self, head: Token, base: dict) -> Source | None:
        """The organisation cited last before ``head``, or else one named as the subject of a clause, within
        1,500 characters: "Duke Energy restored power ... the utility said". Not an outlet, a government body,
        an agency written in capitals ("the FBI opened an inquiry ... the company said") or a union."""
        prev = next((p for p in reversed(self.history[-12:]) if p.kind in ("organisation", "outlet", "government")), None)
        if not (prev is not None and prev.kind == "organisation" and prev.start is not None
                and head.idx - prev.start <= 1500 and prev.name.lower() != head.lower_ and self._may_be_company(prev.name)):
            prev = None
        # an organisation named after it in a clause of its own ("Ford reported higher sales. Rival General Motors cut
        # its forecast. The company said ..."), or one whose name has the noun ("Regulators fined Castor Bank ...
        # The bank said"), is nearer than the one cited before
        noun = head.lower_
        k = bisect.bisect_left(self.ent_starts, head.i)
        for ent in reversed(self.ents[:k]):
            if head.idx - ent.start_char > 1500 or (prev is not None and ent.start_char <= prev.start):
                break
            if ent.end > head.i or self._outlet(ent) or not self._may_be_company(ent.text):
                continue
            # (with the capitalised words the entity left off: "St. Brendan's" + "Hospital")
            end = ent.end
            while end < head.i and self.doc[end].pos_ == "PROPN" and self.doc[end].is_title:
                end += 1
            name = self.doc[ent.start:end].text
            # (a place only with the words it left off: "St. Brendan's" + "Hospital", not "the West Bank" for "the bank")
            if noun in name.lower().split() and (ent.label_ in ("ORG", "FAC") or (
                    ent.label_ in ("LOC", "GPE") and end > ent.end)):
                src = Source(name=self.canonical(name, "ORG"), kind="organisation", resolved_from=base["text"], **base)
                return self._remember(src)
            root = ent.root
            subject = root.dep_ in ("nsubj", "nsubjpass") or (
                # "Its rival Brenner AG", "Alphabet shares rose", "Shares of Dovetail Inc fell"
                root.dep_ in ("appos", "compound") and root.head.dep_ in ("nsubj", "nsubjpass")) or (
                root.dep_ == "pobj" and root.head.head.dep_ in ("nsubj", "nsubjpass"))
            if ent.label_ == "ORG" and subject:
                src = Source(name=self.canonical(ent.text, "ORG"), kind="organisation", resolved_from=base["text"], **base)
                return self._remember(src)
        return self._resolved(prev, base, base["text"]) if prev is not None else None

    def _may_be_company(self, name: str) -> bool:
        low = name.lower()
        words = set(re.findall(r"\w+", low))
        return not (words & self._not_company_words
                    or any(w.lower() in low for w in self.rules.government_name_words)
                    or name.replace(".", "").replace("the ", "").replace("The ", "").isupper())

    def _last_person(self, head: Token, base: dict, said: str) -> Source | None:
        """Whoever was mentioned last before ``head`` (within 1,500 characters): a person source,
        or a person the text names."""
        # not someone named inside the quote this sentence reports: '"Do you back Trump?" the pollster asked'
        prev, ent = self._nearest_person(head, skip_quoted=True)
        if ent is not None:
            return self._remember(Source(name=self.name_of(ent), kind="person", resolved_from=said, **base))
        return self._resolved(prev, base, said) if prev is not None else None

    def _nearest_person(self, head: Token, skip_quoted: bool, pronoun: str = "") -> tuple[Source | None, Span | None]:
        """The person cited (a Source) or named (an entity) last before ``head``, within 1,500 characters:
        at most one of the two, whichever comes later (and, for a ``pronoun`` such as "his", not one the
        article shows to be of the other gender)."""
        prev = next((p for p in reversed(self.history[-12:]) if p.kind == "person"
                     and not self.other_gender(p.name, pronoun)), None)
        if prev is not None and (prev.start is None or head.idx - prev.start > 1500):
            prev = None
        people = (e for e in self.people_before(head.i) if not self.other_gender(self.name_of(e), pronoun))
        if skip_quoted:
            people = (e for e in people if not _quoted_before(self.text, e.end_char, head.idx))
        ent = next(people, None)
        if ent is not None and head.idx - ent.start_char > 1500:
            ent = None
        if ent is not None and (prev is None or ent.start_char > prev.start):
            return None, ent
        return prev, None

    def _outlet(self, span: Span) -> str | None:
        outlets = self.rules.outlets
        ents = [e for e in self.ents_in(span) if e.label_ in ("ORG", "WORK_OF_ART", "PERSON")]
        cand = [span.text, _strip_the(span.text)] + [re.sub(r"[’']s$", "", _strip_the(e.text)) for e in ents]
        for c in cand:
            hit = outlets.get(c.lower().strip(" ,."))
            if hit:
                return hit
        head = span.root
        if head.lemma_.lower() in self._outlet_nouns:
            # "the nationalist Global Times tabloid": an outlet noun named by the entity before it
            named = [e for e in ents if e.label_ in ("ORG", "WORK_OF_ART") and e.end <= head.i and e.root.head.i == head.i]
            if named:
                return _strip_the(named[-1].text)
        return None

    def _person(self, span: Span, head: Token) -> Source | None:
        ents = [e for e in self.ents_in(span) if e.label_ == "PERSON"]
        name_ent = None
        for e in ents:
            if e.start <= head.i < e.end:
                name_ent = e
        if name_ent is None:
            # "Another delegate on the slate, Jim Poolman," / "her lawyer, David Kendall": a named appositive
            # ("The director of the CIA, John Brennan,": the parser hangs the name on the organisation)
            name_ent = next((e for e in ents if e.root.dep_ == "appos" and (e.root.head.i == head.i or (
                e.root.head.dep_ == "pobj" and e.root.head.head.head.i == head.i))), None)
        if name_ent is None and head.is_title and (head.text in self._namesakes or self._bare_name(head)):
            # a surname the article names in full elsewhere, however the tagger saw it
            name_ent = self.doc[head.i:head.i + 1]
        if name_ent is None and head.is_title and head.tag_ in ("NN", "NNS"):
            # "M. Dane Waters" with "Waters" tagged a plural noun: capitalised names before it
            names = [c for c in head.lefts if c.dep_ == "compound"]
            low = head.lemma_.lower()
            if (names and all(c.pos_ == "PROPN" and c.ent_type_ in ("", "PERSON") for c in names)
                    and not any(low in d for d in (self.rules.anon_heads, self.rules.institution_heads,
                                                   self.rules.document_heads, self._offices))):
                name_ent = self.doc[names[0].i:head.i + 1]
        if name_ent is None and ents and head.pos_ == "PROPN" and head.dep_ != "compound":
            # "Rep. Michael McCaul (R-TX)": the head may be a title token
            if head.i < ents[0].start and all(t.pos_ == "PROPN" or t.is_punct for t in self.doc[head.i:ents[0].start]):
                name_ent = ents[0]
        if name_ent is None:
            return None
        name = self.name_of(name_ent)
        before = self.doc[span.start:name_ent.start].text.strip(" ,")
        after = self.doc[name_ent.end:span.end].text.strip(" ,")
        if name_ent.text != self.clean_name(name_ent.text):
            title = name_ent.text[: len(name_ent.text) - len(self.clean_name(name_ent.text))].strip()
            before = (before + " " + title).strip()
        after = re.sub(r"^[’']s\b", "", after).strip(" ,")
        # "Jane Smith of Goldman Sachs", "John Doe from the ministry": where they work is an affiliation, not a role
        affiliation = None
        m = re.match(r"^(?:of|at|from|with)\s+(?:the\s+)?(.+)$", after)
        if m and any(e.label_ in ("ORG", "GPE") for e in self.ents_in(self.doc[name_ent.end:span.end])):
            affiliation, after = m.group(1), ""
        role = "; ".join(p for p in (before, after) if p) or None
        return Source(text=span.text, start=span.start_char, end=span.end_char, name=name, kind="person", role=role,
                      affiliation=affiliation)

    def _relative(self, head: Token, base: dict, sent: Span) -> Source | None:
        """'His father', 'Trump's son': a relative of a person the article names (rule relatives), within
        1,500 characters. The name is the relation ("Donald Trump's son"); the source is named, kind person.
        A relative who speaks on condition of anonymity stays anonymous."""
        lemma = head.lemma_.lower()
        if (lemma not in self._relatives and lemma not in self._representatives) or head.pos_ != "NOUN" or self.reason_in(
                sent.text):
            return None
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        if owner.pos_ == "PRON":
            if owner.lower_ not in ("his", "her"):
                return None
            prev, ent = self._nearest_person(head, skip_quoted=False, pronoun=owner.lower_)
            if ent is not None:
                name = self.name_of(ent)
            elif prev is not None:
                name = prev.name
            else:
                return None
        else:
            ents = [e for e in self.ents_in(self.doc[owner.left_edge.i:owner.i + 1]) if e.label_ == "PERSON"]
            if ents:
                name = self.name_of(ents[-1])
            elif owner.text in self._namesakes or owner.text in self._person_words:
                name = self.full_name(owner.text)  # "Trump's son", with "Trump" tagged an organisation
            elif owner.pos_ == "PROPN" and owner.ent_type_ in ("", "PERSON"):
                name = owner.text
            else:
                return None  # not "NatWest's corporate parent"
        # ("Sanders' campaign manager": the relation in full)
        relation = " ".join([c.lower_ for c in head.lefts if c.dep_ == "compound" and c.i > owner.i] + [head.lower_])
        return Source(name=f"{name}'s {relation}", kind="person", role=relation, **base)

    def _named_alias(self, head: Token) -> Token | None:
        """A name in apposition to a common-noun head ("a hopeful, Carly Fiorina"), or one the parser
        coordinated with its own title ("GOP contender and former neurosurgeon Ben Carson")."""
        if head.pos_ == "PROPN":
            return None
        for c in head.rights:
            if c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG")):
                return c
            if (c.dep_ == "conj" and c.ent_type_ == "PERSON" and head.tag_ == "NN"
                    and not any(g.dep_ == "det" for g in head.children)):
                return c
        return None

    def _common_plural(self, head: Token) -> bool:
        """'Investors fear ...', 'Users complained ...', 'Paramedics said': a capitalised plural that opens its
        sentence, whose singular is an English word and which the article never capitalises in mid-sentence, is a
        common noun however the tagger read it (not 'Sanders said', 'Jones said': names the article uses again,
        or that the model knows as names)."""
        lower = head.lower_
        if not (head.is_title and head.is_sent_start and lower.endswith("s") and len(lower) > 3
                and head.pos_ in ("PROPN", "NOUN") and head.ent_type_ not in ("PERSON", "NORP", "GPE", "LOC", "FAC")
                and head.text not in self._person_words
                and not any(c.dep_ in ("compound", "amod", "det", "poss", "nmod") for c in head.lefts)):
            return False
        if lower[:-1] in self.rules.document_heads or lower[:-2] in self.rules.document_heads:
            return False  # "Records show", "Emails show": documents
        if lower[:-1] in self.rules.anon_heads:
            return head.pos_ == "PROPN" or head.ent_type_ == "ORG"  # "Neighbours told police", "Aides said"
        if not (self.english and lower not in self.english and (
                lower[:-1] in self.english or (lower.endswith("ies") and lower[:-3] + "y" in self.english)
                or (lower.endswith("es") and lower[:-2] in self.english))):
            return False
        # a name the article writes with its capital after another word ("... said Sanders", "and Mills")
        return not re.search(r"[a-z,;:][ \t]+" + re.escape(head.text) + r"\b", self.text)

    def _bare_name(self, head: Token) -> bool:
        """'Hannity asked Trump ...', 'Sanders continued' with the name tagged a common noun: a capitalised
        noun with no determiner that the parser takes for a person's name elsewhere in the article, or that
        is no English word ("Security said" stays a word). A capitalised subject the tagger took for a verb is
        a name too: "Trump further summed up ..." (a subject is no verb)."""
        if head.tag_ in ("VB", "VBP", "VBZ") and head.dep_ in ("nsubj", "nsubjpass") and head.is_title and not any(
                c.dep_ in ("det", "poss", "amod") for c in head.children):
            return True
        if head.tag_ not in ("NN", "NNS") or any(c.dep_ in ("det", "poss", "compound", "amod") for c in head.children):
            return False
        if head.text in self._person_words:
            return True
        # (a plural is a name only when the parser knows it as one: "Superdelegates said" is no one's name)
        # (nor is "Pelosi" a plural, whatever the tagger says)
        return bool(self.english) and (head.tag_ == "NN" or not head.lower_.endswith("s")) and head.is_title and len(
            head.text) > 2 and (
            re.sub(r"[’']s$", "", head.lower_) not in self.english and head.lemma_.lower() not in self.english)

    def short_outlet(self, span: Span) -> str | None:
        """'the Post', 'the Journal': an outlet the article names in full ("The Washington Post")."""
        words = [t for t in span if not t.is_punct]
        if len(words) != 2 or words[0].lower_ != "the" or not words[1].is_title:
            return None
        if self._outlets_here is None:
            text = self.text
            self._outlets_here = {}  # last word -> [(offset, full name)] of each outlet named in full
            for name in set(self.rules.outlets.values()):
                if " " in name:
                    for m in re.finditer(re.escape(name), text):
                        self._outlets_here.setdefault(name.split()[-1].lower(), []).append((m.start(), name))
        before = [(at, name) for at, name in self._outlets_here.get(words[1].lower_, []) if at < span.start_char]
        return max(before)[1] if before else None  # the one named last before: "The New York Post ... the Post"

    def _anonymous(self, head: Token, span: Span, base: dict, sent: Span) -> Source:
        rank_words, count_words = self.rules.rank_words, self.rules.count_words
        count = None
        for c in head.children:
            if c.dep_ == "nummod" or (c.dep_ in ("amod", "det") and c.lower_ in count_words):
                count = c.text
            elif c.dep_ == "det" and c.lower_ in ("a", "an", "one"):
                count = "one"
        rank = [c.text for c in head.lefts if c.dep_ == "amod" and c.lower_ in rank_words and c.lower_ not in count_words]
        aff_tokens: list[Token] = []
        for c in head.lefts:
            if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod") and c.lower_ not in rank_words and c.lower_ not in count_words:
                aff_tokens.extend(t for t in c.subtree if t.dep_ != "punct" and t.lower_ not in rank_words)
        for c in head.rights:
            if c.dep_ == "prep" and c.lower_ in ("at", "in", "from", "with", "within", "inside", "for", "of") :
                aff_tokens.extend(t for t in c.subtree if t is not c)
        # (within the source phrase: no dateline before it, no relative clause after it)
        aff_tokens = sorted((t for t in aff_tokens if span.start <= t.i < span.end), key=lambda t: t.i)
        affiliation = _strip_the(" ".join(t.text for t in aff_tokens)).replace(" 's", "'s") or None
        role = " ".join(rank + [head.text.lower()]) if rank else None
        name = span.text
        if span[0].pos_ in ("DET", "NUM") or (span[0].is_title and span[0].pos_ != "PROPN" and span[0].ent_type_ == ""):
            name = name[0].lower() + name[1:]  # "Two U.S. officials" at a sentence start
        return Source(name=name, kind="anonymous", count=count, affiliation=affiliation, role=role,
                      descriptor=head.text.lower(), reason=self.reason_in(sent.text), **base)

    def _definite_anaphor(self, head: Token, base: dict) -> tuple[Source, list[str]] | None:
        """'The sources' -> the last anonymous source; 'the minister' -> the last person with that role."""
        lemma = head.lemma_.lower()
        for prev in reversed(self.history):
            if prev.kind == "person" and prev.role and lemma in prev.role.lower():
                return self._resolved(prev, base, head.text), ["anon-definite-anaphor"]
            if prev.kind == "anonymous" and prev.descriptor and (
                    prev.descriptor.rstrip("s") == head.text.lower().rstrip("s") or lemma in ("source", "official")):
                return self._resolved(prev, base, head.text), ["anon-definite-anaphor"]
        return None

    def writer(self, base: dict) -> Source:
        """The writer as a source: 'I think', 'we now know', 'it seems'."""
        return Source(name=self.writer_name, kind="writer", **base)

    def resolve_pronoun(self, head: Token, base: dict) -> tuple[Source, list[str]]:
        lower = head.lower_
        rule = self.rules.writer_words.get(lower) if self.writer_voice else None
        if rule is not None:  # outside quotes "I" and "we" are the writer, "you" the writer's reader
            return self.writer(base), [rule.id]
        want: tuple[str, ...]
        if lower in PRONOUNS_PERSON:
            want = ("person",)
        elif lower in PRONOUNS_PLURAL:
            want = ("anonymous", "organisation", "government", "group", "outlet", "person")
        elif lower in PRONOUNS_THING:
            want = ("organisation", "government", "outlet", "document")
        else:
            want = ()
        if lower in PRONOUNS_PERSON:
            # the first person named as a subject earlier in the same sentence, outside the words reported: "Ms.
            # Brainard joined the Fed in 2014, but she said ..." (not Trump in '"Trump is wrong," he said')
            sent = head.sent
            here = [e for e in itertools.takewhile(lambda e: e.start >= sent.start, self.people_before(head.i))
                    if e.root.dep_ in ("nsubj", "nsubjpass") and not _quoted_before(self.text, e.end_char, head.idx)
                    and not self.other_gender(self.name_of(e), lower)]
            if here:
                name = self.name_of(here[-1])  # the first: "Bivens hopes Clinton will ..., even as he ..."
                self._learn(name, lower)
                src = Source(name=name, kind="person", resolved_from=head.text, **base)
                return self._remember(src), ["pronoun-antecedent"]
        if lower in PRONOUNS_PLURAL:
            # unnamed people earlier in the same sentence: "two current officials, who spoke on condition of
            # anonymity because they feared losing their jobs"
            near = next((t for t in reversed(head.doc[head.sent.start:head.i]) if t.tag_ == "NNS"
                         and t.lemma_.lower() in self.rules.anon_heads and (
                             t.dep_ in ("nsubj", "nsubjpass") or any(c.dep_ == "relcl" for c in t.children))), None)
            if near is not None and near.i < head.i - 1:
                src, rules = self.describe(near, head.sent)
                if src.kind == "anonymous":
                    return self._resolved(src, base, head.text), rules + ["pronoun-antecedent"]
        recent = list(reversed(self.history[-12:]))
        for k, prev in enumerate(recent):
            if lower in PRONOUNS_PERSON and k == 0 and (prev.kind == "office" or (
                    prev.kind == "anonymous" and self._one_person(prev))) and not (
                    prev.start is not None and any(prev.end <= e.start_char < head.idx for e in self._people)):
                # "A senior U.S. official said ... He added ...", "The mayor said ... She said ...": the source just before
                return self._resolved(prev, base, head.text), ["pronoun-antecedent"]
            if prev.kind in want:
                if lower in PRONOUNS_PLURAL and prev.kind == "person":
                    continue
                if prev.kind == "person" and (self.other_gender(prev.name, lower)
                                              or self._guessed_other(prev, lower, recent[k + 1:])):
                    continue  # "Hillary Clinton said ... He said ...": not Clinton
                self._learn(prev.name if prev.kind == "person" else None, lower)
                return self._resolved(prev, base, head.text), ["pronoun-antecedent"]
        if lower in PRONOUNS_PERSON:
            # no earlier person source: a person named in the last sentence that names one of the right
            # gender; of several, one the article shows to be of that gender, else the subject, else the
            # nearest ("Mrs. Clinton spoke after Bernie Sanders. She said ...": Clinton)
            fits = (e for e in self.people_before(head.i) if not self.other_gender(self.name_of(e), lower))
            nearest = next(fits, None)
            if nearest is not None:
                sent = nearest.sent
                same = [nearest] + list(itertools.takewhile(lambda e: e.start >= sent.start, fits))
                shown = [e for e in same if self._genders and self._genders.get(self.name_of(e))]
                subject = [e for e in same if e.root.dep_ in ("nsubj", "nsubjpass")]
                ent = (shown or subject or same)[0]
                name = self.name_of(ent)
                self._learn(name, lower)
                src = Source(name=name, kind="person", resolved_from=head.text, **base)
                return self._remember(src), ["pronoun-antecedent"]
        if lower in PRONOUNS_PLURAL and head.sent.start > 0:
            # no earlier source: unnamed people who were the subject of the sentence before ("Two European
            # diplomats met the envoy. They said ...")
            before = head.doc[head.sent.start - 1].sent
            subj = next((t for t in before if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and t.tag_ == "NNS"
                         and t.lemma_.lower() in self.rules.anon_heads), None)
            if subj is not None:
                src, rules = self.describe(subj, before)
                if src.kind == "anonymous":
                    return self._resolved(src, base, head.text), rules + ["pronoun-antecedent"]
        src = Source(name=head.text, kind="person" if lower in PRONOUNS_PERSON | PRONOUNS_SELF else "group", **base)
        return src, []

    def _one_person(self, src: Source) -> bool:
        """An unnamed source that is one person introduced as such: "a senior U.S. official", "one aide" (not
        "officials", nor "the nominee", whom the article may name)."""
        return (src.count == "one" and (src.descriptor or "") in self.rules.anon_heads
                and src.name.split()[0].lower() in ("a", "an", "one"))

    def _resolved(self, prev: Source, base: dict, said: str) -> Source:
        src = copy.copy(prev)
        src.text, src.start, src.end = base["text"], base["start"], base["end"]
        src.resolved_from = said
        src.cue = None
        self.history.append(src)
        return src

    def _remember(self, src: Source) -> Source:
        self.history.append(src)
        return src
