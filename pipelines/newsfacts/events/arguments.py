"""Who and where: the entity behind an argument token, pronouns included.

An argument is a token of the parse (a subject, an object, the object of a
preposition). It names an entity when an entity mention covers it; failing
that, the nearest mention inside its phrase ("attacks on American personnel"
-> the United States); a pronoun names the entity it refers back to: "we"
inside a quotation is the speaker, "it" the organisation or country the
sentence is about, "he" the last person named.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from newsfacts import lexicon_files
from newsfacts.nlp.doc import ParsedArticle, Sentence

UNKNOWN_COUNTRY = "---"  # the field's country part of an actor known only by its agent: ---GOV

PRONOUN_KIND = {
    "he": "person",
    "him": "person",
    "his": "person",
    "himself": "person",
    "she": "person",
    "her": "person",
    "hers": "person",
    "herself": "person",
    "it": "thing",
    "its": "thing",
    "itself": "thing",
    "they": "group",
    "them": "group",
    "their": "group",
    "theirs": "group",
    "themselves": "group",
    "we": "speaker",
    "us": "speaker",
    "our": "speaker",
    "ours": "speaker",
    "ourselves": "speaker",
    "i": "speaker",
    "me": "speaker",
    "my": "speaker",
    "mine": "speaker",
    "myself": "speaker",
}
_KIND_LABELS = {
    "person": {"PERSON"},
    "thing": {"ORG", "GPE", "NORP", "FAC", "LOC"},
    "group": {"ORG", "GPE", "NORP"},
}
# Prepositions that say where an event took place.
LOCATIVE_PREPS = ("in", "at", "near", "from", "inside", "outside", "across", "throughout", "around")
_LOOKBACK_SENTENCES = 3
_MAX_ARG_DEPTH = 3


@dataclass
class MentionRef:
    """A mention as the event layer sees it."""

    sentence_idx: int
    start: int
    end: int
    label: str
    kind: str  # name, group, description
    entity_id: str
    actor_code: str | None
    country_code: str | None

    @property
    def code(self) -> str | None:
        """The actor code an event argument gets: the entity's, else its country's."""
        return self.actor_code or self.country_code


@dataclass(frozen=True)
class Argument:
    mention: MentionRef | None
    token: int  # the argument's head token
    start: int  # token span of the text shown for it
    end: int
    code: str | None = None  # the actor code the dictionaries give its phrase; else the mention's

    @property
    def names_actor(self) -> bool:
        """An entity, or a coded actor of a known country ("---UAF", militias of nowhere, is not one)."""
        return self.mention is not None or (self.code is not None and not self.code.startswith(UNKNOWN_COUNTRY))

    @property
    def actor_code(self) -> str | None:
        """The dictionaries' code of the phrase, made more specific by the entity's own: "the US State
        Department" codes USA, the entity says USAGOV; "troops, including Americans" codes ---MIL, the
        entity's country makes it USAMIL."""
        own = self.mention.code if self.mention else None
        if self.code is None or own is None:
            return self.code or own
        if own.startswith(self.code):
            return own
        if self.code.startswith(UNKNOWN_COUNTRY) and len(own) >= 3:
            return own[:3] + self.code[len(UNKNOWN_COUNTRY) :]
        return self.code


