"""Discard lists: phrases that mark a sentence (or, with `+`, a whole story) as not to be coded.

Matching is case-insensitive. A phrase ending in `_` must end at a word boundary; otherwise its
last word is a stem (`BASEBALL` also discards "baseballs").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from newsfacts.dictionaries.lines import Problem, numbered_lines, strip_comment
from newsfacts.dictionaries.phrases import Phrase, parse_phrase

_WORD = re.compile(r"[\w'&.-]+")


class DiscardScope(StrEnum):
    SENTENCE = "sentence"
    STORY = "story"  # written with a leading +


class Discard(NamedTuple):
    phrase: Phrase  # exact: whole words; else the last word is a stem
    scope: DiscardScope
    file: str
    line: int

    def matches(self, text: str) -> bool:
        """Whether the phrase occurs in a text (words split on blanks and punctuation)."""
        words = _words(text)
        target = [w.rstrip(".") for w in self.phrase.words]
        n = len(target)
        for i in range(len(words) - n + 1):
            if words[i : i + n - 1] == target[:-1]:
                last = words[i + n - 1]
                if last == target[-1] or (not self.phrase.exact and last.startswith(target[-1])):
                    return True
        return False


def _words(text: str) -> list[str]:
    return [w.rstrip(".") for w in _WORD.findall(text.lower())]


@dataclass(slots=True)
class DiscardList:
    discards: list[Discard] = field(default_factory=list)

    def scoped(self, scope: DiscardScope) -> list[Discard]:
        return [d for d in self.discards if d.scope == scope]

    def merge(self, other: DiscardList) -> None:
        seen = {(d.phrase, d.scope) for d in self.discards}
        self.discards.extend(d for d in other.discards if (d.phrase, d.scope) not in seen)


def read_discards(data: bytes, file: str, problems: list[Problem]) -> DiscardList:
    out = DiscardList()
    for number, text in numbered_lines(data, file, problems):
        line = strip_comment(text).strip()
        scope = DiscardScope.SENTENCE
        if line.startswith("+"):
            scope, line = DiscardScope.STORY, line[1:]
        phrase = parse_phrase(line)
        if phrase is None:
            problems.append(Problem(file, number, "discard without a phrase; ignored", text))
            continue
        out.discards.append(Discard(phrase, scope, file, number))
    return out
