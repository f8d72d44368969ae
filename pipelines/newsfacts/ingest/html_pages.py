"""A web page to an article: its main text and metadata, boilerplate left out, by trafilatura.

trafilatura (Barbaresi, ACL 2021) is the maintained extractor made for this: it keeps the article's
paragraphs and drops navigation, related links, cookie banners, comments and footers, and reads the
title, the published date (htmldate), the canonical URL and the site name from the page's metadata.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from newsfacts.contract.values import ReasonCode
from newsfacts.ingest.records import RecordArticle, RecordError, parse_date


@cache
def _config():
    """trafilatura's settings, with a low floor: below MIN_EXTRACTED_SIZE characters of main text it
    falls back to the whole page (menus and all), and news briefs of one sentence are articles too.
    trafilatura is imported here, when a page is read: a run of text files does not pay its import."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")
    return config


def extract_page(html: bytes | str, url: str | None = None, fallback_date: dt.date | None = None) -> RecordArticle:
    """The article of a page; RecordError when it has no main text to extract. `url` is the address a
    WARC record was fetched from (else the page's canonical URL is the article's); `fallback_date`
    is used where the page carries no date."""
    if not html or not (html.strip() if isinstance(html, str) else html.strip()):
        raise RecordError(ReasonCode.NO_TEXT, "no text: the page is empty")
    import trafilatura
    from trafilatura.settings import Document

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            fast=True,
            config=_config(),
        )
    except Exception as e:  # lxml refuses some byte soups outright
        raise RecordError(
            ReasonCode.BAD_RECORD, f"the page cannot be parsed as HTML: {type(e).__name__}: {e}"
        ) from None
    text = getattr(doc, "text", None)
    if not isinstance(doc, Document) or not text or not text.strip():
        raise RecordError(ReasonCode.NO_TEXT, "no text: no main text could be extracted from the page")
    title = doc.title or None
    if title and doc.sitename and " ".join(title.split()).lower() == " ".join(doc.sitename.split()).lower():
        title = None  # a page titled with its site's name alone has no headline
    return RecordArticle(
        title=title,
        # One line per block (paragraph, heading, list item): a blank line between them, as paragraphs
        # of a text file, so no block is taken for a hard-wrapped line of the next.
        body="\n\n".join(line.strip() for line in text.splitlines() if line.strip()),
        published=parse_date(doc.date) or fallback_date,
        url=url or doc.url,
        source=doc.sitename or doc.hostname or None,
    )
