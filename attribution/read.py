"""Bytes or a path to an Article: decoding, HTML to text, and the parts of a page.

An article's text is cut into *parts*, each a span of ``Article.text`` with
``Part.text == text[start:end]`` (offsets are characters, never bytes):

``headline``
    The leading short line without final sentence punctuation (``.`` ``,``
    ``;`` ``:``), when more text follows it; in HTML and JSONL input the
    page's title marks it.
``subhead``
    One line right after the headline (datelines and bylines may sit between)
    that does not end like a sentence and comes before any body paragraph.
``dateline``
    A date alone on its line ("Thursday, September 12, 2024"), or the place
    that opens the first body paragraph ("OTTAWA —"): the body part then
    starts after the dash.
``byline``
    "By NAME[, OUTLET][, DATE]" on its own line.
``caption``
    A paragraph that ends with a parenthesised photo credit ("(Andrew Harnik /
    Getty Images)"), and a short caption-looking paragraph right before or
    after one ("Joe Biden at the White House on Oct. 4.").
``syndication``
    "This article was originally published on NBCNews.com" and the like.
``boilerplate``
    Page furniture copied with the article ("Share this:", "Source link").
``body``
    Everything else: the paragraphs the claims come from.

Headline, subhead and body are where claims come from (``model.CLAIM_PARTS``);
the others are reported as skipped. The patterns for boilerplate, syndication,
captions, bylines and datelines, the reporting words that keep a paragraph
next to a caption in the body, and the outlet names, are rules in
``rules/parts.toml`` and ``rules/outlets.toml``; the positional heuristics
(headline, subhead, neighbouring captions) are here.

Every problem with one input is a ``ReadError`` with a one-line message naming
the file (and the line, for JSONL); ``read_paths`` yields them instead of
raising, so a batch goes on past a bad file.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from .model import CLAIM_PARTS, Article, Part
from .rules import RuleSet, default_rules_dir, load_rules

__all__ = [
    "DEFAULT_MAX_BYTES", "MAX_CHARS", "SUFFIXES", "ReadError", "read_text", "read_html", "read_jsonl", "read_json",
    "read_bytes", "read_path", "read_paths", "decode",
]

# A file (or stdin) larger than this is refused before it is read (--max-bytes). It bounds
# a file, not an article: a JSONL feed holds many articles, and an HTML page's markup is
# not text. What bounds one article is MAX_CHARS.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# The longest text, in characters, one article may have: the spaCy pipeline's max_length
# (pipeline.MAX_LENGTH is this). A longer text is a ReadError before anything parses it.
MAX_CHARS = 2_000_000
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)  # one record object, or an array of them
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + JSON_SUFFIXES
# read in a folder: not .json, which a folder of articles may hold for other things (a package.json, metadata); a
# .json file is read when it is named
FOLDER_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES


class ReadError(Exception):
    """A problem with one input; str() is the one-line message a user sees."""

    def __init__(self, path: str | None, message: str, line: int | None = None):
        self.path = path or "<stdin>"
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


# --------------------------------------------------------------------------- rules

@dataclass
class _Patterns:
    rules: RuleSet
    boilerplate: list[tuple[str, re.Pattern]]
    syndication: list[tuple[str, re.Pattern]]
    caption: list[tuple[str, re.Pattern]]
    byline: list[tuple[str, re.Pattern]]
    dateline: list[tuple[str, re.Pattern]]
    dateline_prefix: list[tuple[str, re.Pattern]]
    byline_roles: dict[str, list[str]]
    reporting: re.Pattern | None  # the caption-neighbour rules' reporting words, whole words


_RULES_CACHE: dict[str, RuleSet] = {}
_PATTERN_CACHE: dict[tuple[str, str], _Patterns] = {}


def _patterns(rules: RuleSet | None) -> _Patterns:
    if rules is None:
        key = str(Path(default_rules_dir()).resolve())
        if key not in _RULES_CACHE:
            _RULES_CACHE[key] = load_rules(key)
        rules = _RULES_CACHE[key]
    ckey = (rules.directory, rules.version)
    cached = _PATTERN_CACHE.get(ckey)
    if cached is not None and cached.rules is rules:
        return cached

    def compiled(rtype: str, key: str = "patterns", flags: int = re.IGNORECASE) -> list[tuple[str, re.Pattern]]:
        return [(r.id, re.compile(p, flags)) for r in rules.of_type(rtype) for p in r.get(key, [])]

    pats = _Patterns(
        rules=rules,
        boilerplate=compiled("boilerplate"),
        syndication=compiled("syndication"),
        caption=compiled("caption"),
        byline=compiled("byline"),
        dateline=compiled("dateline"),
        # A place dateline is told apart by its capitals, so no IGNORECASE here.
        dateline_prefix=compiled("dateline", "prefix_patterns", 0),
        byline_roles={r.id: r.get("roles") for r in rules.of_type("byline") if r.get("roles") is not None},
        reporting=re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, rules.caption_reporting_words)), re.I)
        if rules.caption_reporting_words else None,
    )
    _PATTERN_CACHE[ckey] = pats
    return pats


# --------------------------------------------------------------------------- dates and outlets

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE_RES = [
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"), "ymd"),
    (re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I), "mdy"),
    (re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I), "dmy"),
]


def _find_date(text: str) -> tuple[str, re.Match] | None:
    """The first date in ``text`` as ``YYYY-MM-DD``, with its match."""
    best = None
    for rx, _ in _DATE_RES:
        for m in rx.finditer(text):
            month = m.group("m")
            month_n = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
            day, year = int(m.group("d")), int(m.group("y"))
            if 1 <= month_n <= 12 and 1 <= day <= 31:
                if best is None or m.start() < best[1].start():
                    best = (f"{year:04d}-{month_n:02d}-{day:02d}", m)
                break
    return best


def _iso_date(value: Any) -> str | None:
    if not value:
        return None
    found = _find_date(str(value))
    return found[0] if found else str(value)


def _outlet(name: str | None, rules: RuleSet) -> str | None:
    """An outlet's name in the form the outlets list gives it ("Antiwar. com" -> "Antiwar.com")."""
    if not name:
        return None
    name = re.sub(r"\s+", " ", name).strip(" ,;|-–—")
    name = re.sub(r"(\w)\s*\.\s+(com|org|net|press|news|info|io|co|uk|ca|de|fr|ru|ua)\b", r"\1.\2", name)
    if not name:
        return None
    return rules.outlets.get(name.lower(), name)


