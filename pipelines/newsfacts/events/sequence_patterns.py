"""Verb-dictionary patterns matched against a parsed sentence, the way TABARI reads them.

A pattern of the field's verb dictionaries says which words stand before the
verb (`INDICATED WOULD *`) and after it (`* &TIETYPES TIES`, `* EID AT ^ WITH +`),
in order. Words joined by `_` must be consecutive (and a `_` on the verb
marker, `IN_*`, puts the word right next to the verb); words separated by a
blank may have other words between them. `$` and `+` say where the source and
the target stand, `%` where a compound actor stands, `^` skips one noun
phrase. Patterns are matched on the token sequence, not on the tree: the
after-verb words must fall inside the verb's own phrase, the before-verb words
anywhere earlier in the sentence. A word matches a token by its text,
case aside (a pattern noun does not match its plural:
synonym sets list plurals, patterns do not).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from newsfacts.nlp.doc import Sentence


class StepKind(StrEnum):
    WORDS = "words"
    SOURCE = "source"  # $
    TARGET = "target"  # +
    COMPOUND = "compound"  # %
    SKIP = "skip"  # ^


@dataclass(frozen=True)
class Step:
    kind: StepKind
    # WORDS: the word sequences that may stand here (a synset gives several), lower-case tokens
    alternatives: tuple[tuple[str, ...], ...] = ()
    adjacent: bool = False  # no gap before this step (after the previous step, or after the verb)
    preposition: bool = False  # the preposition of `(TO ...)`: not the "to" of an infinitive


@dataclass(frozen=True)  # no slots: the cached properties need a __dict__
class SequencePattern:
    pre: tuple[Step, ...]  # in text order
    post: tuple[Step, ...]
    code: str
    where: str  # file:line, for the record
    pre_touches_verb: bool = False  # `IN_*`: the last before-verb word stands right before the verb

    @cached_property
    def n_words(self) -> int:
        return sum(
            max((len(a) for a in st.alternatives), default=0)
            for st in self.pre + self.post
            if st.kind == StepKind.WORDS
        )

    @cached_property
    def anchors(self) -> tuple[frozenset[str], ...]:
        """For each word step, the words one of which the sentence must have for the pattern to match."""
        return tuple(
            frozenset(a[0] for a in st.alternatives if a) for st in self.pre + self.post if st.kind == StepKind.WORDS
        )


@dataclass(frozen=True)
class PatternMatch:
    pattern: SequencePattern
    source: int | None = None  # token where `$` found an actor
    target: int | None = None  # token where `+` found an actor
    compound: int | None = None  # token where `%` stands
    compound_before_verb: bool = False


_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_PREPOSITION_POS = frozenset({"ADP", "SCONJ"})


class SentenceWords:
    """A sentence's words, lower case, with where each stands: patterns look words up, not scan for
    them. A word matches as written: RESOLUTION is not "resolutions" (synonym sets list plurals)."""

    def __init__(self, s: Sentence):
        self.sentence = s
        self.lower = [w.lower() for w in s.words]
        self.positions: dict[str, list[int]] = {}
        for i, w in enumerate(self.lower):
            self.positions.setdefault(w, []).append(i)

    def may_match(self, pattern: SequencePattern) -> bool:
        return all(not anchor.isdisjoint(self.positions.keys()) for anchor in pattern.anchors)

    def starts(self, alternatives: tuple[tuple[str, ...], ...], pos: int, end: int) -> list[int]:
        """Positions in [pos, end) where one of the alternatives' first words stands, in order."""
        found: set[int] = set()
        for alt in alternatives:
            where = self.positions.get(alt[0], ())
            i = bisect_left(where, pos)
            while i < len(where) and where[i] < end:
                found.add(where[i])
                i += 1
        return sorted(found)

    def seq_at(self, i: int, seq: tuple[str, ...], end: int, excluded: frozenset[int]) -> bool:
        return (
            i + len(seq) <= end
            and self.lower[i : i + len(seq)] == list(seq)
            and not any(i + k in excluded for k in range(len(seq)))
        )


