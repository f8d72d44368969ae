from newsfacts.events.quotes import quoted_spans


def spans(text):
    return [text[a:b] for a, b in quoted_spans(text, [(0, len(text))])]


def test_curly_and_straight_quotes():
    assert spans('“We hope so,” he said. "Yes, really," she said.') == ["We hope so,", "Yes, really,"]


def test_mismatched_marks_still_pair():
    assert spans('the US denounces “the presence of militias", with') == ["the presence of militias"]


def test_a_nested_quotation_belongs_to_the_outer_one():
    text = '"An official cited the “negative consequences” it might have", the paper said.'
    assert spans(text) == ["An official cited the “negative consequences” it might have"]


def test_a_quotation_open_at_the_end_of_a_paragraph_ends_there():
    text = '"This goes on and on'
    assert quoted_spans(text, [(0, len(text))]) == [(1, len(text))]
    two = 'He said: "First part.\nSecond paragraph."'
    first_end = two.index("\n")
    got = quoted_spans(two, [(0, first_end), (first_end + 1, len(two))])
    assert [two[a:b] for a, b in got] == ["First part."]  # the second paragraph's mark only closes