# --------------------------------------------------------------------------- segmentation

_SENTENCE_END = re.compile(r"[.,;:]['\"’”)\]]*$")
_AUX = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|could|should|can|did|does|do|may|might|must)\b", re.I)
_CAPTION_HINT = re.compile(
    rf"\b(?:at|in|during|on|outside|inside|near|after|before|with)\b|\b{_MONTH}\.?\s+\d|\b(?:19|20)\d\d\b", re.I)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]{2,}|and|de|van|von|der|den|da|di|del|della|la|le|bin|al|el|du|dos|ibn|&)$")
_NOT_AUTHOR = re.compile(
    rf"^(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|the|this|that|then|"
    rf"now|late|early|last|next|{_MONTH})\b)", re.I)


def _words(s: str) -> list[str]:
    return s.split()


def _units(text: str) -> list[tuple[int, int, bool]]:
    """Lines grouped into blocks: ``(start, end, block_start)`` for every non-blank line."""
    lines = []
    pos = 0
    blank_before = True
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            s = pos + (len(body) - len(body.lstrip()))
            lines.append((s, s + len(stripped), blank_before))
            blank_before = False
        else:
            blank_before = True
        pos += len(raw)
    return lines


@dataclass
class _Unit:
    start: int
    end: int
    text: str
    kind: str | None = None
    info: dict[str, Any] | None = None


