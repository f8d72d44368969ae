"""Only regular files are articles: pipes, devices, sockets, links leading out or nowhere and folders
named like articles are listed, refused with a reason, and never read or waited on."""

import os
import signal
import socket
import stat

import pytest

from newsfacts.ingest.files import hash_article
from newsfacts.ingest.planning import PlanEntry
from newsfacts.ingest.raw_articles import read_batch
from newsfacts.ingest.scan import article_id_for, scan_seeds

GOOD = "Iraq and Iran met in Baghdad on Sunday.\n"


@pytest.fixture(autouse=True)
def no_hang():
    """A test that blocks on a pipe fails after 20 s instead of hanging the suite."""

    def stuck(*_):
        raise TimeoutError("blocked reading a special file")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def read_one(seeds, rel):
    """The raw_articles row of one file after the scan listed it and the planner hashed it."""
    assert rel in [f.path for f in scan_seeds(seeds)]
    sha = hash_article(seeds, rel)
    row = read_batch(seeds, [PlanEntry(rel, article_id_for(rel), "new", sha)], 5_000_000, "v").row(0, named=True)
    return sha, row


def assert_refused(seeds, rel, code, words):
    sha, row = read_one(seeds, rel)
    assert sha is None
    assert (row["status"], row["reason_code"]) == ("rejected", code)
    assert words in row["reason"]
    assert row["text"] is None
    return row


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    assert_refused(tmp_path, "pipe.txt", "not_a_file", "a named pipe (FIFO), not a regular file")


def test_a_device_inside_the_folder_is_refused(tmp_path):
    try:
        os.mknod(tmp_path / "zero.txt", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # what /dev/zero is
    except PermissionError:
        pytest.skip("creating device nodes is not permitted here")
    assert_refused(tmp_path, "zero.txt", "not_a_file", "a character device")


def test_a_link_to_a_device_is_refused(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    assert_refused(tmp_path, "zero.txt", "link_outside", "a symbolic link to /dev/zero, outside the seeds folder")


def test_a_socket_is_refused(tmp_path):
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(tmp_path / "sock.txt"))
        assert_refused(tmp_path, "sock.txt", "not_a_file", "a socket")
    finally:
        server.close()


def test_a_link_out_of_the_seeds_folder_is_never_read(tmp_path):
    outside = tmp_path / "private.txt"
    outside.write_text("secret line\n")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "p.txt").symlink_to(outside)
    (seeds / "up.txt").symlink_to("../private.txt")
    row = assert_refused(seeds, "p.txt", "link_outside", f"a symbolic link to {outside}")
    assert row["content_sha256"] is None
    assert_refused(seeds, "up.txt", "link_outside", "outside the seeds folder")


def test_link_loops_and_broken_links_are_refused(tmp_path):
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "self.txt").symlink_to("self.txt")
    (tmp_path / "gone.txt").symlink_to("missing.txt")
    for rel in ("a.txt", "b.txt", "self.txt"):
        assert_refused(tmp_path, rel, "broken_link", "loops back on itself")
    assert_refused(tmp_path, "gone.txt", "broken_link", "a symbolic link to missing.txt, which does not exist")


def test_a_folder_named_like_an_article_is_refused_and_its_articles_read(tmp_path):
    (tmp_path / "x.txt").mkdir()
    (tmp_path / "x.txt" / "inner.txt").write_text(GOOD)
    assert [f.path for f in scan_seeds(tmp_path)] == ["x.txt", "x.txt/inner.txt"]
    assert_refused(tmp_path, "x.txt", "not_a_file", "a folder named like an article")
    assert read_one(tmp_path, "x.txt/inner.txt")[1]["status"] == "ingested"


def test_a_link_that_stays_inside_is_followed(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "real.txt").write_text(GOOD)
    (tmp_path / "alias.txt").symlink_to("sub/real.txt")
    sha, row = read_one(tmp_path, "alias.txt")
    assert row["status"] == "ingested" and row["text"] == GOOD
    assert sha == row["content_sha256"] == hash_article(tmp_path, "sub/real.txt")


def test_linked_folders_are_not_walked(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(GOOD)
    (tmp_path / "again").symlink_to("sub")
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    outside.mkdir()
    (outside / "b.txt").write_text(GOOD)
    (tmp_path / "out").symlink_to(outside)
    (tmp_path / "linked.txt").symlink_to("sub")
    assert [f.path for f in scan_seeds(tmp_path)] == ["linked.txt", "sub/a.txt"]
    assert_refused(tmp_path, "linked.txt", "not_a_file", "a symbolic link to a folder: linked folders are not followed")
