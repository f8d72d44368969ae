"""The machine's cache of built data: built once, read back equal, rebuilt when any part changes."""

import gc
import os

import pytest

from newsfacts.caching import cache_dir, cached, long_lived


def _counting_build(calls: list, value):
    def build():
        calls.append(1)
        return value

    return build


def test_a_value_is_built_once_and_read_back_equal(tmp_path):
    calls: list = []
    value = {"gondor": ("GON", 3), "arnor": ["ARN"]}
    first = cached("table", ["a", b"b"], _counting_build(calls, value), folder=tmp_path)
    second = cached("table", ["a", b"b"], _counting_build(calls, {"other": 1}), folder=tmp_path)
    assert first == second == value and len(calls) == 1
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["table"]


def test_any_changed_part_builds_anew(tmp_path):
    data = tmp_path / "in.csv"
    data.write_text("x\n", encoding="utf-8")
    folder = tmp_path / "cache"
    assert cached("t", [data], lambda: 1, folder=folder) == 1
    data.write_text("y\n", encoding="utf-8")  # a file given as a part is read for its bytes
    assert cached("t", [data], lambda: 2, folder=folder) == 2
    assert cached("t", [data, "v2"], lambda: 3, folder=folder) == 3
    assert len(list(folder.iterdir())) == 3


def test_a_damaged_file_is_built_over(tmp_path):
    cached("t", ["p"], lambda: [1, 2], folder=tmp_path)
    (path,) = tmp_path.iterdir()
    path.write_bytes(b"not a pickle")
    assert cached("t", ["p"], lambda: [3], folder=tmp_path) == [3]
    assert cached("t", ["p"], lambda: [4], folder=tmp_path) == [3]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path):
    tmp_path.chmod(0o500)
    try:
        assert cached("t", ["p"], lambda: "built", folder=tmp_path / "sub") == "built"
    finally:
        tmp_path.chmod(0o700)


def test_a_file_that_cannot_be_written_only_costs_time(tmp_path):
    (tmp_path / "sub").write_text("a file where the folder should be", encoding="utf-8")
    assert cached("t", ["p"], lambda: "built", folder=tmp_path / "sub") == "built"
    assert cached("t", ["p"], lambda: "again", folder=tmp_path / "sub") == "again"


def test_the_folder_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSFACTS_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.delenv("NEWSFACTS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "newsfacts"


def test_long_lived_data_leaves_the_collector_as_it_was():
    assert gc.isenabled()
    made = long_lived(lambda: [[i] for i in range(1000)])
    assert len(made) == 1000 and gc.isenabled()
    gc.disable()
    try:
        long_lived(lambda: None)
        assert not gc.isenabled()
    finally:
        gc.enable()
