"""events/quotes.py on hand-built parses: which quoted spans are quotations and who speaks them."""

from __future__ import annotations

from newsfacts import lexicon_files
from newsfacts.events.arguments import ArgumentResolver
from newsfacts.events.quotes import find_quotes, is_title_like

from parses import article, sentence

REPORTING = {r["lemma"] for r in lexicon_files.read_csv("reporting_verbs.csv")}


def quotes_of(*sentences, paragraphs=None):
    a = article(*sentences)
    paragraph_of = dict(enumerate(paragraphs)) if paragraphs else {s.idx: 0 for s in a.sentences}
    return [(q.text, q.speaker_text) for q in find_quotes(a, paragraph_of, ArgumentResolver(a, []), REPORTING)]


def test_the_speaker_is_who_reports_the_clause_not_the_subject_inside_it():
    s = sentence(
        "Lane said voters think “ the plan works ” .",
        [1, 1, 3, 1, 7, 6, 7, 3, 7, 1],
        "nsubj ROOT nsubj ccomp punct det nsubj ccomp punct punct",
        pos="PROPN VERB NOUN VERB PUNCT DET NOUN VERB PUNCT PUNCT",
        lemmas="Lane say voter think “ the plan work ” .",
    )
    assert quotes_of(s) == [("the plan works", "Lane")]


def test_a_word_of_the_quotation_never_speaks_it():
    # a misparse hangs the quotation's first word on "said" as its subject
    s = sentence(
        "“ Nothing changes , ” Lane said .",
        [6, 6, 6, 2, 2, 6, 6, 6],
        "punct nsubj ccomp punct punct npadvmod ROOT punct",
        pos="PUNCT PRON VERB PUNCT PUNCT PROPN VERB PUNCT",
        lemmas="“ nothing change , ” Lane say .",
    )
    assert quotes_of(s) == [("Nothing changes ,", None)]


def test_a_word_or_two_quoted_in_what_someone_said_is_a_quotation():
    s = sentence(
        "Lane said the plan was “ reckless ” .",
        [1, 1, 3, 4, 1, 6, 4, 6, 1],
        "nsubj ROOT det nsubj ccomp punct acomp punct punct",
        pos="PROPN VERB DET NOUN AUX PUNCT ADJ PUNCT PUNCT",
        lemmas="Lane say the plan be “ reckless ” .",
    )
    assert quotes_of(s) == [("reckless", "Lane")]


def test_a_scare_quote_outside_reported_speech_is_not_a_quotation():
    s = sentence(
        "The “ reckless ” plan failed .",
        [4, 2, 4, 2, 5, 5, 5],
        "det punct amod punct nsubj ROOT punct",
        pos="DET PUNCT ADJ PUNCT NOUN VERB PUNCT",
        lemmas="the “ reckless ” plan fail .",
    )
    assert quotes_of(s) == []


def test_a_title_in_quotation_marks_is_not_a_quotation():
    s = sentence(
        "Lane told “ Meet the Press ” that taxes will rise .",
        [1, 1, 3, 3, 5, 3, 3, 10, 10, 10, 1, 1],
        "nsubj ROOT punct dobj det npadvmod punct mark nsubj aux ccomp punct",
        pos="PROPN VERB PUNCT VERB DET PROPN PUNCT SCONJ NOUN AUX VERB PUNCT",
        lemmas="Lane tell “ meet the Press ” that tax will rise .",
    )
    assert quotes_of(s) == []


def test_what_makes_quoted_words_a_title():
    def title(text):
        a, b = text.index("“") + 1, text.index("”")
        return is_title_like(text, a, b)

    assert title("She spoke on “Face the Nation” on Sunday.")
    assert title("He wore a “Vote For Lane” shirt.")
    assert not title("He said: “Stop The Count.”")  # set off by a colon: what was said
    assert not title("“Thank You All,” she said.")
    assert not title("He called it “a total disaster” again.")


def test_according_to_names_the_speaker():
    s = sentence(
        "“ Taxes will rise , ” according to Lane .",
        [3, 3, 3, 3, 3, 3, 3, 6, 7, 3],
        "punct nsubj aux ROOT punct punct prep prep pobj punct",
        pos="PUNCT NOUN AUX VERB PUNCT PUNCT VERB ADP PROPN PUNCT",
        lemmas="“ tax will rise , ” accord to Lane .",
    )
    assert quotes_of(s) == [("Taxes will rise ,", "Lane")]


