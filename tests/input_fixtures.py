"""Realistic input files made from plain-text articles: web pages with the boilerplate real sites
carry (menus, cookie banners, related links, comments, footers), a WARC of them written with warcio,
JSONL/CSV/Parquet rows, an RSS feed, and altered near-copies. Used by the tests and by
bench/inputs_bench.py."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

from newsfacts.ingest.frontmatter import parse_front_matter

OUTLETS = ("The Daily Planet", "Northern Courier", "Global Wire Review", "Harbour Times")


@dataclass(frozen=True)
class Story:
    name: str  # the .txt file's path below its folder
    title: str | None
    body: str
    published: dt.date | None
    url: str
    outlet: str


def read_stories(folder: Path, limit: int | None = None) -> list[Story]:
    """The .txt articles of a folder (front matter read), in path order."""
    stories = []
    for i, path in enumerate(sorted(folder.rglob("*.txt"))[:limit]):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        front = parse_front_matter(text)
        name = path.relative_to(folder).as_posix()
        url = front.text_field("url") or f"https://news{i % 4}.example/{name.removesuffix('.txt')}"
        body = text[front.body_start :].strip()
        stories.append(Story(name, front.title, body, front.published, url, OUTLETS[i % len(OUTLETS)]))
    return stories


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.split("\n") if p.strip()]


_TEMPLATES = (
    # (before the article, after it): navigation, cookie banner, related links, comments, footer
    (
        '<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
        '<li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li>'
        '<li><a href="/sport">Sport</a></li></ul></nav></header>'
        '<div id="cookie-banner" class="cookie consent">We use cookies to improve your experience. '
        "By continuing to browse you agree to our use of cookies. <button>Accept all</button></div>",
        '<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Markets rally as oil slips</a></li>'
        '<li><a href="/b">Ten things to know this week</a></li></ul></aside>'
        '<section id="comments" class="comments"><h3>Comments (2)</h3><div class="comment"><p>Reader42: '
        "This is exactly what I expected would happen, nobody listens.</p></div>"
        '<div class="comment"><p>jk_smith: Great reporting as always.</p></div></section>'
        "<footer><p>Copyright 2024 {outlet}. All rights reserved.</p><p><a href='/privacy'>Privacy</a> | "
        "<a href='/terms'>Terms of use</a> | <a href='/contact'>Contact us</a></p></footer>",
    ),
    (
        '<div class="topbar"><a href="/subscribe">Subscribe</a> <a href="/login">Sign in</a></div>'
        '<nav><a href="/">Front page</a> | <a href="/news">News</a> | <a href="/opinion">Opinion</a> | '
        '<a href="/video">Video</a></nav>'
        '<div class="gdpr-notice">This site uses cookies and similar technologies. Manage your '
        "preferences in our cookie settings.</div>",
        '<div class="share">Share this article: Facebook Twitter Email</div>'
        '<div class="newsletter"><h4>Sign up for our newsletter</h4><p>Get the top stories in your '
        "inbox every morning.</p></div>"
        '<div class="most-read"><h3>Most read</h3><ol><li><a href="/1">Storm warning issued</a></li>'
        '<li><a href="/2">Council votes on budget</a></li></ol></div>'
        "<footer>{outlet} - News you can trust. About us. Advertise. Careers.</footer>",
    ),
)


def render_page(story: Story, template: int = 0, title: str | None = None) -> str:
    """A news web page holding the story, wrapped in one of the boilerplate templates."""
    before, after = _TEMPLATES[template % len(_TEMPLATES)]
    headline = title if title is not None else story.title
    head = [
        '<meta charset="utf-8">',
        f"<title>{html.escape(headline + ' | ' + story.outlet if headline else story.outlet)}</title>",
        f'<meta property="og:site_name" content="{html.escape(story.outlet)}">',
        f'<link rel="canonical" href="{html.escape(story.url)}">',
    ]
    if headline:
        head.append(f'<meta property="og:title" content="{html.escape(headline)}">')
    if story.published:
        head.append(f'<meta property="article:published_time" content="{story.published.isoformat()}T08:00:00Z">')
    paras = paragraphs(story.body)
    if headline and paras and " ".join(paras[0].split()).lower() == " ".join(headline.split()).lower():
        paras = paras[1:]  # the page's <h1> carries the title line
    article = (f"<h1>{html.escape(headline)}</h1>" if headline else "") + "".join(
        f"<p>{html.escape(p)}</p>" for p in paras
    )
    return (
        f"<!DOCTYPE html><html lang='en'><head>{''.join(head)}</head><body>"
        f"{before}<main><article>{article}</article></main>{after.format(outlet=html.escape(story.outlet))}"
        "</body></html>"
    )


def write_html(folder: Path, stories: list[Story]) -> None:
    for i, s in enumerate(stories):
        path = folder / (s.name.removesuffix(".txt") + ".html")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_page(s, i), encoding="utf-8")


def write_warc(path: Path, stories: list[Story], extra_records: bool = True) -> None:
    """A gzipped WARC of response records (request records beside them, as crawlers write), plus an
    image and a 404 page that are to be skipped."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=path.name.endswith(".gz"))

        def response(uri: str, status: str, ctype: str, payload: bytes) -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            )
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=http)
            )

        for i, s in enumerate(stories):
            response(s.url, "200 OK", "text/html; charset=utf-8", render_page(s, i).encode())
        if extra_records:
            response("https://news0.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64))
            response("https://news0.example/gone", "404 Not Found", "text/html", b"<html><body>Not found</body></html>")


def _row(s: Story) -> dict:
    return {
        "url": s.url,
        "title": s.title,
        "maintext": s.body,
        "date_publish": s.published.isoformat() if s.published else None,
        "source_domain": s.outlet,
    }


def write_jsonl(path: Path, stories: list[Story]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for s in stories:
            f.write(json.dumps(_row(s), ensure_ascii=False) + "\n")


def write_csv(path: Path, stories: list[Story]) -> None:
    """A media monitor's export: other column names (headline, body, published, link, outlet)."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "headline", "body", "published", "link", "outlet"])
        for i, s in enumerate(stories):
            w.writerow([i, s.title or "", s.body, s.published.isoformat() if s.published else "", s.url, s.outlet])


def write_parquet(path: Path, stories: list[Story]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"text": s.body, "title": s.title, "date": s.published, "url": s.url, "source": s.outlet} for s in stories]
    pq.write_table(pa.Table.from_pylist(rows), path)


def write_feed(path: Path, stories: list[Story], summary_only: int = 0) -> None:
    """An RSS 2.0 feed, full text in content:encoded; the last `summary_only` entries carry only a
    description."""
    items = []
    for i, s in enumerate(stories):
        paras = paragraphs(s.body)
        if s.title and paras and " ".join(paras[0].split()).lower() == " ".join(s.title.split()).lower():
            paras = paras[1:]
        date = (
            dt.datetime.combine(s.published, dt.time(8)).strftime("%a, %d %b %Y %H:%M:%S +0000") if s.published else ""
        )
        content = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        full = i < len(stories) - summary_only
        items.append(
            "<item>"
            f"<title>{html.escape(s.title or '')}</title><link>{html.escape(s.url)}</link>"
            f"<guid>{html.escape(s.url)}</guid>"
            + (f"<pubDate>{date}</pubDate>" if date else "")
            + f"<description>{html.escape(paras[0][:200] if paras else '')}</description>"
            + (f"<content:encoded><![CDATA[{content}]]></content:encoded>" if full else "")
            + "</item>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire feed</title>'
        "<link>https://wire.example/</link><description>Latest</description>" + "".join(items) + "</channel></rss>",
        encoding="utf-8",
    )


_WORD = re.compile(r"\b[a-z]{4,}\b")
_SUBSTITUTES = ("reportedly", "officials", "Tuesday", "several", "announced", "according", "however", "local")


def altered_copy(story: Story, rng: random.Random, n: int) -> Story:
    """A near-copy as another outlet would run it: another headline, about 5% of the words edited,
    paragraphs reordered (the boilerplate is another template when rendered)."""
    paras = paragraphs(story.body)
    words_total = sum(len(p.split()) for p in paras)
    edits = max(1, round(0.05 * words_total))
    for _ in range(edits):
        i = rng.randrange(len(paras))
        words = paras[i].split()
        j = rng.randrange(len(words))
        words[j] = rng.choice(_SUBSTITUTES)
        paras[i] = " ".join(words)
    if len(paras) > 2:
        head, rest = paras[:1], paras[1:]
        rng.shuffle(rest)
        paras = head + rest
    title = f"UPDATE {n}: " + (story.title or paras[0][:60])
    return replace(
        story,
        name=f"copies/{n:03d}_{story.name.rsplit('/', 1)[-1]}",
        title=title,
        body="\n\n".join(paras),
        url=f"https://copies{n % 7}.example/story/{n}",
        outlet=OUTLETS[(n + 1) % len(OUTLETS)],
    )
