"""YAML front matter: the optional `---` block that opens an article."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from newsfacts.text.cleaning import clean_text

_OPEN = re.compile(r"\ufeff?---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
KNOWN_FIELDS = ("title", "published", "source", "url")


class FrontMatterError(ValueError):
    """The file opens a front-matter block that cannot be read."""


@dataclass(frozen=True)
class FrontMatter:
    fields: dict = field(default_factory=dict)
    body_start: int = 0
    title_span: tuple[int, int] | None = None  # raw span of the title value

    @property
    def title(self) -> str | None:
        value = self.fields.get("title")
        return " ".join(str(value).split()) if value not in (None, "") else None

    @property
    def published(self) -> dt.date | None:
        return self.fields.get("published")

    def text_field(self, name: str) -> str | None:
        value = self.fields.get(name)
        return None if value in (None, "") else str(value)


def parse_front_matter(text: str) -> FrontMatter:
    """Split off the front matter of a decoded article; none means the whole text is body."""
    m = _OPEN.match(text)
    if not m:
        return FrontMatter()
    close = _CLOSE.search(text, m.end())
    if close is None:
        raise FrontMatterError("front matter opened with '---' is never closed by a '---' line")
    block = text[m.end():close.start()]
    try:
        fields = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as e:
        raise FrontMatterError(f"front matter is not valid YAML: {' '.join(str(e).split())}") from None
    except (ValueError, TypeError) as e:  # YAML that parses but holds an impossible value, e.g. 2020-02-30
        raise FrontMatterError(f"front matter holds an impossible value: {e}") from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise FrontMatterError("front matter is not a mapping of `key: value` lines")
    fields = {str(k): v for k, v in fields.items()}
    if "published" in fields and fields["published"] not in (None, ""):
        fields["published"] = _as_date(fields["published"])
    body_start = close.end() + 1 if close.end() < len(text) else close.end()
    front = FrontMatter(fields, min(body_start, len(text)))
    span = _value_span(text, m.end(), close.start(), "title")
    # The title becomes a sentence row only when its raw characters say what the parsed value says
    # (not for folded or escaped YAML strings, whose raw text differs).
    if span and front.title and clean_text(text[span[0]:span[1]]) == clean_text(front.title):
        front = FrontMatter(fields, front.body_start, span)
    return front


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        raise FrontMatterError(f"front matter: published {s!r} is not an ISO date (YYYY-MM-DD)") from None


def _value_span(text: str, start: int, end: int, key: str) -> tuple[int, int] | None:
    """Raw span of a one-line scalar `key: value`, without quotes or a trailing comment."""
    m = re.search(rf"^{key}[ \t]*:[ \t]*(.*?)[ \t]*$", text[start:end], re.MULTILINE)
    if not m or not m.group(1):
        return None
    a, b = start + m.start(1), start + m.end(1)
    value = text[a:b]
    if value[0] in "\"'" and len(value) > 1:
        close = value.rfind(value[0])
        if close > 0:
            return a + 1, a + close
    hash_at = value.find(" #")
    if hash_at >= 0:
        b = a + len(value[:hash_at].rstrip())
    return (a, b) if b > a else None
