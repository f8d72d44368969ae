"""Sentence boundaries: a statistical proposal refined by rules news copy needs.

spaCy's `senter` proposes boundaries quickly and well; these rules then undo
the splits it gets wrong in news text: after titles ("Gen.", "Sgt."), before
numbers ("Jan. 5"), inside brackets, and before a piece that starts in lower
case, continues a number or holds no word at all. Each rule is a plain
function over the paragraph string and candidate boundaries.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import pairwise

from newsfacts import lexicon_files
from newsfacts.text.spans import trim

# A bracketed aside longer than this is no aside: a stray bracket must not glue sentences together.
MAX_BRACKET_CHARS = 400
# Longer "sentences" (tables, lists without stops) are cut at white space so the parser stays fast.
MAX_SENTENCE_CHARS = 3000
# The senter reads a paragraph as one document; a longer one (a file without line breaks) is read in
# windows cut after a sentence end, so its memory stays bounded whatever the paragraph's length.
MAX_WINDOW_CHARS = 100_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    return {row["abbreviation"]: row["kind"] for row in lexicon_files.read_csv("abbreviations.csv")}


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"(\S+)\s*$", text[max(0, pos - 40) : pos])  # a bounded look back: long paragraphs stay linear
    return m.group(1) if m else ""


def _after_title_abbreviation(text: str, start: int, pos: int) -> bool:
    word = _word_before(text, pos)
    kind = abbreviations().get(word)
    nxt = text[pos : pos + 1]
    if kind == "title":
        return nxt.isupper()
    if kind == "before_number":
        return nxt.isdigit()
    return False


def _inside_brackets(text: str, start: int, pos: int) -> bool:
    """An opened bracket of this sentence closes only after pos (looked for within a few hundred characters)."""
    before = text[max(start, pos - MAX_BRACKET_CHARS) : pos]
    if "(" not in before and "[" not in before:
        return False
    depth = 0
    for ch in before:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    return depth > 0 and re.search(r"[)\]]", text[pos : pos + MAX_BRACKET_CHARS]) is not None


def _no_word_follows(text: str, start: int, pos: int, end: int) -> bool:
    return not any(ch.isalnum() for ch in text[pos:end])


def _continues_lowercase(text: str, start: int, pos: int) -> bool:
    """The next piece starts in lower case or with a hyphen: "Example. com", "p. m. Monday", "-based"."""
    nxt = text[pos : pos + 1]
    return nxt.islower() or nxt in "-–,;:%)"


def _split_number(text: str, start: int, pos: int) -> bool:
    """A decimal number spaced apart: "averaged 21. 7 points"."""
    if not text[pos : pos + 1].isdigit():
        return False
    # A bounded look back, like _word_before: the sentence start stays put while boundaries merge.
    return bool(re.search(r"\d\.\s*$", text[max(start, pos - 40) : pos]))


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
    for a, b in pairwise(bounds):
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


def window_starts(text: str, size: int = MAX_WINDOW_CHARS) -> list[int]:
    """Start offsets of windows of at most `size` characters covering text: each cut falls after the
    last sentence end of the window's second half, else at its last white space, else at `size`."""
    starts = [0]
    while len(text) - starts[-1] > size:
        a = starts[-1]
        lo, hi = a + size // 2, a + size
        cut = None
        for pattern in (_SENTENCE_END, _SPACE):
            for m in pattern.finditer(text, lo, hi):
                cut = m.end()
            if cut is not None:
                break
        starts.append(cut if cut is not None else hi)
    return starts


class SentenceSplitter:
    """Splits paragraphs into sentences with spaCy's senter plus the merge rules."""

    def __init__(self, nlp, batch_size: int = 256, window_chars: int = MAX_WINDOW_CHARS):
        self.nlp = nlp
        self.batch_size = batch_size
        self.window_chars = window_chars

    def split(self, paragraphs: Iterable[str]) -> Iterator[list[tuple[int, int]]]:
        pending: deque[tuple[str, list[int]]] = deque()  # paragraphs whose windows are in the pipe

        def windows() -> Iterator[str]:
            for text in paragraphs:
                starts = window_starts(text, self.window_chars)
                pending.append((text, starts))
                for a, b in pairwise([*starts, len(text)]):
                    yield text[a:b]

        with self.nlp.select_pipes(enable=["senter"]):
            docs = iter(self.nlp.pipe(windows(), batch_size=self.batch_size))
            for doc in docs:
                text, offsets = pending.popleft()
                starts = [s.start_char for s in doc.sents]
                for a in offsets[1:]:
                    starts.extend(a + s.start_char for s in next(docs).sents)
                yield spans_from_starts(text, refine_boundaries(text, starts))
