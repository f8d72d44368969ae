"""`newsfacts run | query | ui`: the command line of the warehouse contract."""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import gc
import json
import logging
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

# Only the standard library at the top: the workers' forkserver imports this module too (it is the main
# script of the process it serves), on the way to the first batch's sentences.
if TYPE_CHECKING:
    from newsfacts.settings import Settings


def _settings(*args, **kwargs) -> Settings:
    from newsfacts.settings import Settings

    try:
        return Settings.from_env(*args, **kwargs)
    except ValueError as e:  # a setting given in the environment that does not parse
        raise CliError(str(e)) from None


class CliError(Exception):
    """A failure worth one line on stderr and a non-zero exit."""


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:.1f}/s" if seconds > 0 else "-"


def _min_confidence(text: str) -> float:
    from newsfacts.settings import parse_min_confidence

    try:
        return parse_min_confidence(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _choose_dictionaries(folders: list[str] | None) -> tuple[str, ...]:
    """Check the dictionary folders and name them in the environment, where the code versions and the
    Dagster definitions (this process's, the UI's) read them; before those are imported."""
    from newsfacts.dictionaries.sets import ENV_VAR, DictionaryError, describe

    chosen = _settings(dictionaries=folders).dictionaries
    try:
        describe(chosen)
    except DictionaryError as e:
        raise CliError(str(e)) from None
    os.environ[ENV_VAR] = os.pathsep.join(chosen)
    return chosen


def _choose_coding(args) -> None:
    """Name the coding options in the environment, as the dictionaries are (before the code versions)."""
    from newsfacts.dictionaries.options import CodingOptions

    env = CodingOptions.from_env()
    CodingOptions(
        env.petrarch_compat or args.petrarch_compat, env.plover_readings and not args.published_plover
    ).set_env()


def _report_dictionaries(settings: Settings, layout) -> str:
    """Say what the set is (its report is cached per machine), list its problems in a file, in a line."""
    from newsfacts.defs.resources import DictionariesResource

    loaded = DictionariesResource(folders=list(settings.dictionaries)).report()
    where = ""
    if loaded.problems:
        path = layout.dictionary_problems_path(loaded.digest)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{p}\n" for p in loaded.problems), encoding="utf-8")
        where = f" (listed in {path}; also the dictionary_problems relation once a batch lands)"
    return f"newsfacts: {loaded.summary()}{where}"


@dataclass
class RunTally:
    """What the batches of one `newsfacts run` came to."""

    counts: dict[str, int]  # new, changed, deleted articles planned
    unchanged: int
    rejected: int = 0
    rejected_new: int = 0  # of the rejected, those planned as new, and as changed
    rejected_changed: int = 0
    skipped: int = 0  # articles of batches the UI's daemon is running
    done: int = 0
    failures: list[str] = field(default_factory=list)


def cmd_run(args) -> int:
    """Plan the batches, run them one after the other, say what came of it."""
    # The workers' forkserver loads the spaCy models on the other core while this one imports Dagster
    # and plans: started first, it is ready by the first batch's sentences. A bad --dictionaries stops
    # the run before it starts. On a run that stops early or has nothing to do it goes away with this
    # process.
    from newsfacts.forkserver import start_forkserver

    _choose_dictionaries(args.dictionaries)
    _choose_coding(args)
    start_forkserver()
    # Imported here so `newsfacts query` starts fast; Dagster only once there is work to plan.
    from newsfacts.warehouse.locks import FileLock, LockBusy

    started = time.perf_counter()
    settings = _settings(
        args.seeds, args.warehouse, args.batch_size, args.dictionaries, args.as_of, args.min_confidence
    )
    if not settings.seeds_dir.is_dir():
        raise CliError(f"seeds folder not found: {settings.seeds_dir}")
    layout = settings.layout
    try:
        layout.ensure_dirs()
    except OSError as e:
        raise CliError(f"cannot create the warehouse folder {layout.batches_dir}: {e.strerror or e}") from None
    os.environ["DAGSTER_HOME"] = str(_dagster_home(settings, args.instance))
    try:
        run_lock = FileLock(layout.lock_path("run"), "this warehouse").acquire(timeout=0)
    except LockBusy as e:
        raise CliError(
            f"another `newsfacts run` is working on {settings.warehouse}: {e}; wait for it to finish"
        ) from None
    try:
        work = _plan(args, settings, layout)
        tally = _run_batches(args, settings, layout, work, started)
    finally:
        run_lock.release()
    return _report(tally, settings, time.perf_counter() - started)


def _columns(specs: list[str]):
    """The --column options, else $NEWSFACTS_COLUMNS; a bad one stops the run with its reason."""
    from newsfacts.ingest.records import ColumnNames

    try:
        return ColumnNames.parse(specs) if specs else ColumnNames.from_env()
    except ValueError as e:
        raise CliError(str(e)) from None


def _plan(args, settings: Settings, layout):
    """The batches to run (new ones and those an earlier run left), said in a line or two."""
    from newsfacts.ingest.planning import AsOfInvalid
    from newsfacts.orchestration import SeedsMismatch, plan_batches
    from newsfacts.versions import parse_version, pipeline_version
    from newsfacts.warehouse.locks import LockBusy
    from newsfacts.warehouse.store import WarehouseBusy

    dictionaries_line = _report_dictionaries(settings, layout)
    if not args.quiet:
        _say(dictionaries_line)
    try:
        work = plan_batches(
            settings.seeds_dir,
            layout,
            pipeline_version(),
            settings.batch_size,
            lock_timeout=120,
            replace_seeds=args.replace_seeds,
            columns=_columns(args.column),
            as_of=settings.as_of,
            parse_version=parse_version(),
        )
    except (LockBusy, WarehouseBusy, SeedsMismatch, AsOfInvalid) as e:
        raise CliError(str(e)) from None
    for name in work.unnamed:
        _say(f"newsfacts: left out {name}: its file name is not valid UTF-8")
    if not args.quiet:
        counts = _planned_counts(work)
        _say(
            f"newsfacts: {work.plan.n_files} article files in {settings.seeds_dir}: {counts['new']} new, "
            f"{counts['changed']} changed, {counts['deleted']} deleted, {work.plan.n_unchanged} unchanged"
            + (f" ({work.plan.n_recoded} re-coded from their stored parse)" if work.plan.n_recoded else "")
            + (f" ({len(work.pending)} batch(es) left from an earlier run)" if work.pending else "")
        )
        if work.as_of is not None:
            _say(f"newsfacts: articles without a date are coded as of {work.as_of} (--as-of)")
    return work


def _planned_counts(work) -> dict[str, int]:
    entries = [e for m in work.batches for e in m.entries]
    return {c: sum(1 for e in entries if e.change == c) for c in ("new", "changed", "deleted")}


def _run_batches(args, settings: Settings, layout, work, started: float) -> RunTally:
    """Each batch as a Dagster run in this process, then the views if the warehouse lacks them."""

    from newsfacts.defs.build import build_definitions
    from newsfacts.defs.instance import open_instance, sqlite_commits_unsynced, sqlite_held_open
    from newsfacts.defs.jobs import ingest_batch_job, refresh_views_job
    from newsfacts.defs.runs import failure, run_batch, settling_dead_runs
    from newsfacts.settings import sql_dir
    from newsfacts.warehouse.views import views_stale

    tally = RunTally(_planned_counts(work), work.plan.n_unchanged)
    total = sum(tally.counts.values())
    # Ctrl-C between batches sets this; within a batch Dagster stops the run and says so.
    stop = threading.Event()
    previous_handler = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        with sqlite_commits_unsynced(settings.dagster_home), contextlib.ExitStack() as held:
            instance = open_instance(settings.dagster_home)
            held.enter_context(sqlite_held_open(settings.dagster_home))
            defs = build_definitions(settings)
            job = defs.resolve_job_def(ingest_batch_job.name)
            held.enter_context(settling_dead_runs(instance, on_note=lambda n: _say(f"newsfacts: {n}")))
            _collect_garbage_from_now()
            for i, manifest in enumerate(work.batches, 1):
                if stop.is_set():
                    raise KeyboardInterrupt
                outcome = run_batch(instance, job, layout, manifest, args.verbose)
                tally.done += outcome.articles
                where = f"[{i}/{len(work.batches)}] batch {manifest.batch}"
                for note in outcome.notes:
                    _say(f"{where}: {note}")
                if outcome.interrupted or stop.is_set():
                    raise KeyboardInterrupt
                if outcome.skipped:
                    tally.skipped += outcome.articles
                    _say(f"{where}: skipped, {outcome.skipped}")
                    continue
                if not outcome.ok:
                    tally.failures.append(f"batch {manifest.batch}: {outcome.message}")
                    _say(f"{where}: FAILED ({outcome.message})")
                    continue
                tally.rejected += outcome.rejected
                tally.rejected_new += outcome.rejected_new
                tally.rejected_changed += outcome.rejected_changed
                if not args.quiet:
                    elapsed = time.perf_counter() - started
                    eta = elapsed / tally.done * (total - tally.done) if tally.done else 0
                    _say(
                        f"{where}: {outcome.articles} articles in {outcome.seconds:.1f}s "
                        f"({_rate(outcome.articles, outcome.seconds)})"
                        f"{' (publish only)' if outcome.publish_only else ''}; {tally.done}/{total} done"
                        + (f", about {eta:.0f}s left" if tally.done < total else "")
                    )

            # A new warehouse gets its tables and views even before any article lands.
            if not layout.duckdb_path.exists() or views_stale(layout, sql_dir(), settings.min_confidence):
                views = defs.resolve_job_def(refresh_views_job.name).execute_in_process(
                    instance=instance,
                    raise_on_error=False,
                    run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
                )
                if not views.success:
                    tally.failures.append(f"views: {failure(views)[0]}")
    finally:
        signal.signal(signal.SIGINT, previous_handler)
    return tally


def _collect_garbage_from_now() -> None:
    """Start-up is done (see main): what it made is set aside from every later collection, which resumes."""
    gc.freeze()
    gc.enable()


def _report(tally: RunTally, settings: Settings, seconds: float) -> int:
    """The run's one summary line; a failed batch makes the exit status 1. New and changed count the
    articles that landed: a rejected one is counted once, among the rejected."""
    c = {**tally.counts}
    c["new"] -= tally.rejected_new
    c["changed"] -= tally.rejected_changed
    print(
        f"newsfacts: {c['new']} new, {c['changed']} changed, {tally.unchanged} unchanged, "
        f"{c['deleted']} deleted, {tally.rejected} rejected articles"
        + (f", {tally.skipped} left to the UI's runs" if tally.skipped else "")
        + (f", {len(tally.failures)} batch(es) failed" if tally.failures else "")
        + f"; {seconds:.1f} s -> {settings.warehouse}"
    )
    if tally.failures:
        raise CliError(f"{len(tally.failures)} batch(es) failed; first: {tally.failures[0]}")
    return 0


def cmd_query(args) -> int:
    from newsfacts.warehouse.store import WarehouseBusy, WarehouseMissing, connect

    settings = _settings(warehouse=args.warehouse)
    import duckdb

    try:
        con = connect(settings.warehouse, read_only=True, timeout=args.wait)
    except (WarehouseMissing, WarehouseBusy) as e:
        raise CliError(str(e)) from None
    try:
        if not args.sql.strip():
            raise CliError("no SQL given")
        cur = con.execute(args.sql)
        if cur.description is None:
            return 0
        columns = [d[0] for d in cur.description]
        rows = cur.fetchall()
    except duckdb.Error as e:
        raise CliError(f"query failed: {' '.join(str(e).split())}") from None
    finally:
        con.close()
    _print_rows(columns, rows, args.format)
    return 0


def cmd_export(args) -> int:
    from newsfacts.contract.values import ExportFormat
    from newsfacts.export.run import export_warehouse
    from newsfacts.warehouse.store import WarehouseBusy, WarehouseMissing

    settings = _settings(warehouse=args.warehouse)
    try:
        since = dt.date.fromisoformat(args.since) if args.since else None
        until = dt.date.fromisoformat(args.until) if args.until else None
    except ValueError as e:
        raise CliError(f"--since/--until take an ISO date (YYYY-MM-DD): {e}") from None
    try:
        summary = export_warehouse(
            settings.warehouse, ExportFormat(args.format), Path(args.out), since, until, args.validate
        )
    except (WarehouseMissing, WarehouseBusy) as e:
        raise CliError(str(e)) from None
    print(f"newsfacts: exported {summary.line()} to {args.out}{summary.accounting()}", file=sys.stderr)
    return 0


def _print_rows(columns: list[str], rows: list[tuple], fmt: str) -> None:
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(columns)
        w.writerows(rows)
        return
    if fmt == "json":
        for row in rows:
            print(json.dumps(dict(zip(columns, row, strict=True)), default=str, ensure_ascii=False))
        return
    cells = [[("" if v is None else str(v)).replace("\n", " ") for v in row] for row in rows]
    widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(columns)]

    def fit(s: str, w: int) -> str:
        return s if len(s) <= w else s[: w - 1] + "…"

    print(" | ".join(fit(c, w).ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for r in cells:
        print(" | ".join(fit(v, w).ljust(w) for v, w in zip(r, widths, strict=True)))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def cmd_report(args) -> int:
    """The HTML report over the warehouse, or the selected part of it."""
    from newsfacts.report.build import build_report
    from newsfacts.report.selection import Selection
    from newsfacts.warehouse.layout import WarehouseLayout
    from newsfacts.warehouse.store import WarehouseBusy, WarehouseMissing

    settings = _settings(warehouse=args.warehouse)
    out = Path(args.out) if args.out else WarehouseLayout.at(settings.warehouse).report_path
    selection = Selection(since=args.since, until=args.until, actor=args.actor)
    try:
        built = build_report(settings.warehouse, out, selection)
    except (WarehouseMissing, WarehouseBusy) as e:
        raise CliError(str(e)) from None
    print(
        f"newsfacts: report of {built.n_events} events, {built.n_quotes} quotations "
        f"({built.size_bytes / 1e6:.1f} MB, {built.seconds:.1f} s) -> {built.path}"
    )
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a date, YYYY-MM-DD") from None


def cmd_ui(args) -> int:
    _choose_dictionaries(args.dictionaries)
    settings = _settings(args.seeds, args.warehouse, dictionaries=args.dictionaries)
    env = dict(
        os.environ,
        DAGSTER_HOME=str(_dagster_home(settings, args.instance)),
        NEWSFACTS_SEEDS_DIR=str(settings.seeds_dir),
        NEWSFACTS_WAREHOUSE=str(settings.warehouse),
    )
    dagster = Path(sys.executable).parent / "dagster"
    cmd = [str(dagster), "dev", "-m", "newsfacts.definitions", "-h", args.host, "-p", str(args.port)]
    _say(
        f"newsfacts ui: http://{args.host}:{args.port} (seeds {settings.seeds_dir}, "
        f"warehouse {settings.warehouse}, Dagster home {settings.dagster_home})"
    )
    os.execve(cmd[0], cmd, env)
    return 0  # not reached


def _dagster_home(settings: Settings, instance_url: str | None) -> Path:
    """The warehouse's Dagster home, its instance on PostgreSQL when a URL is given."""
    from newsfacts.defs.instance import ensure_dagster_home

    try:
        return ensure_dagster_home(settings.dagster_home, instance_url or os.environ.get("NEWSFACTS_INSTANCE") or None)
    except ValueError as e:
        raise CliError(str(e)) from None


INSTANCE_HELP = (
    "a PostgreSQL URL (postgresql://user:password@host/db) to keep the Dagster instance's runs, events and "
    "schedules in, from now on (default: $NEWSFACTS_INSTANCE, else what the warehouse's dagster.yaml says: "
    "SQLite files in its Dagster home unless edited)"
)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsfacts", description="News articles to a DuckDB warehouse of events.")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="ingest the seeds folder and materialise everything, incrementally")
    run.add_argument(
        "--seeds",
        help="folder of articles: .txt, .html, .warc(.gz), .jsonl(.gz), .ndjson, .csv, .parquet, "
        ".rss/.atom/.xml feeds (default: $NEWSFACTS_SEEDS_DIR or seeds/)",
    )
    run.add_argument("--warehouse", help="DuckDB file (default: $NEWSFACTS_WAREHOUSE or warehouse/newsfacts.duckdb)")
    run.add_argument("--batch-size", type=_positive_int, help="articles per ingest batch (default 500)")
    run.add_argument(
        "--replace-seeds",
        action="store_true",
        help="let the warehouse mirror --seeds although it mirrored another folder until now",
    )
    run.add_argument(
        "--dictionaries",
        action="append",
        metavar="DIR",
        help="a folder of coding dictionaries (repeatable, merged in order; `default` is the "
        "shipped set; default: $NEWSFACTS_DICTIONARIES or the shipped set)",
    )
    run.add_argument(
        "--petrarch-compat",
        action="store_true",
        help="code with PETRARCH's grammar: an event needs a coded source and target, a `---GOV` stays "
        "unplaced (default: $NEWSFACTS_PETRARCH_COMPAT, else off)",
    )
    run.add_argument(
        "--published-plover",
        action="store_true",
        help="PLOVER categories from the published CAMEO-to-PLOVER mapping alone, without the project's "
        "readings (assets/lexicons/cameo_plover_readings.csv; $NEWSFACTS_PLOVER_READINGS=0 does the same)",
    )
    run.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=NAME",
        help="the column of JSONL, CSV and Parquet files holding a field (text, title, date, url, source), "
        "where it is not under a common name (repeatable; default: $NEWSFACTS_COLUMNS, `text=body,title=headline`)",
    )
    run.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="the date articles without one are coded as of: which of an actor's dated codes holds "
        "(`none`: without a date, the dictionaries' default or open-ended codes). Kept in the warehouse: "
        "later runs keep it until another is given, which re-codes every article (default: "
        "$NEWSFACTS_AS_OF, else the warehouse's, else none; never the clock)",
    )
    run.add_argument(
        "--min-confidence",
        type=_min_confidence,
        metavar="0..1",
        help="the confidence (events.confidence) an event needs to be counted by the views, the report and "
        "the exports; `events` keeps every event. Changing it re-codes nothing (default: "
        "$NEWSFACTS_MIN_CONFIDENCE, else 0.5, chosen by measurement: docs/evaluation.md)",
    )
    run.add_argument("--instance", metavar="URL", help=INSTANCE_HELP)
    run.add_argument("--quiet", action="store_true", help="print only the summary line")
    run.add_argument("--verbose", action="store_true", help="show Dagster's warnings")
    run.set_defaults(func=cmd_run)

    q = sub.add_parser("query", help="print the result of one SQL statement")
    q.add_argument("--warehouse", help="DuckDB file (default: $NEWSFACTS_WAREHOUSE or warehouse/newsfacts.duckdb)")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.add_argument("--wait", type=float, default=30.0, help="seconds to wait while a run holds the file")
    q.add_argument("sql")
    q.set_defaults(func=cmd_query)

    rep = sub.add_parser("report", help="write the analysts' report: one HTML file that opens offline")
    rep.add_argument("--warehouse", help="DuckDB file (default: $NEWSFACTS_WAREHOUSE or warehouse/newsfacts.duckdb)")
    rep.add_argument("--out", metavar="FILE.html", help="where to write it (default: <warehouse>_report.html)")
    rep.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="only events dated on or after this day")
    rep.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="only events dated on or before this day")
    rep.add_argument("--actor", metavar="CODE", help="only events whose source or target actor code starts so")
    rep.set_defaults(func=cmd_report)

    ex = sub.add_parser("export", help="write the warehouse as GDELT 2.0, PLOVER JSON lines, Parquet or CSV files")
    ex.add_argument("--warehouse", help="DuckDB file (default: $NEWSFACTS_WAREHOUSE or warehouse/newsfacts.duckdb)")
    ex.add_argument("--format", choices=["gdelt", "plover", "parquet", "csv"], required=True)
    ex.add_argument("--out", required=True, help="folder to write the files into (created if missing)")
    ex.add_argument("--since", help="first event date to export, YYYY-MM-DD (inclusive)")
    ex.add_argument("--until", help="last event date to export, YYYY-MM-DD (inclusive)")
    ex.add_argument("--validate", action="store_true", help="check every PLOVER record against its JSON Schema")
    ex.set_defaults(func=cmd_export)

    ui = sub.add_parser("ui", help="the Dagster UI on the same definitions and instance")
    ui.add_argument("--seeds")
    ui.add_argument("--warehouse")
    ui.add_argument("--dictionaries", action="append", metavar="DIR")
    ui.add_argument("--instance", metavar="URL", help=INSTANCE_HELP)
    ui.add_argument("--host", default="127.0.0.1")
    ui.add_argument("--port", type=int, default=3000)
    ui.set_defaults(func=cmd_ui)
    return p


