"""`newsfacts export`: GDELT 2.0 files a GDELT reader reads as it reads GDELT's own, PLOVER JSON lines valid
against the schema written from the PLOVER manual, Parquet and CSV; and the parts they are made of."""

import json
import zipfile
from pathlib import Path

import duckdb
import jsonschema
import pytest

from newsfacts.export.actor_parts import ActorParts, split_actor_code
from newsfacts.export.gdelt import field
from newsfacts.export.gdelt_columns import EVENT_COLUMNS, MENTION_COLUMNS, read_csv_sql
from newsfacts.export.geography import Geo, GeoType, entity_geo, fips_by_iso3
from newsfacts.export.plover import plover_schema, validator
from newsfacts.text.tone import tones

from conftest import ROOT, SEED, Project

GDELT_FIXTURE = ROOT / "tests" / "data" / "gdelt"


def test_the_codebooks_have_61_event_and_16_mention_columns():
    assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16
    assert EVENT_COLUMNS[0] == ("GLOBALEVENTID", "BIGINT") and EVENT_COLUMNS[-1] == ("SOURCEURL", "VARCHAR")
    assert [n for n, _ in EVENT_COLUMNS[25:35]] == [
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
    ]  # fmt: skip
    assert [n for n, _ in MENTION_COLUMNS[-4:]] == [
        "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras"
    ]  # fmt: skip


def test_duckdb_reads_gdelt_s_own_files_with_the_codebook_names_and_types():
    con = duckdb.connect()
    events = con.sql(f"SELECT * FROM {read_csv_sql(str(GDELT_FIXTURE / '20250807220000.export.CSV'), EVENT_COLUMNS)}")
    assert events.columns == [n for n, _ in EVENT_COLUMNS]
    rows = events.fetchall()
    assert len(rows) == 30
    first = dict(zip(events.columns, rows[0], strict=True))
    assert (first["GLOBALEVENTID"], first["SQLDATE"], first["EventCode"], first["EventRootCode"]) == (
        1256322770,
        20240807,
        "080",
        "08",
    )
    assert (first["Actor1Geo_Type"], first["Actor1Geo_ADM1Code"], first["Actor1Geo_FeatureID"]) == (
        4,
        "SA14",
        "-3096949",
    )
    assert first["Actor2Code"] is None and first["Actor2Geo_Type"] == 0  # absent: empty, and geo type 0
    mentions = con.sql(
        f"SELECT * FROM {read_csv_sql(str(GDELT_FIXTURE / '20250807220000.mentions.CSV'), MENTION_COLUMNS)}"
    )
    assert len(mentions.fetchall()) == 30


def test_actor_codes_split_the_cameo_way():
    assert split_actor_code("USAGOV") == ActorParts(country="USA", type1="GOV")
    assert split_actor_code("USAMILMED") == ActorParts(country="USA", type1="MIL", type2="MED")
    assert split_actor_code("NGOIRQ") == ActorParts(country="IRQ", type1="NGO")
    assert split_actor_code("---GOV") == ActorParts(type1="GOV")
    assert split_actor_code("IGOUNO") == ActorParts(known_group="UNO", type1="IGO")
    assert split_actor_code("CHRPRO") == ActorParts(religion1="CHR", religion2="PRO")
    assert split_actor_code("EUR") == ActorParts(country="EUR")
    assert split_actor_code(None) == ActorParts()
    assert split_actor_code("USAGOV").fields() == ["USA", None, None, None, None, "GOV", None, None]


def test_countries_are_fips_10_4_codes_from_the_iso_mapping():
    fips = {iso3: code for iso3, (code, _) in fips_by_iso3().items()}
    assert (fips["IRQ"], fips["USA"], fips["DEU"], fips["GBR"], fips["RUS"], fips["AUS"]) == (
        "IZ",
        "US",
        "GM",
        "UK",
        "RS",
        "AS",
    )
    assert len(fips) > 240


def test_places_get_gdelt_s_geo_types():
    baghdad = entity_geo("geonames:98182", "Baghdad", "IRQ", 33.34, 44.40)
    assert baghdad == Geo(GeoType.WORLD_CITY, "Baghdad, Iraq", "IZ", "IZ07", None, 33.34, 44.40, "98182")
    centres = {"IRQ": (33.0, 44.0), "USA": (37.4, -93.5)}
    iraq = entity_geo("country:IRQ", "Iraq", "IRQ", 33.0, 44.0, centres)
    assert iraq == Geo(GeoType.COUNTRY, "Iraq", "IZ", "IZ", None, 33.0, 44.0, "IZ")
    # an actor known only by its country: the country, at its centre
    pompeo = entity_geo("person:mike pompeo", "Mike Pompeo", "USA", None, None, centres)
    assert pompeo == Geo(GeoType.COUNTRY, "United States", "US", "US", None, 37.4, -93.5, "US")
    texas = entity_geo("geonames:4736286", "Texas", "USA", None, None, centres)
    assert texas == Geo(GeoType.US_STATE, "Texas, United States", "US", "USTX", None, None, None, "TX")
    assert entity_geo(None, None, None, None, None).fields() == [0, None, None, None, None, None, None, None]


