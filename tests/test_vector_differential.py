"""The vector back end agrees with ``decide`` and ``explain`` on every row.

Random people (``tests/differential.py``: every boundary date of the rules, 29 February births,
unknown and null facts, now and then a value ``decide`` refuses or a date at the edge of the
calendar) are asked every question of the bundled rulebook and of a rulebook made to use every
construct and every refusal (``tests/batch/tricky``), on many question dates. The same people go
through ``Rulebook.decide_batch`` as one table per date, their columns given three ways (Python
values, typed Arrow columns, ISO texts as JSON Lines carry them); row by row, status, value,
missing facts and the error message must be those of ``decide`` (and of ``explain`` on a sample).

``make test`` draws a few thousand people per question; ``make differential`` draws 100,000
(LAWCODE_DIFFERENTIAL_PEOPLE).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

import lawcode
from differential import People
from lawcode.errors import LawcodeError

PEOPLE = int(os.environ.get("LAWCODE_DIFFERENTIAL_PEOPLE", "1500"))
DATES = 12  # question dates per question: each a batch
BUNDLED = lawcode.load()
TRICKY = lawcode.load(Path(__file__).resolve().parent / "batch" / "tricky")
BOOKS = {"bundled": BUNDLED, "tricky": TRICKY}
CASES = [(label, q) for label, book in BOOKS.items() for q in sorted(book.rules)]


def scalar(book: Any, question: str, facts: dict[str, Any], on: dt.date) -> tuple[Any, ...]:
    try:
        a = book.decide(question, facts, on)
    except LawcodeError as e:
        return None, None, [], str(e)
    return str(a.status), a.value, list(a.missing), None


def explained(book: Any, question: str, facts: dict[str, Any], on: dt.date) -> tuple[Any, ...]:
    try:
        d = book.explain(question, facts, on)
        return str(d.status), d.value, list(d.missing), None
    except LawcodeError as e:
        return None, None, [], str(e)


def as_columns(book: Any, rows: list[dict[str, Any]], way: int) -> dict[str, Any]:
    """The rows as columns with ``.known`` companions: Python values, typed Arrow, or ISO texts."""
    columns: dict[str, Any] = {}
    for name, fact in book.facts.items():
        if not any(name in r for r in rows):
            continue  # left out: unknown in every row
        values = [r.get(name) for r in rows]
        if way == 1 and fact.type == "date" and all(v is None or type(v) is dt.date for v in values):
            values = pa.array(values, type=pa.date32())
        elif way == 1 and fact.type == "enum" and all(v is None or type(v) is str for v in values):
            values = pa.array(values, type=pa.string()).dictionary_encode()
        elif way == 2:
            values = [v.isoformat() if isinstance(v, dt.date) else v for v in values]
        columns[name] = values
        if not all(name in r for r in rows):
            columns[name + ".known"] = [name in r for r in rows]
    return columns


@pytest.mark.parametrize(("label", "question"), CASES)
def test_decide_batch_agrees_with_decide_on_every_row(label: str, question: str) -> None:
    book = BOOKS[label]
    people = People(book, seed=sum(map(ord, question)) + 7)
    per_date = max(1, PEOPLE // DATES)
    kinds: dict[str, int] = {}
    for d in range(DATES):
        on = people.day()
        rows = [people.spoil(people.draw(on)[0], 0.03) for _ in range(per_date)]
        table = book.decide_batch(question, as_columns(book, rows, d % 3), on)
        got = table.to_pylist()
        assert len(got) == len(rows)
        for i, (facts, out) in enumerate(zip(rows, got, strict=True)):
            expected = scalar(book, question, facts, on)
            answer = (out["status"], out["value"], out["missing"], out["error"])
            assert answer == expected, f"row {i + 1}: {facts!r} on {on} asking {question}"
            if i % 10 == 0:
                assert explained(book, question, facts, on) == expected, f"explain, row {i + 1}: {facts!r} on {on}"
            kind = "error" if out["error"] else str(out["status"])
            kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds.get("decided", 0) > 0, kinds
