"""Answer a question: pick the cases in force on the relevant date, evaluate, combine, record why.

Absent facts are unknown, not false: a case whose condition needs one is *pending*, and a
decision is made only when every pending case provably cannot change the answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from attrs import evolve

from lawcode.engine.decision import Decision
from lawcode.engine.facts import validate_facts
from lawcode.engine.trace import Applied, Rejected, Selection, Trace
from lawcode.errors import ConflictError, DateArithmeticError, EvaluationError, UnknownQuestionError, did_you_mean
from lawcode.language import UNKNOWN, Context
from lawcode.rulebook.model import Case, Rule, Rulebook

Combiner = Callable[["Evaluator", Rule, list["_Outcome"], list[Rejected], dt.date, "str | None"], Trace]


# rejections that mean the combination chose between cases that applied
_COMBINED = frozenset({"not_earliest", "not_latest", "superseded"})


class _Outcome:
    """One in-force case after evaluation: its condition, value and the context it read."""

    __slots__ = ("case", "cond", "ctx", "value")

    def __init__(self, case: Case, cond: Any, value: Any, ctx: Context):
        self.case, self.cond, self.value, self.ctx = case, cond, value, ctx

    def applied(self) -> Applied:
        # the context is not used again, so its records are handed over rather than copied
        return Applied(self.case, self.value, self.ctx.reads, tuple(dict.fromkeys(self.ctx.derived)),
                       tuple(self.ctx.rules_read.values()))

    def rejected(self, reason: str, **detail: Any) -> Rejected:
        return Rejected(self.case, reason, self.ctx.reads, detail, tuple(self.ctx.rules_read.values()))


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
        if trace.status != "decided":
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
        decided_on, note = on, None
        if rule.relevant_date is not None:
            root = Context(facts, on, reader)
            when = rule.relevant_date.evaluate(root)
            selection = Selection(rule.relevant_date.source, dict(root.reads), tuple(root.derived),
                                  tuple(root.rules_read.values()))
            if when is UNKNOWN:
                return Trace(rule.name, "undetermined", None, self.on, (), (), frozenset(root.missing),
                             rule.title, "relevant_date_unknown", selection)
            if when is None:
                note = "relevant_date_null"
            else:
                decided_on = when
        outcomes: list[_Outcome] = []
        rejected: list[Rejected] = []
        for case in rule.cases:
            period = case.in_force
            if decided_on < period.start or (period.until is not None and decided_on > period.until):
                rejected.append(Rejected(case, "not_in_force", detail={"date": decided_on}))
                continue
            ctx = Context(facts, on, reader)
            when = case.when
            try:  # expressions are called directly (no per-node wrapper): this is the hot path
                cond = True if when is None else when.fn(ctx)
                if cond is False:
                    rejected.append(Rejected(case, "condition_false", ctx.reads, {}, tuple(ctx.rules_read.values())))
                    continue
                if cond is not True and cond is not UNKNOWN:
                    raise EvaluationError(f"the condition of case '{case.id}' gave {cond!r}, not yes/no",
                                          when.location if when else case.location)
                value = case.value.fn(ctx)
            except DateArithmeticError as e:
                raise EvaluationError(f"rule '{rule.name}', case '{case.id}': {e.message}", case.location,
                                      e.hint) from None
            outcomes.append(_Outcome(case, cond, value, ctx))
        combine: Combiner = _COMBINERS[rule.combine]
        trace = combine(self, rule, outcomes, rejected, decided_on, note)
        if rule.relevant_date is not None:
            trace = evolve(trace, selection=selection)
        if rule.combination is not None and any(r.reason in _COMBINED for r in trace.rejected):
            trace = evolve(trace, combination=rule.combination)
        return trace

    def default(self, rule: Rule, rejected: list[Rejected], decided_on: dt.date, note: str | None) -> Trace:
        """The trace when no case applies: the rule's default case, else null."""
        if rule.default is not None and rule.default.in_force.contains(decided_on):
            ctx = Context(self.facts, self.on, self.read_rule)
            value = rule.default.value.evaluate(ctx)
            out = _Outcome(rule.default, True, value, ctx)
            if value is UNKNOWN:
                return _undetermined(rule, [out], rejected, decided_on)
            return _trace(rule, value, [out.applied()], rejected, decided_on, note)
        empty: Any = [] if rule.type == "list" else None
        return _trace(rule, empty, [], rejected, decided_on, note or "no_case")


def _trace(rule: Rule, value: Any, applied: list[Applied], rejected: list[Rejected], on: dt.date,
           note: str | None = None) -> Trace:
    return Trace(rule.name, "decided", value, on, tuple(applied), tuple(rejected), frozenset(), rule.title, note)


def _undetermined(rule: Rule, pending: list[_Outcome], rejected: list[Rejected], on: dt.date) -> Trace:
    missing: set[str] = set()
    for o in pending:
        missing |= o.ctx.missing
        rejected.append(o.rejected("undetermined", missing=sorted(o.ctx.missing)))
    return Trace(rule.name, "undetermined", None, on, (), tuple(rejected), frozenset(missing), rule.title)