def test_fields_are_empty_when_absent_and_carry_no_tabs():
    assert [field(v) for v in (None, "010", 3, -4.0, True, "a\tb\nc")] == ["", "010", "3", "-4.0", "1", "a b c"]


def test_tone_is_vader_s_compound_score():
    assert tones(["Trump threatened to impose sanctions on Iraq.", "The talks were a great success."]) == [
        -0.6369,
        0.8316,
    ]


def test_the_plover_schema_is_a_valid_json_schema_that_holds_the_manual_s_required_fields():
    schema = plover_schema()
    jsonschema.validators.validator_for(schema).check_schema(schema)
    assert schema["required"] == ["id", "date", "source", "event"]
    check = validator()
    good = {"id": "PHOXv1-20160724-0042", "date": "2016-07-24", "source": [{"code": "USA"}], "event": ["CONSULT"]}
    check.validate(good)
    for bad in (
        {**good, "event": ["TALK"]},
        {**good, "date": "24/07/2016"},
        {k: v for k, v in good.items() if k != "event"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            check.validate(bad)


# ---- on a warehouse built by `newsfacts run` (slow: the CLI end to end) ----


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    project = Project.at(root)
    project.add_dated_seed("2020/seed.txt")
    project.write("plain.txt", SEED.read_text(encoding="utf-8"))
    project.run_cli("run")
    for fmt in ("gdelt", "plover", "parquet", "csv"):
        project.run_cli("export", "--format", fmt, "--out", str(root / "out" / fmt))
    project.run_cli("export", "--format", "gdelt", "--out", str(root / "again"))
    project.run_cli("export", "--format", "plover", "--out", str(root / "since"), "--since", "2020-09-27")
    return project


def _unzipped(folder: Path, kind: str) -> list[Path]:
    out = []
    for z in sorted(folder.glob(f"*.{kind}.CSV.zip")):
        with zipfile.ZipFile(z) as f:
            assert f.namelist() == [z.name.removesuffix(".zip")]  # one file, named as GDELT names it
            f.extractall(folder / "unzipped")
        out.append(folder / "unzipped" / z.name.removesuffix(".zip"))
    return out


@pytest.mark.slow
def test_gdelt_files_read_like_gdelt_s_own_with_the_same_types(exported):
    folder = exported.root / "out" / "gdelt"
    con = duckdb.connect()
    for kind, columns, fixture in (
        ("export", EVENT_COLUMNS, "20250807220000.export.CSV"),
        ("mentions", MENTION_COLUMNS, "20250807220000.mentions.CSV"),
    ):
        theirs = con.sql(f"DESCRIBE SELECT * FROM {read_csv_sql(str(GDELT_FIXTURE / fixture), columns)}").fetchall()
        files = _unzipped(folder, kind)
        assert len(files) == 1  # one ingest batch: one file of each kind, named by its UTC time
        assert len(files[0].name.split(".")[0]) == 14
        ours = con.sql(f"DESCRIBE SELECT * FROM {read_csv_sql(str(files[0]), columns)}").fetchall()
        assert ours == theirs
        lines = files[0].read_text(encoding="utf-8").splitlines()
        assert lines and all(len(line.split("\t")) == len(columns) for line in lines)


def _gdelt_rows(exported, kind: str, columns) -> list[dict]:
    """The rows of the export's one GDELT file of `kind` (export or mentions), read as GDELT's users read it."""
    [path] = _unzipped(exported.root / "out" / "gdelt", kind)
    rel = duckdb.connect().sql(f"SELECT * FROM {read_csv_sql(str(path), columns)}")
    return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]


@pytest.mark.slow
def test_gdelt_events_are_the_happenings_with_stable_ids_and_zero_padded_codes(exported):
    rows = _gdelt_rows(exported, "export", EVENT_COLUMNS)
    dedup = exported.sql("SELECT global_event_id, cameo_code, n_sentences FROM v_events_dedup")
    assert sorted((r["GLOBALEVENTID"], r["EventCode"]) for r in rows) == sorted((g, c) for g, c, _ in dedup)
    # Every code column round-trips its leading zeros: the file holds the warehouse's strings.
    assert {r["EventCode"] for r in rows} == {c for _, c, _ in dedup}
    assert any(r["EventCode"].startswith("0") for r in rows)
    for r in rows:
        assert r["EventRootCode"] == r["EventCode"][:2] and r["EventBaseCode"] == r["EventCode"][:3]
        assert all(
            r[c] is None or len(r[c]) == 3 for c in ("Actor1CountryCode", "Actor2CountryCode", "Actor1Type1Code")
        )
        assert all(r[c] is None or len(r[c]) == 2 for c in ("Actor1Geo_CountryCode", "ActionGeo_CountryCode"))
    # The same files on every export: stable ids, stable order.
    again = (exported.root / "again").glob("*.export.CSV.zip")
    assert [p.read_bytes() for p in sorted(again)] == [
        p.read_bytes() for p in sorted((exported.root / "out" / "gdelt").glob("*.export.CSV.zip"))
    ]
    # The seed's "threatening to impose sanctions" on Iraq: Trump (USAGOV) on Iraq, 1312, with a tone.
    [sanction] = [r for r in rows if r["EventCode"] == "1312" and r["SQLDATE"] == 20200927]
    assert (sanction["Actor1Code"], sanction["Actor1Name"], sanction["Actor1CountryCode"]) == (
        "USAGOV",
        "DONALD TRUMP",
        "USA",
    )
    assert (sanction["Actor2Code"], sanction["Actor2CountryCode"], sanction["QuadClass"]) == ("IRQ", "IRQ", 3)
    assert sanction["AvgTone"] is not None and sanction["AvgTone"] < 0
    assert (sanction["NumArticles"], sanction["NumMentions"]) == (1, 1)  # the plain copy has no date: another event
    assert sanction["Actor2Geo_CountryCode"] == "IZ" and sanction["Actor2Geo_Type"] == 1


@pytest.mark.slow
def test_gdelt_mentions_are_the_event_mentions(exported):
    rows = _gdelt_rows(exported, "mentions", MENTION_COLUMNS)
    warehouse = exported.sql(
        "SELECT m.global_event_id, m.sentence_idx + 1, m.action_char_start, a.n_chars FROM event_mentions m "
        "JOIN articles a USING (article_id)"
    )
    got = [(r["GLOBALEVENTID"], r["SentenceID"], r["ActionCharOffset"], r["MentionDocLen"]) for r in rows]
    assert sorted(got) == sorted(warehouse)
    assert {r["MentionType"] for r in rows} == {1}
    assert all(r["MentionDocTone"] is not None for r in rows)


@pytest.mark.slow
def test_every_plover_line_validates_and_holds_the_warehouse_s_categories(exported):
    lines = (exported.root / "out" / "plover" / "events.plover.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    check = validator()
    for rec in records:
        check.validate(rec)
    # the events at or above the default --min-confidence, whatever their modality
    warehouse = exported.sql(
        "SELECT event_id, plover_category FROM events WHERE plover_category IS NOT NULL AND confidence >= 0.5"
    )
    assert sorted((r["id"], r["event"][0]) for r in records) == sorted(warehouse)
    [sanction] = [r for r in records if r.get("cameo_code") == "1312" and r["date"] == "2020-09-27"]
    assert sanction["source"] == [{"code": "USA", "sector": "GOV", "actor_text": "Trump"}]
    assert sanction["event"] == ["THREATEN"] and sanction["quad_code"] == 3
    since = (exported.root / "since" / "events.plover.jsonl").read_text(encoding="utf-8").splitlines()
    assert since and all(json.loads(line)["date"] >= "2020-09-27" for line in since) and len(since) < len(lines)


@pytest.mark.slow
def test_parquet_and_csv_hold_every_relation(exported):
    names = {r[0] for r in exported.sql("SELECT table_name FROM information_schema.tables")}
    for fmt in ("parquet", "csv"):
        written = {p.stem for p in (exported.root / "out" / fmt).glob(f"*.{fmt}")}
        assert written == names
    con = duckdb.connect()
    n_events = con.execute(f"SELECT count(*) FROM '{exported.root / 'out' / 'parquet' / 'events.parquet'}'").fetchall()
    assert n_events == exported.sql("SELECT count(*) FROM events")


@pytest.mark.slow
def test_tone_is_stored_per_sentence_and_article_and_shown_in_the_article_summary(exported):
    rows = exported.sql(
        "SELECT s.article_id, round(avg(s.tone) FILTER (WHERE s.kind = 'sentence'), 4), v.tone FROM sentences s "
        "JOIN v_article_summary v USING (article_id) GROUP BY s.article_id, v.tone"
    )
    assert len(rows) == 2
    for _, mean, tone in rows:
        assert tone == mean and -1 <= tone < 0
    assert exported.sql("SELECT count(*) FROM sentences WHERE tone IS NULL") == [(0,)]


@pytest.mark.slow
def test_the_export_asset_writes_what_newsfacts_export_writes(exported, tmp_path):
    import dagster as dg

    from newsfacts.defs.export_assets import export_sensor, warehouse_export
    from newsfacts.defs.resources import WarehouseResource

    assert export_sensor.default_status == dg.DefaultSensorStatus.STOPPED  # off until turned on in the UI
    out = tmp_path / "asset"
    warehouse = WarehouseResource(duckdb_path=str(exported.warehouse), seeds_dir=str(exported.seeds))
    result = dg.materialize(
        [warehouse_export],
        resources={"warehouse": warehouse},
        run_config={"ops": {"warehouse_export": {"config": {"format": "gdelt", "out": str(out)}}}},
    )
    assert result.success
    cli_files = sorted((exported.root / "out" / "gdelt").glob("*.zip"))
    assert [p.read_bytes() for p in sorted(out.glob("*.zip"))] == [p.read_bytes() for p in cli_files]
