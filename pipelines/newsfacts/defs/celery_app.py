"""The Celery app a newsfacts worker runs: dagster-celery's step task, on the broker in NEWSFACTS_CELERY_BROKER.

celery -A newsfacts.defs.celery_app worker -Q dagster -P solo --prefetch-multiplier=1 -n w1@%h
"""

from __future__ import annotations

import os

from dagster_celery.config import DEFAULT_CONFIG, dict_wrapper
from dagster_celery.make_app import make_app
from dagster_celery.tasks import create_task

from newsfacts.defs.celery_runs import BROKER_ENV

broker = os.environ[BROKER_ENV]
# What the launching side's celery_executor builds (CeleryExecutor.app_args), so both speak of one queue.
app = make_app({"broker": broker, "backend": broker, "config_source": dict_wrapper(DEFAULT_CONFIG)})
execute_plan = create_task(app)
