"""The walls of the architecture (pyproject.toml, [tool.importlinter]) hold, and a broken wall is caught.

``make test`` runs ``lint-imports`` itself; these tests show that the contracts are not vacuous: an
upward import planted in a copy of the package, even inside a function, makes the linter fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).parent / "lint-imports"


def _lint(package_parent: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run([str(LINT), str(ROOT / "pyproject.toml"), "--no-cache"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "src" / "lawcode", tmp_path / "src" / "lawcode",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return tmp_path / "src"


def test_the_walls_hold() -> None:
    result = _lint(ROOT / "src", ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout


@pytest.mark.parametrize(("module", "planted", "reported"), [
    # the model reaching up into the engine, hidden inside a function
    ("rulebook/model.py", "def _planted() -> None:\n    from lawcode.engine import evaluate  # noqa: F401\n",
     "lawcode.rulebook.model -> lawcode.engine.evaluate"),
    # the engine rendering text itself
    ("engine/evaluate.py", "import babel  # noqa: F401\n", "lawcode.engine is not allowed to import babel"),
    # a reviewers' tool reaching into the engine instead of the public API
    ("review/results.py", "from lawcode.engine import trace  # noqa: F401\n",
     "lawcode.review is not allowed to import lawcode.engine"),
    # the batch commands reaching into the vector back end instead of decide_batch
    ("batch/run.py", "from lawcode.engine import vector  # noqa: F401\n",
     "lawcode.batch is not allowed to import lawcode.engine"),
    # the scalar path loading numpy
    ("engine/compiled.py", "import numpy  # noqa: F401\n", "lawcode.engine.compiled is not allowed to import numpy"),
    # two modules of one package importing each other
    ("engine/trace.py", "def _planted() -> None:\n    from lawcode.engine import decision  # noqa: F401\n",
     "- .trace -> .decision"),
])
def test_a_wall_broken_on_purpose_fails(package_copy: Path, module: str, planted: str, reported: str) -> None:
    target = package_copy / "lawcode" / module
    target.write_text(target.read_text(encoding="utf-8") + "\n\n" + planted, encoding="utf-8")
    result = _lint(package_copy, package_copy.parent)
    assert result.returncode != 0, result.stdout
    assert reported in result.stdout, result.stdout