def _classify(p: _Patterns, s: str) -> tuple[str, dict[str, Any]] | None:
    """The kind a paragraph has by the rules alone (or None for a body candidate)."""
    flat = re.sub(r"\s+", " ", s).strip()
    for rid, rx in p.boilerplate:
        if rx.search(flat):
            return "boilerplate", {"rule": rid}
    for rid, rx in p.syndication:
        m = rx.search(flat)
        if m:
            outlet = m.groupdict().get("outlet")
            return "syndication", {"rule": rid, "outlet": outlet}
    for rid, rx in p.dateline:
        if rx.search(flat):
            return "dateline", {"rule": rid}
    byline = _byline(p, flat)
    if byline:
        return "byline", byline
    for rid, rx in p.caption:
        m = rx.search(flat)
        if m and _credit_caption_ok(flat, m):
            return "caption", {"rule": rid}
    return None


def _credit_caption_ok(flat: str, m: re.Match) -> bool:
    credit = re.search(r"\(([^()]*)\)\s*$", flat)
    if credit and m.end() == len(flat) and credit.start() <= m.start():
        inner = credit.group(1).strip()
        # "(That last factoid comes courtesy of ...)" is an aside, not a photo credit
        if len(_words(inner)) > 12 or re.search(r"[.!?][\"”’']?$", inner):
            return False
    # A body paragraph of several sentences that happens to end in "(Reuters)" is not a caption.
    before = flat[: m.start()] if m.end() == len(flat) else flat
    sentences = len(re.findall(r"[.!?][\"”’']?\s+[A-Z“\"]", before))
    return sentences <= 2 and len(_words(flat)) <= 80


def _byline(p: _Patterns, flat: str) -> dict[str, Any] | None:
    if len(_words(flat)) > 20:
        return None
    for rid, rx in p.byline:
        m = rx.search(flat)
        if not m:
            continue
        author = (m.groupdict().get("author") or "").strip()
        words = _words(author)
        if not words or len(words) > 7 or not all(_NAME_WORD.match(w) for w in words):
            continue
        if _NOT_AUTHOR.match(author):
            continue
        rest = flat[m.start("author") + len(m.group("author")):] if "author" in m.groupdict() else ""
        found = _find_date(rest)
        date = found[0] if found else None
        if found:
            rest = rest[: found[1].start()] + rest[found[1].end():]
        rest = re.sub(r"^(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b,?)", "", rest.strip(" ,|-–—"), flags=re.I)
        segments = [s.strip(" ,|-–—") for s in re.split(r"[,|]", rest)]
        segments = [s for s in segments if s and not re.fullmatch(
            r"(?:updated|published|posted|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b.*|[\d: apmAPMESTDUTCGMT.]+", s, re.I)]
        outlet = segments[0] if segments else None
        if outlet and len(_words(outlet)) > 6:
            continue
        if len(words) < 2 and not (author.lower() in p.rules.outlets or outlet):
            continue
        roles = p.byline_roles.get(rid)
        if roles is not None:
            # "Jane Roe, The Associated Press" / "Jane Roe, Power Play producer": no "By", so the
            # part after the name must be a known outlet or a newsroom role.
            if not outlet or flat.endswith("."):
                continue
            if re.search(rf"\b(?:{'|'.join(map(re.escape, roles))})s?(?=\s|$)", outlet, re.I):
                outlet = None
            elif outlet.lower() not in p.rules.outlets:
                continue
        return {"rule": rid, "author": author, "outlet": outlet, "date": date}
    return None


def _title_case(s: str) -> bool:
    long_words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", s) if len(w) >= 4]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6


def _headline_like(s: str) -> bool:
    if "\n" in s or len(_words(s)) > 30 or len(s) > 250 or _SENTENCE_END.search(s):
        return False
    if not re.match(r"[\"“‘'(\[A-Z0-9]", s):
        return False
    # a question or a line of several sentences reads like a headline only when short or in Title Case
    several = re.search(r"[.!?][\"”’']?\s+[A-Z]", s)
    if (s.rstrip("\"”’' ").endswith("?") or several) and not _title_case(s):
        return len(_words(s)) <= 12 and not several
    return True


