"""Framing markers inside a claim: loaded words, hedges, intensifiers, scare quotes."""
from __future__ import annotations

import re

from .model import Marker
from .rules import RuleSet

# Opening and closing quotation marks we pair. Straight quotes pair with themselves.
QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“"}


def quote_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Balanced quotations in ``text`` as (start, end) offsets including the marks.

    An unmatched mark is ignored, never an error: scraped text often has an odd number.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if (text.startswith(("''", "``"), i) and (i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-")
                and i + 2 < n and not text[i + 2].isspace()):
            # typewritten double quotes: ''Time's a wasting,'' he said. ``We will win,'' she said.
            j = text.find("''", i + 2)
            if j != -1:
                spans.append((offset + i, offset + j + 2))
                i = j + 2
                continue
        if ch == "‘":
            j = _single_close(text, i)
            if j != -1:
                spans.append((offset + i, offset + j + 1))
                i = j + 1
                continue
        close = QUOTE_PAIRS.get(ch)
        if close is None:
            i += 1
            continue
        # typewritten closers ('’’', "''") stand in for ” in scraped text
        closers = (close, "’’", "''") if ch == "“" else (close,)
        ends = [k for k in (text.find(c, i + 1) for c in closers) if k != -1]
        j = min(ends) if ends else -1
        # scraped text mixes curly and straight marks: “...," he said. "...” -- a straight mark closes a
        # curly quote when an even number of them stand before the proper closer (or there is none);
        # an odd number are inch marks or a quote inside: “The 12" pipe burst,” she said.
        other = {"“": '"', '"': "”"}.get(ch)
        if other is not None:
            k = text.find(other, i + 1)
            # (a ” is never an inch mark: before the next straight mark, it is the closer)
            between = 0 if ch == '"' or j == -1 else text.count(other, i + 1, j)
            if k != -1 and (j == -1 or (k < j and between % 2 == 0)):
                j = k
        if j != -1 and text.startswith(("’’", "''"), j):
            j += 1
        if j == -1:
            i += 1
            continue
        spans.append((offset + i, offset + j + 1))
        i = j + 1
    return spans


_OPEN_AFTER = "([{—–-\"“:"
_CLOSE_AFTER = ",.?!;:—…"


def _single_close(text: str, i: int) -> int:
    """The ’ that closes a curly single quote opened at ``i`` (British style: ‘It is over,’ he said), or -1.

    ’ is also the apostrophe, so ‘ opens a quote only at a word's start, and ’ closes it only at a word's
    end: after punctuation ("over,’"), at the end of a line or before one, or, for a quote of a few words
    (a scare quote: ‘great’ job), before any space. Never across a paragraph.
    """
    n = len(text)
    if i + 1 >= n or not (text[i + 1].isalpha() or text[i + 1] in "“\"") or (i > 0 and not (
            text[i - 1].isspace() or text[i - 1] in _OPEN_AFTER)):
        return -1  # not ‘90s, not a mark inside a word
    end = text.find("\n", i)
    end = n if end == -1 else end
    k = text.find("’", i + 1, end)
    short = -1  # a closer only a short quote would have: ‘great’ job (or a plural possessive: ‘Our players’ ...)
    while k != -1:
        after = text[k + 1] if k + 1 < n else ""
        if not (after.isalnum()):  # (don’t, it’s: an apostrophe inside a word)
            if k - i <= 2:
                return -1  # rock ‘n’ roll
            before = text[k - 1]
            rest = text[k + 1:end].lstrip()
            if before in _CLOSE_AFTER or not rest or rest[0] in _CLOSE_AFTER + "”\")":
                return k
            if short == -1 and len(text[i + 1:k].split()) <= 4:
                if before != "s":
                    return k
                short = k  # "players’ commitment": a closer further on wins, if there is one
        k = text.find("’", k + 1, end)
    return short


class MarkerFinder:
    def __init__(self, rules: RuleSet):
        self.patterns: list[tuple[re.Pattern, str, str]] = []
        for rule in rules.of_type("marker-words"):
            words = sorted(rule.get("words"), key=len, reverse=True)
            alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
            self.patterns.append((re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE), rule.get("kind"), rule.id))
        scare = rules.of_type("scare-quote")
        self.scare = (scare[0].id, int(scare[0].get("max_words"))) if scare else None

    def find(self, text: str, offset: int, attributed: bool) -> list[Marker]:
        markers: list[Marker] = []
        taken: list[tuple[int, int]] = []
        for pattern, kind, rule_id in self.patterns:
            for m in pattern.finditer(text):
                word = m.group()
                # "In May" is a month, "Will" a name: a capitalised hit counts only at the claim's start.
                if word[0].isupper() and m.start() > 0 and not word.isupper():
                    continue
                s, e = offset + m.start(), offset + m.end()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                markers.append(Marker(text=word, start=s, end=e, kind=kind, rule=rule_id))
        if self.scare and not attributed:
            rule_id, max_words = self.scare
            for s, e in quote_spans(text, offset):
                inner = text[s - offset + 1:e - offset - 1]
                if 0 < len(inner.split()) <= max_words and inner.strip():
                    markers.append(Marker(text=text[s - offset:e - offset], start=s, end=e, kind="scare-quote", rule=rule_id))
        markers.sort(key=lambda m: m.start)
        return markers

