"""The report's plain parts, without a warehouse: the selection's SQL, the page's script escaping,
the network's layout."""

from datetime import date

import duckdb

from newsfacts.report.charts import _circle_layout
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
