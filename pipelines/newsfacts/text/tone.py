"""Tone of a text: VADER's compound score, a lexicon and rule based sentiment score in -1..1.

VADER (vaderSentiment) reads news-length sentences well, needs no model, and gives the same score
for the same text on every machine. An article's tone is the mean of its sentences' (kind
`sentence`): VADER's compound score saturates towards -1 or 1 on a whole article."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()  # reads VADER's lexicon file: once per process


def tones(texts: Iterable[str]) -> list[float]:
    """VADER's compound score of each text (rounded to 4 places by VADER itself)."""
    score = _analyzer().polarity_scores
    return [score(t)["compound"] for t in texts]
