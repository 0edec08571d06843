"""Facts given to a question, checked against the rulebook's declared facts and typed.

An absent fact is unknown; ``null`` means the event is known not to have happened and is
accepted only for facts declared ``nullable``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from lawcode.errors import FactsError, LawcodeError, LawcodeErrors, Location, did_you_mean
from lawcode.rulebook.facts import check_value
from lawcode.rulebook.located import LocatedDict
from lawcode.rulebook.model import Rulebook


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


