"""lawcode.columndates counts as lawcode.dates does: same results, and refuses exactly the rows dates refuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from lawcode import columndates as cd
from lawcode import dates
from lawcode.errors import DateArithmeticError


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]


# every day of two years around a leap day, month ends of many years, the edges of the calendar
DAYS = sorted({*_days(dt.date(2023, 1, 1), dt.date(2025, 3, 31)), *_days(dt.date(1999, 12, 1), dt.date(2000, 3, 31)),
               *(dt.date(y, m, 28 + k) for y in (1900, 1996, 2000, 2100, 2400) for m in range(1, 13)
                 for k in range(4) if 28 + k <= dates.calendar.monthrange(y, m)[1]),
               *_days(dt.date(1, 1, 1), dt.date(1, 2, 5)), *_days(dt.date(9999, 11, 25), dt.date(9999, 12, 31))})
COLUMN = np.array([cd.day_number(d) for d in DAYS], dtype=np.int64)


def _scalar(fn: Callable[..., Any], *args: Any) -> tuple[Any, bool]:
    try:
        return fn(*args), False
    except DateArithmeticError:
        return None, True


def _agree(vector: tuple[Any, Any], scalar: Callable[[dt.date], Any], convert: Callable[[Any], Any]) -> None:
    values, refused = vector
    for d, v, bad in zip(DAYS, values.tolist(), refused.tolist(), strict=True):
        expected, expected_bad = _scalar(scalar, d)
        assert bad == expected_bad, d
        if not bad:
            assert convert(v) == expected, d


def test_civil_round_trips() -> None:
    y, m, d = cd.civil(COLUMN)
    assert [dt.date(*t) for t in zip(y.tolist(), m.tolist(), d.tolist(), strict=True)] == DAYS
    assert (cd.from_civil(y, m, d) == COLUMN).all()


@pytest.mark.parametrize("n", [-400, -30, -1, 0, 1, 7, 8, 20, 21, 30, 365, 3_000_000])
def test_add_days(n: int) -> None:
    _agree(cd.add_days(COLUMN, n), lambda d: dates.add_days(d, n), cd.to_date)
    _agree(cd.expiry(COLUMN, n), lambda d: dates.expiry(d, n), cd.to_date)


@pytest.mark.parametrize("n", [-100, -4, -1, 0, 1, 4, 18, 27, 30, 100, 8000])
@pytest.mark.parametrize("convention", ["error", "last_day"])
def test_add_years_and_months(n: int, convention: str) -> None:
    _agree(cd.add_years(COLUMN, n, convention), lambda d: dates.add_years(d, n, convention), cd.to_date)  # type: ignore[arg-type]
    _agree(cd.add_months(COLUMN, n, convention), lambda d: dates.add_months(d, n, convention), cd.to_date)  # type: ignore[arg-type]


@pytest.mark.parametrize("on", [dt.date(2024, 2, 28), dt.date(2024, 2, 29), dt.date(2025, 2, 28), dt.date(2025, 3, 1),
                                dt.date(2023, 1, 1), dt.date(1, 1, 1), dt.date(9999, 12, 31)])
@pytest.mark.parametrize("convention", ["error", "last_day"])
def test_completed_years(on: dt.date, convention: str) -> None:
    births = [d for d in DAYS if d.year < 9999] + [dt.date(y, 2, 29) for y in (1996, 2000, 2004, 2020)]
    column = np.array([cd.day_number(b) for b in births], dtype=np.int64)
    years, refused = cd.completed_years(column, cd.day_number(on), convention)
    for b, v, bad in zip(births, years.tolist(), refused.tolist(), strict=True):
        expected, expected_bad = _scalar(dates.completed_years, b, on, convention)
        assert bad == expected_bad, (b, on)
        if not bad:
            assert v == expected, (b, on)


def test_a_misspelt_convention_is_refused() -> None:
    with pytest.raises(ValueError, match="short_month"):
        cd.add_years(COLUMN, 1, "last-day")
