"""`build_report`: the warehouse, a selection of its events, and out comes the HTML file."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import vl_convert

from newsfacts.report.aggregates import aggregate
from newsfacts.report.charts import chart_specs
from newsfacts.report.data_quality import data_quality
from newsfacts.report.page import render_page
from newsfacts.report.selection import Selection
from newsfacts.warehouse.store import connect


@dataclass(frozen=True)
class BuiltReport:
    path: Path
    size_bytes: int
    n_events: int
    n_quotes: int
    specs: dict[str, dict]  # chart id -> Vega-Lite spec
    seconds: float


def build_report(duckdb_path: Path, out: Path, selection: Selection | None = None) -> BuiltReport:
    selection = selection or Selection()
    started = time.perf_counter()
    con = connect(duckdb_path, read_only=True)
    try:
        data = aggregate(con, selection)
        quality = data_quality(con)
    finally:
        con.close()
    specs = chart_specs(data)
    html = render_page("newsfacts report", selection.describe(), data, quality, specs)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)  # a reader never sees half a page
    return BuiltReport(
        out, out.stat().st_size, data.n_events, data.n_quotes, specs, round(time.perf_counter() - started, 2)
    )


def chart_png(spec: dict, scale: float = 1.0) -> bytes:
    """A chart drawn without a browser (vl-convert's own Vega), for the Dagster UI."""
    return vl_convert.vegalite_to_png(spec, scale=scale)
