"""events/stance.py on hand-built parses: intents, ultimatums, refusals and demands recoded with the
shipped intent_codes.csv."""

from __future__ import annotations

from newsfacts.contract.values import Modality
from newsfacts.events.arguments import Argument
from newsfacts.events.coder import Event
from newsfacts.events.stance import ULTIMATUM, restate, stance, stance_codes

from parses import sentence

IRAQ = Argument(None, 0, 0, 1, code="IRQ")
KUWAIT = Argument(None, 0, 0, 1, code="KWT")


def will_release(aux: str = "will", neg: bool = False):
    """ "Iraq <aux> [not] release the prisoners ."."""
    words = ["Iraq", aux] + (["not"] if neg else []) + ["release", "the", "prisoners", "."]
    v = len(words) - 4
    deps = ["nsubj", "aux"] + (["neg"] if neg else []) + ["ROOT", "det", "dobj", "punct"]
    heads = [v] * (v + 1) + [v + 2, v, v]
    return sentence(words, heads, deps), v


def event(trigger: int, code: str, modality: Modality) -> Event:
    return Event(0, trigger, "verb", "release", code, IRAQ, None, modality)


def test_longest_prefix_of_the_action_code_gives_the_statement_code():
    codes = stance_codes()
    assert codes.recode("future", "0841") == "0353"  # "084": an intent to release
    assert codes.recode("future", "0811") == "0351"
    assert codes.recode("refusal", "0841") == "1244"
    assert codes.recode("obligation", "0841") == "1053"
    assert codes.recode("future", "01") is None  # a statement has no intent code


def test_will_states_an_intent():
    s, v = will_release()
    assert stance(s, v, Modality.FUTURE) == "future"
    e = event(v, "0841", Modality.FUTURE)
    restate(s, e, None)
    assert (e.code, e.action_code, e.modality, e.coded_by) == ("0353", "0841", "asserted", "intent_codes.csv")


def test_will_not_is_a_refusal():
    s, v = will_release(neg=True)
    assert stance(s, v, Modality.NEGATED) == "refusal"


def test_refusing_governor_is_a_refusal():
    s = sentence(
        "Iraq refused to release the prisoners .",
        [1, 1, 3, 1, 5, 3, 1],
        "nsubj ROOT aux xcomp det dobj punct",
        lemmas="iraq refuse to release the prisoner .",
    )
    assert stance(s, 3, Modality.NEGATED) == "refusal"


def test_must_is_a_demand_by_the_reporter_on_the_actor():
    s, v = will_release("must")
    assert stance(s, v, Modality.HYPOTHETICAL) == "obligation"
    e = event(v, "0841", Modality.HYPOTHETICAL)
    restate(s, e, KUWAIT)
    assert (e.source, e.target, e.code, e.action_code) == (KUWAIT, IRAQ, "1053", "0841")
    unreported = event(v, "0841", Modality.HYPOTHETICAL)
    restate(s, unreported, None)  # nobody to make the demand: left as it was
    assert (unreported.source, unreported.code, unreported.modality) == (IRAQ, "0841", Modality.HYPOTHETICAL)


def test_reported_would_is_an_intent():
    # "Iraq said it would boycott the talks"
    s = sentence(
        "Iraq said it would boycott the talks .",
        [1, 1, 4, 4, 1, 6, 4, 1],
        "nsubj ROOT nsubj aux ccomp det dobj punct",
        lemmas="iraq say it would boycott the talk .",
    )
    assert stance(s, 4, Modality.HYPOTHETICAL) == "future"
    # the same "would" not reported is only a hypothesis
    own = sentence("Iraq would boycott the talks .", [2, 2, 2, 4, 2, 2], "nsubj aux ROOT det dobj punct")
    assert stance(own, 2, Modality.HYPOTHETICAL) is None


def test_will_unless_is_an_ultimatum():
    # "Iraq will withdraw unless Kuwait pays"
    s = sentence(
        "Iraq will withdraw unless Kuwait pays .",
        [2, 2, 2, 5, 5, 2, 2],
        "nsubj aux ROOT mark nsubj advcl punct",
    )
    assert stance(s, 2, Modality.CONDITIONAL) == "ultimatum"
    assert stance(s, 5, Modality.CONDITIONAL) is None  # the condition itself states nothing
    de_escalation = event(2, "0871", Modality.CONDITIONAL)
    restate(s, de_escalation, None)
    assert (de_escalation.code, de_escalation.action_code) == (ULTIMATUM, "0871")
    protest = event(2, "14", Modality.CONDITIONAL)
    restate(s, protest, None)
    assert protest.code == "133"  # a threat of its own kind: a threat to protest


def test_a_plain_event_is_left_alone():
    s = sentence("Iraq released the prisoners .", [1, 1, 3, 1, 1], "nsubj ROOT det dobj punct")
    assert stance(s, 1, Modality.ASSERTED) is None
    e = event(1, "0841", Modality.ASSERTED)
    restate(s, e, None)
    assert (e.code, e.action_code, e.coded_by) == ("0841", None, None)
