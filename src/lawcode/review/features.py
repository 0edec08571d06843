"""Reviewers' feature files read as typed data, and checked before anything runs.

Wraps pytest-bdd's Gherkin parser so that its format never leaks upward, and finds what
pytest-bdd would silently accept: a file with no scenario (a misspelt ``Scenaro:`` turns the
rest into a description), steps no phrase or two phrases match, scenarios without a provision
tag, and tags naming a provision the rulebook does not encode.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import frozen
from gherkin.dialect import Dialect
from gherkin.errors import CompositeParserException, ParserError
from gherkin.parser import Parser
from pytest_bdd.exceptions import GherkinParseError
from pytest_bdd.gherkin_parser import GherkinDocument, Scenario, handle_gherkin_parser_error

from lawcode.errors import N_, LawcodeError, Location, Message
from lawcode.render.i18n import gettext
from lawcode.review.messages import closest, echo, quoted
from lawcode.rulebook.files import read_input_text, size_limit

if TYPE_CHECKING:
    from lawcode.api import Rulebook
    from lawcode.review.vocabulary import Vocabulary


LANGUAGES = ("en", "ru")  # the languages of the vocabulary: a feature in any other is refused
FEATURE_LIMIT = 16 << 20  # bytes of a feature file (LIMIT_VARIABLE overrides)
LIMIT_VARIABLE = "LAWCODE_MAX_FEATURE_BYTES"
# What pytest-bdd is told a feature file's encoding is: UTF-8, a leading byte-order mark dropped (as read_feature does).
ENCODING = "utf-8-sig"
PARSE_ERROR_LIMIT = 200  # characters of Gherkin's own message quoted (it ends with the offending line)


class FeatureFileError(LawcodeError):
    """A feature file that cannot be read: not a regular file, too big, not UTF-8."""


@frozen
class FeatureProblem:
    """Something wrong in a feature file, with its place and the fix."""

    location: Location
    message: str
    hint: str | None = None
    lang: str = "en"

    def __str__(self) -> str:
        text = str(LawcodeError(self.message, self.location, self.hint))  # the source line escaped, then cut
        if self.hint and self.lang != "en":
            text = text.replace("\n  hint: ", "\n  " + gettext(self.lang, "hint") + ": ")
        return text


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


def read_feature_text(path: str | Path, name: str | None = None) -> str:
    """The text of a feature file, read the one safe way (a regular file, within the size limit, UTF-8 with a
    bad byte's place, a byte-order mark dropped), newlines as Python's text mode reads them; or ``FeatureFileError``."""
    text = read_input_text(path, Message(N_("feature file")), FeatureFileError,
                           size_limit(LIMIT_VARIABLE, FEATURE_LIMIT),
                           Message(N_("set {variable} to a larger number of bytes"), variable=LIMIT_VARIABLE),
                           display=name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _rendered(e: LawcodeError, lang: str) -> tuple[str, str | None]:
    return e.render(lambda template: gettext(lang, template)) if lang != "en" else (e.message, e.hint)


def read_feature(path: str | Path) -> tuple[FeatureFile | None, list[FeatureProblem]]:
    """Parse one feature file; when it cannot be read, parsed or run (a language lawcode does not speak),
    return the problem instead."""
    name = display_path(path)
    try:
        text = read_feature_text(path, name)
    except FeatureFileError as e:
        lang = read_feature_language(path)
        lang = lang if lang in LANGUAGES else "en"
        message, hint = _rendered(e, lang)
        return None, [FeatureProblem(e.location or Location(name), message, hint, lang)]
    lang = feature_language(text)
    if lang not in LANGUAGES:
        return None, [_language_problem(name, text, lang)]
    try:
        data = _parse(text, str(Path(path).resolve()))
    except GherkinParseError as e:
        line = getattr(e, "line", None)
        content = getattr(e, "line_content", None)
        misspelt = _misspelt_keyword(content or "", lang)
        if misspelt:
            return None, [FeatureProblem(Location(name, line, None, content or None), misspelt[0], misspelt[1], lang)]
        return None, [FeatureProblem(Location(name, line, None, content or None),
                                     gettext(lang, "the feature does not parse: {error}").format(
                                         error=echo(e.args[0] if e.args else e, PARSE_ERROR_LIMIT)),
                                     gettext(lang, "check keywords, indentation and table pipes on this line"), lang)]
    if data.get("feature") is None:
        return None, [FeatureProblem(Location(name, 1, 1), gettext(lang, "the file has no Feature:"),
                                     gettext(lang, "start the file with {start}").format(
                                         start="'# language: ru' + 'Функция: ...'" if lang == "ru"
                                         else "'Feature: ...'"), lang)]
    feature = GherkinDocument.from_dict(data).feature
    if feature.language not in LANGUAGES:
        return None, [_language_problem(name, text, feature.language)]
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


def _language_problem(name: str, text: str, language: str) -> FeatureProblem:
    """A feature declares a language lawcode has no vocabulary in (German keywords would run English steps)."""
    line = _language_line(text)
    return FeatureProblem(
        Location(name, line, None, _line(text, line)),
        gettext("en", "lawcode reads feature files in English and Russian only, not {language}").format(
            language=quoted(language, "en")),
        gettext("en", "write '# language: ru' for Russian, or leave the line out for English"))


def _parse(text: str, filename: str) -> dict[str, Any]:
    """Gherkin's document of ``text`` as a dict (``feature`` absent when the file has none); a syntax error is
    pytest-bdd's ``GherkinParseError``, with its line, as pytest-bdd itself would report it."""
    try:
        data: dict[str, Any] = dict(Parser().parse(text))
    except CompositeParserException as e:
        line = e.errors[0].location["line"]
        content = _line(text, line)
        handle_gherkin_parser_error(e.args[0], line, content, filename, e)
        first = re.sub(r"^\(\d+:\d+\): ", "", e.errors[0].args[0] if e.errors[0].args else "")
        raise GherkinParseError(first or "unknown error", line, content, filename) from e
    except ParserError as e:  # a single error raised outside the parser's collection
        location = getattr(e, "location", None) or {}
        line = location.get("line", 1)
        content = _line(text, line)
        raise GherkinParseError(str(e), line, content, filename) from e
    return data


def _line(text: str, number: int) -> str:
    """Line ``number`` of ``text`` as Gherkin counts lines (split at newlines only), '' past the end."""
    lines = text.split("\n", number)
    return lines[number - 1] if 0 < number <= len(lines) else ""


_LANGUAGE = re.compile(r"\s*#\s*language\s*:\s*([a-zA-Z\-_]+)\s*$")  # as Gherkin's token matcher reads it


def feature_language(text: str) -> str:
    """The language a feature's text declares (``# language: ru``, as Gherkin reads it: on a comment line before
    ``Feature:``); English otherwise."""
    for line in text.split("\n", 1000)[:1000]:
        m = _LANGUAGE.match(line)
        if m:
            return m.group(1)
        if line.strip() and not line.lstrip().startswith("#"):
            break
    return "en"


def _language_line(text: str) -> int:
    for number, line in enumerate(text.split("\n", 1000)[:1000], start=1):
        if _LANGUAGE.match(line):
            return number
    return 1


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
    """A path as the reviewer would type it: relative to the working directory when inside it or a
    folder or two above it (``../mine/age.feature``), else absolute."""
    resolved = Path(path).resolve()
    try:
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        pass
    try:
        relative = os.path.relpath(resolved, Path.cwd())
    except ValueError:  # another drive
        return str(resolved)
    return relative if relative.split(os.sep).count("..") <= 2 else str(resolved)


def read_feature_language(path: str | Path) -> str:
    """The language a feature file declares on its first lines (``# language: ru``); English otherwise, and for a
    file that cannot be read (a special file is never opened, so this never blocks)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return "en"
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            head = f.read(4096)
    except (OSError, ValueError):
        return "en"
    return feature_language(head.decode("utf-8-sig", "replace"))


def feature_files(paths: Iterable[str | Path]) -> list[Path]:
    """The ``.feature`` files named by ``paths``: a file itself, every one under a folder (sorted)."""
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        files.extend(sorted(path.rglob("*.feature")) if path.is_dir() else [path])
    return list(dict.fromkeys(files))


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
    message = gettext(lang, "{word} is not a Gherkin keyword, so the text below it is read as a description and "
                            "its steps never run")
    return (message.format(word=quoted(word + ":", lang)),
            gettext(lang, "did you mean {names}?").format(names=quoted(close[0] + ":", lang)))


def _description_problems(name: str, lang: str, descriptions: list[tuple[str, int]]) -> list[FeatureProblem]:
    """Lines in a description that look like a misspelt keyword (``Scenaro:``)."""
    problems = []
    for text, start in descriptions:
        for offset, line in enumerate((text or "").splitlines(), start=1):
            found = _misspelt_keyword(line, lang)
            if found:
                problems.append(FeatureProblem(Location(name, start + offset, None, line), *found, lang))
    return problems


def lint_feature_file(path: str | Path) -> list[FeatureProblem]:
    """Problems that make pytest-bdd skip or misread a file: syntax, no scenario, misspelt keywords."""
    feature, problems = read_feature(path)
    if feature is None:
        return problems
    lang = feature.language
    if not feature.scenarios:
        problems.append(FeatureProblem(Location(display_path(path), 1, 1),
                                       gettext(lang, "the feature has no scenario, so nothing runs"),
                                       gettext(lang, "add {keyword} with steps").format(
                                           keyword="'Сценарий:'" if lang == "ru" else "'Scenario:'"), lang))
    first: dict[str, int] = {}
    for sc in feature.scenarios:  # pytest-bdd keeps scenarios by name: a second one of a name never runs
        if sc.name in first:
            problems.append(FeatureProblem(
                Location(display_path(path), sc.line),
                gettext(lang, "two scenarios are named {name} (lines {first} and {line}): only one of them would "
                              "run").format(name=quoted(sc.name, lang), first=first[sc.name], line=sc.line),
                gettext(lang, "give each scenario a name of its own"), lang))
        first.setdefault(sc.name, sc.line)
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


def provision_order(key: str) -> tuple[Any, ...]:
    """Sort key of a provision key: act, then article, part, paragraph by their numbers (7 < 7_1 < 22)."""
    act, *rest = key.split(".")
    return (act, *(tuple((0, int(n), "") if n.isdigit() else (1, 0, n) for n in p.split("_")) for p in rest))


def _example_tag(keys: set[str]) -> str:
    if "53-FZ.22.1.а" in keys or not keys:
        return "53-FZ.22.1.а"
    return max(sorted(keys, key=provision_order), key=lambda k: k.count("."))


def tag_selects(wanted: str, tag: str) -> bool:
    """Selecting ``wanted`` takes a scenario tagged ``tag``: the same tag, or a provision under it
    (``53-FZ.7_1`` takes ``53-FZ.7_1.1``, not ``53-FZ.7``)."""
    return tag == wanted or tag.startswith(wanted + ".")


def is_provision_tag(tag: str, book: Rulebook) -> bool:
    return any(tag == act or tag.startswith(act + ".") for act in book.acts)


def check_features(book: Rulebook, vocabulary: Vocabulary, paths: Iterable[str | Path]) -> list[FeatureProblem]:
    """Every problem of the feature files under ``paths``, without running them."""
    from lawcode.review.vocabulary import StepError

    problems: list[FeatureProblem] = []
    keys = provision_keys(book)
    for p in paths:
        path = Path(p)
        files = feature_files([path])
        if path.is_dir() and not files:
            problems.append(FeatureProblem(Location(str(path)), "no .feature files found here"))
        for file in files:
            feature, found = read_feature(file)
            problems.extend(found)
            if feature is None:
                continue
            problems.extend(p for p in lint_feature_file(file) if p not in found)
            lang = feature.language  # read_feature refuses other languages
            for sc in feature.scenarios:
                tags = set(sc.tags) | set(feature.tags)
                provision = [t for t in tags if is_provision_tag(t, book)]
                if not provision:
                    problems.append(FeatureProblem(
                        Location(str(file), sc.line),
                        gettext(lang, "scenario {name} has no provision tag").format(name=quoted(sc.name, lang)),
                        gettext(lang, "tag it with the provision it tests, e.g. {tag}").format(
                            tag="@" + _example_tag(keys)), lang))
                for t in provision:
                    if t not in keys:
                        close = closest(t, sorted(keys), n=1)
                        problems.append(FeatureProblem(
                            Location(str(file), sc.line),
                            gettext(lang, "tag {tag} names a provision no rule cites").format(tag=echo("@" + t)),
                            gettext(lang, "did you mean {names}?").format(names="@" + close[0]) if close else None,
                            lang))
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
                                                           e.hint, lang))
    return problems
