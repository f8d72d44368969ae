"""The report's charts as Vega-Lite specs (altair), one function per chart, from aggregated frames."""

from __future__ import annotations

import math

import altair as alt
import polars as pl

from newsfacts.report.aggregates import ReportData
from newsfacts.report.basemap import countries_topojson

QUAD_CLASSES = ["1 verbal cooperation", "2 material cooperation", "3 verbal conflict", "4 material conflict"]
# Every colour a mark is drawn in keeps a contrast of at least 3:1 (WCAG's for graphics) against the white
# page, so no category fades out: light blue and orange darkened, a grey mid-point instead of white.
QUAD_COLOURS = ["#3a7dc9", "#1a5fb4", "#c26a00", "#c01c28"]
QUAD = alt.Color("quad_class_name:N", title="QuadClass", scale=alt.Scale(domain=QUAD_CLASSES, range=QUAD_COLOURS))
# Red (conflict) through grey (neutral, e.g. "make statement") to blue (cooperation), mixed in RGB.
GOLDSTEIN = alt.Scale(domain=[-10, 0, 10], range=["#b2182b", "#767676", "#2166ac"], interpolate="rgb")
# Dyads and modalities: Vega's category10 without its light orange, olive, pink and cyan.
CATEGORY_COLOURS = ["#1f77b4", "#c26a00", "#2e7d32", "#d62728", "#8e44ad", "#8c564b", "#ad1457", "#555555"]
CATEGORIES = alt.Scale(range=CATEGORY_COLOURS)
WIDTH = 640


def _named_quad(frame: pl.DataFrame) -> pl.DataFrame:
    names = {i + 1: name for i, name in enumerate(QUAD_CLASSES)}
    return frame.with_columns(pl.col("quad_class").replace_strict(names, default=None).alias("quad_class_name"))


def events_per_day(data: ReportData) -> alt.Chart:
    return (
        alt.Chart(_named_quad(data.daily_quad), title="Events per day by QuadClass")
        .mark_bar()
        .encode(
            x=alt.X("day:T", title="date"),
            y=alt.Y("sum(events):Q", title="events", stack="zero"),
            color=QUAD,
            tooltip=["day:T", "quad_class_name:N", "events:Q"],
        )
        .properties(width=WIDTH, height=220)
    )


def dyad_goldstein(data: ReportData) -> alt.Chart:
    return (
        alt.Chart(data.dyad_daily, title="Goldstein sum per day, top dyads")
        .mark_line(point=True)
        .encode(
            x=alt.X("day:T", title="date"),
            y=alt.Y("goldstein_sum:Q", title="Goldstein sum"),
            color=alt.Color("dyad:N", title="dyad", scale=CATEGORIES),
            tooltip=["day:T", "dyad:N", "goldstein_sum:Q", "events:Q"],
        )
        .properties(width=WIDTH, height=220)
    )


def _circle_layout(actors: list[str]) -> dict[str, tuple[float, float]]:
    """Actors on a circle, the busiest at the top, going clockwise."""
    n = max(len(actors), 1)
    return {
        a: (round(math.sin(2 * math.pi * i / n), 4), round(math.cos(2 * math.pi * i / n), 4))
        for i, a in enumerate(actors)
    }


