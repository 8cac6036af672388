"""The reader: parts of a page, metadata, decoding, HTML, JSONL, folders and every ReadError."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from attribution.model import CLAIM_PARTS, Article
from attribution.read import (
    DEFAULT_MAX_BYTES,
    ReadError,
    decode,
    read_bytes,
    read_html,
    read_jsonl,
    read_paths,
    read_text,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def kinds(article: Article) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in article.parts]


def assert_offsets(article: Article) -> None:
    last = -1
    for p in article.parts:
        assert article.text[p.start:p.end] == p.text
        assert p.text == p.text.strip() and p.text
        assert p.start >= last, "parts are in order and do not overlap"
        last = p.end


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


# ----------------------------------------------------------------------------- seeds

@pytest.fixture(scope="module")
def seed_000() -> Article:
    return only(read_paths([str(seed("000"))]))


@pytest.fixture(scope="module")
def seed_003() -> Article:
    return only(read_paths([str(seed("003"))]))


def test_seed_000_parts(seed_000):
    got = kinds(seed_000)
    assert got[0] == ("dateline", "Thursday, September 12, 2024")
    assert got[1] == ("headline", "Blinken Signals US Will Allow Long-Range Strikes in Russia With NATO Missiles")
    assert got[2][0] == "subhead" and got[2][1].startswith("British sources indicated to The Guardian")
    assert got[3] == ("byline", "by Dave DeCamp, Antiwar. com, September 11, 2024")
    assert got[-2:] == [("boilerplate", "Share this:"), ("boilerplate", "No comments:")]
    captions = [t for k, t in got if k == "caption"]
    assert len(captions) == 2
    assert captions[0].startswith("(Left-right) US Secretary of State")
    assert captions[0].endswith("(PA Images via Reuters Connect)")
    assert captions[1] == "Military situation in Kursk on September 11, 2024 (SouthFront.press)"
    body = [t for k, t in got if k == "body"]
    assert len(body) == 8
    assert body[0].startswith("On Wednesday, Secretary of State Antony Blinken")


def test_seed_000_metadata(seed_000):
    assert seed_000.title == "Blinken Signals US Will Allow Long-Range Strikes in Russia With NATO Missiles"
    assert seed_000.byline == "Dave DeCamp"
    assert seed_000.outlet == "Antiwar.com"
    assert seed_000.published == "2024-09-11"  # the byline's date wins over the dateline's
    assert seed_000.syndicated_from is None
    assert seed_000.path == str(seed("000"))


def test_seed_003_parts(seed_003):
    got = kinds(seed_003)
    assert got[0] == ("headline", "Biden authorized Ukraine to strike Russia with U.S.-supplied long-range missiles")
    assert [t for k, t in got if k == "caption"] == [
        "Joe Biden. (Andrew Harnik / Getty Images)",
        "Joe Biden at the White House on Oct. 4.",
    ]
    assert [t for k, t in got if k == "syndication"] == ["This article was originally published on NBCNews.com"]
    assert [t for k, t in got if k == "boilerplate"] == ["Source link", "About The Author", "Scroll to Top"]
    assert "subhead" not in [k for k, _ in got]
    body = [t for k, t in got if k == "body"]
    assert body[0].startswith("President Joe Biden has authorized Ukraine")
    assert "The Pentagon and White House both declined to comment." in body


def test_seed_003_metadata(seed_003):
    assert seed_003.title.startswith("Biden authorized Ukraine")
    assert seed_003.syndicated_from == "NBCNews.com"
    assert seed_003.byline is None and seed_003.published is None


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_seed_offsets(prefix):
    assert_offsets(only(read_paths([seed(prefix)])))


def test_seed_ids_stable():
    a, b = read_text(seed("000").read_text()), read_text(seed("000").read_text())
    assert a.id == b.id and len(a.id) == 16


# ----------------------------------------------------------------------------- parts from plain text

ARTICLE = """Council Delays Vote on Harbour Bridge Tolls

Members want another month to study the traffic figures

By Mara Lindqvist, Coastal Ledger, March 4, 2024

HALIFAX — The city council postponed its vote on new bridge tolls, the mayor's office said on Monday.

