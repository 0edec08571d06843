"""Parse an expression into lawcode's own tree: Python's ``ast`` (eval mode), whitelisted node by node.

Only names of facts and rules, literals, comparisons, ``and``/``or``/``not``, ``+``/``-``,
``x if c else y``, lists, ``in`` and calls of the fixed function table are accepted; everything
else (attribute access on values, subscripts, lambdas, comprehensions...) is refused here, with
the place in the rule file. Each node keeps that place, so later passes never re-read the file.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import tokenize
import unicodedata
import warnings
from collections.abc import Sequence
from typing import Any

from lawcode import dates
from lawcode.errors import ExpressionError, Location, did_you_mean, quote
from lawcode.language.functions import FUNCTIONS
from lawcode.language.syntax import (
    Arith,
    ArithOp,
    BoolOp,
    Call,
    CmpOp,
    Compare,
    IfElse,
    Known,
    ListOf,
    Literal,
    Logic,
    Name,
    Neg,
    Node,
    Not,
    QuestionDate,
    ValueType,
)

LITERAL_NAMES: dict[str, Any] = {"true": True, "false": False, "null": None, "True": True, "False": False,
                                 "None": None}
QUESTION_DATE = "on"
MAX_LENGTH = 2000

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
_COMPARE = {ast.Eq: CmpOp.EQ, ast.NotEq: CmpOp.NE, ast.Lt: CmpOp.LT, ast.LtE: CmpOp.LE, ast.Gt: CmpOp.GT,
            ast.GtE: CmpOp.GE, ast.In: CmpOp.IN, ast.NotIn: CmpOp.NOT_IN}


def source_text(source: Any, location: Location | None = None) -> str:
    """An expression as text: YAML may give a bool, a number, a date or null where text was meant."""
    if isinstance(source, bool):
        return "true" if source else "false"
    if isinstance(source, int):
        return str(source)
    if isinstance(source, dt.date) and not isinstance(source, dt.datetime):
        return f'date("{source.isoformat()}")'
    if source is None:
        return "null"
    if not isinstance(source, str):
        raise ExpressionError(f"an expression must be text, not {type(source).__name__}", location)
    return source.strip()


class Positions:
    """Maps a place in the expression's text to the rule file (line, column, the line's text)."""

    def __init__(self, source: str, location: Location | None, lines: Sequence[str] | None):
        self.source = source
        self.base = location or Location()
        self.lines = source.splitlines() or [""]
        self.file_lines = lines

    def of(self, node: ast.AST | None) -> Location:
        """The place of a Python ``ast`` node; folded and literal YAML blocks map to their own lines."""
        base = self.base
        if node is None or not hasattr(node, "lineno"):
            return base
        line_idx: int = max(getattr(node, "lineno", 1) - 1, 0)
        line_text = self.lines[line_idx] if line_idx < len(self.lines) else ""
        col = len(line_text.encode("utf-8")[:getattr(node, "col_offset", 0)].decode("utf-8", "ignore"))
        offset = sum(len(x) + 1 for x in self.lines[:line_idx]) + col
        mapped = map_offset(self.source, offset, base, self.file_lines)
        if mapped is not None:
            return mapped
        if line_idx == 0:
            return Location(base.file, base.line, (base.column or 1) + col, base.text)
        return Location(base.file, (base.line or 1) + line_idx, col + 1, line_text)

    def at_offset(self, offset: int) -> Location:
        """The place of character ``offset`` of the expression's text."""
        before = self.source[:offset]
        fake = ast.Constant(None)
        fake.lineno = before.count("\n") + 1
        fake.col_offset = len(before.rsplit("\n", 1)[-1].encode("utf-8"))
        return self.of(fake)


def map_offset(source: str, offset: int, base: Location, lines: Sequence[str] | None) -> Location | None:
    """Where character ``offset`` of an expression written at ``base`` lies in the file's ``lines``, or None.

    Walks expression and file text in step; a run of whitespace (line breaks and indentation
    included) matches any run of whitespace, which is how YAML folds and indents blocks.
    """
    if not lines or not base.file or base.line is None or base.column is None:
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


