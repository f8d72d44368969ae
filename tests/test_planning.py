"""The planner: what is new, changed, unchanged or deleted, and what it has to hash."""

from newsfacts.ingest.planning import PublishedFile, batch_key, plan_ingest
from newsfacts.ingest.scan import SourceFile, article_id_for

V = "v1"


def published(path, sha, size=10, mtime=1, dup=None, version=V):
    return PublishedFile(path, sha, size, mtime, dup, version)


class Hasher:
    def __init__(self, shas):
        self.shas, self.calls = shas, []

    def __call__(self, path):
        self.calls.append(path)
        return self.shas[path]


def test_unchanged_files_are_not_even_hashed():
    files = [SourceFile("a.txt", 10, 1), SourceFile("b.txt", 10, 1)]
    hasher = Hasher({})
    plan = plan_ingest(files, {"a.txt": published("a.txt", "A"), "b.txt": published("b.txt", "B")}, hasher, V)
    assert plan.entries == [] and plan.n_unchanged == 2 and hasher.calls == []


def test_new_changed_touched_and_deleted():
    files = [SourceFile("new.txt", 5, 1), SourceFile("changed.txt", 11, 2), SourceFile("touched.txt", 10, 9)]
    pub = {
        "changed.txt": published("changed.txt", "OLD"),
        "touched.txt": published("touched.txt", "T"),
        "gone.txt": published("gone.txt", "G"),
    }
    hasher = Hasher({"new.txt": "N", "changed.txt": "NEW", "touched.txt": "T"})
    plan = plan_ingest(files, pub, hasher, V)
    assert [(e.path, e.change) for e in plan.entries] == [
        ("changed.txt", "changed"),
        ("gone.txt", "deleted"),
        ("new.txt", "new"),
    ]
    assert plan.n_unchanged == 1  # touched.txt: new mtime, same bytes
    assert sorted(hasher.calls) == ["changed.txt", "new.txt", "touched.txt"]


def test_code_changes_make_articles_changed():
    plan = plan_ingest([SourceFile("a.txt", 10, 1)], {"a.txt": published("a.txt", "A", version="v0")}, Hasher({}), V)
    assert [(e.path, e.change) for e in plan.entries] == [("a.txt", "changed")]


def test_identical_files_point_to_the_first_path():
    files = [SourceFile("b.txt", 3, 1), SourceFile("a.txt", 3, 1), SourceFile("c.txt", 3, 1)]
    plan = plan_ingest(files, {}, Hasher({"a.txt": "X", "b.txt": "X", "c.txt": "Y"}), V)
    assert {e.path: e.duplicate_of for e in plan.entries} == {"a.txt": None, "b.txt": "a.txt", "c.txt": None}


def test_deleting_the_kept_copy_changes_the_duplicate():
    pub = {"a.txt": published("a.txt", "X", 3), "b.txt": published("b.txt", "X", 3, dup="a.txt")}
    plan = plan_ingest([SourceFile("b.txt", 3, 1)], pub, Hasher({}), V)
    assert [(e.path, e.change, e.duplicate_of) for e in plan.entries] == [
        ("a.txt", "deleted", None),
        ("b.txt", "changed", None),
    ]


def test_work_already_in_a_pending_batch_is_left_to_it():
    files = [SourceFile("a.txt", 1, 1), SourceFile("b.txt", 1, 1)]
    plan = plan_ingest(
        files,
        {"gone.txt": published("gone.txt", "G")},
        Hasher({"a.txt": "A", "b.txt": "B"}),
        V,
        in_flight={("a.txt", "A"), ("gone.txt", None)},
    )
    assert [e.path for e in plan.entries] == ["b.txt"] and plan.n_in_flight == 2


def test_unreadable_file_stays_unchanged_until_it_can_be_read():
    pub = {"x.txt": published("x.txt", None)}
    assert plan_ingest([SourceFile("x.txt", 10, 1)], pub, Hasher({"x.txt": None}), V).entries == []
    assert plan_ingest([SourceFile("x.txt", 10, 1)], pub, Hasher({"x.txt": "X"}), V).entries[0].change == "changed"


def test_batches_are_bounded_and_keys_stable():
    files = [SourceFile(f"{i:03d}.txt", 1, 1) for i in range(5)]
    plan = plan_ingest(files, {}, Hasher({f.path: f.path for f in files}), V)
    batches = plan.batches(2)
    assert [len(b) for b in batches] == [2, 2, 1]
    assert batch_key(batches[0], "t") == batch_key(list(batches[0]), "t") != batch_key(batches[1], "t")


def test_article_ids_depend_on_the_relative_path_only():
    assert article_id_for("gum/a.txt") == article_id_for("gum/a.txt") != article_id_for("gum/b.txt")
    assert len(article_id_for("x")) == 16


def test_identical_rejected_files_are_not_replanned():
    pub = {"a.txt": published("a.txt", "E", 0), "b.txt": PublishedFile("b.txt", "E", 0, 1, None, V, rejected=True)}
    pub["a.txt"] = PublishedFile("a.txt", "E", 0, 1, None, V, rejected=True)
    plan = plan_ingest([SourceFile("a.txt", 0, 1), SourceFile("b.txt", 0, 1)], pub, Hasher({}), V)
    assert plan.entries == [] and plan.n_unchanged == 2


def test_an_article_whose_parse_still_holds_is_re_coded_from_its_stored_parse():
    files = [SourceFile("same.txt", 10, 1), SourceFile("edited.txt", 11, 2), SourceFile("refused.txt", 10, 1)]
    old = {
        "same.txt": PublishedFile("same.txt", "S", 10, 1, pipeline_version="old", batch="b1", parse_version="p1"),
        "edited.txt": PublishedFile("edited.txt", "E", 10, 1, pipeline_version="old", batch="b1", parse_version="p1"),
        "refused.txt": PublishedFile("refused.txt", "R", 10, 1, pipeline_version="old", rejected=True, batch="b1"),
    }
    hasher = Hasher({"edited.txt": "E2"})
    plan = plan_ingest(files, old, hasher, "new", parse_version="p1")
    assert {e.path: (e.change, e.parse_from) for e in plan.entries} == {
        "same.txt": ("changed", "b1"),  # same bytes, same parse: only the layers after the parse run
        "edited.txt": ("changed", None),  # other bytes: parsed again
        "refused.txt": ("changed", None),  # rejected: nothing stored to take
    }
    assert plan.n_recoded == 1
    # The parse itself changed: everything is parsed again.
    assert {e.parse_from for e in plan_ingest(files, old, hasher, "new", parse_version="p2").entries} == {None}
