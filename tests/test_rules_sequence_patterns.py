"""events/sequence_patterns.py on hand-built parses and hand-written patterns: where a verb pattern's
words, actors and skipped phrases fall around the verb."""

from __future__ import annotations

from newsfacts.events.sequence_patterns import (
    SentenceWords,
    SequencePattern,
    Step,
    StepKind,
    best_match,
    match_pattern,
    noun_phrase_at,
)

from parses import sentence

SOURCE, TARGET, COMPOUND, SKIP = (Step(k) for k in (StepKind.SOURCE, StepKind.TARGET, StepKind.COMPOUND, StepKind.SKIP))


def words(*alternatives: str, adjacent: bool = False, preposition: bool = False) -> Step:
    """A word step: each alternative a blank-separated word sequence."""
    return Step(StepKind.WORDS, tuple(tuple(a.split()) for a in alternatives), adjacent, preposition)


def pattern(pre=(), post=(), code="000", touches=False) -> SequencePattern:
    return SequencePattern(tuple(pre), tuple(post), code, "test:1", touches)


# "Iraq cut ties with Kuwait ."
CUT_TIES = sentence(
    "Iraq cut ties with Kuwait .",
    [1, 1, 1, 1, 3, 1],
    "nsubj ROOT dobj prep pobj punct",
    pos="PROPN VERB NOUN ADP PROPN PUNCT",
)


def match(s, p, verb, excluded=frozenset()):
    return match_pattern(SentenceWords(s), p, (verb, verb + 1), (0, len(s)), excluded)


def test_noun_phrase_head_is_the_last_nominal_it_runs_into():
    s = sentence("the Iraqi army attacked", [2, 2, 3, 3], "det amod nsubj ROOT", pos="DET ADJ NOUN VERB")
    assert noun_phrase_at(s, 0, 4) == (2, 3)
    assert noun_phrase_at(s, 3, 4) is None
    # "Iraq 's army": a possessive runs into the noun it modifies, unless the region stops before it
    poss = sentence("Iraq 's army attacked", [2, 0, 3, 3], "poss case nsubj ROOT", pos="PROPN PART NOUN VERB")
    assert noun_phrase_at(poss, 0, 4) == (2, 3)
    assert noun_phrase_at(poss, 0, 2) == (0, 2)
    assert noun_phrase_at(poss, 0, 4, excluded=frozenset({0})) == (2, 3)


def test_words_after_the_verb_then_the_target():
    # `* TIES WITH +`
    hit = match(CUT_TIES, pattern(post=[words("ties"), words("with"), TARGET]), 1)
    assert hit is not None and (hit.source, hit.target) == (None, 4)


def test_a_missing_word_or_an_excluded_token_fails_the_match():
    assert match(CUT_TIES, pattern(post=[words("links"), words("with"), TARGET]), 1) is None
    assert match(CUT_TIES, pattern(post=[words("ties"), words("with"), TARGET]), 1, frozenset({2})) is None
    assert not SentenceWords(CUT_TIES).may_match(pattern(post=[words("links")]))
    assert SentenceWords(CUT_TIES).may_match(pattern(post=[words("links", "ties")]))


def test_adjacent_word_must_follow_the_verb_directly():
    # `* WITH +` with the word joined to the verb ("cut_with"): "ties" stands between
    assert match(CUT_TIES, pattern(post=[words("with", adjacent=True), TARGET]), 1) is None
    hit = match(CUT_TIES, pattern(post=[words("with"), TARGET]), 1)
    assert hit is not None and hit.target == 4


def test_skip_passes_over_one_noun_phrase():
    # `* ^ WITH +`: "signed a deal with Kuwait"
    s = sentence(
        "Iraq signed a deal with Kuwait .",
        [1, 1, 3, 1, 3, 4, 1],
        "nsubj ROOT det dobj prep pobj punct",
        pos="PROPN VERB DET NOUN ADP PROPN PUNCT",
    )
    hit = match(s, pattern(post=[SKIP, words("with"), TARGET]), 1)
    assert hit is not None and hit.target == 5
    # a marker takes the next noun phrase: `+ WITH` takes "a deal" as the target, `+ OF` finds no "of" after it
    assert match(s, pattern(post=[TARGET, words("with")]), 1) is not None
    assert match(s, pattern(post=[TARGET, words("of")]), 1) is None


def test_words_before_the_verb():
    # `WOULD *`, and `WOULD_*` which wants the word right before the verb
    s = sentence(
        "Iraq would soon attack Kuwait .",
        [3, 3, 3, 3, 3, 3],
        "nsubj aux advmod ROOT dobj punct",
        pos="PROPN AUX ADV VERB PROPN PUNCT",
    )
    assert match(s, pattern(pre=[words("would")]), 3) is not None
    assert match(s, pattern(pre=[words("would")], touches=True), 3) is None
    hit = match(s, pattern(pre=[SOURCE, words("would")], post=[TARGET]), 3)
    assert hit is not None and (hit.source, hit.target) == (0, 4)


def test_compound_before_the_verb():
    # `% *`: "Iraq and Kuwait agreed"
    s = sentence("Iraq and Kuwait agreed", [3, 0, 0, 3], "nsubj cc conj ROOT", pos="PROPN CCONJ PROPN VERB")
    hit = match(s, pattern(pre=[COMPOUND]), 3)
    assert hit is not None and (hit.compound, hit.compound_before_verb) == (0, True)


def test_another_verbs_infinitive_to_is_no_preposition():
    # "ordered troops to leave Kuwait": `* TO +` does not read the "to" of "to leave"
    s = sentence(
        "Iraq ordered troops to leave Kuwait .",
        [1, 1, 1, 4, 1, 4, 1],
        "nsubj ROOT dobj aux xcomp dobj punct",
        pos="PROPN VERB NOUN PART VERB PROPN PUNCT",
    )
    assert match(s, pattern(post=[words("to"), TARGET]), 1) is None
    # "sent troops to Kuwait": a preposition, `(TO ...)` included
    sent = sentence(
        "Iraq sent troops to Kuwait .",
        [1, 1, 1, 1, 3, 1],
        "nsubj ROOT dobj prep pobj punct",
        pos="PROPN VERB NOUN ADP PROPN PUNCT",
    )
    assert match(sent, pattern(post=[words("to", preposition=True), TARGET]), 1).target == 4
    assert match(s, pattern(post=[words("to", preposition=True), TARGET]), 1) is None


def test_best_match_prefers_more_words_then_dictionary_order():
    general = pattern(post=[words("with"), TARGET], code="030")
    specific = pattern(post=[words("ties"), words("with"), TARGET], code="161")
    also_specific = pattern(post=[words("ties"), words("with")], code="160")
    sw = SentenceWords(CUT_TIES)
    assert best_match(sw, [general, specific, also_specific], (1, 2), (0, 6)).pattern.code == "161"
    assert best_match(sw, [also_specific, specific], (1, 2), (0, 6)).pattern.code == "160"
    assert best_match(sw, [pattern(post=[words("links")])], (1, 2), (0, 6)) is None
