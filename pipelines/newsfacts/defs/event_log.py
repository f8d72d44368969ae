"""Dagster's consolidated SQLite event log, reusing its database connections.

Dagster's own class makes a new engine and opens a new SQLite connection for every event it
stores and every query it asks (and one more, each time, to check that the dynamic partitions
table exists): a one-article batch opens some two hundred, a tenth of its run. This one keeps one
engine per process, whose pool hands the same few connections out again, and remembers the tables
it has seen. Each use is still its own transaction, committed at its end, so what is stored and
when it is durable are as before; an idle pooled connection holds no lock.

dagster.yaml names this class (newsfacts writes it); the UI's processes load it from there too.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from dagster._core.storage.event_log import ConsolidatedSqliteEventLogStorage
from dagster._core.storage.sql import create_engine
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from dagster._serdes import ConfigurableClassData
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool


class PooledSqliteEventLogStorage(ConsolidatedSqliteEventLogStorage):
    """ConsolidatedSqliteEventLogStorage (all runs' events in one event_log.db) with pooled connections."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None):
        self._engine: Engine | None = None
        self._engine_pid = 0
        self._engine_lock = threading.Lock()
        self._tables: set[str] = set()
        super().__init__(base_dir, inst_data)

    @classmethod
    def from_config_value(cls, inst_data: ConfigurableClassData, config_value: Mapping[str, Any]):
        return cls(inst_data=inst_data, **config_value)

    def _pooled_engine(self) -> Engine:
        with self._engine_lock:
            if self._engine is None or self._engine_pid != os.getpid():
                # A forked child makes its own: connections must not be shared across processes.
                self._engine = create_engine(
                    self._conn_string,
                    poolclass=QueuePool,
                    pool_size=2,
                    max_overflow=8,
                    connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
                )
                self._engine_pid = os.getpid()
            return self._engine

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        with self._pooled_engine().connect() as conn, conn.begin():
            yield conn

    def has_table(self, table_name: str) -> bool:
        # Tables are added by migrations, never dropped while an instance is open: a yes is kept.
        if table_name not in self._tables and super().has_table(table_name):
            self._tables.add(table_name)
        return table_name in self._tables

    def dispose(self) -> None:
        super().dispose()
        with self._engine_lock:
            if self._engine is not None and self._engine_pid == os.getpid():
                self._engine.dispose()
            self._engine = None
