"""The explanation tree an answer carries: which rule, which cases applied or lost, and why.

The engine builds these values; ``explanation`` renders them. Nothing here knows a language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from attrs import field, frozen

from lawcode.language import Derivation
from lawcode.rulebook.model import Case, Citation, Text


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
    """A case considered and not used, with a reason code and the data the reason needs.

    Reasons: ``not_in_force`` (period, date), ``condition_false``, ``undetermined`` (missing),
    ``superseded`` (winner), ``not_earliest``/``not_latest`` (winner, value), ``same_value``
    (value), ``no_value`` (the event did not happen).
    """

    case: Case
    reason: str
    inputs: Mapping[str, Any] = field(factory=dict)
    detail: Mapping[str, Any] = field(factory=dict)
    because: tuple[Trace, ...] = ()


@frozen
class Selection:
    """What the rule's ``decided_on`` read to pick the date that selects the versions in force."""

    source: str
    inputs: Mapping[str, Any]
    derived: tuple[Derivation, ...]
    because: tuple[Trace, ...]


@frozen
class Trace:
    """How one rule was decided on one set of facts."""

    rule: str
    status: str  # decided | undetermined
    value: Any
    decided_on: dt.date
    applied: tuple[Applied, ...]
    rejected: tuple[Rejected, ...]
    missing: frozenset[str]
    title: Text
    note: str | None = None  # engine note code: no_case, relevant_date_null
    selection: Selection | None = None
    combination: Case | None = None  # the rule's unverified combination, when it decided between cases

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Citations of the applied cases, then of the rules they relied on, without repeats."""
        seen: dict[str, Citation] = {}
        for trace in self.walk():
            for a in trace.applied:
                for c in a.case.cite:
                    seen.setdefault(repr(c), c)
        return tuple(seen.values())

    def walk(self, selections: bool = True, rejected: bool = False) -> Iterator[Trace]:
        """This trace and, depth first, every trace it relied on (with ``selections``: also those that
        only chose the version in force; with ``rejected``: also those read by cases that lost)."""
        yield self
        if selections and self.selection is not None:
            for child in self.selection.because:
                yield from child.walk(selections, rejected)
        for a in self.applied:
            for child in a.because:
                yield from child.walk(selections, rejected)
        if rejected:
            for r in self.rejected:
                for child in r.because:
                    yield from child.walk(selections, rejected)

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
