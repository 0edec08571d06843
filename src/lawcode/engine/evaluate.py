"""The explaining evaluator: answer a question and record every reason (the trace graph).

Picks the cases in force on the relevant date, evaluates them with the closures that record
what they read, combines them (``engine.combine``, shared with the fast path) and keeps, per
rule, what applied, what lost and why. It is the slow, complete path: ``decide`` answers the
same question without any of this, and the two are held to the same answers by tests.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from lawcode.engine.combine import COMBINERS, Outcome, Reason, Verdict
from lawcode.engine.trace import (
    Applied,
    ConditionFalse,
    DecisionStatus,
    Note,
    NotEarliest,
    NotInForce,
    NotLatest,
    NoValue,
    Rejected,
    SameValue,
    Selection,
    Superseded,
    Trace,
    Undetermined,
)
from lawcode.errors import N_, ConflictError, DateArithmeticError, EvaluationError, LawcodeError, Message
from lawcode.language import UNKNOWN, Context
from lawcode.rulebook.model import Case, Combine, Rule, Rulebook, RuleType

DECIDED, UNDETERMINED = DecisionStatus.DECIDED, DecisionStatus.UNDETERMINED


def _applied(o: Outcome) -> Applied:
    case, ctx = o[0], o[3]
    # the context is not used again, so its records are handed over rather than copied
    return Applied(case, o[2], ctx.reads, tuple(dict.fromkeys(ctx.derived)), tuple(ctx.rules_read.values()))


def _rejected(o: Outcome, reason: Any) -> Rejected:
    ctx = o[3]
    return Rejected(o[0], reason, ctx.reads, tuple(ctx.rules_read.values()))


def _reason(kind: Reason, detail: dict[str, Any]) -> Any:
    if kind == Reason.SAME_VALUE:
        return SameValue(detail["value"])
    if kind == Reason.SUPERSEDED:
        return Superseded(detail["winner"][0].id)
    if kind == Reason.NOT_EARLIEST:
        return NotEarliest(detail["winner"][0].id, detail["value"])
    if kind == Reason.NOT_LATEST:
        return NotLatest(detail["winner"][0].id, detail["value"])
    return NoValue()


class Evaluator:
    """Evaluates rules over one set of facts on one date, memoising each rule's trace."""

    def __init__(self, book: Rulebook, facts: Mapping[str, Any], on: dt.date):
        self.book = book
        self.facts = facts
        self.on = on
        self.memo: dict[str, Trace] = {}

    def read_rule(self, name: str, ctx: Context) -> Any:
        """What an expression sees when it names a rule: its value, or UNKNOWN if undetermined."""
        trace = self.trace(name)
        ctx.rules_read[name] = trace
        if trace.status != DECIDED:
            ctx.missing.update(trace.missing)
            return UNKNOWN
        return trace.value

    def trace(self, name: str) -> Trace:
        cached = self.memo.get(name)
        if cached is None:
            cached = self._decide(self.book.rules[name])
            self.memo[name] = cached
        return cached

    def _decide(self, rule: Rule) -> Trace:
        facts, on, reader = self.facts, self.on, self.read_rule
        decided_on, note, selection = on, None, None
        if rule.relevant_date is not None:
            root = Context(facts, on, reader)
            when = rule.relevant_date.evaluate(root)
            selection = Selection(rule.relevant_date.source, dict(root.reads), tuple(root.derived),
                                  tuple(root.rules_read.values()))
            if when is UNKNOWN:
                return Trace(rule.name, UNDETERMINED, None, self.on, (), (), frozenset(root.missing),
                             rule.title, Note.RELEVANT_DATE_UNKNOWN, selection)
            if when is None:
                note = Note.RELEVANT_DATE_NULL
            else:
                decided_on = when
        outcomes: list[Outcome] = []
        rejected: list[Rejected] = []
        # under `first` (without a flagged combination), once a case is known to apply with a known value and
        # nothing before it is pending, later cases cannot change the answer: the fast path does not evaluate
        # them, so an error in one is not the answer's error here either (the case is shown as superseded)
        settled: Case | None = None
        early = rule.combine == Combine.FIRST and rule.combination is None
        for case in rule.cases:
            period = case.in_force
            if decided_on < period.start or (period.until is not None and decided_on > period.until):
                rejected.append(Rejected(case, NotInForce(decided_on)))
                continue
            ctx = Context(facts, on, reader)
            when = case.when
            if settled is not None:
                try:
                    cond = True if when is None else when.fn(ctx)
                    if cond is False:
                        rejected.append(Rejected(case, ConditionFalse(), ctx.reads, tuple(ctx.rules_read.values())))
                        continue
                    value = case.value.fn(ctx)
                except LawcodeError:
                    rejected.append(Rejected(case, Superseded(settled.id)))
                    continue
                outcomes.append((case, cond, value, ctx))
                continue
            try:  # expressions are called directly (no per-node wrapper): this is the hot path
                cond = True if when is None else when.fn(ctx)
                if cond is False:
                    rejected.append(Rejected(case, ConditionFalse(), ctx.reads, tuple(ctx.rules_read.values())))
                    continue
                if cond is not True and cond is not UNKNOWN:
                    raise EvaluationError(Message(N_("the condition of case '{case}' gave {value}, not yes/no"),
                                                  case=case.id, value=repr(cond)),
                                          when.location if when else case.location)
                value = case.value.fn(ctx)
            except DateArithmeticError as e:
                raise EvaluationError(Message(N_("rule '{rule}', case '{case}': {problem}"),
                                       rule=rule.name, case=case.id, problem=e.said), case.location,
                                      e.hint_said) from None
            outcomes.append((case, cond, value, ctx))
            if early and cond is True and value is not UNKNOWN \
                    and all(o[1] is not UNKNOWN and o[2] is not UNKNOWN for o in outcomes[:-1]):
                settled = case
        verdict, value, winners, pending, rejections, chose = COMBINERS[rule.combine](outcomes, True)
        if verdict is Verdict.CONFLICT:
            a, b = winners[0][0], winners[1][0]
            raise conflict(rule, a, b)
        rejected.extend(_rejected(o, _reason(kind, detail)) for o, kind, detail in rejections or ())
        combination = rule.combination if chose else None
        if verdict is Verdict.DECIDED:
            trace = Trace(rule.name, DECIDED, value, decided_on, tuple(_applied(o) for o in winners),
                          tuple(rejected), frozenset(), rule.title, note, selection, combination)
        elif verdict is Verdict.UNDETERMINED:
            trace = _undetermined(rule, pending, rejected, decided_on, selection, combination)
        else:
            trace = self.default(rule, rejected, decided_on, note, selection)
        return trace

    def default(self, rule: Rule, rejected: list[Rejected], decided_on: dt.date, note: Note | None,
                selection: Selection | None) -> Trace:
        """The trace when no case applies: the rule's default case, else none."""
        if rule.default is not None and rule.default.in_force.contains(decided_on):
            ctx = Context(self.facts, self.on, self.read_rule)
            value = rule.default.value.evaluate(ctx)
            out = (rule.default, True, value, ctx)
            if value is UNKNOWN:
                return _undetermined(rule, [out], rejected, decided_on, selection, None)
            return Trace(rule.name, DECIDED, value, decided_on, (_applied(out),), tuple(rejected), frozenset(),
                         rule.title, note, selection)
        empty: Any = [] if rule.type == RuleType.LIST else None
        return Trace(rule.name, DECIDED, empty, decided_on, (), tuple(rejected), frozenset(), rule.title,
                     note or Note.NO_CASE, selection)


