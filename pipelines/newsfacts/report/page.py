"""The report page: one HTML file holding the Vega runtime, the chart specs and the tables."""

from __future__ import annotations

import json
import re
from html import escape

import polars as pl
import vl_convert

from newsfacts.caching import cached, package_versions
from newsfacts.report.aggregates import ReportData
from newsfacts.report.data_quality import DataQuality

# What the bundle exposes to the page's script: vega-embed (it brings Vega and Vega-Lite along).
BUNDLE_SNIPPET = "window.vegaEmbed = vegaEmbed;"


def vega_runtime() -> str:
    """Vega, Vega-Lite and vega-embed in one script, as vl-convert bundles them (seconds to build, so
    built once per machine and version)."""
    return cached(
        "vega-runtime",
        [*package_versions("vl-convert-python"), BUNDLE_SNIPPET],
        lambda: vl_convert.javascript_bundle(BUNDLE_SNIPPET),
    )


def _inline(text: str) -> str:
    """Script text safe inside a <script> element: only a closing tag would end it early (in JSON
    strings and JavaScript alike `<\\/` reads as `</`)."""
    return re.sub("</(script)", lambda m: "<\\/" + m.group(1), text, flags=re.IGNORECASE)


def _table(frame: pl.DataFrame, table_id: str = "") -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
        for row in frame.iter_rows()
    )
    return (
        f"<table{f' id={table_id!r}' if table_id else ''}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _quality_section(quality: DataQuality) -> str:
    checks = pl.DataFrame(
        {
            "check": [c.name for c in quality.checks],
            "result": [
                "blocks publishing: every published batch passed"
                if c.failing is None
                else ("passed" if c.failing == 0 else f"{c.failing} failing rows")
                for c in quality.checks
            ],
        }
    )
    rejections = quality.rejections.height and _table(quality.rejections) or "<p>No file was rejected.</p>"
    return f"""<section id="data-quality"><h2>Data quality</h2>
<p>{quality.articles} articles ingested ({quality.duplicates} byte-for-byte copies of another),
{quality.rejections["n_files"].sum() if quality.rejections.height else 0} files rejected.</p>
<h3>Rejected files by reason</h3>{rejections}
<h3>Asset checks over the whole warehouse</h3>{_table(checks, "checks")}</section>"""


# Nothing may be fetched: the page holds all it needs. Vega compiles its expressions (eval).
CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 1100px; color: #222; }
h1 { margin-bottom: 0.2em; } .meta { color: #555; margin-top: 0; } .note { color: #555; font-style: italic; }
section { margin: 2em 0; } .row { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
table { border-collapse: collapse; font-size: 0.9em; } th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.6em;
  text-align: left; vertical-align: top; } th { background: #f4f4f4; }
#quotes-wrap { max-height: 480px; overflow-y: auto; } #quote-filter { width: 30em; padding: 0.4em; margin: 0.5em 0; }
"""

SCRIPT = """
const specs = JSON.parse(document.getElementById("report-specs").textContent);
for (const [id, spec] of Object.entries(specs)) {
  vegaEmbed("#" + id, spec, {actions: false, renderer: "svg"}).catch((e) => console.error(e));
}
const filter = document.getElementById("quote-filter");
const quoteRows = Array.from(document.querySelectorAll("#quotes tbody tr"));
filter.addEventListener("input", () => {
  const words = filter.value.toLowerCase();
  let shown = 0;
  for (const row of quoteRows) {
    row.hidden = !row.textContent.toLowerCase().includes(words);
    if (!row.hidden) shown += 1;
  }
  document.getElementById("quotes-shown").textContent = shown;
});
"""


def _undated_note(data: ReportData) -> str:
    """Why events are missing from the timelines: an asserted event is dated by a day its sentence names,
    else by its article's published date."""
    if not data.n_undated:
        return ""
    which = (
        f"None of the {data.n_events} events has a date, so these charts are empty"
        if data.n_undated == data.n_events
        else f"{data.n_undated} of the {data.n_events} events have no date and are not on these charts"
    )
    return (
        f'<p class="note" id="undated-note">{which}: their articles carry no published date (front matter '
        "<code>published:</code>, or the date field of a feed, page or table) and their sentences name no day.</p>"
    )


def _confidence_note(data: ReportData) -> str:
    t = data.count.min_confidence
    return f" at confidence {escape(t)} or more (<code>--min-confidence</code>)" if t and float(t) > 0 else ""


def render_page(title: str, scope: str, data: ReportData, quality: DataQuality, specs: dict[str, dict]) -> str:
    def chart(name: str) -> str:
        return f'<div class="chart" id="{name}"></div>'

    shown = min(data.n_quotes, data.quotes.height)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<style>{STYLE}</style></head><body>
<h1>{escape(title)}</h1>
<p class="meta" id="event-count">{escape(scope)}: {data.n_events} asserted CAMEO-coded events (in articles
that are not copies of another){_confidence_note(data)}; {escape(data.count.explained())}.</p>
<section><h2>Over time</h2>{_undated_note(data)}{chart("events-per-day")}{chart("dyad-goldstein")}</section>
<section><h2>Who acted on whom</h2><div class="row">{chart("dyad-network")}{chart("top-actors")}</div></section>
<section><h2>Where</h2>{chart("event-map")}</section>
<section><h2>What</h2><div class="row">{chart("cameo-roots")}{chart("modality-shares")}</div></section>
<section><h2>Quotes by speaker</h2>
<input id="quote-filter" type="search" placeholder="Filter quotes: speaker, words, article…">
<p><span id="quotes-shown">{shown}</span> of {shown} quotations shown{
        f" (the first {shown} of {data.n_quotes}, the most quoted speakers first)" if data.n_quotes > shown else ""
    }.</p>
<div id="quotes-wrap">{_table(data.quotes, "quotes")}</div></section>
{_quality_section(quality)}
<script>{_inline(vega_runtime())}</script>
<script type="application/json" id="report-specs">{_inline(json.dumps(specs, default=str))}</script>
<script>{SCRIPT}</script>
</body></html>
"""
