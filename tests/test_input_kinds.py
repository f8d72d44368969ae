"""Input kinds other than .txt: HTML pages, WARC records, JSONL/CSV/Parquet rows, feed entries. Each
record becomes a raw_articles row (or a rejection naming its container and key); planning treats
a container's records one by one; near-copies are found. No NLP here: these run in milliseconds."""

from __future__ import annotations

import gzip
import json
import random
from dataclasses import asdict
from pathlib import Path

import polars as pl
import pytest

from newsfacts.ingest.container_records import expand_containers
from newsfacts.ingest.files import hash_article
from newsfacts.ingest.near_copies import find_near_copies, signature
from newsfacts.ingest.planning import PublishedFile, plan_ingest
from newsfacts.ingest.raw_articles import read_batch
from newsfacts.ingest.records import ColumnNames, RecordArticle, compose_text
from newsfacts.ingest.scan import scan_seeds

from input_fixtures import (
    Story,
    altered_copy,
    render_page,
    write_csv,
    write_feed,
    write_jsonl,
    write_parquet,
    write_warc,
)

BODY = (
    "Chile condemned Peru on Monday over the border dispute, officials in Santiago said.\n"
    "Peru rejected the statement and recalled its ambassador for consultations."
)
STORIES = [
    Story("a.txt", "Chile condemns Peru", BODY, None, "https://wire.example/a", "Wire"),
    Story("b.txt", "Peru recalls envoy", BODY.replace("Monday", "Tuesday"), None, "https://wire.example/b", "Wire"),
]


def read(folder: Path, columns: ColumnNames | None = None, published: dict | None = None):
    """Plan the folder as a run would, read every planned entry; the rows and the skipped counts."""
    columns = columns or ColumnNames()
    files = expand_containers(folder, scan_seeds(folder), published or {}, columns)
    plan = plan_ingest(files, published or {}, lambda p: hash_article(folder, p), "v")
    skipped: dict[str, int] = {}
    raw = read_batch(folder, plan.entries, 5_000_000, "v", columns, skipped)
    return raw, skipped, plan


def rows(raw: pl.DataFrame) -> dict[str, dict]:
    return {r["path"]: r for r in raw.iter_rows(named=True)}


def published_from(raw: pl.DataFrame) -> dict[str, PublishedFile]:
    """What the warehouse would hold after publishing these rows."""
    return {
        r["path"]: PublishedFile(
            r["path"],
            r["content_sha256"],
            r["file_size"],
            r["file_mtime_ns"],
            r["duplicate_of"],
            r["pipeline_version"],
            r["status"] == "rejected",
            r["container"],
            r["record_key"],
        )
        for r in raw.iter_rows(named=True)
        if r["status"] != "deleted"
    }


def test_the_text_is_the_title_line_then_the_body():
    text, title = compose_text(RecordArticle("Chile condemns Peru", "Chile condemned Peru."))
    assert (text, title) == ("Chile condemns Peru\n\nChile condemned Peru.", "Chile condemns Peru")
    # a body that opens with its title keeps it once
    assert compose_text(RecordArticle("Chile condemns Peru", "Chile condemns Peru\nChile condemned Peru."))[0] == (
        "Chile condemns Peru\nChile condemned Peru."
    )


def test_an_html_page_gives_its_article_without_the_boilerplate(tmp_path):
    story = Story("x.txt", "Chile condemns Peru", BODY, None, "https://wire.example/a", "The Daily Planet")
    (tmp_path / "page.html").write_text(render_page(story), encoding="utf-8")
    row = rows(read(tmp_path)[0])["page.html"]
    assert row["status"] == "ingested" and row["input_kind"] == "html"
    assert (row["title"], row["url"], row["source"]) == ("Chile condemns Peru", story.url, "The Daily Planet")
    assert row["text"] == "Chile condemns Peru\n\n" + BODY.replace("\n", "\n\n")
    for boilerplate in ("cookies", "Related stories", "Reader42", "Copyright", "Politics"):
        assert boilerplate not in row["text"]


