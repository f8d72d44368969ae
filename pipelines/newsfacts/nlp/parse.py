"""One spaCy pass over every sentence of a batch: tokens with their parse, and NER spans.

The parse is kept (lemma, part of speech, dependency, head, entity tag) so
later layers read it instead of parsing again. Offsets are mapped from the
cleaned sentence text back to the raw file.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import polars as pl

from newsfacts.ingest.batch import ingested_texts
from newsfacts.text.cleaning import CleanText, clean_span
from newsfacts.warehouse.schema import NER_SPANS, TOKENS

_ATTRS = ["IDX", "LENGTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE"]
_IOB = {0: "", 1: "I", 2: "O", 3: "B"}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SentenceRef:
    article_id: str
    sentence_idx: int
    clean: CleanText


def sentence_refs(raw_articles: pl.DataFrame, sentences: pl.DataFrame) -> list[SentenceRef]:
    """The cleaned text of each sentence with its map back to the raw file."""
    texts = ingested_texts(raw_articles)
    return [SentenceRef(aid, idx, clean_span(texts[aid], a, b))
            for aid, idx, a, b in sentences.select("article_id", "sentence_idx", "char_start", "char_end").iter_rows()]


def parse_sentences(refs: list[SentenceRef], nlp, batch_size: int = 256, n_process: int = 1,
                    progress: Progress | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(tokens, ner_spans) for the given sentences.

    With n_process > 1, forked workers each parse a share of the sentences and send back plain
    columns, not spaCy Docs: serialising Docs would cost what the second process gains."""
    columns: dict[str, list] = {name: [] for name in TOKENS.names}
    span_rows: list[dict] = []
    if n_process <= 1:
        _parse_into(columns, span_rows, refs, nlp, batch_size, progress)
    else:
        global _SHARED
        _SHARED = (nlp, refs, batch_size)  # the workers inherit it through fork; nothing is pickled in
        chunk = max(1, -(-len(refs) // (n_process * CHUNKS_PER_PROCESS)))
        ranges = [(a, min(a + chunk, len(refs))) for a in range(0, len(refs), chunk)]
        try:
            with multiprocessing.get_context("fork").Pool(n_process) as pool:
                for (a, b), (cols, spans) in zip(ranges, pool.imap(_parse_range, ranges)):
                    for name, values in cols.items():
                        columns[name].extend(values)
                    span_rows.extend(spans)
                    if progress:
                        progress(b, len(refs))
        finally:
            _SHARED = None
    tokens = pl.DataFrame(columns, schema=TOKENS.polars_schema)
    spans = pl.DataFrame(span_rows, schema=NER_SPANS.polars_schema) if span_rows else NER_SPANS.empty()
    return TOKENS.conform(tokens), NER_SPANS.conform(spans)


CHUNKS_PER_PROCESS = 4
_SHARED: tuple | None = None  # (nlp, refs, batch_size) for forked workers


def _parse_range(bounds: tuple[int, int]) -> tuple[dict[str, list], list[dict]]:
    nlp, refs, batch_size = _SHARED
    columns: dict[str, list] = {name: [] for name in TOKENS.names}
    span_rows: list[dict] = []
    _parse_into(columns, span_rows, refs[bounds[0]:bounds[1]], nlp, batch_size)
    return columns, span_rows


def _parse_into(columns: dict[str, list], span_rows: list[dict], refs: list[SentenceRef], nlp, batch_size: int,
                progress: Progress | None = None) -> None:
    strings = nlp.vocab.strings
    docs = nlp.pipe((r.clean.text for r in refs), batch_size=batch_size)
    for n, (ref, doc) in enumerate(zip(refs, docs), 1):
        _add_token_columns(columns, ref, doc, strings)
        for ent in doc.ents:
            a, b = ref.clean.raw_span(ent.start_char, ent.end_char)
            span_rows.append({"article_id": ref.article_id, "sentence_idx": ref.sentence_idx,
                              "token_start": ent.start, "token_end": ent.end, "char_start": a, "char_end": b,
                              "text": ent.text, "label": ent.label_})
        if progress and (n % 2000 == 0 or n == len(refs)):
            progress(n, len(refs))


def _add_token_columns(columns: dict[str, list], ref: SentenceRef, doc, strings) -> None:
    """Append one parsed sentence's tokens, column by column (no Token objects: they are slow to make)."""
    arr = doc.to_array(_ATTRS).astype(np.int64)  # HEAD is relative: negative values wrap in uint64
    n = len(doc)
    idx, length = arr[:, 0].tolist(), arr[:, 1].tolist()
    text, starts, ends = ref.clean.text, ref.clean.starts, ref.clean.ends
    hashes = arr[:, 2:6].astype(np.uint64)
    columns["article_id"].extend([ref.article_id] * n)
    columns["sentence_idx"].extend([ref.sentence_idx] * n)
    columns["token_idx"].extend(range(n))
    columns["char_start"].extend([starts[i] for i in idx])
    columns["char_end"].extend([ends[i + l - 1] for i, l in zip(idx, length)])
    columns["text"].extend([text[i:i + l] for i, l in zip(idx, length)])
    for k, name in enumerate(("lemma", "pos", "tag", "dep")):
        columns[name].extend([strings[h] for h in hashes[:, k].tolist()])
    columns["head_idx"].extend((np.arange(n) + arr[:, 6]).tolist())
    columns["ent_iob"].extend([_IOB[v] for v in arr[:, 7].tolist()])
    columns["ent_type"].extend([strings[h] if h else None for h in arr[:, 8].astype(np.uint64).tolist()])