class _Parser:
    """Python ``ast`` -> lawcode nodes; refuses everything outside the language."""

    def __init__(self, positions: Positions):
        self.pos = positions

    def fail(self, message: str, node: ast.AST | None, hint: str | None = None) -> ExpressionError:
        return ExpressionError(message, self.pos.of(node), hint)

    def node(self, tree: ast.AST) -> Node:
        method = getattr(self, "_" + type(tree).__name__, None)
        if method is None:
            label = REFUSED.get(type(tree), f"'{type(tree).__name__}' is not allowed in an expression")
            raise self.fail(label, tree, "see the expression language in the README")
        result: Node = method(tree)
        return result

    def _Constant(self, tree: ast.Constant) -> Node:
        v = tree.value
        if isinstance(v, bool | int | str) or v is None:
            return self._literal(v, tree)
        raise self.fail(f"literal {quote(v)} is not allowed", tree,
                        "use whole numbers, text in quotes, true/false/null")

    def _literal(self, value: Any, tree: ast.AST) -> Literal:
        typ = {bool: ValueType.BOOL, int: ValueType.INT, str: ValueType.TEXT, dt.date: ValueType.DATE,
               type(None): ValueType.NULL}[type(value)]
        return Literal(value, at=self.pos.of(tree), type=typ)

    def _Name(self, tree: ast.Name) -> Node:
        return self._name(tree.id, tree)

    def _Attribute(self, tree: ast.Attribute) -> Node:
        parts: list[str] = []
        cur: ast.AST = tree
        while isinstance(cur, ast.Attribute):
            parts.append(cur.attr)
            cur = cur.value
        if not isinstance(cur, ast.Name):
            raise self.fail("attribute access is not allowed", tree, "names are facts or rules, e.g. person.birth_date")
        parts.append(cur.id)
        return self._name(".".join(reversed(parts)), tree)

    def _name(self, name: str, tree: ast.AST) -> Node:
        if name in LITERAL_NAMES:
            return self._literal(LITERAL_NAMES[name], tree)
        if name == QUESTION_DATE:
            return QuestionDate(at=self.pos.of(tree), type=ValueType.DATE)
        if "__" in name:
            raise self.fail(f"{quote(name)} is not allowed", tree, "names are facts or rules, e.g. person.birth_date")
        if name in FUNCTIONS:
            raise self.fail(f"'{name}' is a function; call it as {name}(...)", tree)
        return Name(name, at=self.pos.of(tree))

    def _List(self, tree: ast.List) -> Node:
        return ListOf(tuple(self.node(e) for e in tree.elts), at=self.pos.of(tree))

    _Tuple = _List

    def _BoolOp(self, tree: ast.BoolOp) -> Node:
        op = Logic.AND if isinstance(tree.op, ast.And) else Logic.OR
        return BoolOp(op, tuple(self.node(v) for v in tree.values), at=self.pos.of(tree))

    def _UnaryOp(self, tree: ast.UnaryOp) -> Node:
        if isinstance(tree.op, ast.Not):
            return Not(self.node(tree.operand), at=self.pos.of(tree))
        if isinstance(tree.op, ast.USub):
            inner = self.node(tree.operand)
            if isinstance(inner, Literal) and type(inner.value) is int:
                return Literal(-inner.value, at=self.pos.of(tree), type=ValueType.INT)
            return Neg(inner, at=self.pos.of(tree))
        raise self.fail("this operator is not allowed", tree)

    def _IfExp(self, tree: ast.IfExp) -> Node:
        return IfElse(self.node(tree.test), self.node(tree.body), self.node(tree.orelse), at=self.pos.of(tree))

    def _Compare(self, tree: ast.Compare) -> Node:
        operands = [self.node(tree.left), *(self.node(c) for c in tree.comparators)]
        ops: list[CmpOp] = []
        for op, right in zip(tree.ops, tree.comparators, strict=True):
            found = _COMPARE.get(type(op))
            if found is None:
                raise self.fail("'is' is not allowed; use == or !=", right)
            ops.append(found)
        # each link of the chain is located at its right operand (operands[i + 1].at), where a reader
        # looks for the mistake
        return Compare(tuple(ops), tuple(operands), at=self.pos.of(tree))

    def _BinOp(self, tree: ast.BinOp) -> Node:
        if not isinstance(tree.op, ast.Add | ast.Sub):
            raise self.fail("only + and - are allowed", tree)
        op = ArithOp.ADD if isinstance(tree.op, ast.Add) else ArithOp.SUB
        return Arith(op, self.node(tree.left), self.node(tree.right), at=self.pos.of(tree))

    def _Call(self, tree: ast.Call) -> Node:
        if not isinstance(tree.func, ast.Name):
            raise self.fail("only functions of the table can be called", tree,
                            "functions: " + ", ".join(sorted(FUNCTIONS)))
        name = tree.func.id
        spec = FUNCTIONS.get(name)
        if spec is None:
            raise self.fail(f"unknown function {quote(name)}", tree,
                            did_you_mean(name, FUNCTIONS) or "functions: " + ", ".join(sorted(FUNCTIONS)))
        if tree.keywords:
            raise self.fail(f"{name}() takes positional arguments only", tree)
        n = len(tree.args)
        if (spec.variadic and n < 1) or (not spec.variadic and n != len(spec.params)):
            want = "one or more" if spec.variadic else str(len(spec.params))
            raise self.fail(f"{name}() takes {want} argument(s), got {n}", tree, spec.doc)
        if name == "date":
            arg = tree.args[0]
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                raise self.fail("date() takes a literal \"YYYY-MM-DD\"", tree)
            try:
                return self._literal(dates.parse_iso_date(arg.value), tree)
            except ValueError as e:
                raise self.fail(str(e), arg) from None
        if name == "known":
            target = tree.args[0]
            inner = self.node(target)
            if not isinstance(inner, Name):
                raise self.fail("known() takes a fact name", tree)
            return Known(inner.name, at=self.pos.of(tree), type=ValueType.BOOL)
        return Call(name, tuple(self.node(a) for a in tree.args), at=self.pos.of(tree))


