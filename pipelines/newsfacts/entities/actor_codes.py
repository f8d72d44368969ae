"""CAMEO actor codes from the words around a mention: country plus sector.

"US Secretary of State Mike Pompeo" -> USA + GOV; "top Iranian general Qasem
Soleimani" -> IRN + MIL; "Pentagon spokesperson Jonathan Hoffman" takes the
Pentagon's code; "Ahmed Mulla Talal, a spokesman for Prime Minister Mustafa
al-Kadhimi" takes the code of the person he speaks for. Group phrases such as
"the Iraqi parliament" or "US soldiers" become actors of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsfacts import lexicon_files
from newsfacts.entities.gazetteer import REGION_NAMES, Gazetteer, Role
from newsfacts.nlp.doc import Mention, Sentence

INHERIT = "INHERIT"
# Words that may glue a title together ("Secretary of State") but never start one.
_TITLE_GLUE = {"of", "for", "-", "'s", "’s"}
_GROUP_MODIFIER_DEPS = {"amod", "compound", "poss", "nmod", "npadvmod"}


@dataclass(frozen=True)
class ActorContext:
    country: str | None = None  # ISO3 or CAMEO region
    role: str | None = None  # CAMEO sector or INHERIT
    org_code: str | None = None  # full code of an organisation named in the context
    title: tuple[str, ...] = ()  # lower-cased title words, for "the prime minister"

    def code(self) -> str | None:
        if self.org_code and (self.role in (None, INHERIT) or not self.country):
            return self.org_code
        if self.country and self.role and self.role != INHERIT:
            return self.country + self.role
        return None


def read_context(words: list[str], gaz: Gazetteer, org_at_end: bool = False) -> ActorContext:
    """Country, sector and organisation named in a run of words (a title or an apposition).

    With org_at_end, an organisation counts only as the head of the words: "US State Department"
    is the State Department, "Sky News Arabia" is not Sky News."""
    lower = [w.lower() for w in words]
    country = role = org_code = None
    title: tuple[str, ...] = ()
    i = 0
    while i < len(words):
        hit = gaz.match(words, i) if words[i][:1].isupper() else None
        if hit:
            n, entry = hit
            own = not (
                i + n + 1 < len(words)
                and words[i + n] == "-"
                and lower[i + n + 1] in lexicon_files.word_list("backing")
            )
            if entry.kind in ("country", "demonym") and own and country is None:
                country = entry.key
            elif (
                entry.kind == "organisation"
                and entry.actor_code
                and org_code is None
                and (not org_at_end or i + n == len(words))
            ):
                org_code = entry.actor_code
            i += n
            continue
        found = gaz.role_at(lower, i, "titles") or gaz.role_at(lower, i, "nouns")
        if found:
            n, r = found
            role, title = r.role, r.term  # the last role word is the head: "army general" -> general
            i += n
            continue
        i += 1
    return ActorContext(country, role, org_code, title)


def title_window(s: Sentence, m: Mention, max_words: int = 8) -> list[int]:
    """Token indices of the title words before a name that belong to its noun phrase
    ("US Secretary of State" before "Mike Pompeo", not "a spokesman for" before "Prime Minister ...")."""
    inside = set(range(m.start, m.end))
    out: list[int] = []
    i = m.start - 1
    while i >= 0 and len(out) < max_words:
        if s.pos[i] == "PUNCT" and s.words[i] != "-":
            break
        if not inside & set(s.ancestors(i)):
            break
        out.insert(0, i)
        i -= 1
    while out and (s.words[out[0]].lower() in _TITLE_GLUE or s.pos[out[0]] == "DET"):
        out.pop(0)
    return out


def title_context(s: Sentence, m: Mention, gaz: Gazetteer) -> ActorContext:
    window = title_window(s, m)
    return read_context([s.words[i] for i in window], gaz) if window else ActorContext()


def apposition(s: Sentence, m: Mention) -> int | None:
    """The head token of an apposition attached to the mention ("X, a spokesman for Y"), or of
    the noun the mention is an apposition to ("the minister, X")."""
    root = s.span_root(m.start, m.end)
    for j in s.children(root):
        if s.deps[j] == "appos" and not (m.start <= j < m.end):
            return j
    if s.deps[root] == "appos" and not (m.start <= s.heads[root] < m.end):
        return s.heads[root]
    return None


def _role_ending_at(s: Sentence, head: int, gaz: Gazetteer) -> Role | None:
    """The longest role term that ends at the head noun: "foreign minister", "spokesman"."""
    lower = [w.lower() for w in s.words]
    for n in range(min(4, head + 1), 0, -1):
        term = tuple(lower[head - n + 1 : head + 1])
        role = gaz.titles.get(term) or gaz.nouns.get(term)
        if role is None and n == 1:
            role = gaz.nouns.get((s.lemmas[head].lower(),))
        if role is not None:
            return role
    return None


def apposition_context(s: Sentence, head: int, gaz: Gazetteer) -> tuple[ActorContext, int | None]:
    """Context of an apposition ("a senior Iraqi official", "Iraq's foreign minister"), and the
    token it speaks for when its role is inherited ("a spokesman for Y")."""
    role = _role_ending_at(s, head, gaz)
    modifiers = [i for i in s.subtree(head) if i < head and s.deps[i] not in ("det", "punct")]
    found = read_context([s.words[i] for i in modifiers], gaz) if modifiers else ActorContext()
    principal = None
    for prep in s.children(head):
        if s.deps[prep] == "prep" and s.words[prep].lower() in ("for", "of", "to", "at", "with"):
            objs = [j for j in s.children(prep) if s.deps[j] == "pobj"]
            if objs:
                principal = objs[0]
                break
    ctx = ActorContext(
        found.country, role.role if role else found.role, found.org_code, role.term if role else found.title
    )
    return ctx, principal


def group_actor_spans(s: Sentence, gaz: Gazetteer) -> list[tuple[int, int, str, str]]:
    """(start, end, code, role noun) for phrases like "the Iraqi parliament" or "US soldiers"."""
    out = []
    lower = [w.lower() for w in s.words]
    for i in range(len(s)):
        if s.pos[i] not in ("NOUN", "PROPN"):
            continue
        role = gaz.nouns.get((s.lemmas[i].lower(),)) or gaz.nouns.get((lower[i],))
        if role is None or role.role == INHERIT:
            continue
        if s.deps[i] == "compound" or (i + 1 < len(s) and s.pos[i + 1] == "PROPN"):
            continue  # a title before a name ("German Chancellor Klaus Becker"), not a group
        country, first = None, None
        for j in sorted(s.children(i)):
            if j >= i or s.deps[j] not in _GROUP_MODIFIER_DEPS:
                continue
            lo = min(s.subtree(j))
            hit = gaz.match(s.words, lo) if s.words[lo][:1].isupper() else None
            if hit is None:
                continue
            n, entry = hit
            after = lo + n
            backed = (
                after + 1 < len(s) and s.words[after] == "-" and lower[after + 1] in lexicon_files.word_list("backing")
            )
            if entry.kind in ("country", "demonym") and not backed:
                country, first = entry.key, lo
                break
        if country and country not in REGION_NAMES:
            assert first is not None  # set with the country
            out.append((first, i + 1, country + role.role, lower[i]))
    return out
