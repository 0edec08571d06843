"""The fuzz campaign's driver (``make fuzz``) finds every fuzz target, runs it, and counts what it ran."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_campaign_runs_a_target_and_writes_its_figures(tmp_path: Path) -> None:
    command = [sys.executable, "tests/fuzz_campaign.py", "--runs", "40", "--jobs", "1",
               "--out", str(tmp_path / "fuzz.json"), "expression-evaluate"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads((tmp_path / "fuzz.json").read_text())
    target = figures["targets"]["expression-evaluate"]
    assert target["inputs"] >= 40 and target["failures"] == 0


def test_an_unknown_target_is_refused_with_the_known_ones() -> None:
    done = subprocess.run([sys.executable, "tests/fuzz_campaign.py", "no-such-target"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 2 and "expression-parse" in done.stderr
