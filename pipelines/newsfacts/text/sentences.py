"""Articles to sentence rows: layout, cleaning and segmentation put together."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import polars as pl

from newsfacts.contract.failures import ArticleFailures
from newsfacts.contract.schema import SENTENCES
from newsfacts.contract.values import SentenceKind
from newsfacts.text.blocks import split_blocks
from newsfacts.text.cleaning import CleanText, clean_span
from newsfacts.text.tone import tones

# Splits cleaned paragraph strings into sentence spans over each string.
ParagraphSplitter = Callable[[Iterable[str]], Iterator[list[tuple[int, int]]]]


@dataclass(frozen=True)
class ArticleBody:
    article_id: str
    text: str  # the whole decoded file, front matter included
    body_start: int
    title: str | None = None
    title_span: tuple[int, int] | None = None  # the title's raw span inside the front matter


@dataclass(frozen=True)
class SentenceRow:
    article_id: str
    sentence_idx: int
    paragraph_idx: int
    kind: SentenceKind
    char_start: int
    char_end: int
    text: str


def _units(art: ArticleBody) -> list[tuple[SentenceKind, CleanText]]:
    """The article's title, headings and paragraphs, cleaned, empty ones left out."""
    blocks = split_blocks(art.text, art.body_start, art.title)
    units = []
    if art.title_span and not any(b.kind == "title" for b in blocks):
        units.append((SentenceKind.TITLE, clean_span(art.text, *art.title_span)))
    for block in blocks:
        kind = SentenceKind.SENTENCE if block.kind == "paragraph" else SentenceKind(block.kind)
        units.append((kind, clean_span(art.text, block.start, block.end)))
    return [(kind, clean) for kind, clean in units if clean.text]


def split_articles(
    articles: Sequence[ArticleBody], split_paragraphs: ParagraphSplitter, failures: dict[str, str] | None = None
) -> list[SentenceRow]:
    """Sentence rows for every article, in article then document order.

    Paragraphs of all articles go to the splitter in one stream, so a
    statistical splitter can batch them. An article whose layout cannot be
    read is left out and recorded in `failures`."""
    isolated = ArticleFailures("sentences", failures)
    plans = []  # (article, its units)
    paragraph_texts: list[str] = []
    for art, units in isolated.each(articles, lambda a: a.article_id, _units):
        plans.append((art, units))
        paragraph_texts.extend(clean.text for kind, clean in units if kind == SentenceKind.SENTENCE)

    split_iter = split_paragraphs(paragraph_texts)
    rows: list[SentenceRow] = []
    for art, units in plans:
        idx = 0
        for paragraph_idx, (kind, clean) in enumerate(units):
            spans = next(split_iter) if kind == SentenceKind.SENTENCE else [(0, len(clean.text))]
            for i, j in spans:
                a, b = clean.raw_span(i, j)
                rows.append(SentenceRow(art.article_id, idx, paragraph_idx, kind, a, b, clean.text[i:j]))
                idx += 1
    return rows


def sentences_frame(
    raw_articles: pl.DataFrame, split_paragraphs: ParagraphSplitter, failures: dict[str, str] | None = None
) -> pl.DataFrame:
    """The sentences rows of every ingested article in a raw_articles frame."""
    ok = raw_articles.filter(pl.col("status") == "ingested")
    bodies = [
        ArticleBody(
            r["article_id"],
            r["text"],
            r["body_start"],
            r["title"],
            (r["title_start"], r["title_end"]) if r["title_start"] is not None else None,
        )
        for r in ok.iter_rows(named=True)
    ]
    rows = split_articles(bodies, split_paragraphs, failures)
    if not rows:
        return SENTENCES.empty()
    frame = pl.DataFrame([r.__dict__ for r in rows]).with_columns(pl.Series("tone", tones(r.text for r in rows)))
    return SENTENCES.conform(frame)
