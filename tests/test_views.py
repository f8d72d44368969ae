"""The aggregated views on a warehouse built by `newsfacts run`: they exist, answer, and count
asserted events only."""

import datetime as dt

import pytest

from conftest import SEED, Project

pytestmark = pytest.mark.slow  # builds its warehouse with the CLI

VIEWS = [
    "entities",
    "v_entity_summary",
    "v_entity_cooccurrence",
    "v_actor_dyads",
    "v_event_timeline",
    "v_quotes_by_speaker",
    "v_article_summary",
    "v_events_dedup",
    "v_asserted_events",
    "v_rejections_by_reason",
    "event_mentions",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("views")
    project = Project.at(root)
    project.add_dated_seed("2020/seed.txt")
    project.add_dated_seed("2020/copy.txt")
    project.write("plain.txt", SEED.read_text(encoding="utf-8"))
    project.run_cli("run")
    return project


def test_every_view_answers(built):
    for view in VIEWS:
        built.sql(f"SELECT * FROM {view} LIMIT 5")
    names = {r[0] for r in built.sql("SELECT table_name FROM information_schema.tables WHERE table_type = 'VIEW'")}
    assert set(VIEWS) <= names


def test_the_contract_relations_have_their_columns(built):
    expected = {
        "entities": {
            "entity_id",
            "name",
            "label",
            "country_code",
            "actor_code",
            "latitude",
            "longitude",
            "n_mentions",
            "n_articles",
        },
        "v_actor_dyads": {
            "source_actor_code",
            "target_actor_code",
            "n_events",
            "n_articles",
            "goldstein_sum",
            "goldstein_mean",
            "n_quad1",
            "n_quad2",
            "n_quad3",
            "n_quad4",
            "first_date",
            "last_date",
        },
        "v_event_timeline": {"event_date", "cameo_root", "n_events", "goldstein_sum"},
        "v_entity_summary": {
            "name",
            "label",
            "n_mentions",
            "n_articles",
            "n_events_as_source",
            "n_events_as_target",
            "first_seen",
            "last_seen",
        },
        "v_entity_cooccurrence": {"n_sentences", "n_articles"},
        "v_quotes_by_speaker": {"name", "n_quotes", "n_articles"},
        "v_article_summary": {
            "title",
            "published_date",
            "n_sentences",
            "n_entities",
            "n_events",
            "n_quotes",
            "goldstein_mean",
            "tone",
        },
        "v_events_dedup": {
            "event_date",
            "source_actor_code",
            "target_actor_code",
            "cameo_code",
            "n_articles",
            "n_sentences",
            "example_event_id",
            "global_event_id",
        },
        "event_mentions": {
            "global_event_id",
            "article_id",
            "sentence_idx",
            "event_id",
            "sentence_tone",
            "article_tone",
        },
    }
    for view, cols in expected.items():
        have = {
            r[0] for r in built.sql("SELECT column_name FROM information_schema.columns WHERE table_name = ?", [view])
        }
        assert cols <= have, f"{view} lacks {cols - have}"


def test_event_mentions_are_the_sentences_that_report_each_happening(built):
    """One row per (happening, article sentence): as many as v_events_dedup counts sentences, and the
    happening's stable id in both."""
    per_happening = built.sql(
        "SELECT d.global_event_id, d.n_sentences, count(m.sentence_idx) FROM v_events_dedup d "
        "LEFT JOIN event_mentions m USING (global_event_id) GROUP BY ALL"
    )
    assert per_happening and all(n == mentions for _, n, mentions in per_happening)
    assert len({g for g, _, _ in per_happening}) == len(per_happening)  # no two happenings share an id
    assert built.sql("SELECT count(*) FROM event_mentions WHERE sentence_tone IS NULL OR article_tone IS NULL") == [
        (0,)
    ]


def test_entities_combine_articles(built):
    rows = built.sql("SELECT n_articles, n_mentions, actor_code FROM entities WHERE name = 'Mustafa al-Kadhimi'")
    assert rows == [(3, 12, "IRQGOV")]


def test_dyads_count_asserted_events_of_distinct_articles_only(built):
    asserted = built.sql(
        "SELECT count(*) FROM events e JOIN articles a USING (article_id) "
        "WHERE e.modality = 'asserted' AND e.cameo_code IS NOT NULL AND a.duplicate_of IS NULL "
        "AND a.near_duplicate_of IS NULL AND (e.source_actor_code IS NOT NULL OR e.target_actor_code IS NOT NULL) "
        "AND e.confidence >= 0.5"  # the default --min-confidence
    )[0][0]
    assert built.sql("SELECT sum(n_events) FROM v_actor_dyads")[0][0] == asserted
    assert built.sql("SELECT count(*) FROM events WHERE modality <> 'asserted'")[0][0] > 0
    assert built.sql("SELECT count(*) FROM events WHERE cameo_code IS NULL")[0][0] > 0  # kept, not counted
    assert built.sql("SELECT count(*) FROM v_actor_dyads WHERE goldstein_sum IS NULL") == [(0,)]
    assert built.sql("SELECT count(*) FROM v_event_timeline WHERE cameo_root IS NULL") == [(0,)]
    assert built.sql("SELECT count(*) FROM v_events_dedup WHERE cameo_code IS NULL") == [(0,)]


def test_dedup_merges_the_same_happening_across_articles(built):
    row = built.sql(
        "SELECT n_articles, n_sentences, example_event_id FROM v_events_dedup "
        "WHERE cameo_code = '186' AND event_date = DATE '2020-01-01'"
    )
    # the byte-for-byte copy does not count twice, nor plain.txt, the same text without front matter
    assert len(row) == 1 and row[0][0] == 1
    assert built.sql("SELECT count(*) FROM events WHERE event_id = ?", [row[0][2]]) == [(1,)]


def test_near_copies_are_marked_and_their_outlets_counted(built):
    assert built.sql("SELECT path, near_duplicate_of IS NOT NULL FROM articles ORDER BY path") == [
        ("2020/copy.txt", False),
        ("2020/seed.txt", True),
        ("plain.txt", True),
    ]
    # Every happening has its outlets (here the files: no source or URL); plain.txt, undated, dates its
    # events otherwise, so its happenings are its own (test_input_kinds_cli counts two outlets).
    assert built.sql("SELECT count(*) FROM v_events_dedup WHERE n_outlets IS NULL OR n_outlets < 1") == [(0,)]


def test_quotes_by_speaker_and_article_summary(built):
    assert ("Ahmed Mulla Talal", 6) in built.sql("SELECT name, n_quotes FROM v_quotes_by_speaker")
    summary = built.sql(
        "SELECT title, published_date, n_sentences, n_quotes FROM v_article_summary WHERE path = '2020/seed.txt'"
    )
    assert summary == [("US threatens to close Baghdad embassy", dt.date(2020, 9, 27), 15, 6)]


def test_event_timeline_is_dated(built):
    rows = built.sql("SELECT event_date, cameo_root, n_events FROM v_event_timeline WHERE cameo_root = '18'")
    assert (dt.date(2020, 1, 1), "18", 1) in rows


def test_goldstein_means_round_half_away_from_zero_as_printed():
    """-0.6375 (the binary double just above it) rounds to -0.638, as DuckDB 1 did; DuckDB 2's
    round(x, 3) would give -0.637."""
    from pathlib import Path

    import duckdb

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE articles (article_id VARCHAR, path VARCHAR, title VARCHAR, published_date DATE, "
        "n_sentences INTEGER, tone DOUBLE)"
    )
    con.execute("CREATE TABLE article_entities (article_id VARCHAR)")
    con.execute("CREATE TABLE quotes (article_id VARCHAR)")
    con.execute(
        "CREATE TABLE events (article_id VARCHAR, modality VARCHAR, cameo_code VARCHAR, goldstein DOUBLE, "
        "confidence DOUBLE)"
    )
    con.execute("CREATE TABLE newsfacts_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO articles VALUES ('a', 'a.txt', NULL, NULL, 1, 0.1), ('b', 'b.txt', NULL, NULL, 1, -0.2)")
    # Means of -0.6375 and 1.7625: decimal midpoints that no double holds exactly.
    con.execute(
        "INSERT INTO events VALUES ('a', 'asserted', '01', -2.55, 1), ('a', 'asserted', '01', 0.0, 1), "
        "('a', 'asserted', '01', 0.0, 1), ('a', 'asserted', '01', 0.0, 1), "
        "('b', 'asserted', '01', 7.05, 1), ('b', 'asserted', '01', 0.0, 1), "
        "('b', 'asserted', '01', 0.0, 1), ('b', 'asserted', '01', 0.0, 1)"
    )
    for view in ("v_coded_events", "v_article_summary"):
        con.execute((Path(__file__).parent.parent / "sql" / f"{view}.sql").read_text(encoding="utf-8"))
    rows = con.execute("SELECT article_id, goldstein_mean FROM v_article_summary ORDER BY 1").fetchall()
    assert rows == [("a", -0.638), ("b", 1.763)]
