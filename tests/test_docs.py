"""The README and docs/: the generated schema reference matches the schema, and every relative link
leads to a file (and heading) that exists."""

import re
from pathlib import Path

import pytest

from newsfacts.contract.schema_docs import render

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "bench" / "RESULTS.md"]
# [text](target) and ![alt](target), but not inside code spans or blocks (stripped first).
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation other than - and _ dropped, spaces to -."""
    text = _CODE_SPAN.sub(lambda m: m.group(0).strip("`"), heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, re.MULTILINE)}


def _links(page: Path) -> list[str]:
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    text = "\n".join(line for line in text.splitlines() if not line.startswith("    "))  # indented code
    return _LINK.findall(_CODE_SPAN.sub("", text))


def test_schema_reference_is_what_the_generator_writes_from_relations_yaml():
    written = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    regenerate = "uv run python -m newsfacts.contract.schema_docs > docs/schema.md"
    assert written == render(), f"docs/schema.md is stale: {regenerate}"


def test_schema_reference_lists_every_relation_and_the_allowed_values_of_a_closed_column():
    written = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert "## events" in written and "## rejected_articles" in written
    modality = next(line for line in written.splitlines() if line.startswith("| `modality` |"))
    assert "`Modality`: `asserted`, `negated`, `hypothetical`, `future`, `conditional`" in modality


def test_slug_follows_github_anchors():
    assert _slug("Built data, cached per machine") == "built-data-cached-per-machine"
    assert _slug("`newsfacts run`: options") == "newsfacts-run-options"
    assert _slug("raw_articles") == "raw_articles"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves_to_a_file_and_heading(page):
    broken = []
    for target in _links(page):
        if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            broken.append(f"{target}: no file {file.relative_to(ROOT) if file.is_relative_to(ROOT) else file}")
        elif anchor and file.suffix == ".md" and anchor not in _anchors(file):
            broken.append(f"{target}: no heading #{anchor} in {file.name}")
    assert not broken, f"{page.name}: " + "; ".join(broken)


def test_the_readme_links_every_page_of_docs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in PAGES[1:-1] if f"(docs/{p.name})" not in readme]
    assert not missing, f"README.md does not link {missing}"
