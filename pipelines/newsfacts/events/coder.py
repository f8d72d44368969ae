"""Events from the dependency parse: triggers, who did it to whom, CAMEO codes.

Triggers are verbs that match a pattern of the verb lexicon and nouns of the
event-noun lexicon ("the assassination of X"). Arguments follow the syntax:
subject and object, with passives turned round ("was killed by X"), the
object of the pattern's preposition ("impose sanctions on Iraq"), the
controller of an infinitive ("Trump threatening to impose..."), the subject
of the clause an appeal is about ("hope the administration will
reconsider"). Reporting verbs ("said", "claims") are not events: they
attribute the events of the clause they introduce (`reported_by`), and become
a statement event (CAMEO 010) only when that clause holds no coded event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from newsfacts import lexicon_files
from newsfacts.contract.values import Modality
from newsfacts.events import stance, syntax
from newsfacts.events.arguments import PRONOUN_KIND, Argument, ArgumentResolver, MentionRef
from newsfacts.events.dictionary_coding import CodingDictionaries
from newsfacts.events.dictionary_verbs import VerbCoding
from newsfacts.events.modality import modality
from newsfacts.events.patterns import PatternBook
from newsfacts.events.syntax import children, subject_token
from newsfacts.nlp.doc import ParsedArticle, Sentence

_PARTICLE_DEPS = {"prt", "advmod", "prep"}
_TARGET_PREPS = ("on", "against", "at", "to", "toward", "towards", "with", "into", "upon")
_SOURCE_PREPS_OF_NOUN = ("by", "from")
_TARGET_PREPS_OF_NOUN = ("of", "on", "against", "at", "into", "upon", "with")
# Communicative events aimed at someone ("hope", "urge", "demand that"): without an object, the
# target is the subject of the clause the message is about.
_MESSAGE_ROOTS = {"01", "02", "03", "04", "05", "09", "10", "11", "12", "13"}
_CLAUSE_DEPS = {"ccomp", "xcomp"}
# Cooperation (consult, cooperate, aid, yield): conjoined actors with no other party do it with each other.
_COOPERATION_ROOTS = {"03", "04", "05", "06"}


@dataclass
class Event:
    sentence_idx: int
    trigger: int  # token
    kind: str  # verb or noun
    lemma: str
    code: str | None  # None: an event no CAMEO pattern covers
    source: Argument | None = None
    target: Argument | None = None
    modality: Modality = Modality.ASSERTED
    target_inferred: bool = False
    action_code: str | None = None  # the action's own code when the event is a statement about it
    reported_by: MentionRef | None = None
    part: int = 0  # which of the events one trigger gives (conjoined actors, paired codes)
    coded_by: str | None = None  # the dictionary line that gave the code


def _verb_event(
    s: Sentence,
    v: int,
    code: str,
    source: Argument | None,
    target: Argument | None,
    modality_: Modality,
    part: int,
    coded_by: str | None,
) -> Event:
    """The event a coded verb gives for one source and target (`part`: which of the trigger's events)."""
    return Event(s.idx, v, "verb", s.lemmas[v].lower(), code, source, target, modality_, part=part, coded_by=coded_by)


def _verb_features(
    s: Sentence, v: int, numeric: AbstractSet[int] = frozenset()
) -> tuple[list[str], list[str], list[str]]:
    """Particles, prepositions and object lemmas a verb pattern is matched on. A preposition says what
    kind of act it is only when it follows the verb and is not a date's: "agreed on a deal" (057) is
    not "agreed on Wednesday", nor "With the deal signed, they agreed to ..." an "agree with"."""
    particles = [s.words[c].lower() for c in s.children(v) if s.deps[c] in _PARTICLE_DEPS]
    preps = [
        s.words[c].lower()
        for c in children(s, v, "prep", "agent", "dative")
        if c > v and not (children(s, c, "pobj") and set(children(s, c, "pobj")) <= numeric)
    ]
    objects = [s.lemmas[o].lower() for o in syntax.objects(s, v)]
    for x in children(s, v, "xcomp"):  # "threatened to impose sanctions": the threat is of sanctions
        objects.extend(s.lemmas[o].lower() for o in syntax.objects(s, x))
    for p in children(s, v, "prep"):  # "called for a ceasefire"
        objects.extend(s.lemmas[o].lower() for o in children(s, p, "pobj"))
    return particles, preps, objects


def _target_candidates(s: Sentence, v: int, preposition: str, skip: AbstractSet[int] = frozenset()) -> list[int]:
    """Tokens that may be the target, most direct first: object, indirect object, the object of
    the pattern's (or a directional) preposition, then the target of an infinitive complement."""
    out = [o for o in syntax.objects(s, v)] + children(s, v, "dative", "iobj")
    preps = children(s, v, "prep")
    for word in ([preposition] if preposition else []) + list(_TARGET_PREPS):
        out.extend(o for p in preps if s.words[p].lower() == word for o in children(s, p, "pobj"))
    for x in children(s, v, "xcomp"):  # "threatening to impose sanctions on Iraq"
        out.extend(_target_candidates(s, x, "", skip))
    return list(dict.fromkeys(t for t in out if t not in skip))  # each once, first place kept


def _message_target(s: Sentence, v: int) -> int | None:
    for c in children(s, v, *_CLAUSE_DEPS):
        subj = children(s, c, "nsubj", "nsubjpass")
        if subj:
            return subj[0]
    return None


def _noun_arguments(s: Sentence, n: int) -> tuple[int | None, int | None]:
    source = target = None
    poss = children(s, n, "poss")
    if poss:
        source = poss[0]
    for p in children(s, n, "prep"):
        word = s.words[p].lower()
        pobj = children(s, p, "pobj")
        if not pobj:
            continue
        if word in _TARGET_PREPS_OF_NOUN and target is None:
            target = pobj[0]
        elif word in _SOURCE_PREPS_OF_NOUN and source is None:
            source = pobj[0]
    if source is None:  # "... conducted on direct order from X": an agent further down the phrase
        for t in s.subtree(n):
            if t != n and s.words[t].lower() in _SOURCE_PREPS_OF_NOUN and s.deps[t] in ("prep", "agent"):
                pobj = children(s, t, "pobj")
                if pobj and (target is None or pobj[0] != target):
                    source = pobj[0]
                    break
    if source is None:
        for c in children(s, n, "amod", "compound"):  # "an Israeli attack"
            if s.pos[c] in ("PROPN", "ADJ") and s.words[c][:1].isupper():
                source = c
                break
    return source, target


class SentenceCoder:
    def __init__(
        self,
        article: ParsedArticle,
        book: PatternBook,
        resolver: ArgumentResolver,
        codebook,
        numeric: dict[int, set[int]] | None = None,
        uncoded: bool = True,
        dictionaries: CodingDictionaries | None = None,
        require_dyad: bool = False,
        as_of: dt.date | None = None,
    ):
        self.article, self.book, self.resolver, self.codebook = article, book, resolver, codebook
        self.numeric = numeric or {}  # sentence -> tokens inside dates, times, amounts
        self.uncoded = uncoded
        self.dictionaries = dictionaries
        self.verbs = dictionaries.verbs if dictionaries else None
        # Dated actor codes and year discards hold on the article's date, else on the --as-of date (the
        # entity layer codes the same names as of the same date); with neither, without a date.
        self.when = article.published or as_of
        self.phrases = dictionaries.phrase_coder(self.when) if dictionaries else None
        # A discard phrase anywhere in the story (`+` lines) leaves the whole article uncoded.
        self.story_discarded = dictionaries is not None and dictionaries.story_discarded(article.sentences, self.when)
        self.require_dyad = require_dyad

    def _counted(self, s: Sentence, token: int | None) -> int | None:
        """The token itself, or for an amount the thing it counts ("Thousands of Kurds", "Tens of
        thousands of students"): a date or an amount on its own is no participant ("attacked on 3
        March")."""
        numeric = self.numeric.get(s.idx, ())
        for _ in range(4):
            if token is None or token not in numeric:
                return token
            of = [o for p in children(s, token, "prep") if s.words[p].lower() == "of" for o in children(s, p, "pobj")]
            token = of[0] if of else None
        return None

    def _arg(self, s: Sentence, token: int | None) -> Argument | None:
        """The argument at a token (for an amount, at what it counts)."""
        token = self._counted(s, token)
        if token is None:
            return None
        return self.resolver.argument(s.idx, token)

    def code_sentence(self, s: Sentence) -> list[Event]:
        events: list[Event] = []
        used_nouns: set[int] = set()
        reporting: list[int] = []
        statement_codes: dict[int, tuple[str | None, str]] = {}  # reporting verb -> the dictionary's code, line
        for v in range(len(s)):
            if s.pos[v] != "VERB" or s.deps[v] == "amod":  # "so-called", "Iran-backed": adjectives
                continue
            lemma = s.lemmas[v].lower()
            coding = self.verbs.code_verb(s, v) if self.verbs else None
            if lemma in self.book.reporting and (
                coding is None or coding.match is None or children(s, v, "ccomp") or s.words[v].lower() == "according"
            ):
                # "said", "according to": they attribute the events of their clause (see _statements)
                reporting.append(v)
                if coding is not None and s.words[v].lower() != "according":  # "according to": no verb "accord"
                    statement_codes[v] = (coding.code.active, coding.where)
                continue
            particles, preps, objects = _verb_features(s, v, self.numeric.get(s.idx, set()))
            pattern = self.book.match_verb(lemma, particles, preps, objects)
            project = pattern if pattern is not None and pattern.code in self.codebook else None
            # Most specific first: the project's patterns that name an object, a preposition or a particle, the
            # dictionary's patterns, the project's bare verbs, the dictionary verb's own code.
            if project is not None and (project.object or project.preposition or project.particle):
                used_nouns.update(o for o in syntax.objects(s, v) if s.lemmas[o].lower() == project.object)
                events.extend(self._per_member(s, self._verb_event(s, v, lemma, project.code, project.preposition)))
            elif coding is not None and coding.match is not None and (project is None or coding.match.pattern.post):
                # A block's pattern that names only who acts ("&MILITARY *": soldiers seizing a town)
                # says nothing of this verb's own act: the project's code of the verb stands ("arrested").
                if not coding.code.is_null:
                    events.extend(self._dictionary_events(s, v, coding))
            elif project is not None:
                events.extend(self._per_member(s, self._verb_event(s, v, lemma, project.code, project.preposition)))
            elif coding is not None and not coding.code.is_null:
                events.extend(self._dictionary_events(s, v, coding))
        for n in range(len(s)):
            if s.pos[n] != "NOUN" or n in used_nouns:
                continue
            modifiers = [s.lemmas[c].lower() for c in children(s, n, "compound", "amod")]
            code = self.book.match_noun(s.lemmas[n].lower(), modifiers)
            if code and code in self.codebook:
                events.append(self._noun_event(s, n, code))
            elif code == "" and self.uncoded:
                events.append(self._noun_event(s, n, None))
        events.extend(self._statements(s, reporting, events, statement_codes))
        events = self._without_refusal_statements(s, events)
        if self.dictionaries is not None:  # sports, weather, history...: not coded (the discard lists)
            gone = set(range(len(s))) if self.story_discarded else self.dictionaries.discarded_tokens(s, self.when)
            if gone:
                events = self._uncode(events, lambda e: e.trigger in gone)
        if self.require_dyad:
            events = self._dyads_only(events)
        if self.uncoded:
            events.extend(self._uncoded(s, events))
        for e in events:
            reporter = self._reporter(s, e.trigger)
            e.reported_by = reporter.mention if reporter else None
            if self.dictionaries is None or self.dictionaries.with_lexicons:  # intent codes are a project lexicon
                stance.restate(s, e, reporter)
        return events

    def _without_refusal_statements(self, s: Sentence, events: list[Event]) -> list[Event]:
        """A "declined to resign" is no declined comment (011): a refusing verb whose complement is a
        coded event states nothing of its own; the complement carries the refusal (see stance)."""
        coded = {e.trigger for e in events if e.code}
        refusing = lexicon_files.word_list("refusal_governor")
        return [
            e
            for e in events
            if not (
                (e.code or "").startswith("01")
                and s.lemmas[e.trigger].lower() in refusing
                and any(x in coded for x in children(s, e.trigger, "xcomp"))
            )
        ]

    def _dyads_only(self, events: list[Event]) -> list[Event]:
        """The field's rule: a code needs an actor on both sides."""
        return self._uncode(
            events, lambda e: not (e.source and e.source.actor_code and e.target and e.target.actor_code)
        )

    def _uncode(self, events: list[Event], loses_code) -> list[Event]:
        """Events that lose their code; a trigger left without a coded event keeps one event without a
        code (its trigger and arguments) when uncoded events are kept. Order is kept."""
        coded = {e.trigger for e in events if e.code and not loses_code(e)}
        out, seen = [], set()
        for e in events:
            if e.code and not loses_code(e):
                out.append(e)
            elif self.uncoded and e.trigger not in coded and e.trigger not in seen:
                seen.add(e.trigger)
                out.append(dataclasses.replace(e, code=None, coded_by=None, part=0, action_code=None))
        return out

    def _verb_event(self, s: Sentence, v: int, lemma: str, code: str, preposition: str) -> Event:
        e = Event(s.idx, v, "verb", lemma, code, coded_by="verb_patterns.csv")
        subj = subject_token(s, v)
        e.source = self._arg(s, subj)
        e.target = self._first_actor(s, _target_candidates(s, v, preposition, self.numeric.get(s.idx, set())))
        if e.target is None and code[:2] in _MESSAGE_ROOTS:
            e.target = self._arg(s, _message_target(s, v))
        if (e.target is None or e.target.mention is None) and subj is not None and e.source is not None:
            e.target = self._partner(s, subj, e.source) or e.target
        if (
            e.source
            and e.target
            and e.source.mention
            and e.target.mention
            and e.source.mention.entity_id == e.target.mention.entity_id
        ):
            e.target = None  # "its" inside the object is the actor itself, not a target
        if self.phrases is not None:  # the dictionaries code the phrases the project's pattern found
            e.source = self._first_coded(s, e.source) or e.source
            e.target = self._first_coded(s, e.target) or next(
                iter(self._lower_actor(s, v, skip={t for t in (subj,) if t is not None})), e.target
            )
            if e.source and e.target and e.source.actor_code and e.source.actor_code == e.target.actor_code:
                e.target = None
        e.modality = modality(s, v, self.book.cues)
        return e

    def _per_member(self, s: Sentence, e: Event) -> list[Event]:
        """With the dictionaries, conjoined actors give one event each ("Chile, Peru and Bolivia
        condemned Ecuador" is three), as they do for the dictionary's own verbs."""
        if self.phrases is None:
            return [e]
        sources = [a for a in self._coded_arg(s, e.source.token) if a.actor_code] if e.source else []
        targets = (
            [a for a in self._coded_arg(s, e.target.token) if a.actor_code]
            if e.target and not e.target_inferred
            else []
        )
        if len(sources) <= 1 and len(targets) <= 1:
            return [e]
        out: list[Event] = []
        source_choices: Sequence[Argument | None] = sources or [e.source]
        target_choices: Sequence[Argument | None] = targets or [e.target]
        for a in source_choices:
            for b in target_choices:
                if not (a and b and a.actor_code == b.actor_code):
                    out.append(dataclasses.replace(e, source=a, target=b, part=len(out)))
        return out or [e]

    def _first_coded(self, s: Sentence, arg: Argument | None) -> Argument | None:
        if arg is None:
            return None
        return next((a for a in self._coded_arg(s, arg.token) if a.actor_code), None)

    def _coded_arg(self, s: Sentence, token: int | None) -> list[Argument]:
        """The argument at a token, one per conjoined member, each with its dictionary code; a pronoun
        that names no coded actor takes the code of the subject before it ("Yorvik said it would condemn
        Xandria")."""
        token = self._counted(s, token)
        if token is None:
            return []
        members = self.phrases.members(s, token) if self.phrases else [token]
        out: list[Argument] = []
        for m in members:
            arg = self._arg(s, m)
            if arg is None:
                continue
            codes = self.phrases.codes(s, m) if self.phrases else []
            if (
                not codes
                and self.phrases
                and s.pos[m] == "PRON"
                and (arg.mention is None or (arg.actor_code is None and arg.mention.label != "PERSON"))
            ):
                codes = self._antecedent_codes(s, m)  # none named, or a group that codes nothing ("Radical Dutch")
            out.extend(dataclasses.replace(arg, code=c) for c in codes) if codes else out.append(arg)
        return out

    def _antecedent_codes(self, s: Sentence, pronoun: int) -> list[str]:
        assert self.phrases is not None  # called only when the dictionaries code phrases
        if PRONOUN_KIND.get(s.words[pronoun].lower()) not in ("person", "thing", "group"):
            return []
        for t in range(pronoun - 1, -1, -1):
            if s.deps[t] in ("nsubj", "nsubjpass") and s.pos[t] != "PRON":
                codes = self.phrases.codes(s, t)
                if codes:
                    return codes
        return []

    def _subject_args(self, s: Sentence, v: int) -> tuple[int | None, list[Argument]]:
        """The subject of a dictionary verb, coded; of two subjects the parser gives ("Old foes Xandria
        and Zemlya signed a truce": foes and Xandria), the one that names an actor."""
        subj = subject_token(s, v)
        args = self._coded_arg(s, subj)
        if not any(a.code for a in args):
            for other in children(s, v, "nsubj"):
                if other != subj:
                    alt = self._coded_arg(s, other)
                    if any(a.code for a in alt):
                        return other, alt
        return subj, args

    def _dictionary_events(self, s: Sentence, v: int, coding: VerbCoding) -> list[Event]:
        """Events of a dictionary verb: one per source and target (conjoined actors code one event each),
        and the other way round for the passive half of a paired code (`[032:033]`)."""
        m = coding.match
        subj, subject_args = self._subject_args(s, v)
        if m and m.source is not None:  # `$` names the source elsewhere: the subject is then the target
            sources = self._coded_arg(s, m.source)
            targets = self._coded_arg(s, m.target) if m.target is not None else subject_args
        else:
            sources = subject_args
            targets = (
                self._coded_arg(s, m.target)
                if m and m.target is not None
                else self._lower_actor(s, v, skip={t for t in (subj,) if t is not None})
            )
        mutual = False
        if m and m.compound is not None:
            members = self._coded_arg(s, m.compound)
            if m.compound_before_verb:
                sources, targets, mutual = members, members, True
            else:
                targets = members
        elif (
            len([a for a in sources if a.actor_code]) > 1
            and not any(a.actor_code for a in targets)
            and (coding.code.active or "")[:2] in _COOPERATION_ROOTS
        ):
            targets, mutual = sources, True  # "Xandria and Zemlya restored trade ties": with each other
        modality_ = modality(s, v, self.book.cues)
        out: list[Event] = []
        source_choices: Sequence[Argument | None] = sources or [None]
        target_choices: Sequence[Argument | None] = targets or [None]
        for src in source_choices:
            for tgt in target_choices:
                if src is not None and tgt is not None and src.actor_code and src.actor_code == tgt.actor_code:
                    continue  # "Xandria, Yorvik and Zemlya restored trade ties": not with itself
                if mutual and (src is None or tgt is None):
                    continue
                paired = () if mutual else ((coding.code.passive, tgt, src),)  # mutual: both orders already
                for code, a, b in ((coding.code.active, src, tgt), *paired):
                    if code:
                        out.append(_verb_event(s, v, code, a, b, modality_, len(out), coding.where))
        return out

    def _lower_actor(
        self, s: Sentence, v: int, skip: set[int], not_codes: frozenset[str] = frozenset()
    ) -> list[Argument]:
        """Who a dictionary verb acts on: its object, else the object of its first preposition (of the
        verb, or of a word modifying it: "marched next to Zemlya's embassy") that names an
        actor, else an actor of the clause it governs ("admitted that Yorvik was right", "signed an
        accord to supply Zemlya"). Actors coded `not_codes` (the speaker of a statement) are passed over."""
        numeric = self.numeric.get(s.idx, set())
        for t in self._lower_candidates(s, v, clauses=True):
            if t in skip or t in numeric:
                continue
            args = self._coded_arg(s, t)
            if any(a.actor_code and a.actor_code not in not_codes for a in args):
                return [a for a in args if a.actor_code not in not_codes]
        return []

    def _lower_candidates(self, s: Sentence, v: int, clauses: bool) -> list[int]:
        candidates = [o for o in syntax.objects(s, v) if s.deps[o] != "conj"] + children(s, v, "dative")
        holders = [v] + children(s, v, "advmod", "acomp", "prt", "npadvmod")
        preps = sorted(p for h in holders for p in children(s, h, "prep", "agent"))
        candidates += [o for p in preps for o in children(s, p, "pobj", "pcomp")]
        if clauses:
            for x in children(s, v, "xcomp", "ccomp", "advcl"):
                if s.deps[x] == "advcl" and not children(s, x, "aux"):
                    # "Leaving Yorvik, Xandrian soldiers marched north": no purpose of the act; "to supply
                    # Zemlya" is
                    continue
                candidates += children(s, x, "nsubj", "nsubjpass") + self._lower_candidates(s, x, clauses=False)
        return candidates

    def _first_actor(self, s: Sentence, candidates: list[int]) -> Argument | None:
        """The first candidate that names an entity, else the first candidate."""
        args = [a for a in (self._arg(s, t) for t in candidates) if a is not None]
        return next((a for a in args if a.mention is not None), args[0] if args else None)

    def _partner(self, s: Sentence, subj: int, source: Argument) -> Argument | None:
        """The other party of a joint subject: "Chilean and Peruvian negotiators agreed"."""
        for t in s.subtree(subj):
            if s.deps[t] == "conj":
                arg = self._arg(s, t)
                if (
                    arg
                    and arg.mention
                    and (source.mention is None or arg.mention.entity_id != source.mention.entity_id)
                ):
                    return arg
        return None

    def _noun_event(self, s: Sentence, n: int, code: str | None) -> Event:
        e = Event(s.idx, n, "noun", s.lemmas[n].lower(), code, coded_by="event_nouns.csv" if code else None)
        source, target = _noun_arguments(s, n)
        head = n  # "their mediation efforts": the arguments hang on the phrase's head
        while s.deps[head] == "compound" and s.heads[head] != head:
            head = s.heads[head]
        if head != n:
            head_source, head_target = _noun_arguments(s, head)
            source = source if source is not None else head_source
            target = target if target is not None else head_target
        verb = s.heads[head]
        if (
            s.deps[head] == "dobj"
            and verb != head
            and s.lemmas[verb].lower() in lexicon_files.word_list("noun_support_verb")
        ):
            # "Japan gave Ghana a grant": the verb only carries the noun's event
            if source is None:
                source = subject_token(s, verb)
            if target is None or target in self.numeric.get(s.idx, ()):
                found = self._first_actor(
                    s, _target_candidates(s, verb, "", self.numeric.get(s.idx, set()) | {n, head})
                )
                target = found.token if found else None
        e.source = self._arg(s, source)
        e.target = self._arg(s, target)
        if self.phrases is not None:  # the dictionaries code the phrases, as for verbs
            e.source = self._first_coded(s, e.source) or e.source
            e.target = self._first_coded(s, e.target) or e.target
            if e.source and e.target and e.source.actor_code and e.source.actor_code == e.target.actor_code:
                e.target = None
        e.modality = modality(s, n, self.book.cues)
        return e

    def _statements(
        self, s: Sentence, reporting: list[int], events: list[Event], codes: dict[int, tuple[str | None, str]]
    ) -> list[Event]:
        """A reporting verb whose clause holds no coded event is a statement by its subject. A
        reporting verb hung on an event ("Xandria condemned Yorvik, Zemlyan officials said") reports
        that event."""
        out = []
        triggers = {e.trigger for e in events}
        for v in reporting:
            clause = set(s.subtree(v))
            if triggers & clause or (s.deps[v] in ("parataxis", "ccomp", "advcl", "conj") and s.heads[v] in triggers):
                continue
            code, where = codes.get(v, (self.book.reporting.get(s.lemmas[v].lower()), "reporting_verbs.csv"))
            if not code:
                continue
            if self.phrases is not None:
                out.extend(self._dictionary_statement(s, v, code, where))
                continue
            source = self._arg(s, self._speaker_token(s, v))
            if source is None or source.mention is None:
                continue
            e = Event(s.idx, v, "verb", s.lemmas[v].lower(), code, source, coded_by=where)
            addressee = children(s, v, "dobj", "dative")
            if addressee:
                e.target = self._arg(s, addressee[0])
            e.modality = modality(s, v, self.book.cues)
            out.append(e)
        return out

    def _dictionary_statement(self, s: Sentence, v: int, code: str, where: str) -> list[Event]:
        """A statement coded with the dictionaries: by each actor that speaks, about the actors of what
        is said after the verb ("Ira Moll said Xandria and Zemlya had kept their promises") unless
        said to someone; "X did Y, an official said" is about nobody."""
        speaker = self._speaker_token(s, v)
        sources = [a for a in self._coded_arg(s, speaker) if a.names_actor]
        if not sources:
            return []
        addressee = children(s, v, "dobj", "dative")
        said_after = any(c > v for c in children(s, v, "ccomp", "xcomp"))
        own = frozenset(a.actor_code for a in sources if a.actor_code)
        targets = (
            self._coded_arg(s, addressee[0])
            if addressee
            else self._lower_actor(s, v, {speaker} if speaker is not None else set(), own)
            if said_after
            else []
        )
        targets = [t for t in targets if t.actor_code not in own]
        out: list[Event] = []
        target_choices: Sequence[Argument | None] = targets or [None]
        for src in sources:
            for tgt in target_choices:
                out.append(_verb_event(s, v, code, src, tgt, modality(s, v, self.book.cues), len(out), where))
        return out

    def _uncoded(self, s: Sentence, events: list[Event]) -> list[Event]:
        """Verbs no CAMEO pattern covers but that an entity does or undergoes: kept without a code."""
        coded = {e.trigger for e in events}
        governors = set(self.book.cues.get("governor", {}))
        out = []
        for v in range(len(s)):
            lemma = s.lemmas[v].lower()
            if (
                v in coded
                or s.pos[v] != "VERB"
                or s.deps[v] == "amod"
                or lemma in self.book.reporting
                or lemma in governors
                or lemma in lexicon_files.word_list("support_verb")
            ):
                continue
            objs = syntax.objects(s, v)
            # "mounted an invasion", "penned a letter demanding ...": the coded event is the thing done.
            complements = objs + children(s, v, "xcomp", "ccomp", "prep")
            if any(coded & set(s.subtree(c)) for c in complements):
                continue
            source = self._arg(s, subject_token(s, v))
            target = self._arg(s, objs[0]) if objs else None
            if not ((source and source.mention) or (target and target.mention)):
                continue
            e = Event(s.idx, v, "verb", lemma, None, source, target)
            e.modality = modality(s, v, self.book.cues)
            out.append(e)
        return out

    def _speaker_token(self, s: Sentence, v: int) -> int | None:
        """Who speaks through a reporting verb: its subject, or the X of "according to X"."""
        if s.lemmas[v].lower() == "accord":
            return next((o for p in children(s, v, "prep") for o in children(s, p, "pobj")), None)
        return subject_token(s, v)

    def _reporter(self, s: Sentence, t: int) -> Argument | None:
        """Who the sentence attributes an event to: the speaker of a reporting verb above it, else
        the X of an "according to X" anywhere in the sentence."""
        verbs = [a for a in s.ancestors(t) if s.pos[a] == "VERB" and s.lemmas[a].lower() in self.book.reporting]
        verbs += [v for v in range(len(s)) if s.lemmas[v].lower() == "accord" and v not in verbs]
        for v in verbs:
            arg = self._arg(s, self._speaker_token(s, v))
            if arg is not None and arg.mention is not None:
                return arg
        return None
