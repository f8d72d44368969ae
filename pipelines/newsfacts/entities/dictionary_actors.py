"""Actors of the dictionary set found over the tokens, where the model and the lexicons found none.

A dictionary phrase is a mention when it reads as a name (a proper noun, or a
capital not owed to the start of the sentence): "Abdullah Ensour", "the Land of
the Rising Sun", "Hamad bin Isa al-Khalifa". A model span that is the same phrase
takes the dictionary's entry; one inside it grows to the whole phrase; spans
the lexicons already settled are left alone. The entry's code is the one
holding on the article's date (see `dictionaries.index.actor_code_at`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

from newsfacts.dictionaries.actors import ActorEntry
from newsfacts.dictionaries.index import HYPHEN, PhraseTable, actor_code_at
from newsfacts.entities.gazetteer import REGION_NAMES, LexiconEntry
from newsfacts.nlp.doc import PLACE_LABELS, Mention, ParsedArticle, Sentence

_KIND_LABELS = {"country": "GPE", "person": "PERSON", "organisation": "ORG"}


def reads_as_name(s: Sentence, tokens: list[int]) -> bool:
    """Whether dictionary words in the text are a name: "Turkey" or "the Land of the Rising Sun", not
    "turkey"."""
    return any(s.pos[t] == "PROPN" or (t > 0 and s.words[t][:1].isupper()) for t in tokens)


def dictionary_entry(entry: ActorEntry, when: dt.date | None, countries: frozenset[str]) -> LexiconEntry | None:
    """The dictionary actor as the entity layer knows actors: a country, a person or an organisation."""
    dated = actor_code_at(entry, when)
    if dated is None:
        return None
    primary = " ".join(entry.phrases[0].words)
    code = dated.code.split("/")[0]
    if len(code) == 3 and (code in countries or code in REGION_NAMES):
        kind, key = "country", code
    elif entry.ranges:  # codes with dates: an office holder
        kind, key = "person", "person:" + primary
    else:
        kind, key = "organisation", "org:" + primary
    valid = dated.range
    return LexiconEntry(
        kind,
        key,
        primary.title(),
        _KIND_LABELS[kind],
        code,
        valid_from=valid.start if valid else None,
        valid_until=valid.end if valid else None,
        source=f"{entry.file}:{entry.line}",
    )


def _take_dated_code(m: Mention, dictionary: LexiconEntry, start: int, end: int) -> None:
    """A lexicon person named by the dictionary's phrase (the same words, or inside them) takes its code."""
    lexicon = m.entry
    if isinstance(lexicon, LexiconEntry) and lexicon.kind == "person" and start <= m.start and m.end <= end:
        m.entry = replace(
            lexicon,
            actor_code=dictionary.actor_code,
            from_year=None,  # the date already chose the code
            to_year=None,
            valid_from=dictionary.valid_from,
            valid_until=dictionary.valid_until,
            source=dictionary.source,
        )


def add_dictionary_actors(
    article: ParsedArticle,
    mentions: list[Mention],
    actors: PhraseTable[ActorEntry],
    countries: frozenset[str],
    when: dt.date | None,
) -> list[Mention]:
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if not m.is_numeric:
            by_sentence[m.sentence_idx].append(m)
    dropped: set[int] = set()
    added: list[Mention] = []
    for s in article.sentences:
        tokens = [t for t in range(len(s)) if s.words[t] != HYPHEN]
        words = [s.words[t].lower() for t in tokens]
        i = 0
        while i < len(tokens):
            hit = actors.longest_at(words, i)
            span = tokens[i : i + hit[0]] if hit else []
            if not hit or not reads_as_name(s, span):
                i += 1
                continue
            i += hit[0]
            entry = dictionary_entry(hit[1], when, countries)
            if entry is None:
                continue
            start, end = span[0], span[-1] + 1
            found = Mention(s.idx, start, end, entry.label, "dictionary", entry)
            overlapping = [m for m in by_sentence[s.idx] if m.overlaps(found) and id(m) not in dropped]
            if any(m.entry is not None for m in overlapping):
                # The lexicons know this name. An office holder the dictionary also dates takes the
                # dictionary's code on the date, the one the events code the same words with.
                if hit[1].ranges:
                    for m in overlapping:
                        _take_dated_code(m, entry, start, end)
                continue
            if entry.kind == "country" and any(m.label in PLACE_LABELS for m in overlapping):
                continue  # "Baghdad" stays a place (the events still code it as its country when it acts)
            same = [m for m in overlapping if (m.start, m.end) == (start, end)]
            if same:
                same[0].entry = entry
            elif all(start <= m.start and m.end <= end for m in overlapping):
                dropped.update(id(m) for m in overlapping)
                if overlapping:
                    found.label = max(overlapping, key=lambda m: m.end - m.start).label
                added.append(found)
                by_sentence[s.idx].append(found)
    out = [m for m in mentions if id(m) not in dropped] + added
    out.sort(key=lambda m: (m.sentence_idx, m.start, m.end))
    return out
