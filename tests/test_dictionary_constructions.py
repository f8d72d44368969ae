"""Constructions the dictionary coder's comments name, each on a sentence written for this test, coded with
the small dictionaries of test_dictionary_coding (made-up countries: Xandria XAN, Yorvik YOR, Zemlya ZEM) and
a few more entries, through the real layers. A comment's example and its test use the same sentence."""

from __future__ import annotations

import polars as pl
import pytest

from newsfacts.dictionaries import load
from newsfacts.events.dictionary_coding import coding_dictionaries
from test_dictionary_coding import ACTORS, AGENTS, DISCARDS, VERBS, coded_events

from layers import process

# Added to test_dictionary_coding's dictionaries (files merge in name order: "More" before "Test").
MORE_VERBS = """\
--- BLOCK [191] ---
BLOCK

--- MARCH [140] ---
MARCH

--- ADMIT [050] ---
ADMIT

--- SIGN [057] ---
SIGN
"""

MORE_ACTORS = """\
ZEMLYAN_ [ZEM]
IRON_PALACE_ [XANGOV]
THE_TWIN_CROWNS_ [XAN/YOR]
"""

MORE_AGENTS = """\
LAWMAKER [~LEG]
LEADER [~GOV]
PROTESTER [~OPP]
MINISTER [~GOV]
MINISTER_OF_WAR [~MIL]
"""

TEXTS = {
    "two_subjects.txt": "Old foes Xandria and Zemlya signed a truce.",
    "with_each_other.txt": "Xandria and Zemlya restored trade ties.",
    "not_with_itself.txt": "Xandria, Yorvik and Zemlya restored trade ties.",
    "modifier_preposition.txt": "Xandrian protesters marched next to Zemlya's embassy.",
    "clause_subject.txt": "Xandria admitted that Yorvik was right.",
    "clause_purpose.txt": "Yorvik signed a deal last week to protect Zemlya.",
    "clause_no_purpose.txt": "Leaving Yorvik, Xandrian soldiers marched north.",
    "reported_event.txt": "Xandria condemned Yorvik, Zemlyan officials said.",
    "statement.txt": "Ira Moll said Xandria and Zemlya had kept their promises.",
    "statement_pronoun.txt": "Ira Moll said she was satisfied with Xandria and Zemlya.",
    "passive_controller.txt": "Xandrian soldiers were ordered to attack Yorvik.",
    "agent_in_code.txt": "Iron Palace officials condemned Yorvik.",
    "two_agents.txt": "A Yorvik relief group official condemned Zemlya.",
    "agent_from.txt": "Soldiers from Yorvik attacked Zemlya.",
    "agent_in_places.txt": "Lawmakers in Xandria and Zemlya condemned Yorvik.",
    "modifier_conjuncts.txt": "Xandrian and Zemlyan leaders condemned Yorvik.",
    "participle_phrase.txt": "Xandrian soldiers blocked the trucks heading for Yorvik.",
    "three_members.txt": "Xandria, Yorvik and Zemlya condemned the Red League.",
    "multi_code.txt": "The Twin Crowns condemned Zemlya.",
    "preposition_in_agent.txt": "The Zemlyan Minister of War condemned Yorvik.",
}


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dicts")
    for name, text in (
        ("Test.verbs.txt", VERBS),
        ("Test.actors.txt", ACTORS),
        ("Test.agents.txt", AGENTS),
        ("Test.discards.txt", DISCARDS),
        ("More.verbs.txt", MORE_VERBS),
        ("More.actors.txt", MORE_ACTORS),
        ("More.agents.txt", MORE_AGENTS),
    ):
        (folder / name).write_text(text, encoding="utf-8")
    dictionaries = coding_dictionaries(load([str(folder)]))
    return process(
        tmp_path_factory.mktemp("constructions"),
        {k: "---\npublished: 2012-05-01\n---\n" + v for k, v in TEXTS.items()},
        dictionaries=dictionaries,
        petrarch_compat=True,
    )


def _events(coded, path) -> pl.DataFrame:
    aid = coded.raw.filter(pl.col("path") == path)["article_id"][0]
    return coded.events.filter(pl.col("article_id") == aid)


