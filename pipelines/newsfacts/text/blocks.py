"""The layout of an article body: paragraphs, headings and the title line.

A paragraph ends at a blank line, and also at a single line break unless the
text is hard-wrapped (most lines broken mid-sentence, as in e-mail or wire
copy), where single breaks are only wraps. A short line with no final
punctuation between paragraphs is a heading; the first one is the title.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from newsfacts.text.spans import trim

_TERMINAL = set(".!?…:;,")
_CLOSERS = set("\"'”’»)]}")
MAX_HEADING_CHARS = 120
MAX_HEADING_WORDS = 20


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or title, as trimmed raw offsets."""

    start: int
    end: int
    kind: str  # "paragraph", "heading" or "title"


def _lines(text: str, start: int, end: int) -> list[tuple[int, int] | None]:
    """Lines of text[start:end] as trimmed offsets; None for each run of blank lines."""
    out: list[tuple[int, int] | None] = []
    pos = start
    for line in text[start:end].split("\n"):
        a, b = trim(text, pos, pos + len(line))
        pos += len(line) + 1
        if b > a:
            out.append((a, b))
        elif out and out[-1] is not None:
            out.append(None)
    return out


def ends_with_terminal(s: str) -> bool:
    """True when s ends like a sentence: . ! ? … : ; , before any closing quotes or brackets."""
    s = s.rstrip()
    while s and s[-1] in _CLOSERS:
        s = s[:-1].rstrip()
    return bool(s) and s[-1] in _TERMINAL


def is_hard_wrapped(text: str, lines: list) -> bool:
    """Most lines that run on into a next line break off mid-sentence."""
    runs_on = [cur for cur, nxt in pairwise(lines) if cur is not None and nxt is not None]
    if len(runs_on) < 3:
        return False
    mid_sentence = sum(1 for a, b in runs_on if not ends_with_terminal(text[a:b]))
    long_lines = sum(1 for a, b in runs_on if b - a >= 40)
    return mid_sentence >= 0.6 * len(runs_on) and long_lines >= 0.6 * len(runs_on)


def looks_like_heading(s: str) -> bool:
    return (
        len(s) <= MAX_HEADING_CHARS
        and len(s.split()) <= MAX_HEADING_WORDS
        and not ends_with_terminal(s)
        and any(ch.isalnum() for ch in s)
    )


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).strip("\"'“”‘’").lower() == " ".join(b.split()).strip("\"'“”‘’").lower()


def split_blocks(text: str, body_start: int = 0, title: str | None = None) -> list[Block]:
    """Paragraphs, headings and title of text[body_start:], in document order."""
    lines = _lines(text, body_start, len(text))
    wrapped = is_hard_wrapped(text, lines)
    spans: list[tuple[int, int, bool]] = []  # start, end, single line
    current: list[tuple[int, int]] = []

    def flush():
        if current:
            spans.append((current[0][0], current[-1][1], len(current) == 1))
            current.clear()

    for line in lines:
        if line is None:
            flush()
            continue
        if wrapped:
            # A heading-like first line of a block stays on its own.
            if (
                len(current) == 1
                and looks_like_heading(text[current[0][0] : current[0][1]])
                and len(text[current[0][0] : current[0][1]]) < 0.6 * (line[1] - line[0])
            ):
                flush()
            current.append(line)
        else:
            current.append(line)
            flush()
    flush()

    blocks: list[Block] = []
    for i, (a, b, single) in enumerate(spans):
        s = text[a:b]
        kind = "paragraph"
        if i == 0 and title and _same_words(s, title):
            kind = "title"
        elif single and looks_like_heading(s) and i < len(spans) - 1:
            kind = "title" if i == 0 and not title else "heading"
        blocks.append(Block(a, b, kind))
    return blocks
