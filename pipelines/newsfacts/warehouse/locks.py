"""Inter-process locks on files (flock): released by the OS if the holder dies."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path


class LockBusy(RuntimeError):
    pass


class FileLock:
    """An exclusive lock on a file; `holder` names who has it, for error messages."""

    def __init__(self, path: Path, purpose: str):
        self.path = path
        self.purpose = purpose
        self._fd: int | None = None

    def acquire(self, timeout: float = 0.0) -> FileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "another process"
                    os.close(fd)
                    raise LockBusy(f"{self.purpose} is locked by {holder} ({self.path})") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> FileLock:
        if self._fd is None:
            self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
