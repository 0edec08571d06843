"""Fuzz settings shared by every fuzz target: a short run in ``make test``, a long campaign in ``make fuzz``.

A fuzz target is a hypothesis test decorated with ``@fuzz("name")``: it asserts that any input gives a
value or a ``LawcodeError``, nothing else. ``make fuzz`` sets ``LAWCODE_FUZZ_EXAMPLES`` (1,000,000 by
default) and counts the inputs each target ran into ``out/fuzz.json``. Every input that once failed is
kept under ``tests/fuzz_regressions/<name>/`` (one file per input, read as bytes) and replayed by
``regressions(name)`` in every run.
"""

from __future__ import annotations

import functools
import json
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings

REGRESSIONS = Path(__file__).resolve().parent / "fuzz_regressions"
CAMPAIGN = int(os.environ.get("LAWCODE_FUZZ_EXAMPLES") or 0)
COUNTS: Counter[str] = Counter()
F = TypeVar("F", bound=Callable[..., Any])


def fuzz(name: str, short: int = 200) -> Callable[[F], F]:
    """Mark a hypothesis test as fuzz target ``name``: ``short`` inputs in make test, the campaign's in make fuzz."""

    def decorate(test: F) -> F:
        @functools.wraps(test)
        def counted(*args: Any, **kwargs: Any) -> Any:
            COUNTS[name] += 1
            return test(*args, **kwargs)

        configured = settings(max_examples=CAMPAIGN or short, deadline=None, database=None,
                              derandomize=not CAMPAIGN, suppress_health_check=list(HealthCheck))(counted)
        return pytest.mark.fuzz(configured)  # type: ignore[no-any-return]

    return decorate


def regressions(name: str) -> list[Any]:
    """The kept inputs of target ``name`` (bytes), as pytest parameters named by file."""
    folder = REGRESSIONS / name
    files = sorted(folder.iterdir()) if folder.is_dir() else []
    return [pytest.param(f.read_bytes(), id=f.name) for f in files if f.is_file() and not f.name.startswith(".")]


def write_counts(path: Path) -> None:
    """Write how many inputs each target ran (the campaign's figures)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"examples_per_target_setting": CAMPAIGN, "inputs": dict(sorted(COUNTS.items()))},
                               indent=2) + "\n")
