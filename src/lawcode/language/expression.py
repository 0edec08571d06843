"""A rule file's expression, parsed, checked and compiled: what the rulebook model holds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attrs import field, frozen

from lawcode.errors import N_, DateArithmeticError, EvaluationError, Location, Message
from lawcode.language.check import Scope, check
from lawcode.language.closures import Fn, compile_node
from lawcode.language.parse import parse
from lawcode.language.runtime import Context
from lawcode.language.syntax import Node, ValueType


@frozen
class Expr:
    """A checked expression: its source, where it was written, its typed tree and what it reads.

    ``fn`` is the tree compiled to closures that record their reads (the explaining back end).
    """

    source: str
    tree: Node
    type: ValueType
    facts: frozenset[str]
    rules: frozenset[str]
    location: Location | None = None
    fn: Fn = field(default=None, eq=False, repr=False)

    def evaluate(self, ctx: Context) -> Any:
        try:
            return self.fn(ctx)
        except DateArithmeticError as e:
            raise EvaluationError(Message(N_("{problem} (in expression `{source}`)"),
                                   problem=e.said, source=self.source), self.location,
                                  e.hint_said) from None


def parse_expression(source: Any, scope: Scope, location: Location | None = None,
                     lines: Sequence[str] | None = None) -> Expr:
    """Parse, check and compile ``source`` (an expression as written in a rule file) against ``scope``.

    ``lines`` are the rule file's lines, so that every node is located in the file exactly.
    """
    text, tree = parse(source, location, lines)
    typed, facts, rules = check(tree, scope)
    return Expr(text, typed, typed.type, facts, rules, location, compile_node(typed))
