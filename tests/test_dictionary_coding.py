"""Coding with a dictionary set: verb patterns on the parse, actor and agent codes, compounds, paired
codes, dates, discards and the dyad rule. Small dictionaries and sentences written here, with made-up
countries (Xandria XAN, Yorvik YOR, Zemlya ZEM), run through the real layers."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from newsfacts.dictionaries import load
from newsfacts.events.dictionary_coding import coding_dictionaries

from layers import process

VERBS = """\
&CURRENCY
+DUCATS
+GOLD_CROWNS

&TIES_
+DIPLOMATIC
+TRADE

--- IMPOSE [---] ---
IMPOSE
- * SANCTIONS [163]
- * &TIES EMBARGO [1621]

--- CONDEMN [122] ---
CONDEMN
DENOUNCE

--- VISIT [042:043] ---
VISIT

--- RESTORE [064] ---
RESTORE
- REFUSED TO * [125]
- * &TIES TIES [0641]

--- PAY [---] ---
PAY
- * &CURRENCY [071]

--- MEET [040] ---
MEET
- % * [040]

--- WELCOME [051] ---
WELCOME
- * OFFER (FROM $) [036]

--- ATTACK [190] ---
ATTACK

--- SAY [010] ---
SAY {SAYS SAID SAYING}
"""

ACTORS = """\
XANDRIA_ [XAN]
+XANDRIAN_
YORVIK_ [YOR]
+YORVIKI_
ZEMLYA_ [ZEM]
THE_RED_LEAGUE_ [XANREB]
ODO_VASK_
\t[XANGOV 19900101-19991231]
\t[XANELI 20000101-20051231]
IRA_MOLL_
\t[YORGOV 20100101-20151231]
"""

AGENTS = """\
SOLDIER [~MIL]
OFFICIAL [~GOV]
RELIEF_GROUP [NGO~]
GOVERNMENT [~GOV]
"""

DISCARDS = """\
FOOTBALL_
+CHESS_OLYMPIAD_
1989
"""


@pytest.fixture(scope="module")
def dictionary_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dicts")
    (folder / "Test.verbs.txt").write_text(VERBS, encoding="utf-8")
    (folder / "Test.actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "Test.agents.txt").write_text(AGENTS, encoding="utf-8")
    (folder / "Test.discards.txt").write_text(DISCARDS, encoding="utf-8")
    return folder


TEXTS = {
    "pattern.txt": "Xandria imposed sanctions on Yorvik.",
    "synset.txt": "Xandria imposed a trade embargo on Yorvik.",
    "block.txt": "Zemlya condemned Yorvik.",
    "agents.txt": "Xandrian soldiers denounced Yorviki officials.",
    "prefix.txt": "A Yorvik relief group denounced the Zemlya government.",
    "unknown_country.txt": "An official condemned Xandria.",
    "before_verb.txt": "Yorvik refused to restore ties with Zemlya.",
    "compound.txt": "Xandria and Zemlya condemned Yorvik.",
    "mutual.txt": "Xandria and Yorvik will meet in the spring.",
    "paired.txt": "Zemlya visited Xandria on Monday.",
    "currency.txt": "Yorvik will pay 300 gold crowns to Zemlya.",
    "source_marker.txt": "Zemlya welcomed the offer from Xandria.",
    "pronoun.txt": "Yorvik said it would condemn Xandria.",
    "dated_in.txt": "---\npublished: 1995-06-01\n---\nOdo Vask condemned Yorvik.",
    "dated_later.txt": "---\npublished: 2003-06-01\n---\nOdo Vask condemned Yorvik.",
    "dated_out.txt": "---\npublished: 2020-06-01\n---\nIra Moll condemned Zemlya.",
    "discard_clause.txt": "Xandria condemned Yorvik, whose football fans attacked Zemlya.",
    "discard_story.txt": "Xandria condemned Yorvik. The chess olympiad opens today.",
    "history.txt": "---\npublished: 2001-03-01\n---\nXandria condemned Yorvik in 1989.",
    "same_year.txt": "---\npublished: 1989-03-01\n---\nXandria condemned Yorvik in 1989.",
    "one_sided.txt": "Xandria condemned the decision.",
}


@pytest.fixture(scope="module")
def coded(tmp_path_factory, dictionary_folder):
    dictionaries = coding_dictionaries(load([str(dictionary_folder)]))
    return process(tmp_path_factory.mktemp("coding"), TEXTS, dictionaries=dictionaries, petrarch_compat=True)


def coded_events(coded, path) -> list[tuple]:
    aid = coded.raw.filter(pl.col("path") == path)["article_id"][0]
    rows = coded.events.filter((pl.col("article_id") == aid) & pl.col("cameo_code").is_not_null())
    return sorted(
        rows.select("source_actor_code", "target_actor_code", "cameo_code").iter_rows(),
        key=lambda r: tuple(x or "" for x in r),
    )


def test_a_pattern_after_the_verb(coded):
    assert coded_events(coded, "pattern.txt") == [("XAN", "YOR", "163")]


def test_a_synonym_set_in_a_pattern(coded):
    assert coded_events(coded, "synset.txt") == [("XAN", "YOR", "1621")]


def test_the_blocks_code_without_a_pattern(coded):
    assert coded_events(coded, "block.txt") == [("ZEM", "YOR", "122")]


def test_agents_join_the_actor_code(coded):
    assert coded_events(coded, "agents.txt") == [("XANMIL", "YORGOV", "122")]


def test_an_agent_written_in_front_and_one_already_in_the_code(coded):
    assert coded_events(coded, "prefix.txt") == [("NGOYOR", "ZEMGOV", "122")]


def test_an_agent_without_a_country(coded):
    assert coded_events(coded, "unknown_country.txt") == [("---GOV", "XAN", "122")]


def test_words_before_the_verb(coded):
    assert coded_events(coded, "before_verb.txt") == [("YOR", "ZEM", "125")]


def test_conjoined_actors_code_one_event_each(coded):
    assert coded_events(coded, "compound.txt") == [("XAN", "YOR", "122"), ("ZEM", "YOR", "122")]


def test_a_compound_marker_makes_the_actors_act_on_each_other(coded):
    assert coded_events(coded, "mutual.txt") == [("XAN", "YOR", "040"), ("YOR", "XAN", "040")]


def test_a_paired_code_gives_the_event_read_the_other_way(coded):
    assert coded_events(coded, "paired.txt") == [("XAN", "ZEM", "043"), ("ZEM", "XAN", "042")]


def test_a_multiword_synonym_in_the_object(coded):
    assert coded_events(coded, "currency.txt") == [("YOR", "ZEM", "071")]


def test_a_source_marker_takes_the_actor_where_it_stands(coded):
    assert coded_events(coded, "source_marker.txt") == [("XAN", "ZEM", "036")]


def test_a_pronoun_takes_the_subject_before_it(coded):
    assert ("YOR", "XAN", "122") in coded_events(coded, "pronoun.txt")


def test_dated_codes_follow_the_publication_date(coded):
    assert coded_events(coded, "dated_in.txt") == [("XANGOV", "YOR", "122")]
    assert coded_events(coded, "dated_later.txt") == [("XANELI", "YOR", "122")]


def test_out_of_every_range_the_actor_keeps_its_country(coded):
    assert coded_events(coded, "dated_out.txt") == [("YOR", "ZEM", "122")]


def test_the_entity_shows_the_code_its_date_range_and_source(coded):
    row = coded.entities.filter(pl.col("entity_key") == "person:odo vask").sort("actor_code").to_dicts()
    assert [(r["actor_code"], r["actor_code_valid_from"], r["actor_code_valid_until"]) for r in row] == [
        ("XANELI", dt.date(2000, 1, 1), dt.date(2005, 12, 31)),
        ("XANGOV", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
    ]
    assert all(r["actor_code_source"].startswith("Test.actors.txt:") for r in row)


def test_a_discard_leaves_its_clause_uncoded_and_the_rest_coded(coded):
    assert coded_events(coded, "discard_clause.txt") == [("XAN", "YOR", "122")]
    aid = coded.raw.filter(pl.col("path") == "discard_clause.txt")["article_id"][0]
    assert "attacked" in coded.events.filter(pl.col("article_id") == aid)["trigger"].to_list()


def test_a_story_discard_leaves_the_whole_story_uncoded(coded):
    assert coded_events(coded, "discard_story.txt") == []
    aid = coded.raw.filter(pl.col("path") == "discard_story.txt")["article_id"][0]
    assert coded.events.filter(pl.col("article_id") == aid)["trigger"].to_list() == ["condemned"]


def test_a_year_discard_marks_history_only(coded):
    assert coded_events(coded, "history.txt") == []
    assert coded_events(coded, "same_year.txt") == [("XAN", "YOR", "122")]


def test_petrarch_s_grammar_codes_dyads_only(coded):
    assert coded_events(coded, "one_sided.txt") == []


def test_without_petrarch_s_grammar_the_same_set_codes_one_sided_events(tmp_path_factory, dictionary_folder):
    """The grammar is the option's, not the set's: the same dictionaries without it keep a one-sided event."""
    dictionaries = coding_dictionaries(load([str(dictionary_folder)]))
    layers = process(
        tmp_path_factory.mktemp("grammar"), {"one_sided.txt": TEXTS["one_sided.txt"]}, dictionaries=dictionaries
    )
    assert coded_events(layers, "one_sided.txt") == [("XAN", None, "122")]