def noun_phrase_at(s: Sentence, i: int, end: int, excluded: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """(head, end) of the first noun phrase starting at or after token i, before `end`: its head is
    the first nominal whose phrase does not run on into a later nominal it modifies."""
    for p in range(i, end):
        if s.pos[p] not in _NOMINAL or p in excluded:
            continue
        head = p
        while (
            head + 1 < end
            and s.heads[head] > head
            and s.heads[head] < end
            and s.pos[s.heads[head]] in _NOMINAL
            and s.deps[head] in ("compound", "amod", "nmod", "poss", "nummod", "det", "case")
        ):
            head = s.heads[head]
        stop = head + 1
        if stop < end and s.words[stop] in ("'s", "’s") and s.heads[stop] == head:
            stop += 1
        return head, stop
    return None


class _Matcher:
    def __init__(self, words: SentenceWords, excluded: frozenset[int], verb: Span):
        self.words, self.s, self.excluded, self.verb = words, words.sentence, excluded, verb

    def _other_verbs_infinitive_marker(self, i: int) -> bool:
        """The `to` of another verb's infinitive: `REFUSED TO *` reads the pattern verb's own `to`;
        `* TO` ("headed to the talks") is no reading of "ordered them to leave"."""
        return (
            self.s.pos[i] == "PART" and self.s.deps[i] == "aux" and not self.verb[0] <= self.s.heads[i] < self.verb[1]
        )

    def run(
        self, steps: Sequence[Step], pos: int, end: int, found: dict[str, int], must_end_at: int | None = None
    ) -> dict[str, int] | None:
        """Match steps in order from `pos`; returns the positions of markers, or None."""
        if not steps:
            return found if must_end_at is None or pos == must_end_at else None
        step, rest = steps[0], steps[1:]
        anchored = step.adjacent
        starts: Sequence[int]
        if step.kind == StepKind.WORDS:
            starts = [pos] if anchored else self.words.starts(step.alternatives, pos, end)
        else:
            starts = [pos] if anchored else range(pos, end)
        for p in starts:
            if step.kind == StepKind.WORDS:
                if step.preposition and p < end and self.s.pos[p] not in _PREPOSITION_POS:
                    continue
                if p < end and self._other_verbs_infinitive_marker(p):
                    continue
                for alt in step.alternatives:
                    if self.words.seq_at(p, alt, end, self.excluded):
                        out = self.run(rest, p + len(alt), end, found, must_end_at)
                        if out is not None:
                            return out
            elif step.kind == StepKind.SKIP:
                np_ = noun_phrase_at(self.s, p, end, self.excluded)
                if np_ is not None and (not anchored or np_[0] - p <= 3):
                    out = self.run(rest, np_[1], end, found, must_end_at)
                    if out is not None:
                        return out
                if anchored:
                    break
            else:
                np_ = noun_phrase_at(self.s, p, end, self.excluded)
                if np_ is None:
                    break
                out = self.run(rest, np_[1], end, {**found, step.kind.value: np_[0]}, must_end_at)
                if out is not None:
                    return out
                break  # a marker takes the next noun phrase, not a later one
        return None


# Token positions [start, end) in a sentence.
Span = tuple[int, int]


def match_pattern(
    words: SentenceWords, pattern: SequencePattern, verb: Span, region: Span, excluded: frozenset[int] = frozenset()
) -> PatternMatch | None:
    """The pattern matched around the verb tokens [verb_start, verb_end), or None.

    Before-verb steps are looked for in [region_start, verb_start), after-verb steps in
    [verb_end, region_end), never on an `excluded` token."""
    (verb_start, verb_end), (region_start, region_end) = verb, region
    m = _Matcher(words, excluded, verb)
    found: dict[str, int] = {}
    if pattern.pre:
        pre = m.run(
            pattern.pre, region_start, verb_start, found, must_end_at=verb_start if pattern.pre_touches_verb else None
        )
        if pre is None:
            return None
        found = pre
    compound_before = "compound" in found
    if pattern.post:
        post = m.run(pattern.post, verb_end, region_end, found)
        if post is None:
            return None
        found = post
    return PatternMatch(pattern, found.get("source"), found.get("target"), found.get("compound"), compound_before)


def best_match(
    words: SentenceWords,
    patterns: Sequence[SequencePattern],
    verb: Span,
    region: Span,
    excluded: frozenset[int] = frozenset(),
) -> PatternMatch | None:
    """The matching pattern with the most words; the first in dictionary order among equals."""
    best: PatternMatch | None = None
    for p in patterns:
        if (best is not None and p.n_words <= best.pattern.n_words) or not words.may_match(p):
            continue
        hit = match_pattern(words, p, verb, region, excluded)
        if hit is not None:
            best = hit
    return best
