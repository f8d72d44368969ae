from itertools import pairwise

import pytest

from newsfacts.text.segmentation import SentenceSplitter, refine_boundaries, spans_from_starts, window_starts


def split(text, starts):
    return [text[a:b] for a, b in spans_from_starts(text, refine_boundaries(text, starts))]


def test_no_split_after_a_title_before_a_name():
    text = "He met Gen. Qasem Soleimani. Then he left."
    assert split(text, [0, text.index("Qasem"), text.index("Then")]) == [
        "He met Gen. Qasem Soleimani.",
        "Then he left.",
    ]


def test_no_split_between_month_abbreviation_and_day():
    text = "It happened on Jan. 5 in the city."
    assert split(text, [0, text.index("5 in")]) == [text]


def test_no_split_inside_brackets():
    text = "The firm (founded in 1999. It grew fast) failed."
    assert split(text, [0, text.index("It grew")]) == [text]


def test_no_split_before_lower_case_or_a_decimal_part():
    text = "It was reported by TMZ. com on Friday. He averaged 14. 4 points."
    got = split(text, [0, text.index("com"), text.index("He"), text.index("4 points")])
    assert got == ["It was reported by TMZ. com on Friday.", "He averaged 14. 4 points."]


def test_a_piece_without_words_joins_the_sentence_before():
    text = 'He said "Yes." "'
    assert split(text, [0, text.rindex('"')]) == [text]


@pytest.fixture(scope="module")
def splitter(senter):
    return SentenceSplitter(senter)


def sentences(splitter, text):
    return [text[a:b] for a, b in next(splitter.split([text]))]


def test_model_splitter_keeps_abbreviations_and_numbers(splitter):
    text = (
        "The U.S. said Gen. Mark Milley met officials on Jan. 5, 2020. "
        "Some 5,200 troops stay; growth was 3.5 percent. Talks resume Monday."
    )
    assert sentences(splitter, text) == [
        "The U.S. said Gen. Mark Milley met officials on Jan. 5, 2020.",
        "Some 5,200 troops stay; growth was 3.5 percent.",
        "Talks resume Monday.",
    ]


def test_model_splitter_survives_quotes_and_nested_quotes(splitter):
    text = (
        "“We hope the administration will reconsider it,” a spokesman said Sunday. "
        '"A senior official said the minister cited the “negative consequences” it might have", '
        "the paper said."
    )
    assert sentences(splitter, text) == [
        "“We hope the administration will reconsider it,” a spokesman said Sunday.",
        '"A senior official said the minister cited the “negative consequences” it might have", the paper said.',
    ]


def test_windows_are_bounded_and_cut_after_a_sentence_end():
    text = "Iraq voted on Sunday. " * 5000  # 110,000 characters, no line break
    starts = window_starts(text, 10_000)
    bounds = [*starts, len(text)]
    assert all(0 < b - a <= 10_000 for a, b in pairwise(bounds))
    assert all(text[a - 2 : a] == ". " for a in starts[1:])
    no_stop = "no stop here " * 2000
    cut = window_starts(no_stop, 10_000)[1]  # else after the last white space
    assert cut == no_stop.rindex(" ", 0, 10_000) + 1
    assert window_starts("x" * 25_000, 10_000) == [0, 10_000, 20_000]  # else where the window ends


def test_a_paragraph_read_in_windows_splits_as_read_whole(senter, seed_text):
    paragraph = " ".join(seed_text.split()) + " "
    paragraph = (paragraph * 6).strip()
    whole = next(SentenceSplitter(senter).split([paragraph]))
    windowed = list(SentenceSplitter(senter, window_chars=3000).split(["Short one.", paragraph, "Another."]))
    assert len(windowed) == 3 and windowed[0] == [(0, 10)] and windowed[2] == [(0, 8)]
    assert windowed[1] == whole
