"""Starting the forkserver every worker is forked from (worker_pool.py says why one), without importing
the workers: `newsfacts run` starts it first thing, so the models load on the other core while the
command imports Dagster and plans."""

from __future__ import annotations

import multiprocessing

# What every worker starts with, loaded once per process that runs batches: the spaCy models.
# "__main__" too: a worker re-imports its parent's main script unless the forkserver already did.
# (Not the entity and event coders' data: the forkserver forks nothing before all it preloads is
# loaded, and with that data too it was ready a second later than a one-article run's first step.)
FORKSERVER_PRELOAD = ["__main__", "newsfacts.nlp.preload"]


def start_forkserver() -> None:
    """Start this process's forkserver (once); it loads the models in the background."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(FORKSERVER_PRELOAD)
    from multiprocessing import forkserver

    forkserver.ensure_running()
