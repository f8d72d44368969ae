"""Debian's PostgreSQL and Redis, started for a test in a temporary folder (`.ci/run` installs them).

Each yields its URL, or raises ServiceUnavailable when it cannot start here (the tests then skip)."""

from __future__ import annotations

import glob
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ServiceUnavailable(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_bin(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if found is None:
        raise ServiceUnavailable(f"{name} not found (apt-get install postgresql)")
    return found


def _as_unprivileged(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as nobody."""
    if os.geteuid() != 0:
        return cmd
    return ["su", "nobody", "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in cmd)]


@contextmanager
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server on a fresh data folder (initdb), as an unprivileged user; its URL."""
    initdb, pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
    folder = Path(tempfile.mkdtemp(prefix="newsfacts-pg-"))
    data, port = folder / "data", free_port()
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody")
    ctl = [pg_ctl, "-D", str(data), "-w", "-t", "60"]
    try:
        steps = [
            [initdb, "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
            ctl
            + ["-l", str(folder / "log"), "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"]
            + ["start"],
        ]
        for cmd in steps:
            proc = subprocess.run(_as_unprivileged(cmd), capture_output=True, text=True, timeout=120)
            if proc.returncode != 0:
                log = (folder / "log").read_text() if (folder / "log").exists() else ""
                raise ServiceUnavailable(f"{cmd[0]} failed: {proc.stderr or proc.stdout}{log}")
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_unprivileged([*ctl, "-m", "immediate", "stop"]), capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def new_database(server_url: str, name: str) -> str:
    """Create a database named after `name` (made safe) on the server; its URL."""
    import psycopg2

    db = "t_" + re.sub(r"[^a-z0-9]+", "_", name.lower())[:50] + f"_{os.getpid()}_{time.monotonic_ns() % 10**6}"
    con = psycopg2.connect(server_url)
    try:
        con.autocommit = True  # CREATE DATABASE cannot run in a transaction
        with con.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{db}"')
    finally:
        con.close()
    return server_url.rsplit("/", 1)[0] + "/" + db


@contextmanager
def redis_server() -> Iterator[str]:
    """A Redis server on a free port, nothing saved to disk; its URL."""
    server = shutil.which("redis-server")
    if server is None:
        raise ServiceUnavailable("redis-server not found (apt-get install redis-server)")
    folder = Path(tempfile.mkdtemp(prefix="newsfacts-redis-"))
    port = free_port()
    cmd = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    proc = subprocess.Popen([*cmd, "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise ServiceUnavailable("redis-server did not start") from None
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