def dyad_network(data: ReportData) -> alt.LayerChart | alt.FacetChart:
    where = _circle_layout(data.top_actors["actor"].to_list())
    nodes = data.top_actors.with_columns(
        pl.col("actor").replace_strict({a: xy[0] for a, xy in where.items()}).alias("x"),
        pl.col("actor").replace_strict({a: xy[1] for a, xy in where.items()}).alias("y"),
    )
    edges = data.network_edges.with_columns(
        *(
            pl.col(f"actor_{side}").replace_strict({a: xy[i] for a, xy in where.items()}).alias(f"{axis}{side}")
            for side in ("a", "b")
            for i, axis in enumerate(("x", "y"))
        )
    )
    hidden = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
    x, y = alt.X("x:Q", axis=hidden, scale=alt.Scale(domain=[-1.3, 1.3])), alt.Y("y:Q", axis=hidden)
    lines = (
        alt.Chart(edges)
        .mark_rule(opacity=0.8)
        .encode(
            x=alt.X("xa:Q", axis=hidden, scale=alt.Scale(domain=[-1.3, 1.3])),
            y=alt.Y("ya:Q", axis=hidden, scale=alt.Scale(domain=[-1.3, 1.3])),
            x2="xb:Q",
            y2="yb:Q",
            strokeWidth=alt.StrokeWidth("events:Q", title="events", scale=alt.Scale(range=[1, 12])),
            color=alt.Color("mean_goldstein:Q", title="mean Goldstein", scale=GOLDSTEIN),
            tooltip=["actor_a:N", "actor_b:N", "events:Q", "mean_goldstein:Q"],
        )
    )
    dots = (
        alt.Chart(nodes)
        .mark_circle(color="#333", opacity=0.9)
        .encode(x=x, y=y, size=alt.Size("events:Q", legend=None), tooltip=["actor:N", "events:Q"])
    )
    labels = alt.Chart(nodes).mark_text(dy=-12, fontSize=11).encode(x=x, y=y, text="actor:N")
    return alt.layer(lines, dots, labels, title="Dyad network of the top actors").properties(width=520, height=520)


def event_map(data: ReportData) -> alt.LayerChart | alt.FacetChart:
    countries = alt.Data(values=countries_topojson(), format=alt.DataFormat(type="topojson", feature="countries"))
    base = alt.Chart(countries).mark_geoshape(fill="#e6e6e6", stroke="white", strokeWidth=0.5)
    points = (
        alt.Chart(_named_quad(data.places))
        .mark_circle(opacity=0.7)
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            size=alt.Size("events:Q", title="events", scale=alt.Scale(range=[10, 600])),
            color=QUAD,
            tooltip=["place:N", "quad_class_name:N", "events:Q"],
        )
    )
    return (
        alt.layer(base, points, title="Where events happened")
        .project("equalEarth")
        .properties(width=WIDTH + 120, height=380)
    )


def _bars(frame: pl.DataFrame, category: str, title: str, axis_title: str) -> alt.Chart:
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            x=alt.X("events:Q", title="events"),
            y=alt.Y(f"{category}:N", sort="-x", title=axis_title),
            tooltip=[f"{category}:N", "events:Q"],
        )
        .properties(width=320)
    )


def top_actors(data: ReportData) -> alt.Chart:
    return _bars(data.top_actors, "actor", "Top actors (events as source or target)", "actor code")


def cameo_roots(data: ReportData) -> alt.Chart:
    return _bars(data.cameo_roots, "name", "Events by CAMEO root", "CAMEO root").encode(
        color=alt.Color("mean_goldstein:Q", title="mean Goldstein", scale=GOLDSTEIN)
    )


def modality_shares(data: ReportData) -> alt.Chart:
    return (
        alt.Chart(data.modalities, title="Modality of CAMEO-coded events")
        .mark_arc(innerRadius=50)
        .encode(
            theta=alt.Theta("events:Q"),
            color=alt.Color("modality:N", title="modality", scale=CATEGORIES),
            tooltip=["modality:N", "events:Q", alt.Tooltip("share:Q", format=".1%")],
        )
        .properties(width=260, height=260)
    )


# id in the page -> chart; the page draws them in this order.
CHARTS = {
    "events-per-day": events_per_day,
    "dyad-goldstein": dyad_goldstein,
    "dyad-network": dyad_network,
    "event-map": event_map,
    "top-actors": top_actors,
    "cameo-roots": cameo_roots,
    "modality-shares": modality_shares,
}


def chart_specs(data: ReportData) -> dict[str, dict]:
    return {name: make(data).to_dict() for name, make in CHARTS.items()}
