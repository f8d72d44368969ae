"""An article's parse as plain Python objects, rebuilt from the tokens frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import polars as pl

NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# An article of more tokens than this (far beyond any news article) is built, and coded, in windows of
# about WINDOW_TOKENS tokens of consecutive sentences, cut at a paragraph where one comes within twice
# that: its memory follows a window, not the article (see docs/language-layers.md).
LONG_ARTICLE_TOKENS = 50_000
WINDOW_TOKENS = 20_000


@dataclass
class Sentence:
    idx: int
    kind: str  # title, heading or sentence
    words: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    _kids: list[list[int]] | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.words)

    def children(self, i: int) -> list[int]:
        """Dependents of token i, in order (indexed once, on first use, when the sentence is complete)."""
        if self._kids is None or len(self._kids) != len(self.heads):
            kids: list[list[int]] = [[] for _ in self.heads]
            for j, h in enumerate(self.heads):
                if h != j:
                    kids[h].append(j)
            self._kids = kids
        return self._kids[i]

    def subtree(self, i: int) -> list[int]:
        out, todo = [], [i]
        while todo:
            k = todo.pop()
            out.append(k)
            todo.extend(self.children(k))
        return sorted(out)

    def ancestors(self, i: int) -> list[int]:
        out: list[int] = []
        while self.heads[i] != i and len(out) < len(self.words):
            i = self.heads[i]
            out.append(i)
        return out

    def span_root(self, start: int, end: int) -> int:
        """The token of [start, end) whose head lies outside the span."""
        for i in range(start, end):
            if not (start <= self.heads[i] < end) or self.heads[i] == i:
                return i
        return end - 1


@dataclass
class Mention:
    sentence_idx: int
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    label: str
    source: str = "model"  # model, lexicon, nested, propagated, description, group
    entry: object = None  # the LexiconEntry it matched, if any (a layer above: see resolve._entry_of)
    key: str | None = None  # entity key once resolved
    actor_code: str | None = None  # from its own context (title, apposition)

    @property
    def kind(self) -> str:
        """name, group ("the Iraqi parliament") or description ("the prime minister")."""
        return self.source if self.source in ("group", "description") else "name"

    @property
    def is_numeric(self) -> bool:
        return self.label in NUMERIC_LABELS

    def overlaps(self, other: Mention) -> bool:
        return self.sentence_idx == other.sentence_idx and self.start < other.end and other.start < self.end


@dataclass
class ParsedArticle:
    article_id: str
    text: str
    published: dt.date | None
    sentences: list[Sentence]
    # A window of a long article: its sentences [first, end) are parsed, those before are empty (the
    # list stays indexed by sentence_idx, offsets into the whole text); None: the whole article.
    window: tuple[int, int] | None = None

    def holds(self, sentence_idx: int) -> bool:
        """Whether the sentence is parsed here (always, unless this is a window of a long article)."""
        return self.window is None or self.window[0] <= sentence_idx < self.window[1]

    def words(self, m: Mention) -> list[str]:
        return self.sentences[m.sentence_idx].words[m.start : m.end]

    def raw_span(self, m: Mention) -> tuple[int, int]:
        s = self.sentences[m.sentence_idx]
        return s.starts[m.start], s.ends[m.end - 1]

    def surface(self, m: Mention) -> str:
        a, b = self.raw_span(m)
        return self.text[a:b]


def build_articles(
    raw_articles: pl.DataFrame, sentences: pl.DataFrame, tokens: pl.DataFrame
) -> Iterator[ParsedArticle]:
    """Articles with their parsed sentences, in article order, built one at a time as they are read:
    a batch holds one article's Python objects at once, and equal strings (words, tags) are one object,
    so a very long article costs ~120 bytes a token, not ~450. An article of more than
    LONG_ARTICLE_TOKENS tokens comes as consecutive windows (ParsedArticle.window), one at a time."""
    ok = raw_articles.filter(pl.col("status") == "ingested")
    columns = ["article_id", "sentence_idx", "kind"]
    columns += ["paragraph_idx"] if "paragraph_idx" in sentences.columns else []
    sentence_rows = rows_by_article(sentences.select(columns))
    token_rows = rows_by_article(tokens.select(TOKEN_COLUMNS_READ))
    for aid, text, published in ok.select("article_id", "text", "published_date").iter_rows():
        part, rows = sentence_rows(aid), token_rows(aid)
        kinds = part.get_column("kind").to_list()
        if rows.height <= LONG_ARTICLE_TOKENS:
            idxs = part.get_column("sentence_idx").to_list()
            article = ParsedArticle(aid, text, published, [Sentence(i, k) for i, k in zip(idxs, kinds, strict=True)])
            _fill_tokens(article, rows)
            yield article
            continue
        sizes = [0] * len(kinds)
        runs = rows.get_column("sentence_idx").rle().struct.unnest()
        for idx, n in zip(runs.get_column("value").to_list(), runs.get_column("len").to_list(), strict=True):
            sizes[idx] = n
        paragraphs = part.get_column("paragraph_idx").to_list() if "paragraph_idx" in part.columns else None
        offset = 0
        for first, end in _windows(sizes, paragraphs):
            n = sum(sizes[first:end])
            # Sentences before the window share empty lists: nothing is added to them.
            parsed = [_empty_sentence(i, kinds[i]) for i in range(first)]
            parsed += [Sentence(i, kinds[i]) for i in range(first, end)]
            article = ParsedArticle(aid, text, published, parsed, window=(first, end))
            _fill_tokens(article, rows.slice(offset, n))
            offset += n
            yield article


def _windows(sizes: list[int], paragraphs: list[int] | None) -> Iterator[tuple[int, int]]:
    """[first, end) sentence ranges of about WINDOW_TOKENS tokens, each ending before a new paragraph
    unless none comes within 2 * WINDOW_TOKENS."""
    first, filled = 0, 0
    for i, n in enumerate(sizes):
        filled += n
        at_paragraph = paragraphs is None or (i + 1 < len(sizes) and paragraphs[i + 1] != paragraphs[i])
        if i + 1 < len(sizes) and filled >= WINDOW_TOKENS and (at_paragraph or filled >= 2 * WINDOW_TOKENS):
            yield first, i + 1
            first, filled = i + 1, 0
    if first < len(sizes):
        yield first, len(sizes)


_NO_TOKENS: list = []


def _empty_sentence(idx: int, kind: str) -> Sentence:
    e = _NO_TOKENS
    return Sentence(idx, kind, e, e, e, e, e, e, e, e)


# The columns of the tokens frame an article's parse is built from.
TOKEN_COLUMNS_READ = (
    "article_id",
    "sentence_idx",
    "text",
    "lemma",
    "pos",
    "tag",
    "dep",
    "head_idx",
    "char_start",
    "char_end",
)


def rows_by_article(frame: pl.DataFrame) -> Callable[[str], pl.DataFrame]:
    """A function giving the rows of one article: a zero-copy slice where each article's rows are
    together (as the layers write them), else a filter."""
    ids = frame.get_column("article_id")
    runs = ids.rle().struct.unnest()
    if runs.height == ids.n_unique():
        lengths = runs.get_column("len").to_list()
        offsets = (runs.get_column("len").cum_sum() - runs.get_column("len")).to_list()
        where = dict(zip(runs.get_column("value").to_list(), zip(offsets, lengths, strict=True), strict=True))
        return lambda aid: frame.slice(*where[aid]) if aid in where else frame.clear()
    return lambda aid: frame.filter(pl.col("article_id") == aid)


def _interned(values: list) -> list:
    """The values with equal strings made one object."""
    seen: dict = {}
    return [seen.setdefault(v, v) for v in values]


def _fill_tokens(article: ParsedArticle, rows: pl.DataFrame) -> None:
    """Each sentence's token lists, cut from whole columns of the article's rows (in sentence order)."""
    sidx = rows.get_column("sentence_idx")
    words, lemmas, pos, tags, deps = (
        _interned(rows.get_column(c).to_list()) for c in ("text", "lemma", "pos", "tag", "dep")
    )
    heads, starts, ends = (rows.get_column(c).to_list() for c in ("head_idx", "char_start", "char_end"))
    runs = sidx.rle().struct.unnest()
    a = 0
    for idx, n in zip(runs.get_column("value").to_list(), runs.get_column("len").to_list(), strict=True):
        s, b = article.sentences[idx], a + n
        s.words += words[a:b]
        s.lemmas += lemmas[a:b]
        s.pos += pos[a:b]
        s.tags += tags[a:b]
        s.deps += deps[a:b]
        s.heads += heads[a:b]
        s.starts += starts[a:b]
        s.ends += ends[a:b]
        a = b
