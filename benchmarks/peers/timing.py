"""First measurement: lawcode, the OpenFisca peer and hand-written code, on fresh people, in one run.

    python benchmarks/peers/timing.py [--quick] [--json]

Per person (each repetition draws new fully known people, so no answer is computed twice):
  - python          the hand-written Python function (benchmarks.baselines.PYTHON)
  - openfisca_one   one OpenFisca request per person (openfisca_summons.calculate_one: situation dict ->
                    simulation -> answer, as its web API does minus HTTP)
  - lawcode         lawcode's current API: book.explain(question, facts, on=date).value
Per 1,000,000 people (fresh for each repetition; drawing them is not timed):
  - numpy           the hand-written numpy function (benchmarks.baselines.NUMPY)
  - openfisca_batch one OpenFisca simulation over all of them (openfisca_summons.calculate_batch)

Each figure is the median over the repetitions (and the best one), per person in microseconds for the
first group, per call in milliseconds for the second. The machine's load average is printed with them:
the machine is shared, so compare figures from the same run only.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import lawcode  # noqa: E402
from benchmarks import baselines  # noqa: E402
from benchmarks.peers import openfisca_summons as peer  # noqa: E402
from benchmarks.people import QUESTIONS, draw_known  # noqa: E402

ON = dt.date(2024, 4, 15)


def per_person(run: Callable[[list[dict[str, Any]]], None], question: str, people: int, repeat: int,
               seed: int) -> list[float]:
    """Seconds per person, one sample per repetition, each over ``people`` freshly drawn people."""
    samples = []
    for r in range(repeat):
        facts = draw_known(question, people, seed + r, ON).facts()
        start = time.perf_counter()
        run(facts)
        samples.append((time.perf_counter() - start) / len(facts))
    return samples


def per_batch(run: Callable[[dict[str, Any]], Any], question: str, people: int, repeat: int,
              seed: int) -> list[float]:
    """Seconds per call over ``people`` freshly drawn people, one sample per repetition."""
    samples = []
    for r in range(repeat):
        columns = draw_known(question, people, seed + r, ON).columns
        gc.collect()
        start = time.perf_counter()
        run(columns)
        samples.append(time.perf_counter() - start)
        del columns
    return samples


def measure(question: str, quick: bool, seed: int, book: Any) -> dict[str, dict[str, float]]:
    scale = 0.2 if quick else 1.0
    repeat = 5 if quick else 9
    python = baselines.PYTHON[question]
    numpy_fn = baselines.NUMPY[question]

    def run_python(facts: list[dict[str, Any]]) -> None:
        for person in facts:
            python(person, ON)

    def run_lawcode(facts: list[dict[str, Any]]) -> None:
        for person in facts:
            book.explain(question, person, on=ON).value  # noqa: B018 - the value is what is timed

    def run_openfisca_one(facts: list[dict[str, Any]]) -> None:
        for person in facts:
            peer.calculate_one(person, ON, question)

    big = 1_000_000
    samples = {
        "python_us": per_person(run_python, question, int(20_000 * scale), repeat, seed),
        "lawcode_us": per_person(run_lawcode, question, int(5_000 * scale), repeat, seed + 100),
        "openfisca_one_us": per_person(run_openfisca_one, question, int(500 * scale), repeat, seed + 200),
        "numpy_1M_ms": per_batch(lambda c: numpy_fn(c, ON), question, big, max(3, repeat // 2), seed + 300),
        "openfisca_batch_1M_ms": per_batch(lambda c: peer.calculate_batch(c, ON, question), question, big,
                                           max(3, repeat // 2), seed + 400),
    }
    unit = {"us": 1e6, "ms": 1e3}
    return {k: {"median": statistics.median(v) * unit[k[-2:]], "best": min(v) * unit[k[-2:]], "runs": len(v)}
            for k, v in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer people and repetitions")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--seed", type=int, default=None, help="seed (default: a fresh one)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else int(np.random.SeedSequence().entropy % 2**32)
    book = lawcode.load()
    peer.build_system()
    load_before = os.getloadavg()
    results = {q: measure(q, args.quick, seed + 1000 * i, book) for i, q in enumerate(QUESTIONS)}
    load_after = os.getloadavg()
    meta = {"on": ON.isoformat(), "seed": seed, "python": platform.python_version(), "numpy": np.__version__,
            "cpus": os.cpu_count(), "load_before": load_before, "load_after": load_after}
    if args.json:
        print(json.dumps({"meta": meta, "results": results}, indent=2))
        return 0
    print(f"question date {ON}; fresh fully known people; seed {seed}; Python {meta['python']}, "
          f"numpy {meta['numpy']}, {meta['cpus']} CPUs")
    print("load average (1, 5, 15 min): before {:.2f} {:.2f} {:.2f}, after {:.2f} {:.2f} {:.2f}".format(
        *load_before, *load_after))
    rows = list(next(iter(results.values())))
    print(f"{'measure':24}" + "".join(f"{q:>30}" for q in QUESTIONS))
    for row in rows:
        cells = "".join(f"{results[q][row]['median']:>16.2f} (best {results[q][row]['best']:>7.2f})" for q in QUESTIONS)
        print(f"{row:24}{cells}")
    print("median (best) over the repetitions: *_us per person in microseconds, *_1M_ms per 1,000,000 people "
          "in milliseconds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
