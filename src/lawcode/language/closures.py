"""The explaining back end: a checked tree compiled once to closures that record what they read.

Each closure takes a ``Context`` and returns a value, ``None`` (did not happen) or ``UNKNOWN``;
along the way it records the facts it read, the facts it missed, the rules it read and every
legal count it made, which is what an explanation shows. Logic is three-valued (Kleene).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lawcode.errors import N_, EvaluationError, Location, Message
from lawcode.language.functions import FUNCTIONS, add_duration
from lawcode.language.runtime import UNKNOWN, Context
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
    Logic,
    Neg,
    Node,
    Not,
    QuestionDate,
    RuleRef,
    ValueType,
)

Fn = Callable[[Context], Any]
NULL_CONDITION = N_("null where yes/no was expected")
GUARD_HINT = N_("guard with happened(...) before using a date that may be null")


def null_condition(where: Location | None) -> EvaluationError:
    return EvaluationError(Message(NULL_CONDITION), where, Message(GUARD_HINT))


def null_list(where: Location | None) -> EvaluationError:
    return EvaluationError(Message(N_("null where a list was expected")), where,
                           Message(N_("guard with happened(...) before looking for a value in a list that may be "
                                      "null")))


def null_order(where: Location | None) -> EvaluationError:
    return EvaluationError(Message(N_("cannot order a null value")), where,
                           Message(N_("guard with happened(...) before comparing a date that may be null")))


def comparison(op: CmpOp, where: Location | None) -> Callable[[Any, Any], Any]:
    """The check of one link of a comparison chain, on two values that are not UNKNOWN."""
    if op == CmpOp.EQ:
        return lambda a, b: a == b
    if op == CmpOp.NE:
        return lambda a, b: a != b
    if op in (CmpOp.IN, CmpOp.NOT_IN):
        negate = op == CmpOp.NOT_IN

        def member(a: Any, b: Any) -> Any:
            if b is None:
                raise null_list(where)
            return (a not in b) if negate else (a in b)

        return member
    order: Callable[[Any, Any], bool] = {
        CmpOp.LT: lambda a, b: a < b, CmpOp.LE: lambda a, b: a <= b,
        CmpOp.GT: lambda a, b: a > b, CmpOp.GE: lambda a, b: a >= b}[op]

    def ordered(a: Any, b: Any) -> Any:
        if a is None or b is None:
            raise null_order(where)
        return order(a, b)

    return ordered


def arithmetic(node: Arith) -> Callable[[Any, Any], Any]:
    """The operation of an arithmetic node, on two values that are neither UNKNOWN nor null."""
    sign = 1 if node.op == ArithOp.ADD else -1
    lt, rt = node.left.type, node.right.type
    if rt == ValueType.DURATION and lt != ValueType.DURATION:
        return lambda a, b: add_duration(a, b, sign)
    if lt == ValueType.DURATION:
        return (lambda a, b: a + b) if sign > 0 else (lambda a, b: a + -b)
    if lt == ValueType.DATE and rt == ValueType.DATE:
        return lambda a, b: (a - b).days
    return (lambda a, b: a + b) if sign > 0 else (lambda a, b: a - b)


def compile_node(node: Node) -> Fn:
    """The closure of a checked node."""
    match node:
        case Literal(value=value):
            return lambda ctx: value
        case QuestionDate():
            return lambda ctx: ctx.on
        case Fact(name=name):
            def read_fact(ctx: Context) -> Any:
                try:
                    value = ctx.facts[name]
                except KeyError:
                    ctx.missing.add(name)
                    return UNKNOWN
                ctx.reads[name] = value
                return value

            return read_fact
        case RuleRef(name=name):
            return lambda ctx: ctx.rule_reader(name, ctx)
        case Known(fact=fact):
            return lambda ctx: fact in ctx.facts
        case ListOf(items=items):
            fns = [compile_node(i) for i in items]

            def make_list(ctx: Context) -> Any:
                values = [f(ctx) for f in fns]
                return UNKNOWN if any(v is UNKNOWN for v in values) else values

            return make_list
        case BoolOp():
            return _bool_op(node)
        case Not(operand=operand):
            f, where = compile_node(operand), node.at

            def negate(ctx: Context) -> Any:
                v = f(ctx)
                if v is UNKNOWN:
                    return UNKNOWN
                if v is None:
                    raise null_condition(where)
                return not v

            return negate
        case Neg(operand=operand):
            g = compile_node(operand)
            return lambda ctx: _minus(g(ctx))
        case IfElse():
            return _if_else(node)
        case Compare():
            return _compare(node)
        case Arith():
            return _arith(node)
        case Call():
            return _call(node)
    raise TypeError(f"cannot compile {type(node).__name__}")  # pragma: no cover - the checker refuses it


def _minus(v: Any) -> Any:
    return v if v is UNKNOWN or v is None else -v


def _bool_op(node: BoolOp) -> Fn:
    fns = [compile_node(o) for o in node.operands]
    stop = node.op == Logic.OR  # `and` stops on False, `or` on True
    where = node.at

    def bool_op(ctx: Context) -> Any:
        unknown = False
        for f in fns:
            v = f(ctx)
            if v is UNKNOWN:
                unknown = True
            elif v is None:
                raise null_condition(where)
            elif v is stop:
                return stop
        return UNKNOWN if unknown else (not stop)

    return bool_op


def _if_else(node: IfElse) -> Fn:
    cond, a, b = compile_node(node.test), compile_node(node.then), compile_node(node.otherwise)
    where = node.test.at

    def if_else(ctx: Context) -> Any:
        c = cond(ctx)
        if c is None:
            raise null_condition(where)
        if c is UNKNOWN:
            va, vb = a(ctx), b(ctx)
            return va if va == vb and va is not UNKNOWN else UNKNOWN
        return a(ctx) if c else b(ctx)

    return if_else


def _compare(node: Compare) -> Fn:
    fns = [compile_node(o) for o in node.operands]
    checks = [comparison(op, right.at) for op, right in zip(node.ops, node.operands[1:], strict=True)]
    if len(checks) == 1:  # the common case, kept lean: it runs on every decision
        check, left_fn, right_fn = checks[0], fns[0], fns[1]

        def compare_two(ctx: Context) -> Any:
            lv = left_fn(ctx)
            rv = right_fn(ctx)
            return UNKNOWN if lv is UNKNOWN or rv is UNKNOWN else check(lv, rv)

        return compare_two

    def compare(ctx: Context) -> Any:
        values = [f(ctx) for f in fns]
        result: Any = True
        for check, lv, rv in zip(checks, values, values[1:], strict=False):
            r = UNKNOWN if lv is UNKNOWN or rv is UNKNOWN else check(lv, rv)
            if r is False:
                return False
            if r is UNKNOWN:
                result = UNKNOWN
        return result

    return compare


def _arith(node: Arith) -> Fn:
    lf, rf, op = compile_node(node.left), compile_node(node.right), arithmetic(node)

    def arith(ctx: Context) -> Any:
        a, b = lf(ctx), rf(ctx)
        if a is UNKNOWN or b is UNKNOWN:
            return UNKNOWN
        if a is None or b is None:
            return None
        return op(a, b)

    return arith


def _call(node: Call) -> Fn:
    spec = FUNCTIONS[node.function]
    fns = [compile_node(a) for a in node.args]
    impl, strict, nulls = spec.impl, spec.strict, spec.null_propagates
    if strict and nulls and len(fns) == 3:  # anniversary(), age(): on every age decision
        f0, f1, f2 = fns

        def call3(ctx: Context) -> Any:
            a, b, c = f0(ctx), f1(ctx), f2(ctx)
            if a is UNKNOWN or b is UNKNOWN or c is UNKNOWN:
                return UNKNOWN
            if a is None or b is None or c is None:
                return None
            return impl(ctx, [a, b, c])

        return call3

    def call(ctx: Context) -> Any:
        values = [f(ctx) for f in fns]
        if strict and UNKNOWN in values:
            return UNKNOWN
        if nulls and None in values:
            return None  # an event that did not happen has no anniversary, expiry or count
        return impl(ctx, values)

    return call


__all__ = ["Fn", "arithmetic", "comparison", "compile_node", "null_condition", "null_list", "null_order"]