Two councillors, speaking on condition of anonymity, said the delay could last until summer.

The harbour bridge at dusk on Feb. 2. (Coastal Ledger / Staff Photo)

Cars queue at the toll plaza on Friday.

The transport committee will meet again next week.

Share this:
"""


def test_text_parts_full_article():
    a = read_text(ARTICLE)
    assert kinds(a) == [
        ("headline", "Council Delays Vote on Harbour Bridge Tolls"),
        ("subhead", "Members want another month to study the traffic figures"),
        ("byline", "By Mara Lindqvist, Coastal Ledger, March 4, 2024"),
        ("dateline", "HALIFAX —"),
        ("body", "The city council postponed its vote on new bridge tolls, the mayor's office said on Monday."),
        ("body", "Two councillors, speaking on condition of anonymity, said the delay could last until summer."),
        ("caption", "The harbour bridge at dusk on Feb. 2. (Coastal Ledger / Staff Photo)"),
        ("caption", "Cars queue at the toll plaza on Friday."),
        ("body", "The transport committee will meet again next week."),
        ("boilerplate", "Share this:"),
    ]
    assert (a.title, a.byline, a.outlet, a.published) == (
        "Council Delays Vote on Harbour Bridge Tolls", "Mara Lindqvist", "Coastal Ledger", "2024-03-04")
    assert_offsets(a)


@pytest.mark.parametrize("text,expected", [
    # a place dateline opening the first paragraph is its own part
    ("OTTAWA — Foreign Affairs Minister Lena Okafor says Canada will send more observers.",
     [("dateline", "OTTAWA —"), ("body", "Foreign Affairs Minister Lena Okafor says Canada will send more observers.")]),
    ("KYIV, Ukraine (AP) — Officials said the talks would resume.",
     [("dateline", "KYIV, Ukraine (AP) —"), ("body", "Officials said the talks would resume.")]),
    ("WASHINGTON -- The senator said the bill was dead.",
     [("dateline", "WASHINGTON --"), ("body", "The senator said the bill was dead.")]),
    # not a place: a lower-case word after the dash, or a capitalised sentence opening
    ("NATO — the alliance, that is — said nothing.", [("body", "NATO — the alliance, that is — said nothing.")]),
    ("US officials — two of them — said no.", [("body", "US officials — two of them — said no.")]),
])
def test_text_dateline_prefix(text, expected):
    a = read_text(text)
    assert kinds(a) == expected
    assert_offsets(a)


def test_text_dateline_prefix_only_first_body_paragraph():
    a = read_text("Ministers Meet in Ottawa\n\nOTTAWA — The minister spoke.\n\nTORONTO — Nobody else did.")
    assert [k for k, _ in kinds(a)] == ["headline", "dateline", "body", "body"]


@pytest.mark.parametrize("line,kind", [
    ("Thursday, September 12, 2024", "dateline"),
    ("Sept. 3, 2024", "dateline"),
    ("12 March 2024", "dateline"),
    ("2024-03-12", "dateline"),
    ("Updated: March 4, 2024 10:15 am", "dateline"),
    ("By Jane Roe", "byline"),
    ("By Jane Roe and John Doe | Reuters", "byline"),
    ("Share this:", "boilerplate"),
    ("12 Comments", "boilerplate"),
    ("Home | World | Europe", "boilerplate"),
    ("Advertisement", "boilerplate"),
    ("Updated 3:45 p.m. ET, March 5, 2024", "boilerplate"),
    ("Associated Press writer Sara Kim contributed to this report.", "boilerplate"),
    ("Originally published by The Harbour Times.", "syndication"),
    ("Republished with permission from Coastal Ledger.", "syndication"),
    ("A protester holds a flag in Tbilisi. (AFP via Getty Images)", "caption"),
    ("Photo: a flooded street in the old town", "caption"),
    ("Marta Kowal, The Associated Press", "byline"),
    ("Lena Okafor, Ottawa bureau chief", "byline"),
    ("Open this photo in gallery A ferry leaves the harbour at dawn.", "caption"),
    # body look-alikes
    ("Kowal Laughs, Evades Reporter’s Question.", "body"),
    ("Lena Okafor, the minister", "body"),
    ("The vote was close (the closest since 1998, when the plan first came up.)", "body"),
    ("The vote was close (That last detail comes courtesy of a council memo.)", "body"),
    ("By the time the ministers met, they had agreed, officials said.", "body"),
    ("By Monday, officials had agreed to the plan.", "body"),
    ("Updated plans for the bridge were shown on Monday.", "body"),
    ("Residents who contributed to this report's survey said the bridge was unsafe.", "body"),
    ("The minister said the plan was final (a view others share).", "body"),
])
def test_text_line_kinds(line, kind):
    a = read_text(f"The minister said the plan was final.\n\n{line}\n\nThe opposition disagreed.")
    assert kinds(a)[1] == (kind, line)


@pytest.mark.parametrize("text,expected", [
    # one paragraph without final punctuation is body, not a lone headline
    ("The minister said the plan was", [("body", "The minister said the plan was")]),
    # a first line ending like a sentence is body
    ("The minister resigned.\n\nHer deputy takes over.", [("body", "The minister resigned."), ("body", "Her deputy takes over.")]),
    # a question is a headline too
    ("Will the Bridge Tolls Rise?\n\nThe council votes today.",
     [("headline", "Will the Bridge Tolls Rise?"), ("body", "The council votes today.")]),
    # a long question is a headline only in Title Case
    ("The question every candidate heard last autumn was simple enough: what would you do about the bridge?\n\nMost dodged it.",
     [("body", "The question every candidate heard last autumn was simple enough: what would you do about the bridge?"),
      ("body", "Most dodged it.")]),
    ("Council Finally Votes. Is This the End of the Toll Fight?\n\nMost think so.",
     [("headline", "Council Finally Votes. Is This the End of the Toll Fight?"), ("body", "Most think so.")]),
    # a quote ending in "!" after a headline is body, not a subhead
    ("Mayor Hits Back\n\nThe mayor told reporters, “We will not be bullied!”\n\nShe left.",
     [("headline", "Mayor Hits Back"), ("body", "The mayor told reporters, “We will not be bullied!”"), ("body", "She left.")]),
    # a second unpunctuated line needs a body after it to be a subhead
    ("Tolls Rise\n\nCouncil agrees in the end\n\nThe vote was 7 to 2.",
     [("headline", "Tolls Rise"), ("subhead", "Council agrees in the end"), ("body", "The vote was 7 to 2.")]),
    # no blank lines: every line is a paragraph
    ("Tolls Rise\nThe vote was 7 to 2.\nShare this:",
     [("headline", "Tolls Rise"), ("body", "The vote was 7 to 2."), ("boilerplate", "Share this:")]),
    # a block whose lines include page furniture is split into lines
    ("The vote was 7 to 2.\n\nShare this:\nNo comments:",
     [("body", "The vote was 7 to 2."), ("boilerplate", "Share this:"), ("boilerplate", "No comments:")]),
    # a feed that ends each paragraph with a single newline: one paragraph a line
    ("The vote was 7 to 2 after a long debate.\nThe mayor said little.\n\"We lost,\" she said.\n\nShe left.",
     [("body", "The vote was 7 to 2 after a long debate."), ("body", "The mayor said little."),
      ("body", "\"We lost,\" she said."), ("body", "She left.")]),
    # a hard-wrapped paragraph stays one body part
    ("The vote was 7 to 2 after a long\ndebate in the council chamber.\n\nThe mayor said little.",
     [("body", "The vote was 7 to 2 after a long\ndebate in the council chamber."), ("body", "The mayor said little.")]),
])
def test_text_headline_and_paragraphs(text, expected):
    a = read_text(text)
    assert kinds(a) == expected
    assert_offsets(a)


@pytest.mark.parametrize("neighbour,kind", [
    ("Lena Okafor at the summit in Brussels on June 3.", "caption"),
    ("The ministry declined to comment.", "body"),
    ("Officials said the summit would go ahead on June 3.", "body"),
    ("Russia launched missiles at Kyiv on Sunday.", "body"),
    ("Lena Okafor will attend the summit in Brussels on June 3.", "body"),
])
def test_text_caption_neighbours(neighbour, kind):
    text = ("The summit opened on Monday, the organisers said.\n\n"
            "Lena Okafor. (Jon Park / Reuters)\n\n"
            f"{neighbour}\n\n"
            "Delegates are expected to agree a statement by Friday, diplomats said.")
    a = read_text(text)
    assert kinds(a)[1][0] == "caption"
    assert kinds(a)[2] == (kind, neighbour)


def test_text_caption_neighbour_before():
    a = read_text("The summit opened on Monday, the organisers said.\n\n"
                  "Lena Okafor in Brussels on June 3.\n\n"
                  "Lena Okafor. (Jon Park / Reuters)\n\nDelegates met again.")
    assert [k for k, _ in kinds(a)] == ["body", "caption", "caption", "body"]


@pytest.mark.parametrize("line,outlet", [
    ("This article was originally published on NBCNews.com", "NBCNews.com"),
    ("This story first appeared in The Guardian.", "The Guardian"),
    ("This article is republished from The Conversation under a Creative Commons license.", "The Conversation"),
])
def test_text_syndicated_from(line, outlet):
    a = read_text(f"The minister resigned on Friday.\n\n{line}")
    assert a.syndicated_from == outlet
    assert kinds(a)[-1] == ("syndication", line)


@pytest.mark.parametrize("byline,author,outlet,published", [
    ("by Dave DeCamp, Antiwar. com, September 11, 2024", "Dave DeCamp", "Antiwar.com", "2024-09-11"),
    ("By Jane Roe, Reuters", "Jane Roe", "Reuters", None),
    ("BY Jane Roe, Daily Example, 5 March 2024", "Jane Roe", "Daily Example", "2024-03-05"),
    ("By Jane Roe, March 4, 2024", "Jane Roe", None, "2024-03-04"),
    ("By Jane Roe, Updated March 4, 2024 10:15 AM EST", "Jane Roe", None, "2024-03-04"),
])
def test_text_byline_metadata(byline, author, outlet, published):
    a = read_text(f"Council Delays Vote\n\n{byline}\n\nThe council postponed the vote.")
    assert (a.byline, a.outlet, a.published) == (author, outlet, published)


@pytest.mark.parametrize("byline,author,outlet", [
    ("Marta Kowal, The Associated Press", "Marta Kowal", "The Associated Press"),
    ("Lena Okafor, Ottawa bureau chief", "Lena Okafor", None),
])
def test_text_byline_without_by(byline, author, outlet):
    a = read_text(f"{byline}\n\nNEW YORK -- Stocks rose on Wednesday, traders said.")
    assert [k for k, _ in kinds(a)] == ["byline", "dateline", "body"]
    assert (a.byline, a.outlet) == (author, outlet)


def test_text_dateline_date_when_no_byline_date():
    a = read_text("Friday, 8 November 2024\n\nCouncil Delays Vote\n\nThe council postponed the vote.")
    assert a.published == "2024-11-08"
    assert [k for k, _ in kinds(a)] == ["dateline", "headline", "body"]


def test_text_meta_wins_over_found():
    a = read_text("Council Delays Vote\n\nBy Jane Roe, Reuters\n\nThe vote was postponed.",
                  outlet="Antiwar. com", published="2024-05-06T10:00:00Z", url="https://example.org/a")
    assert (a.outlet, a.published, a.url, a.byline) == ("Antiwar.com", "2024-05-06", "https://example.org/a", "Jane Roe")


def test_text_unknown_meta_is_a_type_error():
    with pytest.raises(TypeError):
        read_text("Some text.", colour="red")


def test_text_crlf_offsets():
    a = read_text("Council Delays Vote\r\n\r\nThe vote was postponed.\r\n\r\nShare this:\r\n")
    assert kinds(a) == [("headline", "Council Delays Vote"), ("body", "The vote was postponed."),
                        ("boilerplate", "Share this:")]
    assert_offsets(a)


# ----------------------------------------------------------------------------- HTML

PAGE = """<!doctype html>
<html><head><title>Council Delays Vote on Bridge Tolls | Coastal Ledger</title>
<meta property="og:title" content="Council Delays Vote on Bridge Tolls">
<meta property="og:site_name" content="Coastal Ledger">
<meta name="author" content="Mara Lindqvist">
<meta property="article:published_time" content="2024-03-04T09:30:00Z">
<style>body { color: red } .SECRET_STYLE {}</style>
<script>var tracker = "SECRET_SCRIPT";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Council Delays Vote on Bridge Tolls</h1>
<p>The city council postponed its vote on new bridge tolls on Monday, the mayor's office said in a statement.</p>
<script>document.write("SECRET_INLINE")</script>
<p>Two councillors, speaking on condition of anonymity, said the delay could last until the summer recess.</p>
<p>The transport committee is expected to publish new traffic figures before the next meeting in April.</p>
</article>
<footer>Copyright 2024 Coastal Ledger</footer>
</body></html>"""


def test_html_extracts_text_and_metadata():
    a = read_html(PAGE, path="page.html")
    assert a.title == "Council Delays Vote on Bridge Tolls"
    assert kinds(a)[0] == ("headline", "Council Delays Vote on Bridge Tolls")
    assert a.text.startswith("Council Delays Vote on Bridge Tolls\n\n")
    assert a.text.count("Council Delays Vote on Bridge Tolls") == 1
    assert (a.byline, a.outlet, a.published) == ("Mara Lindqvist", "Coastal Ledger", "2024-03-04")
    body = [t for k, t in kinds(a) if k == "body"]
    assert body[0].startswith("The city council postponed")
    assert len(body) == 3
    assert_offsets(a)


def test_html_scripts_and_styles_do_not_leak():
    a = read_html(PAGE)
    for secret in ("SECRET_SCRIPT", "SECRET_INLINE", "SECRET_STYLE", "color: red", "document.write"):
        assert secret not in a.text


@pytest.mark.parametrize("html", [
    # cut off mid-paragraph
    "<html><body><article><h1>Council Delays Vote</h1><p>The city council postponed its vote on new bridge "
    "tolls, the mayor's office said.</p><p>Two councillors said the delay could",
    # unclosed tags everywhere
    "<html><body><div><p>The city council postponed its vote on new bridge tolls, the mayor's office said.<p>"
    "Two councillors said the delay could last until summer.<div><span>",
])
def test_html_truncated_still_gives_text(html):
    a = read_html(html)
    assert "The city council postponed its vote" in a.text
    assert any(p.kind in CLAIM_PARTS for p in a.parts)


@pytest.mark.parametrize("html", [
    "<html><head><script>var x = 1;</script></head><body></body></html>",
    "<html><body><style>p { }</style></body></html>",
    "<!doctype html>",
])
def test_html_without_text_is_an_error(html):
    with pytest.raises(ReadError, match="no article text found in the HTML"):
        read_html(html, path="empty.html")


# ----------------------------------------------------------------------------- decoding and ReadErrors from files

@pytest.mark.parametrize("data,expected", [
    ("He called it “final” — and left.".encode("utf-8"), "He called it “final” — and left."),
    (b"\xef\xbb\xbf" + "Caf\u00e9 owners said no.".encode("utf-8"), "Café owners said no."),
    ("He called it “final” — and left. It’s over.".encode("cp1252"), "He called it “final” — and left. It’s over."),
    ("Café owners said “no”.".encode("cp1252"), "Café owners said “no”."),
    ("naïve café".encode("latin-1"), "naïve café"),
    ("The minister said “no”.".encode("utf-16"), "The minister said “no”."),
])
def test_decode(data, expected):
    assert decode(data) == expected


def test_read_cp1252_file_smart_quotes(tmp_path):
    f = tmp_path / "cp1252.txt"
    f.write_bytes("The minister called the report \x93deeply flawed\x94, her office said.".encode("latin-1"))
    a = only(read_paths([f]))
    assert "“deeply flawed”" in a.text


def test_read_invalid_utf8_decodes_as_legacy(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes(b"The caf\xe9 owners said the rent had doubled.")
    assert only(read_paths([f])).text == "The café owners said the rent had doubled."


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n\t \r\n", "empty file"),
    ("nul.txt", b"The minister\x00 said\x00 no.\x00", "binary file (contains NUL bytes) — not an article"),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF) — not an article"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG) — not an article"),
    ("photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG) — not an article"),
    ("doc.txt", b"PK\x03\x04\x14\x00\x06\x00", "binary file (ZIP, e.g. .docx) — not an article"),
    ("furniture.txt", b"Share this:\n\nNo comments:\n\nScroll to Top\n", "no article text (only page boilerplate)"),
    ("nohtml.html", b"<html><head><script>var a;</script></head><body></body></html>",
     "no article text found in the HTML"),
])
def test_read_errors(tmp_path, name, data, message):
    f = tmp_path / name
    f.write_bytes(data)
    err = only(read_paths([str(f)]))
    assert isinstance(err, ReadError)
    assert err.message == message
    assert str(err) == f"{f}: {message}"
    assert "\n" not in str(err)
    with pytest.raises(ReadError, match="^" + str(f)):
        read_bytes(data, path=str(f))


def test_read_oversize(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("The minister said the plan was final. " * 20)
    err = only(read_paths([f], max_bytes=100))
    assert isinstance(err, ReadError)
    assert "larger than the 100 bytes limit (--max-bytes)" in str(err)
    assert only(read_paths([f])).text.startswith("The minister")


def test_read_default_limit_named_in_message(tmp_path):
    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:
        fh.truncate(DEFAULT_MAX_BYTES + 1)
    err = only(read_paths([f]))
    assert "larger than the 5 MiB limit (--max-bytes)" in str(err)


def test_read_missing_path():
    err = only(read_paths(["no/such/article.txt"]))
    assert isinstance(err, ReadError)
    assert str(err) == "no/such/article.txt: no such file or directory"


def test_read_batch_goes_on_past_errors(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The council postponed the vote, officials said.")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    items = list(read_paths([str(empty), "missing.txt", str(good)]))
    assert [type(i).__name__ for i in items] == ["ReadError", "ReadError", "Article"]


def test_read_html_by_sniffing_a_txt_file(tmp_path):
    f = tmp_path / "saved.txt"
    f.write_text(PAGE)
    a = only(read_paths([f]))
    assert a.title == "Council Delays Vote on Bridge Tolls"
    assert "SECRET_SCRIPT" not in a.text


# ----------------------------------------------------------------------------- folders

def test_folder_recursive_sorted_and_filtered(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("The second article says little.")
    (tmp_path / "a.txt").write_text("The first article says little.")
    (tmp_path / "c.md").write_text("The third article says little.")
    (tmp_path / ".hidden.txt").write_text("A hidden file says little.")
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n")
    (tmp_path / "d.html").write_text("<html><body><p>The fourth article says little, officials said.</p></body></html>")
    items = list(read_paths([str(tmp_path)]))
    assert all(isinstance(i, Article) for i in items), items
    assert [os.path.relpath(i.path, tmp_path) for i in items] == ["a.txt", os.path.join("b", "two.txt"), "c.md", "d.html"]


def test_folder_relative_paths_stay_relative(tmp_path, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "one.txt").write_text("The council met on Monday.")
    monkeypatch.chdir(tmp_path)
    assert [a.path for a in read_paths(["news"])] == [os.path.join("news", "one.txt")]


def test_folder_empty(tmp_path):
    (tmp_path / "only.csv").write_text("a,b\n")
    err = only(read_paths([tmp_path]))
    assert isinstance(err, ReadError)
    assert "no readable files in this folder" in str(err)


def test_folder_symlink_loop(tmp_path):
    (tmp_path / "a.txt").write_text("The council met on Monday.")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "back")
    items = list(read_paths([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError"]
    assert "symlink loop" in str(items[1])
    assert str(items[1]).startswith(str(tmp_path / "sub" / "back"))


def test_folder_self_symlink_file(tmp_path):
    (tmp_path / "a.txt").write_text("The council met on Monday.")
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    items = list(read_paths([tmp_path]))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], ReadError) and "symlink loop" in str(items[1])


# ----------------------------------------------------------------------------- JSONL and stdin

RECORDS = [
    {"id": "rec-1", "text": "Council Delays Vote\n\nThe council postponed the vote, officials said.",
     "url": "https://example.org/1", "outlet": "Reuters", "published": "2024-03-04T10:00:00Z"},
    "{this is not json",
    {"id": "rec-3", "url": "https://example.org/3"},
    {"html": "<html><body><h1>Bridge Tolls Rise</h1><p>The council agreed to raise tolls, the mayor said.</p></body></html>",
     "title": "Bridge Tolls Rise"},
    ["not", "an", "object"],
]


def write_jsonl(path: Path, records) -> None:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n")


def test_jsonl_records_and_errors(tmp_path):
    f = tmp_path / "feed.jsonl"
    write_jsonl(f, RECORDS)
    items = list(read_paths([str(f)]))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "ReadError", "Article", "ReadError"]
    first, broken, missing, html, notobj = items
    assert (first.id, first.url, first.outlet, first.published, first.path) == (
        "rec-1", "https://example.org/1", "Reuters", "2024-03-04", f"{f}#1")
    assert first.text == RECORDS[0]["text"]  # offsets are into the record's text
    assert kinds(first) == [("headline", "Council Delays Vote"), ("body", "The council postponed the vote, officials said.")]
    assert_offsets(first)
    assert broken.line == 2 and str(broken).startswith(f"{f}:2: invalid JSON (")
    assert missing.line == 3 and 'neither "text" nor "html"' in str(missing)
    assert html.title == "Bridge Tolls Rise" and html.path == f"{f}#4"
    assert kinds(html)[0] == ("headline", "Bridge Tolls Rise")
    assert notobj.line == 5 and "not a JSON object" in str(notobj)


def test_jsonl_id_from_content_when_missing(tmp_path):
    f = tmp_path / "feed.ndjson"
    write_jsonl(f, [{"text": "The council postponed the vote."}])
    a = only(read_paths([f]))
    assert a.id == read_text("The council postponed the vote.").id


def test_jsonl_read_jsonl_from_text():
    items = list(read_jsonl('{"text": "The vote was postponed."}\n\n{"text": "Share this:"}\n', path="x.jsonl"))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], ReadError) and items[1].line == 3
    assert "only page boilerplate" in str(items[1])


@pytest.mark.parametrize("data,kind", [
    (b"Council Delays Vote\n\nThe council postponed the vote, officials said.\n", "text"),
    (b'{"id": "s1", "text": "The council postponed the vote."}\n', "jsonl"),
    (PAGE.encode(), "html"),
])
def test_stdin(data, kind):
    a = only(read_paths(["-"], stdin=data))
    assert isinstance(a, Article)
    if kind == "jsonl":
        assert a.id == "s1" and a.path == "<stdin>#1"
    elif kind == "html":
        assert a.title == "Council Delays Vote on Bridge Tolls" and "SECRET_SCRIPT" not in a.text
    else:
        assert a.title == "Council Delays Vote"


def test_stdin_stream_and_errors():
    a = only(read_paths(["-"], stdin=io.BytesIO(b"The council postponed the vote.")))
    assert a.text == "The council postponed the vote."
    err = only(read_paths(["-"], stdin=b""))
    assert str(err) == "<stdin>: empty file"
    err = only(read_paths(["-"], stdin=io.BytesIO(b"x" * 50), max_bytes=10))
    assert "larger than the 10 bytes limit" in str(err)


def test_read_bytes_dispatch():
    assert read_bytes(b"The vote was postponed.", path="a.txt").text == "The vote was postponed."
    assert read_bytes(PAGE.encode(), path="a.htm").title == "Council Delays Vote on Bridge Tolls"
    assert read_bytes(b'{"id": "one", "text": "The vote was postponed."}', path="a.jsonl").id == "one"
    with pytest.raises(ReadError, match="2 JSONL records"):
        read_bytes(b'{"text": "One."}\n{"text": "Two."}\n', path="a.jsonl")


def test_stdin_closed():
    stream = io.BytesIO(b"The council postponed the vote.")
    stream.close()
    assert str(only(read_paths(["-"], stdin=stream))) == "<stdin>: standard input is closed"


def _run_cli(args, **kw):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", "from attribution.cli import cli; cli()", *args],
                          capture_output=True, timeout=120, **kw)


def test_stdin_closed_in_a_real_process():
    # Started with standard input closed (`attribution audit - <&-`): one line, exit 1.
    proc = _run_cli(["audit", "-"], stdin=None, preexec_fn=lambda: os.close(0))
    assert proc.returncode == 1
    assert proc.stderr.decode().strip().splitlines() == ["error: <stdin>: standard input is closed"]


def test_stdin_writer_closes_early():
    # The writer stops mid-sentence and closes the pipe: what arrived is audited, nothing hangs.
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "from attribution.cli import cli; cli()", "audit", "-",
                             "--format", "jsonl"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    out, err = proc.communicate(b"Council Delays Vote\n\nThe council postponed the vote, officials sa", timeout=120)
    assert proc.returncode == 0, err.decode()
    data = json.loads(out)
    assert data["article"]["path"] is None
    assert data["claims"][-1]["text"].endswith("officials sa")


# ----------------------------------------------------------------------------- huge input

def test_million_char_line_is_read_whole(tmp_path):
    words = "the council postponed the vote on the bridge tolls and officials said little".split()
    line = " ".join(words[i % len(words)] for i in range(200_000))[:1_000_000]
    f = tmp_path / "oneline.txt"
    f.write_text(line)
    a = only(read_paths([f]))
    assert isinstance(a, Article)
    assert a.text == line and len(a.text) == 1_000_000
    assert [(p.kind, p.start, p.end) for p in a.parts] == [("body", 0, len(line.rstrip()))]
    assert_offsets(a)


def test_run_on_text_is_cut_into_bounded_sentences(engine):
    # 3,000 words and no full stop: without the cut this is one sentence, and the rules'
    # cost grows much faster than its length (minutes for a few thousand words).
    from attribution.pipeline import MAX_SENTENCE_TOKENS

    words = "the minister said the plan was final and officials agreed with the council on monday".split()
    text = " ".join(words[i % len(words)] for i in range(3000))
    doc = engine.nlp(text)
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= MAX_SENTENCE_TOKENS
    assert sum(lengths) == len(doc)
    result = engine.audit(read_text(text))
    assert "".join(c.text + " " for c in result.claims).split() == text.split()


def test_hard_wrapped_quote_is_not_cut_into_lines():
    text = ("\"The governor said he would pay for the bridge and\nthen he changed his mind. That is the truth.\n"
            "Nobody in this town believes him,\" the mayor said.\n\nThe vote is on Monday.")
    a = read_text(text)
    assert [p.kind for p in a.parts] == ["body", "body"]


def test_a_jsonl_record_gives_its_byline_and_original_outlet():
    from attribution.read import read_jsonl

    rec = {"id": "r1", "text": "Bridge Closes\n\nI think the bridge should close.", "byline": "Lois Lane",
           "outlet": "Daily Planet", "syndicated_from": "Gotham Gazette"}
    (article,) = list(read_jsonl(json.dumps(rec) + "\n", path="feed.jsonl"))
    assert (article.byline, article.syndicated_from, article.record_id) == ("Lois Lane", "Gotham Gazette", "r1")


def test_a_json_file_is_one_record_or_an_array_of_them(tmp_path):
    arr = tmp_path / "export.json"
    arr.write_text(json.dumps([{"text": "The governor said the bridge would reopen.", "title": "Bridge"},
                               {"title": "no text"},
                               {"text": "Police said a man was arrested."}]))
    items = list(read_paths([arr]))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article"]
    assert items[0].title == "Bridge" and str(items[1]).endswith('item 2: record has neither "text" nor "html"')
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "x1", "text": "Police said the road was closed."}))
    (article,) = list(read_paths([one]))
    assert (article.id, article.record_id) == ("x1", "x1")
    bad = tmp_path / "bad.json"
    bad.write_text("[1,")
    (err,) = list(read_paths([bad]))
    assert isinstance(err, ReadError) and "invalid JSON" in str(err) and "\n" not in str(err)


def test_a_folder_skips_json_files_that_are_not_named(tmp_path):
    (tmp_path / "a.txt").write_text("Bridge Closes\n\nThe mayor said the bridge would close.")
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0"}')
    items = list(read_paths([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article"]
