"""PLOVER JSON lines: one event a line, with the fields of the PLOVER manual, valid against
plover.schema.json (written from the manual) beside this module.

Every event with a PLOVER category is a record (`id` is its event_id), whatever its modality: the manual
puts negation, hypothetical and future events in `context` (conditional ones are hypothetical). `date` is
the event's date, else the article's published date, else the day its batch was published. `text_info`
spans the sentence, in characters of the article's file; `event_text` is the trigger."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import duckdb
import jsonschema

from newsfacts import __version__
from newsfacts.contract.values import Modality
from newsfacts.export.date_range import in_range

SCHEMA_FILE = Path(__file__).with_name("plover.schema.json")
CODEBOOK = "CAMEO2PLOVER (Open Event Data Alliance), by longest CAMEO code prefix"
SPECIAL_CONTEXT = {
    Modality.NEGATED: "negation",
    Modality.HYPOTHETICAL: "hypothetical",
    Modality.CONDITIONAL: "hypothetical",
    Modality.FUTURE: "future",
}

RECORDS_SQL = f"""
SELECT e.event_id, e.event_date, a.published_date, b.published_at, e.plover_category, e.cameo_code,
       e.quad_class, e.goldstein, e.modality, e.trigger, e.source_actor_code, e.source_text,
       e.target_actor_code, e.target_text, e.sentence_idx, s.char_start, s.char_end, a.url, a.title, a.path,
       loc.entity_key AS l_key, loc.name AS l_name, loc.country_code AS l_iso3, loc.latitude AS l_lat,
       loc.longitude AS l_long
FROM v_coded_events e
JOIN articles a USING (article_id)
JOIN sentences s USING (article_id, sentence_idx)
LEFT JOIN ingest_batches b ON b.batch = a.batch
LEFT JOIN article_entities loc ON loc.article_id = e.article_id AND loc.entity_id = e.location_entity_id
WHERE e.plover_category IS NOT NULL
  AND {in_range("e.event_date")}
ORDER BY e.article_id, e.sentence_idx, e.char_start, e.event_id
"""


@cache
def plover_schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def validator() -> jsonschema.protocols.Validator:
    schema = plover_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def actor(code: str | None, text: str | None) -> list[dict]:
    if not code:
        return []
    out: dict = {"code": code[:3]}
    if len(code) > 3:
        out["sector"] = code[3:9]  # the manual's sector holds 3 or 6 characters
    if text:
        out["actor_text"] = text
    return [out]


def location(r: dict) -> dict | None:
    if not r["l_key"]:
        return None
    loc: dict = {"name": r["l_name"]}
    if r["l_key"].startswith("geonames:"):
        loc["geonameid"] = int(r["l_key"].split(":", 1)[1])
    if r["l_lat"] is not None:
        loc["latitude"], loc["longitude"] = r["l_lat"], r["l_long"]
    if r["l_iso3"]:
        loc["cc3"] = r["l_iso3"]
    return loc


def record(r: dict) -> dict:
    coded = dt.datetime.fromisoformat(r["published_at"]).date() if r["published_at"] else None
    day = r["event_date"] or r["published_date"] or coded
    rec: dict = {
        "id": r["event_id"],
        "date": day.isoformat() if day else None,
        "source": actor(r["source_actor_code"], r["source_text"]),
        "recipient": actor(r["target_actor_code"], r["target_text"]),
        "event": [r["plover_category"]],
        "event_text": [r["trigger"]],
        "quad_code": r["quad_class"],
        "event_scale": r["goldstein"],
        "mode": [],
        "context": [SPECIAL_CONTEXT[r["modality"]]] if r["modality"] in SPECIAL_CONTEXT else [],
        "text_info": {"sequence": r["sentence_idx"], "start": r["char_start"], "end": r["char_end"]},
        "cite_info": {"url": r["url"] or r["path"], "coder": f"newsfacts {__version__}", "codebook": CODEBOOK},
        "coder": f"newsfacts {__version__}",
        "coded_date": coded.isoformat() if coded else None,
        "cameo_code": r["cameo_code"],
    }
    if r["title"]:
        rec["cite_info"]["title"] = r["title"]
    loc = location(r)
    if loc:
        rec["event_loc"] = loc
    return {k: v for k, v in rec.items() if v is not None}


def plover_records(
    con: duckdb.DuckDBPyConnection, since: dt.date | None = None, until: dt.date | None = None
) -> Iterator[dict]:
    cur = con.execute(RECORDS_SQL, {"since": since, "until": until})
    names = [d[0] for d in cur.description]
    for row in cur.fetchall():
        yield record(dict(zip(names, row, strict=True)))


def write_plover(
    con: duckdb.DuckDBPyConnection,
    out: Path,
    since: dt.date | None = None,
    until: dt.date | None = None,
    validate: bool = False,
) -> tuple[Path, int]:
    """`out/events.plover.jsonl`; with `validate`, every record is checked against the schema as it is
    written (about 1.5 ms a record: ten times the export's own time, so the tests check instead)."""
    check = validator() if validate else None
    out.mkdir(parents=True, exist_ok=True)
    path = out / "events.plover.jsonl"
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for rec in plover_records(con, since, until):
            if check is not None:
                check.validate(rec)
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return path, n