def _disk_full(args, error: BaseException) -> str | None:
    """Which disk is full, when that is what the error is (sqlite, DuckDB and Parquet each say it
    their own way)."""
    from newsfacts.warehouse.diskspace import disk_full_reason

    if getattr(args, "command", None) != "run":
        return None
    settings = _settings(args.seeds, args.warehouse)
    return disk_full_reason(
        error,
        {
            "the warehouse": settings.warehouse.parent,
            "the batch files": settings.layout.batches_dir,
            "Dagster's run history": settings.dagster_home,
        },
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "run":
        # Its start-up imports Dagster and more and loads the dictionaries: hundreds of thousands of
        # objects, none of them garbage, that the collector would go through again and again (~0.4 s).
        # Collection resumes before the first batch (_collect_garbage_from_now), or on the way out.
        gc.disable()
    try:
        return args.func(args)
    except CliError as e:
        print(f"newsfacts: {_disk_full(args, e) or e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsfacts: interrupted; the warehouse keeps its last complete state", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `newsfacts query ... | head`: the reader has all it wanted
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # nothing more to flush into the closed pipe
        return 141
    except Exception as e:  # the contract: one line on stderr, the traceback only on request
        if os.environ.get("NEWSFACTS_DEBUG"):
            raise
        full = _disk_full(args, e)
        if full:
            print(f"newsfacts: {full}", file=sys.stderr)
            return 1
        print(
            f"newsfacts: {type(e).__name__}: {' '.join(str(e).split())} (set NEWSFACTS_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 1
    finally:
        gc.enable()


def entry() -> None:
    """The `newsfacts` command. It leaves as soon as its work is done and its output flushed: tearing
    down the dictionaries and indexes a run holds in memory (millions of objects) takes over a second,
    and the operating system frees them at once."""
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that closed the pipe (`| head`) wanted no more
            pass
    os._exit(code)


if __name__ == "__main__":
    entry()