def test_who_posts_a_message_reading_a_quotation_speaks_it():
    s = sentence(
        "Lane posted a message reading “ Taxes will rise ” .",
        [1, 1, 3, 1, 3, 8, 8, 8, 4, 8, 1],
        "nsubj ROOT det dobj acl punct nsubj aux ccomp punct punct",
        pos="PROPN VERB DET NOUN VERB PUNCT NOUN AUX VERB PUNCT PUNCT",
        lemmas="Lane post a message read “ tax will rise ” .",
        tags="NNP VBD DT NN VBG `` NNS MD VB '' .",
    )
    assert quotes_of(s) == [("Taxes will rise", "Lane")]


def test_a_frame_the_parser_split_into_a_sentence_of_its_own():
    question = sentence(
        "“ Will taxes rise ? ”",
        [3, 3, 3, 3, 3, 3],
        "punct aux nsubj ROOT punct punct",
        pos="PUNCT AUX NOUN VERB PUNCT PUNCT",
    )
    asked = sentence("Lane asked .", [1, 1, 1], "nsubj ROOT punct", pos="PROPN VERB PUNCT", lemmas="Lane ask .")
    assert quotes_of(question, asked) == [("Will taxes rise ?", "Lane")]


def test_a_sentence_ending_in_a_colon_introduces_the_quotation_after_it():
    statement = sentence(
        "Lane released a statement :",
        [1, 1, 3, 1, 1],
        "nsubj ROOT det dobj punct",
        pos="PROPN VERB DET NOUN PUNCT",
        lemmas="Lane release a statement :",
    )
    quoted = sentence(
        "“ We will win . ”",
        [3, 3, 3, 3, 3, 3],
        "punct nsubj aux ROOT punct punct",
        pos="PUNCT PRON AUX VERB PUNCT PUNCT",
    )
    assert quotes_of(statement, quoted, paragraphs=[0, 1]) == [("We will win .", "Lane")]


def test_a_new_turn_of_a_dialogue_goes_to_who_takes_it():
    first = sentence(
        "“ Taxes will rise , ” Lane said .",
        [3, 3, 3, 7, 3, 3, 7, 7, 7],
        "punct nsubj aux ccomp punct punct nsubj ROOT punct",
        pos="PUNCT NOUN AUX VERB PUNCT PUNCT PROPN VERB PUNCT",
        lemmas="“ tax will rise , ” Lane say .",
    )
    agreed = sentence("Moss agreed .", [1, 1, 1], "nsubj ROOT punct", pos="PROPN VERB PUNCT", lemmas="Moss agree .")
    turn = sentence(
        "“ They will rise . ”",
        [3, 3, 3, 3, 3, 3],
        "punct nsubj aux ROOT punct punct",
        pos="PUNCT PRON AUX VERB PUNCT PUNCT",
    )
    more = sentence(
        "“ Soon they will . ”",
        [3, 3, 3, 3, 3, 3],
        "punct advmod nsubj ROOT punct punct",
        pos="PUNCT ADV PRON AUX PUNCT PUNCT",
    )
    got = quotes_of(first, agreed, turn, more, paragraphs=[0, 0, 0, 1])
    # the next paragraph's quotation, with no frame of its own, goes on in Moss's voice
    assert got == [("Taxes will rise ,", "Lane"), ("They will rise .", "Moss"), ("Soon they will .", "Moss")]


def test_a_frame_verb_without_a_subject_takes_the_subject_of_the_verb_it_hangs_on():
    s = sentence(
        "Lane responded by calling Moss “ very dopey ” .",
        [1, 1, 1, 2, 3, 7, 7, 3, 7, 1],
        "nsubj ROOT prep pcomp dobj punct advmod oprd punct punct",
        pos="PROPN VERB ADP VERB PROPN PUNCT ADV ADJ PUNCT PUNCT",
        lemmas="Lane respond by call Moss “ very dopey ” .",
    )
    assert quotes_of(s) == [("very dopey", "Lane")]
