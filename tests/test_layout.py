from newsfacts.text.blocks import ends_with_terminal, looks_like_heading, split_blocks


def spans(text, blocks):
    return [(text[b.start : b.end], b.kind) for b in blocks]


def test_each_line_is_a_paragraph_and_a_short_unpunctuated_line_is_a_heading():
    text = "First sentence here.\nSecond one.\nAttacks on the Embassy\nThe embassy is in the zone."
    assert spans(text, split_blocks(text)) == [
        ("First sentence here.", "paragraph"),
        ("Second one.", "paragraph"),
        ("Attacks on the Embassy", "heading"),
        ("The embassy is in the zone.", "paragraph"),
    ]


def test_first_heading_like_line_is_the_title():
    text = "Lohan checks into rehab\n\nLindsay Lohan has left the center."
    assert spans(text, split_blocks(text))[0] == ("Lohan checks into rehab", "title")


def test_body_line_repeating_the_front_matter_title_is_the_title():
    text = "---\ntitle: US threatens to close embassy.\n---\nUS threatens to close embassy.\n\nBody text here."
    blocks = split_blocks(text, text.index("US threatens to close embassy.\n\n"), "US threatens to close embassy.")
    assert blocks[0].kind == "title"


def test_last_line_without_punctuation_is_not_a_heading():
    text = "A sentence.\nReporting by Jane Doe"
    assert spans(text, split_blocks(text))[-1] == ("Reporting by Jane Doe", "paragraph")


def test_hard_wrapped_text_joins_lines_into_paragraphs():
    text = (
        "The government said on Monday that it would review the\n"
        "decision after protests in the capital, which drew tens of\n"
        "thousands of people to the main square for the third day in\n"
        "a row.\n\n"
        "Officials did not say when the review would end, and the\n"
        "opposition said it would keep up the pressure on the streets\n"
        "until the ministers resigned."
    )
    blocks = split_blocks(text)
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"]
    assert text[blocks[0].start : blocks[0].end].endswith("a row.")


def test_terminal_punctuation_looks_through_closing_quotes():
    assert ends_with_terminal('He said "no."')
    assert ends_with_terminal("(as planned.)")
    assert not ends_with_terminal("Attacks on the US Embassy Area")
    assert looks_like_heading("Group G — Belgium 3 – 0 Panama")
    assert not looks_like_heading("It rained.")
