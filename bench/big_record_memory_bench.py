"""Benchmark of memory against one very big record: the peak must follow a batch's work, not one record.

    uv run python bench/big_record_memory_bench.py [--record-bytes 4900000]

Runs `newsfacts run` twice, each in a fresh warehouse kept outside the seeds folder: once on a
folder of one ordinary .txt article, once on the same folder plus a CSV (`id,title,body`) whose one
record is --record-bytes of news prose (varied paragraphs, repeated with their names and numbers
changed). While each run goes, it samples every 0.2 s the resident memory of the run's whole process
tree (the run, its forkserver, the parse and coding workers) from /proc, and prints the peak of the
sum, and the ratio peak with the big record / peak without (the target: at most 1.5).
tests/test_big_record_memory.py runs it with a 2 MB record.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWSFACTS = [sys.executable, "-m", "newsfacts.cli"]
PAGE = os.sysconf("SC_PAGE_SIZE")

ORDINARY = """Talks in Geneva

Negotiators from Armenia and Azerbaijan met in Geneva on Tuesday to discuss the return of prisoners, \
the Swiss foreign ministry said. The talks, the third round this year, were hosted by the International \
Committee of the Red Cross.

"We expect both sides to keep their promises," said Maria Keller, a spokeswoman for the ministry. \
Armenian officials accused Azerbaijan of delaying the exchange, while Baku blamed Yerevan for shelling \
villages near the border.

The European Union welcomed the meeting and offered to send monitors. Russia, which keeps troops in the \
region, said it would support any agreement that the two governments reach.
"""

# Paragraphs of the big record; {n}, {place}, {leader} and {day} vary from copy to copy.
PARAGRAPHS = (
    "Police in {place} arrested {n} protesters on {day} after demonstrators blocked the main road to the "
    "parliament, the interior ministry said. Witnesses said officers fired tear gas at the crowd.",
    "President {leader} met the prime minister of Japan in Tokyo on {day} and signed an agreement on trade "
    "and energy. The two leaders promised to cut tariffs on {n} products by next year.",
    '"We will not accept threats from anyone," {leader} told reporters in {place}, adding that the '
    "government would respond to any attack on its soldiers.",
    "The United Nations Security Council condemned the shelling of a hospital in {place}, which killed {n} "
    "people, and called on both sides to respect the ceasefire agreed in March.",
    "Rebels attacked an army convoy near {place} on {day}, killing {n} soldiers, a military spokesman said. "
    "The group claimed responsibility in a statement posted online.",
    "Germany pledged {n} million euros in aid to refugees from {place}, the foreign ministry in Berlin said "
    "on {day}. Aid agencies warned that the money would not be enough for the winter.",
    "Opposition leaders accused {leader} of rigging the election and demanded a recount in {place}. The "
    "electoral commission rejected the accusation and said the vote had been fair.",
    "Workers at the port of {place} went on strike on {day} to demand higher wages, halting the export of "
    "{n} tonnes of grain. The union said talks with the management had failed.",
    "China and India agreed on {day} to withdraw troops from a disputed area near {place}, ending a standoff "
    "that had lasted {n} days, according to a joint statement.",
    "The central bank raised its main interest rate by {n} basis points on {day}, citing inflation, and "
    "warned that prices in {place} could rise further in the coming months.",
    "{leader} visited flooded villages near {place} and promised compensation to the families of the {n} "
    "people who died. Critics said the government had ignored warnings of the floods.",
    "Iran threatened to close the Strait of Hormuz if the United States imposed new sanctions, a senior "
    "commander said in {place} on {day}. Washington called the threat irresponsible.",
)
PLACES = ("Kabul", "Lagos", "Caracas", "Nairobi", "Manila", "Dhaka", "Kyiv", "Beirut", "Quito", "Tunis", "Hanoi")
LEADERS = ("Ana Lopez", "Kofi Mensah", "Li Wei", "Omar Haddad", "Elena Petrova", "Rahul Mehta", "Jonas Berg")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def prose(n_bytes: int) -> str:
    """News paragraphs, blank-line separated, of about n_bytes UTF-8 bytes."""
    out, size, i = [], 0, 0
    while size < n_bytes:
        p = PARAGRAPHS[i % len(PARAGRAPHS)].format(
            n=3 + (i * 7) % 97,
            place=PLACES[(i // 3) % len(PLACES)],
            leader=LEADERS[(i // 5) % len(LEADERS)],
            day=DAYS[(i // 2) % len(DAYS)],
        )
        out.append(p)
        size += len(p.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(out)


def write_seeds(folder: Path, record_bytes: int) -> None:
    """One ordinary article, and if record_bytes, a CSV whose one record is that long."""
    folder.mkdir(parents=True)
    (folder / "ordinary.txt").write_text(ORDINARY, encoding="utf-8")
    if record_bytes:
        with (folder / "big.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "title", "body"])
            w.writerow(["1", "A day of news from many places", prose(record_bytes)])


def tree_rss(root: int, trace: list | None = None) -> int:
    """Resident bytes of root and every process under it (each process's appended to trace, if given)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm") as f:
                rss = int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
        total += rss
        if trace is not None:
            trace.append((pid, rss))
    return total


def peak_of_run(work: Path, name: str, record_bytes: int) -> tuple[int, float]:
    """(peak resident bytes of the run's process tree, seconds) of `newsfacts run` on a fresh folder."""
    seeds = work / f"seeds-{name}"
    write_seeds(seeds, record_bytes)
    env = {**os.environ, "DAGSTER_HOME": str(work / f"home-{name}")}
    cmd = [*NEWSFACTS, "run", "--quiet", "--seeds", str(seeds), "--warehouse", str(work / f"wh-{name}" / "wh.duckdb")]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()
    out: list[str] = []
    reader = threading.Thread(target=lambda: (out.extend(proc.communicate()), done.set()), daemon=True)
    reader.start()
    while not done.wait(0.2):
        peak = max(peak, tree_rss(proc.pid))
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"newsfacts run failed ({proc.returncode}):\n{out[1][-3000:]}")
    return peak, seconds


def measure(record_bytes: int) -> dict[str, float]:
    """Both runs in one go; peaks in MB, and their ratio."""
    with tempfile.TemporaryDirectory(prefix="big-record-bench-") as tmp:
        work = Path(tmp)
        without, t_without = peak_of_run(work, "without", 0)
        with_big, t_with = peak_of_run(work, "with", record_bytes)
    return {
        "peak_without_mb": without / 1e6,
        "peak_with_mb": with_big / 1e6,
        "seconds_without": t_without,
        "seconds_with": t_with,
        "ratio": with_big / without,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--record-bytes", type=int, default=4_900_000)
    ap.add_argument("--json", action="store_true", help="also print the figures as one JSON line, last")
    args = ap.parse_args()
    r = measure(args.record_bytes)
    print(
        f"without the big record: peak {r['peak_without_mb']:.0f} MB ({r['seconds_without']:.0f} s); "
        f"with a {args.record_bytes / 1e6:.1f} MB record: peak {r['peak_with_mb']:.0f} MB ({r['seconds_with']:.0f} s)"
    )
    print(f"ratio with/without: {r['ratio']:.2f} (target: at most 1.5)")
    if args.json:
        print(json.dumps(r))


if __name__ == "__main__":
    main()
