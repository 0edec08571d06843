"""The expression tree: small frozen nodes, each carrying its place in the rule file and its type.

The parser builds the tree with every type ``ANY``; the checker (``check``) returns the same
tree with types filled in; the back ends (closures for explanations, generated Python for
``decide``, numpy for batches) compile the checked tree. Nothing downstream re-reads source text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from attrs import field, frozen

from lawcode.errors import Location


class ValueType(StrEnum):
    """What an expression gives: the checker's types (``NULL`` is a literal null, ``ANY`` unknown)."""

    BOOL = "bool"
    DATE = "date"
    INT = "int"
    TEXT = "text"
    LIST = "list"
    DURATION = "duration"
    NULL = "null"
    ANY = "any"


class Logic(StrEnum):
    AND = "and"
    OR = "or"


class CmpOp(StrEnum):
    EQ = "=="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    IN = "in"
    NOT_IN = "not in"


class ArithOp(StrEnum):
    ADD = "+"
    SUB = "-"


@frozen
class Node:
    """Base of every node: where it is written and (after checking) what type it gives."""

    at: Location | None = field(default=None, kw_only=True, eq=False, repr=False)
    type: ValueType = field(default=ValueType.ANY, kw_only=True)

    def children(self) -> tuple[Node, ...]:
        return ()


@frozen
class Literal(Node):
    """``true``, ``12``, ``"male"``, ``null`` or ``date("2024-01-01")``: a value checked at load time."""

    value: bool | int | str | dt.date | None


@frozen
class Name(Node):
    """A dotted name as written; the checker resolves it to a fact or a rule."""

    name: str


@frozen
class Fact(Node):
    """Reads an input fact (unknown when absent, ``None`` when it did not happen)."""

    name: str


@frozen
class RuleRef(Node):
    """Reads the value another rule decides (unknown when that rule is undetermined)."""

    name: str


@frozen
class QuestionDate(Node):
    """``on``: the date the question is asked about."""


@frozen
class Known(Node):
    """``known(fact)``: whether the fact was given at all, even as null; never unknown itself."""

    fact: str


@frozen
class Call(Node):
    """A call of a function of the fixed table (``language.functions``)."""

    function: str
    args: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.args


@frozen
class Not(Node):
    operand: Node

    def children(self) -> tuple[Node, ...]:
        return (self.operand,)


@frozen
class Neg(Node):
    operand: Node

    def children(self) -> tuple[Node, ...]:
        return (self.operand,)


@frozen
class BoolOp(Node):
    """``a and b and c`` / ``a or b``: three-valued (Kleene), evaluated left to right until decided."""

    op: Logic
    operands: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.operands


@frozen
class Compare(Node):
    """A comparison chain ``a < b <= c``: ``ops[i]`` compares ``operands[i]`` with ``operands[i + 1]``."""

    ops: tuple[CmpOp, ...]
    operands: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.operands


@frozen
class Arith(Node):
    """``+`` or ``-`` of dates, durations and numbers."""

    op: ArithOp
    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


@frozen
class IfElse(Node):
    """``then if test else otherwise``; an unknown test gives the branches' value when they agree."""

    test: Node
    then: Node
    otherwise: Node

    def children(self) -> tuple[Node, ...]:
        return (self.test, self.then, self.otherwise)


@frozen
class ListOf(Node):
    """``[a, b]``: unknown when an item is unknown."""

    items: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.items


def walk(node: Node) -> Iterator[Node]:
    """The node and every node below it, depth first, left to right (iteratively: trees may be deep)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children()))


def constant(node: Node) -> Any:
    """The value of a literal node, or ``NotConstant`` for anything else."""
    return node.value if isinstance(node, Literal) else NotConstant


class NotConstant:
    """Marker: the node is not a literal."""


__all__ = [
    "Arith", "ArithOp", "BoolOp", "Call", "CmpOp", "Compare", "Fact", "IfElse", "Known", "ListOf", "Literal",
    "Logic", "Name", "Neg", "Node", "Not", "NotConstant", "QuestionDate", "RuleRef", "ValueType", "constant", "walk",
]
