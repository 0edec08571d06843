"""The vector back end computes every expression as the explaining back end (the reference) does, row by row.

Random typed expressions (the generators of ``test_expression_fuzz``) over random rows of facts and
rule values: for each row, the column value, the facts missed and the error met must be those the
closures give for that row alone (value, UNKNOWN or null; ``ctx.missing``; the error's message).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lawcode import columndates as cd
from lawcode.errors import DateArithmeticError, EvaluationError, LawcodeError
from lawcode.language import UNKNOWN, Context, parse_expression
from lawcode.language.columns import Col, ErrorTable, FactCol, Frame, Interner, Part, RowErrors, RuleCol, from_py
from lawcode.language.syntax import ValueType
from lawcode.language.vector import compile_vector
from test_expression_fuzz import FACT_VALUES, SCOPE, WHERE, _typed, facts_strategy

pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning", "ignore::DeprecationWarning")
TYPES = {"a": ValueType.BOOL, "b": ValueType.BOOL, "d1": ValueType.DATE, "d2": ValueType.DATE, "n": ValueType.INT,
         "s": ValueType.TEXT, "e": ValueType.TEXT}
RULE_VALUES = {"r.flag": [True, False, UNKNOWN], "r.day": [dt.date(2024, 1, 1), dt.date(2024, 2, 29), None, UNKNOWN]}
ON = dt.date(2024, 5, 1)
rows_strategy = st.lists(st.tuples(facts_strategy, st.fixed_dictionaries(
    {k: st.sampled_from(v) for k, v in RULE_VALUES.items()})), min_size=1, max_size=40)


def _wrap(source: str) -> Any:
    def wrap(e: DateArithmeticError) -> Exception:
        return EvaluationError(f"{e.message} (in expression `{source}`)", WHERE, e.hint)

    return wrap


def scalar(expr: Any, facts: dict[str, Any], rules: dict[str, Any]) -> tuple[Any, frozenset[str], str | None]:
    ctx = Context(facts, ON, lambda name, c: rules[name])
    try:
        value = expr.evaluate(ctx)
    except LawcodeError as e:
        return None, frozenset(), str(e)
    return value, frozenset(ctx.missing), None


def columns(rows: list[tuple[dict[str, Any], dict[str, Any]]], strings: Interner, lists: Interner) -> Frame:
    n = len(rows)
    everyone = np.arange(n)
    facts: dict[str, FactCol] = {}
    frame = Frame(n, ON, facts, {name: i for i, name in enumerate(TYPES)}, strings, lists, ErrorTable(),
                  lambda name: rule_cols[name])
    for name, typ in TYPES.items():
        values = [f.get(name) for f, _ in rows]
        v, nul = from_py(frame, typ, values, everyone)
        unk = np.array([name not in f for f, _ in rows])
        facts[name] = FactCol(Col(typ, v, unk if unk.any() else None, nul & ~unk if nul.any() else None))
    rule_cols = {}
    for name, typ in (("r.flag", ValueType.BOOL), ("r.day", ValueType.DATE)):
        values = [None if r[name] is UNKNOWN else r[name] for _, r in rows]
        v, nul = from_py(frame, typ, values, everyone)
        unk = np.array([r[name] is UNKNOWN for _, r in rows])
        rule_cols[name] = RuleCol(Col(typ, v, unk if unk.any() else None, nul if nul.any() else None), None, None)
    return frame


def row_value(frame: Frame, col: Col, i: int) -> Any:
    if col.unk is not None and col.unk[i]:
        return UNKNOWN
    if col.nul is not None and col.nul[i]:
        return None
    raw = col.v[i] if isinstance(col.v, np.ndarray) else col.v
    if col.type == ValueType.DATE:
        return cd.to_date(raw)
    if col.type == ValueType.TEXT:
        return frame.strings.value(int(raw))
    if col.type == ValueType.LIST:
        return list(frame.lists.value(int(raw)))
    if col.type in (ValueType.BOOL, ValueType.INT):
        return raw.item() if hasattr(raw, "item") else raw
    return raw


SETTINGS = settings(max_examples=int(os.environ.get("LAWCODE_VECTOR_EXAMPLES", "300")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@SETTINGS
@given(st.one_of(*_typed.values()), rows_strategy)
def test_vector_agrees_with_closures_row_by_row(source: str, rows: list[tuple[dict[str, Any], dict[str, Any]]]) \
        -> None:
    try:
        expr = parse_expression(source, SCOPE, WHERE)
    except LawcodeError:
        assume(False)
        return
    frame = columns(rows, Interner(), Interner())
    errors = RowErrors(frame)
    part = Part(frame, errors, _wrap(expr.source))
    col = compile_vector(expr.tree)(part, None)
    for i, (facts, rules) in enumerate(rows):
        value, missing, error = scalar(expr, facts, rules)
        code = -1 if errors.codes is None else int(errors.codes[i])
        got_error = str(frame.errors.errors[code]) if code >= 0 else None
        assert got_error == error, (source, facts, rules)
        if error is not None:
            continue
        got = row_value(frame, col, i)
        assert (got is UNKNOWN) == (value is UNKNOWN), (source, facts, rules, got, value)
        if value is not UNKNOWN:
            assert got == value and type(got) is type(value), (source, facts, rules, got, value)
        bits = 0 if part.miss is None else int(part.miss[i, 0])
        got_missing = frozenset(name for k, name in enumerate(TYPES) if bits >> k & 1)
        assert got_missing == missing, (source, facts, rules)


def test_fact_values_cover_every_fact() -> None:
    assert set(FACT_VALUES) == set(TYPES)
