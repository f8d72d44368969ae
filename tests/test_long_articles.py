"""A long article costs work in proportion to its length: the entity and event layers do twice the
operations on an article twice as long (counted, not timed; bench/long_article_bench.py times it)."""

from collections import Counter

import polars as pl
import pytest

from newsfacts.entities.gazetteer import gazetteer
from newsfacts.entities.geocode import geocoder
from newsfacts.entities.layer import entity_frames
from newsfacts.events import quotes
from newsfacts.events.codebook import codebook
from newsfacts.events.layer import event_frames
from newsfacts.events.patterns import pattern_book
from newsfacts.nlp import doc
from newsfacts.nlp.doc import ParsedArticle, Sentence

from conftest import SEED
from layers import process

# An acronym with no full name in the article (every mention is searched for its expansion), and a
# quotation per copy (each is matched against the sentences and the other quotations).
EXTRA = (
    'Officials of the Basra Oil Company met on Monday. A TDCJ spokesman said Iraq had "not met its '
    'obligations under the deal", officials said. The TDCJ also warned Iraq.\n\n'
)


def operations(tmp_path, copies: int, monkeypatch) -> Counter:
    layers = process(tmp_path / str(copies), {"a.txt": (SEED.read_text(encoding="utf-8") + "\n\n" + EXTRA) * copies})
    calls: Counter = Counter()

    def counted(name, fn):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return fn(*args, **kwargs)

        return wrapper

    with monkeypatch.context() as m:
        m.setattr(ParsedArticle, "words", counted("mention words read", ParsedArticle.words))
        m.setattr(Sentence, "__len__", counted("sentence lengths read", Sentence.__len__))
        m.setattr(quotes, "_tokens_inside", counted("quotation-sentence pairs", quotes._tokens_inside))
        mentions, entities = entity_frames(
            layers.raw, layers.sentences, layers.tokens, layers.ner_spans, gazetteer(), geocoder()
        )
        events, found = event_frames(
            layers.raw, layers.sentences, layers.tokens, mentions, entities, pattern_book(), codebook()
        )
    assert found.height >= copies and events.height > 0
    return calls


@pytest.mark.slow  # long articles through two layers
def test_entity_and_event_work_grows_linearly_with_the_article(tmp_path, monkeypatch):
    short, long = operations(tmp_path, 4, monkeypatch), operations(tmp_path, 8, monkeypatch)
    assert set(short) == set(long) == {"mention words read", "sentence lengths read", "quotation-sentence pairs"}
    for name in short:
        assert long[name] <= 2.1 * short[name], f"{name}: {short[name]} for 4 copies, {long[name]} for 8"


@pytest.mark.slow  # parses an article of a few thousand tokens
def test_an_article_beyond_the_window_size_is_coded_window_by_window_with_one_row_per_entity(tmp_path, monkeypatch):
    text = "A week of news\n\n" + "\n\n".join(
        f"Police in Basra arrested {n} protesters on Monday, the Iraqi interior ministry said. President Ana Lopez "
        f"met the prime minister of Japan in Tokyo and signed an agreement on trade. Lopez said the talks went well."
        for n in range(3, 43)
    )
    layers = process(tmp_path, {"long.txt": text})
    # Windows of ~150 tokens for an article of over 300: the thresholds of a 4.9 MB record, scaled down.
    monkeypatch.setattr(doc, "LONG_ARTICLE_TOKENS", 300)
    monkeypatch.setattr(doc, "WINDOW_TOKENS", 150)
    windows = [a.window for a in doc.build_articles(layers.raw, layers.sentences, layers.tokens)]
    assert len(windows) > 5 and windows[0] is not None and windows[0][0] == 0
    assert all(a[1] == b[0] for a, b in zip(windows, windows[1:], strict=False))  # consecutive, none left out
    assert windows[-1][1] == layers.sentences.height
    paragraph = dict(layers.sentences.select("sentence_idx", "paragraph_idx").iter_rows())
    assert all(paragraph[end] != paragraph[end - 1] for _, end in windows[:-1])  # cut between paragraphs

    mentions, entities = entity_frames(
        layers.raw, layers.sentences, layers.tokens, layers.ner_spans, gazetteer(), geocoder()
    )
    events, found = event_frames(
        layers.raw, layers.sentences, layers.tokens, mentions, entities, pattern_book(), codebook()
    )
    # An entity named in every window has one row, counting its mentions in all of them.
    assert entities.select("article_id", "entity_id").is_unique().all()
    counts = dict(mentions.drop_nulls("entity_id").group_by("entity_id").len().iter_rows())
    assert dict(entities.select("entity_id", "n_mentions").iter_rows()) == counts
    basra = entities.filter(pl.col("name") == "Basra")
    assert basra.height == 1 and basra.item(0, "n_mentions") == 40
    # Every window's events, with offsets into the whole text.
    arrests = events.filter(pl.col("verb_lemma") == "arrest")
    assert arrests.height == 40 and arrests.get_column("event_id").is_unique().all()
    assert all(text[a:b] == t for a, b, t in arrests.select("char_start", "char_end", "trigger").iter_rows())
    assert arrests.get_column("source_entity_id").null_count() == 0
