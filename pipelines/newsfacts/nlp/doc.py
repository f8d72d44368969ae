"""An article's parse as plain Python objects, rebuilt from the tokens frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import polars as pl

NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


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
    so a very long article costs ~120 bytes a token, not ~450."""
    ok = raw_articles.filter(pl.col("status") == "ingested")
    sentence_rows = _rows_by_article(sentences.select("article_id", "sentence_idx", "kind"))
    token_rows = _rows_by_article(tokens.select(TOKEN_COLUMNS_READ))
    for aid, text, published in ok.select("article_id", "text", "published_date").iter_rows():
        article = ParsedArticle(aid, text, published, [])
        part = sentence_rows(aid)
        for idx, kind in zip(part.get_column("sentence_idx").to_list(), part.get_column("kind").to_list(), strict=True):
            article.sentences.append(Sentence(idx, kind))
        _fill_tokens(article, token_rows(aid))
        yield article


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


def _rows_by_article(frame: pl.DataFrame) -> Callable[[str], pl.DataFrame]:
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
