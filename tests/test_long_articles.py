"""A long article costs work in proportion to its length: the entity and event layers do twice the
operations on an article twice as long (counted, not timed; bench/long_article_bench.py times it)."""

from collections import Counter

import pytest

from newsfacts.entities.gazetteer import gazetteer
from newsfacts.entities.geocode import geocoder
from newsfacts.entities.layer import entity_frames
from newsfacts.events import quotes
from newsfacts.events.codebook import codebook
from newsfacts.events.layer import event_frames
from newsfacts.events.patterns import pattern_book
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
