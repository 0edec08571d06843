"""How a rule's applicable cases become one answer: first, unique, earliest, latest, all.

One implementation serves both back ends: the explaining evaluator (which also wants every
rejection and its reason) and the generated ``decide`` code (which wants only the answer). An
outcome is a tuple whose items 1 and 2 are the case's condition and value (True/UNKNOWN and a
value, ``None`` or UNKNOWN); whatever else it carries is the caller's.

Absent facts are unknown, not false: a case whose condition or value is unknown is *pending*,
and an answer is given only when every pending case provably cannot change it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum, StrEnum
from typing import Any

from lawcode.language.runtime import UNKNOWN
from lawcode.rulebook.model import Combine

U = UNKNOWN
Outcome = tuple[Any, ...]


class Verdict(Enum):
    """What the combination concluded."""

    DECIDED = "decided"  # value given by ``winners``
    UNDETERMINED = "undetermined"  # ``pending`` cases could change it
    NO_CASE = "no_case"  # nothing applies: the rule's default, else none
    CONFLICT = "conflict"  # combine: unique, and two cases apply (``winners`` holds both)


class Reason(StrEnum):
    """Why a case considered was not the answer (rendered by ``lawcode.render``)."""

    NOT_IN_FORCE = "not_in_force"
    CONDITION_FALSE = "condition_false"
    UNDETERMINED = "undetermined"
    SUPERSEDED = "superseded"
    NOT_EARLIEST = "not_earliest"
    NOT_LATEST = "not_latest"
    SAME_VALUE = "same_value"
    NO_VALUE = "no_value"


# rejections that mean the combination chose between cases that applied
CHOOSING = frozenset({Reason.NOT_EARLIEST, Reason.NOT_LATEST, Reason.SUPERSEDED})

Rejection = tuple[Outcome, Reason, dict[str, Any]]
# verdict, value, winners, pending, rejections (None unless asked for), whether the combination chose
Plan = tuple[Verdict, Any, list[Outcome], list[Outcome], list[Rejection] | None, bool]
Combiner = Callable[[Sequence[Outcome], bool], Plan]


def first(outs: Sequence[Outcome], record: bool) -> Plan:
    """The first case that applies wins; an earlier pending case blocks unless it would agree."""
    pending: list[Outcome] = []
    for i, o in enumerate(outs):
        cond, value = o[1], o[2]
        if cond is U or value is U:
            pending.append(o)
            if cond is True:
                break
            continue
        if all(p[2] is not U and p[2] == value for p in pending):
            rejected: list[Rejection] | None = None
            if record:
                rejected = [(p, Reason.SAME_VALUE, {"value": value}) for p in pending]
                rejected += [(later, Reason.SUPERSEDED, {"winner": o}) for later in outs[i + 1:]]
            return Verdict.DECIDED, value, [o], [], rejected, i + 1 < len(outs)
        break
    if pending:
        return Verdict.UNDETERMINED, None, [], pending, [] if record else None, False
    return Verdict.NO_CASE, None, [], [], [] if record else None, False


def unique(outs: Sequence[Outcome], record: bool) -> Plan:
    """Exactly one case may apply; two that apply are a conflict."""
    sure = [o for o in outs if o[1] is True]
    if len(sure) > 1:
        return Verdict.CONFLICT, None, sure[:2], [], None, False
    pending = [o for o in outs if o[1] is U or o[2] is U]
    if sure:
        value = sure[0][2]
        if value is not U and all(p[2] == value for p in pending if p is not sure[0]):
            rejected = [(p, Reason.SAME_VALUE, {"value": value}) for p in pending] if record else None
            return Verdict.DECIDED, value, [sure[0]], [], rejected, False
    if pending:
        return Verdict.UNDETERMINED, None, [], pending, [] if record else None, False
    return Verdict.NO_CASE, None, [], [], [] if record else None, False


def _extreme(pick_earliest: bool) -> Combiner:
    lost = Reason.NOT_EARLIEST if pick_earliest else Reason.NOT_LATEST

    def combine(outs: Sequence[Outcome], record: bool) -> Plan:
        """Among the cases that apply with a date, the earliest (or latest) wins."""
        rejected: list[Rejection] = []
        best: Outcome | None = None
        for o in outs:
            if o[1] is True and o[2] is not U:
                if o[2] is None:
                    rejected.append((o, Reason.NO_VALUE, {}))
                elif best is None or (o[2] < best[2] if pick_earliest else o[2] > best[2]):
                    best = o
        chose = False
        pending = []
        for o in outs:
            if o[1] is U or o[2] is U:
                value = o[2]
                if best is not None and value is not U and (
                        value is None or (value >= best[2] if pick_earliest else value <= best[2])):
                    rejected.append((o, lost, {"winner": best, "value": value}))
                    chose = True
                else:
                    pending.append(o)
        if pending:
            return Verdict.UNDETERMINED, None, [], pending, rejected if record else None, chose
        if best is None:
            return Verdict.NO_CASE, None, [], [], rejected if record else None, chose
        for o in outs:
            if o is not best and o[1] is True and o[2] is not U and o[2] is not None:
                rejected.append((o, lost, {"winner": best, "value": o[2]}))
                chose = True
        return Verdict.DECIDED, best[2], [best], [], rejected if record else None, chose

    return combine


def every(outs: Sequence[Outcome], record: bool) -> Plan:
    """Every case that applies contributes its value (lists are joined, nulls and repeats dropped)."""
    pending = [o for o in outs if o[1] is U or o[2] is U]
    if pending:
        return Verdict.UNDETERMINED, None, [], pending, [] if record else None, False
    sure = [o for o in outs if o[1] is True]
    if not sure:
        return Verdict.NO_CASE, None, [], [], [] if record else None, False
    values: list[Any] = []
    for o in sure:
        for v in o[2] if isinstance(o[2], list) else [o[2]]:
            if v is not None and v not in values:
                values.append(v)
    return Verdict.DECIDED, values, sure, [], [] if record else None, False


COMBINERS: dict[Combine, Combiner] = {
    Combine.FIRST: first, Combine.UNIQUE: unique, Combine.EARLIEST: _extreme(True),
    Combine.LATEST: _extreme(False), Combine.ALL: every,
}

__all__ = ["CHOOSING", "COMBINERS", "Outcome", "Plan", "Reason", "Rejection", "Verdict"]
