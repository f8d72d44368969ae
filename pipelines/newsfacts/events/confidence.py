"""How likely a coded event is to be fully right (a real CAMEO event, its root, source and target all
right, as a trained coder judges it): a logistic model over what the coder knows of the event.

The features are things an analyst can see in the row: whether each side has an actor code, whether
the code is a root's catch-all ("010 make statement", "040 consult"), the kind of trigger, what gave
the code, pronouns standing as actors, the modality. The weights live in the lexicon file
`event_confidence.json`, fitted by `bench/train_confidence.py` from judged events (see its docstring);
`fit` is plain, deterministic Newton's method on an L2-penalised log-loss.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import polars as pl

from newsfacts.lexicon_files import lexicon_path, word_list

MODEL_FILE = "event_confidence.json"
FEATURES = (
    "source_coded",
    "target_coded",
    "both_coded",
    "catch_all_code",
    "statement_code",
    "material_conflict_code",
    "noun_trigger",
    "project_pattern",
    "pronoun_actor",
    "no_actor_text",
    "not_asserted",
)


def event_features(event: Mapping[str, Any]) -> list[float]:
    """The FEATURES of one event row (an `events` row, or a judged event with the same fields)."""
    code = event.get("cameo_code") or ""
    source, target = event.get("source_actor_code"), event.get("target_actor_code")
    pronouns = word_list("actor_pronoun")
    texts = [(event.get(k) or "").strip().lower() for k in ("source_text", "target_text")]
    values = {
        "source_coded": source is not None,
        "target_coded": target is not None,
        "both_coded": source is not None and target is not None,
        "catch_all_code": len(code) == 3 and code.endswith("0"),
        "statement_code": code.startswith("01"),
        "material_conflict_code": code[:2] >= "14",
        "noun_trigger": event.get("trigger_kind") == "noun",
        "project_pattern": (event.get("coded_by") or "").startswith("verb_patterns.csv"),
        "pronoun_actor": any(t in pronouns for t in texts if t),
        "no_actor_text": not any(texts),
        "not_asserted": (event.get("modality") or "asserted") != "asserted",
    }
    return [float(values[f]) for f in FEATURES]


@dataclass(frozen=True)
class ConfidenceModel:
    intercept: float
    weights: tuple[float, ...]  # one per FEATURES

    def score(self, event: Mapping[str, Any]) -> float:
        z = self.intercept + sum(w * x for w, x in zip(self.weights, event_features(event), strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self, provenance: Mapping[str, Any]) -> str:
        return json.dumps(
            {
                "features": list(FEATURES),
                "intercept": round(self.intercept, 6),
                "weights": [round(w, 6) for w in self.weights],
                **provenance,
            },
            indent=1,
        )


@cache
def confidence_model() -> ConfidenceModel:
    """The shipped model (assets/lexicons/event_confidence.json)."""
    data = json.loads(lexicon_path(MODEL_FILE).read_text(encoding="utf-8"))
    if list(data["features"]) != list(FEATURES):
        raise ValueError(f"{MODEL_FILE} was fitted on other features: run bench/train_confidence.py")
    return ConfidenceModel(float(data["intercept"]), tuple(float(w) for w in data["weights"]))


def with_confidence(events: pl.DataFrame, model: ConfidenceModel) -> pl.DataFrame:
    """The events with `confidence` (0 to 1, four decimals) filled in."""
    scores = [round(model.score(row), 4) for row in events.iter_rows(named=True)]
    return events.with_columns(pl.Series("confidence", scores, dtype=pl.Float64))


def fit(events: Sequence[Mapping[str, Any]], labels: Sequence[bool], l2: float = 1.0) -> ConfidenceModel:
    """Logistic regression by Newton's method (the intercept unpenalised): the same data, the same model."""
    x = np.array([[1.0, *event_features(e)] for e in events])
    y = np.array([1.0 if label else 0.0 for label in labels])
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty @ w
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return ConfidenceModel(float(w[0]), tuple(float(v) for v in w[1:]))
