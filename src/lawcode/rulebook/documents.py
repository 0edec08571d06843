"""Facts documents as users write them: a YAML or JSON mapping of fact names to values, located."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lawcode.errors import FactsError, LawcodeError, Location
from lawcode.rulebook.yamlsource import load_yaml_text


def read_facts_file(path: str | Path) -> Mapping[str, Any]:
    """Parse a facts document (``.json``, or YAML otherwise); syntax errors are located."""
    p = Path(path)
    name = str(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FactsError(f"facts file not found: {name}", None, "check the --facts path") from None
    except (OSError, UnicodeDecodeError) as e:
        raise FactsError(f"cannot read facts file {name}: {e}", None) from None
    if p.suffix.lower() == ".json":
        try:
            json.loads(text)
        except json.JSONDecodeError as e:
            lines = text.splitlines()
            line = lines[e.lineno - 1] if 0 < e.lineno <= len(lines) else None
            raise FactsError(f"invalid JSON: {e.msg}", Location(name, e.lineno, e.colno, line)) from None
    try:
        doc = load_yaml_text(text, name)
    except LawcodeError as e:
        raise FactsError(e.message, e.location, e.hint) from None
    if doc is None:
        return {}
    if not isinstance(doc, Mapping):
        raise FactsError("a facts document must be a mapping of fact names to values", Location(name, 1, 1),
                         "write one fact per line: person.birth_date: 2000-05-10")
    return doc
