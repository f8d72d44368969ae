"""Which found events stay uncoded (events/uncoding.py): no coded actor on either side, or a catch-all
code with one; the row keeps the code it would have had, and its confidence."""

import polars as pl

from newsfacts.contract.values import UncodedReason
from newsfacts.events.uncoding import with_uncoded


def found(*rows: tuple[str | None, str | None, str | None]) -> pl.DataFrame:
    """Events as the coder finds them: (code, source actor code, target actor code)."""
    codebook = {
        "010": ("01", 1, 0.0, "STATEMENT"),
        "040": ("04", 1, 1.0, "CONSULT"),
        "190": ("19", 4, -10.0, "ASSAULT"),
    }
    codebook |= {"111": ("11", 3, -2.0, "ACCUSE"), "030": ("03", 1, 4.0, "COOPERATE")}
    out = []
    for code, source, target in rows:
        root, quad, goldstein, plover = codebook[code] if code else (None, None, None, None)
        out.append(
            {
                "cameo_code": code,
                "cameo_root": root,
                "quad_class": quad,
                "goldstein": goldstein,
                "plover_category": plover,
                "action_code": None,
                "source_actor_code": source,
                "target_actor_code": target,
                "confidence": 0.3,
            }
        )
    return pl.DataFrame(out, schema_overrides={"action_code": pl.String, "cameo_code": pl.String})


def test_an_event_between_coded_actors_stays_coded_whatever_its_code():
    events = with_uncoded(found(("010", "USAGOV", "IRQGOV"), ("111", "USA", None), ("190", None, "IRQ")))
    assert events["uncoded_reason"].to_list() == [None, None, None]
    assert events["cameo_code"].to_list() == ["010", "111", "190"]
    assert events["uncoded_cameo_code"].to_list() == [None, None, None]


def test_an_event_with_no_coded_actor_is_kept_uncoded_with_the_code_it_would_have_had():
    # "A strong quake hit the coast": a code, but no actor on either side
    events = with_uncoded(found(("190", None, None)))
    row = events.row(0, named=True)
    assert row["uncoded_reason"] == UncodedReason.NO_CODED_ACTOR
    assert row["uncoded_cameo_code"] == "190"
    assert [row[c] for c in ("cameo_code", "cameo_root", "quad_class", "goldstein", "plover_category")] == [None] * 5
    assert row["confidence"] == 0.3  # of the event as found


def test_a_catch_all_code_needs_two_coded_actors():
    # "the talks will go on", "the minister added": a root's catch-all with one side coded
    events = with_uncoded(found(("040", "FRA", None), ("010", None, "RUS"), ("030", "FRA", None)))
    assert events["uncoded_reason"].to_list() == [UncodedReason.CATCH_ALL_ONE_ACTOR] * 2 + [None]
    assert events["cameo_code"].to_list() == [None, None, "030"]  # 030 says what is intended: no catch-all


def test_a_trigger_nothing_codes_says_so():
    events = with_uncoded(found((None, "USA", "IRQ")))
    assert events["uncoded_reason"].to_list() == [UncodedReason.NO_CODE]
    assert events["uncoded_cameo_code"].to_list() == [None]


def test_petrarch_s_grammar_leaves_the_coded_events_as_they_are():
    events = with_uncoded(found(("190", None, None), (None, None, None)), enabled=False)
    assert events["uncoded_reason"].to_list() == [None, UncodedReason.NO_CODE]
    assert events["cameo_code"].to_list() == ["190", None]
