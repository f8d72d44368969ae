"""Direct quotations and who said them.

Quotation marks are paired across an article's sentences: curly or straight,
mixed (“...") as news copy often has them, and nested (an inner quotation
inside an outer one is part of the outer). A quotation still open at the end
of a paragraph ends there, as multi-paragraph quotes do. Capitalised titles
and names in quotation marks ("Meet the Press") are not quotations; fewer than
three quoted words are one only inside what someone is said to say ("Lane
called the plan “reckless”"), else they are scare quotes.

The speaker is the subject of the reporting verb the quotation's clause hangs
on, the outermost one ("Lane said voters think “...”" is Lane's), or the
object of "according to"; never a word of the quotation. A frame the parser
split into a sentence of its own ("“...?” Lane asked.", "Lane released a
statement: “...”") counts; a quotation that stands alone is the turn of who
the sentence before it in its paragraph has speak ("Moss agreed. “...”"), else
continues the previous speaker's. A speaker is a phrase of words:
leftover markup or code in a plain-text article (`<script>alert(5)</script>`)
is never one, and the quotation then has no speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from newsfacts import lexicon_files
from newsfacts.events.arguments import ArgumentResolver, MentionRef, phrase_span
from newsfacts.events.syntax import children, subject_token
from newsfacts.nlp.doc import ParsedArticle, Sentence
from newsfacts.text.cleaning import clean_span

OPENING = "“«„"
CLOSING = "”»"
MIN_QUOTE_WORDS = 3
_OPEN_CONTEXT = set(" \t\n([{—–-/")
# The links from a reported clause up to the verb reporting it ("said [that X is "..."]").
_REPORTED_CLAUSE = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis", "acomp", "attr", "oprd"})
# Links up from a verb without a subject of its own to the verb whose subject does it.
_SUBJECTLESS_LINKS = frozenset({"advcl", "pcomp", "prep", "xcomp", "conj", "acl"})
_MAX_CLIMB = 4
_BLANKS = re.compile(r"\s*")
_MAX_TITLE_WORDS = 8
_TITLE_SMALL_WORDS = frozenset("a an the of and or for with to in on at by from as vs de la".split())
_MAX_FRAME_TOKENS = 12  # "said Jane Doe, a spokeswoman for the group." and no more
# Words and the marks names carry (U.S., O'Brien, al-Sadr, AT&T); brackets, slashes, semicolons or
# equals signs make it markup or code ("alert(5)</script>"), not a speaker.
_SPEAKER_WORDS = re.compile(r"[\w.,'’&-]+(?:\s+[\w.,'’&-]+)*")
# An HTML or XML tag left in the text: words inside it ("script") are markup too.
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")


@dataclass
class Quote:
    sentence_idx: int
    char_start: int  # raw, quote marks excluded
    char_end: int
    text: str
    speaker: MentionRef | None = None
    speaker_span: tuple[int, int] | None = None  # raw span of the speaker's words
    speaker_text: str | None = None
    cue_verb: str | None = None
    paragraph: int = 0


def _mark_kind(text: str, i: int) -> str | None:
    ch = text[i]
    if ch in OPENING:
        return "open"
    if ch in CLOSING:
        return "close"
    if ch != '"':
        return None
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before in _OPEN_CONTEXT or before in OPENING:
        return "open"
    if after.isspace() or after in ".,;:!?)]}" or after in CLOSING:
        return "close"
    return "either"


def quoted_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Raw (start, end) of the outermost quotations, marks excluded, paragraph by paragraph."""
    spans = []
    for a, b in paragraphs:
        depth, open_at, outer_style = 0, None, None
        for i in range(a, b):
            kind = _mark_kind(text, i)
            if kind is None:
                continue
            style = "straight" if text[i] == '"' else "curly"
            if depth == 0:
                if kind in ("open", "either"):
                    depth, open_at, outer_style = 1, i, style
            elif depth == 1:
                if kind == "open" and style != outer_style:
                    depth = 2  # a quotation inside the quotation
                elif kind in ("close", "either"):
                    assert open_at is not None  # depth 1 began at an opening mark
                    spans.append((open_at + 1, i))
                    depth = 0
            else:  # depth 2: only the inner closing mark brings us back
                if kind in ("close", "either"):
                    depth = 1
        if depth and open_at is not None and b > open_at + 1:
            spans.append((open_at + 1, b))
    return spans


