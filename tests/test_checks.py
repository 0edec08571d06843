"""Static checks (``lawcode check``): planted mistakes under ``tests/checks/bad/`` are all found, located.

Each bad fixture loads cleanly (the loader has nothing to say) but hides mistakes only the static
checks see; ``expected.txt`` lists them as in ``tests/loading/`` (see test_loading_golden.py):
``<file>:<line>:<col>: <start of message>``, `` ... `` for any text, and ``  hint: <fragment>``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lawcode import load
from lawcode.cli import main
from lawcode.rulebook.checks import run_checks
from lawcode.rulebook.loading import check_rulebook

HERE = Path(__file__).resolve().parent / "checks"


def _cases(kind: str) -> list[Path]:
    return sorted(d for d in (HERE / kind).iterdir() if d.is_dir())


def _materialise(fixture: Path, tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(fixture, root, ignore=shutil.ignore_patterns("expected.txt"))
    for name in ("acts.yaml", "facts.yaml"):
        if not (root / name).exists():
            shutil.copy(HERE / "base" / name, root / name)
    return root


def _expected(fixture: Path) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for raw in (fixture / "expected.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("  hint: "):
            out[-1][1].append(raw[len("  hint: "):])
        elif raw.strip():
            out.append((raw, []))
    return out


def _matches(expected: str, actual: str) -> bool:
    head, *rest = expected.split(" ... ")
    pos = len(head)
    if not actual.startswith(head):
        return False
    for part in rest:
        pos = actual.find(part, pos)
        if pos < 0:
            return False
        pos += len(part)
    return True


def _reported(stderr: str, root: Path) -> list[tuple[str, str]]:
    """(first line, hint) of every problem printed by ``lawcode check``, paths relative to the fixture."""
    problems: list[tuple[str, str]] = []
    for line in stderr.replace(str(root) + "/", "").splitlines():
        if line.startswith("  hint: ") and problems:
            problems[-1] = (problems[-1][0], line[len("  hint: "):])
        elif line and not line.startswith(" ") and not line.startswith("lawcode: "):
            problems.append((line, ""))
    return problems


@pytest.mark.parametrize("fixture", _cases("bad"), ids=lambda d: d.name)
def test_check_finds_every_planted_problem_with_its_location(fixture: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = _materialise(fixture, tmp_path)
    assert check_rulebook(root) == [], "a bad fixture must load: only the static checks may object"
    assert main(["check", "--rules", str(root)]) == 2
    reported = _reported(capsys.readouterr().err, root)
    listing = "\n".join(line for line, _ in reported)
    expected = _expected(fixture)
    for line, hints in expected:
        hit = next((r for r in reported if _matches(line, r[0])), None)
        assert hit is not None, f"expected problem not reported:\n  {line}\nreported:\n{listing}"
        reported.remove(hit)
        for fragment in hints:
            assert fragment in hit[1], f"hint of '{line}' lacks '{fragment}': {hit[1]!r}"
    assert not reported, "unexpected problems:\n" + "\n".join(line for line, _ in reported)


@pytest.mark.parametrize("fixture", _cases("good"), ids=lambda d: d.name)
def test_good_fixture_passes_the_checks(fixture: Path, tmp_path: Path) -> None:
    assert run_checks(load(_materialise(fixture, tmp_path))) == []


def test_bundled_rules_pass_the_checks() -> None:
    problems = run_checks(load())
    assert problems == [], "\n".join(str(p) for p in problems)


def test_bundled_versions_declare_what_they_replace() -> None:
    rule = load().rules["conscription.liable_by_age"]
    assert rule.case("aged-18-to-30").replaces == "aged-18-to-27"


def test_console_script_reports_every_problem_at_once(tmp_path: Path) -> None:
    root = _materialise(HERE / "bad" / "every_problem_at_once", tmp_path)
    exe = Path(sys.executable).with_name("lawcode")
    done = subprocess.run([str(exe), "check", "--rules", str(root)], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "lawcode: 4 problem(s) found" in done.stderr
    assert f"{root}/a.yaml:8:29: person.sex has no value 'mael'" in done.stderr
    assert "        when: person.sex != \"mael\"\n" in done.stderr  # the line, with a caret under the literal
    assert "\n" + " " * 32 + "^\n" in done.stderr
