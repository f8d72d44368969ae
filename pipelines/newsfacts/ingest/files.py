"""Opening an article file safely: regular files only, links only within the seeds folder.

A named pipe or a device would block a reader (or never end), and a symbolic link could
read any file on the machine, so every read of a seeds file goes through `open_article`:
the path is resolved, refused unless it is a regular file inside the seeds folder, opened
without following a last link and without blocking, and checked again on the open
descriptor, so a file swapped in between is caught too.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsfacts.contract.values import ReasonCode

_CHUNK = 1 << 20
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class Refused(Exception):
    """The path is not an article file: not a regular file, or a link leading elsewhere."""

    def __init__(self, code: ReasonCode, reason: str):
        super().__init__(reason)
        self.code, self.reason = code, reason


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    return next((name for is_kind, name in _KINDS if is_kind(mode)), "a special file")


def _not_regular(mode: int) -> Refused:
    what = kind_of(mode)
    if stat.S_ISDIR(mode):
        return Refused(
            ReasonCode.NOT_A_FILE, f"{what} named like an article, not a file (the articles inside it are read)"
        )
    return Refused(ReasonCode.NOT_A_FILE, f"{what}, not a regular file: only regular files are read")


def resolve_article(seeds_dir: Path, rel: str) -> Path:
    """The path to open for `rel`: itself, or where its links lead when that stays inside the seeds
    folder. Raises Refused for a link leading out, a broken link or a loop, FileNotFoundError when
    nothing is there."""
    full = Path(seeds_dir) / rel
    if not stat.S_ISLNK(os.lstat(full).st_mode):
        return full
    try:
        target = Path(os.path.realpath(full, strict=True))
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise Refused(ReasonCode.BROKEN_LINK, "a symbolic link that loops back on itself") from None
        if e.errno == errno.ENOENT:
            raise Refused(
                ReasonCode.BROKEN_LINK, f"a symbolic link to {os.readlink(full)}, which does not exist"
            ) from None
        raise
    root = Path(os.path.realpath(seeds_dir))
    if not target.is_relative_to(root):
        raise Refused(
            ReasonCode.LINK_OUTSIDE,
            f"a symbolic link to {target}, outside the seeds folder: only links that stay inside it are followed",
        )
    return target


@contextmanager
def open_article(seeds_dir: Path, rel: str) -> Iterator[tuple[int, os.stat_result]]:
    """A read-only descriptor on the regular file `rel` names, with its fstat.

    Raises Refused for anything else (never opening a pipe or a device), FileNotFoundError when the
    file is gone, OSError when it cannot be read."""
    path = resolve_article(seeds_dir, rel)
    before = os.lstat(path)
    if not stat.S_ISREG(before.st_mode):
        if stat.S_ISDIR(before.st_mode) and path != Path(seeds_dir) / rel:
            raise Refused(ReasonCode.NOT_A_FILE, "a symbolic link to a folder: linked folders are not followed")
        raise _not_regular(before.st_mode)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as e:
        if e.errno in (errno.ELOOP, errno.ENXIO):  # became a link or a socket since the lstat
            raise Refused(ReasonCode.NOT_A_FILE, "replaced by a link or a special file while being read") from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(st.st_mode)
        yield fd, st
    finally:
        os.close(fd)


def read_fd(fd: int, limit: int) -> bytes:
    """At most `limit` bytes from the descriptor (a file that grows while read stays bounded)."""
    parts, n = [], 0
    while n < limit:
        chunk = os.read(fd, min(_CHUNK, limit - n))
        if not chunk:
            break
        parts.append(chunk)
        n += len(chunk)
    return b"".join(parts)


def hash_fd(fd: int) -> str:
    h = hashlib.sha256()
    while chunk := os.read(fd, _CHUNK):
        h.update(chunk)
    return h.hexdigest()


def hash_article(seeds_dir: Path, rel: str) -> str | None:
    """SHA-256 of an article file's bytes, or None when it is not an article file or cannot be read."""
    try:
        with open_article(seeds_dir, rel) as (fd, _):
            return hash_fd(fd)
    except (Refused, OSError):
        return None
