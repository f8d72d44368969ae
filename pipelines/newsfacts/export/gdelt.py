"""GDELT 2.0 files: `<YYYYMMDDHHMMSS>.export.CSV.zip` (events, 61 columns) and `.mentions.CSV.zip`
(16 columns) per ingest batch, named by the batch's publishing time in UTC as GDELT names its
15-minute files: tab-separated, no header, one zipped file each.

An event is a happening of v_events_dedup (GLOBALEVENTID: its stable id); it goes to the file of the
batch that first reported it, its counts and tone cover every mention the warehouse holds. A batch's
mentions file holds the mentions in its articles, also of happenings first reported earlier."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

from newsfacts.export.actor_parts import split_actor_code
from newsfacts.export.date_range import in_range
from newsfacts.export.gdelt_columns import EVENT_COLUMNS, MENTION_COLUMNS
from newsfacts.export.geography import Centres, Geo, entity_geo

# GDELT's tone is a percentage difference of positive and negative words, mostly within -10..10; VADER's
# compound score is -1..1, so it is written times ten.
TONE_SCALE = 10
MENTION_TYPE_WEB = 1

MENTIONS_SQL = f"""
SELECT m.global_event_id, m.event_date, m.source_actor_code, m.target_actor_code, m.cameo_code,
       m.article_id, m.sentence_idx, m.event_id, m.action_char_start, m.source_char_start, m.target_char_start,
       a.tone AS article_tone, a.source, a.url, a.path, a.n_chars, a.batch,
       s.kind = 'title' OR s.paragraph_idx = lead.paragraph_idx AS in_lead
FROM event_mentions m
JOIN articles a USING (article_id)
JOIN sentences s USING (article_id, sentence_idx)
LEFT JOIN (SELECT article_id, min(paragraph_idx) AS paragraph_idx FROM sentences WHERE kind = 'sentence' GROUP BY 1)
    lead USING (article_id)
WHERE {in_range("m.event_date")}
ORDER BY m.global_event_id, m.article_id, m.sentence_idx
"""

# The event row that stands for a happening, with its actors' and place's entities.
EXAMPLE_SQL = """
SELECT e.event_id, e.source_text, e.target_text, e.cameo_root, e.quad_class, e.goldstein,
       src.entity_key AS s_key, src.name AS s_name, src.country_code AS s_iso3, src.latitude AS s_lat,
       src.longitude AS s_long,
       tgt.entity_key AS t_key, tgt.name AS t_name, tgt.country_code AS t_iso3, tgt.latitude AS t_lat,
       tgt.longitude AS t_long,
       loc.entity_key AS l_key, loc.name AS l_name, loc.country_code AS l_iso3, loc.latitude AS l_lat,
       loc.longitude AS l_long
FROM events e
LEFT JOIN article_entities src ON src.article_id = e.article_id AND src.entity_id = e.source_entity_id
LEFT JOIN article_entities tgt ON tgt.article_id = e.article_id AND tgt.entity_id = e.target_entity_id
LEFT JOIN article_entities loc ON loc.article_id = e.article_id AND loc.entity_id = e.location_entity_id
WHERE e.event_id IN (SELECT unnest($ids))
"""


# Where the warehouse puts each country (the entities layer's centre of its places).
CENTRES_SQL = """
SELECT country_code, first(latitude ORDER BY article_id), first(longitude ORDER BY article_id)
FROM article_entities WHERE entity_key = 'country:' || country_code AND latitude IS NOT NULL GROUP BY 1
"""


@dataclass(frozen=True)
class GdeltFiles:
    batches: int
    events: int
    mentions: int
    files: list[Path]


def batch_stamps(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Each published batch's UTC publishing time as YYYYMMDDHHMMSS, a second later for a batch published
    in the same second as the one before (file names must differ)."""
    stamps: dict[str, str] = {}
    last = None
    for batch, published_at in con.execute(
        "SELECT batch, published_at FROM ingest_batches ORDER BY published_at, batch"
    ).fetchall():
        when = dt.datetime.fromisoformat(published_at).astimezone(dt.UTC).replace(tzinfo=None)
        if last is not None and when <= last:
            when = last + dt.timedelta(seconds=1)
        stamps[batch], last = when.strftime("%Y%m%d%H%M%S"), when
    return stamps


