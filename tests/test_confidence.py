"""Event confidence: features an analyst can see in the row, a logistic model fitted deterministically,
and the shipped weights ranking a dyad coded by a specific code above an actorless catch-all."""

import polars as pl

from newsfacts.events.confidence import FEATURES, confidence_model, event_features, fit, with_confidence

DYAD = {
    "cameo_code": "1823",
    "source_actor_code": "SDNMIL",
    "target_actor_code": "SDNREB",
    "source_text": "Sudanese soldiers",
    "target_text": "rebels",
    "trigger_kind": "verb",
    "coded_by": "verb_patterns.csv",
    "modality": "asserted",
}
CATCH_ALL = {
    "cameo_code": "040",
    "source_actor_code": None,
    "target_actor_code": None,
    "source_text": "it",
    "target_text": None,
    "trigger_kind": "verb",
    "coded_by": "CAMEO.2.0.txt:120",
    "modality": "asserted",
}


def test_features_read_the_row():
    dyad = dict(zip(FEATURES, event_features(DYAD), strict=True))
    assert dyad["both_coded"] == 1.0 and dyad["catch_all_code"] == 0.0 and dyad["material_conflict_code"] == 1.0
    assert dyad["project_pattern"] == 1.0 and dyad["pronoun_actor"] == 0.0
    loose = dict(zip(FEATURES, event_features(CATCH_ALL), strict=True))
    assert loose["source_coded"] == loose["target_coded"] == 0.0
    assert loose["catch_all_code"] == 1.0 and loose["pronoun_actor"] == 1.0 and loose["no_actor_text"] == 0.0
    assert event_features({**CATCH_ALL, "modality": "negated"})[FEATURES.index("not_asserted")] == 1.0


def test_fit_is_deterministic_and_learns_which_rows_are_right():
    rows = [DYAD] * 12 + [CATCH_ALL] * 12
    labels = [True] * 10 + [False] * 2 + [False] * 11 + [True]
    one, two = fit(rows, labels), fit(rows, labels)
    assert one == two
    assert one.score(DYAD) > 0.6 > 0.3 > one.score(CATCH_ALL)


def test_the_shipped_model_ranks_a_coded_dyad_above_an_actorless_catch_all():
    model = confidence_model()
    assert 0.0 < model.score(CATCH_ALL) < 0.2 < 0.5 < model.score(DYAD) < 1.0


def test_every_event_gets_a_confidence_between_0_and_1():
    events = pl.DataFrame([DYAD, CATCH_ALL])
    scored = with_confidence(events, confidence_model())["confidence"].to_list()
    assert scored[0] > scored[1] and all(0 < s < 1 for s in scored)
