"""The data types every stage passes along: plain, JSON-ready dataclasses.

Offsets are character offsets into ``Article.text`` (the text as read).
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

LABELS = ("named-official", "anonymous-source", "editorial-framing")

# Parts of an article. Claims come from headline, subhead and body; the others
# are reported as skipped with their kind as the reason.
CLAIM_PARTS = ("headline", "subhead", "body")
SKIPPED_PARTS = ("dateline", "byline", "caption", "syndication", "boilerplate")


@dataclass
class Part:
    kind: str  # headline | subhead | dateline | byline | body | caption | syndication | boilerplate
    start: int
    end: int
    text: str


@dataclass
class Article:
    text: str
    parts: list[Part] = field(default_factory=list)
    id: str | None = None
    path: str | None = None
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: str | None = None
    syndicated_from: str | None = None
    # from a JSONL record: its own "id" ("" when it has none); None for a file (see storage_id)
    record_id: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)

    def meta(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "title": self.title,
            "byline": self.byline,
            "outlet": self.outlet,
            "published": self.published,
            "syndicated_from": self.syndicated_from,
        }


def content_id(text: str) -> str:
    """An article id derived from its content, so re-reading it gives the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def storage_id(article: "Article") -> str:
    """The id an article is stored under: derived from its text (``content_id``, the id ``audit`` shows for a
    file) and, for a JSONL record, from its outlet, url and own id too. So the same file or record ingested twice
    is one article, while one wire story that a feed lists for two outlets is two (linked as copies), and two
    feeds that both number their records 1, 2, 3 do not overwrite each other."""
    extra = [article.outlet or "", article.url or "", article.record_id or ""]
    if article.record_id is None or not any(extra):
        return content_id(article.text)
    return hashlib.sha256("\0".join([article.text] + extra).encode("utf-8")).hexdigest()[:16]


@dataclass
class Source:
    text: str
    start: int | None
    end: int | None
    name: str  # canonical name ("Antony Blinken") or descriptor ("two U.S. officials")
    kind: str  # person | office | organisation | government | outlet | document | group | anonymous | writer
    role: str | None = None
    count: str | None = None
    affiliation: str | None = None
    descriptor: str | None = None  # anonymous sources: "officials", "sources"
    reason: str | None = None  # anonymous sources: the reason given for anonymity ("on condition of anonymity")
    resolved_from: str | None = None  # the pronoun or short form that was resolved ("He", "The sources")
    cue: "Cue | None" = None  # in a chain: the cue that links this source

    @property
    def anonymous(self) -> bool:
        return self.kind == "anonymous" or (self.kind == "document" and self.descriptor is not None)


@dataclass
class Cue:
    text: str
    start: int
    end: int
    lemma: str
    stance: str  # neutral | hedged | assertive | loaded | belief | evidence | refusal


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Marker:
    text: str
    start: int
    end: int
    kind: str  # loaded | hedge | intensifier | scare-quote
    rule: str | None = None


@dataclass
class Attribution:
    """One source-cue-content relation found inside a claim (outermost first)."""

    source: Source | None
    cue: Cue
    content: Span | None
    chain: list[Source] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)


@dataclass
class Claim:
    id: str
    index: int
    part: str
    start: int
    end: int
    text: str
    label: str
    source: Source | None = None
    cue: Cue | None = None
    content: Span | None = None
    chain: list[Source] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)  # canonical names of entities in the claim


@dataclass
class Skipped:
    start: int
    end: int
    text: str
    reason: str


@dataclass
class Audit:
    article: Article
    claims: list[Claim]
    skipped: list[Skipped]
    notes: list[str] = field(default_factory=list)
    scores: dict[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> dict[str, Any]:
        n = len(self.claims)
        out: dict[str, Any] = {"claims": n}
        for label in LABELS:
            count = sum(1 for c in self.claims if c.label == label)
            out[label] = count
            out[f"{label}-share"] = round(count / n, 3) if n else 0.0
        out["skipped"] = len(self.skipped)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.meta(),
            "claims": [to_json(c) for c in self.claims],
            "skipped": [asdict(s) for s in self.skipped],
            "summary": self.summary,
            "scores": self.scores,
            "notes": self.notes,
        }


def to_json(obj: Any) -> Any:
    """Dataclasses to plain dicts, dropping nothing (None stays null)."""
    if hasattr(obj, "__dataclass_fields__"):
        return {k: to_json(v) for k, v in obj.__dict__.items()}
    if isinstance(obj, list):
        return [to_json(v) for v in obj]
    return obj
