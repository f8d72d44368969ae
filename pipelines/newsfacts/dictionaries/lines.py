"""Reading a dictionary file as numbered lines, with every defect recorded as a Problem.

A line that is not valid UTF-8 is decoded as Windows-1252 (the encoding of the TABARI-era
files these dictionaries descend from; Latin-1 for the five bytes it leaves undefined) and
kept, with a problem: dropping it would also move the `+` synonyms and date lines that
follow it onto the previous record. Control characters and U+FFFD (bytes lost before the
file reached us) are kept as written and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One defect of a dictionary file: where it is, what is wrong, and what the reader did."""

    file: str
    line: int
    message: str
    text: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" + (f": {self.text.strip()!r}" if self.text.strip() else "")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")


def decode_line(raw: bytes) -> tuple[str, str | None]:
    """The text of one line and, when it was not valid UTF-8, why."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as e:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        return text, f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1}); read as Windows-1252"


def numbered_lines(data: bytes, file: str, problems: list[Problem]) -> Iterator[tuple[int, str]]:
    """(line number, text) of every line that is not blank or a comment.

    Comments: `<!-- ... -->` (also over several lines) and, for a caller to strip, `#`."""
    try:
        lines = data.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        lines = []
        for number, raw in enumerate(data.split(b"\n"), 1):
            text, error = decode_line(raw)
            if error:
                problems.append(Problem(file, number, error, text.rstrip("\r")))
            lines.append(text)
    bad_lines = set()
    for m in _CONTROL.finditer("\n".join(lines).replace("\r\n", "\n")):
        bad_lines.add(m.group())
    in_comment = False
    for number, text in enumerate(lines, 1):
        if text.endswith("\r"):
            text = text[:-1]
        if bad_lines:
            bad = _CONTROL.search(text)
            if bad:
                problems.append(
                    Problem(
                        file,
                        number,
                        f"character U+{ord(bad.group()):04X} (a byte lost before "
                        f"this copy of the file); kept as written",
                        text,
                    )
                )
        stripped = text.strip()
        if in_comment:
            in_comment = "-->" not in stripped
            continue
        if not stripped or stripped[0] == "#":
            continue
        if stripped.startswith("<!"):
            in_comment = "-->" not in stripped[2:]
            continue
        yield number, text


def strip_comment(text: str, markers: str = "#") -> str:
    """The line before its first comment marker."""
    cut = len(text)
    for m in markers:
        i = text.find(m)
        if i != -1:
            cut = min(cut, i)
    return text[:cut]