def _subhead_like(s: str) -> bool:
    return "\n" not in s and len(_words(s)) <= 60 and not re.search(r"[.,;:!]['\"’”)\]]*$", s)


def _neighbour_caption_like(p: _Patterns, s: str) -> bool:
    """A short paragraph next to a credited caption that reads like one ("Joe Biden at the White House on Oct. 4.");
    a reporting word (rule caption-neighbour) makes it a report ("Lopez says ...")."""
    words = _words(s)
    if not words or len(words) > 15 or "\n" in s:
        return False
    if not re.match(r"[A-Z(]", s) or re.search(r"[\"“”]", s):
        return False
    if (p.reporting and p.reporting.search(s)) or _AUX.search(s):
        return False
    # more than one sentence ("Oct. 4." and "U.S." are abbreviations, not ends)
    if re.search(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])[.!?]\s+[A-Z]", s):
        return False
    # a past-tense verb ("Russia launched missiles ...") makes it a report, not a caption
    if any(re.fullmatch(r"[a-z]+ed[.,]?", w) for w in words):
        return False
    return bool(_CAPTION_HINT.search(s))


_PARAGRAPH_END = re.compile(r"[.!?:]['\"’”)\]]*$|['\"’”]$")
_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Capt|Sgt|St|Jr|Sr|No|Prof|Rev|[A-Z])\.$")


def _lines_are_paragraphs(text: str, block: list[tuple[int, int]]) -> bool:
    """A block whose lines end where sentences end is one paragraph a line (a feed that
    separates paragraphs by single newlines); hard-wrapped prose breaks lines mid-sentence."""
    ends = [bool(_PARAGRAPH_END.search(text[s:e]) and not _ABBREVIATION_END.search(text[s:e])) for s, e in block[:-1]]
    if all(ends):
        return True
    # most lines end a sentence and some line is longer than any wrapped line: a paragraph a line
    return sum(ends) >= 0.6 * len(ends) and max(e - s for s, e in block) > 100


