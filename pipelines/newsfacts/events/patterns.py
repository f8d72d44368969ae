"""The event lexicons: verb patterns, event nouns, reporting verbs and modality cues."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from newsfacts import lexicon_files


@dataclass(frozen=True)
class VerbPattern:
    lemma: str
    particle: str
    preposition: str
    object: str
    code: str

    @property
    def specificity(self) -> tuple[int, int, int]:
        return (bool(self.object), bool(self.preposition), bool(self.particle))


@dataclass(frozen=True)
class PatternBook:
    verbs: dict[str, tuple[VerbPattern, ...]]
    nouns: dict[str, str]  # lemma, or "modifier lemma" -> CAMEO code ("" for an uncoded event noun)
    reporting: dict[str, str]  # lemma -> statement code
    cues: dict[str, dict[str, str]]  # relation -> cue -> modality

    def match_verb(
        self, lemma: str, particles: Iterable[str], prepositions: Iterable[str], objects: Iterable[str]
    ) -> VerbPattern | None:
        """The most specific pattern of `lemma` whose conditions all hold."""
        particles, prepositions, objects = set(particles), set(prepositions), set(objects)
        best = None
        for p in self.verbs.get(lemma, ()):
            if (
                (p.particle and p.particle not in particles)
                or (p.preposition and p.preposition not in prepositions)
                or (p.object and p.object not in objects)
            ):
                continue
            if best is None or p.specificity > best.specificity:
                best = p
        return best

    def grammar_only(self) -> PatternBook:
        """Without the project's verb patterns and event nouns: what codes comes from dictionaries alone;
        reporting verbs and modality cues, which are grammar, stay."""
        return PatternBook({}, {}, self.reporting, self.cues)

    def match_noun(self, lemma: str, modifiers: Iterable[str] = ()) -> str | None:
        """The noun's CAMEO code, "" for an event noun CAMEO does not code, None for no event."""
        for m in modifiers:
            code = self.nouns.get(f"{m} {lemma}")
            if code is not None:
                return code
        return self.nouns.get(lemma)


@lru_cache(maxsize=1)
def pattern_book() -> PatternBook:
    verbs: dict[str, list[VerbPattern]] = defaultdict(list)
    for r in lexicon_files.read_csv("verb_patterns.csv"):
        verbs[r["lemma"]].append(VerbPattern(r["lemma"], r["particle"], r["preposition"], r["object"], r["code"]))
    nouns = {r["lemma"]: r["code"] for r in lexicon_files.read_csv("event_nouns.csv")}
    reporting = {r["lemma"]: r["statement_code"] for r in lexicon_files.read_csv("reporting_verbs.csv")}
    cues: dict[str, dict[str, str]] = defaultdict(dict)
    for r in lexicon_files.read_csv("modality_cues.csv"):
        cues[r["relation"]][r["cue"]] = r["modality"]
    return PatternBook({k: tuple(v) for k, v in verbs.items()}, nouns, reporting, dict(cues))
