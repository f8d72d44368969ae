"""entities/mentions.py on hand-built sentences and hand-given NER spans, with the shipped lexicons (the
gazetteer) and geocoder loaded as the entity layer loads them."""

from __future__ import annotations

import polars as pl
import pytest

from newsfacts.entities.gazetteer import gazetteer
from newsfacts.entities.geocode import geocoder
from newsfacts.entities.mentions import (
    add_nested_places,
    apply_lexicon,
    detect_mentions,
    drop_title_fragments,
    model_mentions,
    propagate_names,
    trim_spans,
    trim_titles,
)
from newsfacts.nlp.doc import Mention

from parses import article, sentence


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def flat(words: str, pos: str | None = None):
    """A sentence whose parse the mention rules do not read: every word hangs on the first."""
    n = len(words.split())
    return sentence(words, [0] * n, ["ROOT"] + ["dep"] * (n - 1), pos=pos)


def spans(a, mentions) -> list[tuple[str, str, str]]:
    return [(a.surface(m), m.label, m.source) for m in mentions]


def test_model_mentions_are_grouped_by_article():
    frame = pl.DataFrame(
        {
            "article_id": ["a", "b", "a"],
            "sentence_idx": [0, 0, 1],
            "token_start": [0, 2, 1],
            "token_end": [1, 4, 2],
            "label": ["GPE", "PERSON", "ORG"],
        }
    )
    out = model_mentions(frame)
    assert out["a"] == [Mention(0, 0, 1, "GPE"), Mention(1, 1, 2, "ORG")]
    assert out["b"] == [Mention(0, 2, 4, "PERSON")]


def test_trim_spans_drops_articles_captions_half_brackets_and_punctuation():
    a = article(flat("a Zorvan Bank official met Amel Rudd ( Vale Corp ) in Caracas Image : ."))
    model = [
        Mention(0, 0, 3, "ORG"),  # "a Zorvan Bank"
        Mention(0, 5, 10, "PERSON"),  # "Amel Rudd ( Vale Corp": half a bracket
        Mention(0, 8, 11, "ORG"),  # "Vale Corp )"
        Mention(0, 12, 14, "GPE"),  # "Caracas Image", a caption's label before its colon
        Mention(0, 15, 16, "ORG"),  # "." alone: nothing left
    ]
    assert [a.surface(m) for m in trim_spans(a, model)] == ["Zorvan Bank", "Amel Rudd", "Vale Corp", "Caracas"]


def test_lexicon_labels_the_models_span_and_adds_missed_names(gaz):
    a = article(flat("Kuwaiti envoys met Iraq and the United Nations ."))
    model = [Mention(0, 3, 4, "ORG"), Mention(0, 7, 8, "ORG")]  # "Iraq" as an organisation, "Nations"
    out = apply_lexicon(a, model, gaz)
    assert spans(a, out) == [
        ("Iraq", "GPE", "model"),  # relabelled in place
        ("Kuwaiti", "NORP", "lexicon"),  # missed by the model
        ("United Nations", "ORG", "lexicon"),  # replaces the shorter span inside it
    ]
    assert out[0].entry.key == "IRQ" and out[2].entry.actor_code == "IGOUNO"


def test_a_span_inside_a_title_is_no_name(gaz):
    a = article(flat("Secretary of State Amel Rudd spoke ."))
    model = [Mention(0, 2, 3, "ORG"), Mention(0, 3, 5, "PERSON")]  # "State", "Amel Rudd"
    assert spans(a, drop_title_fragments(a, model, gaz)) == [("Amel Rudd", "PERSON", "model")]


def test_titles_are_trimmed_from_person_spans(gaz):
    a = article(flat("President Amel Rudd spoke ."))
    person = Mention(0, 0, 3, "PERSON")
    trim_titles(a, [person], gaz)
    assert a.surface(person) == "Amel Rudd"


def test_countries_and_big_cities_inside_organisation_names(gaz):
    a = article(
        flat("Tech Summit Portugal and Houston Police met .", pos="PROPN PROPN PROPN CCONJ PROPN PROPN VERB PUNCT")
    )
    model = [Mention(0, 0, 3, "ORG"), Mention(0, 4, 6, "ORG")]
    out = add_nested_places(a, model, gaz, geocoder())
    assert spans(a, out[2:]) == [("Portugal", "GPE", "nested"), ("Houston", "GPE", "nested")]
    assert out[2].entry.key == "PRT"
    assert len(add_nested_places(a, model, gaz, None)) == 3  # without a geocoder, countries only


def test_one_sense_per_name_in_an_article():
    a = article(
        flat("Amel Rudd spoke .", pos="PROPN PROPN VERB PUNCT"),
        flat("Rudd left Zorvan .", pos="PROPN VERB PROPN PUNCT"),
        flat("Zorvan thanked Rudd .", pos="PROPN VERB PROPN PUNCT"),
    )
    model = [
        Mention(0, 0, 2, "PERSON"),
        Mention(1, 2, 3, "GPE"),  # "Zorvan", found once
        Mention(2, 2, 3, "ORG"),  # "Rudd" misread as an organisation
    ]
    out = sorted(propagate_names(a, model), key=lambda m: (m.sentence_idx, m.start))
    assert [(m.sentence_idx, a.surface(m), m.label, m.source) for m in out] == [
        (0, "Amel Rudd", "PERSON", "model"),
        (1, "Rudd", "PERSON", "propagated"),  # the surname of a person named in full
        (1, "Zorvan", "GPE", "model"),
        (2, "Zorvan", "GPE", "propagated"),  # found again where it recurs
        (2, "Rudd", "PERSON", "model"),  # relabelled
    ]


def test_detect_mentions_runs_the_fixes_in_order(gaz):
    a = article(flat("a Kuwaiti delegation met President Amel Rudd .", pos="DET ADJ NOUN VERB PROPN PROPN PROPN PUNCT"))
    model = [Mention(0, 4, 8, "PERSON")]  # "President Amel Rudd ."
    out = detect_mentions(a, model, gaz, geocoder())
    assert spans(a, out) == [("Kuwaiti", "NORP", "lexicon"), ("Amel Rudd", "PERSON", "model")]
