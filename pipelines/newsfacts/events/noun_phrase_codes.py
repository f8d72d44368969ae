"""Actor codes of a noun phrase, the way the field's coders build them.

A phrase is read word by word for dictionary actors ("Xandria", "Iron Palace")
and agents ("soldiers", "relief group", "Minister of War"); each actor's code
is then joined with the agents' codes: "Xandrian soldiers" is XAN + MIL, "A
Yorvik relief group official" NGO + YOR + GOV (an agent marked `NGO~` goes in
front). An agent code already inside the actor's adds nothing ("Iron Palace
officials" stay XANGOV). A phrase with agents but no actor of its own takes the
actor of its prepositional phrase ("Soldiers from Yorvik", "Lawmakers in
Xandria and Zemlya"); an agent with no actor anywhere gives `---GOV` ("An
official"). Conjoined phrases ("Xandria and Zemlya") give one code each.
(Xandria XAN, Yorvik YOR, Zemlya ZEM: the made-up countries of the tests'
dictionaries, tests/test_dictionary_constructions.py.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsfacts.dictionaries.actors import ActorEntry
from newsfacts.dictionaries.index import HYPHEN, AgentCode, PhraseTable, actor_code_at
from newsfacts.events.arguments import UNKNOWN_COUNTRY
from newsfacts.nlp.doc import Sentence

# Dependents that are not part of a phrase's own words: clauses, appositions, other conjuncts.
_NOT_OWN = frozenset(
    {"relcl", "acl", "advcl", "appos", "conj", "cc", "punct", "ccomp", "xcomp", "parataxis", "mark", "dep"}
)


def _contains(code: str, part: str) -> bool:
    """Whether `part` stands in `code` on the 3-letter boundaries codes are built of: GOVMED is in
    HGWGOVMED, WGO is not in GMWGOV."""
    return any(code[i : i + len(part)] == part for i in range(0, len(code) - len(part) + 1, 3))


def mix(actors: list[str], agents: list[AgentCode]) -> list[str]:
    """Each actor code joined with every agent code it does not already contain."""
    out = []
    for actor in actors or [""]:
        code = actor
        for agent in agents:
            if agent.code and not _contains(code, agent.code):
                code = agent.code + code if agent.in_front else code + agent.code
        if code:
            out.append(code if actor else UNKNOWN_COUNTRY + code)
    return list(dict.fromkeys(out))


@dataclass
class NounPhraseCoder:
    actors: PhraseTable[ActorEntry]
    agents: PhraseTable[AgentCode]
    date: dt.date | None = None

    def own_tokens(self, s: Sentence, head: int) -> tuple[list[int], list[int]]:
        """The phrase's own words in order, and the prepositions hanging on it. Conjuncts of the head are
        phrases of their own; conjuncts of a modifier are not ("Xandrian and Zemlyan leaders")."""
        words, preps, todo = [head], [], [head]
        while todo:
            t = todo.pop()
            for c in s.children(t):
                if s.deps[c] in _NOT_OWN and not (t != head and s.deps[c] in ("conj", "cc")):
                    continue
                if s.deps[c] == "prep":
                    preps.append(c)
                    continue
                words.append(c)
                todo.append(c)
        return sorted(words), sorted(preps)

    def scan(self, s: Sentence, tokens: list[int]) -> tuple[list[str], list[AgentCode]]:
        """Actor codes and agent codes of the words (hyphens aside, as in the index)."""
        tokens = [t for t in tokens if s.words[t] != HYPHEN]
        lower = [s.words[t].lower() for t in tokens]
        actors: list[str] = []
        agents: list[AgentCode] = []
        i = 0
        while i < len(tokens):
            hit = self.actors.longest_at(lower, i)
            # Actors are names: "Turkey" or "the Land of the Rising Sun" is one, "turkey" is not.
            if hit and any(s.words[t][:1].isupper() for t in tokens[i : i + hit[0]]):
                n, entry = hit
                dated = actor_code_at(entry, self.date)
                actors.extend(c for c in (dated.code if dated else "").split("/") if c)  # "XAN/YOR": two actors
                i += n
                continue
            agent = self.agents.longest_at(lower, i) or self._agent_by_lemma(s, tokens, i)
            if agent:
                n, code = agent
                agents.append(code)
                i += n
                continue
            i += 1
        return actors, agents

    def _agent_by_lemma(self, s: Sentence, tokens: list[int], i: int) -> tuple[int, AgentCode] | None:
        """A plural or inflected agent word the dictionary lists only in its base form."""
        code = self.agents.entries.get((s.lemmas[tokens[i]].lower(),))
        return (1, code) if code is not None else None

    def codes(self, s: Sentence, head: int, _depth: int = 0) -> list[str]:
        """Codes of the phrase headed by `head` (its conjuncts not included)."""
        words, preps = self.own_tokens(s, head)
        pp_codes: list[str] = []
        for p in preps:
            if any(s.deps[c] == "pcomp" for c in s.children(p)):
                continue  # "an appeal for sending police officers into Togo": a clause, not the phrase's words
            inner = [c for c in s.children(p) if s.deps[c] == "pobj"]
            codes = (
                [c for o in inner for m in self.members(s, o) for c in self.codes(s, m, _depth + 1)]
                if _depth < 4
                else []
            )
            if any(not c.startswith(UNKNOWN_COUNTRY) for c in codes):
                if not pp_codes:  # "an attack by X in Y": the first phrase that names an actor
                    pp_codes = codes
            else:  # a preposition whose object names no actor is part of the phrase: "Minister of War"
                words.extend(t for t in s.subtree(p) if t not in words)
        actors, agents = self.scan(s, sorted(words))
        if actors:
            return mix(actors, agents)
        if not pp_codes and _depth < 4:  # "the trucks heading for Yorvik": a participle's phrase
            for clause in (c for c in s.children(head) if s.deps[c] == "acl"):
                for p in (c for c in s.children(clause) if s.deps[c] in ("prep", "agent", "dobj")):
                    objs = [c for c in s.children(p) if s.deps[c] == "pobj"] if s.deps[p] == "prep" else [p]
                    codes = [c for o in objs for m in self.members(s, o) for c in self.codes(s, m, _depth + 1)]
                    if any(not c.startswith(UNKNOWN_COUNTRY) for c in codes):
                        pp_codes = codes
                        break
                if pp_codes:
                    break
        if pp_codes:
            return mix([c for c in pp_codes if not c.startswith(UNKNOWN_COUNTRY)], agents)
        return mix([], agents) if agents else []

    def members(self, s: Sentence, head: int) -> list[int]:
        """The head and the phrases conjoined with it: "Xandria, Yorvik and Zemlya"."""
        out, todo = [], [head]
        while todo:
            t = todo.pop(0)
            out.append(t)
            todo.extend(c for c in s.children(t) if s.deps[c] == "conj" and s.pos[c] in ("NOUN", "PROPN", "PRON"))
        return sorted(out)

    def member_codes(self, s: Sentence, head: int) -> list[tuple[int, str]]:
        """(member head, code) for every conjoined member of the phrase that codes."""
        out: list[tuple[int, str]] = []
        for m in self.members(s, head):
            out.extend((m, c) for c in self.codes(s, m))
        return out