class _SentencesByOffset:
    """Non-empty sentences in text order, found by character offset with a binary search (a scan
    per quotation would grow with the square of a long article)."""

    def __init__(self, sentences: list[Sentence]):
        self.sentences = sorted((s for s in sentences if len(s)), key=lambda s: s.starts[0])
        self.ends = [s.ends[-1] for s in self.sentences]

    def overlapping(self, a: int, b: int) -> list[Sentence]:
        """Sentences with a character in [a, b), in order."""
        out = []
        i = bisect.bisect_right(self.ends, a)
        while i < len(self.sentences) and self.sentences[i].starts[0] < b:
            out.append(self.sentences[i])
            i += 1
        return out

    def at(self, a: int) -> Sentence | None:
        """The first sentence that holds offset a or ends right before it."""
        i = bisect.bisect_left(self.ends, a)
        if i < len(self.sentences) and self.sentences[i].starts[0] <= a:
            return self.sentences[i]
        return None


def _spans_overlapping(spans: list[tuple[int, int]], span_ends: list[int], a: int, b: int) -> list[tuple[int, int]]:
    """The spans (in order, not overlapping one another) with a character in [a, b)."""
    i = bisect.bisect_right(span_ends, a)
    out = []
    while i < len(spans) and spans[i][0] < b:
        out.append(spans[i])
        i += 1
    return out


def _tokens_inside(s: Sentence, a: int, b: int) -> list[int]:
    return [i for i in range(len(s)) if a <= s.starts[i] and s.ends[i] <= b]


def _cue_verb(
    s: Sentence, inside: list[int], reporting: set[str], quoted: AbstractSet[int] = frozenset()
) -> int | None:
    """The verb outside the quotation that the quoted words hang on (never one inside another
    quotation of the sentence)."""
    inside_set = set(inside)
    for t in inside:
        if s.heads[t] in inside_set or s.heads[t] == t:
            continue
        v = s.heads[t]
        while v not in inside_set and v not in quoted and s.pos[v] not in ("VERB", "AUX") and s.heads[v] != v:
            v = s.heads[v]
        if v not in inside_set and v not in quoted and s.pos[v] in ("VERB", "AUX"):
            return v
    # The quotation is the sentence's root and the speech verb hangs on it ('"...", he said.').
    for t in range(len(s)):
        if (
            t not in inside_set
            and t not in quoted
            and s.pos[t] == "VERB"
            and s.lemmas[t].lower() in reporting
            and (s.heads[t] in inside_set or s.deps[t] == "ROOT")
        ):
            return t
    return None


