"""pytest plugin (``pytest11`` entry point): run reviewers' Gherkin features against the rulebook.

One catch-all step hands every step to the rulebook's ``Vocabulary``, so reviewers extend the
vocabulary in YAML, never in Python, and get "did you mean" and ambiguity errors in their language.
A test module binds a whole folder with ``bind_features(globals(), "features")``.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import parsers, scenario, step

from lawcode.api import Decision, Rulebook, bundled_rules_dir, load
from lawcode.errors import LawcodeError, LawcodeErrors, Location
from lawcode.render.i18n import gettext
from lawcode.render.words import json_value, value_text
from lawcode.review import reading
from lawcode.review.features import FeatureProblem, lint_feature_file
from lawcode.review.vocabulary import StepError, StepMatch, Vocabulary

_config: pytest.Config | None = None
_books: dict[str, tuple[Rulebook, Vocabulary]] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("lawcode_rules", "rules directory the Gherkin features run against (default: bundled rules)")
    parser.addoption("--lawcode-results", metavar="PATH", default=None,
                     help="write every scenario's outcome and decisions as JSON (lawcode.results/1), for "
                          "`lawcode coverage` and `lawcode report`")


_results: list[dict[str, Any]] = []


def pytest_configure(config: pytest.Config) -> None:
    global _config
    _config = config
    config.addinivalue_line("markers", "lawcode: a scenario run by the lawcode plugin")


def rulebook_and_vocabulary(root: str | None = None) -> tuple[Rulebook, Vocabulary]:
    """The rulebook and its vocabulary, loaded once per session and rules directory."""
    key = root or str(bundled_rules_dir())
    if key not in _books:
        book = load(key)
        _books[key] = (book, Vocabulary(book))
    return _books[key]


class ScenarioState:
    """What one scenario has said so far: its facts, its question, the decision, where it is."""

    def __init__(self, book: Rulebook, vocabulary: Vocabulary):
        self.book, self.vocabulary = book, vocabulary
        self.facts: dict[str, Any] = {}
        self.fact_lines: dict[str, int] = {}
        self.decision: Decision | None = None
        self.decisions: list[Decision] = []
        self.scenario_name = ""
        self.scenario_line = 0
        self.lang = "en"
        self.file = "<feature>"
        self.line = 0
        self.text = ""

    def where(self) -> Location:
        return Location(self.file, self.line, None, None)

    def fail(self, message: str, hint: str | None = None, with_explanation: bool = False) -> None:
        text = f"{self.file}:{self.line}: {message}"
        if hint:
            text += f"\n  hint: {hint}"
        if with_explanation and self.decision is not None:
            text += "\n\n" + gettext(self.lang, "The decision and its explanation:") + "\n" + str(self.decision)
        pytest.fail(text, pytrace=False)

    # -- steps ------------------------------------------------------------------------------
    def run(self, text: str, datatable: list[list[str]] | None) -> None:
        problem: tuple[str, str | None] | None = None
        try:
            match = self.vocabulary.match(text, self.lang, self.where())
            getattr(self, "do_" + match.phrase.action)(match, datatable)
        except StepError as e:
            problem = (e.message, e.hint)
        except LawcodeErrors as e:
            problem = ("\n".join(str(x) for x in e.errors), None)
        except LawcodeError as e:
            problem = (str(e), None)
        if problem is not None:
            self.fail(*problem)

    def set_fact(self, name: str, value: Any) -> None:
        if name in self.facts and self.facts[name] != value:
            self.fail(gettext(self.lang, "fact {name} is set twice (first on line {line})")
                      .format(name=name, line=self.fact_lines[name]))
        self.facts[name] = value
        self.fact_lines[name] = self.line

    def do_fact(self, m: StepMatch, table: Any) -> None:
        fact = m.phrase.fact
        assert fact is not None
        self.set_fact(fact.name, m.phrase.fixed_value if m.phrase.fixed else m.values["value"])

    def do_facts_table(self, m: StepMatch, table: list[list[str]] | None) -> None:
        if not table or len(table) < 2:
            self.fail(gettext(self.lang, "a facts table needs a header row and at least one fact"),
                      "| fact | value |")
            return
        for row in table[1:]:
            if len(row) < 2:
                self.fail(gettext(self.lang, "each row of the facts table needs a fact and a value"))
            name, raw = row[0].strip(), row[1].strip()
            fact = self.book.facts.get(name)
            if fact is None:
                self.fail(gettext(self.lang, "unknown fact '{name}'").format(name=name),
                          _closest(name, self.book.facts))
                return
            try:
                self.set_fact(name, self.vocabulary.fact_value(fact, raw, self.lang))
            except ValueError as e:
                self.fail(str(e))

    def do_ask_on(self, m: StepMatch, table: Any) -> None:
        self.decision = self.book.explain(m.values["question"], self.facts, on=m.values["date"], lang=self.lang)
        self.decisions.append(self.decision)

    def do_ask(self, m: StepMatch, table: Any) -> None:
        self.decision = self.book.explain(m.values["question"], self.facts, lang=self.lang)
        self.decisions.append(self.decision)

    def asked(self) -> Decision:
        if self.decision is None:
            self.fail(gettext(self.lang, "no question was asked before this step"),
                      gettext(self.lang, "add a step such as: When I ask for conscription.liable_by_age on 2024-04-15"))
        assert self.decision is not None
        return self.decision

    def do_answer(self, m: StepMatch, table: Any) -> None:
        d = self.asked()
        try:
            expected = self.vocabulary.answer(d.question, m.values["answer"], self.lang)
        except ValueError as e:
            self.fail(str(e))
            return
        if d.status != "decided":
            self.fail(gettext(self.lang, "expected the answer {expected}, but the decision is undetermined; "
                                         "it needs: {missing}").format(expected=m.values["answer"],
                                                                       missing=", ".join(d.missing)),
                      with_explanation=True)
        got = d.value
        if isinstance(expected, list) and isinstance(got, list):
            same = sorted(expected) == sorted(got)
        else:
            same = expected == got
        if not same:
            self.fail(gettext(self.lang, "expected the answer {expected}, got {got}")
                      .format(expected=m.values["answer"], got=value_text(self.book.data, d.question, got, self.lang)),
                      with_explanation=True)

    def do_undetermined(self, m: StepMatch, table: Any) -> None:
        d = self.asked()
        if d.status != "undetermined":
            self.fail(gettext(self.lang, "expected an undetermined decision, got the answer {got}")
                      .format(got=value_text(self.book.data, d.question, d.value, self.lang)), with_explanation=True)

    def do_undetermined_needs(self, m: StepMatch, table: Any) -> None:
        self.do_undetermined(m, table)
        d = self.asked()
        if m.values["fact"] not in d.missing:
            self.fail(gettext(self.lang, "the decision does not need {fact}; it needs: {missing}")
                      .format(fact=m.values["fact"], missing=", ".join(d.missing)), with_explanation=True)

    def do_cites(self, m: StepMatch, table: Any) -> None:
        d = self.asked()
        wanted = _norm(m.values["citation"])
        forms = reading.citation_forms(d)
        if not any(wanted in _norm(f) for f in forms):
            self.fail(gettext(self.lang, "the explanation does not cite {citation}; it cites: {cites}")
                      .format(citation=m.values["citation"], cites="; ".join(forms) or "-"), with_explanation=True)

    def do_says(self, m: StepMatch, table: Any) -> None:
        d = self.asked()
        if _norm(m.values["text"]) not in _norm(str(d)):
            self.fail(gettext(self.lang, "the explanation does not say \"{text}\"").format(text=m.values["text"]),
                      with_explanation=True)

    def do_rests_on(self, m: StepMatch, table: Any) -> None:
        d = self.asked()
        # the asked rule's case, or a case of a rule it relied on (the channel behind summons.served_on)
        cases = reading.cases_relied_on(d)
        if m.values["case"] not in cases:
            self.fail(gettext(self.lang, "the decision rests on {cases}, not on case {case}")
                      .format(cases=", ".join(cases) or "-", case=m.values["case"]), with_explanation=True)

    def do_flagged(self, m: StepMatch, table: Any) -> None:
        if not reading.is_flagged(self.asked()):
            self.fail(gettext(self.lang, "the explanation is not flagged unverified"), with_explanation=True)

    def do_not_flagged(self, m: StepMatch, table: Any) -> None:
        if reading.is_flagged(self.asked()):
            self.fail(gettext(self.lang, "the explanation is flagged unverified"), with_explanation=True)


def _display_path(filename: str) -> str:
    try:
        return str(Path(filename).resolve().relative_to(Path.cwd()))
    except ValueError:
        return filename


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).lower()


def _closest(name: str, names: Any) -> str | None:
    from lawcode.errors import did_you_mean

    return did_you_mean(name, names)


# -- pytest-bdd wiring ------------------------------------------------------------------------------
@pytest.fixture
def lawcode_scenario(request: pytest.FixtureRequest) -> ScenarioState:
    """The state of the running scenario (facts, decision), on the configured rulebook."""
    root = request.config.getini("lawcode_rules") or None
    if root:
        root = str(Path(request.config.rootpath, root))
    book, vocabulary = rulebook_and_vocabulary(root)
    return ScenarioState(book, vocabulary)


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    if "lawcode_scenario" in request.fixturenames:
        state: ScenarioState = request.getfixturevalue("lawcode_scenario")
        state.scenario_name, state.scenario_line = scenario.name, scenario.line_number
        state.file = _display_path(feature.filename)
        state.lang = feature.language if feature.language in ("en", "ru") else "en"


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_before_step(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any,
                           step_func: Any) -> None:
    if "lawcode_scenario" not in request.fixturenames:
        return
    state: ScenarioState = request.getfixturevalue("lawcode_scenario")
    state.lang = feature.language if feature.language in ("en", "ru") else "en"
    state.file = _display_path(feature.filename)
    state.line = step.line_number
    state.text = step.name


def _decision_record(d: Decision) -> dict[str, Any]:
    return {
        "question": d.question, "on": d.on.isoformat(), "status": d.status,
        "value": json_value(d.value), "citations": list(d.citations),
        # every case evaluated to reach the answer, including in rules read by cases that lost
        "applied": sorted(reading.cases_applied(d)),
        "rejected": sorted(reading.cases_rejected(d)),
        "text": str(d),
    }


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Record each scenario's outcome and decisions when --lawcode-results is given."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not item.config.getoption("lawcode_results", None):
        return
    state = getattr(item, "funcargs", {}).get("lawcode_scenario")
    if not isinstance(state, ScenarioState):
        return
    scenario_tags = [m.name for m in item.iter_markers() if m.name not in ("lawcode", "parametrize", "usefixtures")]
    _results.append({
        "test": item.nodeid, "file": state.file, "lang": state.lang,
        "name": state.scenario_name or item.name, "line": state.scenario_line,
        "tags": sorted(set(scenario_tags)), "outcome": report.outcome,
        "decisions": [_decision_record(d) for d in state.decisions],
        "failure": str(report.longrepr) if report.failed else None,
    })


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    path = session.config.getoption("lawcode_results", None)
    if path:
        import json

        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        book = next(iter(_books.values()))[0] if _books else None
        target.write_text(json.dumps({
            "format": "lawcode.results/1",
            "rulebook": {"version": book.version, "sha256": book.sha256} if book else None,
            "scenarios": _results,
        }, ensure_ascii=False, indent=1), encoding="utf-8")


@step(parsers.re(r"(?P<text>.+)"))
def lawcode_step(text: str, lawcode_scenario: ScenarioState, datatable: list[list[str]] | None = None) -> None:
    """The one step definition: every step text goes through the rulebook's vocabulary."""
    lawcode_scenario.run(text, datatable)


