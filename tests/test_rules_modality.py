"""events/modality.py on hand-built parses, with the shipped cue lexicon (modality_cues.csv)."""

from __future__ import annotations

import pytest

from newsfacts.contract.values import Modality
from newsfacts.events.modality import modality
from newsfacts.events.patterns import pattern_book

from parses import sentence


@pytest.fixture(scope="module")
def cues():
    return pattern_book().cues


def test_a_plain_past_event_is_asserted(cues):
    s = sentence("Iraq attacked Kuwait .", [1, 1, 1, 1], "nsubj ROOT dobj punct", lemmas="iraq attack kuwait .")
    assert modality(s, 1, cues) == Modality.ASSERTED


@pytest.mark.parametrize(
    "words, lemmas, dep, expected",
    [
        ("Iraq did not attack Kuwait .", "iraq do not attack kuwait .", "neg", Modality.NEGATED),
        ("Iraq did never attack Kuwait .", "iraq do never attack kuwait .", "neg", Modality.NEGATED),
        ("Iraq will surely attack Kuwait .", "iraq will surely attack kuwait .", "advmod", Modality.FUTURE),
        ("Iraq might yet attack Kuwait .", "iraq might yet attack kuwait .", "advmod", Modality.HYPOTHETICAL),
    ],
)
def test_auxiliaries_and_negation_on_the_trigger(cues, words, lemmas, dep, expected):
    s = sentence(words, [3, 3, 3, 3, 3, 3], f"nsubj aux {dep} ROOT dobj punct", lemmas=lemmas)
    assert modality(s, 3, cues) == expected


def test_a_governing_plan_makes_the_complement_future(cues):
    # "is planning to withdraw": future through "planning"
    s = sentence(
        "Iraq is planning to withdraw troops .",
        [2, 2, 2, 4, 2, 4, 2],
        "nsubj aux ROOT aux xcomp dobj punct",
        lemmas="iraq be plan to withdraw troop .",
    )
    assert modality(s, 4, cues) == Modality.FUTURE


def test_refusing_governor_negates_the_complement(cues):
    s = sentence(
        "Iraq refused to withdraw troops .",
        [1, 1, 3, 1, 3, 1],
        "nsubj ROOT aux xcomp dobj punct",
        lemmas="iraq refuse to withdraw troop .",
    )
    assert modality(s, 3, cues) == Modality.NEGATED


def test_complement_takes_its_governors_auxiliary(cues):
    # "will continue to attack": the attack is future ("continue" is no cue of its own)
    s = sentence(
        "Iraq will continue to attack Kuwait .",
        [2, 2, 2, 4, 2, 4, 2],
        "nsubj aux ROOT aux xcomp dobj punct",
        lemmas="iraq will continue to attack kuwait .",
    )
    assert modality(s, 4, cues) == Modality.FUTURE


def test_reported_clause_keeps_its_own_tense(cues):
    # "will say that it attacked": the attack is reported as done
    s = sentence(
        "Iraq will say that it attacked Kuwait .",
        [2, 2, 2, 5, 5, 2, 5, 2],
        "nsubj aux ROOT mark nsubj ccomp dobj punct",
        lemmas="iraq will say that it attack kuwait .",
    )
    assert modality(s, 5, cues) == Modality.ASSERTED


def test_an_unless_condition_outranks_the_future(cues):
    # "will withdraw unless Kuwait pays": the withdrawal is conditional, and so is the payment
    s = sentence(
        "Iraq will withdraw unless Kuwait pays .",
        [2, 2, 2, 5, 5, 2, 2],
        "nsubj aux ROOT mark nsubj advcl punct",
        lemmas="iraq will withdraw unless kuwait pay .",
    )
    assert modality(s, 2, cues) == Modality.CONDITIONAL
    assert modality(s, 5, cues) == Modality.CONDITIONAL


def test_no_on_the_subject_negates(cues):
    s = sentence(
        "No troops attacked the town .",
        [1, 2, 2, 4, 2, 2],
        "det nsubj ROOT det dobj punct",
        lemmas="no troop attack the town .",
    )
    assert modality(s, 2, cues) == Modality.NEGATED


@pytest.mark.parametrize(
    "words, lemmas, heads, deps, noun, expected",
    [
        # an event noun takes the cue of the verb it is the object of
        ("Iraq plans an attack .", "iraq plan an attack .", [1, 1, 3, 1, 1], "nsubj ROOT det dobj punct", 3,
         Modality.FUTURE),
        ("Iraq called for a ceasefire .", "iraq call for a ceasefire .", [1, 1, 1, 4, 2, 1],
         "nsubj ROOT prep det pobj punct", 4, Modality.HYPOTHETICAL),
        ("Iraq reported an attack .", "iraq report an attack .", [1, 1, 3, 1, 1], "nsubj ROOT det dobj punct", 3,
         Modality.ASSERTED),
    ],
)  # fmt: skip
def test_event_noun_takes_its_verbs_cues(cues, words, lemmas, heads, deps, noun, expected):
    pos = ["NOUN" if i == noun else "X" for i in range(len(heads))]
    s = sentence(words, heads, deps, pos=pos, lemmas=lemmas)
    assert modality(s, noun, cues) == expected
