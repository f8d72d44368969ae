"""events/noun_phrase_codes.py on hand-built parses, with the shipped dictionaries' actors and agents
loaded as the event layer loads them."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfacts.dictionaries import load
from newsfacts.dictionaries.index import AgentCode
from newsfacts.events.dictionary_coding import coding_dictionaries
from newsfacts.events.noun_phrase_codes import mix

from parses import sentence


@pytest.fixture(scope="module")
def dictionaries():
    return coding_dictionaries(load())


@pytest.fixture(scope="module")
def coder(dictionaries):
    return dictionaries.phrase_coder(dt.date(2020, 1, 1))


def test_mix_joins_each_actor_with_the_agents_it_lacks():
    assert mix(["IRQ"], [AgentCode("MIL")]) == ["IRQMIL"]
    assert mix(["IRQ", "KWT"], [AgentCode("GOV")]) == ["IRQGOV", "KWTGOV"]
    assert mix(["IRQ"], [AgentCode("NGO", in_front=True), AgentCode("GOV")]) == ["NGOIRQGOV"]
    assert mix(["IRQGOV"], [AgentCode("GOV")]) == ["IRQGOV"]  # already in the actor's code
    assert mix(["GMWGOV"], [AgentCode("WGO")]) == ["GMWGOVWGO"]  # codes are read 3 letters at a time
    assert mix([], [AgentCode("GOV")]) == ["---GOV"]  # no country known
    assert mix([], []) == []


def test_demonym_and_agent(coder):
    s = sentence("Iraqi soldiers fired .", [1, 2, 2, 2], "amod nsubj ROOT punct", lemmas="iraqi soldier fire .")
    assert coder.codes(s, 1) == ["IRQMIL"]


def test_inflected_agent_found_by_its_lemma(coder):
    # the dictionary lists "spokesperson", not "spokespeople"
    s = sentence("Kuwaiti spokespeople", [1, 1], "amod ROOT", lemmas="kuwaiti spokesperson")
    assert coder.codes(s, 1) == ["KWTMED"]
    assert coder.codes(sentence("Kuwaiti spokespeople", [1, 1], "amod ROOT"), 1) == ["KWT"]  # no lemma, no agent


def test_an_agent_marked_in_front_goes_before_the_country(coder):
    s = sentence("Kuwaiti peacekeeping troops", [2, 2, 2], "amod compound ROOT")
    assert coder.codes(s, 2) == ["IGOKWT"]


def test_agent_takes_the_actor_of_its_prepositional_phrase(coder):
    # "Soldiers from Kuwait"
    s = sentence(
        "Soldiers from Kuwait", [0, 0, 1], "ROOT prep pobj", pos="NOUN ADP PROPN", lemmas="soldier from kuwait"
    )
    assert coder.codes(s, 0) == ["KWTMIL"]


def test_agent_without_actor_has_no_country(coder):
    s = sentence("the government", [1, 1], "det ROOT", lemmas="the government")
    assert coder.codes(s, 1) == ["---GOV"]


def test_preposition_naming_no_actor_is_part_of_the_agent(coder):
    # "Minister of Defense" is one agent (GOVMIL), not a minister of somewhere
    s = sentence(
        "the Iraqi Minister of Defense", [2, 2, 2, 2, 3], "det amod ROOT prep pobj", pos="DET ADJ PROPN ADP PROPN"
    )
    assert coder.codes(s, 2) == ["IRQGOVMIL"]


def test_conjoined_countries_code_one_each(coder):
    s = sentence("Iraq and Kuwait", [0, 0, 0], "ROOT cc conj", pos="PROPN CCONJ PROPN")
    assert coder.members(s, 0) == [0, 2]
    assert coder.codes(s, 0) == ["IRQ"]  # the head's own phrase, its conjuncts left out
    assert coder.member_codes(s, 0) == [(0, "IRQ"), (2, "KWT")]


def test_an_actor_is_a_name(coder):
    assert coder.codes(sentence("Turkey", [0], "ROOT"), 0) == ["TUR"]
    assert coder.codes(sentence("a turkey", [1, 1], "det ROOT"), 1) == []


def test_participle_clause_gives_the_actor(coder):
    # "the trucks heading for Kuwait"
    s = sentence(
        "the trucks heading for Kuwait", [1, 1, 1, 2, 3], "det ROOT acl prep pobj", pos="DET NOUN VERB ADP PROPN"
    )
    assert coder.codes(s, 1) == ["KWT"]


def test_dated_actor_codes_hold_on_the_coders_date(dictionaries):
    s = sentence("Saddam Hussein", [1, 1], "compound ROOT", pos="PROPN PROPN")
    assert dictionaries.phrase_coder(dt.date(1985, 6, 1)).codes(s, 1) == ["IRQGOV"]
    assert dictionaries.phrase_coder(dt.date(2005, 6, 1)).codes(s, 1) == ["IRQELI"]
    assert dictionaries.phrase_coder(dt.date(2015, 6, 1)).codes(s, 1) == ["IRQ"]  # no office left: his country