def test_of_two_subjects_the_one_that_names_an_actor(coded):
    assert coded_events(coded, "two_subjects.txt") == [("XAN", "ZEM", "057"), ("ZEM", "XAN", "057")]


def test_conjoined_actors_that_cooperate_with_no_other_party_do_it_with_each_other(coded):
    assert coded_events(coded, "with_each_other.txt") == [("XAN", "ZEM", "0641"), ("ZEM", "XAN", "0641")]


def test_an_actor_does_not_act_on_itself(coded):
    assert coded_events(coded, "not_with_itself.txt") == [
        ("XAN", "YOR", "0641"),
        ("XAN", "ZEM", "0641"),
        ("YOR", "XAN", "0641"),
        ("YOR", "ZEM", "0641"),
        ("ZEM", "XAN", "0641"),
        ("ZEM", "YOR", "0641"),
    ]


def test_the_preposition_of_a_word_modifying_the_verb(coded):
    assert coded_events(coded, "modifier_preposition.txt") == [("XANOPP", "ZEM", "140")]


def test_the_subject_of_the_clause_the_verb_governs(coded):
    assert coded_events(coded, "clause_subject.txt") == [("XAN", "YOR", "050")]


def test_the_object_of_a_purpose_clause(coded):
    assert coded_events(coded, "clause_purpose.txt") == [("YOR", "ZEM", "057")]


def test_a_clause_that_is_no_purpose_gives_no_target(coded):
    marched = _events(coded, "clause_no_purpose.txt").filter(pl.col("trigger") == "marched").to_dicts()
    assert [(e["source_actor_code"], e["target_actor_code"], e["cameo_code"]) for e in marched] == [
        ("XANMIL", None, None)
    ]


def test_a_reporting_verb_hung_on_an_event_is_no_statement(coded):
    assert coded_events(coded, "reported_event.txt") == [("XAN", "YOR", "122")]


def test_a_statement_is_about_the_actors_of_what_is_said(coded):
    assert coded_events(coded, "statement.txt") == [("YORGOV", "XAN", "010"), ("YORGOV", "ZEM", "010")]


def test_a_statement_with_a_pronoun_is_about_the_actors_after_it(coded):
    assert coded_events(coded, "statement_pronoun.txt") == [("YORGOV", "XAN", "010"), ("YORGOV", "ZEM", "010")]


def test_the_passive_subject_controls_the_infinitive(coded):
    assert coded_events(coded, "passive_controller.txt") == [("XANMIL", "YOR", "190")]


def test_an_agent_already_in_the_actors_code_adds_nothing(coded):
    assert coded_events(coded, "agent_in_code.txt") == [("XANGOV", "YOR", "122")]


def test_an_agent_in_front_and_one_behind(coded):
    assert coded_events(coded, "two_agents.txt") == [("NGOYORGOV", "ZEM", "122")]


def test_agents_without_an_actor_take_their_prepositions_actors(coded):
    assert coded_events(coded, "agent_from.txt") == [("YORMIL", "ZEM", "190")]
    assert coded_events(coded, "agent_in_places.txt") == [("XANLEG", "YOR", "122"), ("ZEMLEG", "YOR", "122")]


def test_conjoined_modifiers_belong_to_one_phrase(coded):
    assert coded_events(coded, "modifier_conjuncts.txt") == [("XANGOV", "YOR", "122"), ("ZEMGOV", "YOR", "122")]


def test_a_participles_phrase_names_the_actor(coded):
    assert coded_events(coded, "participle_phrase.txt") == [("XANMIL", "YOR", "191")]


def test_every_conjoined_member_codes_an_event(coded):
    assert coded_events(coded, "three_members.txt") == [
        ("XAN", "XANREB", "122"),
        ("YOR", "XANREB", "122"),
        ("ZEM", "XANREB", "122"),
    ]


def test_a_multi_code_entry_gives_one_actor_per_code(coded):
    assert coded_events(coded, "multi_code.txt") == [("XAN", "ZEM", "122"), ("YOR", "ZEM", "122")]


def test_a_preposition_that_names_no_actor_is_part_of_the_phrase(coded):
    assert coded_events(coded, "preposition_in_agent.txt") == [("ZEMMIL", "YOR", "122")]
