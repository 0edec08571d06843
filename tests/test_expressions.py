"""The expression language: parsing, typing, three-valued evaluation, locations and what is read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest

from lawcode.errors import EvaluationError, ExpressionError, Location
from lawcode.language import UNKNOWN, Context, Expr, Scope, parse_expression

D = dt.date
ON = D(2024, 5, 1)
FACTS = {"a": "bool", "b": "bool", "d1": "date", "d2": "date", "d3": "date", "n": "int", "s": "text"}
RULES = {"r.flag": "bool", "r.day": "date"}
SCOPE = Scope(facts=FACTS, rules=RULES)
WHERE = Location("rules/x.yaml", 10, 15)


def parse(source: Any, location: Location | None = WHERE) -> Expr:
    return parse_expression(source, SCOPE, location)


def rules_reader(values: Mapping[str, Any]) -> Any:
    def read(name: str, ctx: Context) -> Any:
        ctx.rules_read[name] = values[name]
        return values[name]

    return read


def context(facts: Mapping[str, Any] | None = None, rules: Mapping[str, Any] | None = None,
            on: dt.date = ON) -> Context:
    return Context(facts or {}, on, rules_reader(rules or {}))


def ev(source: str, facts: Mapping[str, Any] | None = None, rules: Mapping[str, Any] | None = None,
       on: dt.date = ON) -> Any:
    return parse(source).evaluate(context(facts, rules, on))


# -- three-valued logic ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "source, facts, expected",
    [
        ("a and b", {"a": False}, False),  # False and UNKNOWN = False
        ("b and a", {"a": False}, False),  # UNKNOWN and False = False
        ("a and b", {"a": True}, UNKNOWN),  # True and UNKNOWN = UNKNOWN
        ("a or b", {"a": True}, True),  # True or UNKNOWN = True
        ("b or a", {"a": True}, True),  # UNKNOWN or True = True
        ("a or b", {"a": False}, UNKNOWN),  # False or UNKNOWN = UNKNOWN
        ("not a", {}, UNKNOWN),  # not UNKNOWN = UNKNOWN
        ("not a", {"a": True}, False),
        ("a and b", {"a": True, "b": True}, True),
        ("a or b", {"a": False, "b": False}, False),
        ("a and b and true", {}, UNKNOWN),
        ("a or b or true", {}, True),
        ("not (a and false)", {}, True),
        ("not (a or true)", {}, False),
    ],
)
def test_kleene_logic(source: str, facts: dict[str, Any], expected: Any) -> None:
    assert ev(source, facts) is expected


def test_null_where_yes_no_expected_is_an_evaluation_error() -> None:
    nullable = Scope(facts={"a": "bool"}, rules={})
    expr = parse_expression("a and true", nullable, WHERE)
    with pytest.raises(EvaluationError) as info:
        expr.evaluate(context({"a": None}))
    assert "null where yes/no was expected" in info.value.message
    assert "happened" in (info.value.hint or "")


def test_a_fact_that_cannot_change_the_answer_is_not_missing() -> None:
    ctx = context({"a": False})
    assert parse("a and b").evaluate(ctx) is False
    assert ctx.missing == set()
    ctx = context({"a": True})
    assert parse("a and b").evaluate(ctx) is UNKNOWN
    assert ctx.missing == {"b"}


# -- null and unknown in dates ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "source, facts, expected",
    [
        ("d1 + days(7)", {"d1": D(2024, 4, 8)}, D(2024, 4, 15)),
        ("d1 + days(7)", {"d1": None}, None),  # the event did not happen: no date
        ("d1 + days(7)", {}, UNKNOWN),  # not given: unknown
        ("d1 - days(1)", {"d1": D(2024, 3, 1)}, D(2024, 2, 29)),
        ("d1 + months(1) + days(1)", {"d1": D(2024, 1, 15)}, D(2024, 2, 16)),
        ("d1 + years(1)", {"d1": D(2023, 3, 1)}, D(2024, 3, 1)),
        ("d1 + (days(1) + days(2))", {"d1": D(2024, 1, 1)}, D(2024, 1, 4)),
        ("d2 - d1", {"d1": D(2024, 1, 1), "d2": D(2024, 3, 1)}, 60),
        ("d2 - d1", {"d1": None, "d2": D(2024, 3, 1)}, None),
        ("d2 - d1", {"d1": None}, UNKNOWN),
        ("n + 1", {"n": 2}, 3),
        ("n - 5", {"n": 2}, -3),
        ("-n", {"n": 2}, -2),
        ("-n", {}, UNKNOWN),
        ("day_after(d1)", {"d1": None}, None),
        ("day_after(d1)", {"d1": D(2024, 12, 31)}, D(2025, 1, 1)),
        ("on", {}, ON),
        ("on + days(1)", {}, D(2024, 5, 2)),
    ],
)
def test_date_arithmetic_propagates_null_and_unknown(source: str, facts: dict[str, Any], expected: Any) -> None:
    result = ev(source, facts)
    if expected is UNKNOWN or expected is None:
        assert result is expected
    else:
        assert result == expected


def test_ambiguous_month_arithmetic_is_a_located_evaluation_error() -> None:
    expr = parse("d1 + months(1)")
    with pytest.raises(EvaluationError) as info:
        expr.evaluate(context({"d1": D(2024, 1, 31)}))
    assert "d1 + months(1)" in info.value.message
    assert info.value.location == WHERE


@pytest.mark.parametrize("source", ["d1 < date(\"2024-01-01\")", "date(\"2024-01-01\") >= d1", "d1 <= d2"])
def test_ordering_a_null_raises_with_a_hint(source: str) -> None:
    with pytest.raises(EvaluationError) as info:
        ev(source, {"d1": None, "d2": D(2024, 1, 1)})
    assert "cannot order a null value" in info.value.message
    assert "happened" in (info.value.hint or "")
    assert info.value.location is not None and info.value.location.file == "rules/x.yaml"


def test_equality_with_null_is_allowed() -> None:
    assert ev("d1 == null", {"d1": None}) is True
    assert ev("d1 != null", {"d1": D(2024, 1, 1)}) is True
    assert ev("d1 == null", {}) is UNKNOWN


def test_ordering_an_unknown_is_unknown_not_an_error() -> None:
    assert ev("d1 < date(\"2024-01-01\")", {}) is UNKNOWN


# -- known() and happened() ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "facts, known, happened",
    [
        ({}, False, UNKNOWN),  # absent: not known; whether it happened is unknown
        ({"d1": None}, True, False),  # null: known not to have happened
        ({"d1": D(2024, 1, 1)}, True, True),
    ],
)
def test_known_versus_happened(facts: dict[str, Any], known: bool, happened: Any) -> None:
    assert ev("known(d1)", facts) is known
    assert ev("happened(d1)", facts) is happened


def test_known_does_not_make_the_fact_missing() -> None:
    ctx = context({})
    parse("known(d1)").evaluate(ctx)
    assert ctx.missing == set()
    ctx = context({})
    parse("happened(d1)").evaluate(ctx)
    assert ctx.missing == {"d1"}


@pytest.mark.parametrize("source", ["known(on)", "known(1)", "known(r.flag)", "known(null)"])
def test_known_takes_a_fact_name(source: str) -> None:
    with pytest.raises(ExpressionError, match=r"known\(\) takes a fact name|unknown name"):
        parse(source)


# -- in, lists and comparisons ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "source, facts, expected",
    [
        ('s in ["a", "b"]', {"s": "a"}, True),
        ('s in ["a", "b"]', {"s": "c"}, False),
        ('s not in ["a", "b"]', {"s": "c"}, True),
        ('s in ["a", "b"]', {}, UNKNOWN),
        ("d1 in [d2, d3]", {"d1": D(2024, 1, 1), "d2": D(2024, 1, 2)}, UNKNOWN),  # d3 unknown
        ("d1 in [d2, d3]", {"d1": D(2024, 1, 1), "d2": D(2024, 1, 2), "d3": D(2024, 1, 1)}, True),
        ("n in [1, 2, 3]", {"n": 4}, False),
        ("n in []", {"n": 4}, False),
    ],
)
def test_in_lists(source: str, facts: dict[str, Any], expected: Any) -> None:
    assert ev(source, facts) is expected


def test_in_needs_a_list() -> None:
    with pytest.raises(ExpressionError, match="'in' needs a list"):
        parse('s in "abc"')


@pytest.mark.parametrize(
    "source, facts, expected",
    [
        ('date("2024-01-01") <= d1 < date("2025-01-01")', {"d1": D(2024, 6, 1)}, True),
        ('date("2024-01-01") <= d1 < date("2025-01-01")', {"d1": D(2025, 1, 1)}, False),
        ('date("2024-01-01") <= d1 < date("2025-01-01")', {"d1": D(2023, 12, 31)}, False),
        ('date("2024-01-01") <= d1 < date("2025-01-01")', {}, UNKNOWN),
        ("1 < n < 3", {"n": 2}, True),
        ("1 < n < 3", {}, UNKNOWN),
        ("3 < 1 < n", {}, False),  # a false link decides, whatever the unknown
        ("n < 1 < 0", {}, False),
        ("1 < 2 < 3 < 4", {}, True),
    ],
)
def test_chained_comparisons(source: str, facts: dict[str, Any], expected: Any) -> None:
    assert ev(source, facts) is expected


@pytest.mark.parametrize(
    "source, message",
    [
        ("d1 < 3", "cannot compare date with int"),
        ('s == d1', "cannot compare text with date"),
        ("a < b", "only dates and numbers can be ordered"),
        ("d1 < null", "only dates and numbers can be ordered"),
        ("d1 is null", "'is' is not allowed"),
        ("a + 1", "cannot compute bool + int"),
        ("d1 + d2", "cannot compute date + date"),
        ("days(1) - d1", "cannot compute duration - date"),
        ("d1 * 2", "only + and - are allowed"),
        ("not d1", "expected bool, got date"),
        ("a and d1", "expected bool, got date"),
        ("-d1", "this operator is not allowed"),
        ("~n", "this operator is not allowed"),
        ("1.5", "literal 1.5 is not allowed"),
        ("days(s)", "expected int, got text"),
        ("days(1, 2)", "days() takes 1 argument(s), got 2"),
        ("earliest()", "earliest() takes one or more argument(s), got 0"),
        ('anniversary(d1, n, "last_day")', "argument 2 of anniversary() must be written as a literal"),
        ('anniversary(d1, 18, "leap")', "unknown convention 'leap'"),
        ('age(d1, on, s)', "argument 3 of age() must be written as a literal"),
        ("date(s)", 'date() takes a literal "YYYY-MM-DD"'),
        ('date("2024-13-01")', "bad date '2024-13-01'"),
        ('date("2023-02-29")', "2023 has no 29 February"),
        ("known", "'known' is a function; call it as known(...)"),
        ("", "empty expression"),
        ("   ", "empty expression"),
        ("a and", "invalid expression"),
        ("x" * 2001, "expression too long"),
    ],
)
def test_refused_at_parse_time(source: str, message: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(source)
    assert message in info.value.message


def test_keyword_arguments_are_refused() -> None:
    with pytest.raises(ExpressionError, match="positional arguments only"):
        parse("days(days=1)")


# -- if-else, earliest, latest ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "source, facts, expected",
    [
        ("d1 if a else d2", {"a": True, "d1": D(2024, 1, 1), "d2": D(2024, 2, 1)}, D(2024, 1, 1)),
        ("d1 if a else d2", {"a": False, "d1": D(2024, 1, 1), "d2": D(2024, 2, 1)}, D(2024, 2, 1)),
        ("d1 if a else d2", {"d1": D(2024, 1, 1), "d2": D(2024, 2, 1)}, UNKNOWN),  # branches differ
        ("d1 if a else d2", {"d1": D(2024, 1, 1), "d2": D(2024, 1, 1)}, D(2024, 1, 1)),  # same either way
        ("d1 if a else d2", {"d1": D(2024, 1, 1)}, UNKNOWN),  # one branch unknown
        ("d1 if a else null", {"a": False, "d1": D(2024, 1, 1)}, None),
        ("1 if a else 1", {}, 1),
    ],
)
def test_if_else(source: str, facts: dict[str, Any], expected: Any) -> None:
    result = ev(source, facts)
    if expected is UNKNOWN or expected is None:
        assert result is expected
    else:
        assert result == expected


@pytest.mark.parametrize(
    "source, facts, expected",
    [
        ("earliest(d1, d2)", {"d1": D(2024, 3, 1), "d2": D(2024, 2, 1)}, D(2024, 2, 1)),
        ("latest(d1, d2)", {"d1": D(2024, 3, 1), "d2": D(2024, 2, 1)}, D(2024, 3, 1)),
        ("earliest(d1, d2)", {"d1": None, "d2": D(2024, 2, 1)}, D(2024, 2, 1)),  # null skipped
        ("latest(d1, d2, d3)", {"d1": None, "d2": D(2024, 2, 1), "d3": None}, D(2024, 2, 1)),
        ("earliest(d1, d2)", {"d1": None, "d2": None}, None),  # nothing happened
        ("latest(d1)", {"d1": None}, None),
        ("earliest(d1, d2)", {"d1": D(2024, 3, 1)}, UNKNOWN),  # d2 might be earlier
        ("latest(d1, d2)", {"d1": None}, UNKNOWN),
        ('earliest(d1, date("2020-01-01"))', {"d1": D(2024, 3, 1)}, D(2020, 1, 1)),
    ],
)
def test_earliest_and_latest_skip_nulls(source: str, facts: dict[str, Any], expected: Any) -> None:
    result = ev(source, facts)
    if expected is UNKNOWN or expected is None:
        assert result is expected
    else:
        assert result == expected


def test_earliest_takes_dates_only() -> None:
    with pytest.raises(ExpressionError, match="expected date, got int"):
        parse("earliest(d1, 3)")


# -- locations -------------------------------------------------------------------------------------
def test_error_on_the_first_line_is_shifted_by_its_column() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("a and nosuch")
    loc = info.value.location
    assert loc is not None
    assert (loc.file, loc.line, loc.column) == ("rules/x.yaml", 10, 15 + 6)


def test_error_on_a_later_line_of_a_multiline_expression() -> None:
    source = '(a\n and b\n and d1 < date("2024-02-30"))'
    with pytest.raises(ExpressionError) as info:
        parse(source)
    loc = info.value.location
    assert loc is not None
    # line 3 of the expression, column of the literal in that line (1-based)
    assert (loc.file, loc.line, loc.column) == ("rules/x.yaml", 12, len(' and d1 < date(') + 1)
    assert loc.text == ' and d1 < date("2024-02-30"))'


def test_syntax_error_location_is_inside_the_expression() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("(a and\n b and)")
    loc = info.value.location
    assert loc is not None and loc.line == 11
    assert "invalid expression" in info.value.message


def test_unknown_name_suggests_the_closest_fact() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("happened(dd1) and known(d1)")
    assert info.value.message == "unknown name 'dd1'"
    assert "did you mean 'd1'" in (info.value.hint or "")
    assert info.value.location is not None and info.value.location.column == 15 + len("happened(")


def test_no_location_given_still_gives_line_and_column_in_the_expression() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("a and nosuch", location=None)
    loc = info.value.location
    assert loc is not None and loc.column == 7


def test_caret_points_at_the_offending_text() -> None:
    line = '        when: on >= date("2024-02-30")'
    where = Location("rules/x.yaml", 7, line.index("on >=") + 1, line)
    with pytest.raises(ExpressionError) as info:
        parse_expression('on >= date("2024-02-30")', SCOPE, where)
    loc = info.value.location
    assert loc is not None and loc.text is not None and loc.column is not None
    assert loc.text[loc.column - 1:].startswith('"2024-02-30"')


# -- what an expression reads ----------------------------------------------------------------------
def test_names_read_are_recorded_statically() -> None:
    expr = parse('happened(d1) and r.flag and (d2 < r.day or s in ["x"]) and known(d3)')
    assert expr.facts == frozenset({"d1", "d2", "s", "d3"})
    assert expr.rules == frozenset({"r.flag", "r.day"})
    assert expr.type == "bool"
    assert expr.source.startswith("happened(d1)")
    assert expr.location == WHERE


def test_reads_and_missing_are_recorded_at_run_time() -> None:
    expr = parse("d1 + days(1) == d2 and happened(d3)")
    ctx = context({"d1": D(2024, 1, 1), "d2": None})
    assert expr.evaluate(ctx) is False  # d2 is null, so the equality is false whatever d3
    assert ctx.reads == {"d1": D(2024, 1, 1), "d2": None}
    assert ctx.missing == set()
    ctx = context({"d1": D(2024, 1, 1)})
    assert expr.evaluate(ctx) is UNKNOWN
    assert ctx.missing == {"d2", "d3"}
    assert ctx.reads == {"d1": D(2024, 1, 1)}


def test_rules_are_read_through_the_reader() -> None:
    ctx = context({}, {"r.flag": True, "r.day": D(2024, 1, 1)})
    assert parse("r.flag and r.day < on").evaluate(ctx) is True
    assert ctx.rules_read == {"r.flag": True, "r.day": D(2024, 1, 1)}


def test_derivations_are_recorded() -> None:
    ctx = context({"d1": D(2004, 2, 29)})
    value = parse('anniversary(d1, 18, "last_day")').evaluate(ctx)
    assert value == D(2022, 2, 28)
    assert [d.function for d in ctx.derived] == ["anniversary"]
    assert ctx.derived[0].value == D(2022, 2, 28)
    ctx = context({"d1": D(2000, 5, 10)})
    assert parse('age(d1, on, "error")').evaluate(ctx) == 23
    assert ctx.derived[0].function == "age"
    ctx = context({"d1": D(2024, 3, 8)})
    assert parse("expiry(d1, 20)").evaluate(ctx) == D(2024, 3, 28)
    assert ctx.derived[0].function == "expiry"


# -- literals and types ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "source, expected, typ",
    [
        (True, True, "bool"),
        (False, False, "bool"),
        (7, 7, "int"),
        (None, None, "null"),
        (D(2024, 1, 2), D(2024, 1, 2), "date"),
        ("true", True, "bool"),
        ("True", True, "bool"),
        ("null", None, "null"),
        ("None", None, "null"),
        ('"text"', "text", "text"),
        ("[1, 2]", [1, 2], "list"),
        ('date("2024-02-29")', D(2024, 2, 29), "date"),
        ("-3", -3, "int"),
    ],
)
def test_yaml_scalars_and_literals(source: Any, expected: Any, typ: str) -> None:
    expr = parse(source)
    assert expr.type == typ
    assert expr.evaluate(context()) == expected


def test_an_expression_must_be_text() -> None:
    with pytest.raises(ExpressionError, match="must be text, not list"):
        parse(["a"])


# -- defects ---------------------------------------------------------------------------------------
def test_if_else_on_a_null_condition_is_an_error() -> None:
    with pytest.raises(EvaluationError, match="null where yes/no was expected"):
        ev("1 if a else 2", {"a": None})


def test_not_on_a_null_is_a_located_error() -> None:
    with pytest.raises(EvaluationError) as info:
        ev("not a", {"a": None})
    assert info.value.location is not None


# -- the typed tree (engine v2) -------------------------------------------------------------------
def test_in_on_something_that_can_only_be_null_is_a_type_error_at_load() -> None:
    with pytest.raises(ExpressionError) as info:
        parse('"a" in (null if on > on else null)')
    assert "'in' needs a list" in info.value.message
    assert "only be null" in (info.value.hint or "")


@pytest.mark.parametrize("source, char", [("\uff50erson.sex == 1", "U+FF50"), ("\u0430 and b", "U+0430")])
def test_names_are_ascii_not_silently_normalised(source: str, char: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(source)
    assert char in info.value.message
    assert info.value.location is not None and info.value.location.column == WHERE.column


def test_the_tree_keeps_types_and_places() -> None:
    from lawcode.language.syntax import BoolOp, Compare, Fact, walk

    expr = parse('a and d1 < date("2024-01-01")')
    assert isinstance(expr.tree, BoolOp) and expr.tree.type == "bool"
    compare = expr.tree.operands[1]
    assert isinstance(compare, Compare)
    facts = [n for n in walk(expr.tree) if isinstance(n, Fact)]
    assert [(f.name, f.type) for f in facts] == [("a", "bool"), ("d1", "date")]
    assert [f.at.column for f in facts if f.at and f.at.column] == [15, 21]
