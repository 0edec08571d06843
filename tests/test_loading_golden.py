"""Golden fixtures for the loader, Catala-style: ``tests/loading/{good,bad}/<case>/``.

Each case is a tiny rules directory. A fixture without ``acts.yaml`` or ``facts.yaml`` gets the
shared ones from ``tests/loading/base/``. A good case must load without a problem. A bad case has
``expected.txt`` listing every problem ``check_rulebook`` must report, one per line::

    <file relative to the fixture dir>:<line>:<col>: <start of the message>
      hint: <text the problem's hint must contain>      (optional, belongs to the line above)

A problem line is a prefix of the reported error's first line (paths made relative to the
fixture); `` ... `` inside it stands for any text. The number of problem lines must equal the
number of problems reported (``lawcode check`` reports every problem at once). A bad case that
shows a known defect carries ``xfail.txt`` with the reason; it runs as a strict xfail.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

from lawcode import load
from lawcode.errors import LawcodeError
from lawcode.rulebook.loading import check_rulebook

HERE = Path(__file__).resolve().parent / "loading"
BASE = HERE / "base"


def _cases(kind: str) -> list[Path]:
    return sorted(d for d in (HERE / kind).iterdir() if d.is_dir())


def _param(d: Path) -> object:
    xfail = d / "xfail.txt"
    marks = []
    if xfail.exists():
        marks.append(pytest.mark.xfail(strict=True, reason=xfail.read_text(encoding="utf-8").strip()))
    return pytest.param(d, id=d.name, marks=marks)


def _materialise(fixture: Path, tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(fixture, root, ignore=shutil.ignore_patterns("expected.txt", "xfail.txt"))
    for name in ("acts.yaml", "facts.yaml"):
        if not (root / name).exists():
            shutil.copy(BASE / name, root / name)
    return root


def _first_line(error: LawcodeError, root: Path) -> str:
    """The error's first line with every path made relative to the fixture directory."""
    line = str(error).splitlines()[0]
    prefixes = [str(root), str(root.resolve())]
    with contextlib.suppress(ValueError):
        prefixes.append(str(root.resolve().relative_to(Path.cwd().resolve())))
    for prefix in sorted(prefixes, key=len, reverse=True):
        line = line.replace(prefix + "/", "")
    return line


def _matches(expected: str, actual: str) -> bool:
    head, *rest = expected.split(" ... ")
    if not actual.startswith(head):
        return False
    pos = len(head)
    for part in rest:
        found = actual.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


def _expected(fixture: Path) -> list[tuple[str, list[str]]]:
    """(problem line, [hint fragments]) pairs from expected.txt."""
    out: list[tuple[str, list[str]]] = []
    for raw in (fixture / "expected.txt").read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        if raw.startswith("  hint: "):
            assert out, f"{fixture.name}/expected.txt: a hint line must follow a problem line"
            out[-1][1].append(raw[len("  hint: "):])
        else:
            out.append((raw, []))
    return out


def test_every_bad_fixture_has_expectations() -> None:
    for d in _cases("bad"):
        assert (d / "expected.txt").exists(), f"{d.name} lacks expected.txt"
        assert any(d.rglob("*.yaml")), f"{d.name} has no YAML file"
    assert len(_cases("bad")) >= 20


@pytest.mark.parametrize("fixture", [_param(d) for d in _cases("good")])
def test_good_rules_load(fixture: Path, tmp_path: Path) -> None:
    root = _materialise(fixture, tmp_path)
    problems = check_rulebook(root)
    assert problems == [], "\n".join(str(p) for p in problems)
    book = load(root)
    assert book.rules


@pytest.mark.parametrize("fixture", [_param(d) for d in _cases("bad")])
def test_bad_rules_report_every_problem(fixture: Path, tmp_path: Path) -> None:
    root = _materialise(fixture, tmp_path)
    problems = check_rulebook(root)
    assert all(isinstance(p, LawcodeError) for p in problems)
    reported = [(_first_line(p, root), p) for p in problems]
    listing = "\n".join(line for line, _ in reported)
    expected = _expected(fixture)
    unmatched = list(reported)
    for line, hints in expected:
        hit = next((r for r in unmatched if _matches(line, r[0])), None)
        assert hit is not None, f"expected problem not reported:\n  {line}\nreported:\n{listing}"
        unmatched.remove(hit)
        for fragment in hints:
            assert fragment in (hit[1].hint or ""), f"hint of '{line}' lacks '{fragment}': {hit[1].hint!r}"
    assert not unmatched, "unexpected problems:\n" + "\n".join(line for line, _ in unmatched)
    assert len(problems) == len(expected)
    # one paragraph per problem, no Python internals leaking into what a reviewer reads
    for _, p in reported:
        text = str(p)
        assert "Traceback" not in text and "object at 0x" not in text


def test_bad_rules_raise_all_problems_from_load(tmp_path: Path) -> None:
    from lawcode.errors import LawcodeErrors

    root = _materialise(HERE / "bad" / "several_problems_one_file", tmp_path)
    with pytest.raises(LawcodeErrors) as info:
        load(root)
    assert len(info.value.errors) == 5
    assert "5 problem(s) found" in info.value.message


def test_missing_rules_directory_is_a_located_problem(tmp_path: Path) -> None:
    problems = check_rulebook(tmp_path / "nowhere")
    assert len(problems) == 1
    assert "rules directory not found" in problems[0].message


def test_missing_acts_and_facts_files_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "rules"
    root.mkdir()
    messages = [p.message for p in check_rulebook(root)]
    assert "missing acts.yaml" in messages
    assert "missing facts.yaml" in messages
