"""Shared test setup: pytester for real pytest sessions, the bundled rulebook loaded once, its scenarios run once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import lawcode

pytest_plugins = ["pytester"]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def book() -> lawcode.Rulebook:
    """The bundled rules, loaded once for the whole session (rulebooks are immutable)."""
    return lawcode.load()


@pytest.fixture(scope="session")
def bundled_results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every bundled scenario run once by `lawcode test` (a few seconds): the results file it wrote."""
    out = tmp_path_factory.mktemp("bundled") / "results.json"
    done = subprocess.run([str(Path(sys.executable).parent / "lawcode"), "test", str(ROOT / "features"),
                           "--results", str(out)], capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    return out


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """After a fuzz campaign (``make fuzz``), write how many inputs each fuzz target ran to out/fuzz.json."""
    from fuzzing import CAMPAIGN, write_counts

    if CAMPAIGN:
        write_counts(ROOT / "out" / "fuzz.json")
