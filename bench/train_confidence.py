"""Fit the event-confidence model (newsfacts.events.confidence) from judged events, and say how well
calibrated it is.

    uv run python bench/train_confidence.py [--judged FILE] [--check SAMPLE JUDGED] [--write]

Trains on `../shared/eval/review/judged_events.jsonl`: events newsfacts coded on eval-dev, each
judged by a trained coder with ../shared/eval/review/RUBRIC.md; the label is `judgment.ok` (event,
root, source and target all right). Prints the out-of-fold calibration (5 folds, the same folds every
time): for each band of confidence, how many events fall in it and what share was judged fully right.
`--check` scores a fresh review (a sampler file and its judgments, line by line) with the model fitted
on all the training data. `--write` writes the fitted model to assets/lexicons/event_confidence.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

from newsfacts.events.confidence import MODEL_FILE, ConfidenceModel, fit
from newsfacts.lexicon_files import lexicon_path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSFACTS_SHARED", ROOT.parent / "shared"))
BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)
L2 = 1.0


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def calibration(scores: list[float], labels: list[bool]) -> list[tuple[str, int, float | None, float | None]]:
    rows = []
    for lo, hi in zip(BANDS, BANDS[1:], strict=False):
        inside = [(s, y) for s, y in zip(scores, labels, strict=True) if lo <= s < hi]
        mean = sum(s for s, _ in inside) / len(inside) if inside else None
        share = sum(y for _, y in inside) / len(inside) if inside else None
        rows.append((f"{lo:.1f}-{min(hi, 1.0):.1f}", len(inside), mean, share))
    return rows


def print_calibration(title: str, scores: list[float], labels: list[bool]) -> None:
    print(title)
    print("  confidence  events  mean confidence  judged fully right")
    for band, n, mean, share in calibration(scores, labels):
        m = f"{mean:.2f}" if mean is not None else "-"
        s = f"{share:.2f}" if share is not None else "-"
        print(f"  {band:10}  {n:6}  {m:>15}  {s:>18}")
    for t in (0.5, 0.6, 0.8):
        kept = [y for s, y in zip(scores, labels, strict=True) if s >= t]
        share = f"{sum(kept) / len(kept):.2f}" if kept else "-"
        print(f"  at >= {t}: {len(kept)} of {len(scores)} events kept, {share} of them fully right")


THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def print_thresholds(title: str, scores: list[float], labels: list[bool], real: list[bool]) -> None:
    """What a counting threshold (--min-confidence) keeps: how many events, and what share of them a
    coder judged real CAMEO events and fully right."""
    print(title)
    print("  min confidence  kept  kept share  judged real  judged fully right")
    for t in THRESHOLDS:
        kept = [i for i, s in enumerate(scores) if s >= t]
        if not kept:
            print(f"  {t:14.1f}  {0:4}  {0:10.2f}  {'-':>11}  {'-':>18}")
            continue
        real_share = sum(real[i] for i in kept) / len(kept)
        ok_share = sum(labels[i] for i in kept) / len(kept)
        print(f"  {t:14.1f}  {len(kept):4}  {len(kept) / len(scores):10.2f}  {real_share:11.2f}  {ok_share:18.2f}")


def out_of_fold(events: list[dict], labels: list[bool], folds: int = 5) -> list[float]:
    scores = [0.0] * len(events)
    for k in range(folds):
        train = [i for i in range(len(events)) if i % folds != k]
        model = fit([events[i] for i in train], [labels[i] for i in train], L2)
        for i in range(k, len(events), folds):
            scores[i] = model.score(events[i])
    return scores


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--judged", type=Path, default=SHARED / "eval" / "review" / "judged_events.jsonl")
    parser.add_argument("--check", nargs=2, type=Path, metavar=("SAMPLE", "JUDGED"))
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    rows = read_jsonl(args.judged)
    labels = [bool(r["judgment"]["ok"]) for r in rows]
    print(f"{len(rows)} judged events, {sum(labels)} fully right ({sum(labels) / len(rows):.2f})")
    real = [bool(r["judgment"]["event"]) for r in rows]
    scores = out_of_fold(rows, labels)
    print_calibration("out of fold (5 folds):", scores, labels)
    print_thresholds("out of fold, by counting threshold:", scores, labels, real)
    model: ConfidenceModel = fit(rows, labels, L2)
    if args.check:
        sample, judged = (read_jsonl(p) for p in args.check)
        check_labels = [bool(j["ok"]) for j in judged]
        fresh = [model.score(e) for e in sample]
        print_calibration(f"fresh review ({args.check[1].name}):", fresh, check_labels)
        check_real = [bool(j.get("event")) for j in judged]
        print_thresholds("fresh review, by counting threshold:", fresh, check_labels, check_real)
    if args.write:
        provenance = {
            "trained_on": "shared/eval/review/judged_events.jsonl",
            "trained_on_sha256": hashlib.sha256(args.judged.read_bytes()).hexdigest(),
            "n_events": len(rows),
            "label": "judgment.ok: a real CAMEO event with its root, source and target all right",
            "l2": L2,
            "fitted_by": "bench/train_confidence.py",
        }
        lexicon_path(MODEL_FILE).write_text(model.to_json(provenance) + "\n", encoding="utf-8")
        print(f"wrote {lexicon_path(MODEL_FILE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
