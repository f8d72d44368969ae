"""Mentions to canonical entities, within an article, with ids that hold across the corpus.

Every entity has a key that says what it is independently of any other
article: `country:IRQ`, `person:mustafa al-kadhimi`, `org:the washington post`,
`geonames:98182`, `actor:IRQLEG`. The entity id is a hash of the key, so the
same entity gets the same id in every article and on every run, and no
article can change the id of another.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from newsfacts import lexicon_files
from newsfacts.entities import actor_codes
from newsfacts.entities.gazetteer import REGION_NAMES, Gazetteer, LexiconEntry
from newsfacts.entities.geocode import Geocoder, Place
from newsfacts.nlp.doc import PLACE_LABELS, Mention, ParsedArticle

_POSSESSIVE = ("'s", "’s", "'", "’")
_ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}


@lru_cache(maxsize=1)
def _state_abbreviations() -> dict[str, str]:
    return {r["abbreviation"]: r["code"] for r in lexicon_files.read_csv("us_state_abbreviations.csv")}


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    return {r["capital"]: r["code"] for r in lexicon_files.read_csv("capitals.csv")}


def entity_id(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class EntityRecord:
    key: str
    name: str
    label: str
    country_code: str | None
    actor_code: str | None
    latitude: float | None
    longitude: float | None
    n_mentions: int
    code_valid_from: dt.date | None = None  # the dictionary's date range the actor code comes from
    code_valid_until: dt.date | None = None
    code_source: str | None = None  # the dictionary line it comes from

    @property
    def entity_id(self) -> str:
        return entity_id(self.key)


def _norm(words: list[str]) -> list[str]:
    words = list(words)
    while words and words[-1] in _POSSESSIVE:
        words.pop()
    if words and words[0].lower() == "the":
        words = words[1:]
    return words


def _join(words: list[str]) -> str:
    return re.sub(r"\s*-\s*", "-", " ".join(words))


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def _entry_valid(entry: LexiconEntry, when: dt.date | None) -> bool:
    """A person's lexicon role holds if the article's date (else the --as-of date) falls in (or near)
    the years of the post; with neither, it holds."""
    if entry.kind != "person" or when is None:
        return True
    return (entry.from_year is None or when.year >= entry.from_year - 1) and (
        entry.to_year is None or when.year <= entry.to_year + 1
    )


def _entry_of(m: Mention) -> LexiconEntry | None:
    """The lexicon entry a mention matched. The nlp layer, below this one, holds it as an object."""
    return cast("LexiconEntry | None", m.entry)


def _code_at(mentions: list[Mention], token: int, codes: dict[str, str]) -> str | None:
    """The code of the first of a sentence's mentions that covers the token."""
    for m in mentions:
        if m.start <= token < m.end and m.key:
            return codes.get(m.key)
    return None


