"""The facts side: read a facts document (YAML or JSON) and check every value against facts.yaml.

An absent fact is unknown; ``null`` means the event is known not to have happened and is
accepted only for facts declared ``nullable``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import dates
from .errors import FactsError, LawcodeError, LawcodeErrors, Location, did_you_mean
from .model import FactDef, Rulebook
from .yamlsource import LocatedDict, load_yaml_text


def check_value(fact: FactDef, value: Any) -> tuple[Any, str | None]:
    """The value converted to its Python type, or the reason it is not valid for ``fact``."""
    if value is None:
        return (None, None) if fact.nullable else (None, f"'{fact.name}' cannot be null")
    typ = fact.type
    if typ == "date":
        if isinstance(value, dt.datetime):
            return None, f"'{fact.name}' must be a date without time, not {value.isoformat()}"
        if isinstance(value, dt.date):
            return value, None
        if isinstance(value, str):
            try:
                return dates.parse_iso_date(value), None
            except ValueError as e:
                return None, f"'{fact.name}': {e}"
        return None, f"'{fact.name}' must be a date YYYY-MM-DD, not {value!r}"
    if typ == "bool":
        if isinstance(value, bool):
            return value, None
        return None, f"'{fact.name}' must be true or false, not {value!r}"
    if typ == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return (value, None) if ok else (None, f"'{fact.name}' must be a whole number, not {value!r}")
    if typ == "enum":
        if isinstance(value, str) and value in fact.values:
            return value, None
        allowed = ", ".join(fact.values)
        hint = did_you_mean(str(value), fact.values) if isinstance(value, str) else None
        return None, f"'{fact.name}' cannot be {value!r}: allowed values are {allowed}" + (f" ({hint})" if hint else "")
    return (value, None) if isinstance(value, str) else (None, f"'{fact.name}' must be text, not {value!r}")


def validate_facts(book: Rulebook, facts: Mapping[str, Any], source: str | None = None) -> dict[str, Any]:
    """Facts with typed values; every unknown name or bad value is reported, located when possible."""
    if isinstance(facts, _Validated) and facts.book_sha == book.sha256:
        return facts
    if type(facts) is not dict and not isinstance(facts, Mapping):  # plain dicts skip the slow ABC check
        raise FactsError("facts must be a mapping of fact names to values", Location(source),
                         "write one fact per line: person.birth_date: 2000-05-10")
    errors: list[LawcodeError] = []
    result = _Validated(book.sha256)
    known = book.facts
    for name, value in facts.items():
        fact = known.get(name) if isinstance(name, str) else None
        if fact is not None and ((fact.type == "date" and type(value) is dt.date)
                                 or (type(value) is str and value in fact.values)):
            result[name] = value  # the common cases, checked without the general machinery
            continue
        where: Location | None = _where(facts, name, source)
        if fact is None:
            hint = did_you_mean(str(name), book.facts) or "known facts: " + ", ".join(sorted(book.facts))
            if isinstance(value, Mapping):
                hint = f"write dotted names such as {name}.<fact>: value; " + hint
            errors.append(FactsError(f"unknown fact '{name}'", where, hint))
            continue
        converted, problem = check_value(fact, value)
        if problem:
            where = facts.value_at(name) if isinstance(facts, LocatedDict) else where
            value_hint = "write dates as YYYY-MM-DD" if fact.type == "date" and value is not None else None
            errors.append(FactsError(problem, where, value_hint))
            continue
        result[name] = converted
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise LawcodeErrors(errors)
    return result


class _Validated(dict[str, Any]):
    """Facts already checked against one rulebook (identified by its hash): not re-checked."""

    def __init__(self, book_sha: str):
        super().__init__()
        self.book_sha = book_sha


def _where(facts: Mapping[str, Any], name: Any, source: str | None) -> Location | None:
    if isinstance(facts, LocatedDict):
        return facts.key_at(name)
    return Location(source) if source else None


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
