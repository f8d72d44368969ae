"""events/arguments.py on hand-built parses and hand-given mentions: which entity an argument token
stands for (covering mentions, phrases, pronouns, relative pronouns) and the span shown for it."""

from __future__ import annotations

from newsfacts.events.arguments import Argument, ArgumentResolver, MentionRef, phrase_span

from parses import article, sentence


def ref(sidx: int, start: int, end: int, label: str, entity: str, code: str | None = None, kind: str = "name"):
    return MentionRef(sidx, start, end, label, kind, entity, code, code[:3] if code else None)


def test_the_widest_covering_mention_wins():
    # "the Iraqi parliament": the group over the country word inside it
    a = article(sentence("the Iraqi parliament voted .", [2, 2, 3, 3, 3], "det amod nsubj ROOT punct"))
    iraq = ref(0, 1, 2, "NORP", "iraq", "IRQ")
    parliament = ref(0, 1, 3, "ORG", "parliament", "IRQLEG", kind="group")
    resolver = ArgumentResolver(a, [iraq, parliament])
    assert resolver.covering(0, 1) is parliament
    assert resolver.covering(0, 3) is None


def test_a_mention_inside_the_phrase_names_the_argument():
    # "attacks on American personnel": the United States
    a = article(
        sentence(
            "attacks on American personnel rose .",
            [4, 0, 3, 1, 4, 4],
            "nsubj prep amod pobj ROOT punct",
            pos="NOUN ADP ADJ NOUN VERB PUNCT",
        )
    )
    usa = ref(0, 2, 3, "NORP", "usa", "USA")
    resolver = ArgumentResolver(a, [usa])
    assert resolver.in_phrase(0, 0) is usa
    assert resolver.resolve(0, 0) is usa
    arg = resolver.argument(0, 0)
    assert (arg.mention, arg.token, arg.start, arg.end) == (usa, 0, 0, 4)


def test_a_country_that_backs_a_group_is_not_the_group():
    # "Iran - backed militias": the militias are not Iranian
    a = article(
        sentence("Iran - backed militias attacked .", [2, 2, 3, 4, 4, 4], "npadvmod punct amod nsubj ROOT punct")
    )
    resolver = ArgumentResolver(a, [ref(0, 0, 1, "GPE", "iran", "IRN")])
    assert resolver.covering(0, 0) is None
    assert resolver.resolve(0, 3) is None


def test_he_is_the_last_person_named_before_it():
    a = article(
        sentence(
            "Ali Musa met Omar Haddad and he left .",
            [1, 2, 2, 4, 2, 2, 7, 2, 2],
            "compound nsubj ROOT compound dobj cc nsubj conj punct",
            pos="PROPN PROPN VERB PROPN PROPN CCONJ PRON VERB PUNCT",
        )
    )
    musa, haddad = ref(0, 0, 2, "PERSON", "musa"), ref(0, 3, 5, "PERSON", "haddad")
    assert ArgumentResolver(a, [musa, haddad]).resolve(0, 6) is haddad


def test_it_looks_back_to_the_subject_of_an_earlier_sentence():
    a = article(
        sentence("Iraq accused Kuwait .", [1, 1, 1, 1], "nsubj ROOT dobj punct", pos="PROPN VERB PROPN PUNCT"),
        sentence(
            "It closed the border .", [1, 1, 3, 1, 1], "nsubj ROOT det dobj punct", pos="PRON VERB DET NOUN PUNCT"
        ),
    )
    iraq, kuwait = ref(0, 0, 1, "GPE", "iraq", "IRQ"), ref(0, 2, 3, "GPE", "kuwait", "KWT")
    arg = ArgumentResolver(a, [iraq, kuwait]).argument(1, 0)
    assert arg.mention is iraq
    assert (arg.start, arg.end) == (0, 1)  # the pronoun's own words are shown


def test_we_inside_a_quotation_is_the_speaker():
    a = article(
        sentence(
            '" We will respond , " Omar Haddad said .',
            [8, 3, 3, 8, 8, 8, 7, 8, 8, 8],
            "punct nsubj aux ccomp punct punct compound nsubj ROOT punct",
            pos="PUNCT PRON AUX VERB PUNCT PUNCT PROPN PROPN VERB PUNCT",
        )
    )
    haddad = ref(0, 6, 8, "PERSON", "haddad")
    resolver = ArgumentResolver(a, [haddad], quote_speakers={0: [(0, 6, haddad)]})
    assert resolver.resolve(0, 1) is haddad
    assert ArgumentResolver(a, [haddad]).resolve(0, 1) is None  # outside a quotation nobody is "we"


def test_a_relative_pronoun_stands_for_the_noun_its_clause_modifies():
    # "an official who said": the official
    a = article(
        sentence(
            "an Iraqi official who resigned spoke .",
            [2, 2, 5, 4, 2, 5, 5],
            "det amod nsubj nsubj relcl ROOT punct",
            pos="DET ADJ NOUN PRON VERB VERB PUNCT",
            tags="DT JJ NN WP VBD VBD .",
        )
    )
    official = ref(0, 1, 3, "PERSON", "official", "IRQGOV", kind="description")
    assert ArgumentResolver(a, [official]).resolve(0, 3) is official


def test_phrase_span_leaves_out_the_determiner_and_clauses():
    # "the foreign minister who resigned": the foreign minister
    s = sentence(
        "the foreign minister who resigned , and aides",
        [2, 2, 2, 4, 2, 2, 2, 2],
        "det amod ROOT nsubj relcl punct cc conj",
        tags="DT JJ NN WP VBD , CC NNS",
    )
    assert phrase_span(s, 2) == (1, 3)


def test_argument_codes_combine_the_phrase_and_the_entity():
    usa_gov = ref(0, 0, 1, "ORG", "state", "USAGOV")
    assert Argument(usa_gov, 0, 0, 1, code="USA").actor_code == "USAGOV"  # the entity is more specific
    militaries = ref(0, 0, 1, "NORP", "usa", "USA")
    assert Argument(militaries, 0, 0, 1, code="---MIL").actor_code == "USAMIL"  # the entity gives the country
    assert Argument(usa_gov, 0, 0, 1, code="IRQ").actor_code == "IRQ"  # the dictionaries' own code stands
    assert Argument(usa_gov, 0, 0, 1).actor_code == "USAGOV"
    assert Argument(None, 0, 0, 1, code="---UAF").names_actor is False  # a militia of nowhere
    assert Argument(None, 0, 0, 1, code="IRQUAF").names_actor is True
