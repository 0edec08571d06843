"""Parse an expression with Python's ``ast`` (eval mode), whitelist it and compile it to closures.

Only names of facts and rules, literals, comparisons, ``and``/``or``/``not``, ``+``/``-``,
``x if c else y``, lists, ``in`` and calls of the fixed function table are accepted; everything
else (attribute access on values, subscripts, lambdas, comprehensions...) is refused at load time.
Logic is three-valued (Kleene): ``False and UNKNOWN`` is ``False``, ``True or UNKNOWN`` is ``True``.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from attrs import frozen

from lawcode import dates
from lawcode.errors import DateArithmeticError, EvaluationError, ExpressionError, Location, did_you_mean
from lawcode.language.functions import FUNCTIONS, add_duration, check_convention
from lawcode.language.runtime import UNKNOWN, Context, Duration

Fn = Callable[[Context], Any]

LITERAL_NAMES = {"true": True, "false": False, "null": None, "True": True, "False": False, "None": None}
QUESTION_DATE = "on"

REFUSED: dict[type, str] = {
    ast.Subscript: "subscripts (x[...]) are not allowed",
    ast.Lambda: "lambdas are not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.Dict: "mappings are not allowed in expressions",
    ast.Set: "sets are not allowed; write a list [a, b]",
    ast.Starred: "star arguments are not allowed",
    ast.NamedExpr: "assignment (:=) is not allowed",
    ast.Await: "await is not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.Slice: "slices are not allowed",
}


@frozen
class Scope:
    """The names an expression may use: facts and rules with their value types."""

    facts: Mapping[str, str]
    rules: Mapping[str, str]

    def all_names(self) -> list[str]:
        return [*self.facts, *self.rules, QUESTION_DATE, *FUNCTIONS]


@frozen
class Expr:
    """A compiled expression: its source, where it was written, its type and what it reads."""

    source: str
    fn: Fn
    type: str
    facts: frozenset[str]
    rules: frozenset[str]
    location: Location | None = None

    def evaluate(self, ctx: Context) -> Any:
        try:
            return self.fn(ctx)
        except DateArithmeticError as e:
            raise EvaluationError(
                f"{e.message} (in expression `{self.source}`)", self.location, e.hint
            ) from None


@frozen
class _C:
    fn: Fn
    type: str
    const: Any = UNKNOWN  # the value when the node is a literal


class _Compiler:
    def __init__(self, source: str, scope: Scope, location: Location | None):
        self.source = source
        self.scope = scope
        self.location = location
        self.facts: set[str] = set()
        self.rules: set[str] = set()
        self.lines = source.splitlines() or [""]

    def where(self, node: ast.AST | None) -> Location | None:
        """The place of a node in the rule file, found by walking the file's text from where the
        expression starts (so folded and literal YAML blocks map right); else shifted from the start."""
        base = self.location or Location()
        if node is None or not hasattr(node, "lineno"):
            return base
        line_idx: int = max(getattr(node, "lineno", 1) - 1, 0)
        line_text = self.lines[line_idx] if line_idx < len(self.lines) else ""
        col = len(line_text.encode("utf-8")[:getattr(node, "col_offset", 0)].decode("utf-8", "ignore"))
        offset = sum(len(x) + 1 for x in self.lines[:line_idx]) + col
        mapped = map_offset(self.source, offset, base)
        if mapped is not None:
            return mapped
        if line_idx == 0:
            return Location(base.file, base.line, (base.column or 1) + col, base.text)
        return Location(base.file, (base.line or 1) + line_idx, col + 1, line_text)

    def fail(self, message: str, node: ast.AST | None, hint: str | None = None) -> ExpressionError:
        return ExpressionError(message, self.where(node), hint)

    # -- entry ------------------------------------------------------------------------------
    def compile(self, node: ast.AST) -> _C:
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            label = REFUSED.get(type(node), f"'{type(node).__name__}' is not allowed in an expression")
            raise self.fail(label, node, "see the expression language in the README")
        result: _C = method(node)
        return result

    # -- leaves -----------------------------------------------------------------------------
    def _Constant(self, node: ast.Constant) -> _C:
        v = node.value
        if isinstance(v, bool) or v is None:
            return self._literal(v)
        if isinstance(v, int):
            return self._literal(v)
        if isinstance(v, str):
            return self._literal(v)
        raise self.fail(f"literal {v!r} is not allowed", node, "use whole numbers, text in quotes, true/false/null")

    def _literal(self, v: Any) -> _C:
        typ = {bool: "bool", int: "int", str: "text", type(None): "null"}[type(v)]
        return _C(lambda ctx: v, typ, v)

    def _Name(self, node: ast.Name) -> _C:
        return self._name(node.id, node)

    def _Attribute(self, node: ast.Attribute) -> _C:
        parts: list[str] = []
        cur: ast.AST = node
        while isinstance(cur, ast.Attribute):
            parts.append(cur.attr)
            cur = cur.value
        if not isinstance(cur, ast.Name):
            raise self.fail("attribute access is not allowed", node, "names are facts or rules, e.g. person.birth_date")
        parts.append(cur.id)
        return self._name(".".join(reversed(parts)), node)

    def _name(self, name: str, node: ast.AST) -> _C:
        if name in LITERAL_NAMES:
            return self._literal(LITERAL_NAMES[name])
        if name == QUESTION_DATE:
            return _C(lambda ctx: ctx.on, "date")
        if "__" in name:
            raise self.fail(f"'{name}' is not allowed", node, "names are facts or rules, e.g. person.birth_date")
        if name in self.scope.facts:
            self.facts.add(name)

            def read_fact(ctx: Context, name: str = name) -> Any:
                try:
                    value = ctx.facts[name]
                except KeyError:
                    ctx.missing.add(name)
                    return UNKNOWN
                ctx.reads[name] = value
                return value

            return _C(read_fact, self.scope.facts[name])
        if name in self.scope.rules:
            self.rules.add(name)
            def read_rule(ctx: Context, name: str = name) -> Any:
                return ctx.rule_reader(name, ctx)

            return _C(read_rule, self.scope.rules[name])
        if name in FUNCTIONS:
            raise self.fail(f"'{name}' is a function; call it as {name}(...)", node)
        raise self.fail(f"unknown name '{name}'", node,
                        did_you_mean(name, self.scope.all_names()) or "declare facts in facts.yaml")

    def _List(self, node: ast.List) -> _C:
        items = [self.compile(e) for e in node.elts]
        fns = [i.fn for i in items]

        def make_list(ctx: Context) -> Any:
            values = [f(ctx) for f in fns]
            return UNKNOWN if any(v is UNKNOWN for v in values) else values

        return _C(make_list, "list")

    _Tuple = _List

    # -- logic ------------------------------------------------------------------------------
    def _BoolOp(self, node: ast.BoolOp) -> _C:
        parts = [self._expect(self.compile(v), "bool", v) for v in node.values]
        fns = [p.fn for p in parts]
        is_and = isinstance(node.op, ast.And)
        stop = not is_and  # `and` stops on False, `or` on True
        where = self.where(node)

        def bool_op(ctx: Context) -> Any:
            unknown = False
            for f in fns:
                v = f(ctx)
                if v is UNKNOWN:
                    unknown = True
                elif v is None:
                    raise EvaluationError("null where yes/no was expected", where,
                                          "guard with happened(...) before using a date that may be null")
                elif v is stop:
                    return stop
            return UNKNOWN if unknown else (not stop)

        return _C(bool_op, "bool")

    def _UnaryOp(self, node: ast.UnaryOp) -> _C:
        inner = self.compile(node.operand)
        f = inner.fn
        if isinstance(node.op, ast.Not):
            self._expect(inner, "bool", node.operand)
            where = self.where(node)
            return _C(lambda ctx: _not(f(ctx), where), "bool")
        if isinstance(node.op, ast.USub) and inner.type == "int":
            const = -inner.const if inner.const is not UNKNOWN else UNKNOWN
            return _C(lambda ctx: _lift(f(ctx), lambda v: -v), "int", const)
        raise self.fail("this operator is not allowed", node)

    def _IfExp(self, node: ast.IfExp) -> _C:
        cond = self._expect(self.compile(node.test), "bool", node.test).fn
        yes, no = self.compile(node.body), self.compile(node.orelse)
        a, b = yes.fn, no.fn

        where = self.where(node.test)

        def if_exp(ctx: Context) -> Any:
            c = cond(ctx)
            if c is None:
                raise EvaluationError("null where yes/no was expected", where,
                                      "guard with happened(...) before using a date that may be null")
            if c is UNKNOWN:
                va, vb = a(ctx), b(ctx)
                return va if va == vb and va is not UNKNOWN else UNKNOWN
            return a(ctx) if c else b(ctx)

        types = {yes.type, no.type} - {"null", "any"}
        if len(types) > 1:
            raise self.fail(f"both branches of 'x if c else y' must have the same type, not {yes.type} and "
                            f"{no.type}", node)
        return _C(if_exp, types.pop() if types else "any")

    def _Compare(self, node: ast.Compare) -> _C:
        operands = [self.compile(node.left), *(self.compile(c) for c in node.comparators)]
        checks: list[Callable[[Any, Any], Any]] = []
        for op, left, right, rnode in zip(node.ops, operands, operands[1:], node.comparators, strict=False):
            checks.append(self._comparison(op, left, right, rnode))
        fns = [o.fn for o in operands]
        if len(checks) == 1:  # the common case, kept lean: it runs on every decision
            check, left_fn, right_fn = checks[0], fns[0], fns[1]

            def compare_two(ctx: Context) -> Any:
                lv = left_fn(ctx)
                rv = right_fn(ctx)
                return UNKNOWN if lv is UNKNOWN or rv is UNKNOWN else check(lv, rv)

            return _C(compare_two, "bool")

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

        return _C(compare, "bool")

    def _comparison(self, op: ast.cmpop, left: _C, right: _C, node: ast.AST) -> Callable[[Any, Any], Any]:
        where = self.where(node)
        if isinstance(op, ast.Eq | ast.NotEq):
            self._comparable(left, right, node)
            if isinstance(op, ast.Eq):
                return lambda a, b: a == b
            return lambda a, b: a != b
        if isinstance(op, ast.In | ast.NotIn):
            if right.type not in ("list", "any"):
                raise self.fail("'in' needs a list on its right, e.g. x in [\"a\", \"b\"]", node)
            if isinstance(op, ast.In):
                return lambda a, b: a in b
            return lambda a, b: a not in b
        ordering = {ast.Lt: lambda a, b: a < b, ast.LtE: lambda a, b: a <= b,
                    ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b}
        for cls, fn in ordering.items():
            if isinstance(op, cls):
                self._comparable(left, right, node)
                if {left.type, right.type} - {"date", "int", "any"}:
                    raise self.fail("only dates and numbers can be ordered", node,
                                    f"this compares {left.type} with {right.type}")

                def ordered(a: Any, b: Any, fn: Callable[[Any, Any], bool] = fn) -> Any:
                    if a is None or b is None:
                        raise EvaluationError("cannot order a null value", where,
                                              "guard with happened(...) before comparing a date that may be null")
                    return fn(a, b)

                return ordered
        raise self.fail("'is' is not allowed; use == or !=", node)

    def _comparable(self, left: _C, right: _C, node: ast.AST) -> None:
        types = {left.type, right.type} - {"any", "null"}
        if len(types) > 1:
            raise self.fail(f"cannot compare {left.type} with {right.type}", node)

    # -- arithmetic -------------------------------------------------------------------------
    def _BinOp(self, node: ast.BinOp) -> _C:
        if not isinstance(node.op, ast.Add | ast.Sub):
            raise self.fail("only + and - are allowed", node)
        left, right = self.compile(node.left), self.compile(node.right)
        sign = 1 if isinstance(node.op, ast.Add) else -1
        lt, rt = left.type, right.type
        lf, rf = left.fn, right.fn
        op: Callable[[Any, Any], Any]
        if lt in ("date", "any") and rt == "duration":
            typ = "date"

            def op(a: Any, b: Any) -> Any:
                return add_duration(a, b, sign)
        elif lt == "int" and rt == "int":
            typ = "int"

            def op(a: Any, b: Any) -> Any:
                return a + sign * b
        elif lt == "duration" and rt == "duration":
            typ = "duration"

            def op(a: Any, b: Any) -> Any:
                return a + (b if sign > 0 else -b)
        elif lt == "date" and rt == "date" and sign < 0:
            typ = "int"

            def op(a: Any, b: Any) -> Any:
                return (a - b).days
        else:
            sym = "+" if sign > 0 else "-"
            raise self.fail(f"cannot compute {lt} {sym} {rt}", node,
                            "add a duration to a date: d + days(7); subtract dates to count days: d2 - d1")

        def arith(ctx: Context) -> Any:
            a, b = lf(ctx), rf(ctx)
            if a is UNKNOWN or b is UNKNOWN:
                return UNKNOWN
            if a is None or b is None:
                return None
            return op(a, b)

        return _C(arith, typ)

    # -- calls ------------------------------------------------------------------------------
    def _Call(self, node: ast.Call) -> _C:
        if not isinstance(node.func, ast.Name):
            raise self.fail("only functions of the table can be called", node,
                            "functions: " + ", ".join(sorted(FUNCTIONS)))
        name = node.func.id
        spec = FUNCTIONS.get(name)
        if spec is None:
            raise self.fail(f"unknown function '{name}'", node,
                            did_you_mean(name, FUNCTIONS) or "functions: " + ", ".join(sorted(FUNCTIONS)))
        if node.keywords:
            raise self.fail(f"{name}() takes positional arguments only", node)
        n = len(node.args)
        if (spec.variadic and n < 1) or (not spec.variadic and n != len(spec.params)):
            want = "one or more" if spec.variadic else str(len(spec.params))
            raise self.fail(f"{name}() takes {want} argument(s), got {n}", node, spec.doc)
        if name == "date":
            return self._date_literal(node)
        if name == "known":
            return self._known(node)
        args = [self.compile(a) for a in node.args]
        for i, (arg, anode) in enumerate(zip(args, node.args, strict=True)):
            want = spec.params[-1] if spec.variadic else spec.params[i]
            self._expect(arg, want, anode)
            if i in spec.literal_params and arg.const is UNKNOWN:
                raise self.fail(f"argument {i + 1} of {name}() must be written as a literal", anode, spec.doc)
            if want == "text" and name in ("anniversary", "age"):
                problem = check_convention(arg.const)
                if problem:
                    raise self.fail(problem, anode, spec.doc)
        fns = [a.fn for a in args]
        impl, strict = spec.impl, spec.strict

        nulls = spec.null_propagates
        if strict and nulls and len(fns) == 3:  # anniversary(), age(): on every age decision
            f0, f1, f2 = fns

            def call3(ctx: Context) -> Any:
                a, b, c = f0(ctx), f1(ctx), f2(ctx)
                if a is UNKNOWN or b is UNKNOWN or c is UNKNOWN:
                    return UNKNOWN
                if a is None or b is None or c is None:
                    return None
                return impl(ctx, [a, b, c])

            return _C(call3, spec.returns)

        def call(ctx: Context) -> Any:
            values = [f(ctx) for f in fns]
            if strict and UNKNOWN in values:
                return UNKNOWN
            if nulls and None in values:
                return None  # an event that did not happen has no anniversary, expiry or count
            return impl(ctx, values)

        return _C(call, spec.returns)

    def _date_literal(self, node: ast.Call) -> _C:
        arg = node.args[0]
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            raise self.fail("date() takes a literal \"YYYY-MM-DD\"", node)
        try:
            value = dates.parse_iso_date(arg.value)
        except ValueError as e:
            raise self.fail(str(e), arg) from None
        return _C(lambda ctx: value, "date", value)

    def _known(self, node: ast.Call) -> _C:
        arg = self.compile(node.args[0])
        names = [n for n in self.facts]
        target = node.args[0]
        if not isinstance(target, ast.Name | ast.Attribute) or arg.type == "null":
            raise self.fail("known() takes a fact name", node)
        name = ast.unparse(target)
        if name not in self.scope.facts:
            raise self.fail("known() takes a fact name", node, did_you_mean(name, self.scope.facts))
        del names
        return _C(lambda ctx: name in ctx.facts, "bool")

    # -- types ------------------------------------------------------------------------------
    def _expect(self, c: _C, want: str, node: ast.AST) -> _C:
        if want == "any" or c.type in (want, "any") or (c.type == "null" and want != "bool"):
            return c
        if want == "text" and c.type == "enum":
            return c
        raise self.fail(f"expected {want}, got {c.type}", node)


def map_offset(source: str, offset: int, base: Location) -> Location | None:
    """Where character ``offset`` of an expression written at ``base`` lies in the file, or None.

    Walks expression and file text in step; a run of whitespace (line breaks and indentation
    included) matches any run of whitespace, which is how YAML folds and indents blocks.
    """
    if not base.file or base.line is None or base.column is None:
        return None
    try:
        lines = _file_lines(base.file, Path(base.file).stat().st_mtime_ns)
    except OSError:
        return None
    ln, col, i = base.line - 1, base.column - 1, 0

    def skip_space(ln: int, col: int) -> tuple[int, int]:
        while ln < len(lines):
            if col >= len(lines[ln]):
                ln, col = ln + 1, 0
            elif lines[ln][col].isspace():
                col += 1
            else:
                break
        return ln, col

    while i < offset:
        if ln >= len(lines):
            return None
        if source[i].isspace():
            while i < offset and source[i].isspace():
                i += 1
            ln, col = skip_space(ln, col)
            continue
        if col >= len(lines[ln]) or lines[ln][col] != source[i]:
            return None  # the text differs (quoted escapes): fall back
        col, i = col + 1, i + 1
    ln, col = skip_space(ln, col)
    if ln >= len(lines):
        return None
    return Location(base.file, ln + 1, col + 1, lines[ln])


@functools.lru_cache(maxsize=64)
def _file_lines(path: str, mtime: int) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _not(v: Any, where: Location | None) -> Any:
    if v is UNKNOWN:
        return UNKNOWN
    if v is None:
        raise EvaluationError("null where yes/no was expected", where, "guard with happened(...)")
    return not v


def _lift(v: Any, f: Callable[[Any], Any]) -> Any:
    return v if v is UNKNOWN or v is None else f(v)


def parse_expression(source: Any, scope: Scope, location: Location | None = None) -> Expr:
    """Compile ``source`` (an expression as written in a rule file) against ``scope``."""
    if isinstance(source, bool):
        source = "true" if source else "false"
    elif isinstance(source, int):
        source = str(source)
    elif isinstance(source, dt.date):
        source = f'date("{source.isoformat()}")'
    elif source is None:
        source = "null"
    if not isinstance(source, str):
        raise ExpressionError(f"an expression must be text, not {type(source).__name__}", location)
    text = source.strip()
    if not text:
        raise ExpressionError("empty expression", location, "write a condition or value, e.g. true")
    if len(text) > 2000:
        raise ExpressionError("expression too long (over 2000 characters)", location, "split it into rules")
    compiler = _Compiler(text, scope, location)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # Python's own warnings (invalid escapes, 1if) are errors here
            tree = ast.parse(text, mode="eval")
    except (SyntaxWarning, DeprecationWarning) as e:
        raise compiler.fail(f"invalid expression: {e}", None,
                            "write text in quotes without backslashes, and put spaces around words") from None
    except SyntaxError as e:
        node_loc = None
        if e.lineno is not None:
            fake = ast.Constant(None)
            fake.lineno, fake.col_offset = e.lineno, max((e.offset or 1) - 1, 0)
            node_loc = fake
        hint = "expressions use names, literals, and/or/not, comparisons and the function table"
        if "\n" in text:
            hint = ("an expression over several lines must keep its line breaks inside parentheses (...), or "
                    "be a folded block (>-) whose lines all start at the same indentation")
        raise compiler.fail(f"invalid expression: {e.msg}", node_loc, hint) from None
    except (ValueError, MemoryError, RecursionError) as e:
        raise compiler.fail(f"invalid expression: {e}", None) from None
    try:
        compiled = compiler.compile(tree.body)
    except RecursionError:
        raise compiler.fail("expression nested too deeply", None) from None
    return Expr(text, compiled.fn, compiled.type, frozenset(compiler.facts), frozenset(compiler.rules), location)


__all__ = ["QUESTION_DATE", "Duration", "Expr", "Scope", "parse_expression"]
