"""Fuzz settings shared by every fuzz target: a short run in ``make test``, a long campaign in ``make fuzz``.

A fuzz target is a hypothesis test decorated with ``@fuzz("name")`` above its ``@given``: it asserts
that any input gives a value or a ``LawcodeError``, nothing else, and takes no pytest fixture (the
campaign calls it without pytest). ``make test`` runs each with a few hundred inputs; ``make fuzz``
runs ``tests/fuzz_campaign.py``, which drives each target's ``fuzz_one_input`` from atheris
(coverage-guided libFuzzer) for 1,000,000 inputs per target and writes the figures to ``out/fuzz.json``.
Every input that once failed is kept under ``tests/fuzz_regressions/<name>/`` (one file per input, read
as bytes) and replayed by ``regressions(name)`` in every run.
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
TARGETS: dict[str, list[Any]] = {}  # name -> its hypothesis tests (the campaign drives their fuzz_one_input)
F = TypeVar("F", bound=Callable[..., Any])


def fuzz(name: str, short: int = 200) -> Callable[[F], F]:
    """Mark a hypothesis test as fuzz target ``name``: ``short`` inputs in make test, the campaign's in make fuzz."""

    def decorate(test: F) -> F:
        if not hasattr(test, "hypothesis"):
            raise TypeError(f"@fuzz({name!r}) goes above @given (on the hypothesis test), not below it")
        inner = test.hypothesis.inner_test

        @functools.wraps(inner)
        def counted(*args: Any, **kwargs: Any) -> Any:
            COUNTS[name] += 1
            return inner(*args, **kwargs)

        test.hypothesis.inner_test = counted  # type: ignore[attr-defined]  # hypothesis's hook for wrapping
        configured = settings(max_examples=CAMPAIGN or short, deadline=None, database=None,
                              derandomize=not CAMPAIGN, suppress_health_check=list(HealthCheck))(test)
        TARGETS.setdefault(name, []).append(configured)
        return pytest.mark.fuzz(configured)  # type: ignore[no-any-return]

    return decorate


MESSAGE_LIMIT = 4000  # characters of one error's text, hint and source excerpt included


def assert_reported(error: BaseException) -> None:
    """``error`` is a lawcode error whose text is bounded and safe on a terminal (what a fuzz target accepts)."""
    from lawcode.errors import LawcodeError, safe_text

    assert isinstance(error, LawcodeError), f"{type(error).__name__}: {error!r}"[:500]
    text = str(error)
    assert len(text) <= MESSAGE_LIMIT, f"a message of {len(text):,} characters"
    assert safe_text(text) == text, "a raw terminal control character in the message"


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
