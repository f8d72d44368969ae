"""Bytes to articles, and the reasons bad files are rejected."""

import datetime as dt
import re
import subprocess
import sys

import pytest

from newsfacts.ingest.frontmatter import FrontMatterError, parse_front_matter
from newsfacts.ingest.reading import DecodedArticle, Rejection, decode_article, sha256_bytes

FRONT = (
    '---\ntitle: "US threatens to close Baghdad embassy"\npublished: 2020-09-27   # ISO date\n'
    "source: RT\nurl: https://example.org/a\n---\nBody text here.\n"
)


def test_front_matter_fields_body_start_and_title_span():
    fm = parse_front_matter(FRONT)
    assert fm.title == "US threatens to close Baghdad embassy"
    assert fm.published == dt.date(2020, 9, 27)
    assert fm.text_field("source") == "RT"
    assert FRONT[fm.body_start :] == "Body text here.\n"
    assert FRONT[slice(*fm.title_span)] == "US threatens to close Baghdad embassy"


def test_no_front_matter_means_the_whole_file_is_body():
    fm = parse_front_matter("Plain text.\n---\nnot front matter\n")
    assert fm.body_start == 0 and fm.fields == {}


@pytest.mark.parametrize(
    "text, message",
    [
        ("---\ntitle: x\nBody never closed\n", "never closed"),
        ("---\ntitle: [unclosed\n---\nBody.\n", "not valid YAML"),
        ("---\n- a\n- b\n---\nBody.\n", "not a mapping"),
        ("---\npublished: next Tuesday\n---\nBody.\n", "not an ISO date"),
    ],
)
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
    assert isinstance(art, DecodedArticle)
    assert art.text[0] == "\ufeff" and art.front.title == "T"


@pytest.mark.parametrize(
    "raw, code, words",
    [
        (b"", "empty", "empty file"),
        (b"  \n\t \n", "blank", "only white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "binary"),
        ("caf\u00e9".encode("latin-1") + b" au lait", "not_utf8", "byte 0xe9 at offset 3"),
        (b"---\ntitle: only a title\n---\n  \n", "no_body", "no body text"),
        (b"---\ntitle: [\n---\nBody.", "front_matter", "not valid YAML"),
    ],
)
def test_bad_files_are_rejected_with_a_code_and_a_reason(raw, code, words):
    result = decode_article(raw)
    assert isinstance(result, Rejection)
    assert result.code == code and words in result.reason
    assert result.content_sha256 is not None


def test_files_over_the_size_limit_are_rejected():
    result = decode_article(b"word " * 300, max_bytes=1000)
    assert isinstance(result, Rejection) and result.code == "too_large"
    assert "1500 bytes, over the 1000 bytes limit" in result.reason


@pytest.mark.parametrize(
    "text, encoding, words",
    [
        ("\ufeffIraq and Iran met.\n", "utf-16-le", "UTF-16 (little-endian) text, not UTF-8"),
        ("\ufeffIraq and Iran met.\n", "utf-16-be", "UTF-16 (big-endian) text, not UTF-8"),
        ("Iraq and Iran met in Baghdad.\n", "utf-16-le", "UTF-16 (little-endian) text, not UTF-8"),  # no BOM
        ("Iraq and Iran met in Baghdad.\n", "utf-16-be", "UTF-16 (big-endian) text, not UTF-8"),
        ("Iraq and Iran met.\n", "utf-32", "UTF-32 (little-endian) text, not UTF-8"),
    ],
)
def test_utf16_and_utf32_files_are_named_for_their_encoding(text, encoding, words):
    result = decode_article(text.encode(encoding))
    assert isinstance(result, Rejection)
    assert result.code == "not_utf8" and result.reason == f"{words}: save the file as UTF-8"


@pytest.mark.parametrize(
    "front, message",
    [
        ("title: [a, b]", "front matter: title is a list, not text"),
        ("title: {a: 1}", "front matter: title is a mapping, not text"),
        ("source: [a]", "front matter: source is a list, not text"),
        ("url: !!binary aGVsbG8=", "front matter: url is binary data, not text"),
        ("title: " + "[" * 20_000 + "]" * 20_000, "front matter nests deeper than 32 levels"),
        ("a: &a [*a]", "an alias refers to the value that contains it"),
        ("x: '" + "y" * 70_000 + "'", "over the 65536 limit"),
    ],
)
def test_front_matter_values_are_bounded_and_titles_are_text(front, message):
    with pytest.raises(FrontMatterError, match=re.escape(message)):
        parse_front_matter(f"---\n{front}\n---\nBody.\n")


def test_scalar_titles_read_as_text_and_harmless_aliases_are_fine():
    fm = parse_front_matter("---\ntitle: 1984\nsource: &s RT\nurl: *s\n---\nBody.\n")
    assert fm.title == "1984" and fm.text_field("url") == "RT"


ALIAS_BOMB = (
    "---\n"
    + "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
    + f"title: [{', '.join(['*a8'] * 9)}]\n---\nBody.\n"
)
DEEP = "---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\nBody.\n"
CAPPED_READ = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (512 * 1024 ** 2, 512 * 1024 ** 2))
from newsfacts.ingest.reading import decode_article
result = decode_article(sys.stdin.buffer.read())
print(type(result).__name__, result.code, result.reason)
"""


@pytest.mark.parametrize(
    "text, words",
    [
        (ALIAS_BOMB, "front matter expands to more than 10000 values (YAML aliases repeating one another)"),
        (DEEP, "front matter nests deeper than 32 levels"),
    ],
)
def test_yaml_bombs_are_rejected_within_a_memory_cap(text, words):
    """9^10 titles by aliases, or 20,000 nested lists: a clear rejection in a process capped at 512 MB."""
    proc = subprocess.run([sys.executable, "-c", CAPPED_READ], input=text.encode(), capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode().strip() == f"Rejection front_matter {words}"


def test_a_file_the_reader_fails_on_keeps_its_size_time_and_hash(tmp_path, monkeypatch):
    """So publishing takes its rejection for current and the next run does not read it again."""
    from newsfacts.ingest import raw_articles as batch
    from newsfacts.ingest.planning import PlanEntry
    from newsfacts.warehouse.publishing import is_current

    (tmp_path / "a.txt").write_text("Body.\n")

    def fails(raw, max_bytes):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(batch, "decode_article", fails)
    row = batch.read_batch(tmp_path, [PlanEntry("a.txt", "id", "new")], 1000, "v").row(0, named=True)
    assert (row["status"], row["reason_code"]) == ("rejected", "internal_error")
    assert row["reason"] == "reading failed: RecursionError: maximum recursion depth exceeded"
    assert row["file_size"] == 6 and row["file_mtime_ns"] and row["content_sha256"] == sha256_bytes(b"Body.\n")
    assert is_current(tmp_path, row)
