"""Batch speed: lawcode's decide_batch against OpenFisca's batch and hand-written numpy, in one run.

    python benchmarks/batch.py [--quick] [--people N] [--repeat R] [--json]     (make bench-batch)

First the three must agree: on fresh fully known people (``benchmarks.people``) on many question dates,
``decide_batch``'s values must equal the numpy baseline's and the OpenFisca peer's, person by person.
Then, for each benchmarked question, on the same freshly drawn people (1,000,000 by default, new for
each repetition; drawing and building the input columns is not timed):
  - lawcode     ``Rulebook.decide_batch(question, table, on)``: an Arrow table in (date32 dates,
                dictionary-encoded enums, booleans), an Arrow table of answers out
  - openfisca   ``openfisca_summons.calculate_batch(columns, on, question)`` (one simulation)
  - numpy       the hand-written numpy function (``benchmarks.baselines.NUMPY``)
Medians and bests over the repetitions, the ratios lawcode/openfisca and lawcode/numpy, and the
machine's load average before and after (the machine is shared: compare figures of one run only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import lawcode  # noqa: E402
from benchmarks import baselines  # noqa: E402
from benchmarks.peers import check as peer_check  # noqa: E402
from benchmarks.peers import openfisca_summons as peer  # noqa: E402
from benchmarks.people import QUESTIONS, Column, draw_known  # noqa: E402

ON = dt.date(2024, 4, 15)


def arrow_table(columns: dict[str, Column]) -> pa.Table:
    """The people as lawcode's batch input: null where an event did not happen, ``.known`` where unknown."""
    fields: dict[str, Any] = {}
    for name, col in columns.items():
        if col.values.dtype.kind == "M":
            values = pa.array(col.values, from_pandas=True)  # NaT -> null: did not happen
        elif col.categories:
            values = pa.DictionaryArray.from_arrays(pa.array(col.values.astype(np.int32), mask=~col.happened),
                                                    pa.array(list(col.categories)))
        else:
            values = pa.array(col.values, mask=~col.happened)
        fields[name] = values
        if not col.known.all():
            fields[name + ".known"] = pa.array(col.known)
    return pa.table(fields)


def as_numpy_values(question: str, values: np.ndarray[Any, Any]) -> list[Any]:
    return [peer_check.as_value(question, v) for v in values]


def agree(book: Any, question: str, people: int, seed: int) -> tuple[int, int]:
    """(people compared, disagreements) between decide_batch, numpy and OpenFisca on fully known people."""
    compared = disagreed = 0
    per_date = max(1, -(-people // len(peer_check.QUESTION_DATES)))
    for i, on in enumerate(peer_check.QUESTION_DATES):
        draw = draw_known(question, per_date, seed + i, on)
        ours = book.decide_batch(question, arrow_table(draw.columns), on).column("value").to_pylist()
        numpy_values = as_numpy_values(question, baselines.NUMPY[question](draw.columns, on))
        openfisca = as_numpy_values(question, peer.calculate_batch(draw.columns, on, question))
        for row, (a, b, c) in enumerate(zip(ours, numpy_values, openfisca, strict=True)):
            compared += 1
            if not (a == b == c):
                disagreed += 1
                if disagreed <= 10:
                    print(f"DISAGREE {question} on {on}: {draw.facts()[row]}: lawcode {a!r} numpy {b!r} "
                          f"openfisca {c!r}")
    return compared, disagreed


def timed(run: Any, question: str, people: int, repeat: int, seed: int, prepare: Any) -> list[float]:
    samples = []
    for r in range(repeat):
        draw = draw_known(question, people, seed + r, ON)
        data = prepare(draw)
        gc.collect()
        start = time.perf_counter()
        run(data)
        samples.append(time.perf_counter() - start)
        del data, draw
    return samples


def measure(book: Any, question: str, people: int, repeat: int, seed: int) -> dict[str, dict[str, float]]:
    numpy_fn = baselines.NUMPY[question]
    samples = {
        "lawcode": timed(lambda t: book.decide_batch(question, t, ON), question, people, repeat, seed,
                         lambda d: arrow_table(d.columns)),
        "openfisca": timed(lambda c: peer.calculate_batch(c, ON, question), question, people, repeat, seed + 50,
                           lambda d: d.columns),
        "numpy": timed(lambda c: numpy_fn(c, ON), question, people, repeat, seed + 100, lambda d: d.columns),
    }
    return {k: {"median_ms": statistics.median(v) * 1e3, "best_ms": min(v) * 1e3, "runs": len(v)}
            for k, v in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="100,000 people, 3 repetitions")
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--check-people", type=int, default=2000, help="people per question for the agreement check")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    people, repeat = (100_000, 3) if args.quick else (args.people, args.repeat)
    seed = args.seed if args.seed is not None else int(np.random.SeedSequence().entropy % 2**32)
    book = lawcode.load()
    peer.build_system()
    book.decide_batch(QUESTIONS[0], arrow_table(draw_known(QUESTIONS[0], 10, 1, ON).columns), ON)  # warm up
    failed = False
    for q in QUESTIONS:
        compared, disagreed = agree(book, q, args.check_people, seed)
        print(f"agreement {q}: {compared} fully known people on {len(peer_check.QUESTION_DATES)} dates, "
              f"{disagreed} disagreements between decide_batch, numpy and OpenFisca")
        failed |= disagreed > 0
    if failed:
        print("FAIL: the batch answers disagree; no timing")
        return 1
    load_before = os.getloadavg()
    results = {q: measure(book, q, people, repeat, seed + 1000 * i) for i, q in enumerate(QUESTIONS)}
    load_after = os.getloadavg()
    meta = {"people": people, "repeat": repeat, "on": ON.isoformat(), "seed": seed,
            "python": platform.python_version(), "numpy": np.__version__, "pyarrow": pa.__version__,
            "cpus": os.cpu_count(), "load_before": load_before, "load_after": load_after}
    if args.json:
        print(json.dumps({"meta": meta, "results": results}, indent=2))
        return 0
    print(f"{people:,} fresh fully known people per repetition, {repeat} repetitions, question date {ON}; "
          f"seed {seed}; Python {meta['python']}, numpy {meta['numpy']}, pyarrow {meta['pyarrow']}, "
          f"{meta['cpus']} CPUs")
    print("load average (1, 5, 15 min): before {:.2f} {:.2f} {:.2f}, after {:.2f} {:.2f} {:.2f}".format(
        *load_before, *load_after))
    print(f"| {'question':28} | {'lawcode ms':>16} | {'openfisca ms':>16} | {'numpy ms':>16} | "
          f"{'lawcode/openfisca':>17} | {'lawcode/numpy':>13} |")
    print("|" + "|".join("-" * w for w in (30, 18, 18, 18, 19, 15)) + "|")
    for q, r in results.items():
        def cell(k: str, r: dict[str, dict[str, float]] = r) -> str:
            return f"{r[k]['median_ms']:7.1f} ({r[k]['best_ms']:6.1f})"

        ratio_of = r["lawcode"]["median_ms"] / r["openfisca"]["median_ms"]
        ratio_np = r["lawcode"]["median_ms"] / r["numpy"]["median_ms"]
        print(f"| {q:28} | {cell('lawcode'):>16} | {cell('openfisca'):>16} | {cell('numpy'):>16} | "
              f"{ratio_of:17.2f} | {ratio_np:13.2f} |")
    print("median (best) per call over the repetitions, in milliseconds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
