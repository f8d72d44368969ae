"""Small questions about the dependency parse, shared by the event and quote coders."""

from __future__ import annotations

from newsfacts.nlp.doc import Sentence


def children(s: Sentence, t: int, *deps: str) -> list[int]:
    return [c for c in s.children(t) if s.deps[c] in deps]


def is_passive(s: Sentence, v: int) -> bool:
    return bool(children(s, v, "nsubjpass", "auxpass"))


def objects(s: Sentence, v: int) -> list[int]:
    objs = children(s, v, "nsubjpass") if is_passive(s, v) else children(s, v, "dobj", "attr")
    for o in list(objs):
        objs.extend(children(s, o, "conj"))
    return objs


def controller(s: Sentence, v: int) -> int | None:
    """Who does what an infinitive or a conjoined verb says: "urged Iraq to act" -> Iraq,
    "Chad is ready to return the prisoners" -> Chad."""
    if s.deps[v] == "xcomp":
        gov = s.heads[v]
        objs = children(s, gov, "dobj")
        if objs:
            return objs[0]
        passive_subject = children(s, gov, "nsubjpass")
        if passive_subject:  # "Russian soldiers were ordered to attack Georgia": the soldiers attack
            return passive_subject[0]
        return subject_token(s, gov)
    if s.deps[v] in ("conj", "advcl", "pcomp", "acomp") and s.heads[v] != v:
        return subject_token(s, s.heads[v])
    if s.deps[v] in ("relcl", "acl") and s.heads[v] != v and s.tags[v] != "VBN":
        return s.heads[v]  # "forces attacking the city"; not "the attack conducted by X"
    return None


def subject_token(s: Sentence, v: int) -> int | None:
    if is_passive(s, v):
        agents = [o for a in children(s, v, "agent") for o in children(s, a, "pobj")]
        return agents[0] if agents else None
    subj = children(s, v, "nsubj", "csubj")
    if subj:
        return subj[0]
    controlling = controller(s, v)
    if controlling is not None:
        return controlling
    # A name the parser hung on the verb as a modifier ("the US denounces", misread as a noun phrase).
    left = [
        c
        for c in s.children(v)
        if c < v and s.deps[c] in ("compound", "nmod", "npadvmod", "dep") and s.pos[c] == "PROPN"
    ]
    return left[-1] if left else None