def _first(ev: Evaluator, rule: Rule, outs: list[_Outcome], rejected: list[Rejected], on: dt.date,
           note: str | None) -> Trace:
    """The first case that applies wins; an earlier pending case blocks unless it would agree."""
    pending: list[_Outcome] = []
    for i, o in enumerate(outs):
        if o.cond is UNKNOWN or o.value is UNKNOWN:
            pending.append(o)
            if o.cond is True:
                break
            continue
        if all(p.value is not UNKNOWN and p.value == o.value for p in pending):
            rejected.extend(p.rejected("same_value", value=o.value) for p in pending)
            rejected.extend(later.rejected("superseded", winner=o.case.id) for later in outs[i + 1:])
            return _trace(rule, o.value, [o.applied()], rejected, on, note)
        break
    if pending:
        return _undetermined(rule, pending, rejected, on)
    return ev.default(rule, rejected, on, note)


def _unique(ev: Evaluator, rule: Rule, outs: list[_Outcome], rejected: list[Rejected], on: dt.date,
            note: str | None) -> Trace:
    """Exactly one case may apply; two that apply are a conflict naming both."""
    sure = [o for o in outs if o.cond is True]
    if len(sure) > 1:
        a, b = sure[0].case, sure[1].case
        raise ConflictError(
            f"rule '{rule.name}': cases '{a.id}' and '{b.id}' both apply, but the rule expects one",
            b.location, f"make their conditions exclusive, or set combine: first (case '{a.id}' is at {a.location})")
    pending = [o for o in outs if o.cond is UNKNOWN or o.value is UNKNOWN]
    if sure and sure[0].value is not UNKNOWN and all(p.value == sure[0].value for p in pending if p is not sure[0]):
        winner = sure[0]
        rejected.extend(p.rejected("same_value", value=winner.value) for p in pending)
        return _trace(rule, winner.value, [winner.applied()], rejected, on, note)
    if pending:
        return _undetermined(rule, pending, rejected, on)
    return ev.default(rule, rejected, on, note)


def _extreme(pick_earliest: bool) -> Combiner:
    def combine(ev: Evaluator, rule: Rule, outs: list[_Outcome], rejected: list[Rejected], on: dt.date,
                note: str | None) -> Trace:
        """Among the cases that apply with a date, the earliest (or latest) wins."""
        sure = [o for o in outs if o.cond is True and o.value is not UNKNOWN and o.value is not None]
        for o in outs:
            if o.cond is True and o.value is None:
                rejected.append(o.rejected("no_value"))
        best = None
        if sure:
            best = (min if pick_earliest else max)(sure, key=lambda o: o.value)
        pending = []
        for o in outs:
            if o.cond is UNKNOWN or o.value is UNKNOWN:
                beaten = best is not None and o.value is not UNKNOWN and (
                    o.value is None or (o.value >= best.value if pick_earliest else o.value <= best.value))
                if beaten and best is not None:
                    rejected.append(o.rejected("not_earliest" if pick_earliest else "not_latest",
                                               winner=best.case.id, value=o.value))
                else:
                    pending.append(o)
        if pending:
            return _undetermined(rule, pending, rejected, on)
        if best is None:
            return ev.default(rule, rejected, on, note)
        for o in sure:
            if o is not best:
                rejected.append(o.rejected("not_earliest" if pick_earliest else "not_latest",
                                           winner=best.case.id, value=o.value))
        return _trace(rule, best.value, [best.applied()], rejected, on, note)

    return combine


def _all(ev: Evaluator, rule: Rule, outs: list[_Outcome], rejected: list[Rejected], on: dt.date,
         note: str | None) -> Trace:
    """Every case that applies contributes its value (lists are joined) to the answer."""
    pending = [o for o in outs if o.cond is UNKNOWN or o.value is UNKNOWN]
    if pending:
        return _undetermined(rule, pending, rejected, on)
    sure = [o for o in outs if o.cond is True]
    if not sure:
        return ev.default(rule, rejected, on, note)
    values: list[Any] = []
    for o in sure:
        for v in o.value if isinstance(o.value, list) else [o.value]:
            if v is not None and v not in values:
                values.append(v)
    return _trace(rule, values, [o.applied() for o in sure], rejected, on, note)


_COMBINERS: dict[str, Combiner] = {
    "first": _first, "unique": _unique, "earliest": _extreme(True), "latest": _extreme(False), "all": _all,
}


def explain(book: Rulebook, question: str, facts: Mapping[str, Any], on: dt.date | None = None,
            lang: str = "en") -> Decision:
    """Answer ``question`` about ``facts`` on ``on`` (default today) and explain it in ``lang``."""
    if question not in book.rules:
        raise UnknownQuestionError(f"unknown question '{question}'", None,
                                   did_you_mean(question, book.rules) or "questions: " + ", ".join(sorted(book.rules)))
    if lang not in ("en", "ru"):
        from lawcode.errors import UsageError

        raise UsageError(f"unknown language '{lang}'", None, "use en or ru")
    day = on or dt.date.today()
    valid = validate_facts(book, facts)
    trace = Evaluator(book, valid, day).trace(question)
    return Decision(book, question, day, lang, trace, valid)
