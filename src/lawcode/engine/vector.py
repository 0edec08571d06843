"""The vector path: every rule answered for a whole batch at once, as columns, with ``decide``'s meaning.

A rule is evaluated once per batch (rules reading rules read its columns) the way the generated
``decide`` code evaluates it for one person (``engine.compiled``), with every step done for all
rows at once and each row following its own branch:
- its relevant date is computed per row (``decided_on``); rows where it is unknown are undetermined
  with the facts it missed; the cases in force are chosen per row by that date;
- cases are evaluated in order, each only in the rows where ``decide`` would evaluate it (under
  ``combine: first``, a row stops at the first case known to apply, unless an earlier case was
  pending), so each row reads, misses and fails exactly what ``decide`` reads, misses and raises;
- the cases that count are combined (``engine.vcombine``); rows no case reaches take the default
  case, if in force on their date, else none;
- a row that meets an error (a refused date count, a conflict, a null where yes/no was expected, a
  bad fact value) keeps the first one, with ``decide``'s message; the other rows go on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from lawcode.engine.compiled import _case_error, _expression_error, _not_yes_no, prelude
from lawcode.engine.evaluate import conflict
from lawcode.engine.vcombine import COMBINERS, Out, Verdicts
from lawcode.language.columns import (
    Col,
    ErrorTable,
    FactCol,
    Frame,
    Interner,
    Mask,
    Part,
    RowErrors,
    RuleCol,
    dtype_of,
    either,
    m,
    some,
)
from lawcode.language.syntax import ValueType
from lawcode.language.vector import VFn, compile_vector
from lawcode.rulebook.model import Case, Combine, Rule, Rulebook, RuleType

T = ValueType


def rule_value_type(rule: Rule) -> ValueType:
    """The column type of a rule's answers (enums are text; ``combine: all`` gives lists)."""
    if rule.combine == Combine.ALL:
        return T.LIST
    return T.TEXT if rule.type == RuleType.ENUM else T(str(rule.type))


class _CompiledRule:
    """A rule's expressions compiled to column functions."""

    def __init__(self, rule: Rule):
        self.rule = rule
        self.type = rule_value_type(rule)
        self.selection = compile_vector(rule.relevant_date.tree) if rule.relevant_date is not None else None
        self.cases: list[tuple[Case, VFn | None, VFn]] = [
            (c, compile_vector(c.when.tree) if c.when is not None else None, compile_vector(c.value.tree))
            for c in rule.cases]
        self.default = compile_vector(rule.default.value.tree) if rule.default is not None else None
        self.early = rule.combine == Combine.FIRST and rule.combination is None
        self.case_errors = [_case_error(rule, c) for c in rule.cases]
        self.not_yes_no = [_not_yes_no(c) for c in rule.cases]
        expr = rule.relevant_date
        self.selection_error = _expression_error(expr.source, expr.location) if expr is not None else None
        d = rule.default
        self.default_error = _expression_error(d.value.source, d.value.location) if d is not None else None


class VectorRulebook:
    """A rulebook's rules compiled to column functions (each rule when a question first needs it)."""

    def __init__(self, book: Rulebook):
        self.book = book
        self.rules: dict[str, _CompiledRule] = {}
        self.bits = {name: i for i, name in enumerate(book.facts)}
        self.strings = Interner()
        self.lists = Interner()
        for fact in book.facts.values():
            for value in fact.values:
                self.strings.code(value)

    def compiled(self, name: str) -> _CompiledRule:
        rule = self.rules.get(name)
        if rule is None:
            rule = self.rules[name] = _CompiledRule(self.book.rules[name])
        return rule

    def run(self, question: str, facts: Mapping[str, FactCol], n: int, on: dt.date, errors: ErrorTable) -> RuleCol:
        """The question's answer for every row (error codes refer to ``errors``)."""
        run = _Run(self, facts, n, on, errors)
        try:
            return run.answer(question)
        finally:  # the frame reads rules through the run: break the cycle, so the columns go at once
            run.memo.clear()
            run.frame.read_rule = _closed


