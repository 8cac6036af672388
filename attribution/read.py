"""Bytes or a path to an Article: decoding, HTML to text, and the parts of a page.

(Minimal first version: paragraphs; the full reader replaces the internals, same API.)
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from .model import Article, Part


class ReadError(Exception):
    """A problem with one input; str() is the one-line message a user sees."""

    def __init__(self, path: str | None, message: str, line: int | None = None):
        self.path = path or "<stdin>"
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


_PARA = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


def read_text(text: str, *, path: str | None = None, **meta) -> Article:
    parts = [Part("body", m.start(), m.end(), m.group()) for m in _PARA.finditer(text) if m.group().strip()]
    return Article(text=text, parts=parts, path=path, **meta)


def read_paths(paths) -> Iterator[Article | ReadError]:
    for p in paths:
        try:
            yield read_text(Path(p).read_text(encoding="utf-8"), path=str(p))
        except OSError as e:
            yield ReadError(str(p), e.strerror or str(e))
