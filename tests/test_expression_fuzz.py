"""Property tests of the expression parser: any text gives a value or a LawcodeError, never Python's.

A rule file is untrusted input: whatever its author writes, ``parse_expression`` must either
compile it to lawcode's own nodes or raise a ``LawcodeError`` subclass with a location (never
SyntaxError, ValueError, RecursionError, MemoryError, TypeError...), and nothing it accepts may
reach Python objects, builtins or the import system.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from fuzzing import assert_reported, fuzz
from lawcode.errors import ExpressionError, LawcodeError, Location
from lawcode.language import UNKNOWN, Context, Duration, Scope, parse_expression

SCOPE = Scope(
    facts={"a": "bool", "b": "bool", "d1": "date", "d2": "date", "n": "int", "s": "text", "e": "text"},
    rules={"r.flag": "bool", "r.day": "date"},
)
WHERE = Location("rules/fuzz.yaml", 3, 11, "    value: ...")
# ast.parse warns about some odd literals ("1if", "\\d"); test_parsing_emits_no_python_warnings shows the defect,
# the properties below need not repeat it
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning", "ignore::DeprecationWarning")

TOKENS = [
    # names: facts, rules, the question date, unknown names, Python's own
    "a", "b", "d1", "d2", "n", "s", "e", "r.flag", "r.day", "on", "nosuch", "person.birth_date", "x.y.z",
    "__import__", "__class__", "__builtins__", "os", "sys", "open", "eval", "exec", "print", "globals",
    "getattr", "self", "_",
    # the function table and friends
    "date", "days", "months", "years", "known", "happened", "earliest", "latest", "anniversary",
    "expiry", "day_after", "age",
    # literals
    "0", "1", "-1", "18", "1.5", "1e9", "0x10", "1j", "10**9", '"2024-01-01"', '"2024-02-30"', "'x'",
    '"last_day"', '"error"', "true", "false", "null", "None", "True", "...", "b'x'", 'f"{a}"',
    # operators and punctuation
    "and", "or", "not", "in", "not in", "is", "is not", "if", "else", "+", "-", "*", "/", "//", "%",
    "**", "<", "<=", "==", "!=", ">", ">=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=",
    ":=", "@", "~", "&", "|", "^", "<<", "lambda", "for", "yield", "await", "async", "import",
    "\\", "\n", "\t", "#", "'", '"', "\x00", "ё", "١",
]  # fmt: skip

token_text = st.lists(st.sampled_from(TOKENS), max_size=25)
python_ish = st.one_of(token_text.map(" ".join), token_text.map("".join))

FACT_VALUES: dict[str, Any] = {
    "a": st.sampled_from([True, False, None]),
    "b": st.sampled_from([True, False, None]),
    "d1": st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))),
    "d2": st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))),
    "n": st.one_of(st.none(), st.integers(-40, 40)),
    "s": st.sampled_from(["", "x", "male", None]),
    "e": st.sampled_from(["a", "b", None]),
}
facts_strategy = st.dictionaries(st.sampled_from(sorted(FACT_VALUES)), st.none(), max_size=7).flatmap(
    lambda keys: st.fixed_dictionaries({k: FACT_VALUES[k] for k in keys})
)
rules_strategy = st.fixed_dictionaries(
    {"r.flag": st.sampled_from([True, False, UNKNOWN]), "r.day": st.sampled_from([dt.date(2024, 1, 1), None, UNKNOWN])}
)


def _try_parse(source: Any) -> Any:
    try:
        return parse_expression(source, SCOPE, WHERE)
    except LawcodeError as e:
        assert isinstance(e.message, str) and e.message
        assert e.location is not None
        assert_reported(e)  # rendering the message never fails either, and stays bounded and safe
        return None


@fuzz("expression-parse", 300)
@given(st.text(max_size=120))
def test_arbitrary_text_gives_an_expression_or_a_lawcode_error(source: str) -> None:
    _try_parse(source)


@fuzz("expression-parse", 300)
@given(python_ish)
def test_python_like_text_gives_an_expression_or_a_lawcode_error(source: str) -> None:
    _try_parse(source)


@fuzz("expression-parse", 300)
@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.dates(), st.lists(st.integers(), max_size=3),
                 st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.binary(max_size=5)))
def test_any_yaml_scalar_gives_an_expression_or_a_lawcode_error(source: Any) -> None:
    _try_parse(source)


ATOMS = [
    "a", "b", "d1", "d2", "n", "s", "e", "r.flag", "r.day", "on", "0", "1", "18", "-3", '"x"', '"male"',
    "true", "false", "null", 'date("2024-01-01")', 'date("2024-02-29")', "days(7)", "months(1)", "years(1)",
    "days(n)", "known(d1)", "known(a)", "happened(d2)", "happened(r.day)", "[]", '"last_day"',
]
BINARY = ["and", "or", "+", "-", "<", "<=", "==", "!=", ">", ">=", "in", "not in"]
CALLS = ["earliest", "latest", "happened", "day_after", "days", "months", "years", "expiry", "known"]


def _grow(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from(BINARY), children).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(children, st.sampled_from(["<", "<="]), children, children).map(
            lambda t: f"({t[0]} {t[1]} {t[2]} {t[1]} {t[3]})"),
        children.map(lambda c: f"(not {c})"),
        children.map(lambda c: f"(-{c})"),
        st.tuples(children, children, children).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
        st.lists(children, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.tuples(st.sampled_from(CALLS), st.lists(children, min_size=1, max_size=3)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"),
        st.tuples(children, st.sampled_from(["18", "27", "n"]), st.sampled_from(['"last_day"', '"error"'])).map(
            lambda t: f"anniversary({t[0]}, {t[1]}, {t[2]})"),
        st.tuples(children, children).map(lambda t: f'age({t[0]}, {t[1]}, "last_day")'),
    )


well_formed = st.recursive(st.sampled_from(ATOMS), _grow, max_leaves=12)


Strategies = dict[str, st.SearchStrategy[str]]
TYPED_ATOMS: Strategies = {
    "bool": st.sampled_from(["a", "b", "r.flag", "true", "false", "known(d1)", "happened(d2)", "happened(r.day)"]),
    "date": st.sampled_from(["d1", "d2", "r.day", "on", 'date("2024-01-31")', 'date("2024-02-29")', "null"]),
    "int": st.sampled_from(["n", "0", "1", "18", "-3"]),
    "text": st.sampled_from(["s", "e", '"x"', '"male"', "null"]),
    "dur": st.sampled_from(["days(7)", "days(n)", "months(1)", "years(1)", "days(-1)"]),
}


def _typed_level(prev: Strategies) -> Strategies:
    """Expressions one level deeper, each of its type: most of them pass the parser's type checks."""
    b, d, i, t, u = prev["bool"], prev["date"], prev["int"], prev["text"], prev["dur"]
    order = st.sampled_from(["<", "<=", ">", ">=", "==", "!="])
    sign = st.sampled_from(["+", "-"])

    def if_else(x: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.tuples(x, b, x).map(lambda p: f"({p[0]} if {p[1]} else {p[2]})")

    return {
        "bool": st.one_of(
            b,
            st.tuples(b, st.sampled_from(["and", "or"]), b).map(lambda p: f"({p[0]} {p[1]} {p[2]})"),
            b.map(lambda x: f"(not {x})"),
            st.tuples(d, order, d).map(" ".join).map(lambda x: f"({x})"),
            st.tuples(i, order, i).map(" ".join).map(lambda x: f"({x})"),
            st.tuples(d, d, d).map(lambda p: f"({p[0]} <= {p[1]} < {p[2]})"),
            st.tuples(t, st.sampled_from(["==", "!="]), t).map(" ".join).map(lambda x: f"({x})"),
            st.tuples(t, st.sampled_from(["in", "not in"]), st.lists(t, max_size=3)).map(
                lambda p: f"({p[0]} {p[1]} [{', '.join(p[2])}])"),
            d.map(lambda x: f"happened({x})"),
            if_else(b),
        ),
        "date": st.one_of(
            d,
            st.tuples(d, sign, u).map(" ".join).map(lambda x: f"({x})"),
            st.tuples(st.sampled_from(["earliest", "latest"]), st.lists(d, min_size=1, max_size=3)).map(
                lambda p: f"{p[0]}({', '.join(p[1])})"),
            d.map(lambda x: f"day_after({x})"),
            st.tuples(d, i).map(lambda p: f"expiry({p[0]}, {p[1]})"),
            st.tuples(d, st.sampled_from(["18", "27", "0", "-1"]), st.sampled_from(['"last_day"', '"error"'])).map(
                lambda p: f"anniversary({p[0]}, {p[1]}, {p[2]})"),
            if_else(d),
        ),
        "int": st.one_of(
            i,
            st.tuples(i, sign, i).map(" ".join).map(lambda x: f"({x})"),
            i.map(lambda x: f"(-{x})"),
            st.tuples(d, d).map(lambda p: f"({p[0]} - {p[1]})"),
            st.tuples(d, d).map(lambda p: f'age({p[0]}, {p[1]}, "last_day")'),
            if_else(i),
        ),
        "text": st.one_of(t, if_else(t)),
        "dur": st.one_of(u, st.tuples(u, sign, u).map(" ".join).map(lambda x: f"({x})"), i.map(lambda x: f"days({x})")),
    }


_typed = _typed_level(_typed_level(_typed_level(TYPED_ATOMS)))
typed_expression = st.one_of(*_typed.values())


@fuzz("expression-evaluate", 300)
@given(st.one_of(typed_expression, typed_expression, well_formed), facts_strategy, rules_strategy)
def test_what_the_parser_accepts_evaluates_to_a_value_or_a_lawcode_error(
    source: str, facts: dict[str, Any], rules: dict[str, Any]
) -> None:
    expr = _try_parse(source)
    assume(expr is not None)

    def read_rule(name: str, ctx: Context) -> Any:
        return rules[name]

    ctx = Context(facts, dt.date(2024, 5, 1), read_rule)
    try:
        value = expr.evaluate(ctx)
    except LawcodeError as e:
        assert_reported(e)
        return
    assert value is UNKNOWN or value is None or isinstance(value, bool | int | str | dt.date | list | Duration)
    assert set(ctx.reads) <= expr.facts
    assert ctx.missing <= expr.facts
    assert not (ctx.missing & set(facts))


DANGEROUS = [
    "__import__('os').system('x')",
    "__import__('os')",
    "().__class__.__bases__",
    "().__class__.__bases__[0].__subclasses__()",
    "a.__class__",
    "__builtins__",
    "open('x')",
    "open('/etc/passwd').read()",
    "eval('1')",
    "exec('1')",
    "compile('1', 'x', 'eval')",
    "lambda: 1",
    "(lambda: 1)()",
    "[x for x in y]",
    "{x for x in y}",
    "(x for x in y)",
    "{'a': 1}",
    "globals()",
    "locals()",
    "vars()",
    "getattr(a, 'b')",
    "setattr(a, 'b', 1)",
    "a[0]",
    "a[0:1]",
    "f'{a}'",
    "(y := 1)",
    "print(1)",
    "type(a)",
    "os.system('x')",
    "date('2024-01-01').replace(year=1)",
    "known(a).__class__",
    "days(*[1])",
    "days(**{'n': 1})",
    "'%s' % a",
    "1 if a else __import__('os')",
    "[a][0]",
    "a.__dict__",
    "sys.modules",
    "breakpoint()",
    "1 @ 2",
]


@pytest.mark.parametrize("source", DANGEROUS)
def test_nothing_reaches_python(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []

    def system(*args: Any) -> int:
        calls.append(args)
        return 0

    monkeypatch.setattr(os, "system", system)
    with pytest.raises(ExpressionError):
        parse_expression(source, SCOPE, WHERE)
    assert calls == []


def test_deep_nesting_is_refused_or_evaluated_without_crashing() -> None:
    for source in ["(" * 400 + "a" + ")" * 400, "-" * 1500 + "n", "not " * 450 + "a", "[" * 500 + "]" * 500,
                   "day_after(" * 180 + "d1" + ")" * 180]:
        expr = _try_parse(source)
        if expr is not None:
            expr.evaluate(Context({"a": True, "n": 1, "d1": dt.date(2024, 1, 1)}, dt.date(2024, 5, 1),
                                  lambda name, ctx: UNKNOWN))


# -- regressions found by these properties: accepted expressions that reached Python with mixed types --
def _evaluates_safely(source: str) -> None:
    """Refused by the parser, or for every value of `a` a value or a LawcodeError (nothing else)."""
    expr = _try_parse(source)
    if expr is None:
        return
    for a in (True, False):
        ctx = Context({"a": a, "d1": dt.date(2024, 1, 1), "n": 1, "s": "x"}, dt.date(2024, 5, 1), lambda n, c: UNKNOWN)
        with contextlib.suppress(LawcodeError):
            expr.evaluate(ctx)


def test_if_else_with_mixed_branch_types_is_refused_or_evaluates_safely() -> None:
    # once typed 'any', which skipped every later type check: TypeError at run time
    _evaluates_safely("(d1 if a else 1) < 2")


def test_if_else_any_as_a_function_argument_is_refused_or_evaluates_safely() -> None:
    # once built Duration(days='x'), then TypeError when added to a date
    _evaluates_safely("d1 + days(n if a else s)")


@pytest.mark.parametrize("source", ["[d1] < [1]", "days(7) < days(8)", "[1] < [2]", 's < "b"'])
def test_ordering_anything_but_dates_and_numbers_is_refused(source: str) -> None:
    with pytest.raises(ExpressionError, match="only dates and numbers can be ordered"):
        parse_expression(source, SCOPE, WHERE)


@pytest.mark.parametrize("source", ["expiry(d1, null)", "expiry(d1, n)", "expiry(on, d1 - d1)",
                                    'anniversary(d1, null, "error")'])
def test_null_count_of_days_or_years_is_refused_or_null(source: str) -> None:
    # null passes the type check of an int argument; expiry() and anniversary() once raised TypeError on it
    expr = _try_parse(source)
    if expr is not None:
        try:
            d1 = None if "d1 - d1" in source else dt.date(2024, 1, 1)
            value = expr.evaluate(Context({"d1": d1, "n": None}, dt.date(2024, 5, 1), lambda n, c: UNKNOWN))
        except LawcodeError:
            return
        assert value is None


@pytest.mark.parametrize("source", ['s == "\\d"', "1if a else 2", "n == 1jand"])
def test_parsing_emits_no_python_warnings(source: str) -> None:
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _try_parse(source)
    assert [str(w.message) for w in caught] == []
