"""Static checks of a loaded rulebook: mistakes that load fine but make a rule wrong or dead.

``lawcode check`` runs them after loading. They find gaps and overlaps between versions of a
provision (``replaces:``), cases that can never apply, and enum comparisons with a value the fact
does not have. Each finding is a located ``RuleFileError`` with a fix.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from lawcode.dates import add_days
from lawcode.errors import LawcodeError, Location, RuleFileError, did_you_mean
from lawcode.language import UNKNOWN, Context, Expr
from lawcode.rulebook.model import Case, Period, Rule, Rulebook, Text


class CheckProblem(RuleFileError):
    """A rule that loads but cannot mean what its author meant."""


def run_checks(book: Rulebook) -> list[LawcodeError]:
    """Every finding of every check, ordered by file and line."""
    found: list[LawcodeError] = []
    for rule in book.rules.values():
        found += _replacements(rule)
        found += _never_apply(rule)
        found += _act_periods(rule)
        found += _enum_literals(book, rule)
    return sorted(found, key=lambda e: (str(e.location.file if e.location else ""),
                                        (e.location.line or 0) if e.location else 0))


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
def _names(source: str) -> set[str]:
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


def constant(expr: Expr | None) -> Any:
    """The value of a condition whatever the facts are (True for no condition), else UNKNOWN.

    The expression is evaluated with every fact and rule unknown: three-valued logic is monotone,
    so a yes or no then holds for any facts. ``known()`` and the question date ``on`` are exempt.
    """
    if expr is None:
        return True
    if {"known", "on"} & _names(expr.source):
        return UNKNOWN
    ctx = Context({}, dt.date.today(), lambda name, c: UNKNOWN)
    try:
        value = expr.fn(ctx)
    except Exception:  # a run-time error (null where a date is needed) is not a constant
        return UNKNOWN
    return value if isinstance(value, bool) else UNKNOWN


def _covered(period: Period, covers: list[Period]) -> bool:
    """Whether ``covers`` together span every day of ``period``."""
    day: dt.date | None = period.start
    for p in sorted(covers, key=lambda p: p.start):
        if day is None:
            break
        if p.start > day:
            return False
        if p.until is None:
            return True
        if p.until >= day:
            day = add_days(p.until, 1)
        if period.until is not None and day > period.until:
            return True
    return day is None


def _never_apply(rule: Rule) -> Iterator[CheckProblem]:
    always: list[Case] = []  # earlier cases that apply whenever they are in force
    for case in rule.cases:
        cond = constant(case.when)
        if cond is False:
            yield CheckProblem(f"case '{case.id}' of rule '{rule.name}' can never apply: its condition "
                               f"`{case.when.source if case.when else ''}` is false whatever the facts",
                               case.when.location if case.when else case.location,
                               "correct the condition, or delete the case")
            continue
        if rule.combine == "first" and always and _covered(case.in_force, [c.in_force for c in always]):
            names = " and ".join(f"'{c.id}' (at {c.location})" for c in always)
            earlier = f"case {names} has" if len(always) == 1 else f"cases {names} have"
            yield CheckProblem(
                f"case '{case.id}' of rule '{rule.name}' can never apply: under combine: first, the earlier "
                f"{earlier} no condition and cover every day '{case.id}' is in force, so '{case.id}' never wins",
                case.location, f"move '{case.id}' up, give the earlier case a `when:`, or narrow the in_force "
                               "periods")
        if cond is True:
            always.append(case)
    default = rule.default
    if default is not None and rule.combine in ("first", "unique") and always \
            and _covered(default.in_force, [c.in_force for c in always]):
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


# -- enum values ----------------------------------------------------------------------------------
def _dotted(node: ast.AST) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def _strings(node: ast.AST) -> list[ast.Constant]:
    """String literals of a comparison operand: the literal itself, or the items of a list."""
    items = node.elts if isinstance(node, ast.List | ast.Tuple) else [node]
    return [i for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]


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
        try:
            tree = ast.parse(expr.source, mode="eval")
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Compare):
                continue
            operands = [node.left, *node.comparators]
            for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
                pairs = [(left, right), (right, left)] if isinstance(op, ast.Eq | ast.NotEq) else [(left, right)]
                for named, other in pairs:
                    name = _dotted(named)
                    yield from _bad_literals(expr, name, _enum_values(book, name), _strings(other),
                                             f"{name} has no value")
        if part == "value" and case is not None and rule.values and rule.type in ("enum", "list"):
            literals = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                        and not _is_call_argument(tree, n)]
            yield from _bad_literals(expr, rule.name, rule.values, literals, f"rule {rule.name} has no value")


def _is_call_argument(tree: ast.AST, node: ast.AST) -> bool:
    return any(isinstance(c, ast.Call) and node in c.args for c in ast.walk(tree))


def _bad_literals(expr: Expr, name: str | None, values: Mapping[str, Text], literals: list[ast.Constant],
                  what: str) -> Iterator[CheckProblem]:
    if not values:
        return
    for lit in literals:
        text = str(lit.value)
        if text not in values:
            yield CheckProblem(f"{what} {text!r}: its values are " + ", ".join(values), node_location(expr, lit),
                               did_you_mean(text, values, n=1) or f"use one of: {', '.join(values)}")


# -- locations inside expressions -----------------------------------------------------------------
@cache
def _file_lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def _offset(source: str, node: ast.expr) -> int:
    """Character offset of ``node`` in ``source`` (ast counts columns in UTF-8 bytes)."""
    lines = source.splitlines(keepends=True)
    before = "".join(lines[: node.lineno - 1])
    line = lines[node.lineno - 1].encode("utf-8")
    return len(before) + len(line[: node.col_offset].decode("utf-8"))


def node_location(expr: Expr, node: ast.expr) -> Location | None:
    """Where ``node`` of ``expr`` is written in the rule file: the n-th occurrence of its text there."""
    base = expr.location
    segment = ast.get_source_segment(expr.source, node)
    if base is None or base.file is None or base.line is None or not segment:
        return base
    nth = expr.source[: _offset(expr.source, node)].count(segment)
    lines = _file_lines(base.file)
    column = (base.column or 1) - 1
    for index in range(base.line - 1, min(len(lines), base.line + 40)):
        text = lines[index]
        start = column if index == base.line - 1 else 0
        while (found := text.find(segment, start)) >= 0:
            if nth == 0:
                return Location(base.file, index + 1, found + 1, text)
            nth -= 1
            start = found + len(segment)
    return base
