"""Whether an event is reported as having happened: asserted, negated, hypothetical, future
or conditional, from cue words around its trigger (see assets/lexicons/modality_cues.csv).

Cues count on the trigger itself and on the verbs it is the complement of:
"is planning to withdraw" is future through "planning", and "unless Iraq
controls attacks" makes that withdrawal conditional.
"""

from __future__ import annotations

from newsfacts.contract.values import Modality
from newsfacts.nlp.doc import Sentence

# Strongest first: one cue of a stronger kind decides.
ORDER = (Modality.NEGATED, Modality.CONDITIONAL, Modality.HYPOTHETICAL, Modality.FUTURE)
_COMPLEMENT_DEPS = {"xcomp", "ccomp", "conj"}
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj"}


def _own_cues(s: Sentence, t: int, cues: dict[str, dict[str, str]], found: set[str]) -> None:
    for c in s.children(t):
        dep, word, lemma = s.deps[c], s.words[c].lower(), s.lemmas[c].lower()
        if dep in ("aux", "auxpass"):
            m = cues.get("aux", {}).get(word) or cues.get("aux", {}).get(lemma)
            if m:
                found.add(m)
        elif dep == "neg" and (word in cues.get("neg", {}) or lemma in cues.get("neg", {})):
            found.add(Modality.NEGATED)
        elif dep == "mark" and word in cues.get("mark", {}):  # the trigger is in the condition itself
            found.add(cues["mark"][word])
        elif dep == "advcl":
            for g in s.children(c):
                if s.deps[g] == "mark" and s.words[g].lower() in cues.get("mark", {}):
                    found.add(cues["mark"][s.words[g].lower()])
        elif dep in _ARG_DEPS:
            for g in s.children(c):
                if s.deps[g] == "det" and s.words[g].lower() in cues.get("det", {}):
                    found.add(cues["det"][s.words[g].lower()])


def modality(s: Sentence, trigger: int, cues: dict[str, dict[str, str]]) -> Modality:
    found: set[str] = set()
    _own_cues(s, trigger, cues, found)
    t = trigger
    seen = {t}
    while s.deps[t] in _COMPLEMENT_DEPS and s.heads[t] not in seen:
        governor = s.heads[t]
        seen.add(governor)
        if s.deps[t] != "conj":
            m = cues.get("governor", {}).get(s.lemmas[governor].lower())
            if m:
                found.add(m)
        if s.deps[t] != "ccomp":  # a reported clause keeps its own tense: "said it will" vs "will say"
            _own_cues(s, governor, cues, found)
        t = governor
    if s.pos[trigger] == "NOUN" and s.deps[trigger] in ("dobj", "pobj"):
        verb = s.heads[trigger] if s.deps[trigger] == "dobj" else s.heads[s.heads[trigger]]
        m = cues.get("governor", {}).get(s.lemmas[verb].lower())
        if m:
            found.add(m)
        _own_cues(s, verb, cues, found)
    return next((m for m in ORDER if m in found), Modality.ASSERTED)
