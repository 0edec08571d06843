"""lawcode: legal rules as executable, explainable specifications.

    import lawcode
    book = lawcode.load()                       # the bundled rules, or lawcode.load("path/to/rules")
    d = book.explain("conscription.liable_by_age", facts, on=datetime.date(2024, 4, 15), lang="ru")
    d.value, d.status, d.missing, d.citations, d.to_json(), str(d)
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .decision import Decision
from .errors import LawcodeError, LawcodeErrors
from .loading import load_rulebook
from .model import Rulebook
from .timeline import Timeline, timeline

__version__ = "0.1.0"


def bundled_rules_dir() -> Path:
    """The rules shipped with lawcode: inside the package when installed, the repository's rules/ otherwise."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parents[1] / "rules"):
        if (candidate / "facts.yaml").exists():
            return candidate
    return here.parents[1] / "rules"


@functools.lru_cache(maxsize=8)
def _load_cached(root: str) -> Rulebook:
    return load_rulebook(root)


def load(path: str | Path | None = None) -> Rulebook:
    """Load and validate a rulebook (default: the bundled rules); raises ``LawcodeError`` on problems."""
    root = Path(path) if path is not None else bundled_rules_dir()
    return load_rulebook(root)


def explain(question: str, facts: Mapping[str, Any], on: dt.date | None = None, lang: str = "en",
            rules: str | Path | None = None) -> Decision:
    """Answer ``question`` about ``facts`` with the bundled (or given) rules; see ``Rulebook.explain``."""
    root = str(Path(rules) if rules is not None else bundled_rules_dir())
    result: Decision = _load_cached(root).explain(question, facts, on=on, lang=lang)
    return result


__all__ = ["Decision", "LawcodeError", "LawcodeErrors", "Rulebook", "Timeline", "bundled_rules_dir", "explain",
           "load", "timeline"]
