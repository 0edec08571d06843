"""Binding feature files to pytest: one test per scenario, and a failing test per broken file.

A test module (the repository's ``tests/test_features.py``, or the module ``lawcode test``
generates) calls ``bind_features(globals(), *paths)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import scenario

from lawcode.errors import Location
from lawcode.render.i18n import gettext
from lawcode.review.features import (
    ENCODING,
    LANGUAGES,
    FeatureProblem,
    display_path,
    feature_files,
    lint_feature_file,
    read_feature_language,
)
from lawcode.review.messages import LIST_LIMIT

# Attribute of a bound test naming the feature file it runs: {"file", "line", "lang"} (read by the plugin).
FEATURE_ATTRIBUTE = "lawcode_feature"


def _slug(text: str) -> str:
    return re.sub(r"\W+", "_", text).strip("_").lower()[:80].rstrip("_") or "scenario"


def bind_features(namespace: MutableMapping[str, Any], *paths: str | Path) -> list[Path]:
    """Create a test in ``namespace`` for every scenario of the ``.feature`` files under ``paths``.

    A file that does not parse or yields no scenario becomes a failing test naming the file and the
    fix, instead of being silently skipped as pytest-bdd would.
    """
    files = feature_files(paths)
    for file in files:
        problems = lint_feature_file(file)
        lang = read_feature_language(file)
        lang = lang if lang in LANGUAGES else "en"
        kind = lang if not problems else "feature"
        prefix = f"test_{kind}__{_slug(file.stem)}"
        n = 1
        while any(k.startswith(prefix + "__") for k in namespace) and n < 1000:  # two folders, same file name
            n += 1
            prefix = f"test_{kind}__{_slug(file.stem)}_{n}"
        tests = {} if problems else _scenario_tests(file, prefix, namespace, problems)
        if problems:
            namespace[f"{prefix}__file"] = _failing(problems, lang)
            continue
        namespace.update(tests)
    return files


def _scenario_tests(file: Path, prefix: str, namespace: MutableMapping[str, Any],
                    problems: list[FeatureProblem]) -> dict[str, Any]:
    """A pytest-bdd test per scenario of ``file``; what pytest-bdd refuses (its own reading of the file differs
    from lawcode's in a few places: a first step written with 'And') is added to ``problems`` instead."""
    from pytest_bdd.exceptions import GherkinParseError, ScenarioValidationError
    from pytest_bdd.feature import get_feature

    tests: dict[str, Any] = {}
    base = str(file.parent.resolve())
    try:
        feature = get_feature(base, file.name, encoding=ENCODING)
        for name in feature.scenarios:
            test_name = f"{prefix}__{_slug(name)}"
            k = 1
            while test_name in namespace or test_name in tests:
                k += 1
                test_name = f"{prefix}__{_slug(name)}_{k}"

            @scenario(str(file.resolve()), name, encoding=ENCODING, features_base_dir=base)
            def _run(lawcode_scenario: Any) -> None:
                pass

            tests[test_name] = _run
    except GherkinParseError as e:
        problems.append(FeatureProblem(Location(display_path(file), e.line, None, e.line_content), e.message))
    except (ScenarioValidationError, OSError, UnicodeDecodeError) as e:
        problems.append(FeatureProblem(Location(display_path(file)), str(e)))
    return tests


def _failing(problems: list[FeatureProblem], lang: str) -> Callable[[], None]:
    message = "\n".join(str(p) for p in problems[:LIST_LIMIT])
    if len(problems) > LIST_LIMIT:
        message += "\n" + gettext(lang, "… and {count} more").format(count=len(problems) - LIST_LIMIT)

    def test_feature_file() -> None:
        pytest.fail(message, pytrace=False)

    first = problems[0].location
    setattr(test_feature_file, FEATURE_ATTRIBUTE,
            {"file": first.file or "", "line": first.line or 0, "lang": lang})
    return test_feature_file
