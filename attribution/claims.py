"""Splits the body into claims and labels them, with evidence and rule ids.

A claim is a sentence, or a clause of one where a sentence holds an attributed
part and an unattributed one. Each claim gets exactly one label:
``named-official``, ``anonymous-source`` or ``editorial-framing``.
"""
from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from .framing import QUOTE_PAIRS, MarkerFinder, quote_spans
from .model import CLAIM_PARTS, Article, Attribution, Claim, Cue, Skipped, Source
from .model import Span as CharSpan
from .rules import Rule, RuleError, RuleSet
from .sources import WRITER, SourceResolver, document_head_rule, of_object

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CONTENT_DEPS = ("ccomp", "xcomp", "parataxis", "dobj", "dative", "prep", "oprd", "attr", "acomp", "pcomp", "advcl")
CLAUSE_DEPS = ("ccomp", "parataxis")
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")
LABEL_NAMED, LABEL_ANON, LABEL_EDITORIAL = "named-official", "anonymous-source", "editorial-framing"


@dataclass
class Hit:
    """A cue found in a sentence, before its source is described."""

    cue_start: int  # token indices
    cue_end: int
    verb: Token
    rule: Rule
    stance: str
    source_head: Token | None
    content: tuple[int, int] | None  # character offsets
    recipient: Token | None = None
    rules: list[str] = field(default_factory=list)
    source: Source | None = None
    source_rules: list[str] = field(default_factory=list)
    reports: bool = False  # has a clause or a quote of its own as content
    sources_clause: bool = False  # a parenthetical ("as the Post reported, ...", "..., he said, ...") over its head clause
    unstated: bool = False  # "Asked about it, ...": a participle whose source the sentence does not state
    source_span: tuple[int, int] | None = None  # token range, when the parse gives no usable subtree (headlines)
    document: bool = False  # the source span is a document phrase ("..., campaign finance records show.")
    sibling_of: int | None = None  # the verb (token index) of the cue it stands beside, not inside ("fear ... and warn")

    @cached_property
    def depth(self) -> int:
        return sum(1 for _ in self.verb.ancestors)

    def cue(self, doc: Doc) -> Cue:
        span = doc[self.cue_start:self.cue_end]
        return Cue(text=span.text, start=span.start_char, end=span.end_char,
                   lemma=" ".join(t.lemma_.lower() for t in span), stance=self.stance)


def _label_for(src: Source | None) -> str:
    if src is not None and src.kind == "writer":
        return LABEL_EDITORIAL  # "I think", "it seems": the writer's own voice, its cue kept as evidence
    if src is None or src.anonymous:
        return LABEL_ANON
    return LABEL_NAMED


def _label_for_chain(chain: list[Source]) -> str:
    """The innermost source decides, but a claim that rests on an unnamed link anywhere in the chain is
    anonymous-source: "One of them said Lyle told staff ..." is only as good as "one of them"."""
    label = _label_for(chain[-1])
    if label == LABEL_NAMED and any(s.anonymous for s in chain[:-1]):
        return LABEL_ANON
    return label


