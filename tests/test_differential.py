"""The back ends agree: ``decide`` (generated code), ``explain``'s record and its reasons (the evaluator).

For random people (``tests/differential.py``: every boundary date of the rules, 29 February births,
unknown and null facts) and every bundled question, the fast path and the explaining evaluator must
give the same value, status and missing facts, and the record the same citations and flags as the
reason graph; where one raises a lawcode error, so must the other, with the same message. Every
decided answer, from the rule's earliest version onward, cites at least one provision.

``make test`` draws a few thousand people per question; ``make differential`` draws 100,000
(LAWCODE_DIFFERENTIAL_PEOPLE).
"""

from __future__ import annotations

import itertools
import os
from typing import Any

import pytest

import lawcode
from differential import People
from lawcode.errors import LawcodeError
from lawcode.rulebook.citations import cite_text

PEOPLE = int(os.environ.get("LAWCODE_DIFFERENTIAL_PEOPLE", "1500"))
BOOK = lawcode.load()
# from a rule's earliest version onward, every decided answer cites the provision that decided it
EARLIEST = {name: min(c.in_force.start for c in rule.all_cases()) for name, rule in BOOK.rules.items()}


def _outcome(fn: Any, *args: Any) -> tuple[str, Any]:
    try:
        return "ok", fn(*args)
    except LawcodeError as e:
        return "error", f"{type(e).__name__}: {e}"


def _trace(question: str, facts: dict[str, Any], on: Any) -> Any:
    return BOOK.explain(question, facts, on).trace


@pytest.mark.parametrize("question", sorted(BOOK.rules))
def test_decide_and_explain_agree(question: str) -> None:
    people = People(BOOK, seed=sum(map(ord, question)))
    for n, (facts, on) in enumerate(itertools.islice(people, PEOPLE)):
        where = f"person {n}: {facts!r} on {on} asking {question}"
        kind, fast = _outcome(BOOK.decide, question, facts, on)
        tkind, traced = _outcome(_trace, question, facts, on)
        assert kind == tkind, f"{where}: decide gave {fast!r}, the evaluator {traced!r}"
        if kind == "error":
            assert fast == traced, where
            continue
        expected = (traced.status, traced.value, tuple(sorted(traced.missing)))
        assert (fast.status, fast.value, fast.missing) == expected, where
        d = BOOK.explain(question, facts, on)
        assert (d.status, d.value, d.missing) == (fast.status, fast.value, fast.missing), where
        assert d.citations == tuple(cite_text(c) for c in traced.citations), where
        assert d.unverified == traced.unverified, where
        if d.status == "decided" and d.trace.decided_on >= EARLIEST[question]:
            assert d.citations, f"{where}: decided {d.value!r} on {d.trace.decided_on} but cites nothing"
