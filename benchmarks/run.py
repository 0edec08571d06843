"""Speed of lawcode, measured on demand (`make bench`), never in the test suite.

For the three benchmarked decisions, on freshly drawn people (each repetition draws new people, so
no answer is computed twice; one repeated person would time a warm cache), timed in one run:

  python     the hand-written Python function of benchmarks/baselines.py (the floor)
  decide     book.decide(question, facts, on): value, status, missing
  explain    book.explain(...): value and citations (no reasons built)
  json       book.explain(...).to_json(): the whole lawcode.decision/2 document, reasons included
  openfisca  one OpenFisca 46 request per person (benchmarks/peers; skipped if the bench extra is absent)

Targets (issue 9): explain <= 10 us median for each; decide <= 3x the hand-written function; an
OpenFisca request >= 30x slower than explain; the largest bundled decision's JSON <= 20 KB; rulebook
load <= 100 ms; `lawcode explain` on the command line <= 250 ms. The machine's load average is
printed with the figures: the machine is shared, so compare figures from the same run only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import lawcode  # noqa: E402
from benchmarks.baselines import PYTHON  # noqa: E402
from benchmarks.people import QUESTIONS, draw_known  # noqa: E402
from lawcode.rulebook.documents import read_facts_file  # noqa: E402

ON = dt.date(2024, 4, 15)
TARGETS = {"explain": 10.0}


def per_person(run: Callable[[dict[str, Any]], object], question: str, people: int, repeat: int,
               seed: int) -> list[float]:
    """Microseconds per person, one sample per repetition, each over freshly drawn people."""
    samples = []
    for r in range(repeat):
        batch = draw_known(question, people, seed + 1000 * r, ON).facts()
        gc.collect()
        start = time.perf_counter()
        for facts in batch:
            run(facts)
        samples.append((time.perf_counter() - start) / len(batch) * 1e6)
    return samples


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def largest_json(book: lawcode.Rulebook) -> tuple[int, str]:
    """The size in bytes of the largest decision document over every question and bundled example."""
    largest = (0, "")
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        facts = read_facts_file(example)
        for question in book.rules:
            for lang in ("en", "ru"):
                size = len(book.explain(question, facts, on=dt.date(2025, 1, 15), lang=lang).to_json().encode())
                largest = max(largest, (size, f"{question} on {example.name} ({lang})"))
    return largest


def disagreements(book: lawcode.Rulebook, question: str, people: int) -> int:
    """How many fresh people ``decide`` and the hand-written function answer differently (must be 0)."""
    base, wrong = PYTHON[question], 0
    for facts in draw_known(question, people, 99, ON).facts():
        answer = book.decide(question, facts, ON)
        value = list(answer.value) if isinstance(answer.value, list | tuple) else answer.value
        expected = base(facts, ON)
        wrong += str(answer.status) != "decided" or value != (list(expected) if isinstance(expected, list | tuple)
                                                              else expected)
    return wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--quick", action="store_true", help="fewer people and repetitions")
    args = parser.parse_args()
    people, repeat = (2000, 5) if args.quick else (10000, 9)
    load_before = os.getloadavg()

    book = lawcode.load()
    try:
        from benchmarks.peers import openfisca_summons as peer
    except ImportError:  # the bench extra is not installed
        peer = None
    rows: dict[str, dict[str, list[float]]] = {}
    for q in QUESTIONS:
        base = PYTHON[q]
        book.decide(q, draw_known(q, 1, 0, ON).facts()[0], ON)  # compile the question's rules once
        wrong = disagreements(book, q, 2000)
        if wrong:  # timing two functions that answer differently would compare nothing
            print(f"{q}: decide and the hand-written function disagree on {wrong} of 2000 people", file=sys.stderr)
            return 1
        measures: dict[str, Callable[[dict[str, Any]], object]] = {
            "python": lambda f, base=base: base(f, ON),
            "decide": lambda f, q=q: book.decide(q, f, ON),
            "explain": lambda f, q=q: (lambda d: (d.value, d.citations))(book.explain(q, f, ON)),
        }
        rows[q] = {name: per_person(fn, q, people, repeat, seed=7) for name, fn in measures.items()}
        rows[q]["json"] = per_person(lambda f, q=q: book.explain(q, f, ON).to_json(), q, max(200, people // 20),
                                     repeat, seed=7)
        if peer is not None:
            rows[q]["openfisca"] = per_person(lambda f, q=q: peer.calculate_one(f, ON, q), q, max(200, people // 20),
                                              repeat, seed=7)

    load = timed(lambda: lawcode.load(), repeat=max(5, repeat))
    cli_cmd = [str(Path(sys.executable).parent / "lawcode"), "explain", "conscription.liable_by_age",
               "--facts", str(ROOT / "examples" / "man-born-2000.yaml"), "--on", "2024-04-15", "--format", "json"]
    cli = timed(lambda: subprocess.run(cli_cmd, check=True, capture_output=True), repeat=max(5, repeat))
    size, which = largest_json(book)
    load_after = os.getloadavg()

    med = {q: {k: statistics.median(v) for k, v in r.items()} for q, r in rows.items()}
    best = {q: {k: min(v) for k, v in r.items()} for q, r in rows.items()}
    result = {
        "per_person_us": {"median": med, "best": best},
        "rulebook_load_ms": {"median": statistics.median(load) * 1e3, "best": min(load) * 1e3},
        "cli_explain_json_ms": {"median": statistics.median(cli) * 1e3, "best": min(cli) * 1e3},
        "largest_decision_json_bytes": size, "largest_decision": which,
        "load_average_before": load_before, "load_average_after": load_after,
        "people_per_sample": people, "repetitions": repeat, "cpus": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"on {ON}, fresh people per repetition ({people} per sample, {repeat} repetitions); median (best), us/person")
    names = ["python", "decide", "explain", "json", *(["openfisca"] if peer is not None else [])]
    print(f"{'decision':30}" + "".join(f"{n:>18}" for n in names) + f"{'decide/python':>15}"
          + (f"{'openfisca/explain':>19}" if peer is not None else ""))
    for q in QUESTIONS:
        cells = "".join(f"{med[q][n]:>10.2f} ({best[q][n]:5.2f})" for n in names)
        ratio = f"{med[q]['decide'] / med[q]['python']:>15.2f}"
        peer_ratio = f"{med[q]['openfisca'] / med[q]['explain']:>19.1f}" if peer is not None else ""
        print(f"{q:30}{cells}{ratio}{peer_ratio}")
    for q in QUESTIONS:
        if med[q]["explain"] > TARGETS["explain"]:
            print(f"  explain {q}: {med[q]['explain']:.1f} us, over the {TARGETS['explain']:.0f} us target")
    rl = result["rulebook_load_ms"]
    print(f"rulebook load: {rl['median']:.1f} ms (best {rl['best']:.1f}; target <= 100)")
    print(f"lawcode explain --format json, wall: {result['cli_explain_json_ms']['median']:.0f} ms "
          f"(best {result['cli_explain_json_ms']['best']:.0f}; target <= 250)")
    print(f"largest decision document: {size} bytes ({which}; target <= 20000)")
    print(f"load average before {load_before}, after {load_after}; {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
