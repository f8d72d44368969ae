"""Sentence boundaries: a statistical proposal refined by rules news copy needs.

spaCy's `senter` proposes boundaries quickly and well; these rules then undo
the splits it gets wrong in news text: after titles ("Gen.", "Sgt."), before
numbers ("Jan. 5"), inside brackets, and before a piece that starts in lower
case, continues a number or holds no word at all. Each rule is a plain
function over the paragraph string and candidate boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache

from newsfacts import lexicons
from newsfacts.text.spans import trim

# A bracketed aside longer than this is no aside: a stray bracket must not glue sentences together.
MAX_BRACKET_CHARS = 400
# Longer "sentences" (tables, lists without stops) are cut at white space so the parser stays fast.
MAX_SENTENCE_CHARS = 3000
@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    return {row["abbreviation"]: row["kind"] for row in lexicons.read_csv("abbreviations.csv")}


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"(\S+)\s*$", text[max(0, pos - 40):pos])  # a bounded look back: long paragraphs stay linear
    return m.group(1) if m else ""


def _after_title_abbreviation(text: str, start: int, pos: int) -> bool:
    word = _word_before(text, pos)
    kind = abbreviations().get(word)
    nxt = text[pos:pos + 1]
    if kind == "title":
        return nxt.isupper()
    if kind == "before_number":
        return nxt.isdigit()
    return False


def _inside_brackets(text: str, start: int, pos: int) -> bool:
    """An opened bracket of this sentence closes only after pos (looked for within a few hundred characters)."""
    depth = 0
    for ch in text[max(start, pos - MAX_BRACKET_CHARS):pos]:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    return depth > 0 and re.search(r"[)\]]", text[pos:pos + MAX_BRACKET_CHARS]) is not None


def _no_word_follows(text: str, start: int, pos: int, end: int) -> bool:
    return not any(ch.isalnum() for ch in text[pos:end])


def _continues_lowercase(text: str, start: int, pos: int) -> bool:
    """The next piece starts in lower case or with a hyphen: "Example. com", "p. m. Monday", "-based"."""
    nxt = text[pos:pos + 1]
    return nxt.islower() or nxt in "-–,;:%)"


def _split_number(text: str, start: int, pos: int) -> bool:
    """A decimal number spaced apart: "averaged 21. 7 points"."""
    return bool(re.search(r"\d\.\s*$", text[start:pos])) and text[pos:pos + 1].isdigit()


MergeRule = Callable[[str, int, int], bool]
MERGE_RULES: dict[str, MergeRule] = {
    "title_abbreviation": _after_title_abbreviation,
    "inside_brackets": _inside_brackets,
    "continues_lowercase": _continues_lowercase,
    "split_number": _split_number,
}


def refine_boundaries(text: str, starts: Sequence[int]) -> list[int]:
    """Sentence start offsets after the merge rules; starts[0] is the paragraph start."""
    if not starts:
        return []
    bounds = list(starts) + [len(text)]
    kept = [bounds[0]]
    for k in range(1, len(bounds) - 1):
        pos, sentence_start, next_end = bounds[k], kept[-1], bounds[k + 1]
        if any(rule(text, sentence_start, pos) for rule in MERGE_RULES.values()):
            continue
        if _no_word_follows(text, sentence_start, pos, next_end):
            continue
        kept.append(pos)
    return kept


def spans_from_starts(text: str, starts: Sequence[int]) -> list[tuple[int, int]]:
    """[start, end) of each sentence, trimmed of white space, none longer than MAX_SENTENCE_CHARS."""
    spans = []
    bounds = list(starts) + [len(text)]
    for a, b in zip(bounds, bounds[1:]):
        for piece in _cut_long(text, *trim(text, a, b)):
            if piece[1] > piece[0]:
                spans.append(piece)
    return spans


def _cut_long(text: str, a: int, b: int) -> list[tuple[int, int]]:
    pieces = []
    while b - a > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", a + MAX_SENTENCE_CHARS // 2, a + MAX_SENTENCE_CHARS)
        cut = cut if cut > a else a + MAX_SENTENCE_CHARS
        pieces.append(trim(text, a, cut))
        a = cut
    pieces.append(trim(text, a, b))
    return pieces


class SentenceSplitter:
    """Splits paragraphs into sentences with spaCy's senter plus the merge rules."""

    def __init__(self, nlp, batch_size: int = 256):
        self.nlp = nlp
        self.batch_size = batch_size

    def split(self, paragraphs: Iterable[str]) -> Iterator[list[tuple[int, int]]]:
        with self.nlp.select_pipes(enable=["senter"]):
            for doc in self.nlp.pipe(paragraphs, batch_size=self.batch_size):
                starts = [s.start_char for s in doc.sents]
                yield spans_from_starts(doc.text, refine_boundaries(doc.text, starts))
