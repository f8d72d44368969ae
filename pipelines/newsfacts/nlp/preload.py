"""Imported by the forkserver spaCy workers are forked from (see workers.py): loads the sentence and
parse pipelines once, so every worker starts with them in memory."""

import newsfacts.nlp.workers  # noqa: F401  (what each worker runs, imported once here too)
from newsfacts.nlp.model import ModelNotInstalled, parse_pipeline, sentence_pipeline

try:
    # One parse, so the lazy set-up of the first call is done once here, not in every worker.
    parse_pipeline()("The model is loaded.")
    sentence_pipeline()("The model is loaded.")
except ModelNotInstalled:
    pass  # each worker then tries to load it itself and the batch fails with the reason, in one line
