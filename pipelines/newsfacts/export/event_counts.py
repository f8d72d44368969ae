"""What each output counts of the warehouse's events, and why it leaves the others out.

All three count only the events the warehouse counts (v_coded_events: CAMEO-coded, at or above its
--min-confidence), and then differently: the report counts the asserted ones of distinct articles
(v_asserted_events); GDELT writes each happening of those once (v_events_dedup); PLOVER writes every
one with a PLOVER category, whatever its modality. Each
event of the warehouse is counted or left out for the first reason that applies, so the counted and
the left-out events add up to the warehouse's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import duckdb

from newsfacts.export.date_range import in_range


class LeftOut(StrEnum):
    # read after a number: "2 with no CAMEO code"
    NO_CAMEO_CODE = "with no CAMEO code"
    BELOW_MIN_CONFIDENCE = "below the warehouse's --min-confidence"
    NO_PLOVER_CATEGORY = "with a CAMEO code that has no PLOVER category"
    NOT_ASSERTED = "not asserted (negated, hypothetical, conditional or future)"
    IN_A_COPY = "in a copy of another article"
    OUTSIDE_THE_DATES = "dated outside --since/--until, or undated with a bound given"
    OUTSIDE_THE_SELECTION = "outside the report's dates or actor"
    REPORTED_AGAIN = "more reports of a happening written once (same date, actors and CAMEO code)"


COUNTED = "counted"


def _text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class EventCount:
    total: int  # events in the warehouse
    counted: int  # what the output counts: events, or happenings for GDELT
    left_out: dict[LeftOut, int]  # events left out by reason, in order; none with 0
    min_confidence: str | None = None  # the warehouse's --min-confidence, as newsfacts_meta keeps it

    def explained(self) -> str:
        """'of the warehouse's 37 events, 12 left out: 10 not asserted (...), 2 no CAMEO code'."""
        n = sum(self.left_out.values())
        if not n:
            return f"all {self.total} events of the warehouse"
        reasons = ", ".join(f"{k} {self._reason(reason)}" for reason, k in self.left_out.items())
        return f"of the warehouse's {self.total} events, {n} left out: {reasons}"

    def _reason(self, reason: LeftOut) -> str:
        if reason is LeftOut.BELOW_MIN_CONFIDENCE and self.min_confidence is not None:
            return f"below confidence {self.min_confidence} (the warehouse's --min-confidence)"
        return reason.value


# The reason of each event, the first that applies; NULL-safe, since a condition on a missing date is NULL.
_ASSERTED_REASONS = f"""
CASE
    WHEN e.cameo_code IS NULL THEN {_text(LeftOut.NO_CAMEO_CODE)}
    WHEN e.event_id NOT IN (SELECT event_id FROM v_coded_events) THEN {_text(LeftOut.BELOW_MIN_CONFIDENCE)}
    WHEN e.modality IS DISTINCT FROM 'asserted' THEN {_text(LeftOut.NOT_ASSERTED)}
    WHEN v.event_id IS NULL THEN {_text(LeftOut.IN_A_COPY)}
    WHEN NOT coalesce(({{selected}}), FALSE) THEN {{outside}}
    ELSE {_text(COUNTED)}
END"""


def _tally(con: duckdb.DuckDBPyConnection, rows: list[tuple[str, int]], counted: int, repeats: int = 0) -> EventCount:
    by_reason = dict(rows)
    left_out = {r: by_reason[r.value] for r in LeftOut if by_reason.get(r.value)}
    if repeats:
        left_out[LeftOut.REPORTED_AGAIN] = repeats
    threshold = con.execute("SELECT value FROM newsfacts_meta WHERE key = 'min_confidence'").fetchone()
    return EventCount(sum(by_reason.values()), counted, left_out, threshold[0] if threshold else None)


def report_count(con: duckdb.DuckDBPyConnection, where: str, params: list) -> EventCount:
    """The report's events: `where` (the report's selection over e.*) picks among v_asserted_events."""
    reason = _ASSERTED_REASONS.format(selected=where, outside=_text(LeftOut.OUTSIDE_THE_SELECTION))
    rows = con.execute(
        f"SELECT {reason} AS reason, count(*) FROM events e LEFT JOIN v_asserted_events v USING (event_id) GROUP BY 1",
        params,
    ).fetchall()
    counted = dict(rows).pop(COUNTED, 0)
    return _tally(con, rows, counted)


def gdelt_count(con: duckdb.DuckDBPyConnection, since: dt.date | None, until: dt.date | None) -> EventCount:
    """GDELT's events: the happenings of the asserted events in the date range, each once."""
    reason = _ASSERTED_REASONS.format(selected=in_range("e.event_date"), outside=_text(LeftOut.OUTSIDE_THE_DATES))
    rows = con.execute(
        f"SELECT {reason} AS reason, count(*), count(DISTINCT v.global_event_id) FROM events e "
        "LEFT JOIN v_asserted_events v USING (event_id) GROUP BY 1",
        {"since": since, "until": until},
    ).fetchall()
    events, happenings = next(((n, h) for r, n, h in rows if r == COUNTED), (0, 0))
    return _tally(con, [(r, n) for r, n, _ in rows], happenings, repeats=events - happenings)


def plover_count(con: duckdb.DuckDBPyConnection, since: dt.date | None, until: dt.date | None) -> EventCount:
    """PLOVER's events: every event with a PLOVER category in the date range, whatever its modality."""
    rows = con.execute(
        f"""SELECT CASE
            WHEN cameo_code IS NULL THEN {_text(LeftOut.NO_CAMEO_CODE)}
            WHEN event_id NOT IN (SELECT event_id FROM v_coded_events) THEN {_text(LeftOut.BELOW_MIN_CONFIDENCE)}
            WHEN plover_category IS NULL THEN {_text(LeftOut.NO_PLOVER_CATEGORY)}
            WHEN NOT coalesce(({in_range("event_date")}), FALSE) THEN {_text(LeftOut.OUTSIDE_THE_DATES)}
            ELSE {_text(COUNTED)}
        END AS reason, count(*) FROM events GROUP BY 1""",
        {"since": since, "until": until},
    ).fetchall()
    return _tally(con, rows, dict(rows).get(COUNTED, 0))
