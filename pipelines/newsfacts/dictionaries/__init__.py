"""The field's coding dictionaries (TABARI / PETRARCH format): CAMEO verb patterns, actors with
date-ranged codes, agents and discards. Plain Python: no Dagster, no spaCy. Part of the bottom
layer: it may import only newsfacts.caching, and every layer may import it.

Loading a set
-------------
    from newsfacts.dictionaries import load, describe

    ds = load()                                   # the shipped default set (assets/dictionaries)
    ds = load(["default", "my/region"])           # folders in order; later ones extend and override
    ds = load(folders, use_cache=False)           # read the files, not the machine cache
    ds.problems                                   # [Problem(file, line, message, text), ...]
    ds.digest, ds.description.files               # SHA-256 of the set; (path, folder, role, sha256)
    describe(folders).digest                      # the digest without reading the files

In an asset, take the run's set from the resource (cached per process, folders from
--dictionaries / $NEWSFACTS_DICTIONARIES): `dictionaries: DictionariesResource` -> `.load()`
(newsfacts.defs.resources), or `.report()` for what is said of it without its entries. The
entities and events layers already take it (their coding workers load it, see
newsfacts.events.batch_coding); their code versions include the set's digest.

Verbs
-----
`ds.verbs.verbs` maps a verb's lemma key to its `Verb`: the lower-case base form; for a
multi-word verb the words separated by blanks with the verb word marked `+` (`attack`,
`+cordon off`, `wire +tap`). `ds.verbs.by_word["cordon"]` lists every verb whose verb word
has that base form (what spaCy's `token.lemma_` gives), multi-word ones included, so

    for verb in ds.verbs.by_word.get(token.lemma_.lower(), []):
        # verb.before / verb.after: the other words of a multi-word verb (particles: `off`)
        block = ds.verbs.blocks[verb.block]        # VerbBlock: description, code, verbs, patterns
        code = verb.code                           # EventCode of the verb alone (the block's unless its own)
        for pattern in block.patterns:             # VerbPattern, most specific ones for the coder to choose
            pattern.pre_nouns, pattern.pre_preps, pattern.post_nouns, pattern.post_preps
            pattern.code                           # EventCode(written, active, passive); is_null for [---]
            pattern.markers(TermKind.SOURCE)       # [("pre" | "post", element index)] for $, likewise + % ^
            pattern.file, pattern.line, pattern.text

`ds.verbs.block_of(lemma)` and `ds.verbs.patterns_for(lemma)` do the lookup by lemma key;
`ds.verbs.forms["broke"]` gives the base forms a surface form belongs to ({"break"}).
A pattern's elements are `NounElement`s (terms, braced; `.head` is the last word or synset:
`{FINANCIAL AID}` -> aid) and `PrepElement`s (preposition term, object noun elements).
A `Term` is a word (lower case), a synset reference (`&NAME`: expand with
`ds.verbs.synsets[NAME].phrases`, plurals included), or a marker: `$` source, `+` target,
`%` compound actor (source and target at once, TABARI), `^` skip a noun phrase. `Term.joined`:
the next term must follow at once (`_`); otherwise other words may come between.
`pattern.verb_joined`: (`IN_*`, `*_OUT`) the neighbours that touch the verb.
Codes `[A:B]`: A codes the event as read, B the passive reading (the event the other way
round, PETRARCH's convention); `[:B]` only the latter. `ds.verbs.transformations` holds the
`~` lines.

Actors and agents
-----------------
    for phrase, entry in ds.actors.phrases():    # every phrase with the entry that wins for it
        phrase.words                             # ("barack", "obama"): lower case
        phrase.text                              # "barack obama": make the PhraseMatcher pattern with
                                                 # nlp.tokenizer(phrase.text) and attr="LOWER"
        entry.code_at(published_date)            # (code, CodeRange | None): the first date restriction
                                                 # holding the date (limits inclusive), else the default
                                                 # code with None; without a date, the default
    for phrase, agent in ds.agents.phrases():    # plurals and !MARKER! substitutions included
        agent.combine("IRQ")                     # "IRQCOP" for [~COP], "NGOIRQ" for [NGO~]
    ds.actors.by_phrase[("barack", "obama")]     # lookup by words; likewise ds.agents.by_phrase

`phrase.exact` (trailing `_`): a whole last word; otherwise TABARI read it as a stem.
`phrase.joined`: `_` (consecutive) or blank per gap; a blank lets words come between in agent
phrases and patterns (actor files use both alike).

Discards
--------
    ds.discards.scoped(DiscardScope.SENTENCE) / .scoped(DiscardScope.STORY); discard.matches(text)
"""

from newsfacts.dictionaries.actors import ActorDictionary, ActorEntry, CodeRange, parse_date
from newsfacts.dictionaries.agents import AgentDictionary, AgentEntry, AgentPosition
from newsfacts.dictionaries.discards import Discard, DiscardList, DiscardScope
from newsfacts.dictionaries.lines import Problem
from newsfacts.dictionaries.phrases import Phrase
from newsfacts.dictionaries.sets import (
    DEFAULT,
    ENV_VAR,
    DictionaryError,
    DictionaryFile,
    DictionarySet,
    Role,
    SetDescription,
    SetReport,
    default_dir,
    describe,
    folders_from_env,
    load,
    load_report,
)
from newsfacts.dictionaries.verbs import (
    EventCode,
    NounElement,
    PrepElement,
    Synset,
    Term,
    TermKind,
    Transformation,
    Verb,
    VerbBlock,
    VerbDictionary,
    VerbPattern,
)

__all__ = [
    "DEFAULT",
    "ENV_VAR",
    "ActorDictionary",
    "ActorEntry",
    "AgentDictionary",
    "AgentEntry",
    "AgentPosition",
    "CodeRange",
    "Discard",
    "DiscardList",
    "DiscardScope",
    "DictionaryError",
    "DictionaryFile",
    "DictionarySet",
    "EventCode",
    "NounElement",
    "Phrase",
    "PrepElement",
    "Problem",
    "Role",
    "SetDescription",
    "SetReport",
    "Synset",
    "Term",
    "TermKind",
    "Transformation",
    "Verb",
    "VerbBlock",
    "VerbDictionary",
    "VerbPattern",
    "default_dir",
    "describe",
    "folders_from_env",
    "load",
    "load_report",
    "parse_date",
]
