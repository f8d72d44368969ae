"""docs/schema.md: the generated schema reference matches the schema."""

from pathlib import Path

from newsfacts.contract.schema_docs import render

ROOT = Path(__file__).resolve().parents[1]


def test_schema_reference_is_what_the_generator_writes_from_relations_yaml():
    written = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    regenerate = "uv run python -m newsfacts.contract.schema_docs > docs/schema.md"
    assert written == render(), f"docs/schema.md is stale: {regenerate}"


def test_schema_reference_lists_every_relation_and_the_allowed_values_of_a_closed_column():
    written = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert "## events" in written and "## rejected_articles" in written
    modality = next(line for line in written.splitlines() if line.startswith("| `modality` |"))
    assert "`Modality`: `asserted`, `negated`, `hypothetical`, `future`, `conditional`" in modality
