"""Legal time: the one place in lawcode where date arithmetic lives.

Results are exact. Where Russian law needs a convention (the target month has no such day),
the caller names it with ``short_month``; otherwise a DateArithmeticError explains the choice.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

from attrs import Attribute, field, frozen

from lawcode.errors import N_, DateArithmeticError, Message

__all__ = [
    "CalendarNotCovered",
    "DayPeriod",
    "InvalidDate",
    "ShortMonth",
    "add_days",
    "add_months",
    "add_years",
    "anniversary",
    "completed_years",
    "day_period",
    "expiry",
    "in_annual_window",
    "parse_iso_date",
    "parse_month_day",
    "production_calendar_years",
    "working_days_after",
]

ShortMonth = Literal["error", "last_day"]
"""What to do when a shift in months/years lands on a day its month lacks: refuse, or GK RF art. 192 p.3."""

_CONVENTIONS: tuple[ShortMonth, ...] = ("error", "last_day")
_ART_192 = "GK RF art. 192 para 3"
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")  # [0-9], not \d: no Unicode digits


class InvalidDate(ValueError):
    """Text that is not a calendar date YYYY-MM-DD; ``said`` is the reason as a translatable message."""

    def __init__(self, said: Message):
        super().__init__(str(said))
        self.said = said


# Month names as values of a message: each language writes a day and month its own way.
_DAY_MONTH = {m: f for m, f in enumerate((
    N_("{day} January"), N_("{day} February"), N_("{day} March"), N_("{day} April"), N_("{day} May"),
    N_("{day} June"), N_("{day} July"), N_("{day} August"), N_("{day} September"), N_("{day} October"),
    N_("{day} November"), N_("{day} December")), start=1)}
_AMOUNTS = {
    ("day", True): N_("{sign} {n} day"), ("day", False): N_("{sign} {n} days"),
    ("month", True): N_("{sign} {n} month"), ("month", False): N_("{sign} {n} months"),
    ("year", True): N_("{sign} {n} year"), ("year", False): N_("{sign} {n} years"),
}


def _no_such_day(year: int, month: int, day: int) -> Message:
    """Why a calendar day does not exist, e.g. '2025 has no 29 February'."""
    return Message(N_("{year} has no {day_month}"), year=year, day_month=Message(_DAY_MONTH[month], day=day))


def _amount(n: int, unit: str) -> Message:
    """A signed quantity for messages: '+ 1 year', '- 3 months'."""
    return Message(_AMOUNTS[unit, abs(n) == 1], sign="-" if n < 0 else "+", n=abs(n))


def _check_convention(short_month: str) -> None:
    """Refuse a misspelt convention at once, rather than silently treating it as one of the two."""
    if short_month not in _CONVENTIONS:
        raise ValueError(f"short_month must be 'error' or 'last_day', not {short_month!r}")


def parse_iso_date(text: str) -> dt.date:
    """Parse a strict YYYY-MM-DD calendar date; anything else is refused with a readable reason.

    >>> parse_iso_date("2024-02-29")
    datetime.date(2024, 2, 29)
    >>> parse_iso_date("2023-02-29")
    Traceback (most recent call last):
    lawcode.dates.InvalidDate: bad date '2023-02-29': 2023 has no 29 February
    """
    match = _ISO.fullmatch(text)
    if match is None:
        raise InvalidDate(Message(N_("bad date {text}: expected YYYY-MM-DD"), text=repr(text)))
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        raise InvalidDate(Message(N_("bad date {text}: year must be in 1..9999"), text=repr(text)))
    if not 1 <= month <= 12:
        raise InvalidDate(Message(N_("bad date {text}: month must be in 1..12"), text=repr(text)))
    if not 1 <= day <= 31:
        raise InvalidDate(Message(N_("bad date {text}: day must be in 1..31"), text=repr(text)))
    if day > calendar.monthrange(year, month)[1]:
        raise InvalidDate(Message(N_("bad date {text}: {why}"), text=repr(text),
                                  why=_no_such_day(year, month, day)))
    return dt.date(year, month, day)


def add_days(d: dt.date, n: int) -> dt.date:
    """The date n calendar days after d (before, if n < 0); exact, refused outside years 1..9999.

    >>> add_days(dt.date(2024, 2, 28), 1)
    datetime.date(2024, 2, 29)
    """
    try:
        return d + dt.timedelta(days=n)
    except OverflowError:
        raise DateArithmeticError(_outside(d, _amount(n, "day"))) from None


def _outside(d: dt.date, shift: Message) -> Message:
    return Message(N_("{date} {shift} falls outside the calendar (years 1..9999)"), date=d, shift=shift)


def _shift_months(d: dt.date, months: int, phrase: Message, short_month: ShortMonth) -> dt.date:
    """d moved by whole months; `phrase` ('+ 1 year') names the shift in messages."""
    _check_convention(short_month)
    year, month0 = divmod(d.year * 12 + d.month - 1 + months, 12)
    month = month0 + 1
    if not 1 <= year <= 9999:
        raise DateArithmeticError(_outside(d, phrase))
    last = calendar.monthrange(year, month)[1]
    if d.day <= last:
        return dt.date(year, month, d.day)
    if short_month == "last_day":
        return dt.date(year, month, last)
    raise DateArithmeticError(
        Message(N_("{date} {shift} is ambiguous: {why}"), date=d, shift=phrase, why=_no_such_day(year, month, d.day)),
        hint=Message(N_("state the convention: short_month='last_day' ({article}) gives {result}"), article=_ART_192,
                     result=dt.date(year, month, last).isoformat()),
    )


def add_months(d: dt.date, n: int, short_month: ShortMonth = "error") -> dt.date:
    """The same day n months later; a day the target month lacks is refused or, with 'last_day', its end.

    >>> add_months(dt.date(2024, 1, 31), 1, "last_day")
    datetime.date(2024, 2, 29)
    """
    return _shift_months(d, n, _amount(n, "month"), short_month)


def add_years(d: dt.date, n: int, short_month: ShortMonth = "error") -> dt.date:
    """The same day n years later; 29 February into a common year is refused or, with 'last_day', 28 Feb.

    >>> add_years(dt.date(2024, 2, 29), 1, "last_day")
    datetime.date(2025, 2, 28)
    """
    _check_convention(short_month)
    year = d.year + n
    if 1 <= year <= 9999 and (d.month != 2 or d.day != 29):  # every other day exists in every year
        return d.replace(year=year)
    return _shift_months(d, 12 * n, _amount(n, "year"), short_month)


def anniversary(birth: dt.date, years: int, short_month: ShortMonth = "error") -> dt.date:
    """The date of the `years`-th birthday (the day on which that age is reached); same as add_years."""
    return add_years(birth, years, short_month)


def completed_years(birth: dt.date, on: dt.date, short_month: ShortMonth = "error") -> int:
    """Age in full years on `on`; the birthday itself counts as reached.

    Only 28 Feb of a common year is ambiguous for a 29 Feb birth ('last_day': birthday; else 1 Mar).

    >>> completed_years(dt.date(2006, 4, 1), dt.date(2024, 4, 1))
    18
    """
    _check_convention(short_month)
    if on < birth:
        raise DateArithmeticError(
            Message(N_("age on {on} of someone born {birth}: that day is before the birth"), on=on, birth=birth),
            hint=Message(N_("check the two dates; an age is counted only from the birth onwards")),
        )
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1  # this year's birthday is still ahead
    leap_birth = (birth.month, birth.day) == (2, 29)
    if leap_birth and (on.month, on.day) == (2, 28) and not calendar.isleap(on.year):
        if short_month == "last_day":
            return years + 1  # art. 192 para 3: the birthday falls on 28 February this year
        raise DateArithmeticError(
            Message(N_("age on {on} of someone born {birth} is ambiguous: {why}"), on=on, birth=birth,
                    why=_no_such_day(on.year, 2, 29)),
            hint=Message(N_("state the convention: short_month='last_day' ({article}) gives {last_day}; counting the "
                            "birthday as 1 March gives {march}"), article=_ART_192, last_day=years + 1, march=years),
        )
    return years


@frozen
class DayPeriod:
    """A period of n calendar days counted under GK RF art. 191: it starts the day AFTER the event.

    >>> p = DayPeriod(dt.date(2024, 4, 1), 7)
    >>> p.first_day, p.last_day, p.day_after
    (datetime.date(2024, 4, 2), datetime.date(2024, 4, 8), datetime.date(2024, 4, 9))
    """

    event: dt.date  # the date or event that starts the period; not itself counted
    days: int = field()

    @days.validator
    def _check_days(self, attribute: Attribute[int], value: int) -> None:
        _check_period(self.event, value)

    @property
    def first_day(self) -> dt.date:
        """The first counted day: the day after the event (art. 191)."""
        return add_days(self.event, 1)

    @property
    def last_day(self) -> dt.date:
        """The day at whose end the period expires (art. 194: until 24:00 of this day)."""
        return add_days(self.event, self.days)

    @property
    def day_after(self) -> dt.date:
        """The first day after expiry, e.g. the earliest day a follow-up step may be taken."""
        return add_days(self.event, self.days + 1)


def _check_period(event: dt.date, days: int) -> None:
    """A period of fewer than one day has no first or last day, so it cannot be counted."""
    if days < 1:
        raise DateArithmeticError(
            Message(N_("a period of {days} days from {date} is empty"), days=days, date=event),
            hint=Message(N_("a period counted under GK RF art. 191 lasts at least 1 day")),
        )


def expiry(event: dt.date, days: int) -> dt.date:
    """The last day of the period of `days` calendar days that follows `event` (GK RF art. 191).

    >>> expiry(dt.date(2024, 3, 8), 20)
    datetime.date(2024, 3, 28)
    """
    _check_period(event, days)
    return add_days(event, days)


def day_period(event: dt.date, days: int) -> DayPeriod:
    """The period of `days` calendar days that follows `event` (GK RF art. 191); days must be >= 1."""
    return DayPeriod(event, days)


# -- yearly windows ----------------------------------------------------------------------------------
_MONTH_DAY = re.compile(r"([0-9]{2})-([0-9]{2})")


def parse_month_day(text: str) -> tuple[int, int]:
    """A day of the year written "MM-DD" (29 February allowed: it exists in leap years).

    >>> parse_month_day("07-15")
    (7, 15)
    """
    match = _MONTH_DAY.fullmatch(text)
    if match is None:
        raise ValueError(f"bad day of the year {text!r}: expected MM-DD, e.g. \"04-01\"")
    month, day = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
        raise ValueError(f"bad day of the year {text!r}: no such day in any year")
    return month, day


def in_annual_window(day: dt.date, start: str, end: str) -> bool:
    """Whether ``day`` falls within the yearly window from ``start`` to ``end`` ("MM-DD", both inclusive, in the
    same year: a window may not run over the new year).

    >>> [in_annual_window(dt.date(2024, 7, d), "04-01", "07-15") for d in (15, 16)]
    [True, False]
    """
    first, last = parse_month_day(start), parse_month_day(end)
    if last < first:
        raise ValueError(f"the window {start} to {end} runs over the new year: write it as two windows")
    return first <= (day.month, day.day) <= last


# -- working days on the Russian production calendar ------------------------------------------------
class CalendarNotCovered(DateArithmeticError):
    """A working-day count reaches a year the production calendar (the pinned ``holidays`` package) lacks."""


def production_calendar_years() -> range:
    """The calendar years whose Russian production calendar the pinned ``holidays`` package holds: from its
    first year to the last year for which it records the Government's transfer of days off."""
    from holidays.countries.russia import Russia, RussiaStaticHolidays

    return range(Russia.start_year, max(RussiaStaticHolidays.special_public_holidays) + 1)


