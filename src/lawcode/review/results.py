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

from lawcode.errors import N_, LawcodeError, Location, Message, quote
from lawcode.render.words import json_value
from lawcode.review import reading
from lawcode.rulebook.files import read_input_text, size_limit

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


MAX_DEPTH = 32  # nesting of a results document: the format itself is 5 deep, a decision's value a few more
RESULTS_LIMIT = 64 << 20  # bytes of a results file (LIMIT_VARIABLE overrides)
LIMIT_VARIABLE = "LAWCODE_MAX_RESULTS_BYTES"


class _Shape:
    """Reads one record of a results file, checking each field's type; a wrong one is a ``ResultsError``
    naming the field by its path in the document (``scenarios[2].line``)."""

    def __init__(self, raw: Mapping[str, Any], path: str, source: str):
        self.raw, self.path, self.source = raw, path, source

    def fail(self, key: str, wanted: str, value: Any) -> ResultsError:
        return ResultsError(f"{_join(self.path, key)} must be {wanted}, not {_kind(value)} {quote(value)}",
                            Location(self.source), "the file was not written by lawcode test --results, or was "
                            "edited; run the scenarios again")

    def text(self, key: str, default: str = "", nullable: bool = False) -> str:
        value = self.raw.get(key, default)
        if value is None and (nullable or key not in self.raw):
            return default
        if not isinstance(value, str):
            raise self.fail(key, "text", value)
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.raw.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, "text or null", value)
        return value

    def line(self, key: str) -> int:
        value = self.raw.get(key)
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1 << 31:
            raise self.fail(key, "a line number (a whole number from 0)", value)
        return value

    def items(self, key: str) -> list[Any]:
        value = self.raw.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, "a list", value)
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        values = self.items(key)
        for i, v in enumerate(values):
            if not isinstance(v, str):
                raise self.fail(f"{key}[{i}]", "text", v)
        return tuple(values)

    def pairs(self, key: str) -> tuple[tuple[str, str], ...]:
        values = self.items(key)
        for i, v in enumerate(values):
            if not (isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v)):
                raise self.fail(f"{key}[{i}]", "a [rule, case] pair of texts", v)
        return tuple((v[0], v[1]) for v in values)

    def mapping(self, key: str) -> dict[str, str]:
        value = self.raw.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(key, "an object", value)
        for k, v in value.items():
            if not isinstance(v, str):
                raise self.fail(f"{key}.{k}", "text", v)
        return dict(value)

    def records(self, key: str) -> list[_Shape]:
        values = self.items(key)
        for i, v in enumerate(values):
            if not isinstance(v, dict):
                raise self.fail(f"{key}[{i}]", "an object", v)
        return [_Shape(v, _join(self.path, f"{key}[{i}]"), self.source) for i, v in enumerate(values)]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "the number"
    if isinstance(value, str):
        return "the text"
    return "a list" if isinstance(value, list) else "an object"


def _decision(d: _Shape) -> DecisionRecord:
    return DecisionRecord(d.text("question"), d.text("on"), d.text("status"), d.raw.get("value"),
                          d.texts("citations"), d.pairs("applied"), d.pairs("rejected"),
                          d.text("text", nullable=True), d.mapping("texts"))


def _scenario(raw: _Shape) -> ScenarioResult:
    return ScenarioResult(raw.text("test"), raw.text("file"), raw.text("lang", "en"), raw.text("name"),
                          raw.line("line"), raw.texts("tags"), raw.text("outcome"),
                          tuple(_decision(d) for d in raw.records("decisions")), raw.optional_text("failure"),
                          raw.text("path", nullable=True))


def _too_deep(data: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether lists and objects in ``data`` nest deeper than ``limit`` (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


def parse_results(data: Any, source: str = "<results>") -> Results:
    """Results from the decoded JSON document; a wrong shape is a ``ResultsError``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise ResultsError(f"not a lawcode results file (format {quote(found)}, expected {FORMAT!r})",
                           Location(source), WRITE_HINT)
    if _too_deep(data):
        raise ResultsError(f"the results file nests lists or objects more than {MAX_DEPTH} deep", Location(source),
                           "the file was not written by lawcode test --results; run the scenarios again")
    top = _Shape(data, "", source)
    if not isinstance(data.get("scenarios"), list):
        raise ResultsError("'scenarios' must be a list of scenario records", Location(source))
    rulebook = data.get("rulebook")
    if rulebook is not None:
        if not isinstance(rulebook, dict):
            raise top.fail("rulebook", "an object or null", rulebook)
        book = _Shape(rulebook, "rulebook", source)
        for key in ("version", "sha256", "root"):
            book.optional_text(key)
    return Results(rulebook, tuple(_scenario(s) for s in top.records("scenarios")), source)


def read_results(path: str | Path) -> Results:
    """Read a results file written by ``lawcode test --results`` or ``pytest --lawcode-results``."""
    file = Path(path)
    if not file.exists() and not file.is_symlink():
        raise ResultsError(f"results file not found: {file}", Location(str(file)),
                           f"write it with: lawcode test FEATURES --results {file} (or pytest --lawcode-results="
                           f"{file}), or leave out --results to run the scenarios now")
    text = read_input_text(file, Message(N_("results file")), ResultsError,
                           size_limit(LIMIT_VARIABLE, RESULTS_LIMIT),
                           Message(N_("set {variable} to a larger number of bytes"), variable=LIMIT_VARIABLE))
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise ResultsError(f"the results file is not JSON: {e.msg}", Location(str(file), e.lineno, e.colno),
                           "was it cut short? run the scenarios again") from None
    except RecursionError:
        raise ResultsError(f"the results file nests lists or objects more than {MAX_DEPTH} deep", Location(str(file)),
                           "the file was not written by lawcode test --results; run the scenarios again") from None
    except ValueError as e:  # NaN or Infinity, a number too long to convert
        raise ResultsError(f"the results file is not JSON: {e}", Location(str(file)),
                           "the file was not written by lawcode test --results; run the scenarios again") from None
    return parse_results(data, str(file))


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")
