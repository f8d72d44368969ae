"""Is a process recorded earlier still running? Its pid, checked against its start time.

A pid alone is not enough after a kill -9: the number may since belong to
another process. On Linux, /proc gives each process's start time, so a pid
counts as the recorded process only if that process started no later than
the moment it was recorded. Elsewhere, the pid alone is checked.
"""

from __future__ import annotations

import os
import socket
from functools import lru_cache
from pathlib import Path

_PROC = Path("/proc")
# /proc/stat's boot time is whole seconds and start times are clock ticks: allow for the rounding.
START_TIME_SLACK_SECONDS = 2.0


def this_host() -> str:
    return socket.gethostname()


@lru_cache(maxsize=1)
def _boot_time() -> float:
    for line in (_PROC / "stat").read_text().splitlines():
        if line.startswith("btime "):
            return float(line.split()[1])
    raise OSError("no btime in /proc/stat")


def process_start_time(pid: int) -> float | None:
    """When the process started (seconds since the epoch); None if it is not running (or a zombie)."""
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (command) "; the command may hold spaces
    if fields[0] in ("Z", "X"):  # exited, not yet reaped by its parent
        return None
    return _boot_time() + int(fields[19]) / os.sysconf("SC_CLK_TCK")


def is_running(pid: int, started_by: float | None = None) -> bool:
    """The process `pid` runs, and (when started_by is given) it started no later than that moment."""
    if not _PROC.joinpath("self", "stat").exists():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    started = process_start_time(pid)
    if started is None:
        return False
    return started_by is None or started <= started_by + START_TIME_SLACK_SECONDS


def own_start_time() -> float | None:
    return process_start_time(os.getpid()) if _PROC.joinpath("self", "stat").exists() else None
