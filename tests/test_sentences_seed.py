"""The bundled seed gives exactly the sentences of the hand annotation."""

import json

import pytest

from newsfacts.ingest.reading import decode_article
from newsfacts.text.segmentation import SentenceSplitter
from newsfacts.text.sentences import ArticleBody, split_articles

from conftest import SEED, SHARED

GOLD_SENTENCES = [
    (0, 0, "sentence", 0, 194),
    (1, 1, "sentence", 195, 258),
    (2, 2, "sentence", 259, 441),
    (3, 2, "sentence", 442, 567),
    (4, 3, "sentence", 568, 682),
    (5, 3, "sentence", 683, 877),
    (6, 4, "sentence", 878, 1142),
    (7, 5, "sentence", 1143, 1269),
    (8, 6, "heading", 1270, 1300),
    (9, 7, "sentence", 1301, 1449),
    (10, 8, "sentence", 1450, 1688),
    (11, 9, "sentence", 1689, 1846),
    (12, 10, "sentence", 1847, 2036),
    (13, 11, "sentence", 2037, 2141),
]


@pytest.fixture(scope="module")
def seed_rows(senter):
    art = decode_article(SEED.read_bytes())
    return split_articles([ArticleBody("seed", art.text, art.front.body_start)], SentenceSplitter(senter).split)


def test_seed_sentences_match_the_hand_annotation(seed_rows):
    assert [(r.sentence_idx, r.paragraph_idx, r.kind, r.char_start, r.char_end) for r in seed_rows] == GOLD_SENTENCES


def test_seed_sentence_text_is_the_raw_span(seed_rows, seed_text):
    for r in seed_rows:
        assert r.text == seed_text[r.char_start : r.char_end]


@pytest.mark.skipif(not (SHARED / "gold" / "seed.json").exists(), reason="../shared/gold is not here")
def test_pinned_sentences_are_the_gold_file(seed_rows):
    gold = json.loads((SHARED / "gold" / "seed.json").read_text())["sentences"]
    assert [
        (s["sentence_idx"], s["paragraph_idx"], s["kind"], s["char_start"], s["char_end"]) for s in gold
    ] == GOLD_SENTENCES
    assert [r.text for r in seed_rows] == [s["text"] for s in gold]
