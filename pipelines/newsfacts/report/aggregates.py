"""What the report shows, aggregated in SQL: a few hundred or thousand rows per chart whatever the
warehouse's size, so the page stays small and the browser only draws."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from newsfacts.events.codebook import codebook
from newsfacts.export.event_counts import EventCount, report_count
from newsfacts.report.selection import Selection
from newsfacts.warehouse.store import scalar

TOP_DYADS = 5
TOP_ACTORS = 20
MAP_POINTS = 3000  # places with the most events; one point per place and QuadClass
QUOTE_ROWS = 2000

ACTORS = ("source_actor_code", "target_actor_code")


@dataclass(frozen=True)
class ReportData:
    n_events: int
    count: EventCount  # n_events among the warehouse's events, and why the others are left out
    n_undated: int  # of n_events: no date, so on no timeline
    daily_quad: pl.DataFrame  # day, quad_class, events
    dyad_daily: pl.DataFrame  # day, dyad, goldstein_sum, events
    top_actors: pl.DataFrame  # actor, events
    network_edges: pl.DataFrame  # actor_a, actor_b, events, mean_goldstein
    places: pl.DataFrame  # latitude, longitude, place, quad_class, events
    cameo_roots: pl.DataFrame  # cameo_root, name, events, mean_goldstein
    modalities: pl.DataFrame  # modality, events, share
    quotes: pl.DataFrame  # speaker, actor_code, quote, title, published_date; the most quoted speakers first
    n_quotes: int


def _events_cte(selection: Selection) -> tuple[str, list]:
    where, params = selection.where("event_date", ACTORS)
    return f"WITH ev AS (SELECT * FROM v_asserted_events WHERE {where}) ", params


def query_frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    frame = pl.from_arrow(con.sql(sql, params=params or []).to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame


def _frame(con: duckdb.DuckDBPyConnection, selection: Selection, sql: str) -> pl.DataFrame:
    """`sql` over `ev`, the selected asserted events."""
    cte, params = _events_cte(selection)
    return query_frame(con, cte + sql, params)


DAILY_QUAD = """
SELECT event_date AS day, quad_class, count(*)::INTEGER AS events
FROM ev WHERE event_date IS NOT NULL GROUP BY ALL ORDER BY ALL"""

# The dyads with the most dated events (undated ones have no place on a timeline).
DYAD_DAILY = f"""
, top AS (
    SELECT source_actor_code, target_actor_code, count(*) AS n FROM ev
    WHERE source_actor_code IS NOT NULL AND target_actor_code IS NOT NULL AND event_date IS NOT NULL
    GROUP BY ALL ORDER BY n DESC, source_actor_code, target_actor_code LIMIT {TOP_DYADS})
SELECT ev.event_date AS day, ev.source_actor_code || ' → ' || ev.target_actor_code AS dyad,
    round(sum(ev.goldstein) * 10) / 10 AS goldstein_sum, count(*)::INTEGER AS events
FROM ev JOIN top USING (source_actor_code, target_actor_code)
WHERE ev.event_date IS NOT NULL GROUP BY ALL ORDER BY ALL"""

TOP_ACTOR_ROWS = f"""
, sides AS (SELECT source_actor_code AS actor FROM ev UNION ALL SELECT target_actor_code FROM ev)
SELECT actor, count(*)::INTEGER AS events FROM sides WHERE actor IS NOT NULL
GROUP BY actor ORDER BY events DESC, actor LIMIT {TOP_ACTORS}"""

# Between the top actors, either way round: edge width is the events, colour their mean Goldstein.
NETWORK_EDGES = """
SELECT least(source_actor_code, target_actor_code) AS actor_a,
    greatest(source_actor_code, target_actor_code) AS actor_b,
    count(*)::INTEGER AS events, round(avg(goldstein) * 100) / 100 AS mean_goldstein
FROM ev
WHERE list_contains(?::VARCHAR[], source_actor_code) AND list_contains(?::VARCHAR[], target_actor_code)
    AND source_actor_code <> target_actor_code
