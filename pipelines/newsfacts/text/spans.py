"""Spans of text as [start, end) offsets."""


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without white space at either end (empty spans stay empty)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
