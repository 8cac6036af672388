"""The engine: an Article through the spaCy pipeline and the rules to an Audit."""
from __future__ import annotations

import re
from collections import deque
from typing import Callable, Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from .claims import Labeller
from .credibility import score_audit
from .model import Article, Audit
from .pipeline import load_nlp, model_name
from .read import read_text, too_long
from .rules import RuleSet, load_rules


class TextTooLong(ValueError):
    """An article's text is longer than the pipeline parses (``nlp.max_length``, pipeline.MAX_LENGTH)."""


class Engine:
    """Holds the loaded pipeline and rules; reuse one for many articles."""

    def __init__(self, model: str | None = None, rules: RuleSet | str | None = None):
        self.model = model_name(model)
        self.nlp = load_nlp(self.model)
        self.rules = rules if isinstance(rules, RuleSet) else load_rules(rules)
        self.labeller = Labeller(self.nlp.vocab, self.rules)
        self.labeller.english = english_words(self.nlp)

    def audit(self, article: Article | str) -> Audit:
        if isinstance(article, str):
            article = read_text(article, rules=self.rules)
        return next(self.audit_many([article]))

    def audit_many(self, articles: Iterable[Article], batch_size: int = 16, n_process: int = 1,
                   on_error: Callable[[Article, Exception], None] | None = None) -> Iterator[Audit]:
        """Audit many articles, parsing them in batches.

        Without ``on_error`` the first failure raises. With it, an article the
        pipeline or the rules fail on is passed to ``on_error(article, exception)``
        and left out, and the others are still audited: when the pipeline fails on
        a batch, the articles of that batch are parsed again one by one.

        An article longer than the pipeline parses is a ``TextTooLong`` (raised, or
        passed to ``on_error``) before anything is parsed; its batch-mates are not
        affected. (``read_text`` refuses such a text already; this covers Articles
        built otherwise.)
        """
        limit = self.nlp.max_length

        def check(article: Article) -> None:
            if len(article.text) > limit:
                raise TextTooLong(too_long(len(article.text), limit))

        if on_error is None:
            def checked():
                for a in articles:
                    check(a)
                    yield a.text, a

            pairs = checked()
            for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
                yield self._audit_doc(article, doc)
            return
        source = iter(articles)
        taken: deque[Article] = deque()  # handed to the pipeline, not yet yielded back
        source_failed = False

        def feed():
            nonlocal source_failed
            while True:
                try:
                    article = next(source)
                except StopIteration:
                    return
                except BaseException:
                    source_failed = True
                    raise
                try:
                    check(article)
                except TextTooLong as e:
                    try:
                        on_error(article, e)
                    except BaseException:
                        source_failed = True  # not the pipeline's failure: no retry
                        raise
                    continue
                taken.append(article)
                yield article.text, article

        pairs = feed()
        while True:
            try:
                for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
                    taken.popleft()  # the pipeline keeps the order
                    try:
                        audit = self._audit_doc(article, doc)
                    except Exception as e:
                        on_error(article, e)
                        continue
                    yield audit
                return
            except Exception:
                if source_failed:  # the articles' source failed, not the pipeline
                    raise
            # The pipeline failed on a batch: parse what it had taken one at a time, then go on.
            retry = list(taken)
            taken.clear()
            for article in retry:
                try:
                    audit = self._audit_doc(article, self.nlp(article.text))
                except Exception as e:
                    on_error(article, e)
                    continue
                yield audit

    def _audit_doc(self, article: Article, doc) -> Audit:
        claims, skipped = self.labeller.label(article, doc)
        result = Audit(article=article, claims=claims, skipped=skipped, notes=language_notes(doc, article.text))
        result.scores = score_audit(result)
        return result


# letters, and letters outside the Latin script (Basic Latin to Latin Extended-B, and Latin Extended Additional)
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024F\u1E00-\u1EFF]")
_WORD = re.compile(r"[^\W\d_]+")


def english_words(nlp) -> frozenset[str]:
    """The English nouns, verbs, adjectives and adverbs the pipeline's lemmatizer knows (its lemma_index
    table), to tell a name the tagger took for a common noun ("Hannity asked") from a word ("Security said").
    Empty when the pipeline has no such table (another model): then only names the parser knows count."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError, ValueError):
        return frozenset()
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in table.get(pos, []))


def language_notes(doc, text: str | None = None) -> list[str]:
    """A note when the text does not read as English: the rules and the model are English-only.

    Text mostly in another script (Cyrillic, Arabic, Chinese ...) is told by its
    letters, since a language written without spaces gives few tokens; text in
    Latin script by its share of English function words.
    """
    # the first few thousand characters tell the language as well as the whole text does
    sample = (text if text is not None else doc.text)[:5000]  # (Doc.text joins every token anew)
    letters = len(_LETTER.findall(sample))
    if letters >= 20:
        other = len(_NON_LATIN.findall(sample)) / letters
        if other > 0.5:
            return [f"this text does not look like English ({other:.0%} of its letters are not in Latin script): "
                    "labels are unreliable, most claims will read as editorial-framing"]
    # (words from the text, not tokens: building a Token for each of the first thousand costs a tenth of the audit)
    words = _WORD.findall(sample)
    if len(words) < 20:
        return []
    share = sum(1 for w in words if w.lower() in STOP_WORDS) / len(words)
    if share < 0.2:  # English running text is around 0.4-0.5 stop words
        return [f"this text does not look like English ({share:.0%} English function words): "
                "labels are unreliable, most claims will read as editorial-framing"]
    return []


_default: Engine | None = None


def default_engine() -> Engine:
    global _default
    if _default is None:
        _default = Engine()
    return _default


def audit(text: str | Article, **meta) -> Audit:
    """Audit one article's text with the default model and rules."""
    article = text if isinstance(text, Article) else read_text(text, **meta)
    return default_engine().audit(article)
