"""Reviewers' feature files read as typed data, and checked before anything runs.

Wraps pytest-bdd's Gherkin parser so that its format never leaks upward, and finds what
pytest-bdd would silently accept: a file with no scenario (a misspelt ``Scenaro:`` turns the
rest into a description), steps no phrase or two phrases match, scenarios without a provision
tag, and tags naming a provision the rulebook does not encode.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import frozen
from gherkin.dialect import Dialect
from pytest_bdd.exceptions import GherkinParseError
from pytest_bdd.gherkin_parser import Scenario, get_gherkin_document

from lawcode.errors import LawcodeError, Location

if TYPE_CHECKING:
    from lawcode.api import Rulebook
    from lawcode.review.vocabulary import Vocabulary


@frozen
class FeatureProblem:
    """Something wrong in a feature file, with its place and the fix."""

    location: Location
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        return str(LawcodeError(self.message, self.location, self.hint))


@frozen
class FeatureStep:
    text: str
    line: int
    keyword: str
    table: tuple[tuple[str, ...], ...] | None = None


@frozen
class FeatureScenario:
    """A scenario with its background steps first; outlines carry their example rows."""

    name: str
    line: int
    tags: tuple[str, ...]
    steps: tuple[FeatureStep, ...]
    examples: tuple[dict[str, str], ...] = ()

    def concrete_steps(self) -> Iterable[tuple[dict[str, str], tuple[FeatureStep, ...]]]:
        """The steps of each example row with ``<placeholders>`` filled (once for plain scenarios)."""
        for row in self.examples or ({},):
            yield row, tuple(
                FeatureStep(_fill(s.text, row), s.line, s.keyword,
                            tuple(tuple(_fill(c, row) for c in r) for r in s.table) if s.table else None)
                for s in self.steps
            )


@frozen
class FeatureFile:
    path: str
    language: str
    name: str
    tags: tuple[str, ...]
    scenarios: tuple[FeatureScenario, ...]


def _fill(text: str, row: dict[str, str]) -> str:
    return re.sub(r"<([^<>]+)>", lambda m: row.get(m.group(1), m.group(0)), text)


def _keywords(lang: str) -> list[str]:
    d = Dialect.for_name(lang) or Dialect.for_name("en")
    assert d is not None
    words = [*d.feature_keywords, *d.scenario_keywords, *d.scenario_outline_keywords, *d.background_keywords,
             *d.examples_keywords, *d.rule_keywords]
    return [w.strip() for w in words]


def read_feature(path: str | Path) -> tuple[FeatureFile | None, list[FeatureProblem]]:
    """Parse one feature file; on a syntax error return the problem instead."""
    name = display_path(path)
    try:
        doc = get_gherkin_document(str(Path(path).resolve()))
    except GherkinParseError as e:
        line = getattr(e, "line", None)
        content = getattr(e, "line_content", None)
        lang = _declared_language(Path(path))
        misspelt = _misspelt_keyword(content or "", lang)
        if misspelt:
            return None, [FeatureProblem(Location(name, line, None, content), misspelt[0], misspelt[1])]
        return None, [FeatureProblem(Location(name, line, None, content),
                                     f"the feature does not parse: {e.args[0] if e.args else e}",
                                     "check keywords, indentation and table pipes on this line")]
    except (OSError, UnicodeDecodeError) as e:
        return None, [FeatureProblem(Location(name), f"cannot read the feature file: {e}")]
    feature = doc.feature
    if feature is None:
        return None, [FeatureProblem(Location(name, 1, 1), "the file has no Feature:",
                                     "start the file with 'Feature: ...' (or '# language: ru' and 'Функция: ...')")]
    background: list[FeatureStep] = []
    scenarios: list[FeatureScenario] = []

    def add(children: Iterable[object], inherited: list[FeatureStep]) -> None:
        local = list(inherited)
        for child in children:
            bg, rule, sc = getattr(child, "background", None), getattr(child, "rule", None), getattr(child, "scenario",
                                                                                                      None)
            if bg is not None:
                local.extend(_steps(bg.steps))
            if rule is not None:
                add(rule.children, local)
            if sc is not None:
                scenarios.append(_scenario(sc, local))

    add(feature.children, background)
    tags = tuple(t.name.lstrip("@") for t in feature.tags)
    return FeatureFile(name, feature.language, feature.name, tags, tuple(scenarios)), _description_problems(
        name, feature.language, [(feature.description, feature.location.line)] +
        [(getattr(c.scenario, "description", ""), c.scenario.location.line) for c in feature.children
         if c.scenario is not None])


def _steps(steps: Iterable[object]) -> list[FeatureStep]:
    out = []
    for s in steps:
        table = None
        dt_ = getattr(s, "datatable", None)
        if dt_ is not None:
            table = tuple(tuple(c.value for c in row.cells) for row in dt_.rows)
        out.append(FeatureStep(getattr(s, "text", ""), s.location.line, getattr(s, "keyword", "").strip(), table))  # type: ignore[attr-defined]
    return out


def _scenario(sc: Scenario, background: list[FeatureStep]) -> FeatureScenario:
    rows: list[dict[str, str]] = []
    for table in sc.examples:
        if table.table_header is None:
            continue
        head = [c.value for c in table.table_header.cells]
        for row in table.table_body or []:
            rows.append(dict(zip(head, (c.value for c in row.cells), strict=False)))
    tags = tuple(t.name.lstrip("@") for t in sc.tags) + tuple(
        t.name.lstrip("@") for table in sc.examples for t in table.tags)
    return FeatureScenario(sc.name, sc.location.line, tags, (*background, *_steps(sc.steps)), tuple(rows))


def display_path(path: str | Path) -> str:
    """A path as the reviewer typed it: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _declared_language(path: Path) -> str:
    try:
        head = path.read_text(encoding="utf-8").lstrip()[:200]
    except (OSError, UnicodeDecodeError):
        return "en"
    m = re.match(r"#\s*language:\s*([\w-]+)", head)
    return m.group(1) if m else "en"