class Labeller:
    def __init__(self, vocab, rules: RuleSet):
        self.rules = rules
        self.markers = MarkerFinder(rules)
        self.matcher = Matcher(vocab, validate=True)
        self.phrase_rules: dict[str, Rule] = {}
        for rule in rules.of_type("cue-phrase", "not-cue"):
            try:
                self.matcher.add(rule.id, rule.get("patterns"))
            except Exception as e:  # spaCy's MatchPatternError lists every problem
                raise RuleError(rule.file, rule.id, f"bad Matcher pattern: {str(e).strip().splitlines()[0]}") from None
            self.phrase_rules[rule.id] = rule
        self.passive_rule = next(iter(rules.of_type("cue-passive")), None)
        self.headline_rule = next((r for r in rules.rules if r.id == "headline-cue"), None)
        self.colon_rule = next(iter(rules.of_type("cue-colon")), None)
        # subjects that stand for no one in particular: "nobody knows", "everyone agrees", "what he said"
        self.not_sources = {w.lower(): r.id for r in rules.of_type("not-source") for w in r.get("words")}
        negating = [r for r in rules.of_type("not-source") if r.get("negators")]
        self.negators = {w.lower() for r in negating for w in r.get("negators")}
        self.negators_rule = negating[0].id if negating else None
        self.not_speakers = {w.lower() for w in self.colon_rule.get("not_speakers", [])} if self.colon_rule else set()
        self.continuation_rule = next((r for r in rules.rules if r.id == "quote-continuation"), None)
        self.english: frozenset[str] = frozenset()  # known English words (set by the engine from the model)
        # one-word offices ("the mayor", "the senator"): people who hold a belief or take a stance
        self.offices = {w for r in rules.of_type("anaphor") if r.id == "definite-office"
                        for w in r.get("lemmas", []) if " " not in w}
        # offices only of a named organisation: "NATO chief", "CIA director"
        self.org_offices = {w.lower() for r in rules.of_type("anaphor") if r.id == "definite-office"
                            for w in r.get("organisation_offices", [])}
        # people by what they do or who they are to someone ("the candidates", "Clinton's lawyers", "his wife")
        self.person_words = {w for r in rules.of_type("anaphor") if r.id in ("definite-description", "relatives")
                             for w in r.get("lemmas", []) if " " not in w}

    # --- the article -------------------------------------------------------
    def label(self, article: Article, doc: Doc) -> tuple[list[Claim], list[Skipped]]:
        resolver = SourceResolver(doc, self.rules, english=self.english, text=article.text,
                                  skipped=[(p.start, p.end) for p in article.parts if p.kind not in CLAIM_PARTS])
        resolver.writer_name = article.byline or WRITER
        self._resolver = resolver
        self._suppressed: list[tuple[str, int]] = []  # not-cue rules that fired: (rule id, offset)
        # surnames of the people the article names, title-cased: "Gingrich:" and "BOULDUAN:" are speakers
        self._surnames = {e[-1].text.title() for e in resolver.ents if e.label_ == "PERSON"}
        # and every word of their names: "Xi:" for Xi Jinping
        self._name_words = {t.text.title() for e in resolver.ents if e.label_ == "PERSON" and len(e) > 1 for t in e
                            if t.is_alpha and len(t) > 1}
        self._known_names = self._surnames | self._name_words
        # a transcript: paragraphs that open with a speaker in capitals ("TAPPER: ...", "KATE BOULDUAN: ...")
        self._transcript = sum(1 for p in article.parts if _CAPS_SPEAKER.match(p.text)) >= 2
        claims: list[Claim] = []
        skipped: list[Skipped] = []
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]
        phrase_hits: dict[int, list[tuple[str, int, int]]] = {}
        token_starts = [sent.start for sent in sents]  # (Token.sent builds the sentence anew on each call)
        for match_id, start, end in self.matcher(doc):
            sent_start = token_starts[bisect.bisect_right(token_starts, start) - 1]
            phrase_hits.setdefault(sent_start, []).append((doc.vocab.strings[match_id], start, end))
        for part in article.parts:
            if part.kind not in CLAIM_PARTS:
                skipped.append(Skipped(part.start, part.end, part.text, part.kind))
                continue
            # quotations are paired within a paragraph: one stray mark must not flip the rest of the article
            quotes = quote_spans(part.text, part.start)
            # "I think" is the writer's own voice only in a body paragraph with no quotation in it (a quote
            # the pairing missed, a paragraph of a multi-paragraph quote, 'single quotes') and no speaker
            # before a colon ("SANDERS: I do.", "Q: Do you think ...")
            resolver.writer_voice = part.kind == "body" and not _QUOTE_MARK.search(part.text) and not (
                _SPEAKER_PREFIX.match(part.text))
            i = max(bisect.bisect_right(starts, part.start) - 1, 0)
            while i < len(sents) and sents[i].start_char < part.end:
                sent = sents[i]
                i += 1
                s, e = _strip(article.text, max(sent.start_char, part.start), min(sent.end_char, part.end))
                if s >= e:
                    continue
                phrases = phrase_hits.get(sent.start, [])
                if (article.text[e - 1] == ":" and len(sent) <= 12 and i < len(sents)
                        and sents[i].start_char < part.end):
                    # "Reid:" or "Trump said:" cut off from what follows: one claim with the next sentence
                    e = _strip(article.text, s, min(sents[i].end_char, part.end))[1]
                    phrases = phrases + phrase_hits.get(sents[i].start, [])
                    i += 1
                if (len(sent) <= 3 and i < len(sents) and sents[i].start_char < part.end
                        and all(t.is_title or t.is_punct and t.text in "-&." for t in sent)
                        and not article.text[s:e].endswith((".", ":", "!", "?"))
                        and not article.text[e:sents[i].start_char].strip()):
                    # the splitter cut a name off its sentence: "Manchester" + "United are closing in on ..."
                    e = _strip(article.text, s, min(sents[i].end_char, part.end))[1]
                    phrases = phrases + phrase_hits.get(sents[i].start, [])
                    i += 1
                while (i < len(sents) and sents[i].start_char < part.end
                       and article.text[s:e].rstrip("\"”’'")[-1:] in ("?", "!") and article.text[e - 1] in "\"”’'"
                       and (article.text[sents[i].start_char:sents[i].end_char].lstrip()[:1].islower()
                            or _attribution_only(sents[i], self.rules))):
                    # '"Do you support him?" the pollster asked.': the splitter cut after the question mark
                    e = _strip(article.text, s, min(sents[i].end_char, part.end))[1]
                    phrases = phrases + phrase_hits.get(sents[i].start, [])
                    i += 1
                if (not any(ch.isalnum() for ch in article.text[s:e]) and claims
                        and claims[-1].end <= s and part.start <= claims[-1].start):
                    # spaCy sometimes ends a sentence before its closing quote: the mark belongs to the claim before
                    prev = claims[-1]
                    prev.end, prev.text = e, article.text[prev.start:e]
                    continue
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                sent_quotes = [q for q in quotes if q[0] < e and s < q[1]]
                hits = self.find_hits(span, part.kind, phrases, sent_quotes)
                for ps, pe, top in self.pieces(span, hits, article.text, sent_quotes):
                    claims.append(self.make_claim(article, doc, part.kind, ps, pe, top, hits, resolver, claims, sent_quotes))
        return claims, skipped

    # --- cues --------------------------------------------------------------
    def find_hits(self, span: Span, part: str, phrases, quotes) -> list[Hit]:
        rs = self.rules
        doc = span.doc
        hits: list[Hit] = []
        in_quote = lambda t: any(q0 < t.idx < q1 - 1 for q0, q1 in quotes)  # noqa: E731
        covered: set[int] = set()
        for rule_id, start, end in phrases:
            if span.start <= start < span.end and self.phrase_rules[rule_id].type == "not-cue":
                # "That said,", "when all was said and done", "according to plan": idioms, no cue
                covered.update(range(start, end))
                self._suppressed.append((rule_id, doc[start].idx))
        for rule_id, start, end in phrases:
            if not (span.start <= start < span.end):
                continue
            rule = self.phrase_rules[rule_id]
            if rule.type == "not-cue" or start in covered:
                continue
            if in_quote(doc[start]):
                continue
            if rule.get("source") == "object":
                last = doc[end - 1]
                obj = next((c for c in last.children if c.dep_ == "pobj"), None)
                if obj is None:  # "according to show insiders" parsed as a verb phrase: its object
                    pcomp = next((c for c in last.children if c.dep_ == "pcomp"), None)
                    obj = next((g for g in pcomp.children if g.dep_ == "dobj"), None) if pcomp is not None else None
                if obj is None:
                    continue
                heads = rule.get("object_heads")
                if heads is not None and (obj.lemma_.lower() not in heads or doc[start].head.pos_ not in ("VERB", "AUX")
                                          or doc[start].head.lemma_.lower() in _TAKING_PART
                                          or any(c.lower_ == "straw" or c.ent_type_ == "DATE" for c in obj.lefts)):
                    # "in a new poll" sources its clause; "in the park", "respondents in the poll said" and
                    # "voters surveyed in the poll" do not
                    continue
                content = _outside(span, doc[start].head if doc[start].dep_ == "prep" else doc[start], start, obj.right_edge.i + 1)
                clause = doc[start].head
                cut = [c for c in clause.rights if c.dep_ == "conj" and any(g.dep_ in SUBJECTS for g in c.children)]
                if content and cut:
                    ccs = [g for g in clause.children if g.dep_ == "cc" and g.i < cut[0].left_edge.i]
                    stop = (ccs[-1] if ccs else cut[0].left_edge).idx
                    content = (content[0], min(content[1], stop)) if content[0] < stop else content
                hits.append(Hit(start, end, doc[start], rule, rule.get("stance"), obj, content, rules=[rule.id],
                                reports=True))  # "CLINTON: According to two officials, ...": a link of the chain
            else:
                if rule.get("cue_length"):
                    end = min(end, start + rule.get("cue_length"))  # "put it" of "put it on Monday"
                while end - start > 1 and (
                        doc[end - 1].lower_ in ("that", "whether", "how", "what", "why", "if", "when", "where", "who")
                        or doc[end - 1].is_punct or (doc[end - 1].tag_ == "VBG" and doc[end - 2].lower_ == "to")
                        or (doc[end - 1].dep_ in ("nsubj", "nsubjpass", "det", "poss") and rule.get("stance") == "belief")):
                    # the pattern needs the clause's first word or subject, the comma or the deed ("devoted to
                    # defeating"); the cue stops before it
                    end -= 1
                verbs = [t for t in doc[start:end] if t.pos_ == "VERB"]
                verb = next((t for t in verbs if t.lemma_.lower() in ("decline", "refuse")), verbs[-1] if verbs else doc[start])
                if doc[start].lemma_ in ("be", "remain"):
                    # "are not convinced that": the copula holds the subject (but in "were thrilled with" the
                    # parser reads a passive, and the participle does)
                    verb = doc[start] if doc[start].dep_ not in ("aux", "auxpass") else doc[start].head
                subj = self.subject_of(verb)
                if subj is not None and (subj.dep_ == "expl" or self._no_one(subj)):
                    continue  # "Nobody is sure whether ...", "there is no sign that ..."
                if rule.get("stance") == "belief" and not self._minded(subj):
                    continue  # "It is uncertain whether ...", "the outcome is uncertain"
                hits.append(Hit(start, end, verb, rule, rule.get("stance"), subj, None, rules=[rule.id]))
            covered.update(range(start, end))
        for tok in span:
            if tok.i in covered or in_quote(tok):
                continue
            lower = tok.lower_
            if lower in rs.cue_adverbs and tok.dep_ == "advmod":
                rule = rs.cue_adverbs[lower]
                hits.append(Hit(tok.i, tok.i + 1, tok, rule, rule.get("stance"), None, (span.start_char, span.end_char), rules=[rule.id]))
                continue
            if tok.pos_ != "VERB" and not (tok.pos_ == "AUX" and tok.lemma_.lower() in rs.writer_lemmas):
                continue  # ("seems fixated" parses as a passive auxiliary)
            if part in ("headline", "subhead") and tok.tag_ == "VBZ" and (
                    tok.dep_ in ("dobj", "pobj", "compound")
                    or self._headline_noun(tok.lemma_.lower(), tok.doc[tok.i + 1:span.end])):
                # a noun the title parse took for a verb: "Labour slams Tory plans for NHS", "Union demands spark fears"
                continue
            hit = self.verb_hit(tok, span, quotes, part)
            if hit:
                hits.append(hit)
        if part in ("headline", "subhead"):
            hit = self.headline_hit(span)
            if hit is not None and hit.verb.i in covered:
                hit = None  # an idiom that reports nothing: "Ford recalls 1 million SUVs"
            if hit and hits:
                # the title case parse took a cue for a noun of the subject: "Netanyahu rejects ceasefire demands"
                # read "demands" as the verb of "Netanyahu rejects ceasefire"
                inside = [h for h in hits if h.source_head is not None
                          and h.source_head.left_edge.i <= hit.verb.i <= h.source_head.right_edge.i]
                if inside:
                    hits = [h for h in hits if h not in inside] + [hit]
            elif hit:
                hits.append(hit)
        hit = self.colon_hit(span, hits, in_quote, part)
        if hit:
            hits.append(hit)
        hit = self.trailing_document_hit(span, hits)
        if hit:
            hits.append(hit)
        return self._hedged_by_writer(self._second_reports(hits))

    @staticmethod
    def _second_reports(hits: list[Hit]) -> list[Hit]:
        """'Some strategists fear that Clinton has missed a chance and warn that ...', 'Trump said he would order
        a review and warned against hackers': the parser hangs the second reporting verb on the verb of what the
        first reports, but its tense is the first verb's and not that one's, so it is the same subject's second
        report, beside the first and not inside it."""
        by_verb = {h.verb.i: h for h in hits}
        tense = lambda t: "VBP" if t.tag_ == "VB" else t.tag_  # noqa: E731  ("fear ... and warn": the tagger's VB)
        for h in hits:
            tok = h.verb
            head = tok.head
            if (tok.dep_ != "conj" or not h.reports or head.dep_ != "ccomp" or any(c.dep_ in SUBJECTS for c in tok.children)
                    or tense(tok) == tense(head) or head.head.i not in by_verb):
                continue
            outer = by_verb[head.head.i]
            if (tense(tok) != tense(outer.verb) or outer.verb.i > head.i or outer.source_head is None
                    or outer.content is None):
                continue
            h.sibling_of = outer.verb.i
            h.source_head = outer.source_head
            cc = next((c for c in head.children if c.dep_ == "cc" and c.i < tok.i and c.i > head.i), None)
            cut = (cc or tok.left_edge).idx
            if outer.content[0] < cut < outer.content[1]:
                outer.content = (outer.content[0], cut)
        return hits

    def _hedged_by_writer(self, hits: list[Hit]) -> list[Hit]:
        """'Rubio seemed to urge voters to ...', 'Cruz appeared to suggest that ...': the writer hedges a cue
        whose source is the perception verb's own subject. That is one attribution, Rubio's, with the cue
        'seemed to urge'; the hedge stays a framing marker. ('The deal seems dead' is the writer's own, and so
        is 'The move seemed to signal a shift': a move is no source; and 'Trump seems to understand ...' is the
        writer's reading of a mind, no words of Trump's.)"""
        out = hits
        for w in hits:
            if w.rule.type != "cue-writer" or w.verb.pos_ == "AUX":
                continue
            subj = self.subject_of(w.verb)
            if subj is None or not (self._minded(subj) or document_head_rule(self.rules, subj) is not None):
                continue  # "The move seemed to signal a shift", "It seemed to suggest ...": the writer's reading
            inner = next((h for h in hits if h is not w and h.verb.dep_ == "xcomp" and h.verb.head.i == w.verb.i
                          and h.source_head is not None and h.source_head.i == subj.i and h.stance != "belief"), None)
            if inner is None:
                continue
            out = [h for h in out if h is not w]
            inner.cue_start = min(inner.cue_start, w.cue_start)
            inner.rules = list(dict.fromkeys(w.rules + inner.rules))
        return out

    _FINDING_FORMS = frozenset({"show", "shows", "showed", "suggest", "suggests", "suggested", "indicate",
                                "indicates", "indicated", "find", "finds", "found", "reveal", "reveals", "revealed"})

    def trailing_document_hit(self, span: Span, hits: list[Hit]) -> Hit | None:
        """'..., Federal Election Commission records show.': the small model reads "records show" as one noun
        (a compound), so the verb that sources the clause before the comma has no subject; take it by its form."""
        doc = span.doc
        end = span.end
        while end > span.start and (doc[end - 1].is_punct or doc[end - 1].is_quote):
            end -= 1
        if end - span.start < 5:
            return None
        last = doc[end - 1]
        if last.lower_ not in self._FINDING_FORMS or any(h.verb.i == last.i for h in hits):
            return None
        head = doc[end - 2]
        if document_head_rule(self.rules, head) is None or head.pos_ not in ("NOUN", "PROPN", "VERB"):
            return None
        plural = head.tag_ in ("NNS", "NNPS") or head.lower_ == "data" or (head.lower_.endswith("s") and head.tag_ == "VBZ")
        if last.lower_ in ("show", "find", "suggest", "indicate", "reveal") and not plural:
            return None  # "a record find": the verb's plain form needs plural records, data or polls
        if last.lower_.endswith("s") and (plural or head.lower_ in _SHOW_NOUNS):
            return None  # "radio and podcast shows", "photo shows": a noun; "a new analysis shows" is the verb
        comma = next((t for t in reversed(doc[span.start:end - 2]) if t.text == ","), None)
        if comma is None or comma.i < span.start + 3 or end - 2 - comma.i > 10:
            return None
        first = comma.i + 1
        while first < end - 2 and doc[first].pos_ in ("ADP", "SCONJ", "CCONJ", "ADV"):
            first += 1  # "..., as bank records show."
        if any(t.pos_ in ("VERB", "AUX") or t.text in ('"', "“", "”") for t in doc[comma.i + 1:end - 2]):
            return None  # a clause of its own, not a noun phrase
        rule = self.rules.cue_lemmas.get(last.lemma_.lower()) or self.rules.cue_lemmas.get("show")
        if rule is None:
            return None
        hit = Hit(last.i, last.i + 1, last, rule, rule.get("stance"), head, (span.start_char, comma.idx),
                  rules=[rule.id], source_span=(first, end - 1), reports=True, document=True)
        return hit

    def colon_hit(self, span: Span, hits: list[Hit], in_quote, part: str = "body") -> Hit | None:
        """'Reid: Never underestimate Trump.', 'KATE BOULDUAN: Why not debate?': a name, a colon, what they said.
        In a headline, also an organisation, outlet, document or group: 'Poll: Trump leads in Ohio', 'WikiLeaks:
        Podesta ...', 'Police: Man shot near the Capitol' (in the body these are labels: 'Cost: $4 million')."""
        rule = self.colon_rule
        if rule is None:
            return None
        doc = span.doc
        colon = next((t for t in span[:14] if t.text == ":"), None)
        if colon is None or colon.i == span.start or colon.i >= span.end - 1 or in_quote(colon):
            return None
        if any(h.cue_start < colon.i for h in hits):
            return None  # "Trump said:" has its cue already
        start = span.start
        dashes = [t.i for t in doc[start:colon.i] if t.text in ("–", "—", "-", "|")]
        if dashes:
            start = dashes[-1] + 1  # "EXCLUSIVE – Roger Stone:"
        while start < colon.i and doc[start].is_punct:
            start += 1
        # the speaker is the name before any "on ...", "at ...", "to ...": "Gillibrand on Hillary's speeches:"
        end = next((t.i for t in doc[start:colon.i] if t.lower_ in ("on", "at", "to", "about", "in") and t.i > start), colon.i)
        who = doc[start:end]
        words = [t for t in who if not t.is_punct]
        headline = part in ("headline", "subhead")
        # (in a headline "Sources:" is the convention for unnamed sources: "Sources: Biden to skip G20 summit")
        not_speakers = self.not_speakers - {"source", "sources"} if headline else self.not_speakers
        if (not words or len(words) > 6 or who.text.lower().strip() in not_speakers
                or words[0].lower_ in not_speakers or any(t.lower_ in ("vs", "vs.", "versus", "v.") for t in words)):
            return None  # "Update:", "WATCH BELOW:", "SkyTrain vs. Evergreen Line:"
        # names are capitalised: "Bill Clinton", "Former AG Mukasey", "KATE BOULDUAN", "Poll";
        # "Read the latest updates below:" and "The result:" are not; in a headline a role, group or document is
        # written in lower case: "NATO chief:", "US official:", "Reuters poll:", "ESPN sources:"
        rs = self.rules
        last = words[-1].lemma_.lower()
        document = document_head_rule(rs, words[-1]) is not None and words[0].lower_ != "the"  # not "The plan:"
        role = headline and (last in self.offices or last in self.org_offices or last in rs.anon_heads
                             or last in rs.institution_heads or words[-1].lower_.rstrip("s") in rs.anon_heads
                             or document)
        if not role and any(t.is_lower and t.pos_ not in ("ADP", "DET", "CCONJ", "PART") and t.lower_ not in self._title_words
                            for t in words):
            return None
        outlet = who.text.lower().strip().removeprefix("the ") in rs.outlets
        if (words[0].pos_ in ("ADP", "SCONJ", "ADV", "INTJ") and not words[0].is_upper and not outlet
                and words[0].text.title() not in self._known_names):
            return None  # "In Iowa:", "Still:" (and "Here's why:", whose first word is listed in not_speakers)
        # and the speaker is a person: "Ukraine:", "Tuesday:", "Cost:", "Police:" and "Round 2:" are no speakers
        if any((t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "GPE", "LOC")
                or t.like_num) and t.text.title() not in self._name_words
               and not (role and t.i < words[-1].i and t.ent_type_ in ("GPE", "LOC")) for t in words):
            return None  # (but "Lagarde:", tagged a place, when the article names Christine Lagarde)
        named = [t for t in words if t.lower_ not in self._title_words]
        person = (any(t.ent_type_ == "PERSON" for t in named)
                  or (named and named[-1].text.strip(".").title() in self._known_names)
                  or (len(named) >= 2 and all(t.is_upper for t in named))  # "KATE BOULDUAN:" in a transcript
                  # "BENENSON:" where other paragraphs open so too (an article's one "UPDATE:" is no transcript), and
                  # no English word ("ENERGY:", "BONDS:" head the sections of a markets report)
                  or (self._transcript and len(named) == 1 and named[0].is_upper and len(named[0].text) >= 3
                      and named[0].text.isalpha() and who.start == span.start and not _english_noun(named[0], self.english)))
        acronym = False
        if not person and headline and (role or (named and not any(t.is_lower for t in words))):
            named = named or words  # ("Spokesman:", a title word)
            last = named[-1].lower_
            # an acronym of four letters or fewer, or no English word: "IDF:", "IAEA:", "CENTCOM:" (not "MARKETS:")
            acronym = (len(named) == 1 and named[0].is_upper and named[0].is_alpha and not document and (
                2 <= len(named[0].text) <= 4 or not _english_noun(named[0], self.english)))
            person = (outlet or any(t.ent_type_ in ("ORG", "NORP") for t in named) or acronym
                      or last in rs.anon_heads or named[-1].lemma_.lower() in rs.anon_heads
                      or named[-1].lemma_.lower() in rs.government_lemmas or role)
        if not person:
            return None
        head = words[-1]
        if words[-1].tag_ == "POS" and len(words) > 1:
            head = words[-2]
        content = (colon.idx + 1, span.end_char)
        hit = Hit(colon.i, colon.i + 1, colon, rule, rule.get("stance"), head, content, rules=[rule.id],
                  source_span=(who.start, who.end))
        hit.reports = True
        if acronym and not any(t.ent_type_ in ("ORG", "NORP", "GPE") for t in named):
            # an organisation the parser does not know: named as written ("IDF", not a person "Idf")
            hit.source = Source(text=who.text, start=who.start_char, end=who.end_char, name=who.text,
                                kind="organisation", cue=hit.cue(doc))
        return hit

    @cached_property
    def _title_words(self) -> set[str]:
        return {w.lower() for t in self.rules.titles for w in t.split()}

    def verb_hit(self, tok: Token, span: Span, quotes, part: str = "body") -> Hit | None:
        rs = self.rules
        if tok.dep_ == "amod":
            return None  # a participle as an adjective: "475 pledged delegates", "the alleged plot"
        lemma = tok.lemma_.lower()
        if lemma == "hop" and tok.lower_.startswith("hopp"):
            return None  # listed for "hopes", "hoping", which the small model lemmatises "hop"; not "hopped on stage"
        if lemma in rs.writer_lemmas:
            return self.writer_hit(tok, rs.writer_lemmas[lemma], span)
        rule = rs.cue_lemmas.get(lemma)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") and not _quote_between(c, tok) for c in tok.children) and not _has_said(tok)
        # "Asked about the donations, Clinton said ...": a participle with no subject is a passive too, and
        # Clinton is who was asked, not who asked
        participle = (not passive and tok.tag_ == "VBN" and tok.dep_ == "advcl"
                      and not any(c.dep_ in SUBJECTS for c in tok.children))
        passive = passive or participle
        if (not passive and part == "headline" and tok.tag_ in ("VBN", "VBD")
                and any(c.dep_ == "nsubj" for c in tok.children)
                and not any(c.dep_ in ("aux", "auxpass", "dobj", "dative", "ccomp") for c in tok.children)):
            # a headline drops the auxiliary: "Man charged over attack", "Drivers warned of icy roads" (but "British
            # sources indicated to The Guardian that ..." says something)
            passive = True
        if rule is None and not (passive and lemma in rs.passive_lemmas):
            return None
        recaller = self.subject_of(tok) if lemma == "recall" and part in ("headline", "subhead") else None
        if recaller is not None and not recaller.lower_.endswith("s") and any(
                c.dep_ == "dobj" and c.tag_ in ("NNS", "NNPS") and not any(g.dep_ in ("det", "poss") for g in c.children)
                for c in tok.children):
            return None  # a product recall: "Acme Recalls Heaters" (a memory: "Obama Recalls His Mother's Struggle")
        if lemma in rs.comparison_lemmas and any(c.dep_ == "mark" and c.lower_ == "than" for c in tok.children):
            # "more resilient than many expected", "faster than analysts had predicted": the writer's comparison
            # with what was expected (but "higher than previous studies have suggested" reports the studies)
            return None
        subject = self.subject_of(tok)
        if lemma in rs.armed_lemmas and self._armed(tok, subject):
            return None  # "Russian forces attacked the city", "Israel attacked Iran on Saturday"
        particles = rs.particle_lemmas.get(lemma)
        if particles is not None and not (self._minded(subject) and (any(
                (c.dep_ in ("prt", "advmod", "dobj") or (c.dep_ == "prep" and c.lower_ == "as" and not any(
                    g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.lemma_.lower() in rs.as_not_words)
                    for g in c.children))) and c.lower_ in particles
                for c in tok.children) or (
                # "Moscow branded the move a provocation": a second object is the description put on the first
                "as" in particles and (sum(c.dep_ in ("dobj", "dative") for c in tok.children) >= 2
                                       or any(c.dep_ == "oprd" for c in tok.children))))):
            # "shot back", "laid out his plan", "painted Trump as a caricature"; not "shot a deer", "the band
            # played down the street", "painted the fence", "cast the actor as the Human Torch" (a role), "painted
            # houses as a teenager" (rule key as_not_words)
            return None
        stance_preps = rs.stance_lemmas.get(lemma)
        if stance_preps is not None and any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ in rs.withdrawal_particles
                                            and c.lower_ not in stance_preps and c.i == tok.i + 1 for c in tok.children):
            return None  # "backed out of the deal", "backed down", "backed away from": withdrawn, no stance taken
        objects = rs.object_lemmas.get(lemma)
        if objects is not None and not (self._minded(subject) and any(
                c.dep_ in ("dobj", "acomp", "ccomp", "xcomp", "oprd", "attr") and c.lemma_.lower() in objects
                and not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "of" and c.lemma_.lower() == "point")
                for c in tok.children)):
            return None  # "made the case", "had harsh words for"; not "made a cake", "made a point of thanking"
        has_quote = bool(quotes)
        # (a that-clause the parser took for an adverbial one: "reported last week, citing ..., that the bank ...")
        clause = any(c.dep_ in CLAUSE_DEPS or (c.dep_ == "advcl" and c.i > tok.i and any(
            g.dep_ == "mark" and g.lower_ == "that" for g in c.children)) for c in tok.children)
        complement = clause or any(c.dep_ == "xcomp" for c in tok.children)
        if not (clause or has_quote) and self._deed(tok, lemma):
            return None  # "The Dodgers blasted three home runs", "The airline appealed the ruling"
        # ... unless someone speaks with a topic ("Obama spoke of his flights", rule cue-say's topic_lemmas)
        # or a poll reports a finding ("a survey found 90 percent support")
        # a quote makes a cue of a verb that needs a clause only when the verb heads the sentence's report:
        # '"It is over," she continued', not '"I am satisfied," Hooton said after Rubio spoke'
        quote_heads = has_quote and tok.dep_ not in ("advcl", "relcl", "acl", "pcomp", "xcomp")
        # "Caddell continued:", "He warned:": what follows the colon is what was said (a quote, a clause, or the
        # next paragraph; not a list: "The school offered: free lunch, after-school care and tutoring")
        quote_heads = quote_heads or (tok.i + 1 < span.end and tok.doc[tok.i + 1].text == ":"
                                      and tok.dep_ in ("ROOT", "conj") and self._minded(self.subject_of(tok))
                                      and _said_after_colon(tok.doc[tok.i + 2:span.end]))
        # "..., the source recalled": an aside after the comma reports the clause before it
        aside = _trailing_aside(tok, rs)
        quote_heads = quote_heads or aside
        # "As Mr. Bown observed, ...", "as Blinken said on Monday, ...": an "as" aside sources the sentence around
        # it (a verb that needs a clause only where rule key as_aside_lemmas lists it); "As he spoke," "as they
        # sparred over spending," "as the EU agreed to talks" are times, not sources: only a time or place may follow
        as_aside = (not clause and tok.dep_ == "advcl" and _parenthetical(tok)
                    and (lemma not in rs.needs_clause or lemma in rs.as_aside_lemmas)
                    and all(_time_or_place(c) for c in tok.children if c.dep_ == "prep"))
        if (lemma in rs.needs_clause and not (clause or quote_heads or as_aside)
                and not self._with_topic(tok, rs.topic_lemmas.get(lemma)) and not self._thing_object(tok, lemma, subject)
                and not self._finding_of_document(tok, lemma) and not self._speech_object(tok)):
            return None  # "forces continued to advance", "the video shows a man"
        if lemma in rs.needs_complement and not (complement or quote_heads) and not (
                (self._person_subject(tok) and stance_preps == []) or (
                    rule is not None and rule.get("stance") in ("belief", "refusal")
                    and (self._person_subject(tok) or self._group_mind(tok, lemma))
                    and (not stance_preps or any(c.dep_ == "dobj" for c in tok.children)))) and not (
                self._with_topic(tok, stance_preps)):
            # but "Trump supports the wall", "Clinton wants a debate", "she declined comment": someone's stance,
            # wish or refusal; with the preposition where the rule lists some ("campaigned for the bill", not
            # "campaigned in Iowa"; "hit back", not "hit a three-pointer"; "pushed for", not "pushed the stroller")
            return None
        if (not (clause or has_quote) and self._non_finite_adjunct(tok)
                and _governor(tok.head) not in rs.infinitive_governors
                and not self._hedged_infinitive(tok)):
            return None  # "refusing to ask for help", "adding to his victories", "having rejected the need"
        content = self.content_of(tok, span, quotes)
        # (an "as" aside followed by when or where it was said: "As Blinken said on Monday, ...")
        paren = ((content is None and not clause and _parenthetical(tok)) or aside
                 or (as_aside and any(c.dep_ == "prep" for c in tok.children)))
        if paren:
            # "As the Post reported, ...", "Recently, he said, he has realized ...": what the sentence says
            # around the parenthetical is what it reports
            first, last = tok.left_edge.i, tok.right_edge.i + 1
            if first <= span.start + 1 or last >= span.end - 1:
                content = _outside(span, tok, first, last)
            else:
                content = (span.start_char, span.end_char)
        reports = paren or clause or (has_quote and content is not None and any(q[0] >= tok.idx or q[1] <= tok.idx for q in quotes))
        if rule is not None and rule.get("minded_subject") and not passive and not self._minded(subject):
            return None  # "the car refused to start"
        if subject is not None and subject.lower_ == "you" and span.text.rstrip(" ”\"'").endswith("?"):
            return None  # "Do you support Donald Trump?", "How do you think he will heal?": asked, not said
        hit = self._verb_hit(tok, rule, lemma, passive, content)
        if hit is None and participle and rule is not None:
            # the question or request with no asker named: a cue whose source is unstated
            hit = Hit(tok.i, tok.i + 1, tok, rule, rule.get("stance"), None, content, rules=[rule.id], unstated=True)
        elif hit is not None and participle and hit.source_head is None:
            hit.unstated = True  # "Reported missing on Monday, the hiker ..."
        if hit is not None:
            hit.reports = bool(reports)
            hit.sources_clause = bool(paren)
            head = hit.source_head
            if head is not None and head.i < span.start:
                # "LONDON (Reuters) - Donald Trump said": the parser heads the subject with the dateline,
                # which the reader skipped; the source is the name after it
                inside = [c for c in head.subtree if c.dep_ in ("appos", "nsubj") and span.start <= c.i < tok.i]
                hit.source_head = inside[0] if inside else head
        return hit

    def _thing_object(self, tok: Token, lemma: str, subject: Token | None) -> bool:
        """'Mr. Bush questioned Mr. Trump's tactics': a person or group doing it to a thing (rule key
        thing_object_lemmas); not 'police questioned the suspect', 'questioned him', 'questioned the FBI'."""
        if lemma not in self.rules.thing_object_lemmas or not self._minded(subject):
            return False
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        return bool(objs) and not any(self._minded(o) or o.lemma_.lower() in self.rules.person_objects for o in objs)

    def _deed(self, tok: Token, lemma: str) -> bool:
        """A deed of play or of a court or company, not words: the object, or what the verb (or its infinitive) is
        done with, through or for, is a thing of the game (rule key play_words: "blasted three home runs", "denied
        Salah with a diving save", "threatened to tie the game with a deep fly ball"), or the object is one that
        makes this verb an act (act_objects: "appealed the ruling", "dismissed the case"). Play words count only for
        the verbs with a sense in play (play_lemmas: "denied", "claimed", "blasted"; not "praised the defenders",
        "hailed the win"); not where the verb's own object list has the word ("addressed the crowd"), nor an act with a
        description put on its object ("dismissed the charges as politically motivated")."""
        rs = self.rules
        own = rs.object_lemmas.get(lemma, [])
        acts = rs.act_objects.get(lemma, set())

        def words(t: Token) -> tuple[str, str]:
            compound = " ".join([c.lower_ for c in t.lefts if c.dep_ == "compound"] + [t.lemma_.lower()])
            return t.lemma_.lower(), compound

        # "Trump dismissed the charges as politically motivated": a description put on the thing is words
        # (the parser may read "as" as an adverb: "dismissed the lawsuit as frivolous"; but "as expected", "as the
        # defendant had died" are no description); and what is done with words is words: "responded to the crash
        # with a statement"
        described = any((t.lower_ == "as" and t.dep_ != "mark") or t.dep_ == "oprd" for t in tok.subtree if t.i > tok.i)
        described = described or any(c.dep_ == "prep" and c.lower_ == "with" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in rs.words_put_out for g in c.children) for c in tok.children)
        # a case dismissed by a court (the Kremlin dismissing a lawsuit rejects it)
        subject = self.subject_of(tok)
        court = subject is not None and subject.lemma_.lower() in rs.court_subjects
        verbs = [tok] + [c for c in tok.children if c.dep_ == "xcomp"]
        for v in verbs:
            for c in v.children:
                things = [c] if c.dep_ in ("dobj", "attr") else (
                    [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ in (
                        "with", "through", "for", "into", "to") else [])
                for t in things:
                    lem, compound = words(t)
                    if lem in own or compound in own:
                        continue
                    instrument = c.dep_ == "prep" and c.lower_ in ("with", "through")
                    if ((lem in rs.play_words or compound in rs.play_words or (instrument and lem in rs.play_instruments))
                            and lemma in rs.play_lemmas and not (c.dep_ == "prep" and c.lower_ == "to")):
                        return True
                    if v is tok and (c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "to")) and lem in acts and not (
                            described or (lem == "call" and (t.tag_ != "NN" or any(g.lower_ == "for" for g in t.children)))
                            or (lemma == "dismiss" and lem in rs.court_cases and not court)):
                        return True  # ("Deputies responded to a call"; not "responded to calls for an inquiry")
        return False

    def _armed(self, tok: Token, subject: Token | None) -> bool:
        """Arms, not words: an armed force as subject ("Russian forces attacked"), or as object a place or an armed
        force ("attacked a convoy"), or a country attacked by a country with no topic ("Israel attacked Iran on
        Saturday"; not "Trump attacked Mexico", "Russia attacked the U.S. over sanctions", "attacked the plan")."""
        rs = self.rules
        if subject is not None and (subject.lemma_.lower() in rs.armed_subjects or subject.ent_type_ in ("LOC", "FAC")):
            return True  # "Russian forces attacked", "an explosion ripped", "Red Sea attacks"
        preps = [c for c in tok.children if c.dep_ == "prep"]
        topic = any(not _time_or_place(p) and p.lower_ not in ("with", "into", "through") for p in preps)
        person = subject is not None and subject.ent_type_ not in ("GPE", "NORP", "LOC", "FAC") and self._minded(subject)
        # (into a place, unless a person does it with a topic: "Trump ripped into China over trade")
        if any(p.lower_ in ("into", "through") and not (topic and person) and not any(
                g.dep_ == "pobj" and self._minded(g) and g.ent_type_ not in ("GPE", "LOC", "FAC") for g in p.children)
               for p in preps) or any(
                p.lower_ == "with" and any(t.lemma_.lower() in rs.armed_subjects for t in p.subtree) for p in preps):
            return True  # "slammed into an apartment block" (not "ripped into the Republicans"), "attacked Israel with drones"
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if topic:
            return False  # "Parents blasted the school over its handling", "Trump slammed the city over crime"
        # (a country attacked by a person is words: "Trump attacked Mexico"; by a country, arms)
        state = subject is not None and subject.ent_type_ in ("GPE", "NORP")
        return any(o.lemma_.lower() in rs.armed_targets or o.lower_ in rs.armed_targets or (
            o.ent_type_ in ("GPE", "LOC", "FAC") and o.pos_ == "PROPN" and state) for o in objects)

    def _group_mind(self, tok: Token, lemma: str) -> bool:
        """'Immigration officials are considering a moratorium', 'the Pentagon is envisioning bases', 'the Clinton
        campaign now hopes ...': a named or unnamed group's intention or wish. Not a pronoun ("we'll be hearing",
        "they want safe homes": often anyone at all), nor a perception ("BC Hydro has seen worse storms"; rule
        cue-belief's perception_lemmas)."""
        subj = self.subject_of(tok)
        return (subj is not None and subj.pos_ != "PRON" and lemma not in self.rules.perception_lemmas
                and self._minded(subj))

    def _with_topic(self, tok: Token, preps: list[str] | None) -> bool:
        """A person or group as subject and, when ``preps`` lists any, one of them after the verb:
        'Todd questioned Pence about it', 'aides pushed back'; not 'Trump speaks at a rally', nor a
        preposition before a date ('campaigned on Tuesday')."""
        if preps is None or not self._minded(self.subject_of(tok)):
            return False
        minded_object = any(c.dep_ == "dobj" and self._minded(c) for c in tok.children)
        return not preps or any(c.dep_ in ("prep", "prt", "advmod") and (
            c.lower_ in preps or (c.lower_ + "+" in preps and minded_object)) and not any(
            g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children) for c in tok.children)

    def _speech_object(self, tok: Token) -> bool:
        """'Trump offered a strident defense of Lewandowski', 'Howard continued his scathing remarks', 'the PAC
        released a robocall': a person or group and, as object, words they put out (rule cue-say's
        speech_objects or the verb's own in speech_object_lemmas); not 'the shop offered discounts', 'the rain
        continued', 'he did not speak the language', 'Russian forces continued their attack'."""
        own = self.rules.speech_object_lemmas.get(tok.lemma_.lower())
        return own is not None and self._minded(self.subject_of(tok)) and any(
            c.dep_ == "dobj" and (c.lemma_.lower() in self.rules.speech_objects or c.lemma_.lower() in own)
            for c in tok.children)

    def _finding_of_document(self, tok: Token, lemma: str) -> bool:
        """'A recent CNN survey found 90 percent support', 'polls show Sanders surging': a poll, report or
        data needs no that-clause to report a finding (rule cue-say's finding_lemmas and finding_subjects)."""
        if lemma not in self.rules.finding_lemmas:
            return False
        subj = self.subject_of(tok)
        return (subj is not None and subj.lemma_.lower() in self.rules.finding_subjects
                and any(c.dep_ in ("dobj", "xcomp", "ccomp", "oprd") for c in tok.children))

    def writer_hit(self, tok: Token, rule: Rule, span: Span) -> Hit | None:
        """'Trump seems fixated on China', 'it appears that ...': the writer's perception (rule type cue-writer)."""
        kids = [c for c in tok.children if c.dep_ in ("xcomp", "acomp", "ccomp", "attr", "oprd")
                or (c.dep_ == "prep" and c.lower_ == "like")]
        if tok.pos_ == "AUX" and tok.head.i > tok.i:
            kids = [t for t in tok.head.rights] + [tok.head]  # "seems fixated on China"
        # the complement follows the verb at once (an adverb or "not" between): "appears to be", "seemed
        # tired"; not "appeared on television Sunday to defend the plan", "appeared as a witness"
        if not kids or any(t.dep_ not in ("advmod", "neg", "aux") for t in tok.doc[tok.i + 1:min(k.left_edge.i for k in kids)]):
            return None
        start = min(k.left_edge.idx for k in kids)
        end = max(k.right_edge.idx + len(k.right_edge.text) for k in kids)
        content = (max(start, span.start_char), min(end, span.end_char))
        doc = tok.doc
        hit = Hit(tok.i, tok.i + 1, tok, rule, rule.get("stance"), None, content if content[0] < content[1] else None,
                  rules=[rule.id])
        hit.source = self._resolver.writer(dict(text="", start=None, end=None))
        hit.source.cue = hit.cue(doc)
        hit.reports = any(c.dep_ == "ccomp" for c in kids)
        return hit

    def _verb_hit(self, tok: Token, rule: Rule | None, lemma: str, passive: bool, content) -> Hit | None:
        rs = self.rules
        if passive:
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if by is not None and rule is not None:
                return Hit(tok.i, tok.i + 1, tok, rule, rule.get("stance"), by, content, rules=[rule.id])
            if by is not None and lemma in rs.passive_lemmas:
                prule = rs.passive_lemmas[lemma]
                return Hit(tok.i, tok.i + 1, tok, prule, rule.get("stance") if rule else prule.get("stance"), by, content, rules=[prule.id])
            if lemma in rs.passive_lemmas:
                prule = rs.passive_lemmas[lemma]
                if prule.get("unstated") and any(c.dep_ == "xcomp" and c.lemma_.lower() not in rs.cue_lemmas
                                                 for c in tok.children):
                    return None  # a request, not a question: "The fan was asked to leave the stadium"
                # ("Clinton was asked about the border": who asked is unstated, and no source of what follows)
                return Hit(tok.i, tok.i + 1, tok, prule, prule.get("stance"), None, content, rules=[prule.id],
                           unstated=bool(prule.get("unstated")))
            return None
        # a subject of its own first, then a speaker after the verb, then what the parser hung elsewhere
        own = any(c.dep_ in SUBJECTS for c in tok.children)
        subj = self.subject_of(tok) if own else (_inverted_speaker(tok) or self.subject_of(tok))
        if subj is None or subj.dep_ == "expl" or self._no_one(subj):
            return None
        recipient = None
        for c in tok.children:
            target = c
            if c.dep_ == "prep" and c.lower_ == "to":
                target = next((g for g in c.children if g.dep_ == "pobj"), None)
            elif c.dep_ not in ("dobj", "dative"):
                continue
            if target is not None and self._is_outlet(target):
                recipient = target
        return Hit(tok.i, tok.i + 1, tok, rule, rule.get("stance"), subj, content, recipient=recipient, rules=[rule.id])

    def headline_hit(self, span: Span) -> Hit | None:
        """Title-case headlines parse badly ("Blinken Signals US Will ..."): find a cue by its form."""
        rs = self.rules
        for tok in span[1:]:
            low = tok.lower_
            forms = [low]
            if len(low) > 3 and low.endswith("s"):
                forms += [low[:-1], low[:-2], low[:-3] + "y"]  # says, pushes, decries
            if len(low) > 3 and low.endswith("ed"):
                # warned, argued, slammed (not "denied": "Navalny Denied Medical Care" is a passive, X was denied Y)
                forms += [low[:-2], low[:-1], low[:-3]]
            # (not "Crowd", no form of "crow")
            lemma = next((f for f in forms if f in rs.cue_lemmas), None)
            if lemma is None or lemma in rs.needs_complement or lemma in rs.needs_clause:
                continue
            rest = tok.doc[tok.i + 1:span.end]
            prev = tok.doc[tok.i - 1]
            if low.endswith("ed") and (not rest or rest[0].pos_ in ("ADP", "PART")):
                continue  # a passive without its auxiliary: "Drivers warned of icy roads"
            if self._headline_noun(lemma, rest):
                continue  # "Cyber attacks on NHS double", "Hamas demands complicate hostage talks"
            if lemma in rs.particle_lemmas and not (rest and rest[0].lower_ in rs.particle_lemmas[lemma]):
                continue  # "Labour lays out plan" needs its "out"
            if lemma in rs.object_lemmas and not any(t.lemma_.lower() in rs.object_lemmas[lemma] for t in rest):
                continue  # "Tesla shares fall": no word of speech shared; "Strikes Raise Fears"
            if lemma == low and not (prev.lower_.endswith("s") or prev.tag_ in ("NNS", "NNPS")
                                     or prev.lemma_.lower() in rs.anon_heads or prev.lemma_.lower() in rs.institution_heads):
                continue  # a plain form needs a plural before it ("Democrats slam"), not "Strikes cripple French rail"
            if lemma == low and rest and rest[0].is_title and rest[0].lower_.endswith("s") and any(
                    f in rs.cue_lemmas for f in (rest[0].lower_[:-1], rest[0].lower_[:-2])):
                continue  # a noun before the verb: "Police Report Shows Officer Fired First"
            if lemma == "recall" and rest and rest[0].lower_.endswith("s") and not rest[0].lower_.endswith("'s") and (
                    rest[0].tag_ in ("NNS", "NNPS") or rest[0].is_title) and not (
                    # (people: a one-word English plural, "Veterans"; not "General Motors", "Siemens")
                    prev.lower_.endswith("s") and prev.lower_[:-1] in self.english and prev.i == span.start):
                # a product recall by a company: "Acme Recalls Heaters" (people recall memories: "Veterans Recall
                # Horrors Of D-Day", "Obama Recalls His Mother's Struggle")
                continue
            if lemma in rs.armed_lemmas and self._armed_headline(tok, span):
                continue  # "Russia blasts Kharkiv with glide bombs", "Hezbollah fires rockets at Israel"
            if not (prev.pos_ == "PROPN" or prev.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                    or (prev.is_title and prev.is_alpha and not _english_noun(prev, self.english))  # "Houthis"
                    or prev.text.title() in self._known_names
                    or prev.lemma_.lower() in rs.anon_heads or prev.lemma_.lower() in rs.institution_heads):
                # ("Trump slams Fed": Trump tagged a noun; "Prosecutors allege ...": a group)
                continue
            start = tok.i - 1
            while start > span.start and (tok.doc[start - 1].pos_ == "PROPN" or tok.doc[start - 1].is_title):
                start -= 1
            rule = rs.cue_lemmas[lemma]
            rules = [rule.id] + ([self.headline_rule.id] if self.headline_rule else [])
            return Hit(tok.i, tok.i + 1, tok, rule, rule.get("stance"), prev, (tok.idx + len(tok.text) + 1, span.end_char),
                       rules=rules, source_span=(start, tok.i))
        return None

    def _headline_noun(self, lemma: str, rest: Span) -> bool:
        """A cue word of a headline that is a noun, by what follows it: a preposition its verb never takes ("Cyber
        attacks on NHS double", rule headline-cue's noun_prepositions), or a verb of its own, in lower case and no
        cue ("Hamas demands complicate hostage talks"; but "Starmer rejects calls to quit" has its noun tagged a
        verb)."""
        if not rest:
            return False
        nxt = rest[0]
        return nxt.lower_ in self.rules.noun_prepositions.get(lemma, ()) or (
            nxt.tag_ in ("VBP", "VBZ", "VBD") and nxt.lower_ not in ("is", "was", "are", "were") and nxt.is_lower
            and nxt.lemma_.lower() not in self.rules.cue_lemmas)

    def _armed_headline(self, tok: Token, span: Span) -> bool:
        """In a headline the parse is too poor for _armed: arms are a weapon, an armed force or a target after the
        verb, or a place with no topic ("Russia blasts Kharkiv"; not "Trump blasts Mexico over the wall")."""
        rs = self.rules
        rest = tok.doc[tok.i + 1:span.end]
        topic = any(t.lower_ in ("over", "for", "on", "about", "as") for t in rest)
        if any(t.lemma_.lower() in rs.armed_subjects for t in rest) or (not topic and any(
                t.lemma_.lower() in rs.armed_targets or t.lower_ in rs.armed_targets for t in rest)):
            return True  # (but "Parents slam school over mask rule" are words)
        if any(t.lemma_.lower() in rs.armed_subjects for t in tok.doc[span.start:tok.i]) or (
                rest and rest[0].lower_ in ("into", "through")):
            return True  # "Hurricane Milton slams into Florida"
        prev = tok.doc[tok.i - 1]
        return prev.ent_type_ in ("GPE", "NORP", "ORG") and not topic and any(
            t.ent_type_ in ("GPE", "LOC", "FAC") for t in rest)

    def _no_one(self, subj: Token) -> bool:
        """A subject that stands for no one in particular (rule type not-source); the rule is recorded.
        A negated one ("no Democrat", "not a single senator") is no one either: it reports that nobody
        holds the view."""
        rule_id = self.not_sources.get(subj.lower_)
        if rule_id is None and self.negators:
            before = [t.lower_ for t in subj.doc[subj.left_edge.i:subj.i]]
            if any(w in self.negators for w in before):
                rule_id = self.negators_rule
        if rule_id is not None:
            self._suppressed.append((rule_id, subj.idx))
        return rule_id is not None

    def _minded(self, subj: Token | None) -> bool:
        """Whether a subject can hold a belief: a person, a group of people, an organisation."""
        if subj is None:
            return False
        of = of_object(subj)
        if of is not None and (subj.pos_ in ("PRON", "DET", "NUM") or subj.like_num):
            return self._minded(of)  # "Both of his senators", "some of the aides", "two of them"
        if subj.pos_ == "PRON":
            return subj.lower_ in ("he", "she", "they", "we", "i", "you", "who")
        lemma = subj.lemma_.lower()
        return (subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                or lemma in self.rules.anon_heads or lemma in self.rules.institution_heads or lemma in self.offices
                or lemma in self.person_words
                or (subj.is_title and subj.text in self._surnames)  # "Trump" mis-tagged a verb
                or any(c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON") for c in subj.children))

    @staticmethod
    def _non_finite_adjunct(tok: Token) -> bool:
        """An infinitive that hangs off another verb ("refusing to ask for help"). Participles stay cues:
        "..., calling McConnell a liar" characterises someone's words."""
        return (tok.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)
                and tok.dep_ in ("xcomp", "advcl", "acl", "relcl", "pcomp", "conj"))

    def _hedged_infinitive(self, tok: Token) -> bool:
        """'seemed to urge', 'appears to suggest': an infinitive right after a perception verb (an adverb or
        "not" between), not 'appeared on television to defend the plan'."""
        head = tok.head
        return (tok.dep_ == "xcomp" and head.lemma_.lower() in self.rules.writer_lemmas and head.i < tok.i
                and all(t.dep_ in ("advmod", "neg", "aux") for t in tok.doc[head.i + 1:tok.i]))

    def _person_subject(self, tok: Token) -> bool:
        subj = self.subject_of(tok)
        if subj is None:
            return False
        return subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she")

    @staticmethod
    def subject_of(tok: Token) -> Token | None:
        subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
        if len(subjects) > 1:
            # '"My apologies, I'm sorry," Quick said', '"Meh," wrote a supporter': the parser gave the verb two
            # subjects, one of them inside the quote; the speaker is the one outside it, nearest before the verb
            doc = tok.doc
            outside = [c for c in subjects if not any(t.is_quote for t in doc[min(c.i, tok.i):max(c.i, tok.i)])]
            before = [c for c in outside if c.i < tok.i]
            subjects = [before[-1] if before else (outside[0] if outside else subjects[0])]
        for c in subjects:
            if c.dep_ in SUBJECTS:
                if c.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                    head = tok.head  # "Charlie Sykes, a radio host, who ...": the name the apposition describes
                    while head.dep_ == "appos" and head.head.pos_ in ("PROPN", "NOUN") and head.head.i < head.i:
                        head = head.head
                    if c.lower_ == "who" and head.dep_ == "pobj" and head.ent_type_ != "PERSON":
                        # "one Democrat familiar with the discussion, who added ...": who is the Democrat (but in
                        # "a meeting with the mayor, who said ..." the mayor)
                        up = head.head.head
                        if up.pos_ == "ADJ" and up.dep_ == "amod" and up.head.pos_ in ("NOUN", "PROPN") and up.head.i < head.i:
                            head = up.head
                    return head
                return c
        if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
            outer = tok.head.head
            inner_subject = next((c for c in tok.head.children if c.dep_ in SUBJECTS + ("expl",)), None)
            if (tok.head.dep_ == "ccomp" and outer.i < tok.head.i and any(c.dep_ in SUBJECTS for c in outer.children)
                    and (outer.lemma_ == tok.lemma_ or _quote_between(tok.head, tok) or (inner_subject is not None and (
                        inner_subject.dep_ == "expl" or inner_subject.lower_ in ("it", "this", "that", "there"))))):
                # "De Blasio said the move was made by Bratton and said, ...", "Pence said it takes time but
                # added, ...", 'Nienaber said "nobody knows the story," and added: ...': the second verb is De
                # Blasio's, Pence's and Nienaber's too, not the move's, "it"'s or that of a verb inside the quote
                return Labeller.subject_of(outer)
            return Labeller.subject_of(tok.head)
        if tok.dep_ in ("advcl", "xcomp") and tok.head.pos_ in ("VERB", "AUX") and tok.tag_ in ("VBG", "VB", "VBN"):
            return Labeller.subject_of(tok.head)
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
            return Labeller.subject_of(tok.head.head)  # "..., before saying that ..."
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            # "stopped short of endorsing", "took the unusual step of criticizing", "was back to boasting":
            # the verb the phrase hangs from, through an adjective, adverb or object
            head = tok.head.head
            for _ in range(2):
                if head.pos_ in ("VERB", "AUX"):
                    subj = next((c for c in head.children if c.dep_ in SUBJECTS), None)
                    # a person or group: not "The fine was punishment for criticizing the referees"
                    if subj is not None and (subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "NORP")
                                             or subj.lower_ in ("he", "she", "they", "we", "i", "who")):
                        return subj
                    return None
                if head.dep_ not in ("acomp", "advmod", "dobj", "npadvmod", "prep"):
                    break  # (not through "attr": "was close to announcing" announced nothing)
                head = head.head
        if tok.dep_ == "acl" and tok.tag_ == "VBG":
            head = tok.head  # "a notice saying ...": the notice, or who published it
            if head.dep_ in ("dobj",) and head.head.pos_ == "VERB":
                return Labeller.subject_of(head.head) or head
            return head
        if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return None
        if tok.dep_ == "dep" and any(c.dep_ in CLAUSE_DEPS for c in tok.children):
            # "multiple sources privy to negotiations say it's ...": the parser made "privy" the sentence's verb
            # and hung "say" on it with no subject; the subject is the one before it
            subj = next((c for c in tok.head.children if c.dep_ in SUBJECTS and c.i < tok.i), None)
            if subj is not None:
                return subj
        # the parser lost the subject: "Trump summed up X, denounced Y and said ..." (a fronted clause's subject)
        # (or a participle the subject was read as the subject of: "Scientists not involved in the report said")
        for c in tok.lefts:
            if c.dep_ == "advcl" or (c.dep_ == "ccomp" and c.tag_ in ("VBN", "VBG")):
                subj = next((g for g in c.children if g.dep_ in SUBJECTS), None)
                if subj is not None:
                    return subj
        if tok.dep_ in ("ROOT", "conj"):
            return Labeller._noun_before(tok)
        return None

    @staticmethod
    def _noun_before(tok: Token) -> Token | None:
        """'..., her adviser, Jake Sullivan, said:' parsed with the speaker hanging off an earlier noun."""
        doc, j = tok.doc, tok.i - 1
        first = tok.sent.start
        while j >= first and (doc[j].is_punct or doc[j].pos_ == "ADV"):
            j -= 1
        if j >= first and doc[j].like_num and doc[j].dep_ == "appos" and doc[j].head.pos_ == "PROPN":
            j = doc[j].head.i  # "Marcel Lehel Lazar, 44, said": the name before the age
        if j < first or doc[j].pos_ not in ("PROPN", "NOUN"):
            return None
        cand = doc[j]
        while (cand.dep_ in ("appos", "compound", "flat") and cand.head.i < tok.i
               and cand.head.pos_ in ("NOUN", "PROPN") and cand.head.dep_ != "pobj"):
            cand = cand.head
        if cand.ent_type_ in ("DATE", "TIME"):
            # "Broaddrick Sunday night recounted": the name the parser compounded with the time
            names = [c for c in cand.lefts if c.dep_ == "compound" and c.ent_type_ not in ("DATE", "TIME")
                     and c.pos_ == "PROPN"]
            if names:
                return names[-1]
            # "Beck, who backed Cruz ..., last week said": the name that opens the sentence before a comma
            lead = doc[first]
            while lead.i + 1 < tok.i and doc[lead.i + 1].pos_ == "PROPN":
                lead = doc[lead.i + 1]
            return lead if lead.pos_ == "PROPN" and doc[lead.i + 1].text == "," else None
        return cand

    @staticmethod
    def content_of(tok: Token, span: Span, quotes) -> tuple[int, int] | None:
        tell_like = any(c.dep_ in CLAUSE_DEPS for c in tok.children)
        kids = []
        for c in tok.children:
            if c.dep_ not in CONTENT_DEPS:
                continue
            if c.dep_ in ("dobj", "dative") and tell_like:
                continue  # "told NBC News that ...": the recipient is not what was said
            if c.dep_ in ("prep", "advcl") and c.i < tok.i:
                continue  # "On Wednesday, ..." / "Speaking at ..., Blinken said"
            if c.dep_ == "advcl" and c.tag_ == "VBG":
                continue
            kids.append(c)
        if kids:
            start = min(k.left_edge.idx for k in kids)
            end = max(k.right_edge.idx + len(k.right_edge.text) for k in kids)
            start, end = max(start, span.start_char), min(end, span.end_char)
            if start < end:
                return start, end
        inside = [q for q in quotes if not (q[0] <= tok.idx < q[1])]
        if inside:
            return max(inside[0][0], span.start_char), min(inside[-1][1], span.end_char)
        return None

    def _is_outlet(self, tok: Token) -> bool:
        phrase = tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text
        return phrase.lower().strip(" ,.") in self.rules.outlets or phrase.lower().removeprefix("the ").strip() in self.rules.outlets

    # --- clauses -----------------------------------------------------------
    def pieces(self, span: Span, hits: list[Hit], text: str, quotes):
        """Split a sentence where an attributed clause meets an unattributed one."""
        top = _top_level(hits)
        root = span.root
        points: list[tuple[int, str]] = []
        for c in root.children:
            if (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > root.i
                    and any(g.dep_ in SUBJECTS + ("expl",) for g in c.children)):
                ccs = [g for g in root.children if g.dep_ == "cc" and g.i < c.left_edge.i]
                b = ccs[-1] if ccs else c.left_edge
                points.append((b.idx, "conj"))
        points = [(p, k) for p, k in points if not any(q0 < p < q1 for q0, q1 in quotes)]
        for tok in span:
            if (tok.lower_ == "which" and tok.i > span.start and tok.doc[tok.i - 1].text == ","
                    and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.dep_ in ("relcl", "advcl", "ccomp", "conj")
                    and tok.head.right_edge.i >= span.end - 2):
                points.append((tok.idx, "which"))
        points.sort()
        bounds = [span.start_char] + [p for p, _ in points] + [span.end_char]
        kinds = [k for _, k in points]
        pieces = [(bounds[j], bounds[j + 1]) for j in range(len(bounds) - 1)]
        owned = [[h for h in top if a <= h.verb.idx < b] for a, b in pieces]
        # keep a split only where the two sides differ in who stands behind them
        merged: list[list] = [[pieces[0][0], pieces[0][1], owned[0]]]
        for j in range(1, len(pieces)):
            prev = merged[-1]
            a, b = pieces[j]
            mine = owned[j]
            differ = bool(prev[2]) != bool(mine)
            if kinds[j - 1] == "which":
                differ = bool(prev[2]) and not mine
            elif prev[2] and mine:
                differ = {h.source_head.i if h.source_head is not None else -1 for h in prev[2]} != {
                    h.source_head.i if h.source_head is not None else -1 for h in mine}
            if any(h.document and h.content is not None and h.content[0] < a for h in mine):
                differ = False  # "Obama relied on bundlers, a new analysis shows.": it reports what came before
            if differ:
                merged.append([a, b, mine])
            else:
                prev[1] = b
                prev[2] = prev[2] + mine
        out = []
        for a, b, mine in merged:
            a, b = _strip(text, a, b)
            if a < b:
                out.append((a, b, mine))
        return out

    # --- claims ------------------------------------------------------------
    def make_claim(self, article, doc, part, start, end, top, hits, resolver, claims, quotes) -> Claim:
        index = len(claims)
        text = article.text[start:end]
        claim = Claim(id=f"{article.id}:{index}", index=index, part=part, start=start, end=end, text=text,
                      label=LABEL_EDITORIAL)
        rules: list[str] = []
        if top:
            # an unstated participle ("Asked about it, Smith shrugged") never decides the label; nor does a stance
            # in a relative clause that reports nothing ("Voters who were unhappy with the result flooded the
            # phone lines", "Smith, who offered an apology on Monday, resigned"): the sentence is the writer's,
            # the stance listed among its attributions
            # (but in "It was Pelosi who criticized the deal first", "Manchin is the only Democrat who opposes the
            # bill", the relative clause is what the sentence asserts)
            aside = [h for h in top if not h.unstated and h.verb.dep_ in ("relcl", "acl") and not h.reports
                     and h.rule.type != "cue-writer"]
            if aside:
                whole = doc.char_span(start, end, alignment_mode="expand")
                if whole is not None and whole.root.lemma_ == "be":
                    aside = []
            main = min([h for h in top if not h.unstated and h not in aside] or [h for h in top if h not in aside] or top,
                       key=lambda h: (h.depth, h.cue_start))
            if not main.reports and main.source_head is not None:
                # "The senator was critical of the plan and said it would fail", "Rubio hit back, saying ...":
                # the same source's cue that reports a clause is the one to show, with what it reports
                said = [h for h in top if h.reports and h.source_head is not None and h.source_head.i == main.source_head.i
                        and h.verb.dep_ not in ("relcl", "acl")]  # (not "Broaddrick, who said ..., recounted")
                main = min(said, key=lambda h: (h.depth, h.cue_start)) if said else main
            for h in sorted(top, key=lambda h: h.cue_start):
                chain, chain_rules = self.chain(h, hits, doc, resolver)
                rules.extend(chain_rules)
                outer = next((s for s in chain if s.cue is not None), None)
                att = Attribution(source=outer, cue=h.cue(doc), content=_clip(h.content, start, end),
                                  chain=chain, rules=chain_rules)
                claim.attributions.append(att)
                if h is main and h not in aside:
                    inner = chain[-1] if chain else None
                    claim.chain = chain
                    claim.source = inner
                    claim.cue = inner.cue if inner is not None and inner.cue is not None else h.cue(doc)
                    innermost_hit = self._innermost(h, hits)
                    claim.content = _clip(innermost_hit.content, start, end) if innermost_hit.content else None
                    claim.label = _label_for_chain(chain) if chain else (LABEL_EDITORIAL if h.unstated else LABEL_ANON)
        else:
            prev = claims[-1] if claims else None
            starts_quoted = any(q[0] <= start < q[1] - 1 for q in quotes) or text[:1] in "“\"«"
            if (self.continuation_rule and prev is not None and prev.source is not None and starts_quoted
                    and prev.part == part):
                claim.source, claim.chain, claim.label = prev.source, prev.chain, prev.label
                claim.content = CharSpan(start, end)
                rules.append(self.continuation_rule.id)
        rules.extend(rid for rid, at in self._suppressed if start <= at < end)
        # (an unstated cue alone, "The striker was asked about the 'shameful' tackle", leaves the writer's voice)
        attributed = claim.source is not None or (claim.cue is not None and not (top and all(h.unstated for h in top)))
        claim.markers = self.markers.find(text, start, attributed=attributed)
        rules.extend(m.rule for m in claim.markers if m.rule)
        claim.rules = list(dict.fromkeys(rules))
        claim.entities = _entities(doc, start, end, resolver)
        return claim

    def chain(self, hit: Hit, hits: list[Hit], doc: Doc, resolver: SourceResolver) -> tuple[list, list[str]]:
        """Sources outer to inner, following cues nested in the content of the one before."""
        rules: list[str] = []
        chain: list[Source] = []
        seq = [hit]
        cur = hit
        while True:
            # a nested cue is a link only when it reports a proposition of its own:
            # "sources indicated there's been a decision", not "are expected to announce the decision"
            # (a poll inside what someone said is part of it: "Warren said she was leading in the polls")
            inner = [o for o in hits if o is not cur and o not in seq and _reports_inside(cur, o) and o.reports
                     and not o.rule.get("object_heads")]
            if not inner:
                break
            cur = min(inner, key=lambda o: (o.depth, o.cue_start))
            seq.append(cur)
        for h in seq:
            src = self.describe(h, doc, resolver)
            if src is None:
                if h is hit:
                    rules.extend(h.rules)
                continue
            if chain and _same(chain[-1], src):
                rules.extend(h.rules)  # "McCaul said that he believed": one source, both cues fired
                continue
            if chain and (src.kind == "writer" or (src.name or "").lower() in self.rules.writer_words):
                rules.extend(h.rules)  # "CLINTON: I think ...": inside reported words, "I" is the speaker
                continue
            rules.extend(h.rules + h.source_rules)
            chain.append(src)
        # "The Washington Post, citing U.S. officials, reported that ...": those cited are the next link (after the
        # innermost report's source when it cites them, else after the outermost's)
        for h, at in ((seq[-1], len(chain)), (hit, 1)) if chain else ():
            cited = self._cited(h, hits, doc, resolver)
            if cited is not None:
                if not any(_same(cited[0], c) for c in chain):
                    chain.insert(at, cited[0])
                    rules.extend(cited[1])
                break
        if hit.recipient is not None and chain:
            name = self.rules.outlets.get(_outlet_text(hit.recipient).lower())
            if name and not _same(chain[0], Source(text="", start=None, end=None, name=name, kind="outlet")):
                r = doc[hit.recipient.left_edge.i:hit.recipient.right_edge.i + 1]
                chain.insert(0, Source(text=r.text, start=r.start_char, end=r.end_char, name=name, kind="outlet"))
                rules.append("outlets")
        return chain, rules

    def _cited(self, hit: Hit, hits: list[Hit], doc: Doc, resolver: SourceResolver):
        """Whom a report cites: 'The Post, citing U.S. officials, reported ...', 'Reuters reported, citing sources,
        that ...', 'Citing unnamed officials, Politico reported ...' (not 'citing concerns': no one is cited)."""
        if hit.source_head is None or not hit.reports:
            return None
        for o in hits:
            if o.verb.lemma_.lower() != "cite" or o.verb.tag_ != "VBG":
                continue
            # (the parser hangs "citing" on the report, on its subject, or on the clause right after the comma; or
            # the clause on "citing": "Channel 12 reported, citing security officials, that ...")
            # (or on the reported clause: "Bloomberg reported that the bank was exploring a sale, citing two people
            # familiar with the matter", where who cites people is who reports, not the bank)
            # (only a report's: "Police said the suspect fled, citing witnesses" is the suspect's reason, as is
            # "Trump said the election was stolen, citing a report")
            in_report = (o.verb.dep_ == "advcl" and o.verb.head.dep_ in ("ccomp", "advcl")
                         and o.verb.head.head.i == hit.verb.i
                         and (hit.verb.lemma_.lower() == "report" or self._is_outlet(hit.source_head)))
            if not (o is hit or o.verb.head.i == hit.verb.i or in_report or (
                    o.source_head is not None and o.source_head.i == hit.source_head.i) or (
                    o.verb.i == hit.verb.i + 2 and doc[hit.verb.i + 1].text == ",")):
                continue
            obj = next((c for c in o.verb.children if c.dep_ == "dobj"), None)
            if obj is None or not (self._minded(obj) or document_head_rule(self.rules, obj) is not None):
                continue
            if in_report and not (obj.lemma_.lower() in self.rules.anon_heads and obj.pos_ != "PROPN"):
                continue  # (an outlet citing people familiar, sources, officials; not a named person or a document)
            if in_report:
                o.source_head = hit.source_head  # (its own source is the reporter's too)
            src, rules = resolver.describe(obj, obj.sent)
            src = copy.copy(src)
            src.cue = o.cue(doc)
            return src, o.rules + rules
        return None

    def _innermost(self, hit: Hit, hits: list[Hit]) -> Hit:
        cur = hit
        while True:
            inner = [o for o in hits if o is not cur and _reports_inside(cur, o) and o.source is not None and o.reports
                     and not o.rule.get("object_heads")]
            if not inner:
                return cur
            nxt = min(inner, key=lambda o: (o.depth, o.cue_start))
            if hit.source is not None and _same(nxt.source, hit.source):
                return cur
            cur = nxt

    def describe(self, hit: Hit, doc: Doc, resolver: SourceResolver) -> Source | None:
        if hit.source is not None or hit.source_head is None:
            return hit.source
        sent = hit.source_head.sent
        if hit.document:
            src, rules = resolver.describe_document(doc[hit.source_span[0]:hit.source_span[1]], hit.source_head)
        else:
            src, rules = resolver.describe(hit.source_head, sent)
        if hit.source_span and not hit.document:  # headline fallback and colon speakers: the whole proper-noun run
            s = doc[hit.source_span[0]:hit.source_span[1]]
            src.text, src.start, src.end = s.text, s.start_char, s.end_char
            if hit.rule is self.colon_rule and (src.kind in ("organisation", "government", "office", "document") or (
                    src.kind == "anonymous" and hit.source_head.lemma_.lower() in self.rules.anon_heads)):
                # "Police: Man shot ...", "Officials: ...", "NATO chief: ...", "Report: ...": the words before the
                # colon, whatever the parser hung on them
                src.name = s.text if src.kind != "anonymous" or s[0].is_upper or s[0].pos_ == "PROPN" else (
                    s.text[0].lower() + s.text[1:])
            elif (hit.rule is self.colon_rule and len(s) == 1 and (s[0].is_title or s[0].is_upper) and not s[0].ent_type_
                  and (s[0].lower_.rstrip("s") in self.rules.anon_heads or document_head_rule(self.rules, s[0]))):
                # "Sources: Ohtani agrees to record deal", "POLL: Trump leads" in capitals: unnamed sources or a
                # document with no author, not a person "Sources"
                kind = "anonymous" if s[0].lower_.rstrip("s") in self.rules.anon_heads else "document"
                src.kind, src.name, src.descriptor = kind, s.text.lower(), s.text.lower()
                src.count = src.affiliation = src.role = None
            elif hit.rule is self.colon_rule and src.kind not in ("outlet", "document"):
                # "KATE BOULDUAN:" in a transcript, "Gillibrand:" tagged as a verb: a named speaker
                name = s.text.title() if s.text.isupper() else s.text
                src.kind, src.name, src.count, src.affiliation, src.descriptor, src.role = (
                    "person", resolver.full_name(name), None, None, None, None)
            elif src.kind == "person":
                src.name = resolver.full_name(s.text)
        rel = _relative_pronoun(hit)
        if rel is not None:  # "Charlie Sykes, who lamented ...": the mention is "who", the source is Sykes
            src = copy.copy(src)
            src.text, src.start, src.end, src.resolved_from = rel.text, rel.idx, rel.idx + len(rel.text), rel.text
        src.cue = hit.cue(doc)
        hit.source, hit.source_rules = src, rules
        return src


