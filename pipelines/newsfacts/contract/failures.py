"""Per-article isolation: an article a layer fails on is recorded and the batch goes on.

A layer that fails on one article (a bug, an input no rule foresaw) records
the article and the error and goes on with the others; publishing turns the
article into a `rejected_articles` row (reason_code `internal_error`) instead
of letting it take its batch down. Every layer runs its per-article work
through `ArticleFailures.each`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import polars as pl

A = TypeVar("A")
R = TypeVar("R")

# The columns of a layer's failure file (see warehouse/failure_files.py).
SCHEMA = {"article_id": pl.Utf8, "layer": pl.Utf8, "error": pl.Utf8}


def failure_reason(layer: str, error: BaseException) -> str:
    """The one line a rejected article gets for the exception a layer raised on it."""
    return f"{layer} failed: {type(error).__name__}: {' '.join(str(error).split())[:300]}"


class ArticleFailures:
    """The articles one layer failed on in a batch: article_id -> reason."""

    def __init__(self, layer: str, reasons: dict[str, str] | None = None):
        self.layer = layer
        self.reasons = {} if reasons is None else reasons  # filled in place: the caller's dict, if given

    def each(
        self, articles: Iterable[A], article_id: Callable[[A], str], work: Callable[[A], R]
    ) -> Iterator[tuple[A, R]]:
        """(article, work(article)) for every article the work succeeds on; the others are recorded."""
        for article in articles:
            try:
                result = work(article)
            except Exception as e:  # one article's surprise must not take the batch down
                self.reasons[article_id(article)] = failure_reason(self.layer, e)
                continue
            yield article, result
