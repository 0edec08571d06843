"""Static checks of a loaded rulebook: mistakes that load fine but make a rule wrong or dead.

``lawcode check`` runs them after loading. They find gaps and overlaps between versions of a
provision (``replaces:``), cases that can never apply, and enum comparisons with a value the fact
does not have. Each finding is a located ``RuleFileError`` with a fix.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from lawcode.dates import add_days
from lawcode.errors import LawcodeError, RuleFileError, did_you_mean
from lawcode.language import UNKNOWN, Context, Expr
from lawcode.language.syntax import (
    Call,
    CmpOp,
    Compare,
    Fact,
    Known,
    ListOf,
    Literal,
    Node,
    QuestionDate,
    RuleRef,
    walk,
)
from lawcode.rulebook.model import Case, Period, Rule, Rulebook, Text


class CheckProblem(RuleFileError):
    """A rule that loads but cannot mean what its author meant."""


CHECKS: tuple[tuple[Callable[[Rule], Iterator[CheckProblem]], str], ...] = ()  # filled below, after the checks
SHOWN = 3  # problems of one check in one rule shown in full; the rest are summarised in one


def run_checks(book: Rulebook) -> list[LawcodeError]:
    """Every finding of every check, ordered by file and line; one mistake repeated in a rule is shown
    ``SHOWN`` times and summarised once (a rule of 4,000 identical cases gives a short report)."""
    found: list[LawcodeError] = []
    for rule in book.rules.values():
        for check, what in (*CHECKS, (lambda r: _enum_literals(book, r), "comparisons with a value that does not "
                                                                         "exist")):
            found += _summarised(rule, list(check(rule)), what)
    return sorted(found, key=lambda e: (str(e.location.file if e.location else ""),
                                        (e.location.line or 0) if e.location else 0))


def _summarised(rule: Rule, problems: list[CheckProblem], what: str) -> list[CheckProblem]:
    """``problems`` of one check in ``rule``: the first ``SHOWN``, then one problem counting the rest."""
    if len(problems) <= SHOWN + 1:
        return problems
    rest = problems[SHOWN:]
    places = [str(p.location) for p in rest[:5] if p.location is not None]
    more = f", and {len(rest) - len(places):,} more" if len(rest) > len(places) else ""
    return [*problems[:SHOWN], CheckProblem(
        f"rule '{rule.name}' has {len(rest):,} more {what}, like the {SHOWN} above: at {', '.join(places)}{more}",
        rest[0].location, "the fix of the problems above applies to each of them")]


def _day(d: dt.date) -> str:
    return d.isoformat()


def _span(first: dt.date, last: dt.date) -> str:
    return f"on {_day(first)}" if first == last else f"from {_day(first)} to {_day(last)}"


# -- versions of a provision: replaces ------------------------------------------------------------
def _replacements(rule: Rule) -> Iterator[CheckProblem]:
    cases = {c.id: c for c in rule.all_cases()}
    for new in rule.all_cases():
        if new.replaces is None:
            continue
        old = cases.get(new.replaces)
        name = f"case '{new.id}' of rule '{rule.name}'"
        if old is None or old is new:
            yield CheckProblem(f"{name} replaces '{new.replaces}', which is not another case of this rule",
                               new.location, did_you_mean(new.replaces, [c for c in cases if c != new.id])
                               or "replaces: names the id of the earlier version, in the same rule")
            continue
        start, until = new.in_force.start, old.in_force.until
        if until is None:
            yield CheckProblem(
                f"case '{old.id}' of rule '{rule.name}' is replaced by '{new.id}' (from {_day(start)}, at "
                f"{new.location}) but has no end date, so both versions are in force from {_day(start)}",
                old.location, f"add until: {_day(add_days(start, -1))} to the in_force of '{old.id}'")
        elif start > add_days(until, 1):
            yield CheckProblem(
                f"gap between versions: case '{old.id}' (at {old.location}) is in force until {_day(until)}, its "
                f"replacement '{new.id}' only from {_day(start)}, so no version is in force "
                f"{_span(add_days(until, 1), add_days(start, -1))}", new.location,
                f"start '{new.id}' on {_day(add_days(until, 1))}, or end '{old.id}' on {_day(add_days(start, -1))}")
        elif start <= until:
            yield CheckProblem(
                f"overlapping versions: case '{new.id}' is in force from {_day(start)}, but the case it replaces, "
                f"'{old.id}' (at {old.location}), is in force until {_day(until)}, so both are in force from "
                f"{_day(start)} to {_day(until)}", new.location,
                f"start '{new.id}' on {_day(add_days(until, 1))}, or end '{old.id}' on {_day(add_days(start, -1))}")


# -- cases that can never apply -------------------------------------------------------------------
def constant(expr: Expr | None) -> Any:
    """The value of a condition whatever the facts are (True for no condition), else UNKNOWN.

    The expression is evaluated with every fact and rule unknown: three-valued logic is monotone,
    so a yes or no then holds for any facts. ``known()`` and the question date ``on`` are exempt.
    """
    if expr is None:
        return True
    if any(isinstance(n, Known | QuestionDate) for n in walk(expr.tree)):
        return UNKNOWN
    ctx = Context({}, dt.date.today(), lambda name, c: UNKNOWN)
    try:
        value = expr.fn(ctx)
    except Exception:  # a run-time error (null where a date is needed) is not a constant
        return UNKNOWN
    return value if isinstance(value, bool) else UNKNOWN


class _Cover:
    """The days covered by the in_force periods added so far, as sorted disjoint spans of day numbers.

    ``covers`` answers in O(log n) and ``add`` merges in place, so ``_never_apply`` stays linear in the cases
    of a rule (issue 12: it was quadratic, 11 s for 4,000 cases)."""

    _END = dt.date.max.toordinal() + 1  # past the last day: a period without end reaches it

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []  # exclusive

    def _span(self, period: Period) -> tuple[int, int]:
        return period.start.toordinal(), (period.until.toordinal() + 1 if period.until is not None else self._END)

    def covers(self, period: Period) -> bool:
        start, end = self._span(period)
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end

    def add(self, period: Period) -> None:
        start, end = self._span(period)
        lo = bisect.bisect_left(self.ends, start)  # the first span that ends at or after the start touches it
        hi = bisect.bisect_right(self.starts, end)  # spans starting after the end stay apart
        if lo < hi:
            start, end = min(start, self.starts[lo]), max(end, self.ends[hi - 1])
        self.starts[lo:hi] = [start]
        self.ends[lo:hi] = [end]


NAMED = 3  # earlier cases a problem names; it counts the others


def _never_apply(rule: Rule) -> Iterator[CheckProblem]:
    always: list[Case] = []  # earlier cases that apply whenever they are in force
    cover = _Cover()  # the days they cover together
    for case in rule.cases:
        cond = constant(case.when)
        if cond is False:
            yield CheckProblem(f"case '{case.id}' of rule '{rule.name}' can never apply: its condition "
                               f"`{case.when.source if case.when else ''}` is false whatever the facts",
                               case.when.location if case.when else case.location,
                               "correct the condition, or delete the case")
            continue
        if rule.combine == "first" and always and cover.covers(case.in_force):
            shadowing = always[:NAMED]  # named; the others are counted
            others = len(always) - len(shadowing)
            names = " and ".join(f"'{c.id}' (at {c.location})" for c in shadowing)
            if others:
                names += f" and {others:,} other(s)"
            earlier = f"case {names} has no condition and covers" if len(shadowing) == 1 and not others \
                else f"cases {names} have no condition and cover"
            yield CheckProblem(
                f"case '{case.id}' of rule '{rule.name}' can never apply: under combine: first, the earlier "
                f"{earlier} every day '{case.id}' is in force, so '{case.id}' never wins",
                case.location, f"move '{case.id}' up, give the earlier case a `when:`, or narrow the in_force "
                               "periods")
        if cond is True:
            always.append(case)
            cover.add(case.in_force)
    default = rule.default
    if default is not None and rule.combine in ("first", "unique") and always and cover.covers(default.in_force):
        yield CheckProblem(
            f"the default case '{default.id}' of rule '{rule.name}' can never apply: case '{always[0].id}' (at "
            f"{always[0].location}) has no condition and is in force whenever the default is", default.location,
            f"give '{always[0].id}' a `when:`, or delete the default")


def _act_periods(rule: Rule) -> Iterator[CheckProblem]:
    """A case citing a provision of an act (or a wording by an amending act) cannot end before it starts."""
    for case in rule.all_cases():
        until = case.in_force.until
        if until is None:
            continue
        for c in case.cite:
            if c.article is None:  # the act as an event (e.g. "before 127-FZ"), not a provision of it
                continue
            for act, role in [(c.act, "the act it cites"), *((a, "the amending act it cites") for a in c.amended_by)]:
                start = act.in_force_from or act.date
                if until < start:
                    yield CheckProblem(
                        f"case '{case.id}' of rule '{rule.name}' can never apply as the law it cites: it is in "
                        f"force only until {_day(until)}, but {act.id}, {role}, is in force from {_day(start)}",
                        case.location, f"correct in_force or the citation; to cite {act.id} only as the event "
                                       f"that changed the law, cite it without an article: {{act: {act.id}}}")


def _later_wordings(rule: Rule) -> Iterator[CheckProblem]:
    """A case cites the wording in force in its own period: not an amending act (or a provision of an act) that
    came into force only after the case's period began. The act cited without an article, as the event that
    changed the law ("before 127-FZ"), is exempt while the case ends before it; a case that ends before what it
    cites is already reported by ``_act_periods``."""
    for case in rule.all_cases():
        start, until = case.in_force.start, case.in_force.until
        for c in case.cite:
            cited = [*([c.act] if c.article is not None else []), *c.amended_by]
            if c.article is None and not c.amended_by and (until is None or until >= c.act.in_force()):
                cited.append(c.act)  # an act cited as a whole beyond its entry into force: its wording, too
            for act in cited:
                begins = act.in_force()
                if start < begins and (until is None or until >= begins):
                    role = "the amending act" if act in c.amended_by else "the act"
                    yield CheckProblem(
                        f"case '{case.id}' of rule '{rule.name}' is in force from {_day(start)} but cites {role} "
                        f"{act.id}, in force only from {_day(begins)}: from {_day(start)} to "
                        f"{_day(add_days(begins, -1))} it cites a wording that did not exist yet",
                        case.in_force.location or case.location,
                        f"start the case on {_day(begins)} (leave out 'from'), and give the days before it a case "
                        f"of its own that cites the wording then in force")


def _uncovered_periods(rule: Rule) -> Iterator[CheckProblem]:
    """From a rule's earliest version onward, some case (or the default) is in force on every day: otherwise
    the rule answers none on those days and cites nothing."""
    periods = sorted((c.in_force for c in rule.all_cases()), key=lambda p: p.start)
    if not periods:
        return
    day: dt.date | None = periods[0].start
    for p in periods:
        if day is None:
            return
        if p.start > day:
            yield _gap(rule, day, add_days(p.start, -1))
        if p.until is None:
            return
        day = max(day, add_days(p.until, 1))
    if day is not None:
        yield _gap(rule, day, None)


def _gap(rule: Rule, first: dt.date, last: dt.date | None) -> CheckProblem:
    span = f"from {_day(first)} onward" if last is None else _span(first, last)
    return CheckProblem(
        f"rule '{rule.name}' has no case in force and no default {span}: asked then, it answers none "
        "and cites nothing", rule.location,
        "add a case in force then that cites the provision deciding those days (e.g. the act that introduced "
        "the rule, cited without an article), or a default")


# -- repetition ------------------------------------------------------------------------------------
def _redundant_starts(rule: Rule) -> Iterator[CheckProblem]:
    """An explicit ``in_force.from`` equal to the entry into force of the act the case cites says nothing."""
    for case in rule.all_cases():
        if not case.in_force_given or not case.cite:
            continue
        wording = case.cite[0].wording
        if case.in_force.start == wording.in_force():
            yield CheckProblem(
                f"case '{case.id}' of rule '{rule.name}' repeats the entry into force of {wording.id} "
                f"({_day(case.in_force.start)}) as its in_force 'from'", case.in_force.location or case.location,
                f"leave out 'from': a case is in force from the entry into force of the act it cites ({wording.id})")


# -- enum values ----------------------------------------------------------------------------------
def _named(node: Node) -> str | None:
    return node.name if isinstance(node, Fact | RuleRef) else None


def _strings(node: Node) -> list[Literal]:
    """String literals of a comparison operand: the literal itself, or the items of a list."""
    items = node.items if isinstance(node, ListOf) else (node,)
    return [i for i in items if isinstance(i, Literal) and isinstance(i.value, str)]


def _enum_values(book: Rulebook, name: str | None) -> Mapping[str, Text]:
    if name is None:
        return {}
    if name in book.facts:
        return book.facts[name].values
    if name in book.rules and book.rules[name].type in ("enum", "list"):
        return book.rules[name].values
    return {}


def _expressions(rule: Rule) -> Iterator[tuple[Case | None, str, Expr]]:
    if rule.relevant_date is not None:
        yield None, "decided_on", rule.relevant_date
    for case in rule.all_cases():
        if case.when is not None:
            yield case, "when", case.when
        yield case, "value", case.value


def _enum_literals(book: Rulebook, rule: Rule) -> Iterator[CheckProblem]:
    for case, part, expr in _expressions(rule):
        for node in walk(expr.tree):
            if not isinstance(node, Compare):
                continue
            for op, left, right in zip(node.ops, node.operands, node.operands[1:], strict=False):
                pairs = [(left, right), (right, left)] if op in (CmpOp.EQ, CmpOp.NE) else [(left, right)]
                for named, other in pairs:
                    name = _named(named)
                    yield from _bad_literals(name, _enum_values(book, name), _strings(other), f"{name} has no value")
        if part == "value" and case is not None and rule.values and rule.type in ("enum", "list"):
            arguments = {id(a) for n in walk(expr.tree) if isinstance(n, Call) for a in n.args}
            literals = [n for n in walk(expr.tree) if isinstance(n, Literal) and isinstance(n.value, str)
                        and id(n) not in arguments]
            yield from _bad_literals(rule.name, rule.values, literals, f"rule {rule.name} has no value")


def _bad_literals(name: str | None, values: Mapping[str, Text], literals: list[Literal],
                  what: str) -> Iterator[CheckProblem]:
    if not values:
        return
    for lit in literals:
        text = str(lit.value)
        if text not in values:
            yield CheckProblem(f"{what} {text!r}: its values are " + ", ".join(values), lit.at,
                               did_you_mean(text, values, n=1) or f"use one of: {', '.join(values)}")


CHECKS = (
    (_replacements, "versions that do not follow each other"),
    (_never_apply, "cases that can never apply"),
    (_act_periods, "cases in force only before the law they cite"),
    (_later_wordings, "cases citing a wording not yet in force"),
    (_uncovered_periods, "periods without a case in force"),
    (_redundant_starts, "cases repeating the entry into force of the act they cite"),
)