class ArticleResolver:
    def __init__(
        self,
        article: ParsedArticle,
        mentions: list[Mention],
        gaz: Gazetteer,
        geo: Geocoder,
        as_of: dt.date | None = None,
    ):
        self.article, self.mentions, self.gaz, self.geo = article, mentions, gaz, geo
        # The date roles hold on: the article's, else the one undated articles are coded as of.
        self.when = article.published or as_of
        self.countries = frozenset(
            e.key for e in map(_entry_of, mentions) if e is not None and e.kind in ("country", "demonym")
        )
        self.places: dict[str, Place] = {}
        self._people = {e.key: e for entries in gaz.surnames.values() for e in entries}
        # Keyed by the mention's key, which a person left unresolved does not have (None).
        self.person_titles: dict[str | None, set[tuple[str, ...]]] = defaultdict(set)
        self._acronyms: dict[str, list[Mention]] | None = None

    def sentence(self, m: Mention):
        return self.article.sentences[m.sentence_idx]

    # ---- keys
    def assign_keys(self) -> None:
        full_names: dict[str, list[str]] = {}  # surname -> full-name keys
        for m in self.mentions:
            if m.is_numeric:
                continue
            words = _norm(self.article.words(m))
            if not words:
                m.label = "DROP"
                continue
            if m.entry is None:
                m.entry = self._lexicon_entry(m, words)
            entry = _entry_of(m)
            if entry is not None:
                m.key = self._lexicon_key(entry)
            elif m.label == "PERSON" and len(words) >= 2:
                m.key = "person:" + _join(words).lower()
                full_names.setdefault(words[-1], []).append(m.key)
            elif m.label in PLACE_LABELS:
                m.key = self._place_key(m, words)
        for m in self.mentions:
            if m.key or m.is_numeric or m.label == "DROP":
                continue
            words = _norm(self.article.words(m))
            text = _join(words)
            if m.label == "PERSON":
                m.key = self._surname_key(words, full_names)
                if m.entry is None and m.key.startswith("person:"):
                    m.entry = self._people.get(m.key)
            elif m.label == "ORG":
                m.key = self._org_key(words)
            else:
                m.key = f"{m.label.lower()}:{text.lower()}"
        self.mentions = [m for m in self.mentions if m.label != "DROP"]

    def _area_beside(self, m: Mention) -> str | None:
        """The country (ISO3) or US state (USA/<code>) the text puts a place in: "Paris, Texas",
        "Cornwall in England", "Albany, N.Y."."""
        s = self.sentence(m)
        i = m.end
        if i + 1 >= len(s) or s.words[i] not in (",", "in") or not s.words[i + 1][:1].isupper():
            return None
        hit = self.gaz.match(s.words, i + 1)
        if hit is not None and hit[1].kind == "country" and hit[1].key not in REGION_NAMES:
            return hit[1].key
        for n in (3, 2, 1):
            name = " ".join(s.words[i + 1 : i + 1 + n])
            if name in self.geo.us_states:
                return f"USA/{self.geo.us_states[name]['code']}"
        code = _state_abbreviations().get(s.words[i + 1])
        return f"USA/{code}" if code and s.words[i] == "," else None

    def _lexicon_entry(self, m: Mention, words: list[str]) -> LexiconEntry | None:
        """The lexicon entry a model span names once "the" and "'s" are set aside."""
        entry = self.gaz.names.get(tuple(words))
        fits = {
            "country": PLACE_LABELS | {"NORP"},
            "demonym": {"NORP"},
            "organisation": {"ORG", "FAC"},
            "person": {"PERSON"},
        }
        return entry if entry is not None and m.label in fits.get(entry.kind, ()) else None

    def _lexicon_key(self, entry: LexiconEntry) -> str:
        return f"country:{entry.key}" if entry.kind in ("country", "demonym") else entry.key

    def _place_key(self, m: Mention, words: list[str]) -> str:
        text = _join(words)
        s = self.sentence(m)
        root = s.span_root(m.start, m.end)
        capitals = _capitals()
        if text in capitals and s.deps[root] in _ACTOR_DEPS:  # "Washington warned": the government
            return f"country:{capitals[text]}"
        place = self.geo.lookup(text, self.countries, self._area_beside(m))
        if place is None and text in self.geo.continents:
            place = self.geo.continents[text]
        if place is not None:
            self.places[place.key] = place
            return place.key
        return "place:" + text.lower()

    def _surname_key(self, words: list[str], full_names: dict[str, list[str]]) -> str:
        surname = words[-1]
        keys = sorted(set(full_names.get(surname, [])))
        if len(keys) == 1:
            return keys[0]
        if not keys:
            entries = [e for e in self.gaz.surnames.get(surname, []) if _entry_valid(e, self.when)]
            if len({e.key for e in entries}) == 1:
                return entries[0].key
        return "person:" + _join(words).lower()

    def _org_key(self, words: list[str]) -> str:
        text = _join(words)
        if text.isupper() and 2 <= len(text) <= 6:  # an acronym of an organisation named in full
            for m in self._org_acronyms().get(text, ()):
                if m.label == "ORG" and m.key and m.key.startswith("org:"):
                    return m.key
        return "org:" + text.lower()

    def _org_acronyms(self) -> dict[str, list[Mention]]:
        """Organisation mentions of two words or more by their acronym, in article order (built once:
        scanning every mention for every acronym grows with the square of a long article)."""
        if self._acronyms is None:
            self._acronyms = defaultdict(list)
            for m in self.mentions:
                if m.label == "ORG":
                    full = _norm(self.article.words(m))
                    if len(full) > 1:
                        self._acronyms[_acronym(full)].append(m)
        return self._acronyms

    # ---- actor codes from context
    def assign_actor_codes(self) -> None:
        for m in self.mentions:
            if m.is_numeric or m.label not in ("PERSON", "ORG", "NORP") or m.source == "group":
                continue
            s = self.sentence(m)
            ctx = actor_codes.title_context(s, m, self.gaz)
            if m.label == "ORG":
                inner = actor_codes.read_context(self.article.words(m), self.gaz, org_at_end=True)
                ctx = actor_codes.ActorContext(
                    inner.country or ctx.country,
                    inner.role or ctx.role,
                    inner.org_code or ctx.org_code,
                    inner.title or ctx.title,
                )
            if ctx.title and m.label == "PERSON":
                self.person_titles[m.key].add(ctx.title)
            m.actor_code = ctx.code()
        # Appositions may speak for someone resolved above: two passes settle chains of one step.
        codes = self._codes_by_key()
        in_sentence: dict[int, list[Mention]] = defaultdict(list)  # a lookup per apposition, not a scan
        for m in self.mentions:
            in_sentence[m.sentence_idx].append(m)
        for _ in range(2):
            for m in self.mentions:
                if m.label != "PERSON" or m.actor_code:
                    continue
                s = self.sentence(m)
                head = actor_codes.apposition(s, m)
                if head is None:
                    continue
                ctx, principal = actor_codes.apposition_context(s, head, self.gaz)
                if ctx.title:
                    self.person_titles[m.key].add(ctx.title)
                code = ctx.code()
                if ctx.role == actor_codes.INHERIT and principal is not None:
                    code = _code_at(in_sentence[m.sentence_idx], principal, codes) or code
                m.actor_code = code
            codes = self._codes_by_key()

    def _codes_by_key(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for m in self.mentions:
            code = self._mention_code(m)
            if m.key and code and m.key not in out:
                out[m.key] = code
        return out

    def _mention_code(self, m: Mention) -> str | None:
        entry = _entry_of(m)
        if entry is not None and entry.source is not None and m.actor_code:
            return m.actor_code  # the article's own words ("U.N. mediator X") before a dictionary's code
        if entry is not None and entry.actor_code and _entry_valid(entry, self.when):
            return entry.actor_code
        if entry is not None and entry.kind == "person" and entry.country_code:
            return entry.country_code  # out of office: the country, not the post
        return m.actor_code

    # ---- mentions that are not names
    def add_group_actors(self) -> None:
        taken: dict[int, set[int]] = defaultdict(set)
        for m in self.mentions:
            taken[m.sentence_idx].update(range(m.start, m.end))
        for s in self.article.sentences:
            for start, end, code, noun in actor_codes.group_actor_spans(s, self.gaz):
                noun = s.lemmas[end - 1].lower()
                if end - 1 in taken[s.idx]:
                    continue  # the role noun is already inside a named mention
                # The country word inside stays a mention of the country: "Iraqi" in "Iraqi parliament".
                g = Mention(s.idx, start, end, "ORG", "group", key=f"actor:{code}:{noun}", actor_code=code)
                self.mentions.append(g)
                taken[s.idx].update(range(start, end))

    def add_descriptions(self) -> None:
        """ "the prime minister" -> the one person in the article with that title."""
        by_title: dict[tuple[str, ...], set[str | None]] = defaultdict(set)
        for key, titles in self.person_titles.items():
            for t in titles:
                by_title[t].add(key)
        taken: dict[int, set[int]] = defaultdict(set)
        for m in self.mentions:
            taken[m.sentence_idx].update(range(m.start, m.end))
        for s in self.article.sentences:
            lower = [w.lower() for w in s.words]
            for i in range(len(s) - 1):
                if lower[i] != "the":
                    continue
                hit = self.gaz.role_at(lower, i + 1, "titles")
                if hit is None:
                    continue
                n, role = hit
                end = i + 1 + n
                if end < len(s) and s.pos[end] == "PROPN":
                    continue  # "the President Trump": a title before a name, not a description
                keys = by_title.get(role.term, set())
                if len(keys) == 1 and not taken[s.idx] & set(range(i, end)):
                    self.mentions.append(Mention(s.idx, i, end, "PERSON", "description", key=next(iter(keys))))
                    taken[s.idx].update(range(i, end))

    # ---- entity records
    def entities(self) -> list[EntityRecord]:
        groups: dict[str, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            if m.key:
                groups[m.key].append(m)
        codes = self._codes_by_key()
        out = []
        for key, ms in groups.items():
            names = [m for m in ms if m.source not in ("description",)]
            entry = next((_entry_of(m) for m in ms if m.entry is not None), None)
            label = self._label(key, names or ms, entry)
            name = self._name(key, names or ms, entry)
            country, lat, lon = self._where(key, entry)
            code = codes.get(key)
            if key.startswith("country:"):
                code = key.split(":", 1)[1]
            elif key.startswith(("geonames:", "place:")):
                code = None
            if (
                country is None
                and code
                and code[:3] not in REGION_NAMES
                and code[:3] not in ("IGO", "NGO")
                and (entry is None or entry.source is None or code[:3] in self.gaz.country_names)
            ):
                country = code[:3]
            # The entry whose dictionary dates the code, if the code is the dictionary's.
            dated = entry if entry is not None and entry.source is not None and code == entry.actor_code else None
            out.append(
                EntityRecord(
                    key,
                    name,
                    label,
                    country,
                    code,
                    lat,
                    lon,
                    len(ms),
                    dated.valid_from if dated is not None else None,
                    dated.valid_until if dated is not None else None,
                    dated.source if dated is not None else None,
                )
            )
        return out

    def _label(self, key: str, ms: list[Mention], entry) -> str:
        if key.startswith("country:"):
            return "LOC" if key.split(":", 1)[1] in REGION_NAMES else "GPE"
        if entry is not None and entry.kind in ("organisation", "person"):
            return entry.label
        votes = Counter(m.label for m in ms)
        return max(votes, key=lambda lab: (votes[lab], lab))

    def _name(self, key: str, ms: list[Mention], entry) -> str:
        if key.startswith("country:"):
            return self.gaz.country_names.get(key.split(":", 1)[1], key)
        if entry is not None and entry.kind in ("organisation", "person") and entry.source is None:
            return entry.name  # a lexicon's canonical name; a dictionary's is in capitals: the text says it better
        forms = Counter(_join(_norm(self.article.words(m))) for m in ms)
        return max(forms, key=lambda f: (len(f.split()), forms[f], f))

    def _where(self, key: str, entry) -> tuple[str | None, float | None, float | None]:
        if key.startswith("country:"):
            code = key.split(":", 1)[1]
            if code in REGION_NAMES:  # a region is no country; a continent has GeoNames' point
                continent = self.geo.continents.get(REGION_NAMES[code])
                return None, (continent.latitude if continent else None), (continent.longitude if continent else None)
            lat, lon = self.geo.country_centre(code)
            return code, lat, lon
        place = self.places.get(key)
        if place is not None:
            return place.country_code, place.latitude, place.longitude
        return None, None, None


def resolve_article(
    article: ParsedArticle, mentions: list[Mention], gaz: Gazetteer, geo: Geocoder, as_of: dt.date | None = None
) -> tuple[list[Mention], list[EntityRecord]]:
    r = ArticleResolver(article, mentions, gaz, geo, as_of)
    r.assign_keys()
    r.add_group_actors()
    r.assign_actor_codes()
    r.add_descriptions()
    r.mentions.sort(key=lambda m: (m.sentence_idx, m.start, m.end))
    return r.mentions, r.entities()
