"""Agent dictionaries: roles that combine with an actor's code.

    POLICE {} [~COP]                      `~CODE`: appended after the actor code (IRQ -> IRQCOP);
    HUMAN_RIGHTS_BODY [NGO~]              `CODE~`: put before it (IRQ -> NGOIRQ)
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL}  an irregular plural; `{}` none; otherwise the regular
                                          plural of the last word is made (trailing `_` or not)
    !PERSON! = MAN, MEN, WOMAN            a substitution set: CONGRESS!PERSON! is CONGRESSMAN,
                                          CONGRESSMEN, ... (no further plurals)

In agent phrases a blank between words lets other words come between; `_` does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from newsfacts.dictionaries.lines import Problem, numbered_lines, strip_comment
from newsfacts.dictionaries.phrases import Phrase, PhraseEntries, parse_phrase, plural

_MARKER_DEF = re.compile(r"^!([^!\s]+)!\s*=\s*(.*)$")
_MARKER_USE = re.compile(r"!([^!\s]*)!")


class AgentPosition(StrEnum):
    SUFFIX = "suffix"  # [~COP]
    PREFIX = "prefix"  # [NGO~]


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """One agent line: its code, where the code goes, and every phrase it names."""

    code: str
    position: AgentPosition
    phrases: tuple[Phrase, ...]
    file: str
    line: int

    def combine(self, actor_code: str | None) -> str:
        """The code of this agent attached to an actor's code (alone when there is none)."""
        base = actor_code or ""
        return base + self.code if self.position == AgentPosition.SUFFIX else self.code + base


@dataclass
class AgentDictionary(PhraseEntries[AgentEntry]):
    """Agent entries by phrase (plurals and substitutions included); a later entry wins a phrase."""

    markers: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def merge(self, other: AgentDictionary) -> None:
        self.markers.update(other.markers)
        for e in other.entries:
            self.add(e)


def read_agents(data: bytes, file: str, problems: list[Problem]) -> AgentDictionary:
    d = AgentDictionary()
    for number, text in numbered_lines(data, file, problems):

        def problem(message: str, number: int = number, text: str = text) -> None:
            problems.append(Problem(file, number, message, text))

        line = strip_comment(text).strip()
        if not line:
            continue
        marker = _MARKER_DEF.match(line)
        if marker:
            items = tuple(i.strip() for i in marker.group(2).split(",") if i.strip())
            if not items:
                problem("substitution set without items; ignored")
            else:
                d.markers[marker.group(1).upper()] = items
            continue
        start = line.find("[")
        if start == -1:
            problem("agent without a [code]; ignored")
            continue
        end = line.find("]", start)
        if end == -1:
            end = line.find("}", start)  # `[~LEG}`, as the format's own example writes it
            if end == -1:
                problem("'[' without ']'; agent ignored")
                continue
            problem("code closed with '}' instead of ']'; read as written")
        if line[end + 1 :].strip():
            problem(f"text after the code ignored: {line[end + 1 :].strip()!r}")
        raw_code = line[start + 1 : end].replace(" ", "")
        if raw_code.startswith("~") and len(raw_code) > 1 and "~" not in raw_code[1:]:
            code, position = raw_code[1:], AgentPosition.SUFFIX
        elif raw_code.endswith("~") and len(raw_code) > 1 and "~" not in raw_code[:-1]:
            code, position = raw_code[:-1], AgentPosition.PREFIX
        else:
            problem(f"agent code [{raw_code}] has no single leading or trailing '~'; agent ignored")
            continue
        written = line[:start]
        plural_written: str | None = None
        if "{" in written:
            written, _, braced = written.partition("{")
            inner, closed, after = braced.partition("}")
            if not closed or after.strip():
                problem("malformed plural '{...}'; agent ignored")
                continue
            plural_written = inner.strip()
        phrases = _expand(written, plural_written, d.markers, problem)
        if phrases:
            d.add(AgentEntry(code, position, tuple(phrases), file, number))
    return d


def _expand(written: str, plural_written: str | None, markers: dict[str, tuple[str, ...]], problem) -> list[Phrase]:
    used = _MARKER_USE.findall(written)
    if used:
        name = used[0].upper()
        if name not in markers:
            problem(f"substitution set !{name}! is not defined; agent ignored")
            return []
        out: list[Phrase] = []
        for item in markers[name]:
            out.extend(_expand(_MARKER_USE.sub(item, written, count=1), "", markers, problem))
        return out
    phrase = parse_phrase(written)
    if phrase is None:
        problem("agent without a phrase; ignored")
        return []
    out = [phrase]
    if plural_written is None:
        out.append(phrase.with_last(plural(phrase.words[-1])))
    elif plural_written:
        extra = parse_phrase(plural_written)
        if extra is not None:
            out.append(extra)
    return out
