"""The vector back end: a checked tree compiled to functions over columns, one row per person.

Each compiled node is called as ``fn(part, act)``: ``act`` marks the rows in which the scalar back
ends would evaluate this node (None: every row), so that short-circuits (``and``, ``or``, ``x if c
else y``, comparison chains, the cases of a rule) decide per row what is read, what counts as
missing and which error a row meets, exactly as ``closures`` (the reference) and ``pysource`` do.
Logic is three-valued with masks: ``unk`` (UNKNOWN) apart from ``nul`` (did not happen). Legal
counts are ``lawcode.columndates``; a row a count refuses gets the scalar count's own error.
Functions without a column implementation run row by row through their ``plain`` implementation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from lawcode import columndates as cd
from lawcode.errors import DateArithmeticError
from lawcode.language.closures import arithmetic, null_condition, null_list, null_order
from lawcode.language.columns import Col, Mask, Part, dtype_of, either, from_py, m, some, to_py, val, within
from lawcode.language.functions import FUNCTIONS, add_duration
from lawcode.language.runtime import UNKNOWN, Duration
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

T = ValueType
VFn = Callable[[Part, Mask | None], Col]
_ORDER: dict[CmpOp, Callable[[Any, Any], Any]] = {
    CmpOp.LT: np.less, CmpOp.LE: np.less_equal, CmpOp.GT: np.greater, CmpOp.GE: np.greater_equal}


def _rows(part: Part, act: Mask | None) -> Mask:
    return part.frame.everyone if act is None else act


def equal(a: Col, b: Col) -> Any:
    """Row by row ``a == b`` of two known values, null equal to null only (codes compare text and lists)."""
    same = a.v == b.v
    if a.nul is None and b.nul is None:
        return same
    an, bn = m(a.nul), m(b.nul)
    return (an & bn) | (~an & ~bn & same)


def compile_vector(node: Node) -> VFn:
    """The column function of a checked node."""
    match node:
        case Literal(value=value):
            return _literal(node.type, value)
        case QuestionDate():
            return lambda part, act: Col(T.DATE, np.int64(part.frame.on))
        case Fact(name=name):
            return _fact(name, node.type)
        case RuleRef(name=name):
            return _rule(name)
        case Known(fact=fact):
            def known(part: Part, act: Mask | None) -> Col:
                col = part.frame.facts[fact].col
                return Col(T.BOOL, np.True_ if col.unk is None else ~col.unk)

            return known
        case ListOf(items=items):
            return _list(node, items)
        case BoolOp():
            return _bool_op(node)
        case Not(operand=operand):
            return _not(node, compile_vector(operand))
        case Neg(operand=operand):
            f = compile_vector(operand)

            def neg(part: Part, act: Mask | None) -> Col:
                a = f(part, act)
                return Col(T.INT, val(-np.asarray(a.v, dtype=np.int64)), a.unk, a.nul)

            return neg
        case IfElse():
            return _if_else(node)
        case Compare():
            return _compare(node)
        case Arith():
            return _arith(node)
        case Call():
            return _call(node)
    raise TypeError(f"cannot compile {type(node).__name__}")  # pragma: no cover - the checker refuses it


def _literal(typ: ValueType, value: Any) -> VFn:
    if value is None:
        return lambda part, act: Col(T.NULL, np.int64(0), None, part.frame.everyone)
    if typ == T.TEXT:
        return lambda part, act: Col(T.TEXT, np.int32(part.frame.strings.code(value)))
    if typ == T.DATE:
        const = Col(T.DATE, np.int64(cd.day_number(value)))
    elif typ == T.BOOL:
        const = Col(T.BOOL, np.bool_(value))
    else:
        const = Col(T.INT, np.int64(value))
    return lambda part, act: const


def _fact(name: str, typ: ValueType) -> VFn:
    def fact(part: Part, act: Mask | None) -> Col:
        given = part.frame.facts[name]
        col = given.col
        if col.unk is not None:
            part.missed(within(act, col.unk), name)
        if given.bad is not None:
            part.fail_codes(within(act, given.bad >= 0), given.bad)
        return col

    return fact


def _rule(name: str) -> VFn:
    def rule(part: Part, act: Mask | None) -> Col:
        answer = part.frame.read_rule(name)
        if answer.err is not None:
            part.fail_codes(within(act, answer.err >= 0), answer.err)
        if answer.col.unk is not None:
            part.missed_from(within(act, answer.col.unk), answer.miss)
        return answer.col

    return rule


def _list(node: ListOf, items: tuple[Node, ...]) -> VFn:
    if all(isinstance(i, Literal) for i in items):
        values = tuple(i.value for i in items if isinstance(i, Literal))
        return lambda part, act: Col(T.LIST, np.int32(part.frame.lists.code(values)))
    fns = [compile_vector(i) for i in items]

    def make_list(part: Part, act: Mask | None) -> Col:
        cols = [f(part, act) for f in fns]
        unk = None
        for c in cols:
            unk = either(unk, c.unk)
        rows = np.flatnonzero(_rows(part, act) & ~m(unk))
        values = [tuple(to_py(part.frame, c, int(i)) for c in cols) for i in rows]
        out, _ = from_py(part.frame, T.LIST, values, rows)
        return Col(T.LIST, out, unk)

    return make_list


def _bool_op(node: BoolOp) -> VFn:
    fns = [compile_vector(o) for o in node.operands]
    stop = node.op == Logic.OR  # `or` stops on True, `and` on False
    error = null_condition(node.at)

    def bool_op(part: Part, act: Mask | None) -> Col:
        n = part.frame.n
        rem = act  # rows still evaluating (None: every row)
        stopped: Any = None
        unknown: Mask | None = None
        for f in fns:
            v = f(part, rem)
            if v.nul is not None:
                bad = within(rem, v.nul if v.unk is None else v.nul & ~v.unk)
                if bad is not None and bad.any():
                    part.fail(bad, error)
                    rem = ~bad if rem is None else rem & ~bad
            hit = v.v if stop else ~np.asarray(v.v)
            if np.ndim(hit) == 0:
                hit = np.full(n, bool(hit))
            blocked = either(v.unk, v.nul)
            if blocked is not None:
                hit = hit & ~blocked
            if rem is not None:
                hit = hit & rem
            stopped = hit if stopped is None else stopped | hit
            rem = ~hit if rem is None else rem & ~hit
            if v.unk is not None:
                u = rem & v.unk
                unknown = u if unknown is None else unknown | u
        unk = some(unknown & ~stopped) if unknown is not None else None
        return Col(T.BOOL, stopped if stop else ~stopped, unk)

    return bool_op


def _not(node: Not, f: VFn) -> VFn:
    error = null_condition(node.at)

    def negate(part: Part, act: Mask | None) -> Col:
        v = f(part, act)
        if v.nul is not None:
            part.fail(within(act, v.nul & ~m(v.unk)), error)
        return Col(T.BOOL, val(~np.asarray(v.v, dtype=bool)), v.unk)

    return negate


def _if_else(node: IfElse) -> VFn:
    test, yes, no = compile_vector(node.test), compile_vector(node.then), compile_vector(node.otherwise)
    error = null_condition(node.test.at)
    dtype = dtype_of(node.type)

    def if_else(part: Part, act: Mask | None) -> Col:
        c = test(part, act)
        cu = m(c.unk)
        ok = _rows(part, act)
        if c.nul is not None:
            bad = ok & c.nul & ~cu
            part.fail(some(bad), error)
            ok = ok & ~bad
        ct = ~cu & c.v  # known and true
        a = yes(part, ok & (cu | ct))
        b = no(part, ok & (cu | ~ct))
        take_a = cu | ct
        v = np.where(take_a, a.v, b.v)
        if dtype is not object:
            v = v.astype(dtype, copy=False)
        v = val(v)
        nul = some(np.where(take_a, m(a.nul), m(b.nul)))
        unk_branch = np.where(ct, m(a.unk), m(b.unk))
        if c.unk is not None:
            undecided = m(a.unk) | m(b.unk) | ~equal(a, b)
            unk_branch = np.where(c.unk, undecided, unk_branch)
        return Col(node.type, v, some(unk_branch), nul)

    return if_else


def _member(part: Part, a: Col, b: Col, live: Mask) -> Mask:
    """``a in b`` row by row (b a list column or constant; nulls in a match a null item)."""
    lists = part.frame.lists
    result = np.zeros(part.frame.n, dtype=bool)
    codes = [int(b.v)] if b.constant else np.unique(np.asarray(b.v)[live]).tolist()
    for code in codes:
        items = lists.value(code)
        rows = live if b.constant else live & (b.v == code)
        wanted = [_encode(part, a.type, x) for x in items if x is not None]
        hit = np.isin(a.v, [w for w in wanted if w is not None])
        if a.nul is not None:
            hit = np.where(a.nul, None in items, hit)
        np.copyto(result, hit, where=rows)
    return result


def _encode(part: Part, typ: ValueType, value: Any) -> Any:
    """A Python item of a list as a column value of ``typ`` (None if it cannot equal one)."""
    if typ == T.TEXT:
        return part.frame.strings.code(value) if isinstance(value, str) else None
    if typ == T.DATE:
        return cd.day_number(value) if hasattr(value, "toordinal") else None
    return value


def _link(part: Part, op: CmpOp, a: Col, b: Col, right: Node, rows: Mask, unk: Mask | None) -> Any:
    """One link of a comparison on known values, in ``rows`` less ``unk`` (nulls fail as the closures fail)."""
    if op in (CmpOp.EQ, CmpOp.NE):
        eq = equal(a, b)
        return eq if op == CmpOp.EQ else ~eq
    live = rows if unk is None else rows & ~unk
    if op in (CmpOp.IN, CmpOp.NOT_IN):
        if b.nul is not None:
            bad = live & b.nul
            part.fail(some(bad), null_list(right.at))
            live = live & ~bad
        hit = _member(part, a, b, live)
        return hit if op == CmpOp.IN else ~hit
    nul = either(a.nul, b.nul)
    if nul is not None:
        part.fail(some(live & nul), null_order(right.at))
    return _ORDER[op](a.v, b.v)


def _compare(node: Compare) -> VFn:
    fns = [compile_vector(o) for o in node.operands]
    rights = node.operands[1:]

    def compare(part: Part, act: Mask | None) -> Col:
        values = [f(part, act) for f in fns]
        rows = _rows(part, act)
        if len(node.ops) == 1:
            a, b = values
            unk = either(a.unk, b.unk)
            return Col(T.BOOL, val(_link(part, node.ops[0], a, b, rights[0], rows, unk)), unk)
        false = np.zeros(part.frame.n, dtype=bool)
        unknown = np.zeros(part.frame.n, dtype=bool)
        rem = rows.copy()
        for op, a, b, right in zip(node.ops, values[:-1], values[1:], rights, strict=True):
            lu = either(a.unk, b.unk)
            if lu is not None:
                unknown |= rem & lu
            live = rem if lu is None else rem & ~lu
            falls = live & ~_link(part, op, a, b, right, rem, lu)
            false |= falls
            rem &= ~falls
        return Col(T.BOOL, ~false, some(unknown & ~false))

    return compare


def _arith(node: Arith) -> VFn:
    lf, rf = compile_vector(node.left), compile_vector(node.right)
    sign = 1 if node.op == ArithOp.ADD else -1
    lt, rt = node.left.type, node.right.type
    scalar = arithmetic(node)  # the explaining back end's own operation, for what has no column form

    def arith(part: Part, act: Mask | None) -> Col:
        a, b = lf(part, act), rf(part, act)
        unk = either(a.unk, b.unk)
        nul = either(a.nul, b.nul)
        if unk is not None and nul is not None:
            nul = some(nul & ~unk)
        if lt == T.INT and rt == T.INT:
            return Col(T.INT, val(a.v + sign * b.v), unk, nul)
        if lt == T.DATE and rt == T.DATE:
            return Col(T.INT, val(a.v - b.v), unk, nul)
        live = _rows(part, act) & ~m(unk) & ~m(nul)
        if rt == T.DURATION and lt != T.DURATION and b.constant:
            return Col(T.DATE, _add_duration(part, a, b.v, sign, live), unk, nul)
        return _row_by_row(part, node.type, [a, b], live, unk, nul, scalar)

    return arith


def _add_duration(part: Part, a: Col, span: Duration, sign: int, live: Mask) -> Any:
    result = np.asarray(a.v, dtype=np.int64)
    refused = np.zeros(part.frame.n, dtype=bool)
    if span.years:
        result, bad = cd.add_years(result, sign * span.years, "error")
        refused |= bad
    if span.months:
        result, bad = cd.add_months(result, sign * span.months, "error")
        refused |= bad
    if span.days:
        result, bad = cd.add_days(result, sign * span.days)
        refused |= bad
    part.refused_count(some(live & refused), lambda d: add_duration(d, span, sign), [a])
    return val(np.where(refused, 0, result))


def _row_by_row(part: Part, typ: ValueType, args: list[Col], live: Mask, unk: Mask | None, nul: Mask | None,
                fn: Callable[..., Any]) -> Col:
    """A computation without a column form: the scalar function applied to each live row."""
    rows = np.flatnonzero(live)
    values: list[Any] = []
    refused: dict[int, Exception] = {}
    for i in rows.tolist():
        try:
            values.append(fn(*(to_py(part.frame, a, i) for a in args)))
        except DateArithmeticError as e:
            refused[i] = part.wrap(e)
            values.append(None)
    if refused:
        failed = np.zeros(part.frame.n, dtype=bool)
        failed[list(refused)] = True
        part.fail_each(failed, refused.__getitem__)
    out, out_nul = from_py(part.frame, typ, values, rows)
    return Col(typ, out, unk, some(m(nul) | out_nul))


def _strictness(cols: list[Col], strict: bool, nulls: bool) -> tuple[Mask | None, Mask | None]:
    unk: Mask | None = None
    nul: Mask | None = None
    if strict:
        for c in cols:
            unk = either(unk, c.unk)
    if nulls:
        for c in cols:
            nul = either(nul, c.nul)
        if unk is not None and nul is not None:
            nul = some(nul & ~unk)
    return unk, nul


def _call(node: Call) -> VFn:
    spec = FUNCTIONS[node.function]
    name = node.function
    literal = [a.value if isinstance(a, Literal) else None for a in node.args]
    if name in ("days", "months", "years") and isinstance(node.args[0], Literal) and spec.plain is not None:
        const = Col(T.DURATION, spec.plain(node.args[0].value))
        return lambda part, act: const
    fns = [compile_vector(a) for a in node.args]
    plain = spec.plain
    assert plain is not None

    def call(part: Part, act: Mask | None) -> Col:
        cols = [f(part, act) for f in fns]
        if name == "happened":
            a = cols[0]
            return Col(T.BOOL, np.True_ if a.nul is None else ~a.nul, a.unk)
        if name in ("earliest", "latest"):
            return _extreme(cols, name == "earliest")
        unk, nul = _strictness(cols, spec.strict, spec.null_propagates)
        if name in ("anniversary", "age", "expiry", "day_after"):
            d = np.asarray(cols[0].v, dtype=np.int64)
            if name == "anniversary":
                result, bad = cd.add_years(d, _int(literal[1]), str(literal[2]))
            elif name == "age":
                result, bad = cd.completed_years(d, np.asarray(cols[1].v, dtype=np.int64), str(literal[2]))
            elif name == "expiry":
                result, bad = cd.expiry(d, np.asarray(cols[1].v, dtype=np.int64))
            else:
                result, bad = cd.add_days(d, 1)
            if np.any(bad):
                live = _rows(part, act) & ~m(unk) & ~m(nul)
                part.refused_count(some(live & bad), plain, cols)
            return Col(node.type, val(result), unk, nul)
        return _row_by_row(part, node.type, cols, _rows(part, act) & ~m(unk) & ~m(nul), unk, nul, plain)

    return call


def _int(value: Any) -> int:
    return int(value)


def _extreme(cols: list[Col], earliest: bool) -> Col:
    """``earliest``/``latest`` of dates that happened: unknown if any is, null if none happened."""
    unk: Mask | None = None
    none_happened: Any = True
    best: Any = None
    big = np.int64(np.iinfo(np.int64).max if earliest else np.iinfo(np.int64).min)
    for c in cols:
        unk = either(unk, c.unk)
        values = np.asarray(c.v, dtype=np.int64) if c.nul is None else np.where(c.nul, big, c.v)
        best = values if best is None else (np.minimum(best, values) if earliest else np.maximum(best, values))
        none_happened = none_happened & m(c.nul)
    nul = some(none_happened & ~m(unk))
    return Col(T.DATE, val(best), unk, nul)


__all__ = ["UNKNOWN", "VFn", "compile_vector", "equal"]