# any quotation mark the pairing knows, an opening single quote, typewritten '' and ``, a ' before a word
# (not ’: "don’t" is no quotation)
_QUOTE_MARK = re.compile("[%s‘]|''|``|(?:^|\\s)'\\w" % re.escape("".join(set(QUOTE_PAIRS) | set(QUOTE_PAIRS.values()))))
_SPEAKER_PREFIX = re.compile(r"^\s*[A-Z][\w.'’ -]{0,40}:\s")
_CAPS_SPEAKER = re.compile(r"^\s*[A-Z][A-Z'’.-]{2,}(?: [A-Z][A-Z'’.-]+)*:\s")


# media a "show" is made of: "podcast shows" are programmes, not what a podcast shows
_SHOW_NOUNS = frozenset({"video", "podcast", "photo", "radio", "image", "picture", "map", "chart", "website", "site",
                         "blog", "post", "ad", "advertisement", "tv", "television", "cable", "web"})


# verbs of taking part in a poll, not of what it found: "voters surveyed in the poll", "asked in the survey"
_TAKING_PART = frozenset({"survey", "poll", "ask", "question", "interview", "include", "conduct", "release",
                          "participate", "publish", "respond", "sample", "contact", "mention", "appear", "list",
                          "take", "vote", "invest", "name", "win", "lose", "cast", "spend", "fill", "complete",
                          "answer", "sign", "enter", "elect", "join", "commission", "fund"})