def is_speaker_phrase(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] can name a speaker: words, with a letter, and no part of a markup tag."""
    words = text[start:end]
    if not _SPEAKER_WORDS.fullmatch(words) or not any(c.isalpha() for c in words):
        return False
    # a tag around the words ("<script>"): tags are looked for on the words' line
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not any(m.start() < end and start < m.end() for m in _TAG.finditer(text, line_start, line_end))


def _reporting_frame(s: Sentence, v: int, reporting: set[str], outside: AbstractSet[int]) -> int | None:
    """The outermost reporting verb whose reported clause holds verb v, v itself if it reports and none
    does above it: in 'Mr. X said a majority have come to believe "..."' the quotation hangs on
    "believe", but X said it."""
    frame = v if s.lemmas[v].lower() in reporting else None
    t = v
    while s.deps[t] in _REPORTED_CLAUSE and s.heads[t] != t and s.heads[t] not in outside:
        t = s.heads[t]
        if s.pos[t] in ("VERB", "AUX") and s.lemmas[t].lower() in reporting:
            frame = t
    return frame


def _speaker_token(s: Sentence, verb: int) -> int | None:
    """The subject of the reporting verb; for "according to X", X."""
    if s.lemmas[verb].lower() == "accord":
        return next((o for p in children(s, verb, "prep") for o in children(s, p, "pobj")), None)
    # "..., according to Y" on the reporting verb: Y is who the words are attributed to.
    for c in children(s, verb, "prep", "advcl"):
        if s.lemmas[c].lower() == "accord":
            source = _speaker_token(s, c)
            if source is not None:
                return source
    noun = s.heads[verb]
    if s.deps[verb] == "acl" and s.deps[noun] in ("dobj", "pobj") and not children(s, verb, "nsubj"):
        # "Trump posted a message reading “...”", "emailed supporters saying “...”": who posted it speaks
        gov = s.heads[noun] if s.deps[noun] == "dobj" else s.heads[s.heads[noun]]
        if s.pos[gov] in ("VERB", "AUX"):
            subj = subject_token(s, gov)
            if subj is not None:
                return subj
    subj = subject_token(s, verb)
    t = verb
    for _ in range(_MAX_CLIMB):
        # "responded by calling him “dopey”": who responded calls him so
        if subj is not None or s.deps[t] not in _SUBJECTLESS_LINKS or s.heads[t] == t:
            break
        t = s.heads[t]
        if s.pos[t] in ("VERB", "AUX"):
            subj = subject_token(s, t)
    return subj


def is_title_like(text: str, a: int, b: int) -> bool:
    """Whether the quoted words are a capitalised name or title ("Meet the Press", "Man of the World")
    standing inside a sentence rather than speech: every word capitalised but the small words of
    titles, and no comma or colon setting them off as what someone said."""
    words = re.findall(r"[\w’'&-]+", text[a:b])
    if not words or len(words) > _MAX_TITLE_WORDS:
        return False
    if not all(w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words):
        return False
    if not any(w[0].isupper() for w in words):
        return False
    before = text[: a - 1].rstrip()
    after = text[b + 1 :].lstrip()
    set_off = text[a:b].rstrip().endswith((",", "!", "?")) or after.startswith(",")
    if before.endswith((":", ",")) or (set_off and (not before or before.endswith((".", "!", "?", "\n")))):
        return False
    return True


def _frame_beside(
    sentences: _SentencesByOffset, article: ParsedArticle, a: int, b: int, reporting: set[str]
) -> tuple[Sentence, int] | None:
    """A reporting verb in a sentence of its own right after the quotation ('“...?” Sanders replied.')
    or right before it, ending in a colon ('Sullivan said: “...”'), when the parser split them."""
    next_word = _BLANKS.match(article.text, b + 1).end()  # type: ignore[union-attr]  # \s* always matches
    after = sentences.at(next_word)
    if after is not None and after.starts[0] == next_word:
        root = next((t for t in range(len(after)) if after.heads[t] == t), None)
        if (
            root is not None
            and len(after) <= _MAX_FRAME_TOKENS
            and after.lemmas[root].lower() in reporting
            and not children(after, root, "ccomp", "dobj")
        ):
            return after, root
    before = sentences.at(max(0, a - 2))
    if before is not None and before.ends[-1] <= a and article.text[before.starts[0] : a - 1].rstrip().endswith(":"):
        # "X released the following statement:" sets up the quotation as much as "X said:"
        verbs = [t for t in range(len(before)) if before.pos[t] == "VERB" and before.lemmas[t].lower() in reporting]
        root = next((t for t in range(len(before)) if before.heads[t] == t), None)
        if verbs:
            return before, verbs[0]
        if root is not None:
            return before, root
    return None


def _turn_before(
    sentences: _SentencesByOffset,
    article: ParsedArticle,
    a: int,
    b: int,
    spans: list[tuple[int, int]],
    span_ends: list[int],
    paragraph_of: dict[int, int],
    reporting: set[str],
) -> tuple[Sentence, int] | None:
    """A quotation standing alone after a sentence of the same paragraph that says who speaks next
    ('Bystrom agreed. “...”', 'Todd asked the candidate. “...”'): that sentence's reporting verb, so a
    new turn of a dialogue is not given to the previous quotation's speaker."""
    before = sentences.at(max(0, a - 2))
    start = sentences.at(a)
    if before is None or start is None or before.ends[-1] > a or before is start:
        return None
    if paragraph_of.get(before.idx, before.idx) != paragraph_of.get(start.idx, start.idx):
        return None
    if _spans_overlapping(spans, span_ends, before.starts[0], before.ends[-1]):
        return None  # the sentence before is itself quoted speech
    root = next((t for t in range(len(before)) if before.heads[t] == t), None)
    if root is None or before.lemmas[root].lower() not in reporting or subject_token(before, root) is None:
        return None
    return before, root


