"""The report's plain parts, without a warehouse: the selection's SQL, the page's script escaping,
the network's layout."""

import re
from datetime import date

import duckdb
import polars as pl
import vl_convert

from newsfacts.export.event_counts import EventCount, LeftOut
from newsfacts.report.aggregates import ReportData
from newsfacts.report.charts import CHARTS, _circle_layout
from newsfacts.report.page import _inline
from newsfacts.report.selection import Selection


def test_a_selection_is_a_where_clause_over_dates_and_actor_code_prefixes():
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE ev AS SELECT * FROM (VALUES (DATE '2020-01-01', 'USAGOV', 'IRQ'), "
        "(DATE '2020-02-01', 'IRQ', 'USA'), (DATE '2020-03-01', 'IRN', 'IRQ'), (NULL, 'USA', NULL)) t(d, s, t)"
    )

    def rows(selection: Selection) -> list:
        where, params = selection.where("d", ("s", "t"))
        return con.execute(f"SELECT s FROM ev WHERE {where} ORDER BY d NULLS LAST", params).fetchall()

    assert rows(Selection()) == [("USAGOV",), ("IRQ",), ("IRN",), ("USA",)]
    assert rows(Selection(actor="USA")) == [("USAGOV",), ("IRQ",), ("USA",)]
    assert rows(Selection(since=date(2020, 2, 1))) == [("IRQ",), ("IRN",)]
    assert rows(Selection(since=date(2020, 1, 1), until=date(2020, 2, 1), actor="IRQ")) == [("USAGOV",), ("IRQ",)]
    assert Selection(since=date(2020, 2, 1), actor="USA").describe() == (
        "events dated 2020-02-01 to …; actor codes starting USA"
    )


def test_only_a_closing_script_tag_is_escaped_in_inlined_scripts():
    assert _inline('{"q": "</script><b>"}; a </ b') == '{"q": "<\\/script><b>"}; a </ b'
    assert _inline("x</SCRIPT >") == "x<\\/SCRIPT >"


def test_the_network_puts_the_busiest_actor_on_top_and_the_rest_round_a_circle():
    where = _circle_layout(["USA", "IRQ", "IRN", "RUS"])
    assert where == {"USA": (0.0, 1.0), "IRQ": (1.0, 0.0), "IRN": (0.0, -1.0), "RUS": (-1.0, -0.0)}


def _relative_luminance(colour: str) -> float:
    if colour.startswith("#"):
        hex6 = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
        channels = [int(hex6[i : i + 2], 16) for i in (0, 2, 4)]
    else:
        channels = [int(c) for c in re.findall(r"\d+", colour)[:3]]
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(colour: str) -> float:
    """WCAG's contrast ratio of `colour` against the page's white."""
    return 1.05 / (_relative_luminance(colour) + 0.05)


def test_contrast_is_measured_as_wcag_defines_it():
    assert round(contrast_on_white("#000"), 1) == 21.0 and round(contrast_on_white("rgb(118, 118, 118)"), 2) == 4.54


def test_every_category_is_drawn_legibly_against_the_page():
    """Each bar, arc, line and dot as Vega draws it (vl-convert's SVG) keeps WCAG's 3:1 for graphics against
    the white page: a neutral CAMEO root ("make statement", Goldstein 0) as much as a violent one."""
    roots = [("01", "01 Make public statement", 0.0), ("02", "02 Appeal", 3.0), ("07", "07 Provide aid", 7.0)]
    roots += [("11", "11 Disapprove", -2.0), ("13", "13 Threaten", -4.4), ("19", "19 Fight", -10.0)]
    roots += [("05", "05 Cooperate", 10.0), ("04", "04 Consult", 1.0)]
    days = [date(2020, 9, d) for d in (27, 28)]
    dyads = ["USA → IRQ", "IRQ → USA", "IRN → USA", "USA → IRN", "IRQ → IRN", "RUS → IRQ"]
    data = ReportData(
        n_events=10,
        count=EventCount(total=12, counted=10, left_out={LeftOut.NOT_ASSERTED: 2}),
        n_undated=0,
        daily_quad=pl.DataFrame({"day": days * 2, "quad_class": [1, 2, 3, 4], "events": [1, 2, 3, 4]}),
        dyad_daily=pl.DataFrame(
            {"day": [days[i % 2] for i in range(12)], "dyad": dyads * 2, "goldstein_sum": [float(i) for i in range(12)]}
        ).with_columns(events=pl.lit(1)),
        top_actors=pl.DataFrame({"actor": ["USA", "IRQ", "IRN"], "events": [3, 2, 1]}),
        network_edges=pl.DataFrame(
            {"actor_a": ["USA", "IRQ", "IRN"], "actor_b": ["IRQ", "IRN", "USA"], "events": [3, 2, 1]}
        ).with_columns(mean_goldstein=pl.Series([0.0, -10.0, 10.0])),
        places=pl.DataFrame(
            {"latitude": [33.3], "longitude": [44.4], "place": ["Baghdad"], "quad_class": [1], "events": [1]}
        ),
        cameo_roots=pl.DataFrame(
            {
                "cameo_root": [r[0] for r in roots],
                "name": [r[1] for r in roots],
                "events": [1] * len(roots),
                "mean_goldstein": [r[2] for r in roots],
            }
        ),
        modalities=pl.DataFrame(
            {"modality": ["asserted", "negated", "hypothetical", "conditional", "future"], "events": [5, 4, 3, 2, 1]}
        ).with_columns(share=pl.col("events") / 15),
        quotes=pl.DataFrame(),
        n_quotes=0,
    )
    for name, make in CHARTS.items():
        if name == "event-map":  # its points are drawn over grey land, not the page
            continue
        svg = vl_convert.vegalite_to_svg(make(data).to_dict())
        marks = re.findall(r'<g class="mark-(?:rect|arc|line|rule|symbol) role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.S)
        colours = {c for m in marks for c in re.findall(r'(?:fill|stroke)="((?:#|rgb)[^"]*)"', m)}
        assert colours, name
        faint = {c: round(contrast_on_white(c), 2) for c in colours if contrast_on_white(c) < 3}
        assert not faint, f"{name}: {faint}"
