"""A dictionary set made ready for coding: verbs compiled, phrases indexed by their tokens, discards.

Phrases are indexed by lower-case tokens split as the tokenizer splits text
("AL-QAEDA" is al, -, qaeda), so a lookup is a dictionary access per
candidate length. Built once per set and batch; nothing here reads files.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from newsfacts.caching import long_lived
from newsfacts.dictionaries import DEFAULT, DictionarySet, DiscardScope
from newsfacts.dictionaries.actors import ActorEntry
from newsfacts.dictionaries.index import AgentCode, PhraseTable, actor_table, agent_table, split_tokens
from newsfacts.events.dictionary_verbs import DictionaryVerbs
from newsfacts.events.noun_phrase_codes import NounPhraseCoder
from newsfacts.nlp.doc import Sentence


@dataclass(frozen=True)
class DiscardIndex:
    """Discard phrases by their first word, matched on a sentence's lower-case words.

    A discard that is a year ("1988") marks history: it holds only for a year before the article's
    own, so a story of 1988 about 1988 is coded, and one of 2015 recalling 1988 is not."""

    by_first: dict[str, tuple[tuple[tuple[str, ...], bool], ...]]  # first word -> (words, exact)

    def matches(self, words: list[str], published: dt.date | None = None) -> list[int]:
        """Where discard phrases start among the words."""
        out = []
        for i, w in enumerate(words):
            if published is not None and len(w) == 4 and w.isdigit() and int(w) >= published.year:
                continue
            for phrase, exact in self.by_first.get(w, ()):
                n = len(phrase)
                if i + n > len(words) or tuple(words[i : i + n - 1]) != phrase[:-1]:
                    continue
                last = words[i + n - 1]
                if last == phrase[-1] or (not exact and last.startswith(phrase[-1])):
                    out.append(i)
                    break
        return out


def _discard_index(ds: DictionarySet, scope: DiscardScope) -> DiscardIndex:
    by_first: dict[str, list] = defaultdict(list)
    for d in ds.discards.scoped(scope):
        words = split_tokens(d.phrase.words)
        by_first[words[0]].append((words, d.phrase.exact))
    return DiscardIndex({k: tuple(v) for k, v in by_first.items()})


@dataclass
class CodingDictionaries:
    verbs: DictionaryVerbs
    actors: PhraseTable[ActorEntry]
    agents: PhraseTable[AgentCode]
    sentence_discards: DiscardIndex
    story_discards: DiscardIndex
    with_lexicons: bool  # the set includes the shipped default: the project's own lexicons apply too

    def phrase_coder(self, published: dt.date | None) -> NounPhraseCoder:
        return NounPhraseCoder(self.actors, self.agents, published)

    def discarded_tokens(self, s: Sentence, published: dt.date | None) -> set[int]:
        """Tokens of the clauses a sentence-level discard phrase stands in: events there are not coded.

        The field's coders leave the whole sentence uncoded; a clause is enough to leave out the sports
        result or the history ("two men who attacked Peru in 1985") and keep the news around it."""
        out: set[int] = set()
        for i in self.sentence_discards.matches([w.lower() for w in s.words], published):
            head = i
            while s.pos[head] not in ("VERB", "AUX") and s.heads[head] != head:
                head = s.heads[head]
            out.update(s.subtree(head))
        return out

    def story_discarded(self, sentences: list[Sentence], published: dt.date | None) -> bool:
        return any(self.story_discards.matches([w.lower() for w in s.words], published) for s in sentences)


_BUILT: dict[str, CodingDictionaries] = {}


def coding_dictionaries(ds: DictionarySet) -> CodingDictionaries:
    """The set made ready for coding, built once per process and set (in ~0.2 s: quicker than unpickling)."""
    built = _BUILT.get(ds.digest)
    if built is None:
        _BUILT.clear()  # one set at a time: a process codes with the set its run names
        built = _BUILT[ds.digest] = long_lived(lambda: _build(ds))
    return built


def _build(ds: DictionarySet) -> CodingDictionaries:
    return CodingDictionaries(
        DictionaryVerbs(ds.verbs),
        actor_table(ds),
        agent_table(ds),
        _discard_index(ds, DiscardScope.SENTENCE),
        _discard_index(ds, DiscardScope.STORY),
        DEFAULT in ds.description.folders,
    )
