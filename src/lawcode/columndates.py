"""Legal time over columns: the counts of ``lawcode.dates``, one row per person, exact and vectorised.

Dates are ``int64`` day numbers (days since 1970-01-01, the integer under ``datetime64[D]``). Each
count returns its result and a mask of the rows it refuses (an ambiguous 29 February, a day outside
years 1..9999, an empty period, an age before birth): the caller asks ``lawcode.dates`` for those
rows' messages, so the wording of a refusal lives in one place. Calendar arithmetic is integer
arithmetic (days <-> civil date, H. Hinnant's algorithms); numpy's ``datetime64[M]``/``[Y]``
conversions are avoided because they cost more than the decisions themselves. Tests hold every
function here to its scalar original on every boundary.

    >>> import numpy as np, datetime as dt
    >>> d = np.array([day_number(dt.date(2024, 2, 29))])
    >>> [to_date(x) for x in add_years(d, 1, "last_day")[0]]
    [datetime.date(2025, 2, 28)]
    >>> add_years(d, 1, "error")[1]
    array([ True])
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import numpy.typing as npt

Days = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64] | int

EPOCH = dt.date(1970, 1, 1)
MIN_DAY = (dt.date(1, 1, 1) - EPOCH).days  # 0001-01-01
MAX_DAY = (dt.date(9999, 12, 31) - EPOCH).days  # 9999-12-31
_MONTH_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)

__all__ = [
    "MAX_DAY", "MIN_DAY", "add_days", "add_months", "add_years", "civil", "completed_years", "day_number",
    "days_in_month", "expiry", "from_civil", "is_leap", "to_date",
]


def day_number(d: dt.date) -> int:
    """Days since 1970-01-01."""
    return (d - EPOCH).days


def to_date(n: int | np.integer[Any]) -> dt.date:
    """The date of a day number (within years 1..9999)."""
    return EPOCH + dt.timedelta(days=int(n))


def civil(days: Days) -> tuple[Days, Days, Days]:
    """Year, month (1..12) and day (1..31) of each day number."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    year = yoe + era * 400 + (month <= 2)
    return year, month, day


def from_civil(year: Days, month: Days, day: Days) -> Days:
    """Day numbers of valid civil dates (year, month, day)."""
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    result: Days = era * 146097 + doe - 719468
    return result


def is_leap(year: Days) -> Mask:
    leap: Mask = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return leap


def days_in_month(year: Days, month: Days) -> Days:
    result: Days = _MONTH_DAYS[month] + ((month == 2) & is_leap(year))
    return result


def _outside(days: Days) -> Mask:
    outside: Mask = (days < MIN_DAY) | (days > MAX_DAY)
    return outside


def add_days(days: Days, n: Ints) -> tuple[Days, Mask]:
    """``dates.add_days``: the day n days later; refused outside years 1..9999."""
    result = days + n
    return result, _outside(result)


def _shift_months(days: Days, months: Ints, short_month: str) -> tuple[Days, Mask]:
    year, month, day = civil(days)
    total = year * 12 + month - 1 + months
    new_year, new_month = total // 12, total % 12 + 1
    outside = (new_year < 1) | (new_year > 9999)
    safe_year = np.where(outside, 2000, new_year)
    last = days_in_month(safe_year, new_month)
    short = day > last
    result = from_civil(safe_year, new_month, np.minimum(day, last))
    bad = outside | (short if short_month == "error" else False)
    return result, np.asarray(bad, dtype=bool)


def _by_table(days: Days, n: Ints, compute: Any, key: tuple[Any, ...] = ()) -> tuple[Days, Any]:
    """``compute(days, n)`` through a table of the days between the column's first and last day, when that
    span is shorter than the column (calendar arithmetic once per distinct day, then one lookup per row).
    Tables are kept by ``key`` (the count and its convention) and span, so blocks and batches share them."""
    days = np.asarray(days, dtype=np.int64)
    if days.ndim == 0 or days.size < 4096 or np.ndim(n) != 0:
        return compute(days, n)  # type: ignore[no-any-return]
    cached = _LAST_INDEX[0]
    if cached is not None and cached[0] is days:
        lo, hi, index = cached[1], cached[2], cached[3]
    else:
        lo, hi = int(days.min()), int(days.max())
        if hi - lo + 1 > days.size // 2:
            return compute(days, n)  # type: ignore[no-any-return]
        index = days - lo
        _LAST_INDEX[0] = (days, lo, hi, index)  # the same column is often counted several times
    table_key = (*key, int(n), lo, hi) if key else None
    table = _TABLES.get(table_key) if table_key is not None else None
    if table is None:
        result, bad = compute(np.arange(lo, hi + 1, dtype=np.int64), n)
        table = (result, bad if bad.any() else None)
        if table_key is not None:
            if len(_TABLES) > 256:
                _TABLES.clear()
            _TABLES[table_key] = table
    result, bad = table
    return result[index], (bad[index] if bad is not None else np.False_)


_LAST_INDEX: list[Any] = [None]
_TABLES: dict[Any, tuple[Days, Mask | None]] = {}


def add_months(days: Days, n: Ints, short_month: str = "error") -> tuple[Days, Mask]:
    """``dates.add_months``: the same day n months later (the month's last day under 'last_day')."""
    _check_convention(short_month)
    return _by_table(days, n, lambda d, k: _shift_months(d, k, short_month), ("months", short_month))


def add_years(days: Days, n: Ints, short_month: str = "error") -> tuple[Days, Mask]:
    """``dates.add_years`` (and ``dates.anniversary``): 29 February into a common year is refused, or
    28 February under 'last_day'."""
    _check_convention(short_month)
    return _by_table(days, n, lambda d, k: _shift_months(d, np.multiply(k, 12), short_month), ("years", short_month))


def completed_years(birth: Days, on: Days | int, short_month: str = "error") -> tuple[Days, Mask]:
    """``dates.completed_years``: full years from birth to on; refused before the birth, and on 28 February
    of a common year for a 29 February birth unless 'last_day'."""
    _check_convention(short_month)
    if np.ndim(on) == 0:  # one question date: a table over the birth dates
        return _by_table(birth, int(on), lambda b, o: _completed_years(b, o, short_month), ("age", short_month))
    return _completed_years(birth, on, short_month)


def _completed_years(birth: Days, on: Days | int, short_month: str) -> tuple[Days, Mask]:
    by, bm, bd = civil(birth)
    oy, om, od = civil(np.asarray(on, dtype=np.int64))
    years = oy - by - ((om < bm) | ((om == bm) & (od < bd)))
    ambiguous = (bm == 2) & (bd == 29) & (om == 2) & (od == 28) & ~is_leap(oy)
    before = np.asarray(on) < birth
    if short_month == "last_day":
        years = years + ambiguous
        return years, np.asarray(before, dtype=bool)
    return years, np.asarray(before | ambiguous, dtype=bool)


def expiry(days: Days, n: Ints) -> tuple[Days, Mask]:
    """``dates.expiry``: the last day of a period of n days counted from the next day (GK RF art. 191);
    a period of fewer than one day is refused."""
    result, outside = add_days(days, n)
    empty = np.asarray(n) < 1
    return result, outside | empty


def _check_convention(short_month: str) -> None:
    if short_month not in ("error", "last_day"):
        raise ValueError(f"short_month must be 'error' or 'last_day', not {short_month!r}")
