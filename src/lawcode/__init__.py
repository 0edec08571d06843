"""lawcode: legal rules as executable, explainable specifications.

    import lawcode
    book = lawcode.load()                       # the bundled rules, or lawcode.load("path/to/rules")
    d = book.explain("conscription.liable_by_age", facts, on=datetime.date(2024, 4, 15), lang="ru")
    d.value, d.status, d.missing, d.citations, d.to_json(), str(d)

Names are imported on first use, so ``import lawcode`` (and every command of the CLI) pays only
for what it touches.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_PUBLIC = {
    "Decision": "lawcode.api",
    "Rulebook": "lawcode.api",
    "bundled_rules_dir": "lawcode.api",
    "explain": "lawcode.api",
    "load": "lawcode.api",
    "timeline": "lawcode.api",
    "Timeline": "lawcode.render.timeline",
    "LawcodeError": "lawcode.errors",
    "LawcodeErrors": "lawcode.errors",
}

if TYPE_CHECKING:
    from lawcode.api import Decision, Rulebook, bundled_rules_dir, explain, load, timeline
    from lawcode.errors import LawcodeError, LawcodeErrors
    from lawcode.render.timeline import Timeline


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'lawcode' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])


__all__ = ["Decision", "LawcodeError", "LawcodeErrors", "Rulebook", "Timeline", "bundled_rules_dir", "explain",
           "load", "timeline"]
