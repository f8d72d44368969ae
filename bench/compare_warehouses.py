"""Are two warehouses the same, relation by relation, row by row?

    uv run python bench/compare_warehouses.py [--strict] BEFORE AFTER
    uv run python bench/compare_warehouses.py --export WAREHOUSE.duckdb FOLDER

BEFORE and AFTER are each a DuckDB file or a folder written by --export (one Parquet
file per relation and a schema.json with each relation's kind, column names and DuckDB
types). The export exists because a file written by one DuckDB major may not open in
another: export with the old version (`uv run --no-project --with 'duckdb<2' python
bench/compare_warehouses.py --export ...`), compare with the new one.

For every table and view in the main schema the script compares the column names and
types, then every row in a total order (ORDER BY ALL), and prints "same" or the first
differences. Exit status 1 on any difference.

Two runs differ by design in what stamps the run: the batch id (it holds the time of the
run), the time a batch was published, and the warehouse's random id. Those are left out of
the row comparison (their column names and types are still compared); --strict keeps them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb

BATCH_ROWS = 10_000
SHOWN_DIFFERENCES = 3
# What a run stamps by design: columns left out of the rows of any relation, and rows left out of one.
RUN_STAMP_COLUMNS = {"batch", "published_at"}
RUN_STAMP_ROWS = {"newsfacts_meta": "key <> 'warehouse_id'"}


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def relations_in_file(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    """{name: {"kind": "table" | "view", "columns": [[name, type], ...]}} of the main schema."""
    kinds = {
        name: ("view" if kind == "VIEW" else "table")
        for name, kind in con.execute(
            "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    }
    relations = {name: {"kind": kind, "columns": []} for name, kind in sorted(kinds.items())}
    for table, column, data_type in con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
    ).fetchall():
        relations[table]["columns"].append([column, data_type])
    return relations


class Warehouse:
    """A DuckDB file, or an exported folder read back through views with the recorded types."""

    def __init__(self, path: Path):
        self.path = path
        if path.is_dir():
            self.relations = json.loads((path / "schema.json").read_text(encoding="utf-8"))
            self.con = duckdb.connect()
            for name, relation in self.relations.items():
                # Parquet has no VIEW and fewer types: cast back to the types the export recorded.
                columns = ", ".join(f"CAST({quoted(c)} AS {t}) AS {quoted(c)}" for c, t in relation["columns"])
                parquet = str(path / f"{name}.parquet").replace("'", "''")
                self.con.execute(f"CREATE VIEW {quoted(name)} AS SELECT {columns} FROM read_parquet('{parquet}')")
        else:
            self.con = duckdb.connect(str(path), read_only=True)
            self.relations = relations_in_file(self.con)

    def ordered_rows(self, name: str, strict: bool):
        """Every row of one relation in a total order, read in batches on a cursor of its own."""
        columns = [c for c, _ in self.relations[name]["columns"] if strict or c not in RUN_STAMP_COLUMNS]
        where = "" if strict or name not in RUN_STAMP_ROWS else f" WHERE {RUN_STAMP_ROWS[name]}"
        cursor = self.con.cursor()
        result = cursor.execute(f"SELECT {', '.join(map(quoted, columns))} FROM {quoted(name)}{where} ORDER BY ALL")
        while batch := result.fetchmany(BATCH_ROWS):
            yield from batch
        cursor.close()


def same_value(a, b) -> bool:
    # repr as well: NaN is not equal to itself, and 0.0 == -0.0 would hide a changed byte.
    return a == b and repr(a) == repr(b) or (a != a and b != b and repr(a) == repr(b))


def compare_relation(before: Warehouse, after: Warehouse, name: str, strict: bool) -> list[str]:
    """What differs in one relation present on both sides; [] when nothing does."""
    columns_before, columns_after = before.relations[name]["columns"], after.relations[name]["columns"]
    if columns_before != columns_after:
        return [f"columns differ: before {columns_before}, after {columns_after}"]
    differences: list[str] = []
    n_before = n_after = 0
    rows_before, rows_after = before.ordered_rows(name, strict), after.ordered_rows(name, strict)
    while True:
        row_before, row_after = next(rows_before, None), next(rows_after, None)
        n_before += row_before is not None
        n_after += row_after is not None
        if row_before is None and row_after is None:
            break
        if (
            row_before is None
            or row_after is None
            or not all(same_value(a, b) for a, b in zip(row_before, row_after, strict=False))
        ):
            if len(differences) < SHOWN_DIFFERENCES:
                differences.append(f"row {max(n_before, n_after)}: before {row_before!r}, after {row_after!r}")
    if n_before != n_after:
        differences.insert(0, f"row count differs: before {n_before}, after {n_after}")
    elif differences:
        differences.insert(0, f"rows differ ({n_before} rows; first differences in ORDER BY ALL order)")
    return differences


def compare(before_path: Path, after_path: Path, strict: bool) -> int:
    before, after = Warehouse(before_path), Warehouse(after_path)
    if not strict:
        print(
            f"left out of the rows (run stamps): columns {', '.join(sorted(RUN_STAMP_COLUMNS))}; "
            f"newsfacts_meta's warehouse_id"
        )
    any_difference = False
    for name in sorted(before.relations.keys() | after.relations.keys()):
        if name not in after.relations or name not in before.relations:
            print(f"{name}: only in {'before' if name in before.relations else 'after'}")
            any_difference = True
            continue
        kind_before, kind_after = before.relations[name]["kind"], after.relations[name]["kind"]
        differences = compare_relation(before, after, name, strict)
        if kind_before != kind_after:
            differences.insert(0, f"kind differs: before {kind_before}, after {kind_after}")
        if differences:
            any_difference = True
            print(f"{name} ({kind_after}): DIFFERENT")
            for line in differences:
                print(f"    {line}")
        else:
            print(f"{name} ({kind_after}): same")
    print("warehouses differ" if any_difference else "warehouses are the same")
    return 1 if any_difference else 0


def export(warehouse: Path, folder: Path) -> int:
    """Every relation of the main schema to FOLDER/<name>.parquet, and schema.json."""
    con = duckdb.connect(str(warehouse), read_only=True)
    relations = relations_in_file(con)
    folder.mkdir(parents=True, exist_ok=True)
    for name in relations:
        target = str(folder / f"{name}.parquet").replace("'", "''")
        con.execute(f"COPY (SELECT * FROM {quoted(name)}) TO '{target}' (FORMAT parquet)")
    (folder / "schema.json").write_text(json.dumps(relations, indent=1) + "\n", encoding="utf-8")
    con.close()
    print(f"exported {len(relations)} relations of {warehouse} with duckdb {duckdb.__version__} to {folder}")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "--export":
        return export(Path(argv[1]), Path(argv[2]))
    strict = "--strict" in argv
    paths = [a for a in argv if a != "--strict"]
    if len(paths) == 2 and not any(p.startswith("-") for p in paths):
        return compare(Path(paths[0]), Path(paths[1]), strict)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
