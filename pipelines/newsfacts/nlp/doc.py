"""An article's parse as plain Python objects, rebuilt from the tokens frame."""

from __future__ import annotations

import datetime as dt
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


def build_articles(raw_articles: pl.DataFrame, sentences: pl.DataFrame, tokens: pl.DataFrame) -> list[ParsedArticle]:
    """Articles with their parsed sentences, in article order."""
    ok = raw_articles.filter(pl.col("status") == "ingested")
    by_id: dict[str, ParsedArticle] = {}
    for aid, text, published in ok.select("article_id", "text", "published_date").iter_rows():
        by_id[aid] = ParsedArticle(aid, text, published, [])
    for aid, idx, kind in sentences.select("article_id", "sentence_idx", "kind").iter_rows():
        by_id[aid].sentences.append(Sentence(idx, kind))
    cols = ("article_id", "sentence_idx", "text", "lemma", "pos", "tag", "dep", "head_idx", "char_start", "char_end")
    for aid, sidx, word, lemma, pos, tag, dep, head, a, b in tokens.select(cols).iter_rows():
        s = by_id[aid].sentences[sidx]
        s.words.append(word)
        s.lemmas.append(lemma)
        s.pos.append(pos)
        s.tags.append(tag)
        s.deps.append(dep)
        s.heads.append(head)
        s.starts.append(a)
        s.ends.append(b)
    return list(by_id.values())
