"""Do the hand-written baselines, the OpenFisca peer and lawcode agree? Run: python benchmarks/peers/check.py

For each benchmarked question and each of several question dates (on and around every version
boundary, on 28 February and 29 February for the 29 February births), it draws fresh fully known
people (``benchmarks.people``) and compares, person by person:
  - the hand-written Python function (``benchmarks.baselines.PYTHON``),
  - the hand-written numpy function over the same people as columns (``baselines.NUMPY``),
  - the OpenFisca peer, one request per person (``calculate_one``) and one simulation over all of
    them (``calculate_batch``),
  - lawcode's current API: ``lawcode.load().explain(question, facts, on=date).value``.
Every disagreement is printed with the person's facts; the exit status is 1 if there is any.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
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

# question dates: around each version boundary, and the days 29 February births make special
QUESTION_DATES = [dt.date.fromisoformat(d) for d in (
    "2022-06-01", "2023-02-28", "2023-04-13", "2023-04-14", "2023-08-04", "2023-10-01", "2023-12-31",
    "2024-01-01", "2024-02-28", "2024-02-29", "2024-03-01", "2024-04-15", "2025-02-28", "2025-11-04",
    "2026-01-01", "2026-02-28", "2026-03-01", "2027-02-28", "2027-06-30",
)]


def as_value(question: str, value: Any) -> Any:
    """A value of any of the five, as lawcode gives it: bool, date or None, list of measures."""
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else value.astype(dt.date)
    if isinstance(value, np.bool_):
        value = bool(value)
    if question == "measures.in_force" and isinstance(value, bool):
        return list(baselines.SIX_MEASURES) if value else []
    return value


def kind(value: Any) -> str:
    """A short name for the kind of answer, to show that every kind occurred."""
    if isinstance(value, list):
        return f"{len(value)} measures"
    if isinstance(value, dt.date):
        return "a date"
    return repr(value)


def check(question: str, people: int, seed: int, book: Any) -> tuple[int, int, Counter[str]]:
    """(people compared, people with a disagreement, lawcode's answers by value) for one question."""
    compared = disagreed = 0
    answers: Counter[str] = Counter()
    per_date = max(1, -(-people // len(QUESTION_DATES)))
    for i, on in enumerate(QUESTION_DATES):
        draw = draw_known(question, per_date, seed + i, on)
        facts = draw.facts()
        columns = draw.columns
        python = baselines.PYTHON[question]
        numpy_values = baselines.NUMPY[question](columns, on)
        batch_values = peer.calculate_batch(columns, on, question)
        for row, person in enumerate(facts):
            got = {
                "lawcode": book.explain(question, person, on=on).value,
                "python": python(person, on),
                "numpy": as_value(question, numpy_values[row]),
                "openfisca_one": peer.calculate_one(person, on, question),
                "openfisca_batch": as_value(question, batch_values[row]),
            }
            compared += 1
            answers[kind(got["lawcode"])] += 1
            if any(v != got["lawcode"] for v in got.values()):
                disagreed += 1
                if disagreed <= 20:
                    print(f"DISAGREE {question} on {on}: {person}")
                    for who, value in got.items():
                        print(f"    {who:16} {value!r}")
    return compared, disagreed, answers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=2000, help="fully known people per question (default 2000)")
    parser.add_argument("--seed", type=int, default=None, help="seed (default: a fresh one, printed)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else int(np.random.SeedSequence().entropy % 2**32)
    print(f"seed {seed}; {len(QUESTION_DATES)} question dates")
    book = lawcode.load()
    failed = False
    for question in QUESTIONS:
        compared, disagreed, answers = check(question, args.people, seed, book)
        spread = ", ".join(f"{k}: {v}" for k, v in sorted(answers.items(), key=lambda kv: -kv[1])[:6])
        print(f"{question}: {compared} people, {disagreed} disagreements (lawcode's answers: {spread})")
        failed |= disagreed > 0
    print("FAIL: the five disagree" if failed else "OK: python, numpy, openfisca (one and batch) and lawcode agree")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
