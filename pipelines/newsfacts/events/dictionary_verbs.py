"""Event codes from a verb dictionary: which verb a token is, and which of its patterns holds.

A token is a dictionary verb when its lemma (or its own form) is one of the
verb words and any words a multi-word verb needs stand next to it ("cordoned
off", "wire tap"). The code is the one of the longest pattern of the verb's
block that matches the sentence (see `sequence_patterns`), else the verb's
own code, else the block's. The null code `---` means no event.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from newsfacts.dictionaries.index import split_tokens, split_word
from newsfacts.dictionaries.verbs import (
    EventCode,
    NounElement,
    PrepElement,
    Term,
    TermKind,
    Verb,
    VerbDictionary,
    VerbPattern,
)
from newsfacts.events.sequence_patterns import PatternMatch, SentenceWords, SequencePattern, Step, StepKind, best_match
from newsfacts.nlp.doc import Sentence

_MARKER_STEPS = {
    TermKind.SOURCE: StepKind.SOURCE,
    TermKind.TARGET: StepKind.TARGET,
    TermKind.COMPOUND: StepKind.COMPOUND,
    TermKind.SKIP: StepKind.SKIP,
}
_OTHER_CLAUSES = frozenset({"ccomp", "advcl", "parataxis", "csubj", "relcl", "acl"})


def _is_other_clause(s: Sentence, t: int) -> bool:
    return s.deps[t] in _OTHER_CLAUSES or (s.deps[t] == "conj" and s.pos[t] in ("VERB", "AUX"))


# TABARI's `[+++]` marks a pattern kept for the record but not used for coding.
IGNORED_CODES = frozenset({"+++"})


@dataclass(frozen=True)
class VerbCoding:
    verb: Verb
    start: int  # token span of the verb and the words a multi-word verb needs
    end: int
    code: EventCode
    match: PatternMatch | None  # the pattern that gave the code, if one did

    @property
    def where(self) -> str:
        if self.match is not None:
            return self.match.pattern.where
        return f"{self.verb.file}:{self.verb.line}"


class DictionaryVerbs:
    """A verb dictionary compiled for matching against parsed sentences."""

    def __init__(self, verbs: VerbDictionary):
        self.dictionary = verbs
        self._patterns: dict[str, tuple[SequencePattern, ...]] = {}
        self._codes: dict[str, dict[int, EventCode]] = {}  # block -> id(SequencePattern) -> code
        self._indexed: SentenceWords | None = None
        # block -> (first anchor word -> pattern positions, positions of patterns without words)
        self._by_anchor: dict[str, tuple[dict[str, list[int]], list[int]]] = {}

    def _compiled(self, block_key: str) -> tuple[SequencePattern, ...]:
        cached = self._patterns.get(block_key)
        if cached is None:
            block = self.dictionary.blocks.get(block_key)
            compiled = []
            codes = {}
            for p in block.patterns if block else ():
                if p.code.written in IGNORED_CODES:
                    continue
                sp = self.compile(p)
                if sp is not None:
                    compiled.append(sp)
                    codes[id(sp)] = p.code
            cached = self._patterns[block_key] = tuple(compiled)
            self._codes[block_key] = codes
            by_word: dict[str, list[int]] = {}
            always: list[int] = []
            for i, sp in enumerate(cached):
                if not sp.anchors:
                    always.append(i)
                for w in sp.anchors[0] if sp.anchors else ():
                    by_word.setdefault(w, []).append(i)
            self._by_anchor[block_key] = (by_word, always)
        return cached

    def compile(self, p: VerbPattern) -> SequencePattern | None:
        try:
            pre = self._steps(p.pre)
            post = self._steps(p.post)
        except KeyError:  # a synonym set the dictionary never defined: the reader reported it
            return None
        if post and p.verb_joined[1]:
            post[0] = dataclasses.replace(post[0], adjacent=True)
        return SequencePattern(
            tuple(pre), tuple(post), p.code.written, f"{p.file}:{p.line}", pre_touches_verb=p.verb_joined[0]
        )

    def _steps(self, elements) -> list[Step]:
        terms: list[tuple[Term, bool]] = []  # (term, is a preposition)
        for e in elements:
            if isinstance(e, NounElement):
                terms.extend((t, False) for t in e.terms)
            elif isinstance(e, PrepElement):
                if e.preposition is not None:
                    terms.append((e.preposition, True))
                for o in e.objects:
                    terms.extend((t, False) for t in o.terms)
        steps: list[Step] = []
        joined_to_next = False
        for t, is_preposition in terms:
            if t.kind == TermKind.WORD:
                alts: tuple[tuple[str, ...], ...] = (split_word(t.text),)
            elif t.kind == TermKind.SYNSET:
                synset = self.dictionary.synsets[t.text]
                alts = tuple(dict.fromkeys(split_tokens(ph.words) for ph in synset.phrases))
            else:
                steps.append(Step(_MARKER_STEPS[t.kind], (), joined_to_next))
                joined_to_next = t.joined
                continue
            steps.append(Step(StepKind.WORDS, alts, joined_to_next, is_preposition))
            joined_to_next = t.joined
        return steps

    def _candidates(self, block_key: str, words: SentenceWords) -> list[SequencePattern]:
        """The block's patterns whose first word step has a word of the sentence, in dictionary order."""
        patterns = self._compiled(block_key)
        by_word, always = self._by_anchor[block_key]
        picked = set(always)
        for w in words.positions:
            picked.update(by_word.get(w, ()))
        return [patterns[i] for i in sorted(picked)]

    def _words(self, s: Sentence) -> SentenceWords:
        """The sentence's word index, made once for all its verbs."""
        if self._indexed is None or self._indexed.sentence is not s:
            self._indexed = SentenceWords(s)
        return self._indexed

    def verb_at(self, s: Sentence, v: int) -> tuple[Verb, int, int] | None:
        """The dictionary verb at token v, with the span of its words; the longest multi-word verb first."""
        lower = [w.lower() for w in s.words]
        # The token's own form first: a dictionary may list LEFT apart from LEAVE.
        candidates: list[Verb] = list(self.dictionary.by_word.get(lower[v], ()))
        for base in sorted(self.dictionary.forms.get(lower[v], ())):
            candidates.extend(self.dictionary.by_word.get(base, ()))
        candidates.extend(self.dictionary.by_word.get(s.lemmas[v].lower(), ()))
        best: tuple[Verb, int, int] | None = None
        for verb in dict.fromkeys(candidates):
            start = v - len(verb.before)
            if (
                start < 0
                or tuple(lower[start:v]) != verb.before
                and tuple(s.lemmas[i].lower() for i in range(start, v)) != verb.before
            ):
                continue
            end = self._after_end(s, lower, v, verb.after)
            if end is None:
                continue
            if best is None or (end - start) > (best[2] - best[1]):
                best = (verb, start, end)
        return best

    @staticmethod
    def _after_end(s: Sentence, lower: list[str], v: int, after: tuple[str, ...]) -> int | None:
        if not after:
            return v + 1
        if tuple(lower[v + 1 : v + 1 + len(after)]) == after:
            return v + 1 + len(after)
        # "cordoned the roads off": a particle the parser hangs on the verb
        if len(after) == 1:
            for c in s.children(v):
                if s.deps[c] == "prt" and lower[c] == after[0]:
                    return v + 1
        return None

    def code_verb(self, s: Sentence, v: int) -> VerbCoding | None:
        found = self.verb_at(s, v)
        if found is None:
            return None
        verb, start, end = found
        words = self._words(s)
        patterns = self._candidates(verb.block, words)
        region_end = max(max(s.subtree(v)) + 1, end)
        # After the verb, its own phrase: not the clauses it governs ("said that ... sanctions ...") nor
        # those inside its objects ("a motion that would impose ..."): patterns speak of the verb's phrases.
        excluded = frozenset(t for c in s.subtree(v) if c > v and _is_other_clause(s, c) for t in s.subtree(c))
        match = best_match(words, patterns, (start, end), (0, region_end), excluded)
        code = (
            self._codes[verb.block][id(match.pattern)] if match is not None else verb.code
        )  # the block's if none of its own
        return VerbCoding(verb, start, end, code, match)