def _russian_calendar(years: range) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """The non-working holidays and the working weekend days (transferred working Saturdays) of those years."""
    import holidays

    ru = holidays.country_holidays("RU", years=list(years))
    return frozenset(ru), frozenset(ru.weekend_workdays)


def working_days_after(day: dt.date, n: int) -> dt.date:
    """The n-th working day after ``day`` on the Russian production calendar (the count starts the next day,
    GK RF art. 191): weekends and the non-working holidays are skipped, transferred working Saturdays count.
    A count that reaches a year the calendar does not cover is refused.

    >>> working_days_after(dt.date(2024, 12, 26), 5)  # 27 and 28 (a working Saturday) December; 9, 10 and 13 January
    datetime.date(2025, 1, 13)
    """
    if n < 1:
        raise DateArithmeticError(Message(N_("a period of {n} working days from {date} is empty"), n=n, date=day),
                                  hint=Message(N_("count at least 1 working day")))
    covered = production_calendar_years()
    current, left = day, n
    offs, workdays = _cached_calendar(covered)
    while left:
        current = add_days(current, 1)
        if current.year not in covered:
            raise CalendarNotCovered(
                Message(N_("{n} working days after {date} reach {year}, a year whose production calendar is not known "
                           "here (the holidays package covers {first} to {last})"), n=n, date=day, year=current.year,
                        first=covered.start, last=covered.stop - 1),
                hint=Message(N_("the Government sets each year's days off; update the pinned holidays package once "
                                "it has them")))
        weekend = current.weekday() >= 5 and current not in workdays
        if not weekend and current not in offs:
            left -= 1
    return current


_CALENDARS: dict[range, tuple[frozenset[dt.date], frozenset[dt.date]]] = {}


def _cached_calendar(years: range) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    found = _CALENDARS.get(years)
    if found is None:
        found = _CALENDARS[years] = _russian_calendar(years)
    return found
