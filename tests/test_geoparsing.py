"""Places chosen by the text around them: the area named beside a place, GeoNames points for states,
countries and continents. Sentences written for these tests."""

from __future__ import annotations

import polars as pl
import pytest

from newsfacts.entities.geocode import geocoder

from layers import process


def test_an_area_named_beside_a_place_keeps_only_the_places_inside_it():
    geo = geocoder()
    assert geo.lookup("Paris").country_code == "FRA"
    texas_paris = geo.lookup("Paris", within="USA/TX")
    assert (texas_paris.country_code, texas_paris.admin1) == ("USA", "TX")
    assert geo.lookup("Paris", within="JPN") is None  # no Paris in Japan: unplaced, not the French one


def test_states_and_continents_get_geonames_points():
    geo = geocoder()
    texas = geo.lookup("Texas")
    assert texas.feature_class == "A"
    assert texas.latitude == pytest.approx(31.0, abs=2) and texas.longitude == pytest.approx(-97.5, abs=3)
    europe = geo.lookup("Europe")
    assert europe.feature_class == "L" and europe.latitude == pytest.approx(48.7, abs=1)


@pytest.mark.slow
def test_a_place_follows_the_state_or_country_written_after_it(tmp_path):
    layers = process(
        tmp_path,
        {
            "a.txt": "Flooding closed two schools in Paris, Texas, on Tuesday.\n\n"
            "Farmers near Albany, Ga., lost their cotton crop.\n",
        },
    )
    paris = layers.entity("Paris")
    assert paris["country_code"] == "USA" and paris["latitude"] == pytest.approx(33.66, abs=0.1)
    albany = layers.entity("Albany")
    assert albany["latitude"] == pytest.approx(31.6, abs=0.2)  # Georgia's, not New York's
    texas = layers.entity("Texas")
    assert texas["latitude"] is not None


@pytest.mark.slow
def test_every_event_is_placed_by_its_clause_its_actors_or_its_article(tmp_path):
    layers = process(
        tmp_path,
        {
            "a.txt": "Kenyan police arrested twelve protesters in Mombasa on Monday.\n\n"
            "Kenya accused Uganda of harbouring the rebels.\n\n"
            "Two men attacked a convoy.\n",
        },
    )
    events = layers.events.filter(pl.col("cameo_code").is_not_null()).sort("sentence_idx")
    by_sentence = {r["sentence_idx"]: r for r in events.to_dicts()}
    assert (by_sentence[0]["location_text"], by_sentence[0]["location_source"]) == ("Mombasa", "text")
    assert (by_sentence[1]["location_text"], by_sentence[1]["location_source"]) == ("Kenya", "actor")
    assert (by_sentence[2]["location_text"], by_sentence[2]["location_source"]) == ("Kenya", "article")
