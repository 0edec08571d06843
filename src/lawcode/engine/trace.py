"""The reasons of an answer: which rule, which cases applied or lost, and why (plain frozen data).

One ``Trace`` per evaluated rule; a rule that several others read is evaluated once and its
trace shared, so the traces form a graph (``Trace.walk`` visits it depth first). Rendering is
``lawcode.render``'s job: nothing here knows a language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import Any

from attrs import field, frozen

from lawcode.language import Derivation
from lawcode.rulebook.model import Case, Citation, Text


class DecisionStatus(StrEnum):
    DECIDED = "decided"
    UNDETERMINED = "undetermined"


class Note(StrEnum):
    """What the engine says of a rule beyond its cases."""

    NO_CASE = "no_case"
    RELEVANT_DATE_NULL = "relevant_date_null"
    RELEVANT_DATE_UNKNOWN = "relevant_date_unknown"


# -- why a case was not the answer ------------------------------------------------------------------
@frozen
class NotInForce:
    """The case's provision was not in force on the date that selects the version."""

    date: dt.date


@frozen
class ConditionFalse:
    """The case's condition does not hold."""


@frozen
class Undetermined:
    """The case depends on facts that were not given."""

    missing: tuple[str, ...]


@frozen
class Superseded:
    """Under ``combine: first``, an earlier case applies."""

    winner: str


@frozen
class NotEarliest:
    """Under ``combine: earliest``, another case gives an earlier date."""

    winner: str
    value: Any


@frozen
class NotLatest:
    """Under ``combine: latest``, another case gives a later date."""

    winner: str
    value: Any


@frozen
class SameValue:
    """The case is not determined, but would give the same answer."""

    value: Any


@frozen
class NoValue:
    """The case applies, but its event did not happen (no date to compare)."""


Reason = NotInForce | ConditionFalse | Undetermined | Superseded | NotEarliest | NotLatest | SameValue | NoValue
CHOOSING = (Superseded, NotEarliest, NotLatest)  # the combination chose between cases that applied


def reason_code(reason: Reason) -> str:
    """The stable code of a reason, as the decision JSON carries it."""
    match reason:
        case NotInForce():
            return "not_in_force"
        case ConditionFalse():
            return "condition_false"
        case Undetermined():
            return "undetermined"
        case Superseded():
            return "superseded"
        case NotEarliest():
            return "not_earliest"
        case NotLatest():
            return "not_latest"
        case SameValue():
            return "same_value"
        case NoValue():
            return "no_value"


# -- the trace -----------------------------------------------------------------------------------------
@frozen
class Applied:
    """A case that applied: its value and what it read and derived to get there."""

    case: Case
    value: Any
    inputs: Mapping[str, Any]
    derived: tuple[Derivation, ...]
    because: tuple[Trace, ...]


@frozen
class Rejected:
    """A case considered and not used, with the reason and what it read."""

    case: Case
    reason: Reason
    inputs: Mapping[str, Any] = field(factory=dict)
    because: tuple[Trace, ...] = ()


@frozen
class Selection:
    """What the rule's ``decided_on`` read to pick the date that selects the versions in force."""

    source: str
    inputs: Mapping[str, Any]
    derived: tuple[Derivation, ...]
    because: tuple[Trace, ...]


@frozen(eq=False)
class Trace:
    """How one rule was decided on one set of facts."""

    rule: str
    status: DecisionStatus
    value: Any
    decided_on: dt.date
    applied: tuple[Applied, ...]
    rejected: tuple[Rejected, ...]
    missing: frozenset[str]
    title: Text
    note: Note | None = None
    selection: Selection | None = None
    combination: Case | None = None  # the rule's unverified combination, when it decided between cases

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Citations of the applied cases, then of the rules they relied on, without repeats."""
        seen: dict[Citation, None] = {}
        for trace in self.walk():
            for a in trace.applied:
                for c in a.case.cite:
                    seen.setdefault(c, None)
        return tuple(seen)

    def walk(self, selections: bool = True, rejected: bool = False) -> Iterator[Trace]:
        """This trace and, depth first, every trace it relied on, each once (with ``selections``: also
        those that only chose the version in force; with ``rejected``: also those read by cases that lost)."""
        seen: set[int] = set()
        stack: list[Trace] = [self]
        while stack:
            trace = stack.pop()
            if id(trace) in seen:
                continue
            seen.add(id(trace))
            yield trace
            children: list[Trace] = []
            if selections and trace.selection is not None:
                children.extend(trace.selection.because)
            for a in trace.applied:
                children.extend(a.because)
            if rejected:
                for r in trace.rejected:
                    children.extend(r.because)
            stack.extend(reversed(children))

    @property
    def unverified(self) -> tuple[tuple[str, Case], ...]:
        """(rule, case) pairs the value rests on whose reading is flagged unverified.

        A rule read only to choose the version in force is cited, but its flags are not the answer's:
        the chosen version's own cases carry the flags that matter.
        """
        out: list[tuple[str, Case]] = []
        for trace in self.walk(selections=False):
            if trace.combination is not None:
                out.append((trace.rule, trace.combination))
            out.extend((trace.rule, a.case) for a in trace.applied if a.case.unverified)
        return tuple(dict.fromkeys(out))