def _segment(text: str, p: _Patterns, title: str | None) -> tuple[list[Part], dict[str, Any]]:
    lines = _units(text)
    has_blank_lines = any(b for _, _, b in lines[1:])
    # Blocks of lines separated by blank lines; a block becomes one paragraph unless
    # the text has no blank lines at all or one of its lines is a part of its own.
    blocks: list[list[tuple[int, int]]] = []
    for s, e, new in lines:
        if new or not blocks:
            blocks.append([])
        blocks[-1].append((s, e))
    units: list[_Unit] = []
    for block in blocks:
        whole = _Unit(block[0][0], block[-1][1], text[block[0][0]:block[-1][1]])
        if len(block) > 1 and (not has_blank_lines or _lines_are_paragraphs(text, block)
                               or any(_classify(p, text[s:e]) for s, e in block)):
            units.extend(_Unit(s, e, text[s:e]) for s, e in block)
        else:
            units.append(whole)

    meta: dict[str, Any] = {}
    for u in units:
        found = _classify(p, u.text)
        if found:
            u.kind, u.info = found

    # headline and subhead: the first unclassified paragraphs, before any body
    norm_title = re.sub(r"\s+", " ", title).strip().lower() if title else None
    free = [i for i, u in enumerate(units) if u.kind is None]
    if free:
        i = free[0]
        u = units[i]
        is_title = norm_title is not None and re.sub(r"\s+", " ", u.text).strip().lower() == norm_title
        if is_title or (_headline_like(u.text) and i < len(units) - 1):
            u.kind = "headline"
            if len(free) >= 3:  # a subhead needs a body paragraph after it
                j = free[1]
                if all(units[k].kind in ("dateline", "byline") for k in range(i + 1, j)) and _subhead_like(units[j].text):
                    units[j].kind = "subhead"

    # short caption-looking paragraphs next to a credited caption
    credited = [i for i, u in enumerate(units) if u.kind == "caption"]
    for i in credited:
        for j in (i - 1, i + 1):
            if 0 <= j < len(units) and units[j].kind is None and _neighbour_caption_like(p, units[j].text):
                units[j].kind = "caption"
                units[j].info = {"rule": "caption-neighbour"}

    for u in units:
        if u.kind is None:
            u.kind = "body"

    # a place dateline opening the first body paragraph: "OTTAWA — ..."
    out: list[_Unit] = []
    done_prefix = False
    for u in units:
        if u.kind == "body" and not done_prefix:
            done_prefix = True
            for rid, rx in p.dateline_prefix:
                m = rx.match(u.text)
                if m and m.end() < len(u.text) and re.match(r"[A-Z\"“‘'(]", u.text[m.end():]):
                    label = m.group().rstrip()
                    out.append(_Unit(u.start, u.start + len(label), label, "dateline", {"rule": rid, "place": True}))
                    u = _Unit(u.start + m.end(), u.end, u.text[m.end():], "body")
                    break
        out.append(u)

    for u in out:
        if u.kind == "headline" and "title" not in meta:
            meta["title"] = re.sub(r"\s+", " ", u.text)
        elif u.kind == "byline" and "byline" not in meta and u.info:
            meta["byline"] = u.info["author"]
            if u.info.get("outlet"):
                meta["outlet"] = _outlet(u.info["outlet"], p.rules)
            elif u.info["author"].lower() in p.rules.outlets:
                meta["outlet"] = p.rules.outlets[u.info["author"].lower()]
            if u.info.get("date"):
                meta["published"] = u.info["date"]
        elif u.kind == "dateline" and "dateline_date" not in meta:
            found = _find_date(u.text)
            if found:
                meta["dateline_date"] = found[0]
        elif u.kind == "syndication" and "syndicated_from" not in meta and u.info and u.info.get("outlet"):
            meta["syndicated_from"] = _outlet(u.info["outlet"], p.rules)
    if "published" not in meta and "dateline_date" in meta:
        meta["published"] = meta["dateline_date"]
    meta.pop("dateline_date", None)
    return [Part(u.kind, u.start, u.end, u.text) for u in out], meta


_ARTICLE_FIELDS = {f.name for f in fields(Article)} - {"text", "parts", "path"}


def too_long(length: int, limit: int = MAX_CHARS) -> str:
    """The message for a text longer than the pipeline parses."""
    return f"text is {length:,} characters, longer than the {limit:,} this tool parses (split it)"


def read_text(text: str, *, path: str | None = None, rules: RuleSet | None = None, **meta) -> Article:
    """Plain text to an Article with its parts; ``meta`` (title, outlet, published, ...) wins over what is found.

    A text longer than ``MAX_CHARS`` characters is a ReadError (the pipeline would refuse it).
    """
    unknown = set(meta) - _ARTICLE_FIELDS
    if unknown:
        raise TypeError(f"read_text() got unexpected keyword argument(s): {', '.join(sorted(unknown))}")
    if len(text) > MAX_CHARS:
        raise ReadError(path, too_long(len(text)))
    p = _patterns(rules)
    parts, found = _segment(text, p, meta.get("title"))
    given = {k: v for k, v in meta.items() if v not in (None, "")}
    if "published" in given:
        given["published"] = _iso_date(given["published"])
    if "outlet" in given:
        given["outlet"] = _outlet(given["outlet"], p.rules)
    merged = {**found, **given}
    return Article(text=text, parts=parts, path=path, **merged)


# --------------------------------------------------------------------------- HTML

