"""Register scale: millions of people from Parquet through ``lawcode batch``, alone and on a two-worker LocalCluster.

    python benchmarks/batch_big.py [--rows 10000000] [--dir /tmp/lawcode-big] [--question measures.in_force]

Draws the people (``benchmarks.people``, 10% with unknown facts) into a Parquet file (not timed, not
kept in the repository), then runs the real command under ``/usr/bin/time -v``:
  1. ``lawcode batch Q --facts people.parquet --on D --out answers.parquet`` (one process, chunked);
  2. the same at a tenth of the rows, to show the peak memory does not grow with the file;
  3. the same with ``--dask`` (a LocalCluster of two worker processes started for the run).
Reports wall time, rows/s (and per worker for Dask), peak resident memory, and the load average with
the busiest other processes (the machine is shared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.batch import arrow_table  # noqa: E402
from benchmarks.people import draw_people  # noqa: E402

LAWCODE = Path(sys.executable).parent / "lawcode"
ON = dt.date(2024, 4, 15)


def write_people(path: Path, question: str, rows: int, seed: int, block: int = 1_000_000) -> None:
    writer = None
    done = 0
    while done < rows:
        n = min(block, rows - done)
        table = arrow_table(draw_people(question, n, seed + done, ON).columns)
        table = table.append_column("id", pa_ids(done, n))
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        elif table.schema != writer.schema:
            table = table.cast(writer.schema)
        writer.write_table(table, row_group_size=250_000)
        done += n
    assert writer is not None
    writer.close()


def pa_ids(start: int, n: int):  # type: ignore[no-untyped-def]
    import pyarrow as pa

    return pa.array([f"p{i}" for i in range(start, start + n)])


def run(args: list[str]) -> dict[str, float]:
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", str(LAWCODE), *args], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stderr[-3000:])
        raise SystemExit(f"lawcode batch failed: {done.returncode}")
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))  # type: ignore[union-attr]
    summary = next((line for line in done.stderr.splitlines() if line.startswith("lawcode batch:")), "")
    print("   ", summary)
    return {"wall_s": wall, "peak_mb": peak / 1024}


def busiest() -> str:
    out = subprocess.run(["ps", "-eo", "pcpu,rss,args", "--sort=-pcpu"], capture_output=True, text=True, check=False)
    return "\n".join("    " + line[:150] for line in out.stdout.splitlines()[:6])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--dir", default="/tmp/lawcode-big")
    parser.add_argument("--question", default="measures.in_force")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    work = Path(args.dir)
    work.mkdir(parents=True, exist_ok=True)
    big, small = work / "people.parquet", work / "people-small.parquet"
    print(f"drawing {args.rows:,} people for {args.question} (seed {args.seed}) ...")
    write_people(big, args.question, args.rows, args.seed)
    write_people(small, args.question, max(1, args.rows // 10), args.seed + 7)
    print(f"   {big}: {big.stat().st_size / 2**20:,.0f} MiB")
    common = [args.question, "--on", ON.isoformat()]
    print(f"load average before: {os.getloadavg()}\nbusiest processes:\n{busiest()}")
    results = {}
    results["one process"] = (args.rows, run(["batch", *common, "--facts", str(big), "--out",
                                              str(work / "answers.parquet")]))
    results["one process, 1/10 of the rows"] = (args.rows // 10, run(["batch", *common, "--facts", str(small), "--out",
                                                                      str(work / "answers-small.parquet")]))
    if not args.no_dask:
        results["LocalCluster, 2 workers"] = (args.rows, run(["batch", *common, "--facts", str(big), "--out",
                                                              str(work / "answers-dask.parquet"), "--dask"]))
    print(f"load average after: {os.getloadavg()}")
    print(f"| {'run':32} | {'rows':>12} | {'wall s':>8} | {'rows/s':>12} | {'rows/s/worker':>13} | {'peak MiB':>9} |")
    print("|" + "|".join("-" * w for w in (34, 14, 10, 14, 15, 11)) + "|")
    for name, (rows, r) in results.items():
        rate = rows / r["wall_s"]
        workers = 2 if "workers" in name else 1
        print(f"| {name:32} | {rows:>12,} | {r['wall_s']:8.1f} | {rate:12,.0f} | {rate / workers:13,.0f} | "
              f"{r['peak_mb']:9,.0f} |")
    print("wall time of the whole command (start, rulebook, reading, answering, writing); peak: the largest "
          "resident set of the command or one of its child processes (/usr/bin/time -v)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
