"""docs/schema.md, written from relations.yaml and the closed sets of values.py, so the reference
cannot drift from the schema the code enforces (tests/test_docs.py compares the two).

    uv run python -m newsfacts.contract.schema_docs > docs/schema.md
"""

from __future__ import annotations

import sys

from newsfacts.contract.schema import RELATIONS, Column, TableSchema

_HEADER = """\
<!-- Generated from pipelines/newsfacts/contract/relations.yaml by
     `uv run python -m newsfacts.contract.schema_docs > docs/schema.md`: edit those, not this file. -->

# Schema of the relations

Every batch frame and every DuckDB table newsfacts writes has exactly these columns, in this
order and of these types (`newsfacts.contract.schema` reads the same file). A column with
*values* holds only the strings listed (or null): any other value stops the batch before it is
written. *Sort order* is the rows' stable order in the batch files.

The views over these tables, and which relations the warehouse file holds, are in
[querying.md](querying.md); the batch-only relations (`raw_articles`, `tokens`, `ner_spans`)
stay in the batch Parquet files.
"""


def _cell(text: str) -> str:
    """Text as one Markdown table cell: pipes escaped, no line breaks."""
    return " ".join(text.split()).replace("|", "\\|")


def _values(column: Column) -> str:
    if column.values is None:
        return ""
    strings = ", ".join(f"`{v.value}`" for v in column.values)
    return f"`{column.values.__name__}`: {strings}"


def render_relation(table: TableSchema) -> str:
    lines = [
        f"## {table.name}",
        "",
        _cell(table.description),
        "",
        "Sort order: " + (", ".join(f"`{c}`" for c in table.sort_by) or "none"),
        "",
        "| column | type | values | description |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| `{c.name}` | {c.sql_type} | {_cell(_values(c))} | {_cell(c.description)} |" for c in table.columns]
    return "\n".join(lines) + "\n"


def render() -> str:
    """The whole of docs/schema.md: one section per relation, in relations.yaml's order."""
    contents = "\n".join(f"- [{name}](#{name})" for name in RELATIONS)
    sections = "\n".join(render_relation(table) for table in RELATIONS.values())
    return f"{_HEADER}\n{contents}\n\n{sections}"


if __name__ == "__main__":
    sys.stdout.write(render())
