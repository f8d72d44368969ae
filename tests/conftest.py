"""Shared fixtures: the seed article, temporary seeds folders and warehouses, the real model."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_b04772ce60321abe.txt"
SHARED = ROOT.parent / "shared"
NEWSFACTS = [sys.executable, "-m", "newsfacts.cli"]


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def senter():
    from newsfacts.nlp.model import sentence_pipeline

    return sentence_pipeline()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A seeds folder, a warehouse path and a Dagster home, all temporary, set in the environment."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    env = {
        "NEWSFACTS_SEEDS_DIR": str(seeds),
        "NEWSFACTS_WAREHOUSE": str(tmp_path / "wh" / "news.duckdb"),
        "DAGSTER_HOME": str(tmp_path / "dagster_home"),
    }
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return Project(tmp_path, seeds, Path(env["NEWSFACTS_WAREHOUSE"]), env)


class Project:
    def __init__(self, root: Path, seeds: Path, warehouse: Path, env: dict):
        self.root, self.seeds, self.warehouse, self.env = root, seeds, warehouse, env

    @classmethod
    def at(cls, root: Path) -> Project:
        """Seeds, warehouse and Dagster home under `root`, named in the environment of its CLI runs only
        (for a module's fixture, which cannot use monkeypatch)."""
        env = {
            "NEWSFACTS_SEEDS_DIR": str(root / "seeds"),
            "NEWSFACTS_WAREHOUSE": str(root / "wh" / "news.duckdb"),
            "DAGSTER_HOME": str(root / "home"),
        }
        return cls(root, root / "seeds", root / "wh" / "news.duckdb", env)

    def add_dated_seed(self, rel: str = "seed.txt") -> Path:
        """The bundled seed with a title and its publication date in front matter."""
        front = "---\ntitle: US threatens to close Baghdad embassy\npublished: 2020-09-27\n---\n"
        return self.write(rel, front + SEED.read_text(encoding="utf-8"))

    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.seeds / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def add_seed(self, rel: str = "seed.txt") -> Path:
        (self.seeds / rel).parent.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy(SEED, self.seeds / rel))

    def run_cli(self, *args: str, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess:
        """`newsfacts ...` in a child process, as a user would run it."""
        proc = subprocess.run(
            [*NEWSFACTS, *args],
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.root,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"newsfacts {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
        return proc

    def sql(self, query: str, params=None) -> list[tuple]:
        con = duckdb.connect(str(self.warehouse), read_only=True)
        try:
            return con.execute(query, params or []).fetchall()
        finally:
            con.close()


def _service(start):
    from services import ServiceUnavailable

    server = start()
    try:
        url = server.__enter__()
    except ServiceUnavailable as e:
        pytest.skip(f"cannot start the service here: {e}")
    try:
        yield url
    finally:
        server.__exit__(None, None, None)


@pytest.fixture(scope="session")
def postgres_server_url():
    """A PostgreSQL server of this test session (Debian's, initdb in a temporary folder); skips if it cannot start."""
    from services import postgres_server

    yield from _service(postgres_server)


@pytest.fixture
def postgres_url(postgres_server_url, request):
    """A new, empty database of the session's server for this test: no test sees another's runs."""
    from services import new_database

    return new_database(postgres_server_url, request.node.name)


@pytest.fixture(scope="session")
def redis_url():
    """A Redis server of this test session; skips if it cannot start."""
    from services import redis_server

    yield from _service(redis_server)
