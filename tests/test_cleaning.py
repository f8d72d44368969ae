import unicodedata

from newsfacts.text.cleaning import clean_span


def test_plain_ascii_is_kept_with_identity_offsets():
    c = clean_span("abc def", 0, 7)
    assert c.text == "abc def"
    assert c.raw_span(4, 7) == (4, 7)


def test_offsets_refer_to_the_whole_raw_text():
    raw = "xx Hello world yy"
    c = clean_span(raw, 3, 14)
    assert c.text == "Hello world"
    assert raw[slice(*c.raw_span(6, 11))] == "world"


def test_nfc_composes_and_maps_back_to_both_code_points():
    raw = "Cafe\u0301 au lait"  # e + combining acute accent
    c = clean_span(raw)
    assert c.text == "Café au lait"
    assert unicodedata.is_normalized("NFC", c.text)
    assert c.raw_span(0, 4) == (0, 5)
    assert c.raw_span(5, 7) == (6, 8)


def test_control_and_zero_width_characters_are_dropped():
    raw = "in\u00adformation\u200b about\x07 it"
    c = clean_span(raw)
    assert c.text == "information about it"
    i = c.text.index("about")
    assert raw[slice(*c.raw_span(i, i + 5))] == "about"
    assert c.raw_span(0, 11) == (0, 12)  # the soft hyphen sits inside the word's raw span


def test_white_space_runs_collapse_and_ends_are_trimmed():
    raw = "  one\n\ttwo\u00a0 three  "
    c = clean_span(raw)
    assert c.text == "one two three"
    assert raw[slice(*c.raw_span(8, 13))] == "three"


def test_typographic_double_quotes_become_one_consistent_pair():
    assert clean_span("„Ja“, sagte er").text == "“Ja“, sagte er"
    c = clean_span("``Hello,'' he said")
    assert c.text == "“Hello,” he said"
    assert c.raw_span(0, 1) == (0, 2)
    assert c.raw_span(7, 8) == (8, 10)


def test_curly_and_straight_quotes_are_kept_as_written():
    raw = '“We hope,” he said. "Yes".'
    assert clean_span(raw).text == raw
