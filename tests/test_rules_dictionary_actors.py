"""entities/dictionary_actors.py on hand-built sentences: actors of the shipped dictionaries found in the
words, coded as of a date, beside hand-given model and lexicon mentions."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfacts.dictionaries import load
from newsfacts.entities.dictionary_actors import add_dictionary_actors, dictionary_entry, reads_as_name
from newsfacts.entities.gazetteer import gazetteer
from newsfacts.events.dictionary_coding import coding_dictionaries
from newsfacts.nlp.doc import Mention

from parses import article, sentence

IN_1985, IN_2005 = dt.date(1985, 6, 1), dt.date(2005, 6, 1)


@pytest.fixture(scope="module")
def actors():
    return coding_dictionaries(load()).actors


@pytest.fixture(scope="module")
def countries():
    return frozenset(gazetteer().country_names)


def flat(words: str, pos: str):
    n = len(words.split())
    return sentence(words, [0] * n, ["ROOT"] + ["dep"] * (n - 1), pos=pos)


def found(a, mentions) -> list[tuple[str, str, str, str | None]]:
    return [(a.surface(m), m.label, m.source, m.entry.actor_code if m.entry else None) for m in mentions]


def test_dictionary_words_read_as_a_name():
    s = flat("Turkey said turkey prices rose in Turkey", "PROPN VERB NOUN NOUN VERB ADP NOUN")
    assert reads_as_name(s, [0])  # a proper noun
    assert reads_as_name(s, [6])  # a capital not owed to the sentence's start
    assert not reads_as_name(s, [2])
    starts = flat("Turkey prices rose", "NOUN NOUN VERB")
    assert not reads_as_name(starts, [0])  # capitalised only as the first word


def test_an_office_holder_is_a_person_coded_as_of_the_date(actors, countries):
    saddam = actors.entries[("saddam", "hussein")]
    entry = dictionary_entry(saddam, IN_1985, countries)
    assert (entry.kind, entry.key, entry.name, entry.label, entry.actor_code) == (
        "person",
        "person:saddam hussein",
        "Saddam Hussein",
        "PERSON",
        "IRQGOV",
    )
    assert (entry.valid_from, entry.valid_until) == (dt.date(1979, 7, 16), dt.date(2003, 4, 9))
    assert entry.source == f"{saddam.file}:{saddam.line}"
    assert dictionary_entry(saddam, IN_2005, countries).actor_code == "IRQELI"


def test_countries_and_organisations(actors, countries):
    iraq = dictionary_entry(actors.entries[("iraq",)], IN_1985, countries)
    assert (iraq.kind, iraq.key, iraq.label, iraq.actor_code) == ("country", "IRQ", "GPE", "IRQ")
    red_cross = dictionary_entry(actors.entries[("red", "cross")], IN_1985, countries)
    assert (red_cross.kind, red_cross.key, red_cross.label, red_cross.actor_code) == (
        "organisation",
        "org:red cross",
        "ORG",
        "NGOHLHIRC",
    )
    assert red_cross.valid_from is None


def test_a_name_the_model_missed_is_added(actors, countries):
    a = article(flat("Envoys met Saddam Hussein .", "NOUN VERB PROPN PROPN PUNCT"))
    assert found(a, add_dictionary_actors(a, [], actors, countries, IN_1985)) == [
        ("Saddam Hussein", "PERSON", "dictionary", "IRQGOV")
    ]
    assert found(a, add_dictionary_actors(a, [], actors, countries, IN_2005))[0][3] == "IRQELI"


def test_a_model_span_inside_the_name_grows_to_it(actors, countries):
    a = article(flat("Envoys met Saddam Hussein .", "NOUN VERB PROPN PROPN PUNCT"))
    model = [Mention(0, 3, 4, "ORG")]  # "Hussein"
    assert found(a, add_dictionary_actors(a, model, actors, countries, IN_1985)) == [
        ("Saddam Hussein", "ORG", "dictionary", "IRQGOV")  # the model's label is kept
    ]


def test_the_models_same_span_takes_the_entry(actors, countries):
    a = article(flat("The Red Cross arrived .", "DET PROPN PROPN VERB PUNCT"))
    model = [Mention(0, 1, 3, "ORG")]
    out = add_dictionary_actors(a, model, actors, countries, IN_1985)
    assert out == model and found(a, out) == [("Red Cross", "ORG", "model", "NGOHLHIRC")]


def test_names_the_lexicons_settled_and_places_are_left_alone(actors, countries):
    a = article(flat("Iraq shelled Baghdad and a turkey farm .", "PROPN VERB PROPN CCONJ DET NOUN NOUN PUNCT"))
    settled = Mention(0, 0, 1, "GPE", "lexicon", entry=object())
    place = Mention(0, 2, 3, "GPE")  # Baghdad: the dictionaries code it as Iraq, but it stays a city
    out = add_dictionary_actors(a, [settled, place], actors, countries, IN_1985)
    assert out == [settled, place] and place.entry is None