GROUP BY ALL ORDER BY ALL"""

PLACES = f"""
SELECT round(ae.latitude * 10) / 10 AS latitude, round(ae.longitude * 10) / 10 AS longitude,
    min(ev.location_text) AS place, ev.quad_class, count(*)::INTEGER AS events
FROM ev JOIN article_entities ae ON ae.article_id = ev.article_id AND ae.entity_id = ev.location_entity_id
WHERE ae.latitude IS NOT NULL AND ae.longitude IS NOT NULL
GROUP BY ALL ORDER BY events DESC, latitude, longitude, quad_class LIMIT {MAP_POINTS}"""

CAMEO_ROOTS = """
SELECT cameo_root, count(*)::INTEGER AS events, round(avg(goldstein) * 100) / 100 AS mean_goldstein
FROM ev GROUP BY ALL ORDER BY events DESC, cameo_root"""

# Every counted event of a distinct article (v_coded_events), whatever its modality (the views count
# asserted ones).
MODALITIES = """
SELECT e.modality, count(*)::INTEGER AS events
FROM v_coded_events e JOIN articles a USING (article_id)
WHERE a.duplicate_of IS NULL AND {where}
GROUP BY ALL ORDER BY events DESC, e.modality"""

# The speaker as the article names it; the article's date stands for the quotation's.
QUOTES = """
SELECT coalesce(ae.name, q.speaker_text) AS speaker, ae.actor_code, q.text AS quote, a.title, a.published_date
FROM quotes q JOIN articles a USING (article_id)
LEFT JOIN article_entities ae ON ae.article_id = q.article_id AND ae.entity_id = q.speaker_entity_id
WHERE {where}"""


def aggregate(con: duckdb.DuckDBPyConnection, selection: Selection) -> ReportData:
    top_actors = _frame(con, selection, TOP_ACTOR_ROWS)
    cte, params = _events_cte(selection)
    actors = top_actors["actor"].to_list()
    edges = query_frame(con, cte + NETWORK_EDGES, [*params, actors, actors])
    roots = _frame(con, selection, CAMEO_ROOTS)
    names = codebook()
    roots = roots.with_columns(
        pl.col("cameo_root").map_elements(lambda r: _root_name(names, r), return_dtype=pl.String).alias("name")
    )
    where, modality_params = selection.where("e.event_date", tuple(f"e.{c}" for c in ACTORS))
    modalities = query_frame(con, MODALITIES.format(where=where), modality_params)
    total = modalities["events"].sum() or 1
    modalities = modalities.with_columns((pl.col("events") / total).round(4).alias("share"))
    quote_where, quote_params = selection.where("a.published_date", ("ae.actor_code",))
    quotes_sql = QUOTES.format(where=quote_where)
    n_quotes = scalar(con, f"SELECT count(*) FROM ({quotes_sql})", quote_params)
    quotes = query_frame(
        con,
        f"{quotes_sql} ORDER BY speaker IS NULL, count(*) OVER (PARTITION BY speaker) DESC, speaker, "
        "a.published_date DESC NULLS LAST, q.article_id, q.char_start "
        f"LIMIT {QUOTE_ROWS}",
        quote_params,
    )
    e_where, e_params = selection.where("e.event_date", tuple(f"e.{c}" for c in ACTORS))
    return ReportData(
        n_events=scalar(con, cte + "SELECT count(*) FROM ev", params),
        count=report_count(con, e_where, e_params),
        n_undated=scalar(con, cte + "SELECT count(*) FROM ev WHERE event_date IS NULL", params),
        daily_quad=_frame(con, selection, DAILY_QUAD),
        dyad_daily=_frame(con, selection, DYAD_DAILY),
        top_actors=top_actors,
        network_edges=edges,
        places=_frame(con, selection, PLACES),
        cameo_roots=roots,
        modalities=modalities,
        quotes=quotes,
        n_quotes=n_quotes,
    )


def _root_name(names, root: str | None) -> str:
    code = names.get(root) if root else None
    return f"{root} {code.name}" if code else str(root)
