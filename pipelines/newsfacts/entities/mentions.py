"""Entity mentions: the statistical model's spans, corrected where the article shows better.

Fixes on top of spaCy's NER, each a small function:
- `trim_spans`: no leading "a", no caption label ("Caracas Image:"),
  no half of a bracket ("International Labour Organization (ILO");
- `drop_title_fragments`: "State" in "Secretary of State" is part of a title;
- `apply_lexicon`: names from the lexicons (countries, demonyms, organisations,
  people) get their known label, and are added where the model missed them;
- `add_nested_places`: a country or city inside an organisation's name is a
  mention too ("Portugal" in "Tech Summit Portugal", "Houston" in "Houston Police");
- `trim_titles`: a person span that starts with a title ("President Trump")
  keeps only the name, so titles feed actor codes instead of names;
- `propagate_names`: one article, one sense per name: a surname of a person
  named in full is a person everywhere in the article, and a name the model
  found once is found again where it recurs.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import polars as pl

from newsfacts import lexicon_files
from newsfacts.entities.gazetteer import Gazetteer
from newsfacts.nlp.doc import Mention, ParsedArticle

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_NESTING_LABELS = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"}
# Cities this populous are safe to find inside an organisation's name.
NESTED_CITY_POPULATION = 100_000
_LEXICON_LABELS = {"country": "GPE", "demonym": "NORP", "person": "PERSON"}


def model_mentions(ner_spans: pl.DataFrame) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = defaultdict(list)
    for aid, sidx, a, b, label in ner_spans.select(
        "article_id", "sentence_idx", "token_start", "token_end", "label"
    ).iter_rows():
        out[aid].append(Mention(sidx, a, b, label))
    return out


def _is_name_start(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def trim_spans(article: ParsedArticle, mentions: list[Mention]) -> list[Mention]:
    out = []
    for m in mentions:
        s = article.sentences[m.sentence_idx]
        if not m.is_numeric:
            while m.end - m.start > 1 and s.words[m.start].lower() in ("a", "an"):
                m.start += 1
            last = m.end - 1
            if (
                m.end - m.start > 1
                and s.words[last] in lexicon_files.word_list("caption_word")
                and m.end < len(s)
                and s.words[m.end] == ":"
            ):
                m.end -= 1
            words = s.words[m.start : m.end]
            if "(" in words and ")" not in words[words.index("(") :]:
                m.end = m.start + words.index("(")
            while m.end > m.start and not any(ch.isalnum() for ch in s.words[m.end - 1]):
                m.end -= 1
        if m.end > m.start:
            out.append(m)
    return out


def apply_lexicon(article: ParsedArticle, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Label lexicon names as the lexicon says, and add those the model missed."""
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_sentence[m.sentence_idx].append(m)
    added: list[Mention] = []
    replaced: set[int] = set()  # ids of model spans a longer lexicon name replaces
    for s in article.sentences:
        i = 0
        while i < len(s):
            hit = gaz.match(s.words, i) if _is_name_start(s.words[i]) else None
            if hit is None:
                i += 1
                continue
            n, entry = hit
            label = _LEXICON_LABELS.get(entry.kind, entry.label)
            found = Mention(s.idx, i, i + n, label, "lexicon", entry)
            overlapping = [m for m in by_sentence[s.idx] if m.overlaps(found) and not m.is_numeric]
            same = [
                m
                for m in overlapping
                if m.end == found.end
                and (m.start == found.start or (m.start == found.start - 1 and s.words[m.start].lower() == "the"))
            ]
            if same:
                same[0].label, same[0].entry = label, entry
            elif not overlapping:
                added.append(found)
            elif all(found.start <= m.start and m.end <= found.end for m in overlapping):
                replaced.update(id(m) for m in overlapping)
                added.append(found)
            i += n
    return [m for m in mentions if id(m) not in replaced] + added