class ArgumentResolver:
    def __init__(
        self,
        article: ParsedArticle,
        mentions: list[MentionRef],
        quote_speakers: dict[int, list[tuple[int, int, MentionRef | None]]] | None = None,
    ):
        self.article = article
        self.by_sentence: dict[int, list[MentionRef]] = defaultdict(list)
        for m in mentions:
            self.by_sentence[m.sentence_idx].append(m)
        # sentence -> [(token_start, token_end, speaker)] of quoted stretches
        self.quote_speakers = quote_speakers or {}

    def sentence(self, idx: int) -> Sentence:
        return self.article.sentences[idx]

    def _backed(self, s: Sentence, m: MentionRef) -> bool:
        return (
            m.end + 1 < len(s)
            and s.words[m.end] == "-"
            and s.words[m.end + 1].lower() in lexicon_files.word_list("backing")
        )

    def covering(self, sidx: int, token: int) -> MentionRef | None:
        """The widest mention covering the token (a group over the country word inside it)."""
        s = self.sentence(sidx)
        hits = [m for m in self.by_sentence[sidx] if m.start <= token < m.end and not self._backed(s, m)]
        return max(hits, key=lambda m: (m.end - m.start, m.kind == "group"), default=None)

    def in_phrase(self, sidx: int, head: int) -> MentionRef | None:
        """The mention nearest the head inside the head's phrase, a few dependency steps down."""
        s = self.sentence(sidx)
        depth = {head: 0}
        order = [head]
        for t in order:
            if depth[t] >= _MAX_ARG_DEPTH:
                continue
            for c in s.children(t):
                if (s.pos[c] in ("VERB", "AUX") and s.deps[c] != "prep") or s.deps[c] in (
                    "relcl",
                    "acl",
                    "advcl",
                    "ccomp",
                    "appos",
                ):
                    continue  # "including Americans" is part of the phrase; a clause is not
                depth[c] = depth[t] + 1
                order.append(c)
        for t in sorted(order, key=lambda t: (depth[t], abs(t - head))):
            m = self.covering(sidx, t)
            if m is not None:
                return m
        return None

    def resolve(self, sidx: int, token: int) -> MentionRef | None:
        """The entity mention an argument token stands for, pronouns resolved."""
        s = self.sentence(sidx)
        if s.tags[token] in ("WP", "WDT") and s.deps[s.heads[token]] == "relcl":
            token = s.heads[s.heads[token]]  # "an official who said": the official
        kind = PRONOUN_KIND.get(s.words[token].lower()) if s.pos[token] == "PRON" else None
        if kind:
            return self.antecedent(sidx, token, kind)
        return self.covering(sidx, token) or self.in_phrase(sidx, token)

    def speaker_at(self, sidx: int, token: int) -> MentionRef | None:
        for a, b, speaker in self.quote_speakers.get(sidx, ()):
            if a <= token < b:
                return speaker
        return None

    def antecedent(self, sidx: int, token: int, kind: str) -> MentionRef | None:
        if kind == "speaker":
            return self.speaker_at(sidx, token)
        labels = _KIND_LABELS[kind]
        s = self.sentence(sidx)
        before = [m for m in self.by_sentence[sidx] if m.end <= token and m.label in labels and not self._backed(s, m)]
        if before:
            # The subject of the clause the pronoun sits in is its likeliest antecedent.
            subjects = [m for m in before if s.deps[s.span_root(m.start, m.end)] in ("nsubj", "nsubjpass")]
            return (subjects or before)[-1] if kind != "person" else before[-1]
        for prev in range(sidx - 1, max(-1, sidx - 1 - _LOOKBACK_SENTENCES), -1):
            p = self.sentence(prev)
            cands = [m for m in self.by_sentence[prev] if m.label in labels and not self._backed(p, m)]
            if cands:
                subjects = [m for m in cands if p.deps[p.span_root(m.start, m.end)] in ("nsubj", "nsubjpass")]
                return (subjects or cands)[0]
        return None

    def argument(self, sidx: int, token: int) -> Argument:
        s = self.sentence(sidx)
        m = self.resolve(sidx, token)
        if m is not None and m.sentence_idx == sidx and m.start <= token < m.end:
            return Argument(m, token, m.start, m.end)
        start, end = phrase_span(s, token)
        return Argument(m, token, start, end)


def phrase_span(s: Sentence, head: int) -> tuple[int, int]:
    """The noun phrase of a head token without its clauses, appositions and leading determiner."""
    keep, todo = [head], [head]
    while todo:
        t = todo.pop()
        for c in s.children(t):
            if s.deps[c] in ("relcl", "acl", "appos", "advcl", "ccomp", "punct", "cc", "conj"):
                continue
            keep.append(c)
            todo.append(c)
    keep = sorted(k for k in keep if abs(k - head) <= 12)
    start, end = keep[0], keep[-1] + 1
    while start < head and s.deps[start] in ("det", "punct", "case"):
        start += 1
    return start, end
