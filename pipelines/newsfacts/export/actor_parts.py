"""A CAMEO actor code split into the fields GDELT gives it: country, known group, ethnic, religion, types.

A code is 3-character parts: a country (ISO alpha-3, or a CAMEO region), then roles (GOV, MIL...),
religions (CHR, MOS...) and known groups (UNO, NAT...), as in `USAGOV`, `IRQLEG`, `NGOIRQ`, `---GOV`.
Which part is which comes from assets/lexicons (countries, regions, cameo_actor_parts)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsfacts.lexicon_files import read_csv

UNKNOWN = "---"  # CAMEO's placeholder for an actor of no known country


@dataclass(frozen=True)
class ActorParts:
    country: str | None = None
    known_group: str | None = None
    ethnic: str | None = None
    religion1: str | None = None
    religion2: str | None = None
    type1: str | None = None
    type2: str | None = None
    type3: str | None = None

    def fields(self) -> list[str | None]:
        """GDELT's order: CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code, Type1..3Code."""
        return [self.country, self.known_group, self.ethnic, self.religion1, self.religion2, *self.types()]

    def types(self) -> list[str | None]:
        return [self.type1, self.type2, self.type3]


@cache
def _parts() -> tuple[frozenset[str], dict[str, str]]:
    countries = {r["iso3"] for r in read_csv("countries.csv")} | {r["code"] for r in read_csv("regions.csv")}
    roles = {r["code"]: r["part"] for r in read_csv("cameo_actor_parts.csv")}
    return frozenset(countries), roles


@cache
def split_actor_code(code: str | None) -> ActorParts:
    if not code:
        return ActorParts()
    countries, roles = _parts()
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    country = None
    found: dict[str, list[str]] = {"type": [], "religion": [], "ethnic": [], "group": []}
    for i, chunk in enumerate(chunks):
        if chunk == UNKNOWN:
            continue
        if country is None and chunk in countries and (i == 0 or chunks[0] in roles):
            country = chunk  # NGOIRQ: the country may follow a role
        else:
            found[roles.get(chunk, "group")].append(chunk)
    types, religions = found["type"] + [None, None, None], found["religion"] + [None, None]
    return ActorParts(
        country=country,
        known_group=found["group"][0] if found["group"] else None,
        ethnic=found["ethnic"][0] if found["ethnic"] else None,
        religion1=religions[0],
        religion2=religions[1],
        type1=types[0],
        type2=types[1],
        type3=types[2],
    )
