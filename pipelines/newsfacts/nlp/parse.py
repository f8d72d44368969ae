"""One spaCy pass over every sentence of a batch: tokens with their parse, and NER spans.

The parse is kept (lemma, part of speech, dependency, head, entity tag) so
later layers read it instead of parsing again. Offsets are mapped from the
cleaned sentence text back to the raw file.

Parsing is split in two plain functions so it can run in worker processes:
`parse_texts` (spaCy, where the model is) turns texts into a few numeric
arrays and a string table, cheap to send between processes; `chunk_frames`
(where the sentences' offset maps are) turns those into the tokens and
ner_spans frames.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from newsfacts.contract.schema import NER_SPANS, TOKENS
from newsfacts.ingest.raw_articles import ingested_texts
from newsfacts.text.cleaning import CleanText, clean_span

# Token attributes read with Doc.to_array, in this column order; string-valued ones come as hashes.
_ATTRS = ("IDX", "LENGTH", "ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE")
_COL = {name: i for i, name in enumerate(_ATTRS)}
_STRING_ATTRS = {"text": "ORTH", "lemma": "LEMMA", "pos": "POS", "tag": "TAG", "dep": "DEP", "ent_type": "ENT_TYPE"}
_IOB = np.array(["", "I", "O", "B"], dtype=object)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SentenceRef:
    article_id: str
    sentence_idx: int
    clean: CleanText


def sentence_refs(raw_articles: pl.DataFrame, sentences: pl.DataFrame) -> list[SentenceRef]:
    """The cleaned text of each sentence with its map back to the raw file."""
    texts = ingested_texts(raw_articles)
    return [
        SentenceRef(aid, idx, clean_span(texts[aid], a, b))
        for aid, idx, a, b in sentences.select("article_id", "sentence_idx", "char_start", "char_end").iter_rows()
    ]


@dataclass(frozen=True)
class ParsedChunk:
    """The parse of a list of texts as arrays: what a worker process sends back instead of Docs."""

    n_tokens: np.ndarray  # tokens per text
    attrs: np.ndarray  # one row per token, the columns of _ATTRS (uint64; HEAD is relative, wrapped)
    strings: dict[int, str]  # every string hash in attrs
    ents: np.ndarray  # one row per entity span: text index, token start, token end, char start, char end
    ent_labels: tuple[str, ...]
    cpu_seconds: float = 0.0  # CPU time the parse took where it ran


def parse_texts(nlp, texts: Sequence[str], batch_size: int = 256) -> ParsedChunk:
    """spaCy over the texts, kept as arrays (no Token objects: they are slow to make)."""
    cpu = time.process_time()
    arrays, counts, ents, labels = [], [], [], []
    for i, doc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
        arrays.append(doc.to_array(list(_ATTRS)))
        counts.append(len(doc))
        for ent in doc.ents:
            ents.append((i, ent.start, ent.end, ent.start_char, ent.end_char))
            labels.append(ent.label_)
    attrs = np.concatenate(arrays).astype(np.uint64) if arrays else np.zeros((0, len(_ATTRS)), np.uint64)
    hashes = np.unique(attrs[:, [_COL[a] for a in _STRING_ATTRS.values()]])
    store = nlp.vocab.strings
    return ParsedChunk(
        np.asarray(counts, dtype=np.int64),
        attrs,
        {h: store[h] for h in hashes.tolist() if h},
        np.asarray(ents, dtype=np.int64).reshape(-1, 5),
        tuple(labels),
        time.process_time() - cpu,
    )


def chunk_frames(refs: Sequence[SentenceRef], chunk: ParsedChunk) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(tokens, ner_spans) of the sentences a chunk parsed, with raw-file offsets."""
    n = chunk.n_tokens
    attrs = chunk.attrs
    sentence_of = np.repeat(np.arange(len(refs)), n)
    first_token = np.concatenate([[0], np.cumsum(n)[:-1]]).astype(np.int64) if len(n) else n
    token_idx = np.arange(len(attrs), dtype=np.int64) - np.repeat(first_token, n)
    # Raw offsets: every sentence's per-character map, end to end, indexed in one go.
    text_lengths = np.fromiter((len(r.clean.text) for r in refs), dtype=np.int64, count=len(refs))
    text_start = np.concatenate([[0], np.cumsum(text_lengths)[:-1]]).astype(np.int64) if len(refs) else text_lengths
    starts = np.fromiter((s for r in refs for s in r.clean.starts), dtype=np.int64, count=int(text_lengths.sum()))
    ends = np.fromiter((e for r in refs for e in r.clean.ends), dtype=np.int64, count=int(text_lengths.sum()))
    idx = attrs[:, _COL["IDX"]].astype(np.int64) + text_start[sentence_of]
    length = attrs[:, _COL["LENGTH"]].astype(np.int64)
    columns = {
        "article_id": pl.Series([r.article_id for r in refs], dtype=pl.String).gather(sentence_of),
        "sentence_idx": pl.Series([r.sentence_idx for r in refs], dtype=pl.Int64).gather(sentence_of),
        "token_idx": token_idx,
        "char_start": starts[idx],
        "char_end": ends[idx + length - 1],
        **{name: _strings(attrs[:, _COL[attr]], chunk.strings) for name, attr in _STRING_ATTRS.items()},
        "head_idx": token_idx + attrs[:, _COL["HEAD"]].astype(np.int64),  # wraps back to negative
        "ent_iob": _IOB[attrs[:, _COL["ENT_IOB"]].astype(np.int64)].tolist(),
    }
    tokens = pl.DataFrame(columns).with_columns(pl.col("ent_type").replace("", None))
    span_rows = []
    for (i, tok_a, tok_b, a, b), label in zip(chunk.ents.tolist(), chunk.ent_labels, strict=True):
        ref = refs[i]
        raw_a, raw_b = ref.clean.raw_span(a, b)
        span_rows.append((ref.article_id, ref.sentence_idx, tok_a, tok_b, raw_a, raw_b, ref.clean.text[a:b], label))
    spans = pl.DataFrame(span_rows, schema=NER_SPANS.polars_schema, orient="row") if span_rows else NER_SPANS.empty()
    return TOKENS.conform(tokens), NER_SPANS.conform(spans)


def _strings(hashes: np.ndarray, table: dict[int, str]) -> pl.Series:
    """Hashes to their strings, looking each distinct hash up once (0, no value, is "")."""
    distinct, inverse = np.unique(hashes, return_inverse=True)
    return pl.Series([table.get(h, "") for h in distinct.tolist()], dtype=pl.String).gather(inverse.ravel())


def parse_sentences(
    refs: list[SentenceRef], nlp, batch_size: int = 256, progress: Progress | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(tokens, ner_spans) for the given sentences, parsed in this process."""
    frames = [
        chunk_frames(part, parse_texts(nlp, [r.clean.text for r in part], batch_size))
        for part in chunked(refs, PROGRESS_EVERY)
    ]
    if progress:
        progress(len(refs), len(refs))
    return concat_frames(frames)


PROGRESS_EVERY = 2000


def chunked(items: Sequence, size: int) -> list[Sequence]:
    return [items[a : a + size] for a in range(0, len(items), size)] or [items]


def concat_frames(frames: list[tuple[pl.DataFrame, pl.DataFrame]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    tokens = pl.concat([t for t, _ in frames]) if frames else TOKENS.empty()
    spans = pl.concat([s for _, s in frames]) if frames else NER_SPANS.empty()
    return TOKENS.conform(tokens), NER_SPANS.conform(spans)