def drop_title_fragments(article: ParsedArticle, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """A span the model found inside a title is no name: "State" in "Secretary of State"."""
    inside: dict[int, set[int]] = defaultdict(set)
    for s in article.sentences:
        lower = [w.lower() for w in s.words]
        for i in range(len(s)):
            hit = gaz.role_at(lower, i, "titles")
            if hit and hit[0] >= 2:
                inside[s.idx].update(range(i, i + hit[0]))
    return [
        m
        for m in mentions
        if m.is_numeric or m.label == "PERSON" or not set(range(m.start, m.end)) <= inside[m.sentence_idx]
    ]


def add_nested_places(article: ParsedArticle, mentions: list[Mention], gaz: Gazetteer, geo) -> list[Mention]:
    """Countries and big cities named inside organisation (or facility, event...) names."""
    out = list(mentions)
    have = {(m.sentence_idx, m.start, m.end) for m in mentions}
    for m in mentions:
        if m.label not in _NESTING_LABELS or m.end - m.start < 2 or m.entry is not None:
            continue
        s = article.sentences[m.sentence_idx]
        i = m.start
        while i < m.end:
            if not s.words[i][:1].isupper():
                i += 1
                continue
            hit = gaz.match(s.words[: m.end], i)
            if hit and hit[1].kind == "country":
                n, entry = hit
                if (m.sentence_idx, i, i + n) not in have and (i, i + n) != (m.start, m.end):
                    out.append(Mention(m.sentence_idx, i, i + n, "GPE", "nested", entry))
                i += n
                continue
            if geo is not None and s.pos[i] == "PROPN":
                place = geo.lookup(s.words[i])
                if (
                    place is not None
                    and (place.population >= NESTED_CITY_POPULATION or place.feature_class != "P")
                    and (m.sentence_idx, i, i + 1) not in have
                ):
                    out.append(Mention(m.sentence_idx, i, i + 1, "GPE", "nested"))
            i += 1
    return out


def trim_titles(article: ParsedArticle, mentions: list[Mention], gaz: Gazetteer) -> None:
    """Drop leading title words from person spans ("President Donald Trump" -> "Donald Trump")."""
    for m in mentions:
        if m.label != "PERSON" or m.end - m.start < 2:
            continue
        lower = [w.lower() for w in article.words(m)]
        k = 0
        while k < len(lower) - 1:
            hit = gaz.role_at(lower, k, "titles")
            if hit is None:
                break
            k += hit[0]
        if 0 < k < len(lower):
            m.start += k


def _person_names(article: ParsedArticle, mentions: list[Mention]) -> dict[tuple[str, ...], str]:
    """Name -> label: persons named in full, their surnames, and every other confident name."""
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    surnames: set[tuple[str, ...]] = set()
    for m in mentions:
        if m.label not in NAME_LABELS:
            continue
        words = tuple(article.words(m))
        while words and words[-1] in ("'s", "’s", "'", "’"):
            words = words[:-1]
        if not words:
            continue
        votes[words][m.label] += 2 if m.source == "lexicon" else 1
        if m.label == "PERSON" and len(words) >= 2 and words[-1][:1].isupper() and words[-1].isalpha():
            surnames.add((words[-1],))
    names = {w: c.most_common(1)[0][0] for w, c in votes.items()}
    for w in surnames:
        names[w] = "PERSON"
    return names


def propagate_names(article: ParsedArticle, mentions: list[Mention]) -> list[Mention]:
    """One sense per name within an article: relabel disagreeing mentions, add missed repeats."""
    names = _person_names(article, mentions)
    for m in mentions:
        if m.label in NAME_LABELS and m.source != "lexicon":
            label = names.get(tuple(article.words(m)))
            if label and label != m.label:
                m.label = label
    if not names:
        return mentions
    taken: dict[int, set[int]] = defaultdict(set)
    for m in mentions:
        taken[m.sentence_idx].update(range(m.start, m.end))
    max_len = max(len(w) for w in names)
    out = list(mentions)
    for s in article.sentences:
        i = 0
        while i < len(s):
            if i in taken[s.idx] or s.pos[i] != "PROPN" or not s.words[i][:1].isupper():
                i += 1
                continue
            for n in range(min(max_len, len(s) - i), 0, -1):
                words = tuple(s.words[i : i + n])
                if (
                    words in names
                    and not taken[s.idx] & set(range(i, i + n))
                    and (i + n == len(s) or s.pos[i + n] != "PROPN")
                ):
                    out.append(Mention(s.idx, i, i + n, names[words], "propagated"))
                    taken[s.idx].update(range(i, i + n))
                    i += n
                    break
            else:
                i += 1
    return out


def detect_mentions(article: ParsedArticle, model: list[Mention], gaz: Gazetteer, geo=None) -> list[Mention]:
    mentions = trim_spans(article, model)
    mentions = drop_title_fragments(article, mentions, gaz)
    mentions = apply_lexicon(article, mentions, gaz)
    mentions = add_nested_places(article, mentions, gaz, geo)
    trim_titles(article, mentions, gaz)
    mentions = propagate_names(article, mentions)
    mentions.sort(key=lambda m: (m.sentence_idx, m.start, m.end))
    return mentions