class _Run:
    """One batch: the memo of rules answered, evaluated dependencies first."""

    def __init__(self, program: VectorRulebook, facts: Mapping[str, FactCol], n: int, on: dt.date,
                 errors: ErrorTable):
        self.program = program
        self.memo: dict[str, RuleCol] = {}
        self.errors = errors
        self.on = on
        self.frame = Frame(n, on, facts, program.bits, program.strings, program.lists, self.errors, self.read)

    def answer(self, question: str) -> RuleCol:
        for name in prelude(self.program.book, question):  # dependencies first: no deep recursion
            self.read(name)
        return self.read(question)

    def read(self, name: str) -> RuleCol:
        answer = self.memo.get(name)
        if answer is None:
            answer = self.memo[name] = self.evaluate(self.program.compiled(name))
        return answer

    def evaluate(self, cr: _CompiledRule) -> RuleCol:
        frame, rule = self.frame, cr.rule
        n = frame.n
        errors = RowErrors(frame)
        res = Verdicts(frame, dtype_of(cr.type))
        live = np.ones(n, dtype=bool)
        day: Any = np.int64(frame.on)
        sel_unknown: Mask | None = None
        sel_miss = None
        if cr.selection is not None:
            assert cr.selection_error is not None
            part = Part(frame, errors, cr.selection_error)
            w = cr.selection(part, None)
            sel_unknown, sel_miss = w.unk, part.miss
            live &= ~m(w.unk)
            day = np.where(m(w.nul), frame.on, w.v).astype(np.int64)
        outs: list[Out] = []
        rem = live  # rows still to answer (under `first`, a row leaves at the first case known to apply)
        pend: Mask | None = None  # rows where a case that counts was pending (unknown)
        scalar_day = np.ndim(day) == 0
        for k, (case, when, value) in enumerate(cr.cases):
            period = case.in_force
            if scalar_day:  # one date for every row: the case is in force everywhere or nowhere
                if not period.contains(cd_date(int(day))):
                    continue
                act = rem
            else:
                act = rem & (day >= _day(period.start))
                if period.until is not None:
                    act &= day <= _day(period.until)
            if not act.any():
                continue
            part = Part(frame, errors, cr.case_errors[k])
            cu: Mask | None = None
            if when is None:
                x = act
            else:
                c = when(part, act)
                cu = c.unk
                applies = act & c.v if c.unk is None else act & (c.unk | c.v)
                if c.nul is not None:
                    bad = act & c.nul & ~m(c.unk)
                    part.fail(some(bad), cr.not_yes_no[k](None))
                    applies &= ~c.nul | m(c.unk)
                x = np.asarray(applies, dtype=bool)
            v = value(part, x)
            out = Out(k, x, cu, v, part.miss)
            if cr.early:
                unknown = either(cu, v.unk)
                known_now = x if unknown is None else x & ~unknown
                done = known_now if pend is None else known_now & ~pend
                res.decide(done, v)
                rem = rem & ~done
                if done is x:
                    continue  # every row where this case counts is answered by it
                left = x & ~done
                if left.any():
                    pend = left if pend is None else pend | left
                    out.x = left
                    outs.append(out)
                continue
            outs.append(out)
        if cr.early:
            if pend is not None:
                COMBINERS[rule.combine](res, pend & ~res.decided, outs)
        elif outs:
            COMBINERS[rule.combine](res, live & ~res.decided, outs)
        if res.conflict.size and res.conflict.any():
            self._conflicts(errors, rule, res)
        self._no_case(cr, res, errors, res.no_case(live), day)
        unk = res.undetermined
        miss = res.miss
        if sel_unknown is not None:
            unk = unk | sel_unknown
            if sel_miss is not None:
                miss = sel_miss if miss is None else np.where(sel_unknown[:, None], sel_miss, miss)
        res.flush()
        answer = Col(cr.type, res.value, some(unk), some(res.nul))
        return RuleCol(answer, miss, errors.codes)

    def _conflicts(self, errors: RowErrors, rule: Rule, res: Verdicts) -> None:
        part = Part(self.frame, errors, _never)
        pairs = res.pair

        def make(i: int) -> Exception:
            return conflict(rule, rule.cases[int(pairs[i, 0])], rule.cases[int(pairs[i, 1])])

        part.fail_each(res.conflict, make)

    def _no_case(self, cr: _CompiledRule, res: Verdicts, errors: RowErrors, rows: Mask, day: Any) -> None:
        """Rows no case reached: the default case where in force on their date, else none."""
        rule, frame = cr.rule, self.frame
        default_rows = np.zeros(frame.n, dtype=bool)
        if cr.default is not None and rule.default is not None and rows.any():
            period = rule.default.in_force
            default_rows = rows & (day >= _day(period.start))
            if period.until is not None:
                default_rows &= day <= _day(period.until)
            if default_rows.any():
                assert cr.default_error is not None
                part = Part(frame, errors, cr.default_error)
                v = cr.default(part, default_rows)
                known = default_rows & ~m(v.unk)
                res.decide(known, v)
                if v.unk is not None:
                    unknown = default_rows & v.unk
                    res.undetermined |= unknown
                    res.missed(unknown, part.miss)
        empty = rows & ~default_rows
        if empty.any():
            if cr.type == T.LIST:
                res.decide(empty, Col(T.LIST, np.int32(frame.lists.code(()))))
            else:
                res.decide(empty, Col(T.NULL, np.int64(0), None, frame.everyone))


def _closed(name: str) -> RuleCol:  # pragma: no cover - never called after a run
    raise AssertionError(f"rule {name} read after its batch was answered")


def cd_date(n: int) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=n)


def _day(d: dt.date) -> np.int64:
    return np.int64((d - dt.date(1970, 1, 1)).days)


def _never(e: Any) -> Exception:  # pragma: no cover - conflicts are not date counts
    raise AssertionError(e)


Reader = Callable[[str], RuleCol]
__all__ = ["VectorRulebook", "rule_value_type"]
