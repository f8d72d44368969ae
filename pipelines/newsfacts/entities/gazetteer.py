"""The entity lexicons, loaded once and indexed by token sequence.

Names are matched on tokens, so every lexicon entry is tokenised with the
same tokenizer as the text (spaCy's English rules): "U.S." is one token,
"al-Kadhimi" three.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from newsfacts import lexicon_files
from newsfacts.caching import cached, package_versions, source_of
from newsfacts.dictionaries.index import longest_at

# Region codes are CAMEO's, not ISO countries: they code actors but are no country_code.
REGION_NAMES = {r["code"]: r["name"] for r in lexicon_files.read_csv("regions.csv")}


@dataclass(frozen=True)
class LexiconEntry:
    kind: str  # country, demonym, organisation, person
    key: str  # stable identity: ISO3 for countries, canonical name otherwise
    name: str  # canonical name
    label: str  # OntoNotes label a mention of it gets
    actor_code: str | None = None
    title: str | None = None
    from_year: int | None = None
    to_year: int | None = None
    valid_from: dt.date | None = None  # the dictionary's date range for actor_code
    valid_until: dt.date | None = None
    source: str | None = None  # dictionary file:line, for entries of the dictionary set

    @property
    def country_code(self) -> str | None:
        code = self.actor_code or ""
        return code[:3] if len(code) >= 3 and code[:3] not in REGION_NAMES and code[:3] not in ("IGO", "NGO") else None


@dataclass(frozen=True)
class Role:
    term: tuple[str, ...]  # lower-cased tokens
    role: str  # CAMEO sector, or INHERIT
    kind: str  # title or noun


@dataclass
class Gazetteer:
    names: dict[tuple[str, ...], LexiconEntry] = field(default_factory=dict)
    surnames: dict[str, list[LexiconEntry]] = field(default_factory=dict)
    titles: dict[tuple[str, ...], Role] = field(default_factory=dict)
    nouns: dict[tuple[str, ...], Role] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> short name
    max_len: int = 1

    def match(self, words: Sequence[str], i: int) -> tuple[int, LexiconEntry] | None:
        """Longest lexicon name starting at words[i]: (length, entry)."""
        return longest_at(self.names, self.max_len, words, i)

    def role_at(self, words_lower: Sequence[str], i: int, table: str = "titles") -> tuple[int, Role] | None:
        roles = self.titles if table == "titles" else self.nouns
        for n in range(min(6, len(words_lower) - i), 0, -1):
            role = roles.get(tuple(words_lower[i : i + n]))
            if role is not None:
                return n, role
        return None


def _split(aliases: str) -> list[str]:
    return [a.strip() for a in (aliases or "").split("|") if a.strip()]


def _year(s: str) -> int | None:
    return int(s) if s and s.strip().isdigit() else None


def build_gazetteer(tokenize: Callable[[str], list[str]]) -> Gazetteer:
    g = Gazetteer()

    def add(surface: str, entry: LexiconEntry, overwrite: bool = False) -> None:
        words = tuple(tokenize(surface))
        if not words:
            return
        if overwrite or words not in g.names:
            g.names[words] = entry
            g.max_len = max(g.max_len, len(words))

    # Countries first, so organisation and person entries never shadow a country name.
    for row in lexicon_files.read_csv("countries.csv"):
        g.country_names[row["iso3"]] = row["name"]
    for row in lexicon_files.read_csv("country_aliases.csv"):
        code = row["code"]
        if code in REGION_NAMES:
            continue
        g.country_names.setdefault(code, row["alias"])
    for code, name in REGION_NAMES.items():
        g.country_names[code] = name

    def country(code: str) -> LexiconEntry:
        label = "LOC" if code in REGION_NAMES else "GPE"
        return LexiconEntry("country", code, g.country_names.get(code, code), label, code)

    for row in lexicon_files.read_csv("countries.csv"):
        for surface in [row["name"], *_split(row["other_names"])]:
            add(surface, country(row["iso3"]))
    for row in lexicon_files.read_csv("country_aliases.csv"):
        add(row["alias"], country(row["code"]), overwrite=True)
    for row in lexicon_files.read_csv("demonyms.csv"):
        entry = country(row["code"])
        add(row["demonym"], LexiconEntry("demonym", entry.key, entry.name, "NORP", entry.actor_code))

    for row in lexicon_files.read_csv("organisations.csv"):
        entry = LexiconEntry(
            "organisation", "org:" + row["name"].lower(), row["name"], row["label"] or "ORG", row["actor_code"] or None
        )
        for surface in [row["name"], *_split(row["aliases"])]:
            add(surface, entry)
            if surface.lower().startswith("the "):
                add(surface[4:], entry)

    for row in lexicon_files.read_csv("people.csv"):
        entry = LexiconEntry(
            "person",
            "person:" + row["name"].lower(),
            row["name"],
            "PERSON",
            row["actor_code"] or None,
            row.get("title") or None,
            _year(row.get("from_year", "")),
            _year(row.get("to_year", "")),
        )
        add(row["name"], entry)
        for alias in _split(row["aliases"]):
            words = tokenize(alias)
            if len(words) == 1:  # a surname alone is ambiguous: kept apart, used only with context
                g.surnames.setdefault(words[0], []).append(entry)
            else:
                add(alias, entry)

    for row in lexicon_files.read_csv("roles.csv"):
        term = tuple(w.lower() for w in tokenize(row["term"]))
        role = Role(term, row["role"], row["kind"])
        (g.titles if row["kind"] == "title" else g.nouns)[term] = role
    return g


def _build_with_spacy_tokenizer() -> Gazetteer:
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    return build_gazetteer(lambda s: [t.text for t in tokenizer(s)])


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer of the shipped lexicons, built once per machine (see newsfacts.caching)."""
    parts: list[bytes | str] = [
        lexicon_files.folder_digest(),
        *source_of(sys.modules[__name__], lexicon_files),
        *package_versions("spacy"),
    ]
    return cached("gazetteer", parts, _build_with_spacy_tokenizer)
