"""The fast back end: a checked tree written out as straight-line Python statements.

What may reach the generated source is decided here, as Jinja2 and attrs decide for theirs:
names are generated (``t7``, ``K3``), literals are ``repr()`` of values the checker has already
typed (booleans, whole numbers, text, null), and every other constant (dates, durations, error
factories, functions) is bound by a generated name in the namespace, never written as text.
Nothing else of a rule file can appear in the source.

The statements keep the explaining back end's meaning exactly: three-valued logic, short-circuit
order (which decides what counts as missing), nulls, and the same located errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from lawcode import dates
from lawcode.errors import EvaluationError
from lawcode.language.closures import arithmetic, null_condition, null_list, null_order
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

# written as repr(); yes/no and null are bound by name instead, so that a test such as `x is False` never
# compares two literals (which Python warns about)
_SAFE_LITERALS = (int, str)


class Val:
    """A value in generated code: the source naming it, and whether it may be UNKNOWN or null.

    Knowing statically that a value cannot be unknown (a literal, the question date) or null lets
    the generated code skip tests that would always fail.
    """

    __slots__ = ("null", "src", "unknown")

    def __init__(self, src: str, unknown: bool = True, null: bool = True):
        self.src, self.unknown, self.null = src, unknown, null

    def __str__(self) -> str:
        return self.src


# how a generated program reads facts and rules: given by the caller (the engine), which alone
# knows how facts are checked and how rules are memoised; each writes statements through the
# emitter and returns the value
Reader = Callable[["Emitter", str], Val]


def _any_unknown(values: list[Val]) -> str:
    return " or ".join(f"{v} is U" for v in values if v.unknown)


def _any_null(values: list[Val]) -> str:
    return " or ".join(f"{v} is None" for v in values if v.null)


class Emitter:
    """Writes the statements of one generated function and the namespace its constants live in."""

    def __init__(self, namespace: dict[str, Any], read_fact: Reader, read_rule: Reader, depth: int = 1):
        self.lines: list[str] = []
        self.depth = depth
        self.namespace = namespace
        self.read_fact, self.read_rule = read_fact, read_rule
        self.names = 0
        # constants already bound, by identity (shared by every emitter writing into this namespace)
        self.bound: dict[int, str] = namespace.setdefault("__bound__", {})

    def tmp(self) -> str:
        self.names += 1
        return f"t{self.names}"

    def line(self, text: str) -> None:
        self.lines.append("    " * self.depth + text)

    @contextmanager
    def block(self, head: str) -> Iterator[None]:
        self.line(head)
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1

    def const(self, value: Any) -> str:
        """A constant as source: ``repr`` of a checked plain literal, else a generated name bound to it."""
        if type(value) in _SAFE_LITERALS:
            return repr(value)
        name = self.bound.get(id(value))
        if name is None:
            name = f"K{len(self.bound)}"
            self.bound[id(value)] = name
            self.namespace[name] = value
        return name

    def error(self, make: Callable[[], Exception]) -> str:
        """A name for a factory of an error raised by the generated code (located at load time)."""
        return self.const(make)

    # -- expressions ---------------------------------------------------------------------------
    def value(self, node: Node) -> Val:
        """Write the statements computing ``node``; return the value holding its result."""
        match node:
            case Literal(value=value):
                return Val(self.const(value), unknown=False, null=value is None)
            case QuestionDate():
                return Val("on", unknown=False, null=False)
            case Fact(name=name):
                return self.read_fact(self, name)
            case RuleRef(name=name):
                return self.read_rule(self, name)
            case Known(fact=fact):
                t = self.tmp()
                self.line(f"{t} = {self.const(fact)} in F")
                return Val(t, unknown=False, null=False)
            case ListOf(items=items):
                parts = [self.value(i) for i in items]
                t = self.tmp()
                unknown = _any_unknown(parts)
                listed = f"[{', '.join(str(p) for p in parts)}]"
                self.line(f"{t} = U if {unknown} else {listed}" if unknown else f"{t} = {listed}")
                return Val(t, unknown=bool(unknown), null=False)
            case BoolOp():
                return self._bool_op(node)
            case Not(operand=operand):
                a = self.value(operand)
                t = self.tmp()
                if a.null:
                    with self.block(f"if {a} is None:"):
                        self.line(f"raise {self.error(lambda: null_condition(node.at))}()")
                self.line(f"{t} = U if {a} is U else not {a}" if a.unknown else f"{t} = not {a}")
                return Val(t, unknown=a.unknown, null=False)
            case Neg(operand=operand):
                a = self.value(operand)
                t = self.tmp()
                self.line(f"{t} = {a} if {a} is U or {a} is None else -{a}")
                return Val(t, unknown=a.unknown, null=a.null)
            case IfElse():
                return self._if_else(node)
            case Compare():
                return self._compare(node)
            case Arith():
                return self._arith(node)
            case Call():
                return self._call(node)
        raise TypeError(f"cannot compile {type(node).__name__}")  # pragma: no cover - the checker refuses it

    def _bool_op(self, node: BoolOp) -> Val:
        stop = "True" if node.op == Logic.OR else "False"  # `or` stops on True, `and` on False
        t, unknown = self.tmp(), self.tmp()
        fail = self.error(lambda: null_condition(node.at))
        self.line(f"{unknown} = False")
        opened = 0
        may_be_unknown = False
        for operand in node.operands:
            v = self.value(operand)
            if v.null:
                with self.block(f"if {v} is None:"):
                    self.line(f"raise {fail}()")
            with self.block(f"if {v} is {stop}:"):
                self.line(f"{t} = {stop}")
            self.line("else:")
            self.depth += 1
            opened += 1
            if v.unknown:
                may_be_unknown = True
                with self.block(f"if {v} is U:"):
                    self.line(f"{unknown} = True")
        self.line(f"{t} = U if {unknown} else {'False' if stop == 'True' else 'True'}")
        self.depth -= opened
        return Val(t, unknown=may_be_unknown, null=False)

    def _if_else(self, node: IfElse) -> Val:
        c = self.value(node.test)
        t = self.tmp()
        if c.null:
            with self.block(f"if {c} is None:"):
                self.line(f"raise {self.error(lambda: null_condition(node.test.at))}()")
        unknown = null = False
        if c.unknown:
            with self.block(f"if {c} is U:"):
                a = self.value(node.then)
                b = self.value(node.otherwise)
                same = f"{a} is not U and {a} == {b}" if a.unknown else f"{a} == {b}"
                self.line(f"{t} = {a} if {same} else U")
                unknown, null = True, a.null
            self.line(f"elif {c}:")
        else:
            self.line(f"if {c}:")
        self.depth += 1
        a = self.value(node.then)
        self.line(f"{t} = {a}")
        self.depth -= 1
        with self.block("else:"):
            b = self.value(node.otherwise)
            self.line(f"{t} = {b}")
        return Val(t, unknown=unknown or a.unknown or b.unknown, null=null or a.null or b.null)

    def _link(self, op: CmpOp, a: Val, b: Val, right: Node, t: str) -> None:
        """``t`` = one link of a comparison on two known values (nulls raise as the closures raise)."""
        if op in (CmpOp.EQ, CmpOp.NE):
            self.line(f"{t} = {a} {op.value} {b}")
            return
        if op in (CmpOp.IN, CmpOp.NOT_IN):
            if b.null:
                with self.block(f"if {b} is None:"):
                    self.line(f"raise {self.error(lambda: null_list(right.at))}()")
            self.line(f"{t} = {a} {op.value} {b}")
            return
        nulls = _any_null([a, b])
        if nulls:
            with self.block(f"if {nulls}:"):
                self.line(f"raise {self.error(lambda: null_order(right.at))}()")
        self.line(f"{t} = {a} {op.value} {b}")

    def _compare(self, node: Compare) -> Val:
        values = [self.value(o) for o in node.operands]
        t = self.tmp()
        if len(node.ops) == 1:
            a, b = values
            unknown = _any_unknown([a, b])
            if unknown:
                with self.block(f"if {unknown}:"):
                    self.line(f"{t} = U")
                with self.block("else:"):
                    self._link(node.ops[0], a, b, node.operands[1], t)
            else:
                self._link(node.ops[0], a, b, node.operands[1], t)
            return Val(t, unknown=bool(unknown), null=False)
        # a chain: every value first, then the links; a false link decides, an unknown one may not
        r = self.tmp()
        self.line(f"{t} = True")
        for op, a, b, right in zip(node.ops, values[:-1], values[1:], node.operands[1:], strict=True):
            with self.block(f"if {t} is not False:"):
                unknown = _any_unknown([a, b])
                with self.block(f"if {unknown or 'False'}:"):
                    self.line(f"{t} = U")
                with self.block("else:"):
                    self._link(op, a, b, right, r)
                    with self.block(f"if {r} is False:"):
                        self.line(f"{t} = False")
        return Val(t, unknown=any(v.unknown for v in values), null=False)

    def _guarded(self, t: str, args: list[Val], strict: bool, nulls: bool, compute: str) -> Val:
        """``t`` = ``compute``, unless an argument is unknown (then U) or null (then None)."""
        guards = []
        unknown = _any_unknown(args) if strict else ""
        null = _any_null(args) if nulls else ""
        if unknown:
            guards.append((unknown, "U"))
        if null:
            guards.append((null, "None"))
        keyword = "if"
        for condition, result in guards:
            with self.block(f"{keyword} {condition}:"):
                self.line(f"{t} = {result}")
            keyword = "elif"
        if guards:
            with self.block("else:"):
                self.line(f"{t} = {compute}")
        else:
            self.line(f"{t} = {compute}")
        return Val(t, unknown=bool(unknown), null=bool(null))

    def _arith(self, node: Arith) -> Val:
        a, b = self.value(node.left), self.value(node.right)
        sign = 1 if node.op == ArithOp.ADD else -1
        lt, rt = node.left.type, node.right.type
        days = _fixed_days(node.right)
        if days is not None and lt != ValueType.DURATION:  # d ± days(n): the common count, one call
            compute = f"{self.const(dates.add_days)}({a}, {sign * days})"
        elif rt == ValueType.DURATION and lt != ValueType.DURATION:
            compute = f"{self.const(add_duration)}({a}, {b}, {sign})"
        elif lt == ValueType.INT and rt == ValueType.INT:
            compute = f"{a} {node.op.value} {b}"
        else:  # durations, date minus date: the explaining back end's own operation
            compute = f"{self.const(arithmetic(node))}({a}, {b})"
        return self._guarded(self.tmp(), [a, b], True, True, compute)

    def _call(self, node: Call) -> Val:
        spec = FUNCTIONS[node.function]
        if spec.plain is None:  # pragma: no cover - date() and known() are parsed as literals/Known
            raise TypeError(node.function)
        if node.function in ("days", "months", "years") and isinstance(node.args[0], Literal) \
                and type(node.args[0].value) is int:
            # a fixed duration: computed once, here
            return Val(self.const(spec.plain(node.args[0].value)), unknown=False, null=False)
        args = [self.value(a) for a in node.args]
        t = self.tmp()
        if node.function == "happened":
            a = args[0]
            if not a.null:  # a value that cannot be null (a number, a text, the question date) happened
                self.line(f"{t} = U if {a} is U else True" if a.unknown else f"{t} = True")
            else:
                self.line(f"{t} = U if {a} is U else {a} is not None" if a.unknown else f"{t} = {a} is not None")
            return Val(t, unknown=a.unknown, null=False)
        call = f"{self.const(spec.plain)}({', '.join(str(a) for a in args)})"
        result = self._guarded(t, args, spec.strict, spec.null_propagates, call)
        if not spec.strict:  # earliest(), latest(): unknown and null come out of the function itself
            result.unknown = any(a.unknown for a in args)
            result.null = True
        else:
            result.null = result.null or node.function in ("earliest", "latest")
        return result


def _fixed_days(node: Node) -> int | None:
    """n when ``node`` is ``days(n)`` with n written as a number, else None."""
    if isinstance(node, Call) and node.function == "days" and isinstance(node.args[0], Literal) \
            and type(node.args[0].value) is int:
        return node.args[0].value
    return None


def runtime_namespace() -> dict[str, Any]:
    """What every generated program may name besides its own constants."""
    return {"U": UNKNOWN, "Duration": Duration, "EvaluationError": EvaluationError}


__all__ = ["Emitter", "Reader", "Val", "runtime_namespace"]