def conflict(rule: Rule, a: Case, b: Case) -> ConflictError:
    """Two cases of a ``combine: unique`` rule both apply: an error naming both."""
    return ConflictError(
        Message(N_("rule '{rule}': cases '{a}' and '{b}' both apply, but the rule expects one"), rule=rule.name,
                a=a.id, b=b.id), b.location,
        Message(N_("make their conditions exclusive, or set combine: first (case '{a}' is at {where})"), a=a.id,
                where=str(a.location)))


def _undetermined(rule: Rule, pending: list[Outcome], rejected: list[Rejected], on: dt.date,
                  selection: Selection | None, combination: Case | None) -> Trace:
    missing: set[str] = set()
    for o in pending:
        missing |= o[3].missing
        rejected.append(_rejected(o, Undetermined(tuple(sorted(o[3].missing)))))
    return Trace(rule.name, UNDETERMINED, None, on, (), tuple(rejected), frozenset(missing), rule.title, None,
                 selection, combination)


def trace(book: Rulebook, question: str, facts: Mapping[str, Any], on: dt.date,
          prelude: Sequence[str] = ()) -> Trace:
    """The trace graph of ``question`` on ``facts``; ``prelude`` names rules to evaluate first, dependencies
    first, so that a long chain of rules reading rules is answered without deep recursion."""
    evaluator = Evaluator(book, facts, on)
    for name in prelude:
        with contextlib.suppress(LawcodeError):  # raised again if the question reads it
            evaluator.trace(name)
    try:
        return evaluator.trace(question)
    except RecursionError:
        raise EvaluationError(Message(N_("rules read each other too deeply to answer '{question}'"),
                                      question=question), book.rules[question].location,
                              Message(N_("shorten the chain of rules that read rules"))) from None
