"""Phrases as the dictionaries write them, and the regular English forms they imply.

`AL-NUSRA_FRONT_`: words joined by `_` must be consecutive; in agent phrases and verb
patterns a blank lets other words come between (actor files treat both alike). A
trailing `_` marks the phrase exact: its last word is a whole word (TABARI read a bare
last word as a stem) and no automatic plural is made.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Generic, NamedTuple, Protocol, TypeVar

_SPLIT = re.compile(r"([_ \t]+)")


class Phrase(NamedTuple):
    """A phrase of a dictionary entry: lower-case words, how they join, and whether it is exact."""

    words: tuple[str, ...]
    joined: tuple[bool, ...] = ()  # per gap between words: True for `_` (consecutive), False for a blank
    exact: bool = False  # written with a trailing `_`

    @property
    def text(self) -> str:
        """The words separated by single blanks: what to tokenize for a PhraseMatcher pattern."""
        return " ".join(self.words)

    def with_last(self, word: str) -> Phrase:
        return Phrase(self.words[:-1] + (word,), self.joined, self.exact)


def parse_phrase(written: str) -> Phrase | None:
    """`HUMAN_RIGHTS BODY_` -> words (human, rights, body), joined (True, False), exact. None when empty."""
    s = written.strip()
    exact = s.endswith("_")
    if " " not in s and "\t" not in s:  # the common case: words joined by `_` only
        words = tuple(sys.intern(w) for w in s.lower().split("_") if w)
        return Phrase(words, _all_joined(len(words) - 1), exact) if words else None
    parts = [p for p in _SPLIT.split(s.strip("_ \t")) if p]
    words = tuple(sys.intern(p.lower()) for p in parts[0::2])
    if not words or not words[0]:
        return None
    joined = tuple(" " not in sep and "\t" not in sep for sep in parts[1::2])
    return Phrase(words, joined, exact)


@cache
def _all_joined(n: int) -> tuple[bool, ...]:
    # Shared: tens of thousands of phrases have the same few shapes.
    return (True,) * max(0, n)


def plural(word: str) -> str:
    """Regular English plural: -es after s, x, z, ch, sh; -ies after a consonant and y; else -s."""
    w = word.lower()
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    if w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def verb_forms(base: str) -> tuple[str, str, str]:
    """Regular third person, past and -ing forms of a lower-case base verb (no consonant doubling:
    irregular and doubled forms are written in `{...}` by the dictionaries)."""
    b = base.lower()
    third = plural(b)
    if b.endswith("e"):
        past = b + "d"
    elif b.endswith("y") and len(b) > 1 and b[-2] not in "aeiou":
        past = b[:-1] + "ied"
    else:
        past = b + "ed"
    if b.endswith("ie"):
        ing = b[:-2] + "ying"
    elif b.endswith("e") and not b.endswith(("ee", "ye", "oe")) and len(b) > 2:
        ing = b[:-1] + "ing"
    else:
        ing = b + "ing"
    return third, past, ing


class Named(Protocol):
    @property  # read-only here, so entries may hold their phrases in a list or a tuple
    def phrases(self) -> Sequence[Phrase]: ...


E = TypeVar("E", bound=Named)


@dataclass
class PhraseEntries(Generic[E]):
    """Entries named by phrases (actors, agents); a later entry wins a phrase it shares."""

    entries: list[E] = field(default_factory=list)
    by_phrase: dict[tuple[str, ...], E] = field(default_factory=dict)

    def add(self, entry: E) -> None:
        self.entries.append(entry)
        for p in entry.phrases:
            self.by_phrase[p.words] = entry

    def phrases(self) -> list[tuple[Phrase, E]]:
        """Every phrase once, with the entry that wins for it."""
        out, seen = [], set()
        for e in self.entries:
            for p in e.phrases:
                if p.words not in seen and self.by_phrase.get(p.words) is e:
                    seen.add(p.words)
                    out.append((p, e))
        return out
