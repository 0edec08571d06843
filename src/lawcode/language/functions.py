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
    """A callable of the expression language: its signature, result type and meaning.

    ``plain`` computes the value from arguments that are neither unknown nor (where nulls
    propagate) null; every back end calls it, so the meaning lives in one place. ``impl`` is the
    explaining back end's version, which also records the legal counts it makes.
    """

    name: str
    params: tuple[str, ...]
    returns: str
    impl: Impl
    doc: str
    variadic: bool = False  # the last parameter type repeats (at least one argument)
    strict: bool = True  # any UNKNOWN argument -> UNKNOWN result
    literal_params: tuple[int, ...] = ()  # positions that must be written as literals
    null_propagates: bool = True  # any null argument -> null result
    plain: Callable[..., Any] | None = None
    counted: bool = False  # a legal count the explanation shows (anniversary, expiry, ...)


def _plain(fn: Callable[..., Any]) -> Impl:
    return lambda ctx, a: fn(*a)


def _earliest(*values: Any) -> Any:
    if any(v is UNKNOWN for v in values):
        return UNKNOWN
    present = [v for v in values if v is not None]
    return min(present) if present else None


def _latest(*values: Any) -> Any:
    if any(v is UNKNOWN for v in values):
        return UNKNOWN
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _counted(name: str, shown: Callable[..., tuple[Any, ...]], compute: Callable[..., Any]) -> Impl:
    """A legal counting whose result is recorded for the explanation; being pure, each count is
    computed (and its record built) once per arguments. Null arguments never reach it (see ``call``)."""

    @functools.lru_cache(maxsize=4096)
    def derive(*args: Any) -> Derivation:
        return Derivation(name, shown(*args), compute(*args))

    def impl(ctx: Context, a: list[Any]) -> Any:
        record = derive(*a)
        ctx.derived.append(record)
        return record.value

    return impl


def _not_used(*a: Any) -> Any:  # pragma: no cover - handled by the parser
    raise AssertionError("special form evaluated as a function")


def _function(name: str, params: tuple[str, ...], returns: str, plain: Callable[..., Any], doc: str,
              counted: Callable[..., tuple[Any, ...]] | None = None, **options: Any) -> Function:
    impl = _counted(name, counted, plain) if counted is not None else _plain(plain)
    return Function(name, params, returns, impl, doc, plain=plain, counted=counted is not None, **options)


FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        _function("date", ("text",), "date", _not_used, "a date written as date(\"YYYY-MM-DD\")",
                  literal_params=(0,)),
        _function("in_force_of", ("text",), "date", _not_used,
                  "the day an act of acts.yaml entered into force, e.g. in_force_of(\"127-FZ\")", literal_params=(0,)),
        _function("days", ("int",), "duration", lambda n: Duration(days=n), "a number of calendar days"),
        _function("months", ("int",), "duration", lambda n: Duration(months=n), "a number of calendar months"),
        _function("years", ("int",), "duration", lambda n: Duration(years=n), "a number of calendar years"),
        _function("known", ("any",), "bool", _not_used, "whether a fact was given at all (even as null)",
                  strict=False),
        _function("happened", ("any",), "bool", lambda v: v is not None, "whether a given fact is not null",
                  null_propagates=False),
        _function("earliest", ("date",), "date", _earliest, "the earliest of dates that happened",
                  variadic=True, strict=False, null_propagates=False),
        _function("latest", ("date",), "date", _latest, "the latest of dates that happened",
                  variadic=True, strict=False, null_propagates=False),
        _function("anniversary", ("date", "int", "text"), "date", dates.anniversary,
                  "the n-th anniversary of a date; the third argument names the 29 February convention "
                  "('error' or 'last_day', GK RF art. 192 para 3)", literal_params=(1, 2),
                  counted=lambda day, n, conv: (day, n, conv)),
        _function("expiry", ("date", "int"), "date", dates.expiry,
                  "the last day of a period of n days counted from the day after the event (GK RF art. 191)",
                  counted=lambda day, n: (day, n, dates.add_days(day, 1))),
        _function("day_after", ("date",), "date", lambda day: dates.add_days(day, 1), "the next calendar day",
                  counted=lambda day: (day,)),
        _function("in_annual_window", ("date", "text", "text"), "bool", dates.in_annual_window,
                  "whether a date falls within a yearly window, from and to written \"MM-DD\" (both inclusive, "
                  "not over the new year), e.g. in_annual_window(on, \"04-01\", \"07-15\")", literal_params=(1, 2)),
        _function("working_days_after", ("date", "int"), "date", dates.working_days_after,
                  "the n-th working day after a date on the Russian production calendar (the count starts the next "
                  "day; years the calendar does not cover are refused)", literal_params=(1,),
                  counted=lambda day, n: (day, n)),
        _function("age", ("date", "date", "text"), "int", dates.completed_years,
                  "full years from a birth date to a date; the third argument names the 29 February "
                  "convention", literal_params=(2,), counted=lambda birth, on, conv: (birth, on, conv)),
    )
}

CONVENTIONS = ("error", "last_day")


def check_month_day(value: object) -> str | None:
    """Why a literal day of the year ("MM-DD") is wrong, or None."""
    try:
        dates.parse_month_day(str(value))
    except ValueError as e:
        return str(e)
    return None


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


__all__ = ["CONVENTIONS", "FUNCTIONS", "DateArithmeticError", "Function", "add_duration", "check_month_day"]