def pytest_bdd_apply_tag(tag: str, function: Any) -> Any:
    """Feature tags (provision keys such as ``53-FZ.22.1.а``) become registered pytest marks."""
    if _config is not None:
        _config.addinivalue_line("markers", f"{tag}: provision or feature tag")
    return getattr(pytest.mark, tag)(function)


# -- binding feature folders ------------------------------------------------------------------------
def _slug(text: str) -> str:
    return re.sub(r"\W+", "_", text).strip("_").lower() or "scenario"


def bind_features(namespace: MutableMapping[str, Any], *paths: str | Path) -> list[Path]:
    """Create a test in ``namespace`` for every scenario of the ``.feature`` files under ``paths``.

    A file that does not parse or yields no scenario becomes a failing test naming the file and the
    fix, instead of being silently skipped as pytest-bdd would.
    """
    from pytest_bdd.feature import get_feature

    files: list[Path] = []
    for p in paths:
        path = Path(p)
        files.extend(sorted(path.rglob("*.feature")) if path.is_dir() else [path])
    for file in files:
        problems = lint_feature_file(file)
        lang = file.parent.name if file.parent.name in ("en", "ru") else "feature"
        prefix = f"test_{lang}__{_slug(file.stem)}"
        if problems:
            namespace[f"{prefix}__file"] = _failing(problems)
            continue
        feature = get_feature(str(file.parent.resolve()), file.name)
        for name in feature.scenarios:
            test_name = f"{prefix}__{_slug(name)}"
            n = 1
            while test_name in namespace:
                n += 1
                test_name = f"{prefix}__{_slug(name)}_{n}"

            @scenario(str(file.resolve()), name, features_base_dir=str(file.parent.resolve()))
            def _run(lawcode_scenario: ScenarioState) -> None:
                pass

            namespace[test_name] = _run
    return files


def _failing(problems: list[FeatureProblem]) -> Any:
    message = "\n".join(str(p) for p in problems)

    def test_feature_file() -> None:
        pytest.fail(message, pytrace=False)

    return test_feature_file
