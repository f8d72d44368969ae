"""A backfill on Celery workers: plan the seeds folder in N batches, run them on the workers, print the rate.

    NEWSFACTS_CELERY_BROKER=redis://127.0.0.1:6379/0 NEWSFACTS_SEEDS_DIR=... NEWSFACTS_WAREHOUSE=... \\
        uv run python bench/celery_backfill.py --instance postgresql://... --batches 10 --side-by-side 2

The workers are started beside it (see pipelines/newsfacts/defs/celery_runs.py). Run again after an
interruption, it runs the batches still pending.
"""

import sys

from newsfacts.defs.celery_runs import main

if __name__ == "__main__":
    sys.exit(main())
