"""The parse of a list of texts as arrays: what a spaCy worker computes and sends back instead of Docs.
No Polars here: a worker's forkserver imports this on the way to the first batch's sentences."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Token attributes read with Doc.to_array, in this column order; string-valued ones come as hashes.
ATTRS = ("IDX", "LENGTH", "ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE")
COLUMN_OF = {name: i for i, name in enumerate(ATTRS)}
STRING_ATTRS = {"text": "ORTH", "lemma": "LEMMA", "pos": "POS", "tag": "TAG", "dep": "DEP", "ent_type": "ENT_TYPE"}


@dataclass(frozen=True)
class ParsedChunk:
    """The parse of a list of texts as arrays: what a worker process sends back instead of Docs."""

    n_tokens: np.ndarray  # tokens per text
    attrs: np.ndarray  # one row per token, the columns of ATTRS (uint64; HEAD is relative, wrapped)
    strings: dict[int, str]  # every string hash in attrs
    ents: np.ndarray  # one row per entity span: text index, token start, token end, char start, char end
    ent_labels: tuple[str, ...]
    cpu_seconds: float = 0.0  # CPU time the parse took where it ran


def parse_texts(nlp, texts: Sequence[str], batch_size: int = 256) -> ParsedChunk:
    """spaCy over the texts, kept as arrays (no Token objects: they are slow to make)."""
    cpu = time.process_time()
    arrays, counts, ents, labels = [], [], [], []
    for i, doc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
        arrays.append(doc.to_array(list(ATTRS)))
        counts.append(len(doc))
        for ent in doc.ents:
            ents.append((i, ent.start, ent.end, ent.start_char, ent.end_char))
            labels.append(ent.label_)
    attrs = np.concatenate(arrays).astype(np.uint64) if arrays else np.zeros((0, len(ATTRS)), np.uint64)
    hashes = np.unique(attrs[:, [COLUMN_OF[a] for a in STRING_ATTRS.values()]])
    store = nlp.vocab.strings
    return ParsedChunk(
        np.asarray(counts, dtype=np.int64),
        attrs,
        {h: store[h] for h in hashes.tolist() if h},
        np.asarray(ents, dtype=np.int64).reshape(-1, 5),
        tuple(labels),
        time.process_time() - cpu,
    )
