"""Actor dictionaries: records of phrases with a default code and date-ranged codes.

    MOHAMMAD_ZAHIR_SHAH_  [AFGELI] ; comment     primary phrase, optional default code
    +ZAHIR_SHAH_                                 synonyms
        [AFGGOV 331108-730717]                   tab-indented date restrictions:
        [AFGELI >730717]                         after (on or after) a date,
        [AFGELI <331108]                         before (on or before) a date,
        [AFGELI]                                 or a default code

Restrictions may also follow the primary phrase on its line (`KOFI_ANNAN_ [IGOUNO 970101-061231]
[ELI]`). Dates are YYYYMMDD or YYMMDD; as in KEDS, TABARI and PETRARCH a two-digit year 00-30 is
20YY, else 19YY. Limits are inclusive. Comments start with `#` or `;`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import NamedTuple

from newsfacts.dictionaries.lines import Problem, numbered_lines
from newsfacts.dictionaries.phrases import Phrase, PhraseEntries, parse_phrase

_BRACKETS = re.compile(r"\[([^\]]*)\]")
_SEVERAL = re.compile(r"\s+\+")  # `+TAIOAN_ +TAWIAN_`: two synonyms on a line
_RESTRICTION = re.compile(r"^\s*(\S+)\s*(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))?\s*$")


class CodeRange(NamedTuple):
    """A code valid from `start` to `end` inclusive; None leaves that side open."""

    code: str
    start: date | None = None
    end: date | None = None

    def contains(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(slots=True)
class ActorEntry:
    """One record: its phrases (the primary one first), default code and dated codes."""

    phrases: list[Phrase]
    default_code: str | None
    ranges: list[CodeRange]
    file: str
    line: int

    def code_at(self, when: date | None) -> tuple[str | None, CodeRange | None]:
        """The code on a date and the range it came from: the first restriction (in file order)
        whose limits hold the date, else the default code with no range. Without a date, the default."""
        if when is not None:
            for r in self.ranges:
                if r.contains(when):
                    return r.code, r
        return self.default_code, None


class ActorDictionary(PhraseEntries[ActorEntry]):
    """Actor entries by phrase; a later entry wins a phrase."""

    def merge(self, other: ActorDictionary) -> None:
        for e in other.entries:
            self.add(e)


@cache
def parse_date(text: str) -> date:
    """YYYYMMDD or YYMMDD (00-30 -> 20YY, else 19YY). ValueError for anything else."""
    if len(text) == 8:
        y, m, d = int(text[:4]), int(text[4:6]), int(text[6:])
    elif len(text) == 6:
        yy, m, d = int(text[:2]), int(text[2:4]), int(text[4:])
        y = 2000 + yy if yy <= 30 else 1900 + yy
    else:
        raise ValueError(f"date {text!r} is neither YYYYMMDD nor YYMMDD")
    return date(y, m, d)


def parse_restriction(text: str) -> tuple[str, CodeRange | None]:
    """`USAGOV >090120` -> (code, range); `AFG` -> (code, None). ValueError when malformed."""
    m = _RESTRICTION.match(text)
    if not m:
        raise ValueError(f"malformed code [{text.strip()}]")
    code, op, d1, a, b = m.groups()
    code = sys.intern(code)
    if op == "<":
        return code, CodeRange(code, None, parse_date(d1))
    if op == ">":
        return code, CodeRange(code, parse_date(d1), None)
    if a is not None:
        start, end = parse_date(a), parse_date(b)
        if end < start:
            raise ValueError(f"date range {a}-{b} ends before it starts")
        return code, CodeRange(code, start, end)
    return code, None


def read_actors(data: bytes, file: str, problems: list[Problem]) -> ActorDictionary:
    d = ActorDictionary()
    entry: ActorEntry | None = None

    last_line = 0  # last line of the open record

    def close(next_line: int | None = None) -> ActorEntry | None:
        """Store the open record; a codeless one right above another record (no blank line between,
        as in the files' runs of name variants) is handed on to be that record's synonym."""
        if entry is None:
            return None
        if entry.default_code is None and not entry.ranges:
            if next_line == last_line + 1:
                problems.append(
                    Problem(
                        file,
                        entry.line,
                        "actor without a code right above another actor; read as a synonym of the next one",
                    )
                )
                return entry
            problems.append(Problem(file, entry.line, "actor without a code; it is kept and codes as null"))
        d.add(entry)
        return None

    for number, text in numbered_lines(data, file, problems):
        problem = _Reporter(problems, file, number, text)
        line = text
        for marker in "#;":
            cut = line.find(marker)
            if cut != -1:
                line = line[:cut]
        line = line.strip()
        if not line:
            continue
        codes = list(_BRACKETS.finditer(line)) if "[" in line else []
        head = line[: codes[0].start()] if codes else line
        if codes and line[codes[-1].end() :].strip():
            problem(f"text after the code ignored: {line[codes[-1].end() :].strip()!r}")
        first = line[0]
        if first == "[":
            if entry is None:
                problem("date restriction before any actor; ignored")
                continue
            _add_codes(entry, codes, problem)
            last_line = number
            continue
        if first == "+":
            if entry is None:
                problem("synonym before any actor; ignored")
                continue
            written = _SEVERAL.split(head[1:]) if "+" in head[1:] else (head[1:],)
            if len(written) > 1:
                problem("several synonyms on one line; each is read")
            for w in written:
                phrase = parse_phrase(w)
                if phrase is None:
                    problem("empty synonym; ignored")
                    continue
                entry.phrases.append(phrase)
            if codes:
                _add_codes(entry, codes, problem)
            last_line = number
            continue
        if text[0] in " \t":
            problem("indented phrase read as a new actor")
        phrase = parse_phrase(head)
        if phrase is None:
            problem("line without a phrase; ignored")
            continue
        carried = close(number)
        entry = ActorEntry(
            (carried.phrases if carried else []) + [phrase], None, [], file, carried.line if carried else number
        )
        if codes:
            _add_codes(entry, codes, problem)
        last_line = number
    close()
    return d


class _Reporter:
    """Records a problem of one line (made per line: cheaper than a closure when rarely called)."""

    __slots__ = ("problems", "file", "line", "text")

    def __init__(self, problems: list[Problem], file: str, line: int, text: str):
        self.problems, self.file, self.line, self.text = problems, file, line, text

    def __call__(self, message: str) -> None:
        self.problems.append(Problem(self.file, self.line, message, self.text))


def _add_codes(entry: ActorEntry, codes: list[re.Match], problem) -> None:
    for m in codes:
        try:
            code, rng = parse_restriction(m.group(1))
        except ValueError as e:
            problem(f"{e}; this code is ignored")
            continue
        if rng is None:
            entry.default_code = code
        else:
            entry.ranges.append(rng)
