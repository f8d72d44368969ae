"""Bytes to articles, and the reasons bad files are rejected."""

import datetime as dt

import pytest

from newsfacts.ingest.frontmatter import FrontMatterError, parse_front_matter
from newsfacts.ingest.reading import Article, Rejection, decode_article

FRONT = ("---\ntitle: \"US threatens to close Baghdad embassy\"\npublished: 2020-09-27   # ISO date\n"
         "source: RT\nurl: https://example.org/a\n---\nBody text here.\n")


def test_front_matter_fields_body_start_and_title_span():
    fm = parse_front_matter(FRONT)
    assert fm.title == "US threatens to close Baghdad embassy"
    assert fm.published == dt.date(2020, 9, 27)
    assert fm.text_field("source") == "RT"
    assert FRONT[fm.body_start:] == "Body text here.\n"
    assert FRONT[slice(*fm.title_span)] == "US threatens to close Baghdad embassy"


def test_no_front_matter_means_the_whole_file_is_body():
    fm = parse_front_matter("Plain text.\n---\nnot front matter\n")
    assert fm.body_start == 0 and fm.fields == {}


@pytest.mark.parametrize("text, message", [
    ("---\ntitle: x\nBody never closed\n", "never closed"),
    ("---\ntitle: [unclosed\n---\nBody.\n", "not valid YAML"),
    ("---\n- a\n- b\n---\nBody.\n", "not a mapping"),
    ("---\npublished: next Tuesday\n---\nBody.\n", "not an ISO date"),
])
def test_broken_front_matter_raises_a_clear_reason(text, message):
    with pytest.raises(FrontMatterError, match=message):
        parse_front_matter(text)


def test_crlf_files_get_the_offsets_python_text_mode_gives(tmp_path):
    raw = b"First line.\r\nSecond line.\r\n"
    art = decode_article(raw)
    p = tmp_path / "a.txt"
    p.write_bytes(raw)
    assert art.text == p.read_text(encoding="utf-8") == "First line.\nSecond line.\n"


def test_byte_order_mark_is_kept_as_a_character_and_front_matter_still_found():
    art = decode_article("\ufeff---\ntitle: T\n---\nBody.\n".encode())
    assert isinstance(art, Article)
    assert art.text[0] == "\ufeff" and art.front.title == "T"


@pytest.mark.parametrize("raw, code, words", [
    (b"", "empty", "empty file"),
    (b"  \n\t \n", "blank", "only white space"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "binary"),
    ("caf\u00e9".encode("latin-1") + b" au lait", "not_utf8", "byte 0xe9 at offset 3"),
    (b"---\ntitle: only a title\n---\n  \n", "no_body", "no body text"),
    (b"---\ntitle: [\n---\nBody.", "front_matter", "not valid YAML"),
])
def test_bad_files_are_rejected_with_a_code_and_a_reason(raw, code, words):
    result = decode_article(raw)
    assert isinstance(result, Rejection)
    assert result.code == code and words in result.reason
    assert result.content_sha256 is not None


def test_files_over_the_size_limit_are_rejected():
    result = decode_article(b"word " * 300, max_bytes=1000)
    assert isinstance(result, Rejection) and result.code == "too_large"
    assert "1500 bytes, over the 1000 bytes limit" in result.reason
