"""The type-checking pass: resolve names against the rulebook's scope and give every node its type.

What it refuses at load time would otherwise fail (or, worse, mean something else) at run time:
comparing a date with a number, ``in`` without a list on its right (``"a" in (null if c else
null)`` included), a condition that is not yes/no, a count of days that is not a number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from attrs import evolve, field, frozen

from lawcode.errors import ExpressionError, Location, did_you_mean, quote
from lawcode.language.functions import CONVENTIONS, FUNCTIONS, check_convention, check_month_day
from lawcode.language.parse import QUESTION_DATE
from lawcode.language.syntax import (
    Arith,
    ArithOp,
    BoolOp,
    Call,
    CmpOp,
    Compare,
    Fact,
    IfElse,
    Known,
    ListOf,
    Literal,
    Name,
    Neg,
    Node,
    Not,
    QuestionDate,
    RuleRef,
    ValueType,
)

T = ValueType
_ORDERING = (CmpOp.LT, CmpOp.LE, CmpOp.GT, CmpOp.GE)


@frozen
class Scope:
    """The names an expression may use: facts and rules with their value types."""

    facts: Mapping[str, str]
    rules: Mapping[str, str]
    acts: Mapping[str, dt.date] = field(factory=dict)  # each act's entry into force, for in_force_of("...")

    def all_names(self) -> list[str]:
        return [*self.facts, *self.rules, QUESTION_DATE, *FUNCTIONS]


class _Checker:
    def __init__(self, scope: Scope):
        self.scope = scope
        self.facts: set[str] = set()
        self.rules: set[str] = set()

    @staticmethod
    def fail(message: str, at: Location | None, hint: str | None = None) -> ExpressionError:
        return ExpressionError(message, at, hint)

    def expect(self, node: Node, want: str, at: Location | None = None) -> None:
        """``node`` may stand where a ``want`` is needed (null may stand for any value but yes/no)."""
        if want == T.ANY or node.type in (want, T.ANY) or (node.type == T.NULL and want != T.BOOL):
            return
        raise self.fail(f"expected {want}, got {node.type}", at or node.at)

    def check(self, node: Node) -> Node:
        match node:
            case Literal() | QuestionDate():
                return node
            case Name(name=name):
                return self.name(name, node)
            case Known(fact=fact):
                if fact not in self.scope.facts:
                    hint = did_you_mean(fact, self.scope.facts)
                    raise self.fail("known() takes a fact name", node.at, hint)
                self.facts.add(fact)
                return node
            case ListOf(items=items):
                return evolve(node, items=tuple(self.check(i) for i in items), type=T.LIST)
            case BoolOp(operands=operands):
                checked = tuple(self._condition(o) for o in operands)
                return evolve(node, operands=checked, type=T.BOOL)
            case Not(operand=operand):
                inner = self.check(operand)
                self.expect(inner, T.BOOL)
                return evolve(node, operand=inner, type=T.BOOL)
            case Neg(operand=operand):
                inner = self.check(operand)
                if inner.type != T.INT:
                    raise self.fail("this operator is not allowed", node.at)
                return evolve(node, operand=inner, type=T.INT)
            case IfElse():
                return self.if_else(node)
            case Compare():
                return self.compare(node)
            case Arith():
                return self.arith(node)
            case Call():
                return self.call(node)
        raise self.fail(f"'{type(node).__name__}' is not allowed in an expression", node.at)  # pragma: no cover

    def _condition(self, node: Node) -> Node:
        checked = self.check(node)
        self.expect(checked, T.BOOL)
        return checked

    def name(self, name: str, node: Node) -> Node:
        if name in self.scope.facts:
            self.facts.add(name)
            return Fact(name, at=node.at, type=_value_type(self.scope.facts[name]))
        if name in self.scope.rules:
            self.rules.add(name)
            return RuleRef(name, at=node.at, type=_value_type(self.scope.rules[name]))
        raise self.fail(f"unknown name {quote(name)}", node.at,
                        did_you_mean(name, self.scope.all_names()) or "declare facts in facts.yaml")

    def if_else(self, node: IfElse) -> Node:
        c = self.check(node.test)
        self.expect(c, T.BOOL)
        yes, no = self.check(node.then), self.check(node.otherwise)
        types = {yes.type, no.type} - {T.NULL, T.ANY}
        if len(types) > 1:
            raise self.fail(f"both branches of 'x if c else y' must have the same type, not {yes.type} and "
                            f"{no.type}", node.at)
        if types:
            typ = types.pop()
        elif T.ANY in (yes.type, no.type):
            typ = T.ANY
        else:
            typ = T.NULL  # both branches are null: only null can come out
        return evolve(node, test=c, then=yes, otherwise=no, type=typ)

    def compare(self, node: Compare) -> Node:
        checked = tuple(self.check(o) for o in node.operands)
        for op, left, right in zip(node.ops, checked, checked[1:], strict=False):
            at = right.at
            if op in (CmpOp.EQ, CmpOp.NE):
                self.comparable(left, right, at)
            elif op in (CmpOp.IN, CmpOp.NOT_IN):
                if right.type not in (T.LIST, T.ANY):
                    hint = ("this can only be null" if right.type == T.NULL else None)
                    raise self.fail("'in' needs a list on its right, e.g. x in [\"a\", \"b\"]", at, hint)
            else:
                self.comparable(left, right, at)
                if {left.type, right.type} - {T.DATE, T.INT, T.ANY}:
                    raise self.fail("only dates and numbers can be ordered", at,
                                    f"this compares {left.type} with {right.type}")
        return evolve(node, operands=checked, type=T.BOOL)

    def comparable(self, left: Node, right: Node, at: Location | None) -> None:
        types = {left.type, right.type} - {T.ANY, T.NULL}
        if len(types) > 1:
            raise self.fail(f"cannot compare {left.type} with {right.type}", at)

    def arith(self, node: Arith) -> Node:
        lhs, rhs = self.check(node.left), self.check(node.right)
        lt, rt = lhs.type, rhs.type
        add = node.op == ArithOp.ADD
        if lt in (T.DATE, T.ANY) and rt == T.DURATION:
            typ = T.DATE
        elif lt == T.INT and rt == T.INT:
            typ = T.INT
        elif lt == T.DURATION and rt == T.DURATION:
            typ = T.DURATION
        elif lt == T.DATE and rt == T.DATE and not add:
            typ = T.INT
        else:
            raise self.fail(f"cannot compute {lt} {node.op.value} {rt}", node.at,
                            "add a duration to a date: d + days(7); subtract dates to count days: d2 - d1")
        return evolve(node, left=lhs, right=rhs, type=typ)

    def call(self, node: Call) -> Node:
        spec = FUNCTIONS[node.function]
        if node.function == "in_force_of":  # an act's entry into force: a date known at load
            arg = node.args[0]
            if not (isinstance(arg, Literal) and isinstance(arg.value, str)):
                raise self.fail("in_force_of() takes an act's id in quotes, e.g. in_force_of(\"127-FZ\")", node.at)
            day = self.scope.acts.get(arg.value)
            if day is None:
                raise self.fail(f"unknown act {quote(arg.value)}", arg.at,
                                did_you_mean(arg.value, self.scope.acts) or "declare it in acts.yaml")
            return Literal(day, at=node.at, type=T.DATE)
        args = tuple(self.check(a) for a in node.args)
        for i, arg in enumerate(args):
            want = spec.params[-1] if spec.variadic else spec.params[i]
            self.expect(arg, want)
            if i in spec.literal_params and not isinstance(arg, Literal):
                raise self.fail(f"argument {i + 1} of {node.function}() must be written as a literal", arg.at,
                                spec.doc)
            if want == T.TEXT and node.function in ("anniversary", "age") and isinstance(arg, Literal):
                problem = check_convention(arg.value)
                if problem:
                    raise self.fail(problem, arg.at, spec.doc)
            if want == T.TEXT and node.function == "in_annual_window" and isinstance(arg, Literal):
                problem = check_month_day(arg.value)
                if problem:
                    raise self.fail(problem, arg.at, spec.doc)
        bounds = [a.value for a in args[1:] if isinstance(a, Literal)]
        if node.function == "in_annual_window" and len(bounds) == 2:
            first, last = (str(b) for b in bounds)  # "MM-DD" checked above: as text they order as days do
            if last < first:
                raise self.fail(f"the window {first} to {last} runs over the new year", node.at,
                                "write it as two windows joined by or")
        return evolve(node, args=args, type=ValueType(spec.returns))


def _value_type(declared: str) -> ValueType:
    """The expression type of a declared fact or rule type (enum values are text)."""
    if declared == "enum":
        return T.TEXT
    try:
        return ValueType(declared)
    except ValueError:
        return T.ANY


def check(tree: Node, scope: Scope) -> tuple[Node, frozenset[str], frozenset[str]]:
    """The typed tree, and the facts and rules it reads (statically: every name it mentions)."""
    checker = _Checker(scope)
    try:
        typed = checker.check(tree)
    except RecursionError:
        raise ExpressionError("expression nested too deeply", tree.at) from None
    return typed, frozenset(checker.facts), frozenset(checker.rules)


__all__ = ["CONVENTIONS", "Scope", "check"]