def _html_fallback_text(html: str) -> str:
    """Block-level text of whatever HTML there is, scripts and styles removed."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    paras = []
    for el in root.iter("h1", "h2", "h3", "p", "li", "blockquote", "figcaption", "pre"):
        t = re.sub(r"\s+", " ", el.text_content()).strip()
        if t:
            paras.append(t)
    if not paras:
        t = re.sub(r"\s+", " ", root.text_content()).strip()
        if t:
            paras.append(t)
    return "\n".join(paras)


def read_html(html: str, *, path: str | None = None, url: str | None = None,
              rules: RuleSet | None = None, **meta) -> Article:
    """HTML to an Article: trafilatura's main text, with the page title as the first line."""
    import trafilatura

    doc = None
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_recall=True)
    except Exception:  # trafilatura can fail on badly broken markup; fall back below
        doc = None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        body = _html_fallback_text(html)
    if not body.strip():
        raise ReadError(path, "no article text found in the HTML")
    title = meta.pop("title", None) or (getattr(doc, "title", None) if doc is not None else None)
    paras = [re.sub(r"[ \t]+", " ", ln).strip() for ln in body.splitlines()]
    paras = [ln for ln in paras if ln]
    if title:
        title = re.sub(r"\s+", " ", title).strip()
        if paras and paras[0].lower() == title.lower():
            paras = paras[1:]
        text = title + "\n\n" + "\n\n".join(paras)
    else:
        text = "\n\n".join(paras)
    found = {
        "byline": getattr(doc, "author", None),
        "outlet": getattr(doc, "sitename", None),
        "published": getattr(doc, "date", None),
        "url": url or getattr(doc, "url", None),
        "title": title,
    } if doc is not None else {"url": url, "title": title}
    given = {k: v for k, v in meta.items() if v not in (None, "")}
    return read_text(text, path=path, rules=rules, **{k: v for k, v in {**found, **given}.items() if v})


# --------------------------------------------------------------------------- bytes

