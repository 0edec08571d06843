"""Scenario outcomes as a reviewer reads them in a terminal: ``lawcode test``'s output.

Per feature file, each scenario with its mark, line and name (and the example row of an
outline); then every failure in full (its message names the file and line of the step, in the
feature's language); then one summary line.
"""

from __future__ import annotations

from itertools import groupby

from lawcode.review.results import Results, ScenarioResult

PASS, FAIL, SKIP = "✓", "✗", "-"


def _mark(s: ScenarioResult) -> str:
    return PASS if s.passed else FAIL if s.outcome == "failed" else SKIP


def _title(s: ScenarioResult) -> str:
    name = s.name or "(the feature file)"
    return f"{name} [{s.example}]" if s.example else name


def _indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line if line else line for line in text.rstrip().splitlines())


def summary_line(results: Results) -> str:
    """'36 scenarios: 35 passed, 1 failed' (and skipped ones, if any)."""
    scenarios = results.scenarios
    passed = sum(s.passed for s in scenarios)
    failed = sum(s.outcome == "failed" for s in scenarios)
    other = len(scenarios) - passed - failed
    text = f"{len(scenarios)} scenario{'' if len(scenarios) == 1 else 's'}: {passed} passed, {failed} failed"
    return text + (f", {other} skipped" if other else "")


def to_text(results: Results) -> str:
    """The whole report of a run."""
    lines: list[str] = []
    first: dict[str, int] = {}
    for i, s in enumerate(results.scenarios):
        first.setdefault(s.file, i)
    ordered = sorted(results.scenarios, key=lambda s: first[s.file])  # files in run order, scenarios as run
    for file, group in groupby(ordered, key=lambda s: s.file):
        lines.append(file)
        for s in group:
            lines.append(f"  {_mark(s)} {s.line:<4} {_title(s)}")
    failed = [s for s in ordered if s.outcome == "failed"]
    if failed:
        lines += ["", f"Failures ({len(failed)})", ""]
        for s in failed:
            lines.append(f"{FAIL} {s.where}  {_title(s)}")
            lines.append(_indent(s.failure or "(no message)"))
            lines.append("")
    else:
        lines.append("")
    lines.append(summary_line(results))
    return "\n".join(lines) + "\n"