def find_quotes(
    article: ParsedArticle, paragraph_of: dict[int, int], resolver: ArgumentResolver, reporting: set[str]
) -> list[Quote]:
    reporting = reporting | {r["lemma"] for r in lexicon_files.read_csv("quote_frame_verbs.csv")}
    sentences = [s for s in article.sentences if s.kind == "sentence" and len(s)]
    paragraphs: dict[int, list[Sentence]] = {}
    for s in sentences:
        paragraphs.setdefault(paragraph_of.get(s.idx, s.idx), []).append(s)
    bounds = [(ss[0].starts[0], ss[-1].ends[-1]) for ss in paragraphs.values()]
    quotes: list[Quote] = []
    previous: Quote | None = None
    spans = quoted_spans(article.text, bounds)
    span_ends = [y for _, y in spans]
    by_offset = _SentencesByOffset(sentences)
    for a, b in spans:
        text = clean_span(article.text, a, b).text
        short = len(re.findall(r"\w+(?:[-’']\w+)*", text)) < MIN_QUOTE_WORDS
        if is_title_like(article.text, a, b):
            continue
        start_sentence = by_offset.at(a)
        if start_sentence is None:
            continue
        q = Quote(start_sentence.idx, a, b, text, paragraph=paragraph_of.get(start_sentence.idx, 0))
        frame: tuple[Sentence, int, set[int]] | None = None
        for s in by_offset.overlapping(a, b):
            inside = _tokens_inside(s, a, b)
            others = _spans_overlapping(spans, span_ends, s.starts[0], s.ends[-1])
            quoted = {t for x, y in others if (x, y) != (a, b) for t in _tokens_inside(s, x, y)}
            verb = _cue_verb(s, inside, reporting, quoted) if inside else None
            if verb is not None:
                reporter = _reporting_frame(s, verb, reporting, set(inside) | quoted)
                frame = (s, verb if reporter is None else reporter, set(inside) | quoted)
                break
        if frame is None and not short:
            beside = _frame_beside(by_offset, article, a, b, reporting)
            if beside is None:
                beside = _turn_before(by_offset, article, a, b, spans, span_ends, paragraph_of, reporting)
            if beside is not None:
                frame = (beside[0], beside[1], set())
        if short and (frame is None or frame[0].lemmas[frame[1]].lower() not in reporting):
            continue  # a word or two in quotation marks is a quotation only in what someone is said to say
        if frame is not None:
            s, verb, in_quotes = frame
            q.cue_verb = s.words[verb]
            subj = _speaker_token(s, verb)
            if subj is not None and subj not in in_quotes:  # a word of the quotation never speaks it
                q.speaker = resolver.resolve(s.idx, subj)
                if (
                    q.speaker is not None
                    and q.speaker.sentence_idx == s.idx
                    and q.speaker.start <= subj < q.speaker.end
                ):
                    lo, hi = q.speaker.start, q.speaker.end
                else:
                    lo, hi = phrase_span(s, subj)
                if is_speaker_phrase(article.text, s.starts[lo], s.ends[hi - 1]):
                    q.speaker_span = (s.starts[lo], s.ends[hi - 1])
                    q.speaker_text = article.text[q.speaker_span[0] : q.speaker_span[1]]
                else:
                    q.speaker = None
        if q.cue_verb is None and previous is not None and previous.paragraph >= q.paragraph - 1:
            q.speaker, q.speaker_span, q.speaker_text, q.cue_verb = (
                previous.speaker,
                previous.speaker_span,
                previous.speaker_text,
                previous.cue_verb,
            )
        quotes.append(q)
        previous = q
    return quotes


def quoted_tokens(article: ParsedArticle, quotes: list[Quote]) -> dict[int, list[tuple[int, int, MentionRef | None]]]:
    """Per sentence, the token stretches inside quotations and who speaks them."""
    out: dict[int, list] = {}
    by_offset = _SentencesByOffset(article.sentences)
    for q in quotes:
        for s in by_offset.overlapping(q.char_start, q.char_end):
            inside = _tokens_inside(s, q.char_start, q.char_end)
            if inside:
                out.setdefault(s.idx, []).append((inside[0], inside[-1] + 1, q.speaker))
    return out
