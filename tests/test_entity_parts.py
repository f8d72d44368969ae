"""Entity building blocks without the model: lexicon lookups, actor codes, geocoding, ids."""

import pytest

from newsfacts.entities.actor_codes import read_context
from newsfacts.entities.gazetteer import gazetteer
from newsfacts.entities.geocode import geocoder
from newsfacts.entities.resolve import entity_id


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def entry(gaz, *words):
    hit = gaz.match(list(words), 0)
    assert hit is not None and hit[0] == len(words), words
    return hit[1]


def test_country_names_aliases_and_demonyms_share_a_key(gaz):
    forms = [("US",), ("U.S.",), ("United", "States"), ("America",), ("American",), ("Americans",)]
    assert {entry(gaz, *f).key for f in forms} == {"USA"}
    assert entry(gaz, "Iraqi").kind == "demonym" and entry(gaz, "Iraqi").key == "IRQ"
    assert entry(gaz, "Iraq").label == "GPE"


def test_known_organisations_and_people(gaz):
    assert entry(gaz, "WaPo").name == "The Washington Post"
    assert entry(gaz, "Pentagon").actor_code == "USAMIL"
    assert entry(gaz, "Mike", "Pompeo").actor_code == "USAGOV"
    assert [e.name for e in gaz.surnames["Kadhimi"]] == ["Mustafa al-Kadhimi"]


@pytest.mark.parametrize(
    "words, code",
    [
        ("US Secretary of State", "USAGOV"),
        ("top Iranian general", "IRNMIL"),
        ("Pentagon spokesperson", "USAMIL"),
        ("Iraqi parliament", "IRQLEG"),
        ("Iran - backed militias", None),  # the country backs the group; the group is not Iranian
        ("team president", None),  # a role without a country is no actor code
    ],
)
def test_actor_codes_from_titles_and_group_words(gaz, words, code):
    assert read_context(words.split(), gaz).code() == code


def test_geocoding_prefers_a_country_the_article_mentions():
    geo = geocoder()
    assert geo.lookup("Paris").country_code == "FRA"
    assert geo.lookup("Paris", frozenset({"USA"})).country_code == "USA"
    assert geo.lookup("Washington").latitude == pytest.approx(38.9, abs=0.1)  # the capital, not the state
    assert geo.lookup("Texas").country_code == "USA"
    assert geo.lookup("Nowhereville") is None


def test_entity_ids_are_hashes_of_keys():
    assert entity_id("country:IRQ") == entity_id("country:IRQ") != entity_id("country:IRN")
    assert len(entity_id("person:mike pompeo")) == 16
