"""Asking a rulebook about many people at once: a table of facts in, a table of answers out.

``decide_batch`` is ``decide`` for every row of a table: the same value, status, missing facts and,
for a row ``decide`` would refuse, the same error message, in that row's ``error`` (see
``engine.intake`` for the columns it reads and ``engine.vector`` for how rules are answered).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa

from lawcode.engine.answers import answer_table
from lawcode.engine.intake import ID, as_table, fact_columns
from lawcode.engine.questions import check_question, question_date
from lawcode.engine.vector import VectorRulebook, rule_value_type
from lawcode.language.columns import ErrorTable
from lawcode.language.syntax import ListOf, Literal, RuleRef, ValueType, walk
from lawcode.rulebook.model import Rulebook

T = ValueType
BLOCK = 1 << 17  # rows evaluated at a time: large enough to amortise the interpreter, small enough for caches
_ARROW = {T.DATE: pa.date32(), T.BOOL: pa.bool_(), T.INT: pa.int64(), T.TEXT: pa.string()}


class ColumnarAsker:
    """Answers questions about one rulebook for whole tables (the rules compiled to column functions once)."""

    def __init__(self, book: Rulebook):
        self.book = book
        self.program = VectorRulebook(book)

    def decide_batch(self, question: str, table: Any, on: Any = None, first_row: int = 1) -> pa.Table:
        """The answer to ``question`` for every row of ``table`` on ``on``: row, [id], status, value, missing,
        error (see ``Rulebook.decide_batch``)."""
        check_question(self.book, question)
        day = question_date(on)
        return self.answer(question, table, day, first_row)

    def answer(self, question: str, table: Any, day: dt.date, first_row: int = 1) -> pa.Table:
        book, program = self.book, self.program
        given = as_table(book, table)
        value_type = self.arrow_type(question)
        parts = []
        for start in range(0, max(given.n, 1), BLOCK):  # blocks whose temporaries stay in the CPU's caches
            block = given.slice(start, BLOCK) if given.n > BLOCK else given
            errors = ErrorTable()
            facts = fact_columns(book, block, program.strings, errors)
            result = program.run(question, facts, block.n, day, errors)
            parts.append(answer_table(book, result, errors, block.n, program.strings, program.lists, value_type,
                                      block.columns.get(ID), first_row + start))
        return parts[0] if len(parts) == 1 else pa.concat_tables(parts)

    def arrow_type(self, question: str) -> pa.DataType:
        """The Arrow type of a question's values (a list's items are typed by the lists its rules write)."""
        check_question(self.book, question)
        typ = rule_value_type(self.book.rules[question])
        if typ != T.LIST:
            return _ARROW.get(typ, pa.string())
        items: set[ValueType] = set()
        seen, stack = set(), [question]
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            rule = self.book.rules[name]
            for case in rule.all_cases():
                for node in walk(case.value.tree):
                    if isinstance(node, ListOf):
                        items.update(i.type for i in node.items if isinstance(i, Literal) and i.value is not None)
                    elif isinstance(node, RuleRef) and rule_value_type(self.book.rules[node.name]) == T.LIST:
                        stack.append(node.name)
        item = _ARROW.get(items.pop(), pa.string()) if len(items) == 1 else pa.string()
        return pa.list_(item)


__all__ = ["ColumnarAsker"]
