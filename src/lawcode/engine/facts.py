"""Facts given to a question, checked against the rulebook's declared facts and typed.

An absent fact is unknown; ``null`` means the event is known not to have happened and is
accepted only for facts declared ``nullable``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from lawcode.errors import N_, FactsError, LawcodeError, LawcodeErrors, Location, Message, quote, shorten, suggest
from lawcode.rulebook.facts import check_value
from lawcode.rulebook.located import LocatedDict
from lawcode.rulebook.model import FactDef, FactType, Rulebook

MAX_PROBLEMS = 10  # problems with facts described one by one; past these they are counted
MAX_SUGGESTIONS = 10  # known fact names a hint lists


def validate_facts(book: Rulebook, facts: Mapping[str, Any], source: str | None = None) -> dict[str, Any]:
    """Facts with typed values; every unknown name or bad value is reported, located when possible."""
    if isinstance(facts, _Validated) and facts.book_sha == book.sha256:
        return facts
    check_facts_mapping(facts, source)
    errors: list[LawcodeError] = []
    unknown = _Unknown(book, facts)
    more = 0  # problems past the first MAX_PROBLEMS: counted, not described
    result = _Validated(book.sha256)
    known = book.facts
    for name, value in facts.items():
        fact = known.get(name) if isinstance(name, str) else None
        if fact is not None and ((fact.type == "date" and type(value) is dt.date)
                                 or (type(value) is str and value in fact.values)):
            result[name] = value  # the common cases, checked without the general machinery
            continue
        if fact is None:
            if len(errors) < MAX_PROBLEMS:
                errors.append(unknown.error(name, _where(facts, name, source)))
            else:
                more += 1
            continue
        converted, problem = check_value(fact, value)
        if problem:
            if len(errors) < MAX_PROBLEMS:
                where = facts.value_at(name) if isinstance(facts, LocatedDict) else _where(facts, name, source)
                errors.append(FactsError(problem, where, _value_hint(fact, value), subject=fact.name))
            else:
                more += 1
            continue
        result[name] = converted
    if more:
        errors.append(_more(more, source))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise LawcodeErrors(errors)
    return result


def _value_hint(fact: FactDef, value: Any) -> Message | None:
    return Message(N_("write dates as YYYY-MM-DD")) if fact.type == FactType.DATE and value is not None else None


class _Unknown:
    """Errors for unknown fact names: each suggests close names; the known facts are listed once, not per name."""

    def __init__(self, book: Rulebook, facts: Mapping[str, Any]):
        self.book, self.facts = book, facts
        self.listed = False

    def error(self, name: Any, where: Location | None) -> FactsError:
        shown = _name_text(name)
        hint: Message | None = suggest(shown, self.book.facts)
        if hint is None and not self.listed:
            hint, self.listed = _known_facts(self.book), True
        if isinstance(self.facts.get(name), Mapping):
            hint = Message(N_("write dotted names such as {name}.<fact>: value; {hint}"), name=shorten(shown),
                           hint=hint) if hint is not None else Message(
                N_("write dotted names such as {name}.<fact>: value"), name=shorten(shown))
        return FactsError(Message(N_("unknown fact '{name}'"), name=shorten(shown)), where, hint,
                          subject=shorten(shown))


def _name_text(name: Any) -> str:
    """A given fact name as a message shows it: text as it is, other keys YAML allows (numbers, dates) bounded."""
    if isinstance(name, str):
        return name
    if name is None or isinstance(name, (bool, float, dt.date)) or (isinstance(name, int) and name.bit_length() < 200):
        return str(name)
    return quote(name)


def _known_facts(book: Rulebook) -> Message:
    """The hint that lists the known facts: at most ``MAX_SUGGESTIONS`` of them, and how many more."""
    names = sorted(book.facts)
    if len(names) <= MAX_SUGGESTIONS:
        return Message(N_("known facts: {names}"), names=", ".join(names))
    return Message(N_("known facts: {names} and {count} more (lawcode schema facts-document lists them all)"),
                   names=", ".join(names[:MAX_SUGGESTIONS]), count=f"{len(names) - MAX_SUGGESTIONS:,}")


def _more(count: int, source: str | None) -> FactsError:
    return FactsError(Message(N_("and {count} more problems with the facts"), count=f"{count:,}"),
                      Location(source) if source else None,
                      Message(N_("fix the problems above first: the others are often the same mistake")), subject="")


def check_facts_mapping(facts: Any, source: str | None = None) -> Mapping[str, Any]:
    """``facts`` if it is a mapping (plain dicts skip the slow ABC check), else a located error."""
    if type(facts) is not dict and not isinstance(facts, Mapping):
        raise FactsError(Message(N_("facts must be a mapping of fact names to values")), Location(source),
                         Message(N_("write one fact per line: person.birth_date: 2000-05-10")), subject="")
    return facts


def unknown_fact_error(book: Rulebook, facts: Mapping[str, Any], names: list[Any]) -> LawcodeError:
    """The error for fact names the rulebook does not declare: one per name, the first ``MAX_PROBLEMS`` of them."""
    unknown = _Unknown(book, facts)
    errors: list[LawcodeError] = [unknown.error(name, _where(facts, name, None)) for name in names[:MAX_PROBLEMS]]
    if len(names) > MAX_PROBLEMS:
        errors.append(_more(len(names) - MAX_PROBLEMS, None))
    return errors[0] if len(errors) == 1 else LawcodeErrors(errors)


def fact_converter(fact: FactDef) -> Callable[[Mapping[str, Any], Any], Any]:
    """Check and convert a given value of ``fact`` the first time it is read (a located error if bad)."""

    def convert(facts: Mapping[str, Any], value: Any) -> Any:
        converted, problem = check_value(fact, value)
        if problem:
            where = facts.value_at(fact.name) if isinstance(facts, LocatedDict) else None
            raise FactsError(problem, where, _value_hint(fact, value), subject=fact.name)
        return converted

    return convert


class CheckedFacts(Mapping[str, Any]):
    """Facts as given, each value checked and converted the first time it is read.

    The explaining evaluator reads facts through this, so that it checks exactly what the fast path
    checks: the facts an answer needs, no more.
    """

    def __init__(self, book: Rulebook, facts: Mapping[str, Any]):
        self.raw = facts
        self.converters = {name: fact_converter(fact) for name, fact in book.facts.items()}
        self.checked: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        try:
            return self.checked[name]
        except KeyError:
            value = self.converters[name](self.raw, self.raw[name])
            self.checked[name] = value
            return value

    def __contains__(self, name: object) -> bool:
        return name in self.raw

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


class _Validated(dict[str, Any]):
    """Facts already checked against one rulebook (identified by its hash): not re-checked."""

    def __init__(self, book_sha: str):
        super().__init__()
        self.book_sha = book_sha


def _where(facts: Mapping[str, Any], name: Any, source: str | None) -> Location | None:
    if isinstance(facts, LocatedDict):
        return facts.key_at(name)
    return Location(source) if source else None


