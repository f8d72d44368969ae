"""Text cleaning that never loses track of where a character came from.

Every span newsfacts stores counts code points into the raw file, but the NLP
sees cleaned text (NFC, no control or zero-width characters, one space for
any run of white space, typographic double quotes made consistent). A
`CleanText` keeps, for each cleaned character, the raw range it came from, so
any span found in the cleaned text maps back exactly.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

# Double quotation marks that are not the ASCII mark or the English curly pair:
# mapped to “ or ” so that quote matching sees one consistent pair of marks.
_OPENING_QUOTES = {"„": "“", "‟": "“", "〝": "“", "＂": '"'}
_CLOSING_QUOTES = {"〞": "”", "〟": "”"}
# Two ASCII characters standing for one typographic quote (TeX and some wire feeds).
_DIGRAPH_QUOTES = {"``": "“", "''": "”"}


@dataclass(frozen=True)
class CleanText:
    """Cleaned text plus, for each character, its [start, end) in the raw text.

    The offsets are a range where cleaning changed nothing, else a machine-integer array: a tuple of
    Python ints costs ~70 bytes a character, which a long article's sentences held for its parse
    made the biggest part of the run's memory."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def raw_span(self, i: int, j: int) -> tuple[int, int]:
        """Raw [start, end) of the cleaned span [i, j); j > i."""
        return self.starts[i], self.ends[j - 1]


def _needs_no_cleaning(segment: str) -> bool:
    return (
        segment.isascii()
        and segment.isprintable()
        and "  " not in segment
        and "``" not in segment
        and "''" not in segment
        and segment == segment.strip()
    )


_NOT_SPACE = re.compile(r"\S")


def _is_dropped(ch: str) -> bool:
    """Control and format characters (zero-width space, soft hyphen, BOM, bidi marks)."""
    if ch in "\n\t\r":
        return False
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Cf", "Cs", "Co")


def _is_space(ch: str) -> bool:
    return ch.isspace()


def clean_span(raw: str, start: int = 0, end: int | None = None) -> CleanText:
    """Clean raw[start:end]: NFC, dropped control/format characters, collapsed and
    stripped white space, consistent double quotes. Offsets refer to `raw`."""
    end = len(raw) if end is None else end
    segment = raw[start:end]
    if _needs_no_cleaning(segment):
        return CleanText(segment, range(start, end), range(start + 1, end + 1))

    out: list[str] = []
    starts = array("q")
    ends = array("q")
    pending_space: tuple[int, int] | None = None

    def emit(text: str, a: int, b: int) -> None:
        nonlocal pending_space
        if pending_space is not None and out:
            out.append(" ")
            starts.append(pending_space[0])
            ends.append(pending_space[1])
        pending_space = None
        for ch in text:
            out.append(ch)
            starts.append(a)
            ends.append(b)

    i = start
    while i < end:
        ch = raw[i]
        pair = raw[i : i + 2]
        if pair in _DIGRAPH_QUOTES and i + 2 <= end:
            emit(_DIGRAPH_QUOTES[pair], i, i + 2)
            i += 2
            continue
        if _is_space(ch):
            if pending_space is None:
                pending_space = (i, i + 1)
            i += 1
            continue
        if _is_dropped(ch):
            i += 1
            continue
        # A base character with its combining marks is one unit for NFC.
        j = i + 1
        while j < end and unicodedata.combining(raw[j]):
            j += 1
        cluster = raw[i:j]
        if ch in _OPENING_QUOTES:
            cluster = _OPENING_QUOTES[ch]
        elif ch in _CLOSING_QUOTES:
            cluster = _CLOSING_QUOTES[ch]
        elif not cluster.isascii():
            cluster = unicodedata.normalize("NFC", cluster)
        emit(cluster, i, j)
        i = j
    return CleanText("".join(out), starts, ends)


def has_visible_text(raw: str, start: int = 0) -> bool:
    """raw[start:] has a character cleaning keeps, i.e. clean_span(raw, start).text is not empty
    (found without cleaning the whole text: it stops at the first such character)."""
    return any(not _is_dropped(m.group()) for m in _NOT_SPACE.finditer(raw, start))


def clean_text(raw: str) -> str:
    """The cleaned string alone (for titles and other metadata values)."""
    return clean_span(raw).text