def field(value) -> str:
    """A GDELT field: empty when absent, text without tabs or line breaks."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def line(values: Iterable) -> str:
    return "\t".join(field(v) for v in values) + "\n"


def source_name(source: str | None, url: str | None) -> str | None:
    """GDELT's MentionSourceName: the outlet, else the URL's host."""
    return source or (urlsplit(url).hostname if url else None)


def tone10(tone: float | None) -> float | None:
    return None if tone is None else round(tone * TONE_SCALE, 4)


def _date_fields(day: dt.date | None) -> list:
    if day is None:
        return [None, None, None, None]
    fraction = f"{day.year + day.timetuple().tm_yday / 365:.4f}"
    return [int(day.strftime("%Y%m%d")), int(day.strftime("%Y%m")), day.year, fraction]


def _actor_fields(code: str | None, name: str | None) -> list:
    return [code, name.upper() if name and code else None, *split_actor_code(code).fields()]


def event_line(event_id: int, mentions: list[dict], example: dict, stamps: dict[str, str], centres: Centres) -> str:
    first = mentions[0]
    code = first["cameo_code"]
    articles = {m["article_id"]: m for m in mentions}
    sources = {source_name(m["source"], m["url"]) or m["article_id"] for m in articles.values()}
    tones = [m["article_tone"] for m in articles.values() if m["article_tone"] is not None]  # per document

    def geo(prefix: str) -> Geo:
        key, name, iso3, lat, long = (example.get(f"{prefix}_{k}") for k in ("key", "name", "iso3", "lat", "long"))
        return entity_geo(key, name, iso3, lat, long, centres)

    return line(
        [
            event_id,
            *_date_fields(first["event_date"]),
            *_actor_fields(first["source_actor_code"], example.get("s_name") or example.get("source_text")),
            *_actor_fields(first["target_actor_code"], example.get("t_name") or example.get("target_text")),
            bool(first["in_lead"]),
            code,
            code[:3],
            example.get("cameo_root") or code[:2],
            example.get("quad_class"),
            example.get("goldstein"),
            len(mentions),
            len(sources),
            len(articles),
            tone10(sum(tones) / len(tones)) if tones else None,
            *geo("s").fields(),
            *geo("t").fields(),
            *geo("l").fields(),
            stamps[first["batch"]],
            first["url"] or first["path"],
        ]
    )


def mention_line(m: dict, event_stamp: str, stamps: dict[str, str]) -> str:
    both_actors = m["source_actor_code"] is not None and m["target_actor_code"] is not None

    def offset(value: int | None) -> int:
        return -1 if value is None else value

    return line(
        [
            m["global_event_id"],
            event_stamp,
            stamps[m["batch"]],
            MENTION_TYPE_WEB,
            source_name(m["source"], m["url"]),
            m["url"] or m["path"],
            m["sentence_idx"] + 1,
            offset(m["source_char_start"]),
            offset(m["target_char_start"]),
            offset(m["action_char_start"]),
            1,  # coded from the text as written: no rewriting
            100 if both_actors else 50,
            m["n_chars"],
            tone10(m["article_tone"]),
            None,
            None,
        ]
    )


def _write_zip(path: Path, stamp: str, rows: list[str]) -> None:
    """One file in one zip archive, dated the batch's time, so the same rows give the same bytes."""
    when = dt.datetime.strptime(stamp, "%Y%m%d%H%M%S")
    info = zipfile.ZipInfo(path.name.removesuffix(".zip"), date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(info, "".join(rows))


def write_gdelt(
    con: duckdb.DuckDBPyConnection, out: Path, since: dt.date | None = None, until: dt.date | None = None
) -> GdeltFiles:
    """The events and mentions files of every published batch, in `out`."""
    stamps = batch_stamps(con)
    cur = con.execute(MENTIONS_SQL, {"since": since, "until": until})
    names = [d[0] for d in cur.description]
    by_event: dict[int, list[dict]] = {}
    for row in cur.fetchall():
        m = dict(zip(names, row, strict=True))
        by_event.setdefault(m["global_event_id"], []).append(m)
    for ms in by_event.values():  # the first report: earliest batch, then article and sentence
        ms.sort(key=lambda m: (stamps[m["batch"]], m["article_id"], m["sentence_idx"]))
    cur = con.execute(EXAMPLE_SQL, {"ids": [ms[0]["event_id"] for ms in by_event.values()]})
    names = [d[0] for d in cur.description]
    examples = {r[0]: dict(zip(names, r, strict=True)) for r in cur.fetchall()}
    centres: Centres = {r[0]: (r[1], r[2]) for r in con.execute(CENTRES_SQL).fetchall()}

    events: dict[str, list[str]] = {}
    mentions: dict[str, list[str]] = {}
    for event_id in sorted(by_event):
        ms = by_event[event_id]
        event_stamp = stamps[ms[0]["batch"]]
        events.setdefault(event_stamp, []).append(
            event_line(event_id, ms, examples.get(ms[0]["event_id"], {}), stamps, centres)
        )
        for m in ms:
            mentions.setdefault(stamps[m["batch"]], []).append(mention_line(m, event_stamp, stamps))
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for stamp in sorted(set(events) | set(mentions)):
        for kind, rows in (("export", events.get(stamp, [])), ("mentions", mentions.get(stamp, []))):
            path = out / f"{stamp}.{kind}.CSV.zip"
            _write_zip(path, stamp, rows)
            files.append(path)
    assert all(len(r.split("\t")) == len(EVENT_COLUMNS) for rs in events.values() for r in rs[:1])
    assert all(len(r.split("\t")) == len(MENTION_COLUMNS) for rs in mentions.values() for r in rs[:1])
    return GdeltFiles(len(set(events) | set(mentions)), len(by_event), sum(map(len, by_event.values())), files)
