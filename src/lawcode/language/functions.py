"""The fixed table of functions an expression may call; nothing else is callable.

Each function declares its argument types for the load-time check and whether an
unknown argument makes its result unknown (``strict``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from attrs import frozen

from lawcode import dates
from lawcode.errors import DateArithmeticError
from lawcode.language.runtime import UNKNOWN, Context, Derivation, Duration

Impl = Callable[[Context, list[Any]], Any]


@frozen
class Function:
    """A callable of the expression language: its signature, result type and meaning."""

    name: str
    params: tuple[str, ...]
    returns: str
    impl: Impl
    doc: str
    variadic: bool = False  # the last parameter type repeats (at least one argument)
    strict: bool = True  # any UNKNOWN argument -> UNKNOWN result
    literal_params: tuple[int, ...] = ()  # positions that must be written as literals
    null_propagates: bool = True  # any null argument -> null result


def _days(ctx: Context, a: list[Any]) -> Any:
    return None if a[0] is None else Duration(days=a[0])


def _months(ctx: Context, a: list[Any]) -> Any:
    return None if a[0] is None else Duration(months=a[0])


def _years(ctx: Context, a: list[Any]) -> Any:
    return None if a[0] is None else Duration(years=a[0])


def _happened(ctx: Context, a: list[Any]) -> Any:
    return a[0] is not None


def _extreme(pick: Callable[..., Any]) -> Impl:
    def impl(ctx: Context, a: list[Any]) -> Any:
        if any(v is UNKNOWN for v in a):
            return UNKNOWN
        present = [v for v in a if v is not None]
        return pick(present) if present else None

    return impl


def _counted(name: str, compute: Callable[..., tuple[tuple[Any, ...], Any]]) -> Impl:
    """A legal counting whose result is recorded for the explanation; being pure, each count is
    computed (and its record built) once per arguments. Null arguments never reach it (see ``call``)."""

    @functools.lru_cache(maxsize=4096)
    def derive(*args: Any) -> Derivation:
        shown, value = compute(*args)
        return Derivation(name, shown, value)

    def impl(ctx: Context, a: list[Any]) -> Any:
        record = derive(*a)
        ctx.derived.append(record)
        return record.value

    return impl


def _expiry_count(day: dt.date, n: int) -> tuple[tuple[Any, ...], Any]:
    period = dates.day_period(day, n)
    return (day, n, period.first_day), period.last_day


_anniversary = _counted("anniversary", lambda day, n, conv: ((day, n, conv), dates.anniversary(day, n, conv)))
_expiry = _counted("expiry", _expiry_count)
_day_after = _counted("day_after", lambda day: ((day,), dates.add_days(day, 1)))
_age = _counted("age", lambda birth, on, conv: ((birth, on, conv), dates.completed_years(birth, on, conv)))


def _not_used(ctx: Context, a: list[Any]) -> Any:  # pragma: no cover - handled by the parser
    raise AssertionError("special form evaluated as a function")


FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        Function("date", ("text",), "date", _not_used, "a date written as date(\"YYYY-MM-DD\")",
                 literal_params=(0,)),
        Function("days", ("int",), "duration", _days, "a number of calendar days"),
        Function("months", ("int",), "duration", _months, "a number of calendar months"),
        Function("years", ("int",), "duration", _years, "a number of calendar years"),
        Function("known", ("any",), "bool", _not_used, "whether a fact was given at all (even as null)",
                 strict=False),
        Function("happened", ("any",), "bool", _happened, "whether a given fact is not null",
                 null_propagates=False),
        Function("earliest", ("date",), "date", _extreme(min), "the earliest of dates that happened",
                 variadic=True, strict=False, null_propagates=False),
        Function("latest", ("date",), "date", _extreme(max), "the latest of dates that happened",
                 variadic=True, strict=False, null_propagates=False),
        Function("anniversary", ("date", "int", "text"), "date", _anniversary,
                 "the n-th anniversary of a date; the third argument names the 29 February convention "
                 "('error' or 'last_day', GK RF art. 192 para 3)", literal_params=(1, 2)),
        Function("expiry", ("date", "int"), "date", _expiry,
                 "the last day of a period of n days counted from the day after the event (GK RF art. 191)"),
        Function("day_after", ("date",), "date", _day_after, "the next calendar day"),
        Function("age", ("date", "date", "text"), "int", _age,
                 "full years from a birth date to a date; the third argument names the 29 February "
                 "convention", literal_params=(2,)),
    )
}

CONVENTIONS = ("error", "last_day")


def check_convention(value: object) -> str | None:
    """Why a literal 29-February convention is wrong, or None if it is one we know."""
    if value in CONVENTIONS:
        return None
    return f"unknown convention {value!r}: use one of " + ", ".join(repr(c) for c in CONVENTIONS)


def add_duration(day: dt.date, span: Duration, sign: int = 1) -> dt.date:
    """Add a rule-written duration to a date; ambiguous month or year arithmetic is refused."""
    result = day
    if span.years:
        result = dates.add_years(result, sign * span.years, "error")
    if span.months:
        result = dates.add_months(result, sign * span.months, "error")
    if span.days:
        result = dates.add_days(result, sign * span.days)
    return result


__all__ = ["CONVENTIONS", "FUNCTIONS", "DateArithmeticError", "Function", "add_duration"]