def _inverted_speaker(tok: Token) -> Token | None:
    """'"...," said Edward Leamer, an economist who ...': the parser made the speaker after the verb the
    subject of the next clause; take the name that starts right after the verb."""
    if tok.i + 1 >= len(tok.doc) or tok.tag_ not in ("VBD", "VBZ", "VBP") or tok.dep_ not in ("ROOT", "parataxis"):
        return None  # not "..., saying Trudeau should ...", "... and said Republicans should ..."
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is None or not (prev.is_punct or prev.is_quote):
        return None  # the inverted order follows a quote or a comma: '"...," said Edward Leamer'
    for c in tok.rights:
        if (c.dep_ in ("dobj", "npadvmod") and c.left_edge.i == tok.i + 1 and prev.is_quote
                and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON" or (c.pos_ == "NOUN" and c.left_edge.pos_ in ("DET", "NUM")))):
            return c  # '"...?" asked Mr. Manafort', '"Why now?" asked one fan', parsed as what was asked
        if c.dep_ not in CLAUSE_DEPS:
            continue
        subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
        if (subj is not None and subj.left_edge.i == tok.i + 1
                and (subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"))):
            return subj
    return None


def _quote_between(a: Token, b: Token) -> bool:
    """'"Is this the end?" asked Sarah': a quotation mark between the two, so "Is" is no auxiliary of "asked"."""
    lo, hi = sorted((a.i, b.i))
    return any(t.is_quote for t in a.doc[lo + 1:hi])


def _has_said(tok: Token) -> bool:
    """"He's said he will fight": "'s" is "has", though the parser reads a passive ("it's said that" is one)."""
    aux = next((c for c in tok.children if c.dep_ == "auxpass"), None)
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    return (aux is not None and subj is not None and aux.lower_ in ("'s", "’s") and tok.tag_ in ("VBN", "VBD")
            and (subj.lower_ in ("he", "she", "who") or subj.ent_type_ == "PERSON")
            and any(c.dep_ in CLAUSE_DEPS for c in tok.children))  # not "She's said to be furious"


def _relative_pronoun(hit: Hit) -> Token | None:
    verb = hit.verb
    if verb.dep_ != "relcl" or hit.source_head is None:
        return None
    return next((c for c in verb.children if c.dep_ in SUBJECTS and c.lower_ in ("who", "that", "which")), None)


_CONTRAST = ("while", "whereas", "although", "though", "as")


def _quote_follows(tok: Token) -> bool:
    """A quotation opens within a few words after the verb: 'quipped to Colton, "That ...'."""
    for t in tok.doc[tok.i + 1:min(tok.i + 6, len(tok.doc))]:
        if t.is_sent_start:
            return False
        if t.text in ('"', "“", "‘", "'", "''", "``"):
            return True
        if t.text == ":" or t.pos_ == "VERB":
            return t.text == ":"
    return False


def _said_after_colon(rest: Span) -> bool:
    """What follows a colon is words of someone's: nothing (the quote is the next paragraph), a quote, or a
    clause with a verb of its own."""
    words = [t for t in rest if not t.is_punct or t.is_quote]
    return not words or words[0].is_quote or any(t.pos_ in ("VERB", "AUX") for t in words)


def _top_level(hits: list[Hit]) -> list[Hit]:
    return [h for h in hits if not any(o is not h and _reports_inside(o, h) for o in hits)]


def _reports_inside(outer: Hit, inner: Hit) -> bool:
    """Inner is part of what outer reports: reached through a that-clause or quote, not a 'while ...' clause."""
    if not _contains(outer, inner):
        return False
    if (outer.rule.get("source") == "object" and inner.rule.get("source") == "object"
            and outer.verb.head.i == inner.verb.head.i):
        return False  # "Clinton leads in national polls, according to an average": two sources of one clause
    if _sources_clause(outer, inner):
        return True
    tok = inner.verb
    own_subject = any(c.dep_ in SUBJECTS for c in tok.children)
    if (own_subject and inner.reports and tok.i < outer.verb.i and outer.verb.pos_ != "PUNCT"
            and any(c.dep_ in CLAUSE_DEPS and c.i > outer.verb.i for c in outer.verb.children)):
        # "Six in 10 voters say A; 26 percent say B": a reporting clause of its own before another that
        # has its own, which the parser hung below it (but "Officials said A, NBC reported" is nested)
        return False
    if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "conj") and tok.i > 0 and tok.doc[tok.i - 1].text == "," and not own_subject:
        return False  # "Trump insisted that he won, claiming ...": the speaker's own next words, however parsed
    if tok.dep_ == "conj" and not own_subject and (tok.lemma_ == outer.verb.lemma_ or _quote_follows(tok)):
        # "De Blasio said the move was made by Bratton and said, ...", "said he was gay and then quipped to
        # Colton, 'That ...'": a second saying, with words of its own
        return False
    while tok.i != tok.head.i and tok.i != outer.verb.i:
        # "He said X while Y insisted Z" is two attributions; "Symms said he was impressed and liked the way
        # she responded" is one: what hangs on a verb inside the content is part of it
        if tok.dep_ in ("advcl", "conj") and (tok.head.i == outer.verb.i or (
                any(c.dep_ in SUBJECTS for c in tok.children) and (tok.dep_ == "conj" or any(
                    c.dep_ == "mark" and c.lower_ in _CONTRAST for c in tok.children)))):
            # (a clause with a subject of its own after "and" or "while" is another attribution: "She said the
            # water was safe, and the utility confirmed it")
            return False
        tok = tok.head
    return True


def _contains(outer: Hit, inner: Hit) -> bool:
    if outer.content is None or inner.verb.i == outer.verb.i or inner.sibling_of == outer.verb.i:
        return False
    if _sources_clause(inner, outer):
        return False
    # a cue that governs another ("said before adding: ...") is never inside the content of the one it governs
    # (a colon speaker's colon hangs below the verb of what was said: "Reid: I think ...")
    if (not _sources_clause(outer, inner) and outer.verb.pos_ != "PUNCT"
            and any(a.i == inner.verb.i for a in outer.verb.ancestors)):
        return False
    return outer.content[0] <= inner.verb.idx < outer.content[1]


def _sources_clause(phrase: Hit, other: Hit) -> bool:
    """'He said little, according to an attendee': the phrase modifies the clause of the other cue and
    sources all of it, so the other cue is inside the phrase's content and never the other way round."""
    if phrase.rule.get("source") == "object" and not phrase.rule.get("object_heads"):
        return any(a.i == other.verb.i for a in phrase.verb.ancestors)
    if not (phrase.sources_clause or phrase.rule.get("object_heads")):
        return False
    # an aside sources the clause it sits in, not one it is reported inside: in "Sweet said the attacks
    # that, Sweet noted, Trump made ...", "noted" sources the relative clause within what "said" reports
    # (and "in most polls" in "Sanders said he trails by double digits in most polls" is Sanders's)
    tok = phrase.verb.head
    while tok.i != other.verb.i:
        if tok.dep_ in CLAUSE_DEPS + ("relcl", "acl", "xcomp") or tok.i == tok.head.i:
            return False
        tok = tok.head
    return True


def _attribution_only(sent: Span, rules: RuleSet) -> bool:
    """'Trump asked.', 'Clinton shot back.': a short sentence that is a speaker and a reporting verb with
    nothing said of its own, the tail of the quotation before it."""
    root = sent.root
    return (len(sent) <= 8 and root.lemma_.lower() in rules.cue_lemmas
            and not any(c.dep_ in CLAUSE_DEPS + ("dobj",) for c in root.children))


def _governor(tok: Token) -> str:
    """A verb's lemma with its particle, if any: "go on", "use"."""
    prt = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    return f"{tok.lemma_.lower()} {prt}" if prt else tok.lemma_.lower()


def _parenthetical(tok: Token) -> bool:
    """'As the Post reported, ...', 'The outreach, they said, raised ...': a reporting verb with a subject and
    nothing said of its own, set off as an aside ('as' clause or parataxis) in the clause it sources."""
    if tok.dep_ == "advcl":
        if not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
            return False
    elif tok.dep_ != "parataxis":
        return False
    if any(c.dep_ in ("dobj", "xcomp", "ccomp", "dative", "attr", "oprd") for c in tok.children):
        return False
    return any(c.dep_ in ("nsubj",) for c in tok.children)


def _english_noun(tok: Token, english: frozenset[str]) -> bool:
    """'BONDS', 'CURRENCIES', 'ENERGY': an English word, in the singular or the plural."""
    low = tok.lower_
    return low in english or (low.endswith("s") and low[:-1] in english) or (
        low.endswith("ies") and low[:-3] + "y" in english)


def _time_or_place(prep: Token) -> bool:
    """'on Monday', 'in an interview', 'during the debate': when or where, no topic ('over spending', 'to talks')."""
    if prep.lower_ in ("in", "during"):
        return True
    return prep.lower_ in ("on", "at", "last", "earlier", "after", "before") and any(
        g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children)


def _trailing_aside(tok: Token, rs: RuleSet) -> bool:
    """'Grayson said Randolph "would have no chance to win," the source recalled': a speaker and a reporting
    verb after a comma, with nothing said of its own, which the parser hung below the cue before it as if it
    were what that cue reports; it sources the clause before it."""
    head = tok.head
    if (tok.dep_ != "ccomp" or tok.i < head.i or head.lemma_.lower() not in rs.cue_lemmas
            or tok.lemma_.lower() not in rs.cue_lemmas):
        return False
    # nothing said of its own after it: no object or clause ("forecasters expected rain"), nor a topic
    # ("forecasters warned of more rain", "analysts worried about the outlook"); a time or place will do
    # ("a spokesman confirmed on Tuesday", "aides recalled in interviews"). (A clause before it is the one it
    # sources: in "The governor said the plan would fail, critics argued" the parser hangs "fail" on "argued".)
    if any(c.i > tok.i and (c.dep_ in ("dobj", "xcomp", "ccomp", "dative", "attr", "oprd") or (
            c.dep_ == "prep" and c.lower_ in ("of", "about", "against", "to", "for", "with", "over", "on") and not any(
                g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children))) for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None:
        return False
    before = tok.doc[subj.left_edge.i - 1] if subj.left_edge.i > 0 else None
    return before is not None and (before.text == "," or (before.is_quote and before.i > 0 and tok.doc[before.i - 1].text == ","))


def _same(a: Source | None, b: Source | None) -> bool:
    return a is not None and b is not None and a.kind == b.kind and a.name.lower() == b.name.lower()


def _outlet_text(tok: Token) -> str:
    return tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text.removeprefix("the ").removeprefix("The ").strip(" ,.")


def _outside(span: Span, head: Token, start: int, end: int) -> tuple[int, int] | None:
    """The sentence without the cue phrase [start, end) (token indices), as character offsets."""
    doc = span.doc
    if start - span.start > span.end - end:  # phrase at the end: content before it
        s, e = span.start_char, doc[start].idx
    else:
        s, e = doc[end - 1].idx + len(doc[end - 1].text), span.end_char
    text, base = span.text, span.start_char  # (Doc.text joins every token anew: use the sentence's)
    while s < e and (text[s - base].isspace() or text[s - base] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1 - base].isspace() or text[e - 1 - base] in ",;:—–-"):
        e -= 1
    return (s, e) if s < e else None


def _clip(content, start: int, end: int) -> CharSpan | None:
    if content is None:
        return None
    s, e = max(content[0], start), min(content[1], end)
    return CharSpan(s, e) if s < e else None


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _entities(doc: Doc, start: int, end: int, resolver: SourceResolver) -> list[str]:
    out: list[str] = []
    ents = resolver.ents
    first = bisect.bisect_left(resolver.ent_start_chars, start)
    for ent in ents[first:]:
        if ent.start_char >= end:
            break
        if ent.start_char >= start and ent.end_char <= end and ent.label_ in ENTITY_LABELS:
            name = resolver.canonical(ent.text, ent.label_)
            if name and name not in out:
                out.append(name)
    return out
