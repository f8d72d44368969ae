"""Hand-built parses for the rule modules' tests: no spaCy model is loaded.

A sentence is written the way spaCy's own tests write a Doc,
`Doc(vocab, words=..., heads=..., deps=...)`, except that heads are absolute
token indices and the root is its own head (as the tokens frame stores it):

    s = sentence("Iraq attacked Kuwait .", heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "dobj", "punct"],
                 pos=["PROPN", "VERB", "PROPN", "PUNCT"], lemmas=["Iraq", "attack", "Kuwait", "."])

`article(s1, s2, ...)` puts sentences together the way `build_articles` does:
the article's text is the sentences' words joined by single spaces, each
token's offsets point into that text, and sentences are numbered in order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from newsfacts.nlp.doc import ParsedArticle, Sentence


def _split(words: str | Sequence[str]) -> list[str]:
    return words.split() if isinstance(words, str) else list(words)


def sentence(
    words: str | Sequence[str],
    heads: Sequence[int],
    deps: str | Sequence[str],
    pos: str | Sequence[str] | None = None,
    lemmas: str | Sequence[str] | None = None,
    tags: str | Sequence[str] | None = None,
    kind: str = "sentence",
) -> Sentence:
    """A sentence of parallel lists; words, deps, pos, lemmas and tags may be given as one string split on
    blanks. Unless given, lemmas are the words lower-cased, pos "X" and tags "". Offsets count from 0 with
    one blank between words (`article` moves them to where the sentence stands in its text)."""
    w = _split(words)
    columns = {
        "heads": list(heads),
        "deps": _split(deps),
        "pos": _split(pos) if pos is not None else ["X"] * len(w),
        "lemmas": _split(lemmas) if lemmas is not None else [x.lower() for x in w],
        "tags": _split(tags) if tags is not None else [""] * len(w),
    }
    for name, values in columns.items():
        if len(values) != len(w):
            raise ValueError(f"{len(values)} {name} for {len(w)} words: {w}")
    if not all(0 <= h < len(w) for h in columns["heads"]):
        raise ValueError(f"a head outside the sentence: {columns['heads']}")
    starts = _offsets(w)
    ends = [a + len(x) for a, x in zip(starts, w, strict=True)]
    return Sentence(
        0, kind, w, columns["lemmas"], columns["pos"], columns["tags"], columns["deps"], columns["heads"], starts, ends
    )


def article(*sentences: Sentence, published: dt.date | None = None, article_id: str = "article") -> ParsedArticle:
    """The sentences, renumbered in order and with offsets into their text joined by blanks, as one article."""
    placed, texts, at = [], [], 0
    for idx, s in enumerate(sentences):
        text = " ".join(s.words)
        starts = [at + a for a in _offsets(s.words)]
        placed.append(
            dataclasses.replace(
                s, idx=idx, starts=starts, ends=[a + len(w) for a, w in zip(starts, s.words, strict=True)]
            )
        )
        texts.append(text)
        at += len(text) + 1
    return ParsedArticle(article_id, " ".join(texts), published, placed)


def _offsets(words: Sequence[str]) -> list[int]:
    out, at = [], 0
    for w in words:
        out.append(at)
        at += len(w) + 1
    return out
