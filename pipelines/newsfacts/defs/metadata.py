"""Asset metadata a person can read in the UI: row counts, schema, a preview."""

from __future__ import annotations

import dagster as dg
import polars as pl

from newsfacts.contract.schema import TableSchema
from newsfacts.warehouse.failure_files import write_failures

PREVIEW_ROWS = 5
PREVIEW_CHARS = 80


def _cell(value) -> str:
    s = "" if value is None else str(value)
    s = " ".join(s.split()).replace("|", "\\|")
    return s if len(s) <= PREVIEW_CHARS else s[: PREVIEW_CHARS - 1] + "…"


def markdown_preview(frame: pl.DataFrame, columns: list[str] | None = None, rows: int = PREVIEW_ROWS) -> str:
    cols = [c for c in (columns or frame.columns) if c in frame.columns]
    if not cols:
        return "_no columns_"
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in frame.select(cols).head(rows).iter_rows():
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    if frame.height == 0:
        lines.append("| " + " | ".join("" for _ in cols) + " |")
    return "\n".join(lines)


def column_schema(schema: TableSchema) -> dg.TableSchema:
    return dg.TableSchema(
        columns=[dg.TableColumn(c.name, c.sql_type, description=c.description or None) for c in schema.columns]
    )


def frame_metadata(frame: pl.DataFrame, schema: TableSchema, preview_columns: list[str] | None = None) -> dict:
    return {
        "dagster/row_count": dg.MetadataValue.int(frame.height),
        "dagster/column_schema": column_schema(schema),
        "preview": dg.MetadataValue.md(markdown_preview(frame, preview_columns)),
    }


def counts_markdown(counts: dict[str, int], key: str = "value", value: str = "n") -> str:
    lines = [f"| {key} | {value} |", "|---|---|"]
    lines += [f"| {_cell(k)} | {v} |" for k, v in counts.items()]
    return "\n".join(lines)


def record_failures(context: dg.AssetExecutionContext, warehouse, layer: str, failures: dict[str, str]) -> dict:
    """Keep the articles a layer failed on beside the batch (publishing rejects them), log them,
    and return the metadata entry that counts them."""
    write_failures(warehouse.layout, layer, context.partition_key, failures)
    for aid, error in sorted(failures.items()):
        context.log.warning(f"article {aid}: {error}")
    return {"failed_articles": dg.MetadataValue.int(len(failures))}


def dictionary_metadata(loaded) -> dict:
    """What the UI shows about the dictionary set an asset read: digest, files, problems per file."""
    counts = loaded.problem_counts()
    files = "\n".join(
        ["| file | role | folder | SHA-256 | problems |", "|---|---|---|---|---|"]
        + [
            f"| {_cell(f.path.rsplit('/', 1)[-1])} | {f.role} | {_cell(f.folder)} | `{f.sha256[:12]}` | "
            f"{counts.get(f.path.rsplit('/', 1)[-1], 0)} |"
            for f in loaded.description.files
        ]
    )
    return {
        "dictionary_set": loaded.digest[:12],
        "dictionary_problems": dg.MetadataValue.int(len(loaded.problems)),
        "dictionary_files": dg.MetadataValue.md(files),
    }


def kinds_markdown(frame: pl.DataFrame, skipped: dict[str, int]) -> str:
    """Per input kind: records given (ingested), skipped (read past: WARC records that are not HTML
    pages fetched with 200, blank lines), rejected and deleted."""
    counts = frame.group_by("input_kind", "status").len()
    by_kind: dict[str, dict[str, int]] = {}
    for kind, status, n in counts.iter_rows():
        by_kind.setdefault(kind or "?", {})[status] = n
    for kind, n in skipped.items():
        by_kind.setdefault(kind, {})["skipped"] = n
    lines = ["| kind | given | skipped | rejected | deleted |", "|---|---|---|---|---|"]
    for kind in sorted(by_kind):
        c = by_kind[kind]
        cells = [str(c.get(s, 0)) for s in ("ingested", "skipped", "rejected", "deleted")]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