def _misspelt_keyword(line: str, lang: str) -> tuple[str, str] | None:
    """(message, hint) when ``line`` starts with a word close to, but not, a Gherkin keyword."""
    m = re.match(r"\s*([^\W\d_][\w ]{0,30}):", line)
    if not m:
        return None
    word = m.group(1).strip()
    keywords = _keywords(lang)
    close = difflib.get_close_matches(word, keywords, n=1, cutoff=0.7)
    if not close or word in keywords:
        return None
    return (f"'{word}:' is not a Gherkin keyword, so the text below it is read as a description and its steps "
            "never run", f"did you mean '{close[0]}:'?")


def _description_problems(name: str, lang: str, descriptions: list[tuple[str, int]]) -> list[FeatureProblem]:
    """Lines in a description that look like a misspelt keyword (``Scenaro:``)."""
    problems = []
    for text, start in descriptions:
        for offset, line in enumerate((text or "").splitlines(), start=1):
            found = _misspelt_keyword(line, lang)
            if found:
                problems.append(FeatureProblem(Location(name, start + offset, None, line), *found))
    return problems


def lint_feature_file(path: str | Path) -> list[FeatureProblem]:
    """Problems that make pytest-bdd skip or misread a file: syntax, no scenario, misspelt keywords."""
    feature, problems = read_feature(path)
    if feature is not None and not feature.scenarios:
        problems.append(FeatureProblem(Location(display_path(path), 1, 1),
                                       "the feature has no scenario, so nothing runs",
                                       "add 'Scenario:' ('Сценарий:' in Russian) with steps"))
    return problems


def provision_keys(book: Rulebook) -> set[str]:
    """Every citation key the rulebook encodes, with each of its prefixes (53-FZ.22.1.а -> 53-FZ.22, ...)."""
    keys: set[str] = set()
    for rule in book.rules.values():
        for case in rule.all_cases():
            for c in case.cite:
                parts = c.key().split(".")
                keys.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return keys


def is_provision_tag(tag: str, book: Rulebook) -> bool:
    return any(tag == act or tag.startswith(act + ".") for act in book.acts)


def check_features(book: Rulebook, vocabulary: Vocabulary, paths: Iterable[str | Path]) -> list[FeatureProblem]:
    """Every problem of the feature files under ``paths``, without running them."""
    from lawcode.review.vocabulary import StepError

    problems: list[FeatureProblem] = []
    keys = provision_keys(book)
    for p in paths:
        path = Path(p)
        files = sorted(path.rglob("*.feature")) if path.is_dir() else [path]
        if path.is_dir() and not files:
            problems.append(FeatureProblem(Location(str(path)), "no .feature files found here"))
        for file in files:
            feature, found = read_feature(file)
            problems.extend(found)
            if feature is None:
                continue
            if not feature.scenarios:
                problems.extend(lint_feature_file(file)[-1:])
            lang = feature.language if feature.language in ("en", "ru") else "en"
            for sc in feature.scenarios:
                tags = set(sc.tags) | set(feature.tags)
                provision = [t for t in tags if is_provision_tag(t, book)]
                if not provision:
                    problems.append(FeatureProblem(Location(str(file), sc.line), f"scenario '{sc.name}' has no "
                                                   "provision tag", "tag it with the provision it tests, e.g. "
                                                   "@53-FZ.22.1.а"))
                for t in provision:
                    if t not in keys:
                        problems.append(FeatureProblem(
                            Location(str(file), sc.line), f"tag @{t} names a provision no rule cites",
                            (difflib.get_close_matches(t, sorted(keys), n=1) and
                            f"did you mean @{difflib.get_close_matches(t, sorted(keys), n=1)[0]}?") or None))
                seen: set[tuple[int, str]] = set()
                for _row, steps in sc.concrete_steps():
                    for s in steps:
                        if (s.line, s.text) in seen:
                            continue
                        seen.add((s.line, s.text))
                        try:
                            vocabulary.match(s.text, lang, Location(str(file), s.line))
                        except StepError as e:
                            problems.append(FeatureProblem(e.location or Location(str(file), s.line), e.message,
                                                           e.hint))
    return problems