def test_an_html_page_without_text_is_rejected(tmp_path):
    page = "<html><head><title>Gallery</title><script>var x = 1;</script></head><body><img src='a.jpg'></body></html>"
    (tmp_path / "empty.html").write_text(page)
    row = rows(read(tmp_path)[0])["empty.html"]
    assert (row["status"], row["reason_code"]) == ("rejected", "no_text")


def test_warc_response_records_are_articles_and_the_rest_is_skipped(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz", STORIES)
    raw, skipped, _ = read(tmp_path)
    got = sorted(raw.iter_rows(named=True), key=lambda r: r["url"])  # keys are random record ids
    assert [(r["status"], r["input_kind"], r["container"], r["url"]) for r in got] == [
        ("ingested", "warc", "crawl.warc.gz", s.url) for s in STORIES
    ]
    assert all(r["path"] == f"crawl.warc.gz#{r['record_key']}" and r["record_key"].startswith("urn:uuid:") for r in got)
    assert skipped == {"warc": 2}  # the image and the 404 page


def test_a_truncated_warc_keeps_the_records_before_the_cut(tmp_path):
    write_warc(tmp_path / "full.warc", STORIES, extra_records=False)
    data = (tmp_path / "full.warc").read_bytes()
    (tmp_path / "full.warc").unlink()
    (tmp_path / "cut.warc").write_bytes(data[: len(data) - 300])
    raw, _, _ = read(tmp_path)
    statuses = sorted((r["status"], r["reason_code"] or "", r["url"] or "") for r in raw.iter_rows(named=True))
    assert statuses == [("ingested", "", STORIES[0].url), ("rejected", "bad_record", "")]
    assert raw["container"].unique().to_list() == ["cut.warc"]


def test_jsonl_lines_are_articles_and_bad_lines_rejected_one_by_one(tmp_path):
    write_jsonl(tmp_path / "news.jsonl", STORIES)
    with open(tmp_path / "news.jsonl", "a") as f:
        f.write("{not json\n")
        f.write(json.dumps({"title": "empty", "maintext": ""}) + "\n")
    got = rows(read(tmp_path)[0])
    assert [(p, r["status"], r["reason_code"]) for p, r in got.items()] == [
        ("news.jsonl#1", "ingested", None),
        ("news.jsonl#2", "ingested", None),
        ("news.jsonl#3", "rejected", "bad_record"),
        ("news.jsonl#4", "rejected", "no_text"),
    ]
    assert (got["news.jsonl#1"]["source"], got["news.jsonl#1"]["record_key"]) == ("Wire", "1")


def test_gzipped_jsonl_and_named_columns(tmp_path):
    lines = [json.dumps({"story": BODY, "hed": "Chile condemns Peru", "when": "2024-05-01T10:00:00Z"})]
    (tmp_path / "x.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    columns = ColumnNames.parse(["text=story", "title=hed", "date=when"])
    row = read(tmp_path, columns)[0].row(0, named=True)
    assert (row["status"], row["title"], str(row["published_date"])) == (
        "ingested",
        "Chile condemns Peru",
        "2024-05-01",
    )


def test_a_table_without_a_text_column_is_rejected_whole_naming_its_columns(tmp_path):
    (tmp_path / "t.csv").write_text("id,headline,when\n1,Chile condemns Peru,2024-05-01\n")
    (tmp_path / "t.jsonl").write_text(json.dumps({"headline": "x", "id": 1}) + "\n")
    got = rows(read(tmp_path)[0])
    assert got["t.csv"]["reason_code"] == "no_text_column" and "headline, id, when" in got["t.csv"]["reason"]
    assert got["t.jsonl"]["reason_code"] == "no_text_column" and "headline, id" in got["t.jsonl"]["reason"]
    assert got["t.csv"]["container"] == "t.csv" and got["t.csv"]["record_key"] is None


def test_csv_and_parquet_rows(tmp_path):
    write_csv(tmp_path / "m.csv", STORIES)
    with open(tmp_path / "m.csv", "a") as f:
        f.write("9,No body,,2024-01-01,https://x.example,X\n")
    write_parquet(tmp_path / "p.parquet", STORIES)
    got = rows(read(tmp_path)[0])
    assert [(p, r["status"]) for p, r in got.items()] == [
        ("m.csv#1", "ingested"),
        ("m.csv#2", "ingested"),
        ("m.csv#3", "rejected"),
        ("p.parquet#1", "ingested"),
        ("p.parquet#2", "ingested"),
    ]
    assert got["m.csv#1"]["text"] == got["p.parquet#1"]["text"] == "Chile condemns Peru\n\n" + BODY
    assert got["m.csv#3"]["reason_code"] == "no_text"


def test_feed_entries_with_content_are_articles_summaries_are_recorded(tmp_path):
    write_feed(tmp_path / "wire.rss", STORIES, summary_only=1)
    got = rows(read(tmp_path)[0])
    a, b = got["wire.rss#https://wire.example/a"], got["wire.rss#https://wire.example/b"]
    assert (a["status"], a["title"], a["source"]) == ("ingested", "Chile condemns Peru", "Wire feed")
    assert (b["status"], b["reason_code"]) == ("rejected", "summary_only")


def test_an_xml_file_that_is_no_feed_is_rejected(tmp_path):
    (tmp_path / "config.xml").write_text("<?xml version='1.0'?><settings><a>1</a></settings>")
    assert rows(read(tmp_path)[0])["config.xml"]["reason_code"] == "not_a_feed"


def test_appending_records_plans_only_the_new_ones_changed_and_removed_follow(tmp_path):
    stories = [
        Story(f"{i}.txt", f"Story {i}", f"{BODY} Item {i}.", None, f"https://x.example/{i}", "X") for i in range(5)
    ]
    write_jsonl(tmp_path / "n.jsonl", stories)
    raw, _, _ = read(tmp_path)
    published = published_from(raw)
    _, _, plan = read(tmp_path, published=published)
    assert plan.entries == [] and plan.n_unchanged == 5
    with open(tmp_path / "n.jsonl", "a") as f:
        f.write(json.dumps({"title": "Story 5", "text": BODY + " Item 5."}) + "\n")
    _, _, plan = read(tmp_path, published=published)
    assert [(e.path, e.change) for e in plan.entries] == [("n.jsonl#6", "new")]
    lines = (tmp_path / "n.jsonl").read_text().splitlines()
    lines[1] = lines[1].replace("Item 1.", "Item one.")
    (tmp_path / "n.jsonl").write_text("\n".join(lines[:5]) + "\n")  # line 2 changed, line 6 gone again
    raw2, _, plan = read(tmp_path, published=published)
    assert [(e.path, e.change) for e in plan.entries] == [("n.jsonl#2", "changed")]
    (tmp_path / "n.jsonl").write_text("\n".join(lines[:3]) + "\n")
    _, _, plan = read(tmp_path, published=published)
    assert [(e.path, e.change, e.record_key) for e in plan.entries] == [
        ("n.jsonl#2", "changed", "2"),
        ("n.jsonl#4", "deleted", "4"),
        ("n.jsonl#5", "deleted", "5"),
    ]


def test_a_container_unchanged_on_disk_is_not_opened(tmp_path):
    write_jsonl(tmp_path / "n.jsonl", STORIES)
    published = published_from(read(tmp_path)[0])
    (tmp_path / "n.jsonl").chmod(0)  # planning would fail to read it: it must not try
    try:
        files = expand_containers(tmp_path, scan_seeds(tmp_path), published, ColumnNames())
    finally:
        (tmp_path / "n.jsonl").chmod(0o644)
    assert [(f.path, f.sha256) for f in files] == [(p, published[p].content_sha256) for p in sorted(published)]


def test_near_copies_are_found_and_distinct_reports_are_not():
    rng = random.Random(1)
    words = "the of minister said government police on in border talks army city court".split()
    originals = [
        Story(
            f"{i}.txt",
            f"T{i}",
            "\n".join(" ".join(rng.choice(words) + str(rng.randrange(50)) for _ in range(40)) for _ in range(4)),
            None,
            "u",
            "o",
        )
        for i in range(6)
    ]
    copies = [altered_copy(s, rng, n) for n, s in enumerate(originals[:3])]
    sigs = {s.name: signature(compose_text(RecordArticle(s.title, s.body))[0]) for s in originals + copies}
    found = find_near_copies({k: v for k, v in sigs.items() if v}, {}, {k: k for k in sigs})
    assert {a: b for a, (b, _) in found.items()} == {c.name: o.name for c, o in zip(copies, originals, strict=False)}
    assert all(0.6 <= sim <= 1 for _, sim in found.values())


def test_a_signature_is_datasketchs_affine32_minhash_byte_for_byte():
    from datasketch import MinHash

    from newsfacts.ingest.near_copies import NUM_PERM, SCHEME, SEED, shingles

    rng = random.Random(2)
    texts = [
        " ".join(f"w{rng.randrange(n)}" for _ in range(n)) for n in (30, 400, 20_000)
    ]  # the longest has more shingles than one block of the computation
    for text in texts:
        expected = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
        expected.update_batch(list(shingles(text)))
        assert signature(text) == expected.hashvalues.astype("<u4").tobytes()


def test_one_article_alone_is_no_near_copy():
    sig = signature(" ".join(f"word{i}" for i in range(40)))
    assert sig is not None
    assert find_near_copies({"a": sig}, {}, {"a": "a.txt"}) == {}
    assert find_near_copies({"b": sig}, {"a": sig}, {"a": "a.txt", "b": "b.txt"}) == {"b": ("a", 1.0)}


def test_a_short_text_has_no_signature():
    assert signature("Chile condemned Peru.") is None


@pytest.mark.parametrize("spec", ["text", "body=x", "text="])
def test_bad_column_options_say_what_is_wrong(spec):
    with pytest.raises(ValueError, match="FIELD=NAME"):
        ColumnNames.parse([spec])


def test_column_options_round_trip_through_a_manifest():
    names = ColumnNames.parse(["text=body", "title=hed"])
    assert ColumnNames(**json.loads(json.dumps(names.to_json()))) == names and asdict(names)["url"] is None


def test_the_ui_counts_each_kinds_records_given_skipped_and_rejected(tmp_path):
    from newsfacts.defs.metadata import kinds_markdown

    write_warc(tmp_path / "crawl.warc", STORIES)
    write_jsonl(tmp_path / "n.jsonl", STORIES)
    with open(tmp_path / "n.jsonl", "a") as f:
        f.write("{broken\n")
    raw, skipped, _ = read(tmp_path)
    assert kinds_markdown(raw, skipped).splitlines()[2:] == [
        "| jsonl | 2 | 0 | 1 | 0 |",
        "| warc | 2 | 2 | 0 | 0 |",
    ]


def test_atom_entries_with_content_are_articles_summaries_are_recorded(tmp_path):
    entry = (
        "<entry><id>urn:wire:{key}</id><title>{title}</title><updated>2020-09-27T08:00:00Z</updated>"
        '<link href="https://wire.example/{key}"/>{body}</entry>'
    )
    content = "".join(f"<p>{p}</p>" for p in BODY.splitlines())
    (tmp_path / "wire.atom").write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Wire feed</title><id>urn:wire</id><updated>2020-09-27T08:00:00Z</updated>"
        + entry.format(
            key="a", title="Chile condemns Peru", body=f'<content type="html"><![CDATA[{content}]]></content>'
        )
        + entry.format(key="b", title="Peru answers", body="<summary>Peru answered on Monday.</summary>")
        + "</feed>",
        encoding="utf-8",
    )
    got = rows(read(tmp_path)[0])
    a, b = got["wire.atom#urn:wire:a"], got["wire.atom#urn:wire:b"]
    assert (a["status"], a["title"], a["source"], a["url"]) == (
        "ingested",
        "Chile condemns Peru",
        "Wire feed",
        "https://wire.example/a",
    )
    assert a["text"] == "Chile condemns Peru\n\n" + BODY.replace("\n", "\n\n")  # one paragraph a line
    assert (b["status"], b["reason_code"]) == ("rejected", "summary_only")