def _refuse_foreign_names(text: str, positions: Positions) -> None:
    """Names are ASCII: Python would silently fold a fullwidth ｐ into p, and mixed scripts deceive."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return  # the parser reports the syntax error with its place
    lines = text.splitlines(keepends=True)
    for tok in tokens:
        if tok.type != tokenize.NAME or tok.string.isascii():
            continue
        bad = next(ch for ch in tok.string if not ch.isascii())
        offset = sum(len(x) for x in lines[: tok.start[0] - 1]) + tok.start[1] + tok.string.index(bad)
        raise ExpressionError(
            f"names are ASCII letters, digits and _ joined by dots; '{tok.string}' has "
            f"'{bad}' (U+{ord(bad):04X} {unicodedata.name(bad, 'unnamed character')})",
            positions.at_offset(offset), "retype the name in plain Latin letters")


def parse(source: Any, location: Location | None = None, lines: Sequence[str] | None = None) -> tuple[str, Node]:
    """The expression's text and its syntax tree; ``lines`` are the rule file's lines, to locate nodes."""
    text = source_text(source, location)
    if not text:
        raise ExpressionError("empty expression", location, "write a condition or value, e.g. true")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression too long (over {MAX_LENGTH} characters)", location,
                              "split it into rules")
    positions = Positions(text, location, lines)
    parser = _Parser(positions)
    _refuse_foreign_names(text, positions)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # Python's own warnings (invalid escapes, 1if) are errors here
            tree = ast.parse(text, mode="eval")
    except (SyntaxWarning, DeprecationWarning) as e:
        raise parser.fail(f"invalid expression: {e}", None,
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
        raise parser.fail(f"invalid expression: {e.msg}", node_loc, hint) from None
    except (ValueError, MemoryError, RecursionError) as e:
        raise parser.fail(f"invalid expression: {e}", None) from None
    try:
        return text, parser.node(tree.body)
    except RecursionError:
        raise parser.fail("expression nested too deeply", None) from None


__all__ = ["LITERAL_NAMES", "MAX_LENGTH", "QUESTION_DATE", "REFUSED", "Positions", "map_offset", "parse",
           "source_text"]
