"""The verb dictionary: synonym sets, verb blocks with their verbs and patterns, transformations.

    &CURRENCY                    a synonym set (label ending `_`: no automatic plurals)
    +DOLLAR                      its members: phrases, or other sets (+&MONEY)
    --- ASK [020] ---            a verb block: description and code
    REQUEST [020]                a verb of the block, with its own code
    BREAK {BROKE BROKEN}         irregular forms (otherwise regular ones are made)
    +CORDON_OFF {+CORDONED_OFF}  multi-word verb, `+` on the verb word
    - $ * (FOR {FINANCIAL AID}) + [0211:0231] # comment     a pattern
    ~ a (a b ATTACK) SAY = a b 015                          a transformation

Codes: `[---]` is the null code (the verb alone is no event); `[A:B]` gives the code of the
active reading A and of the passive one B (PETRARCH: the event read the other way round,
e.g. ARRIVE [042:043], "make a visit" / "host a visit"); either side may be empty
(`[:173]`). Codes that are not 2-4 digits are kept as written and reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple, TypeVar

from newsfacts.dictionaries.lines import Problem, numbered_lines, strip_comment
from newsfacts.dictionaries.phrases import Phrase, parse_phrase, plural, verb_forms

_CODE = re.compile(r"^\d{2,4}$")


class EventCode(NamedTuple):
    """A code as written in `[...]`: the active code, the passive one of `A:B`, both None for `---`."""

    written: str
    active: str | None
    passive: str | None = None

    @property
    def is_null(self) -> bool:
        return self.active is None and self.passive is None


NULL_CODE = EventCode("---", None)


def parse_code(written: str) -> tuple[EventCode, str | None]:
    """An EventCode and, when a part is not a CAMEO code (2-4 digits or ---), a problem message."""
    w = written.strip()
    if w == "---":
        return NULL_CODE, None
    parts = w.split(":")
    if len(parts) > 2:
        return EventCode(w, w), f"code [{w}] has more than one ':'; kept as written"
    active = parts[0].strip() or None
    passive = parts[1].strip() or None if len(parts) == 2 else None
    active = None if active == "---" else active
    passive = None if passive == "---" else passive
    odd = [p for p in (active, passive) if p is not None and not _CODE.match(p)]
    message = f"code [{w}] is not a CAMEO code; kept as written" if odd or not (active or passive) else None
    return EventCode(w, active, passive), message


class TermKind(StrEnum):
    WORD = "word"
    SYNSET = "synset"  # &NAME: any phrase of the synonym set
    SOURCE = "source"  # $
    TARGET = "target"  # +
    COMPOUND = "compound"  # %: a compound (conjoined) actor, source and target at once
    SKIP = "skip"  # ^: skip a noun phrase (TABARI)


_MARKERS = {"$": TermKind.SOURCE, "+": TermKind.TARGET, "%": TermKind.COMPOUND, "^": TermKind.SKIP}


class Term(NamedTuple):
    """One word, synset reference or marker of a pattern."""

    kind: TermKind
    text: str  # lower-case word, synset name (upper case, without &), or the marker
    joined: bool = False  # `_` to the next term: it must follow at once
    exact: bool = False  # written `WORD_ `: a whole word, not a stem


class NounElement(NamedTuple):
    """A noun (or marker) element: `AID`, `{FINANCIAL AID}` (braced: the last word is the head),
    or a `_`-joined run such as `DEMAND_&GENINT_CONVENTIONS`."""

    terms: tuple[Term, ...]
    braced: bool = False

    @property
    def head(self) -> Term | None:
        words = [t for t in self.terms if t.kind in (TermKind.WORD, TermKind.SYNSET)]
        return words[-1] if words else None


class PrepElement(NamedTuple):
    """A prepositional phrase `(FOR {FINANCIAL AID})`: the preposition and its objects."""

    preposition: Term | None
    objects: tuple[NounElement, ...] = ()


Element = NounElement | PrepElement


E = TypeVar("E")


def _only(elements: Sequence[object], kind: type[E]) -> tuple[E, ...]:
    return tuple(e for e in elements if isinstance(e, kind))


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """`- pre * post [code] # comment`: the elements before and after the verb, in written order."""

    block: str
    pre: tuple[Element, ...]
    post: tuple[Element, ...]
    code: EventCode
    file: str
    line: int
    text: str
    comment: str = ""
    verb_joined: tuple[bool, bool] = (False, False)  # `IN_*`, `*_OUT`: the neighbour touches the verb

    # The noun and prepositional-phrase elements before and after the verb, each kind apart.
    pre_nouns = property(lambda self: _only(self.pre, NounElement))
    pre_preps = property(lambda self: _only(self.pre, PrepElement))
    post_nouns = property(lambda self: _only(self.post, NounElement))
    post_preps = property(lambda self: _only(self.post, PrepElement))

    def markers(self, kind: TermKind) -> list[tuple[str, int]]:
        """Where a marker sits: ("pre" | "post", index of the element in `pre` / `post`)."""
        found = []
        for side, elements in (("pre", self.pre), ("post", self.post)):
            for i, e in enumerate(elements):
                terms = (
                    e.terms
                    if isinstance(e, NounElement)
                    else (((e.preposition,) if e.preposition else ()) + tuple(t for o in e.objects for t in o.terms))
                )
                if any(t.kind == kind for t in terms):
                    found.append((side, i))
        return found

    def synsets(self) -> set[str]:
        """Names of the synonym sets the pattern refers to."""
        out = set()
        for e in self.pre + self.post:
            nouns = (e,) if isinstance(e, NounElement) else e.objects
            terms = [t for n in nouns for t in n.terms]
            if isinstance(e, PrepElement) and e.preposition:
                terms.append(e.preposition)
            out |= {t.text for t in terms if t.kind == TermKind.SYNSET}
        return out


@dataclass(frozen=True, slots=True)
class Verb:
    """A verb of a block. `lemma` is the dictionary key: lower-case base form, words separated by
    blanks, the verb word marked `+` when there are several (`abandon`, `+cordon off`, `wire +tap`)."""

    lemma: str
    word: str  # the verb word's base form: what spaCy's lemma of the verb token is
    before: tuple[str, ...]  # words before the verb word (`wire` of WIRE_+TAP)
    after: tuple[str, ...]  # words after it (`off` of +CORDON_OFF)
    forms: tuple[str, ...]  # every form of the verb word: base, irregular or regular ones
    code: EventCode
    block: str
    file: str
    line: int


@dataclass(slots=True)
class VerbBlock:
    """`--- DESCRIPTION [CODE] ---` with its verbs and patterns. `key` is the description's first
    word, lower case (PETRARCH files patterns under it)."""

    key: str
    description: str
    code: EventCode
    file: str
    line: int
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)


@dataclass(slots=True)
class Synset:
    """`&NAME` and its members; `phrases` holds them all, nested sets expanded, plurals included."""

    name: str
    no_plurals: bool
    file: str
    line: int
    phrases: list[Phrase] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Transformation:
    """`~ a (b c VERB2) VERB1 = x y CODE`: when VERB1 of `a` takes the event (b c VERB2) as its
    complement, code (x y CODE). Actor letters: `.` any actor, `_` no actor; verb `Q` any verb."""

    source: str
    inner: tuple[str, str, str]
    verb: str
    result: tuple[str, str, str]
    file: str
    line: int
    text: str


@dataclass(slots=True)
class VerbDictionary:
    synsets: dict[str, Synset] = field(default_factory=dict)
    blocks: dict[str, VerbBlock] = field(default_factory=dict)
    verbs: dict[str, Verb] = field(default_factory=dict)  # lemma -> verb
    by_word: dict[str, list[Verb]] = field(default_factory=dict)  # verb word lemma -> verbs
    forms: dict[str, set[str]] = field(default_factory=dict)  # any form -> base forms
    transformations: list[Transformation] = field(default_factory=list)

    def block_of(self, lemma: str) -> VerbBlock | None:
        """The block of a verb given by its lemma key (`attack`, `+cordon off`)."""
        verb = self.verbs.get(lemma)
        return self.blocks.get(verb.block) if verb else None

    def patterns_for(self, lemma: str) -> list[VerbPattern]:
        block = self.block_of(lemma)
        return block.patterns if block else []

    def n_patterns(self) -> int:
        return sum(len(b.patterns) for b in self.blocks.values())

    def add_verb(self, verb: Verb) -> None:
        old = self.verbs.get(verb.lemma)
        if old is not None:
            self.by_word[old.word] = [v for v in self.by_word.get(old.word, []) if v.lemma != verb.lemma]
        self.verbs[verb.lemma] = verb
        self.by_word.setdefault(verb.word, []).append(verb)
        for f in verb.forms:
            self.forms.setdefault(f, set()).add(verb.word)

    def merge(self, other: VerbDictionary) -> None:
        """Add another dictionary: its synsets, blocks (patterns appended to a block of the same key)
        and verbs (a verb of the same lemma moves to the other's block)."""
        self.synsets.update(other.synsets)
        for key, block in other.blocks.items():
            mine = self.blocks.get(key)
            if mine is None:
                self.blocks[key] = VerbBlock(
                    block.key,
                    block.description,
                    block.code,
                    block.file,
                    block.line,
                    list(block.verbs),
                    list(block.patterns),
                )
            else:
                mine.verbs.extend(block.verbs)
                mine.patterns.extend(block.patterns)
        for verb in other.verbs.values():
            self.add_verb(verb)
        self.transformations.extend(other.transformations)


# ---------------------------------------------------------------------------------------------- reading

_BRACKETS = re.compile(r"\[([^\]]*)\]")
_TOKEN = re.compile(r"\s+|_|[{}()*$%^+]|&[A-Za-z0-9_]+|[^\s_{}()*$%^+&\[\]]+|.")


def read_verbs(data: bytes, file: str, problems: list[Problem]) -> VerbDictionary:
    d = VerbDictionary()
    block: VerbBlock | None = None
    synset: Synset | None = None
    for number, text in numbered_lines(data, file, problems):
        line = strip_comment(text).strip()
        if not line:
            continue

        def problem(message: str, number: int = number, text: str = text) -> None:
            problems.append(Problem(file, number, message, text))

        if line.startswith("---"):
            block = _read_block_header(line, file, number, problem)
            synset = None
            if block is not None:
                if block.key in d.blocks:
                    problem(f"block {block.key.upper()} defined again; its verbs and patterns join the first one")
                    block = d.blocks[block.key]
                else:
                    d.blocks[block.key] = block
        elif line.startswith("&"):
            name = line[1:].split()[0] if line[1:].split() else ""
            if not name or len(line[1:].split()) > 1:
                problem("malformed synonym set label; expected &NAME alone")
                synset = None
                continue
            no_plurals = name.endswith("_")
            name = name.rstrip("_").upper()
            if name in d.synsets:
                problem(f"synonym set &{name} defined again; members added to the first definition")
                synset = d.synsets[name]
            else:
                synset = d.synsets[name] = Synset(name, no_plurals, file, number)
            block = None
        elif line.startswith("+") and synset is not None:
            _read_synset_member(line[1:].strip(), synset, d, problem)
        elif line.startswith("-"):
            if block is None:
                problem("pattern outside a verb block; ignored")
                continue
            pattern = _read_pattern(text, line[1:], block.key, file, number, d, problem)
            if pattern is not None:
                block.patterns.append(pattern)
        elif line.startswith("~"):
            t = _read_transformation(line, file, number, text, problem)
            if t is not None:
                d.transformations.append(t)
        else:
            if block is None:
                problem("verb outside a verb block; ignored")
                continue
            for verb in _read_verb_line(line, block, file, number, problem):
                old = d.verbs.get(verb.lemma)
                if old is not None and old.block != verb.block:
                    problem(
                        f"verb {verb.lemma!r} already in block {old.block.upper()} (line {old.line}); "
                        f"the later block wins"
                    )
                block.verbs.append(verb)
                d.add_verb(verb)
    return d


def _read_block_header(line: str, file: str, number: int, problem) -> VerbBlock | None:
    body = line.strip("-").strip()
    codes = _BRACKETS.findall(body)
    description = _BRACKETS.sub(" ", body).strip()
    if not description:
        problem("verb block without a description; its verbs and patterns are ignored")
        return None
    if len(codes) > 1:
        problem(f"verb block with {len(codes)} codes; the first, [{codes[0]}], is used")
    code, message = parse_code(codes[0]) if codes else (NULL_CODE, None)
    if message:
        problem(message)
    return VerbBlock(description.split()[0].rstrip("_").lower(), description, code, file, number)


def _read_synset_member(member: str, synset: Synset, d: VerbDictionary, problem) -> None:
    if member.startswith("&"):
        name = member[1:].split()[0].rstrip("_").upper() if member[1:].split() else ""
        nested = d.synsets.get(name)
        if nested is None:
            problem(f"synonym set &{name} used before it is defined; member ignored")
            return
        synset.phrases.extend(nested.phrases)
        return
    if any(c in member for c in "$+%^*{}()[]&"):
        problem("synonym set member with a pattern symbol; ignored (members hold words only)")
        return
    phrase = parse_phrase(member)
    if phrase is None:
        problem("empty synonym set member; ignored")
        return
    phrase = Phrase(phrase.words, tuple(True for _ in phrase.joined), phrase.exact)  # members are consecutive
    synset.phrases.append(phrase)
    if not phrase.exact and not synset.no_plurals:
        synset.phrases.append(phrase.with_last(plural(phrase.words[-1])))


def _read_verb_line(line: str, block: VerbBlock, file: str, number: int, problem) -> list[Verb]:
    codes = _BRACKETS.findall(line)
    rest = _BRACKETS.sub(" ", line)
    code = block.code
    if codes:
        code, message = parse_code(codes[-1])
        if message:
            problem(message)
    irregular: list[str] = []
    if "{" in rest:
        head, _, tail = rest.partition("{")
        inner, closed, trailing = tail.partition("}")
        if not closed:
            problem("'{' without '}' in verb forms; forms read to the end of the line")
        if trailing.strip():
            problem(f"text after the verb forms ignored: {trailing.strip()!r}")
        irregular = inner.split()
        rest = head
    words = rest.split()
    if not words:
        problem("verb line without a verb; ignored")
        return []
    if len(words) > 1:
        problem("verb written with blanks; read as one multi-word verb (join words with '_')")
    written = "_".join(words)
    parsed = _split_verb(written)
    if parsed is None:
        problem("multi-word verb without '+' on the verb word; the first word is taken as the verb")
        parts = [w for w in written.split("_") if w]
        parsed = ((), parts[0], tuple(parts[1:]))
    before, word, after = parsed
    forms = [word]
    if irregular:
        for f in irregular:
            p = _split_verb(f.replace("{", "").replace("}", ""))
            if p is None or (p[0], p[2]) != (before, after):
                if "_" in f or "+" in f:
                    problem(f"form {f!r} does not match the verb {written!r}; ignored")
                    continue
                p = ((), f.lower(), ())
            forms.append(p[1])
    else:
        forms.extend(verb_forms(word))
    lemma = " ".join(list(before) + ["+" + word] + list(after)) if (before or after) else word
    return [Verb(lemma, word, before, after, tuple(dict.fromkeys(forms)), code, block.key, file, number)]


def _split_verb(written: str) -> tuple[tuple[str, ...], str, tuple[str, ...]] | None:
    """WIRE_+TAP -> ((wire,), tap, ()); ABANDON -> ((), abandon, ()); None for a multi-word verb without +."""
    parts = [p for p in written.strip("_").split("_") if p]
    if not parts:
        return None
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    if not marked:
        return ((), parts[0].lower(), ()) if len(parts) == 1 else None
    i = marked[0]
    words = [p.lstrip("+").lower() for p in parts]
    return tuple(words[:i]), words[i], tuple(words[i + 1 :])


def _read_transformation(line: str, file: str, number: int, text: str, problem) -> Transformation | None:
    m = re.match(r"^~\s*(\S+)\s*\(\s*(\S+)\s+(\S+)\s+(\S+)\s*\)\s*(\S+)\s*=\s*(\S+)\s+(\S+)\s+(\S+)\s*$", line)
    if not m:
        problem("malformed transformation; expected '~ a (b c VERB) VERB = x y CODE'; ignored")
        return None
    g = m.groups()
    return Transformation(g[0], (g[1], g[2], g[3].upper()), g[4].upper(), (g[5], g[6], g[7]), file, number, line)


class _PatternError(ValueError):
    pass


def _read_pattern(
    text: str, body: str, block: str, file: str, number: int, d: VerbDictionary, problem
) -> VerbPattern | None:
    comment = text.partition("#")[2].strip()
    codes = list(_BRACKETS.finditer(body))
    if not codes:
        problem("pattern without a [code]; ignored")
        return None
    last = codes[-1]
    if body[last.end() :].strip():
        problem(f"text after the pattern's code ignored: {body[last.end() :].strip()!r}")
    if len(codes) > 1:
        problem(f"pattern with {len(codes)} codes; the last, [{last.group(1)}], is used")
    code, message = parse_code(last.group(1))
    if message:
        problem(message)
    pattern_text = _BRACKETS.sub(" ", body[: last.start()])
    if pattern_text.count("*") != 1:
        problem(f"pattern with {pattern_text.count('*')} verb positions '*' (expected one); ignored")
        return None
    try:
        pre, post, joined = _parse_elements(pattern_text, d)
    except _PatternError as e:
        problem(f"{e}; pattern ignored")
        return None
    return VerbPattern(block, pre, post, code, file, number, " ".join(body[: last.end()].split()), comment, joined)


GLUE = ("glue",)  # a `_` between two terms (or a term and the verb)


def _terms(text: str, d: VerbDictionary) -> list:
    """Tokens of a pattern: Term builders (dicts), GLUE, or one of '{', '}', '(', ')', '*'."""
    out: list = []
    last: dict | str | None = None  # the term or verb a following `_` would join
    glue = False
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok.isspace() or tok in "{}()":
            if glue and isinstance(last, dict):
                last["exact"] = True
            glue, last = False, None
            if not tok.isspace():
                out.append(tok)
            continue
        if tok == "_":
            glue = True
            continue
        pieces: list = []
        if tok == "*":
            pieces.append("*")
        elif tok in _MARKERS:
            pieces.append({"kind": _MARKERS[tok], "text": tok})
        elif tok.startswith("&"):
            parts = tok[1:].upper().split("_")
            for n in range(len(parts), 0, -1):
                if "_".join(parts[:n]) in d.synsets:
                    break
            else:
                raise _PatternError(f"synonym set &{parts[0]} used before it is defined")
            pieces.append({"kind": TermKind.SYNSET, "text": "_".join(parts[:n])})
            for w in parts[n:]:
                pieces.append("_")
                if w:
                    pieces.append({"kind": TermKind.WORD, "text": w.lower()})
        elif tok in "[]&":
            raise _PatternError(f"unexpected {tok!r}")
        else:
            pieces.append({"kind": TermKind.WORD, "text": tok.lower()})
        for piece in pieces:
            if piece == "_":
                glue = True
                continue
            if glue and last is not None:
                if isinstance(last, dict):
                    last["joined"] = True
                out.append(GLUE)
            glue = False
            out.append(piece)
            last = piece
    if glue and isinstance(last, dict):
        last["exact"] = True
    return out


def _freeze(t: dict) -> Term:
    return Term(t["kind"], t["text"], t.get("joined", False), t.get("exact", False))


def _parse_elements(text: str, d: VerbDictionary):
    tokens = _terms(text, d)
    sides: list[list[Element]] = [[], []]
    side = 0
    joined = [False, False]
    i = 0
    run: list[dict] = []

    def flush() -> None:
        if run:
            sides[side].append(NounElement(tuple(_freeze(t) for t in run)))
            run.clear()

    def nouns_until(close: str, j: int) -> tuple[list[NounElement], int]:
        out: list[NounElement] = []
        cur: list[dict] = []
        while j < len(tokens) and tokens[j] != close:
            tok = tokens[j]
            if tok == "{":
                if cur:
                    out.append(NounElement(tuple(_freeze(t) for t in cur)))
                    cur = []
                inner, j = nouns_until("}", j + 1)
                out.append(NounElement(tuple(t for e in inner for t in e.terms), braced=True))
            elif tok in ("(", ")", "}", "*"):
                raise _PatternError(f"unexpected {tok!r} inside {'braces' if close == '}' else 'parentheses'}")
            elif tok == GLUE:
                pass
            else:
                if cur and not cur[-1].get("joined"):
                    out.append(NounElement(tuple(_freeze(t) for t in cur)))
                    cur = []
                cur.append(tok)
            j += 1
        if j >= len(tokens):
            raise _PatternError(f"{'{' if close == '}' else '('!r} without {close!r}")
        if cur:
            out.append(NounElement(tuple(_freeze(t) for t in cur)))
        return out, j

    while i < len(tokens):
        tok = tokens[i]
        if tok == "*":
            if run and run[-1].get("joined"):
                joined[0] = True
            flush()
            side = 1
            if i + 1 < len(tokens) and tokens[i + 1] == GLUE:
                joined[1] = True
        elif tok == GLUE:
            pass
        elif tok == "{":
            flush()
            inner, i = nouns_until("}", i + 1)
            sides[side].append(NounElement(tuple(t for e in inner for t in e.terms), braced=True))
        elif tok == "(":
            flush()
            inner, i = nouns_until(")", i + 1)
            terms = [t for e in inner for t in e.terms]
            if not terms:
                raise _PatternError("empty prepositional phrase '()'")
            prep, objects = inner[0].terms[0], list(inner)
            rest = inner[0].terms[1:]
            objects = ([NounElement(rest, inner[0].braced)] if rest else []) + objects[1:]
            sides[side].append(PrepElement(prep, tuple(objects)))
        elif tok in (")", "}"):
            raise _PatternError(f"{tok!r} without its opening bracket")
        else:
            if run and not run[-1].get("joined"):
                flush()
            run.append(tok)
        i += 1
    flush()
    return tuple(sides[0]), tuple(sides[1]), (joined[0], joined[1])
