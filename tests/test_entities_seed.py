"""The seed article's entities: one each, with the gold file's actor codes."""

import datetime as dt

import polars as pl
import pytest

from conftest import SEED
from layers import process


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return process(
        tmp_path_factory.mktemp("seed"), {"seed.txt": SEED.read_text(encoding="utf-8")}, published=dt.date(2020, 9, 27)
    )


@pytest.mark.parametrize(
    "name, label, country, actor",
    [
        ("United States", "GPE", "USA", "USA"),
        ("Iraq", "GPE", "IRQ", "IRQ"),
        ("Iran", "GPE", "IRN", "IRN"),
        ("US State Department", "ORG", "USA", "USAGOV"),
        ("The Washington Post", "ORG", "USA", "USAMED"),
        ("Mustafa al-Kadhimi", "PERSON", "IRQ", "IRQGOV"),
        ("Ahmed Mulla Talal", "PERSON", "IRQ", "IRQGOV"),
        ("Mike Pompeo", "PERSON", "USA", "USAGOV"),
        ("Donald Trump", "PERSON", "USA", "USAGOV"),
        ("Qasem Soleimani", "PERSON", "IRN", "IRNMIL"),
        ("Pentagon", "ORG", "USA", "USAMIL"),
        ("Jonathan Hoffman", "PERSON", "USA", "USAMIL"),
    ],
)
def test_seed_entities_have_the_gold_codes(seed, name, label, country, actor):
    e = seed.entity(name)
    assert (e["label"], e["country_code"], e["actor_code"]) == (label, country, actor)


def aliases(seed, name) -> set[str]:
    eid = seed.entity(name)["entity_id"]
    return set(seed.mentions.filter(pl.col("entity_id") == eid)["text"])


def test_one_entity_gathers_every_form_of_a_name(seed):
    assert aliases(seed, "Mustafa al-Kadhimi") == {"Mustafa al-Kadhimi", "Kadhimi", "the prime minister"}
    assert aliases(seed, "United States") >= {"US", "American", "Americans"}
    assert aliases(seed, "Iraq") >= {"Iraq", "Iraqi", "Iraqis"}
    assert aliases(seed, "The Washington Post") >= {"The Washington Post", "WaPo"}
    assert aliases(seed, "Donald Trump") == {"Donald Trump", "Trump"}


def test_group_actors_from_country_and_role_words(seed):
    parliament = seed.entities.filter(pl.col("actor_code") == "IRQLEG").to_dicts()
    assert len(parliament) == 1
    groups = seed.mentions.filter(pl.col("mention_kind") == "group")
    assert {"Iraqi government", "US soldiers"} <= set(groups["text"])


def test_places_are_geocoded(seed):
    baghdad = seed.entity("Baghdad")
    assert baghdad["country_code"] == "IRQ" and baghdad["actor_code"] is None
    assert baghdad["latitude"] == pytest.approx(33.34, abs=0.05)
    assert baghdad["longitude"] == pytest.approx(44.40, abs=0.05)


def test_mention_offsets_are_raw_file_offsets(seed):
    text = SEED.read_text(encoding="utf-8")
    for m in seed.mentions.iter_rows(named=True):
        assert text[m["char_start"] : m["char_end"]] == m["text"]
    dates = seed.mentions.filter(pl.col("label").is_in(["DATE", "TIME"]))
    assert dates["entity_id"].null_count() == dates.height > 0


def test_entity_ids_do_not_depend_on_other_articles(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    alone = process(tmp_path / "a", {"seed.txt": text})
    other = "Ukrainian President Volodymyr Zelensky met Iraqi officials in Kyiv. Zelensky said Iraq is a partner."
    together = process(tmp_path / "b", {"seed.txt": text, "other.txt": other})

    def ids(layers, aid):
        return set(layers.entities.filter(pl.col("article_id") == aid)["entity_id"])

    aid = alone.raw["article_id"][0]
    assert ids(alone, aid) == ids(together, aid)
    shared = ids(together, aid) & ids(together, together.raw.filter(pl.col("path") == "other.txt")["article_id"][0])
    assert len(shared) >= 1  # Iraq is one entity across the two articles
