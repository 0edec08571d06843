"""Scenario results (``lawcode.results/1``): the records the plugin writes, and the typed data read back.

``lawcode test --results FILE`` and ``pytest --lawcode-results=FILE`` write them; ``lawcode
coverage`` and ``lawcode report`` read them (or run the scenarios first, see ``runner``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from lawcode.errors import LawcodeError, Location
from lawcode.render.words import json_value
from lawcode.review import reading

if TYPE_CHECKING:
    from lawcode.api import Decision

FORMAT = "lawcode.results/1"
WRITE_HINT = "write one with: lawcode test FEATURES --results FILE (or pytest --lawcode-results=FILE)"


def decision_record(d: Decision) -> dict[str, Any]:
    """One decision of a scenario as the results file keeps it, with its explanation in both languages."""
    texts = {d.lang: str(d)}
    for lang in ("en", "ru"):
        texts.setdefault(lang, str(d.in_language(lang)))
    return {
        "question": d.question, "on": d.on.isoformat(), "status": d.status,
        "value": json_value(d.value), "citations": list(d.citations),
        # every case evaluated to reach the answer, including in rules read by cases that lost
        "applied": sorted(reading.cases_applied(d)),
        "rejected": sorted(reading.cases_rejected(d)),
        "text": texts[d.lang], "texts": texts,
    }


class ResultsError(LawcodeError):
    """A results file that is missing, not JSON, or not the plugin's format."""


@frozen(eq=False)
class DecisionRecord:
    """One question a scenario asked: the answer, and the (rule, case) pairs applied and rejected."""

    question: str
    on: str
    status: str
    value: Any
    citations: tuple[str, ...]
    applied: tuple[tuple[str, str], ...]
    rejected: tuple[tuple[str, str], ...]
    text: str
    texts: Mapping[str, str] = field(factory=dict)

    def text_in(self, lang: str) -> str:
        """The explanation in ``lang`` when the results hold it, else in the scenario's language."""
        return self.texts.get(lang) or self.text


@frozen(eq=False)
class ScenarioResult:
    """One scenario run: where it is written, its language and tags, its outcome and decisions."""

    test: str
    file: str
    lang: str
    name: str
    line: int
    tags: tuple[str, ...]
    outcome: str
    decisions: tuple[DecisionRecord, ...]
    failure: str | None = None
    path: str = ""  # the feature file's absolute path, for links (``file`` is as the reviewer sees it)

    @property
    def passed(self) -> bool:
        return self.outcome == "passed"

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def example(self) -> str:
        """The example row of an outline, as pytest names it ('10.05.2000-15.10.2023-да'), or ''."""
        if not self.test.endswith("]"):
            return ""
        row = self.test.rpartition("[")[2][:-1]
        if "\\u" in row:  # pytest writes non-ASCII test ids as \uXXXX escapes
            row = row.encode("ascii", "backslashreplace").decode("unicode_escape")
        return row

    def applied(self) -> set[tuple[str, str]]:
        """Every (rule, case) pair some decision of this scenario applied."""
        return {pair for d in self.decisions for pair in d.applied}


@frozen(eq=False)
class Results:
    """A whole results file: the rulebook it ran against and every scenario."""

    rulebook: Mapping[str, Any] | None
    scenarios: tuple[ScenarioResult, ...]
    source: str

    @property
    def sha256(self) -> str | None:
        value = (self.rulebook or {}).get("sha256")
        return value if isinstance(value, str) else None


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(p[0]), str(p[1])) for p in value or () if isinstance(p, list | tuple) and len(p) == 2)


def _scenario(raw: Mapping[str, Any]) -> ScenarioResult:
    decisions = tuple(
        DecisionRecord(str(d.get("question", "")), str(d.get("on", "")), str(d.get("status", "")), d.get("value"),
                       tuple(str(c) for c in d.get("citations") or ()), _pairs(d.get("applied")),
                       _pairs(d.get("rejected")), str(d.get("text") or ""),
                       {str(k): str(v) for k, v in (d.get("texts") or {}).items() if isinstance(v, str)})
        for d in raw.get("decisions") or () if isinstance(d, Mapping))
    return ScenarioResult(str(raw.get("test", "")), str(raw.get("file", "")), str(raw.get("lang", "en")),
                          str(raw.get("name", "")), int(raw.get("line") or 0),
                          tuple(str(t) for t in raw.get("tags") or ()), str(raw.get("outcome", "")), decisions,
                          raw.get("failure"), str(raw.get("path") or ""))


def parse_results(data: Any, source: str = "<results>") -> Results:
    """Results from the decoded JSON document; a wrong shape is a ``ResultsError``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise ResultsError(f"not a lawcode results file (format {found!r}, expected {FORMAT!r})", Location(source),
                           WRITE_HINT)
    scenarios = data.get("scenarios")
    if not isinstance(scenarios, list) or not all(isinstance(s, dict) for s in scenarios):
        raise ResultsError("'scenarios' must be a list of scenario records", Location(source))
    rulebook = data.get("rulebook")
    return Results(rulebook if isinstance(rulebook, dict) else None, tuple(_scenario(s) for s in scenarios), source)


def read_results(path: str | Path) -> Results:
    """Read a results file written by ``lawcode test --results`` or ``pytest --lawcode-results``."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ResultsError(f"results file not found: {file}", Location(str(file)),
                           f"write it with: lawcode test FEATURES --results {file} (or pytest --lawcode-results="
                           f"{file}), or leave out --results to run the scenarios now") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ResultsError(f"cannot read the results file: {e}", Location(str(file))) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ResultsError(f"the results file is not JSON: {e.msg}", Location(str(file), e.lineno, e.colno),
                           "was it cut short? run the scenarios again") from None
    return parse_results(data, str(file))
