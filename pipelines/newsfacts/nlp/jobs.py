"""What a spaCy worker process runs (see workers.py): strings in, plain values or arrays out. Kept apart
from the frames the parent builds, so the forkserver imports no Polars on the way to the first batch's
sentences."""

from __future__ import annotations

from newsfacts.nlp.parse_arrays import ParsedChunk, parse_texts
from newsfacts.text.segmentation import SentenceSplitter


def parse_job(texts: list[str], batch_size: int) -> ParsedChunk:
    from newsfacts.nlp.model import parse_pipeline

    return parse_texts(parse_pipeline(), texts, batch_size)


def split_job(paragraphs: list[str], batch_size: int) -> list[list[tuple[int, int]]]:
    from newsfacts.nlp.model import sentence_pipeline

    return list(SentenceSplitter(sentence_pipeline(), batch_size).split(paragraphs))
