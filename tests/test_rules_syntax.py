"""events/syntax.py on hand-built parses: subjects, objects, passives, coordination, controllers."""

from __future__ import annotations

from newsfacts.events.syntax import children, controller, is_passive, objects, subject_token

from parses import article, sentence


def test_the_fixture_builder_places_words_in_the_article_text():
    a = article(
        sentence("Iraq attacked Kuwait .", [1, 1, 1, 1], "nsubj ROOT dobj punct"),
        sentence("Iran protested .", [1, 1, 1], "nsubj ROOT punct"),
    )
    assert a.text == "Iraq attacked Kuwait . Iran protested ."
    assert [s.idx for s in a.sentences] == [0, 1]
    assert [a.text[b:e] for s in a.sentences for b, e in zip(s.starts, s.ends, strict=True)] == [
        "Iraq",
        "attacked",
        "Kuwait",
        ".",
        "Iran",
        "protested",
        ".",
    ]
    assert a.sentences[1].children(1) == [0, 2]


def test_active_clause_subject_and_object():
    s = sentence("Iraq attacked Kuwait .", [1, 1, 1, 1], "nsubj ROOT dobj punct", pos="PROPN VERB PROPN PUNCT")
    assert children(s, 1, "dobj") == [2]
    assert children(s, 1, "nsubj", "dobj") == [0, 2]
    assert not is_passive(s, 1)
    assert subject_token(s, 1) == 0
    assert objects(s, 1) == [2]


def test_passive_turns_round_and_takes_the_by_agent_as_subject():
    s = sentence(
        "Kuwait was attacked by Iraq .",
        [2, 2, 2, 2, 3, 2],
        "nsubjpass auxpass ROOT agent pobj punct",
        pos="PROPN AUX VERB ADP PROPN PUNCT",
    )
    assert is_passive(s, 2)
    assert subject_token(s, 2) == 4
    assert objects(s, 2) == [0]


def test_passive_without_an_agent_has_no_subject():
    s = sentence("Kuwait was attacked .", [2, 2, 2, 2], "nsubjpass auxpass ROOT punct")
    assert subject_token(s, 2) is None
    assert objects(s, 2) == [0]


def test_conjoined_objects_are_all_objects():
    s = sentence("Iraq attacked Kuwait and Iran .", [1, 1, 1, 2, 2, 1], "nsubj ROOT dobj cc conj punct")
    assert objects(s, 1) == [2, 4]


def test_attribute_counts_as_object():
    s = sentence("Iraq is the aggressor .", [1, 1, 3, 1, 1], "nsubj ROOT det attr punct")
    assert objects(s, 1) == [3]


def test_infinitive_is_done_by_the_governors_object():
    # "urged Iraq to act": Iraq acts
    s = sentence("Washington urged Iraq to act .", [1, 1, 1, 4, 1, 1], "nsubj ROOT dobj aux xcomp punct")
    assert controller(s, 4) == 2
    assert subject_token(s, 4) == 2


def test_infinitive_without_object_is_done_by_the_governors_subject():
    s = sentence("Chad wants to return the prisoners .", [1, 1, 3, 1, 5, 3, 1], "nsubj ROOT aux xcomp det dobj punct")
    assert subject_token(s, 3) == 0


def test_infinitive_under_a_passive_is_done_by_the_passive_subject():
    # "soldiers were ordered to attack Georgia": the soldiers attack
    s = sentence(
        "Soldiers were ordered to attack Georgia .",
        [2, 2, 2, 4, 2, 4, 2],
        "nsubjpass auxpass ROOT aux xcomp dobj punct",
    )
    assert subject_token(s, 4) == 0


def test_conjoined_verb_shares_the_first_verbs_subject():
    s = sentence(
        "Iraq attacked Kuwait and seized oilfields .", [1, 1, 1, 1, 1, 4, 1], "nsubj ROOT dobj cc conj dobj punct"
    )
    assert subject_token(s, 4) == 0
    assert objects(s, 4) == [5]


def test_participle_modifier_is_done_by_its_noun_unless_passive_participle():
    # "forces attacking the city": the forces attack
    active = sentence(
        "forces attacking the city", [0, 0, 3, 1], "ROOT acl det dobj", pos="NOUN VERB DET NOUN", tags="NNS VBG DT NN"
    )
    assert subject_token(active, 1) == 0
    # a past participle is passive in sense ("the attack conducted yesterday"): the noun does not conduct it
    passive = sentence("the attack conducted yesterday", [1, 1, 1, 2], "det ROOT acl npadvmod", tags="DT NN VBN NN")
    assert controller(passive, 2) is None
    assert subject_token(passive, 2) is None


def test_proper_noun_hung_on_the_verb_is_its_subject():
    # the parser misreads "the US denounces" as a noun phrase: the name before the verb acts
    s = sentence("the US denounces sanctions", [1, 2, 2, 2], "det compound ROOT dobj", pos="DET PROPN VERB NOUN")
    assert subject_token(s, 2) == 1
