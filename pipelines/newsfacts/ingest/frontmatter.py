"""YAML front matter: the optional `---` block that opens an article."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from newsfacts.text.cleaning import clean_text

# Bounds on what a front matter may hold: news metadata is a handful of short fields, and YAML
# nested thousands deep, or aliases multiplying a few lines into billions of values, would take
# the reader down (a RecursionError, or all the memory there is).
MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_DEPTH = 32
MAX_VALUES = 10_000  # scalars, lists and mappings once aliases are expanded

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
    block = text[m.end() : close.start()]
    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(f"front matter is {len(block)} characters long, over the {MAX_FRONT_MATTER_CHARS} limit")
    try:
        fields = load_bounded_yaml(block) if block.strip() else {}
    except FrontMatterError:
        raise
    except yaml.YAMLError as e:
        raise FrontMatterError(f"front matter is not valid YAML: {' '.join(str(e).split())}") from None
    except (ValueError, TypeError) as e:  # YAML that parses but holds an impossible value, e.g. 2020-02-30
        raise FrontMatterError(f"front matter holds an impossible value: {e}") from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise FrontMatterError("front matter is not a mapping of `key: value` lines")
    fields = {str(k): v for k, v in fields.items()}
    for name in ("title", "source", "url"):
        if not isinstance(fields.get(name), _TEXT_LIKE):
            raise FrontMatterError(f"front matter: {name} is {_kind(fields[name])}, not text")
    if "published" in fields and fields["published"] not in (None, ""):
        fields["published"] = _as_date(fields["published"])
    body_start = close.end() + 1 if close.end() < len(text) else close.end()
    front = FrontMatter(fields, min(body_start, len(text)))
    span = _value_span(text, m.end(), close.start(), "title")
    # The title becomes a sentence row only when its raw characters say what the parsed value says
    # (not for folded or escaped YAML strings, whose raw text differs).
    if span and front.title and clean_text(text[span[0] : span[1]]) == clean_text(front.title):
        front = FrontMatter(fields, front.body_start, span)
    return front


_TEXT_LIKE = (str, int, float, dt.date, type(None))  # dates and numbers read as text ("title: 1984")


_KIND_NAMES: dict[type, str] = {list: "a list", dict: "a mapping", set: "a set", bytes: "binary data"}


def _kind(value) -> str:
    return _KIND_NAMES.get(type(value), type(value).__name__)


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing documents nested deeper than MAX_DEPTH while composing."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self._depth >= MAX_DEPTH:
            raise FrontMatterError(f"front matter nests deeper than {MAX_DEPTH} levels")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values the node stands for once every alias is expanded (each node counted once
    thanks to `sizes`, so a bomb is measured without being built). Recursion is bounded by MAX_DEPTH."""
    key = id(node)
    if key in sizes:
        if sizes[key] < 0:
            raise FrontMatterError("front matter: an alias refers to the value that contains it")
        return sizes[key]
    sizes[key] = -1
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    else:
        children = []
    size = 1 + sum(_expanded_size(c, sizes) for c in children)
    if size > MAX_VALUES:
        raise FrontMatterError(
            f"front matter expands to more than {MAX_VALUES} values (YAML aliases repeating one another)"
        )
    sizes[key] = size
    return size


def load_bounded_yaml(block: str):
    """yaml.safe_load with bounded depth and alias expansion; FrontMatterError past the bounds."""
    loader = _BoundedLoader(block)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node, {})
        return loader.construct_document(node)
    finally:
        loader.dispose()


def iso_date(value) -> dt.date | None:
    """The day of a date, a datetime or an ISO 8601 string; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _as_date(value) -> dt.date:
    day = iso_date(value)
    if day is None:
        s = str(value).strip()
        raise FrontMatterError(f"front matter: published {s!r} is not an ISO date (YYYY-MM-DD)")
    return day


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
