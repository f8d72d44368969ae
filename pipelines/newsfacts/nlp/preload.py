"""Imported by the forkserver spaCy workers are forked from (newsfacts.forkserver): loads the sentence and
parse pipelines once, so every worker starts with them in memory."""

import atexit
import os
import sys

import newsfacts.nlp.jobs  # noqa: F401  (what each worker runs, imported once here too)
import newsfacts.worker_pool  # noqa: F401
from newsfacts.nlp.model import ModelNotInstalled, parse_pipeline, sentence_pipeline

try:
    # One parse, so the lazy set-up of the first call is done once here, not in every worker.
    parse_pipeline()("The model is loaded.")
    sentence_pipeline()("The model is loaded.")
except ModelNotInstalled:
    pass  # each worker then tries to load it itself and the batch fails with the reason, in one line


def _leave_at_once() -> None:
    """The forkserver ends (SystemExit) when the process that started it does. Tearing down an
    interpreter that holds the models takes a second or more, all the while holding that process's
    stdout and stderr open (whoever reads them through a pipe waits): it writes no files and has only
    its own two streams to flush, so it leaves without the teardown. Workers forked from it leave by
    os._exit already and never run this."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(0)


atexit.register(_leave_at_once)  # registered last, so it runs first
