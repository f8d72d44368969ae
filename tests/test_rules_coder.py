"""events/coder.py on hand-built sentences and hand-given entity mentions: verb patterns and event nouns
coding a dyad, with the shipped lexicons, codebook and dictionaries loaded as the event layer loads them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsfacts.dictionaries import load
from newsfacts.events.arguments import ArgumentResolver, MentionRef
from newsfacts.events.codebook import codebook
from newsfacts.events.coder import SentenceCoder
from newsfacts.events.dictionary_coding import coding_dictionaries
from newsfacts.events.patterns import pattern_book

from parses import article, sentence


@pytest.fixture(scope="module")
def dictionaries():
    return coding_dictionaries(load())


def country(start: int, code: str, label: str = "GPE") -> MentionRef:
    return MentionRef(0, start, start + 1, label, "name", code.lower(), code, code)


def coded(s, mentions, dictionaries, numeric=None, field_only=False) -> list[tuple]:
    """(trigger, code, source code, target code, modality, coded_by) of the sentence's events, coded as
    `code_article` codes them: the shipped set with the project's lexicons, or the dictionaries alone."""
    a = article(s, published=dt.date(2020, 5, 1))
    book = pattern_book().grammar_only() if field_only else pattern_book()
    if field_only:
        dictionaries = dataclasses.replace(dictionaries, with_lexicons=False)
    coder = SentenceCoder(
        a,
        book,
        ArgumentResolver(a, mentions),
        codebook(),
        numeric,
        dictionaries=dictionaries,
        require_dyad=field_only,
    )
    s = a.sentences[0]
    return [
        (
            s.words[e.trigger],
            e.code,
            e.source.actor_code if e.source else None,
            e.target.actor_code if e.target else None,
            e.modality,
            e.coded_by,
        )
        for e in coder.code_sentence(s)
    ]


def attacked(dictionaries, neg: bool = False):
    words = "Iraq did not attack Kuwait ." if neg else "Iraq attacked Kuwait ."
    if neg:
        s = sentence(
            words,
            [3, 3, 3, 3, 3, 3],
            "nsubj aux neg ROOT dobj punct",
            "PROPN AUX PART VERB PROPN PUNCT",
            "Iraq do not attack Kuwait .",
        )
        return coded(s, [country(0, "IRQ"), country(4, "KWT")], dictionaries)
    s = sentence(words, [1, 1, 1, 1], "nsubj ROOT dobj punct", "PROPN VERB PROPN PUNCT", "Iraq attack Kuwait .")
    return coded(s, [country(0, "IRQ"), country(2, "KWT")], dictionaries)


def test_a_verb_pattern_codes_subject_and_object(dictionaries):
    assert attacked(dictionaries) == [("attacked", "190", "IRQ", "KWT", "asserted", "verb_patterns.csv")]


def test_the_passive_by_agent_is_the_source(dictionaries):
    s = sentence(
        "Kuwait was attacked by Iraq .",
        [2, 2, 2, 2, 3, 2],
        "nsubjpass auxpass ROOT agent pobj punct",
        "PROPN AUX VERB ADP PROPN PUNCT",
        "Kuwait be attack by Iraq .",
    )
    assert coded(s, [country(0, "KWT"), country(4, "IRQ")], dictionaries) == [
        ("attacked", "190", "IRQ", "KWT", "asserted", "verb_patterns.csv")
    ]


def test_negation_is_kept_on_the_event(dictionaries):
    assert attacked(dictionaries, neg=True) == [("attack", "190", "IRQ", "KWT", "negated", "verb_patterns.csv")]


@pytest.mark.parametrize(
    "verb, lemma, obj, obj_lemma, prep, code",
    [
        ("imposed", "impose", "sanctions", "sanction", "on", "163"),  # the object and preposition choose
        ("cut", "cut", "ties", "tie", "with", "161"),
        ("sent", "send", "aid", "aid", "to", "070"),  # the recipient: the object of "to"
    ],
)
def test_the_target_is_the_object_of_the_patterns_preposition(dictionaries, verb, lemma, obj, obj_lemma, prep, code):
    s = sentence(
        f"Iraq {verb} {obj} {prep} Kuwait .",
        [1, 1, 1, 1, 3, 1],
        "nsubj ROOT dobj prep pobj punct",
        "PROPN VERB NOUN ADP PROPN PUNCT",
        f"Iraq {lemma} {obj_lemma} {prep} Kuwait .",
    )
    assert coded(s, [country(0, "IRQ"), country(4, "KWT")], dictionaries) == [
        (verb, code, "IRQ", "KWT", "asserted", "verb_patterns.csv")
    ]


def test_the_indirect_object_is_the_recipient(dictionaries):
    # "Norway gave Kenya a grant": the dictionary's verb, and the event noun the verb carries
    s = sentence(
        "Norway gave Kenya a grant .",
        [1, 1, 1, 4, 1, 1],
        "nsubj ROOT dative det dobj punct",
        "PROPN VERB PROPN DET NOUN PUNCT",
        "Norway give Kenya a grant .",
    )
    events = coded(s, [country(0, "NOR"), country(2, "KEN")], dictionaries)
    assert [e[:5] for e in events] == [
        ("gave", "071", "NOR", "KEN", "asserted"),
        ("grant", "071", "NOR", "KEN", "asserted"),
    ]
    assert events[0][5].startswith("CAMEO.2.0.txt:") and events[1][5] == "event_nouns.csv"