_MAGIC = [
    (b"%PDF", "PDF"), (b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP, e.g. .docx"), (b"\x1f\x8b", "gzip"), (b"\xd0\xcf\x11\xe0", "MS Office"),
    (b"RIFF", "RIFF media"), (b"\x7fELF", "executable"), (b"SQLite format 3\x00", "SQLite"),
]
_TYPOGRAPHIC = set("“”‘’–—…•€™«»·°§¶") | {chr(c) for c in range(0xC0, 0x100)} | set("¡¿£¥©®±²³´µ¼½¾ªº\xa0")


def decode(data: bytes, *, path: str | None = None) -> str:
    """Bytes to text: UTF-8 (BOM stripped) first, then a detected encoding; binary is a ReadError."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc)
            except UnicodeDecodeError as e:
                raise ReadError(path, f"not valid {enc} despite its byte-order mark ({e.reason} at byte {e.start})") from None
    head = data[:16]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            raise ReadError(path, f"binary file ({name}) — not an article")
    if b"\x00" in data[:8192]:
        raise ReadError(path, "binary file (contains NUL bytes) — not an article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1252 is what most non-UTF-8 news text is; short samples fool detectors,
    # so take it when every non-ASCII character it gives is a plausible one.
    try:
        cp = data.decode("cp1252")
        odd = [c for c in cp if ord(c) > 127 and c not in _TYPOGRAPHIC]
        if not odd:
            return cp
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError(path, "not UTF-8 and the text encoding could not be detected; save the file as UTF-8")
    return str(best)


def _kind_for(path: str | None, text: str) -> str:
    suffix = Path(path).suffix.lower() if path else ""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype", "<html")) or (not suffix and head.startswith("<")):
        return "html"
    if not suffix and head.startswith("{"):
        return "jsonl"
    return "text"


def _check_article(article: Article, path: str | None, line: int | None = None) -> Article:
    if not any(p.kind in CLAIM_PARTS for p in article.parts):
        raise ReadError(path, "no article text (only page boilerplate)", line=line)
    return article


def _read_one(text: str, kind: str, path: str | None, rules: RuleSet | None) -> Article:
    if not text.strip():
        raise ReadError(path, "empty file")
    if kind == "html":
        article = read_html(text, path=path, rules=rules)
    else:
        article = read_text(text, path=path, rules=rules)
    return _check_article(article, path)


def read_jsonl(data: bytes | str, *, path: str | None = None, rules: RuleSet | None = None) -> Iterator[Article | ReadError]:
    """One Article per JSONL record; a bad record is a ReadError with its line number, the others still come."""
    text = decode(data, path=path) if isinstance(data, bytes) else data
    where = path or "<stdin>"
    any_record = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        any_record = True
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield ReadError(path, f"invalid JSON ({e.msg} at column {e.colno})", line=n)
            continue
        yield from _records([rec], path, where, rules, first_line=n)
    if not any_record:
        yield ReadError(path, "empty file")


def read_json(text: str, *, path: str | None = None, rules: RuleSet | None = None) -> Iterator[Article | ReadError]:
    """A .json file: one record object, or an array of them (each as a JSONL line would be; errors name the item)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        yield ReadError(path, f"invalid JSON ({e.msg} at line {e.lineno}, column {e.colno}); for one record per line "
                              "use a .jsonl file")
        return
    items = data if isinstance(data, list) else [data]
    if not items:
        yield ReadError(path, "empty JSON array")
        return
    yield from _records(items, path, path or "<stdin>", rules, item_numbers=isinstance(data, list))


def _records(recs: list, path: str | None, where: str, rules: RuleSet | None, first_line: int | None = None,
             item_numbers: bool = False) -> Iterator[Article | ReadError]:
    """Articles from parsed records: one JSONL line (its number ``first_line``) or the items of a JSON array
    (with ``item_numbers``, a problem names the item: "item 2: ...")."""
    for k, rec in enumerate(recs, 1):
        n = first_line if first_line is not None else k
        line = None if item_numbers else n

        def problem(message: str) -> ReadError:
            return ReadError(path, f"item {k}: {message}" if item_numbers else message, line=line)

        if not isinstance(rec, dict):
            yield problem("not a JSON object")
            continue
        body, html = rec.get("text"), rec.get("html")
        if not (isinstance(body, str) and body.strip()) and not (isinstance(html, str) and html.strip()):
            yield problem("record has neither \"text\" nor \"html\"")
            continue
        meta = {key: rec.get(key) for key in ("url", "outlet", "published", "title", "byline", "syndicated_from")}
        meta = {key: str(v) for key, v in meta.items() if v not in (None, "")}
        if rec.get("id") not in (None, ""):
            meta["id"] = str(rec["id"])
        rpath = f"{where}#{n}"
        try:
            if isinstance(body, str) and body.strip():
                article = read_text(body, path=rpath, rules=rules, **meta)
            else:
                url = meta.pop("url", None)
                article = read_html(html, path=rpath, url=url, rules=rules, **meta)
            article.record_id = meta.get("id", "")
            yield _check_article(article, path, line=line)
        except ReadError as e:
            yield problem(e.message)


def read_bytes(data: bytes, *, path: str | None, rules: RuleSet | None = None) -> Article:
    """One file's bytes to an Article; the reader is chosen by the suffix (or by sniffing)."""
    if not data.strip():
        raise ReadError(path, "empty file")
    text = decode(data, path=path)
    kind = _kind_for(path, text)
    if kind in ("jsonl", "json"):
        items = list((read_jsonl if kind == "jsonl" else read_json)(text, path=path, rules=rules))
        if len(items) != 1:
            raise ReadError(path, f"holds {len(items)} JSONL records; read it with read_jsonl() or read_paths()")
        if isinstance(items[0], ReadError):
            raise items[0]
        return items[0]
    return _read_one(text, kind, path, rules)


def _items_from_bytes(data: bytes, path: str | None, rules: RuleSet | None) -> Iterator[Article | ReadError]:
    try:
        if not data.strip():
            raise ReadError(path, "empty file")
        text = decode(data, path=path)
        kind = _kind_for(path, text)
        if kind in ("jsonl", "json"):
            yield from (read_jsonl if kind == "jsonl" else read_json)(text, path=path, rules=rules)
            return
        yield _read_one(text, kind, path, rules)
    except ReadError as e:
        yield e


def _size(n: int) -> str:
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MiB"
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MiB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"


def _too_big(path: str, size: int | None, max_bytes: int) -> ReadError:
    what = f"is {_size(size)}, " if size is not None else "is "
    return ReadError(path, f"file {what}larger than the {_size(max_bytes)} limit (--max-bytes)")


def read_path(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES,
              rules: RuleSet | None = None) -> Iterator[Article | ReadError]:
    """The articles of one file (several for JSONL); problems are yielded, not raised."""
    shown = os.fspath(path)
    try:
        size = os.stat(shown).st_size
        if size > max_bytes:
            yield _too_big(shown, size, max_bytes)
            return
        with open(shown, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as e:
        yield ReadError(shown, _os_message(e))
        return
    if len(data) > max_bytes:
        yield _too_big(shown, None, max_bytes)
        return
    yield from _items_from_bytes(data, shown, rules)


def _os_message(e: OSError) -> str:
    import errno

    if e.errno == errno.ENOENT:
        return "no such file or directory"
    if e.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links)"
    if e.errno == errno.EACCES:
        return "permission denied"
    if e.errno == errno.EISDIR:
        return "is a directory"
    return (e.strerror or str(e)).lower()


def _walk(folder: str, seen: set[tuple[int, int]]) -> Iterator[str | ReadError]:
    """Files under ``folder`` with a known suffix, sorted, hidden ones skipped; loops are reported."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield ReadError(folder, _os_message(e))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        shown = os.path.join(folder, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
            is_file = entry.is_file(follow_symlinks=True)
        except OSError as e:
            yield ReadError(shown, _os_message(e))
            continue
        if is_dir:
            try:
                st = os.stat(shown)
            except OSError as e:
                yield ReadError(shown, _os_message(e))
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen:
                target = os.path.realpath(shown)
                yield ReadError(shown, f"symlink loop (leads back to {target}); not followed")
                continue
            seen.add(key)
            yield from _walk(shown, seen)
            seen.discard(key)
        elif is_file:
            if Path(entry.name).suffix.lower() in FOLDER_SUFFIXES:
                yield shown
        elif entry.is_symlink():
            yield ReadError(shown, "broken symlink (its target does not exist)")


def _read_stdin(stdin: bytes | BinaryIO | None, max_bytes: int, rules: RuleSet | None) -> Iterator[Article | ReadError]:
    try:
        if isinstance(stdin, (bytes, bytearray)):
            data = bytes(stdin)
        else:
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
            if stream is None:  # started with standard input closed
                yield ReadError("<stdin>", "standard input is closed")
                return
            data = stream.read(max_bytes + 1)
    except OSError as e:
        yield ReadError("<stdin>", _os_message(e))
        return
    except ValueError:  # read from a closed file object
        yield ReadError("<stdin>", "standard input is closed")
        return
    if len(data) > max_bytes:
        yield _too_big("<stdin>", None, max_bytes)
        return
    yield from _items_from_bytes(data, None, rules)


def read_paths(paths: Iterable[str | os.PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES,
               stdin: bytes | BinaryIO | None = None, rules: RuleSet | None = None) -> Iterator[Article | ReadError]:
    """Articles from files, folders (recursive) and ``-`` (stdin); every problem is a yielded ReadError."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for given in paths:
        shown = os.fspath(given)
        try:
            if shown == "-":
                yield from _read_stdin(stdin, max_bytes, rules)
            elif os.path.isdir(shown):
                st = os.stat(shown)
                found = 0
                for item in _walk(shown, {(st.st_dev, st.st_ino)}):
                    if isinstance(item, ReadError):
                        yield item
                    else:
                        found += 1
                        yield from read_path(item, max_bytes=max_bytes, rules=rules)
                if not found:
                    yield ReadError(shown, f"no readable files in this folder (looked for {', '.join(FOLDER_SUFFIXES)})")
            elif not os.path.lexists(shown):
                yield ReadError(shown, "no such file or directory")
            else:
                yield from read_path(shown, max_bytes=max_bytes, rules=rules)
        except ReadError as e:
            yield e
        except Exception as e:  # never stop a batch: an unexpected failure is this input's error
            yield ReadError(shown, f"could not read: {type(e).__name__}: {e}")
