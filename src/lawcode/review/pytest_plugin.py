"""pytest plugin (``pytest11`` entry point): run reviewers' Gherkin features against a rulebook.

One catch-all step hands every step to the rulebook's vocabulary (``steps.ScenarioState``), so
reviewers extend the vocabulary in YAML, never in Python. The plugin is thin: its options are
registered here, and the session's state (rulebooks loaded, results recorded, the tags selected)
lives in a ``LawcodeSession`` kept in ``config.stash`` and registered as a plugin of its own,
as pytest's junitxml does. A test module binds a folder with ``bind_features(globals(), "features")``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import parsers, step

from lawcode.api import Rulebook, bundled_rules_dir, load
from lawcode.errors import LawcodeError
from lawcode.review.binding import FEATURE_ATTRIBUTE, bind_features
from lawcode.review.features import display_path, tag_selects
from lawcode.review.results import FORMAT, decision_record
from lawcode.review.steps import ScenarioState
from lawcode.review.vocabulary import Vocabulary

__all__ = ["ScenarioState", "bind_features"]

SESSION = pytest.StashKey["LawcodeSession"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("lawcode", "lawcode: reviewers' Gherkin features")
    parser.addini("lawcode_rules", "rules directory the Gherkin features run against (default: bundled rules)")
    group.addoption("--lawcode-rules", metavar="DIR", default=None,
                    help="rules directory the features run against (overrides the lawcode_rules ini value)")
    group.addoption("--lawcode-results", metavar="PATH", default=None,
                    help="write every scenario's outcome and decisions as JSON (lawcode.results/1), for "
                         "`lawcode coverage` and `lawcode report`")
    group.addoption("--lawcode-tag", metavar="TAG", action="append", default=[],
                    help="run only scenarios tagged TAG, or a provision key under it (53-FZ.7_1 selects "
                         "@53-FZ.7_1.1 too); repeat for several")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "lawcode: a scenario run by the lawcode plugin")
    session = LawcodeSession(config)
    config.stash[SESSION] = session
    config.pluginmanager.register(session, "lawcode-session")


def pytest_unconfigure(config: pytest.Config) -> None:
    session = config.stash.get(SESSION, None)
    if session is not None:
        config.pluginmanager.unregister(session)
        del config.stash[SESSION]


class LawcodeSession:
    """The plugin's state for one pytest run: rulebooks by folder, recorded results, options."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.books: dict[str, tuple[Rulebook, Vocabulary]] = {}
        self.results: list[dict[str, Any]] = []
        self.marks: set[str] = set()  # tags registered as markers so far

    def rules_root(self) -> str:
        option = self.config.getoption("lawcode_rules", None)
        if option:
            return str(Path(option).resolve())
        ini = self.config.getini("lawcode_rules")
        if ini:
            return str(Path(self.config.rootpath, str(ini)).resolve())
        return str(bundled_rules_dir())

    def rulebook_and_vocabulary(self) -> tuple[Rulebook, Vocabulary]:
        """The rulebook and its vocabulary, loaded once per session."""
        root = self.rules_root()
        if root not in self.books:
            book = load(root)
            self.books[root] = (book, Vocabulary(book))
        return self.books[root]

    # -- hooks ------------------------------------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_bdd_apply_tag(self, tag: str, function: Any) -> Any:
        """Feature tags (provision keys such as ``53-FZ.22.1.а``) become registered pytest marks."""
        if tag not in self.marks:
            self.marks.add(tag)
            self.config.addinivalue_line("markers", f"{tag}: provision or feature tag")
        return getattr(pytest.mark, tag)(function)

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        wanted: list[str] = config.getoption("lawcode_tag", None) or []
        if not wanted:
            return
        keep: list[pytest.Item] = []
        drop: list[pytest.Item] = []
        for item in items:
            tags = {m.name for m in item.iter_markers()}
            (keep if any(tag_selects(w, t) for w in wanted for t in tags) else drop).append(item)
        if drop:
            config.hook.pytest_deselected(items=drop)
            items[:] = keep

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
        """Record each scenario's outcome and decisions when --lawcode-results is given."""
        outcome = yield
        report = outcome.get_result()
        if not self.config.getoption("lawcode_results", None):
            return
        if report.when != "call" and not (report.when == "setup" and report.failed):
            return
        state = getattr(item, "funcargs", {}).get("lawcode_scenario")
        tags = sorted({m.name for m in item.iter_markers()} - {"lawcode", "parametrize", "usefixtures"})
        record = {"test": item.nodeid, "tags": tags, "outcome": report.outcome,
                  "failure": str(report.longrepr) if report.failed else None}
        if isinstance(state, ScenarioState):
            record.update({"file": state.file, "path": str(Path(state.file).resolve()), "lang": state.lang,
                           "name": state.scenario_name or item.name, "line": state.scenario_line,
                           "decisions": [decision_record(d) for d in state.decisions]})
        else:
            where = getattr(getattr(item, "obj", None), FEATURE_ATTRIBUTE, None)
            if not isinstance(where, dict):
                return
            record.update({"file": where["file"], "path": str(Path(where["file"]).resolve()), "lang": where["lang"],
                           "name": "", "line": where["line"], "decisions": []})
        self.results.append(record)

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        path = self.config.getoption("lawcode_results", None)
        if not path:
            return
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        book = next(iter(self.books.values()))[0] if self.books else None
        target.write_text(json.dumps({
            "format": FORMAT,
            "rulebook": {"version": book.version, "sha256": book.sha256, "root": book.root} if book else None,
            "scenarios": self.results,
        }, ensure_ascii=False, indent=1), encoding="utf-8")


# -- the scenario's state and the one step ---------------------------------------------------------
@pytest.fixture
def lawcode_scenario(request: pytest.FixtureRequest) -> ScenarioState:
    """The state of the running scenario (facts, decision), on the configured rulebook."""
    try:
        book, vocabulary = request.config.stash[SESSION].rulebook_and_vocabulary()
    except LawcodeError as e:
        pytest.fail(f"the rules do not load:\n{e}", pytrace=False)
    return ScenarioState(book, vocabulary)


def _language(feature: Any) -> str:
    return feature.language if feature.language in ("en", "ru") else "en"


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    if "lawcode_scenario" in request.fixturenames:
        state: ScenarioState = request.getfixturevalue("lawcode_scenario")
        state.scenario_name, state.scenario_line = scenario.name, scenario.line_number
        state.file = display_path(feature.filename)
        state.lang = _language(feature)


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_before_step(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any,
                           step_func: Any) -> None:
    if "lawcode_scenario" not in request.fixturenames:
        return
    state: ScenarioState = request.getfixturevalue("lawcode_scenario")
    state.lang = _language(feature)
    state.file = display_path(feature.filename)
    state.line = step.line_number
    state.text = step.name


@step(parsers.re(r"(?P<text>.+)"))
def lawcode_step(text: str, lawcode_scenario: ScenarioState, datatable: list[list[str]] | None = None) -> None:
    """The one step definition: every step text goes through the rulebook's vocabulary."""
    lawcode_scenario.run(text, datatable)