def test_conjoined_subjects_give_one_event_each(dictionaries):
    s = sentence(
        "Iraq and Iran condemned Kuwait .",
        [3, 0, 0, 3, 3, 3],
        "nsubj cc conj ROOT dobj punct",
        "PROPN CCONJ PROPN VERB PROPN PUNCT",
        "Iraq and Iran condemn Kuwait .",
    )
    events = coded(s, [country(0, "IRQ"), country(2, "IRN"), country(4, "KWT")], dictionaries)
    assert [(e[1], e[2], e[3]) for e in events] == [("111", "IRQ", "KWT"), ("111", "IRN", "KWT")]


def test_an_event_noun_takes_its_adjective_and_of_phrase(dictionaries):
    # "the Iraqi invasion of Kuwait ended": the noun codes; the verb it is subject of is kept uncoded
    s = sentence(
        "the Iraqi invasion of Kuwait ended .",
        [2, 2, 5, 2, 3, 5, 5],
        "det amod nsubj prep pobj ROOT punct",
        "DET ADJ NOUN ADP PROPN VERB PUNCT",
        "the iraqi invasion of Kuwait end .",
    )
    assert coded(s, [country(1, "IRQ", "NORP"), country(4, "KWT")], dictionaries) == [
        ("invasion", "192", "IRQ", "KWT", "asserted", "event_nouns.csv"),
        ("ended", None, "IRQ", None, "asserted", None),
    ]


def test_an_intent_is_recoded_as_a_statement(dictionaries):
    # "Iraq will release the prisoners": an intent to release (0353), the release itself kept aside
    s = sentence(
        "Iraq will release the prisoners .",
        [2, 2, 2, 4, 2, 2],
        "nsubj aux ROOT det dobj punct",
        "PROPN AUX VERB DET NOUN PUNCT",
        "Iraq will release the prisoner .",
    )
    a = article(s)
    coder = SentenceCoder(
        a, pattern_book(), ArgumentResolver(a, [country(0, "IRQ")]), codebook(), dictionaries=dictionaries
    )
    (e,) = coder.code_sentence(a.sentences[0])
    assert (e.code, e.action_code, e.modality, e.coded_by) == ("0353", "0841", "asserted", "intent_codes.csv")


def test_a_reporting_verb_attributes_its_clause_or_is_a_statement(dictionaries):
    said = sentence(
        "Iran said Iraq attacked Kuwait .",
        [1, 1, 3, 1, 3, 1],
        "nsubj ROOT nsubj ccomp dobj punct",
        "PROPN VERB PROPN VERB PROPN PUNCT",
        "Iran say Iraq attack Kuwait .",
    )
    a = article(said)
    mentions = [country(0, "IRN"), country(2, "IRQ"), country(4, "KWT")]
    coder = SentenceCoder(a, pattern_book(), ArgumentResolver(a, mentions), codebook(), dictionaries=dictionaries)
    (e,) = coder.code_sentence(a.sentences[0])
    assert (e.code, e.source.actor_code, e.target.actor_code, e.reported_by.entity_id) == ("190", "IRQ", "KWT", "irn")
    statement = sentence(
        "Iran said the report was false .",
        [1, 1, 3, 4, 1, 4, 1],
        "nsubj ROOT det nsubj ccomp acomp punct",
        "PROPN VERB DET NOUN AUX ADJ PUNCT",
        "Iran say the report be false .",
    )
    (row,) = coded(statement, [country(0, "IRN")], dictionaries)
    assert row[:5] == ("said", "010", "IRN", None, "asserted") and row[5].startswith("CAMEO.2.0.txt:")


def test_an_amount_stands_for_what_it_counts(dictionaries):
    # "Thousands of Kurds attacked Kuwait": the Kurds attack, not "Thousands"
    s = sentence(
        "Thousands of Kurds attacked Kuwait .",
        [3, 0, 1, 3, 3, 3],
        "nsubj prep pobj ROOT dobj punct",
        "NOUN ADP PROPN VERB PROPN PUNCT",
        "thousand of Kurds attack Kuwait .",
    )
    a = article(s)
    kurds = MentionRef(0, 2, 3, "NORP", "name", "kurds", None, None)
    coder = SentenceCoder(
        a,
        pattern_book(),
        ArgumentResolver(a, [kurds, country(4, "KWT")]),
        codebook(),
        {0: {0}},
        dictionaries=dictionaries,
    )
    (e,) = coder.code_sentence(a.sentences[0])
    assert (e.source.token, e.source.mention, e.target.actor_code) == (2, kurds, "KWT")


def test_the_dictionaries_alone_code_the_dyad(dictionaries):
    s = sentence(
        "Iraq attacked Kuwait .",
        [1, 1, 1, 1],
        "nsubj ROOT dobj punct",
        "PROPN VERB PROPN PUNCT",
        "Iraq attack Kuwait .",
    )
    (row,) = coded(s, [country(0, "IRQ"), country(2, "KWT")], dictionaries, field_only=True)
    assert row[:5] == ("attacked", "190", "IRQ", "KWT", "asserted") and row[5].startswith("CAMEO.2.0.txt:")
    # the field's rule: no code without an actor on both sides
    alone = sentence("Iraq attacked .", [1, 1, 1], "nsubj ROOT punct", "PROPN VERB PUNCT", "Iraq attack .")
    assert coded(alone, [country(0, "IRQ")], dictionaries, field_only=True) == [
        ("attacked", None, "IRQ", None, "asserted", None)
    ]
