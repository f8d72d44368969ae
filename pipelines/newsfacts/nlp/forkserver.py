"""Starting the forkserver the spaCy workers are forked from (workers.py says why one), without importing
the workers: `newsfacts run` starts it first thing, so the models load on the other core while the
command imports the rest and plans (the first batch's sentences wait for it otherwise)."""

from __future__ import annotations

import multiprocessing

# "__main__" too: a worker re-imports its parent's main script unless the forkserver already did.
FORKSERVER_PRELOAD = ["__main__", "newsfacts.nlp.preload"]


def start_forkserver() -> None:
    """Start this process's forkserver (once); it loads the parse model in the background."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(FORKSERVER_PRELOAD)
    from multiprocessing import forkserver

    forkserver.ensure_running()
