"""One spaCy pass over every sentence of a batch: tokens with their parse, and NER spans.

The parse is kept (lemma, part of speech, dependency, head, entity tag) so
later layers read it instead of parsing again. Offsets are mapped from the
cleaned sentence text back to the raw file.

Parsing is split in two plain functions so it can run in worker processes:
`parse_texts` (spaCy, where the model is; in parse_arrays.py, which a worker
imports without Polars) turns texts into a few numeric arrays and a string
table, cheap to send between processes; `chunk_frames` (where the sentences'
offset maps are) turns those into the tokens and ner_spans frames.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from newsfacts.contract.schema import NER_SPANS, TOKENS
from newsfacts.ingest.raw_articles import ingested_texts
from newsfacts.nlp.parse_arrays import COLUMN_OF, STRING_ATTRS, ParsedChunk, parse_texts
from newsfacts.text.cleaning import CleanText, clean_span

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
    starts = _joined_offsets([r.clean.starts for r in refs])
    ends = _joined_offsets([r.clean.ends for r in refs])
    idx = attrs[:, COLUMN_OF["IDX"]].astype(np.int64) + text_start[sentence_of]
    length = attrs[:, COLUMN_OF["LENGTH"]].astype(np.int64)
    columns = {
        "article_id": pl.Series([r.article_id for r in refs], dtype=pl.String).gather(sentence_of),
        "sentence_idx": pl.Series([r.sentence_idx for r in refs], dtype=pl.Int64).gather(sentence_of),
        "token_idx": token_idx,
        "char_start": starts[idx],
        "char_end": ends[idx + length - 1],
        **{name: _strings(attrs[:, COLUMN_OF[attr]], chunk.strings) for name, attr in STRING_ATTRS.items()},
        "head_idx": token_idx + attrs[:, COLUMN_OF["HEAD"]].astype(np.int64),  # wraps back to negative
        "ent_iob": _IOB[attrs[:, COLUMN_OF["ENT_IOB"]].astype(np.int64)].tolist(),
    }
    tokens = pl.DataFrame(columns).with_columns(pl.col("ent_type").replace("", None))
    span_rows = []
    for (i, tok_a, tok_b, a, b), label in zip(chunk.ents.tolist(), chunk.ent_labels, strict=True):
        ref = refs[i]
        raw_a, raw_b = ref.clean.raw_span(a, b)
        span_rows.append((ref.article_id, ref.sentence_idx, tok_a, tok_b, raw_a, raw_b, ref.clean.text[a:b], label))
    spans = pl.DataFrame(span_rows, schema=NER_SPANS.polars_schema, orient="row") if span_rows else NER_SPANS.empty()
    return TOKENS.conform(tokens), NER_SPANS.conform(spans)


def _joined_offsets(parts: list[Sequence[int]]) -> np.ndarray:
    """CleanText offsets (ranges or integer arrays) end to end, without a Python int per character."""
    arrays = [
        np.arange(p.start, p.stop, p.step, dtype=np.int64) if isinstance(p, range) else np.asarray(p, dtype=np.int64)
        for p in parts
    ]
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)


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
