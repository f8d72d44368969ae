"""Dictionary phrases indexed by the tokens a text gives, for matching over a parse.

Words are split as the tokenizer splits text and hyphens are left out on both
sides, so `AL-QAEDA` finds "Al-Qaeda" and "al Qaeda", and `HAMAD_BIN_ISA_AL_KHALIFA`
finds "Hamad bin Isa al-Khalifa". A lookup is one dictionary access per
candidate length, longest first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from newsfacts.dictionaries.actors import ActorEntry, CodeRange
from newsfacts.dictionaries.agents import AgentPosition
from newsfacts.dictionaries.sets import DictionarySet

T = TypeVar("T")
HYPHEN = "-"
_HYPHEN = re.compile(r"(-)")


def split_word(word: str) -> tuple[str, ...]:
    """A written word as the tokenizer splits it: "government-owned" is three tokens."""
    if HYPHEN not in word or len(word) == 1:
        return (word,)
    return tuple(p for p in _HYPHEN.split(word) if p)


def split_tokens(words: Iterable[str]) -> tuple[str, ...]:
    """Dictionary words as the tokenizer splits text."""
    return tuple(t for w in words for t in split_word(w))


def match_key(words: Iterable[str]) -> tuple[str, ...]:
    """What a phrase is indexed and looked up by: lower-case tokens without hyphens."""
    out: list[str] = []
    for w in words:
        w = w.lower()
        if HYPHEN in w:
            out.extend(p for p in w.split(HYPHEN) if p)
        else:
            out.append(w)
    return tuple(out)


@dataclass(frozen=True)
class PhraseTable(Generic[T]):
    """Phrases by their match keys, matched longest first."""

    entries: dict[tuple[str, ...], T]
    max_len: int

    @classmethod
    def build(cls, pairs: Iterable[tuple[Iterable[str], T]]) -> PhraseTable[T]:
        entries: dict[tuple[str, ...], T] = {}
        longest = 1
        for words, value in pairs:
            key = match_key(words)
            if key:
                entries[key] = value
                longest = max(longest, len(key))
        return cls(entries, longest)

    def longest_at(self, words: Sequence[str], i: int) -> tuple[int, T] | None:
        """The longest phrase starting at words[i] (words already match keys): (length, value)."""
        return longest_at(self.entries, self.max_len, words, i)


def longest_at(entries: dict[tuple[str, ...], T], max_len: int, words: Sequence[str], i: int) -> tuple[int, T] | None:
    """The longest key of `entries` (token tuples of at most max_len) that starts at words[i]: (length, value)."""
    for n in range(min(max_len, len(words) - i), 0, -1):
        hit = entries.get(tuple(words[i : i + n]))
        if hit is not None:
            return n, hit
    return None


class DatedCode(NamedTuple):
    """An actor's code on a date, and where it comes from."""

    code: str
    range: CodeRange | None  # the date restriction that gave it; None for the default code
    country_only: bool = False  # no code holds on the date: the country of the nearest one


def actor_code_at(entry: ActorEntry, when: dt.date | None) -> DatedCode | None:
    """The entry's code on a date (without one, its default code, else its open-ended role); when no code
    holds and there is no default, the country of the range nearest the date, as the person's country
    outlives the post."""
    code, found = entry.code_at(when)
    if code:
        return DatedCode(code, found)
    if not entry.ranges:
        return None
    if when is None:
        # Without a date, the current role: the last open-ended one (`[USAGOV >090120]`), never the clock.
        current = [r for r in entry.ranges if r.end is None]
        if current:
            return DatedCode(current[-1].code, current[-1])
        nearest = entry.ranges[-1]
    else:

        def distance(r: CodeRange) -> int:
            if r.end is not None and r.end < when:
                return (when - r.end).days
            if r.start is not None and r.start > when:
                return (r.start - when).days
            return 0

        nearest = min(entry.ranges, key=distance)
    country = nearest.code[:3]
    return DatedCode(country, nearest, True) if len(country) == 3 else None


class AgentCode(NamedTuple):
    code: str  # "GOV", "MIL"
    in_front: bool = False  # `NGO~`: written before the actor's code


def actor_table(ds: DictionarySet) -> PhraseTable[ActorEntry]:
    return PhraseTable.build((p.words, e) for p, e in ds.actors.phrases())


def agent_table(ds: DictionarySet) -> PhraseTable[AgentCode]:
    return PhraseTable.build(
        (p.words, AgentCode(e.code, e.position == AgentPosition.PREFIX)) for p, e in ds.agents.phrases()
    )
