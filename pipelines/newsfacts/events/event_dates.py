"""Which time expression of its sentence dates an event, and which way it points.

An event takes the expression that hangs on its own clause; failing that, an asserted
event takes one that hangs on a clause above it ("an official said Saturday that the
bomb exploded"), never one that belongs to another event's clause. A planned or
hypothetical event is not dated by when it was said. The tense of the clause the
expression hangs on says which way it points: past -> backward, "will" or a
complement of "plan", "expect"... -> forward, the present or a noun ("a ceremony on
March 12") -> the nearest.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsfacts.events.dates import Direction
from newsfacts.nlp.doc import Sentence

_FUNCTION_POS = {"ADP", "DET", "PART", "CCONJ", "PUNCT", "NUM"}
_PAST_AUX = {"was", "were", "had", "did", "'d"}


@dataclass(frozen=True)
class TimeExpression:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    text: str
    chain: tuple[int, ...]  # the expression's root, then its heads up to the sentence root
    anchor: int | None  # the first event trigger on the chain


def time_expressions(s: Sentence, spans: list[tuple[int, int, str]], triggers: set[int]) -> list[TimeExpression]:
    out = []
    for ts, te, text in spans:
        root = s.span_root(ts, te)
        chain = (root, *s.ancestors(root))
        out.append(TimeExpression(ts, te, text, chain, next((t for t in chain if t in triggers), None)))
    return out


def event_expression(s: Sentence, trigger: int, found: list[TimeExpression], asserted: bool) -> TimeExpression | None:
    """The expression dating the event with this trigger (see the module's account)."""
    chain = (trigger, *s.ancestors(trigger))
    for a in chain if asserted else chain[:1]:
        near = [x for x in found if a in x.chain and (x.anchor is None or x.anchor in chain)]
        if near:
            return min(near, key=lambda x: (x.chain.index(a), x.start))
    return None


def direction(s: Sentence, x: TimeExpression, cues: dict[str, dict[str, str]]) -> Direction:
    """Which way the expression points, from the word it modifies."""
    h = x.chain[0]
    for h in x.chain[1:]:
        if s.pos[h] not in _FUNCTION_POS:
            break
    else:
        return "nearest"  # the expression is the sentence: "January 1997."
    if s.pos[h] not in ("VERB", "AUX"):
        return "nearest"
    return _clause_direction(s, h, cues)


def _clause_direction(s: Sentence, verb: int, cues: dict[str, dict[str, str]]) -> Direction:
    future_aux = {w for w, m in cues.get("aux", {}).items() if m == "future"}
    planning = {w for w, m in cues.get("governor", {}).items() if m == "future"}
    aux = [s.words[c].lower() for c in s.children(verb) if s.deps[c] in ("aux", "auxpass")]
    if any(a in future_aux for a in aux):
        return "future"
    t = verb
    while s.deps[t] == "xcomp" and s.heads[t] != t:  # "plans to leave on Thursday"
        t = s.heads[t]
        if s.lemmas[t].lower() in planning:
            return "future"
    perfect = s.tags[verb] == "VBN" and (not aux or "has" in aux or "have" in aux)  # "has left", "bought from"
    past = s.tags[verb] == "VBD" or perfect or any(a in _PAST_AUX for a in aux)
    if s.lemmas[verb].lower() in planning and not past:  # "the closing is expected in December"
        return "future"
    return "past" if past else "nearest"
