"""What compiled expressions see at run time: the context, the unknown marker, derivations.

Three kinds of value flow through an expression: a real value, ``None`` (the event is known
not to have happened) and ``UNKNOWN`` (the fact was not given, so the answer may depend on it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Final

from attrs import frozen


class _Unknown:
    """The value of an absent fact: propagates so the decision becomes undetermined."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        raise TypeError("UNKNOWN has no truth value")


UNKNOWN: Final = _Unknown()


@frozen
class Duration:
    """A span of calendar time written in a rule: days(7), months(1), years(1)."""

    days: int = 0
    months: int = 0
    years: int = 0

    def __neg__(self) -> Duration:
        return Duration(-self.days, -self.months, -self.years)

    def __add__(self, other: Duration) -> Duration:
        return Duration(self.days + other.days, self.months + other.months, self.years + other.years)


@frozen
class Derivation:
    """A date or number an expression computed by a named legal counting, kept for the explanation."""

    function: str
    args: tuple[Any, ...]
    value: Any


RuleReader = Callable[[str, "Context"], Any]


class Context:
    """The state of one evaluation: facts, the question date and what was read and derived."""

    __slots__ = ("derived", "facts", "missing", "on", "reads", "rule_reader", "rules_read")

    def __init__(self, facts: Mapping[str, Any], on: dt.date, rule_reader: RuleReader):
        self.facts = facts
        self.on = on
        self.rule_reader = rule_reader
        self.missing: set[str] = set()
        self.reads: dict[str, Any] = {}
        self.rules_read: dict[str, Any] = {}
        self.derived: list[Derivation] = []
