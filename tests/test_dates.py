"""Tests of lawcode.dates: exact legal time, explicit conventions for days a month lacks."""

from __future__ import annotations

import calendar
import datetime as dt
import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawcode import dates
from lawcode.errors import DateArithmeticError

D = dt.date
LEAP_DAY = D(2024, 2, 29)


def test_doctests_in_module_hold() -> None:
    failed, attempted = doctest.testmod(dates, raise_on_error=False, verbose=False)
    assert attempted > 0
    assert failed == 0


# --- parse_iso_date ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-04-01", D(2024, 4, 1)),
        ("2024-02-29", D(2024, 2, 29)),
        ("2000-02-29", D(2000, 2, 29)),
        ("0001-01-01", D(1, 1, 1)),
        ("9999-12-31", D(9999, 12, 31)),
    ],
)
def test_parse_iso_date_accepts_real_dates(text: str, expected: dt.date) -> None:
    assert dates.parse_iso_date(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("2024-13-01", "bad date '2024-13-01': month must be in 1..12"),
        ("2024-00-10", "bad date '2024-00-10': month must be in 1..12"),
        ("2024-01-32", "bad date '2024-01-32': day must be in 1..31"),
        ("2024-01-00", "bad date '2024-01-00': day must be in 1..31"),
        ("0000-01-01", "bad date '0000-01-01': year must be in 1..9999"),
        ("2023-02-29", "bad date '2023-02-29': 2023 has no 29 February"),
        ("2100-02-29", "bad date '2100-02-29': 2100 has no 29 February"),
        ("2024-04-31", "bad date '2024-04-31': 2024 has no 31 April"),
        ("tomorrow", "bad date 'tomorrow': expected YYYY-MM-DD"),
        ("2024-4-1", "bad date '2024-4-1': expected YYYY-MM-DD"),
        ("2024-04-1", "bad date '2024-04-1': expected YYYY-MM-DD"),
        (" 2024-04-01", "bad date ' 2024-04-01': expected YYYY-MM-DD"),
        ("2024-04-01 ", "bad date '2024-04-01 ': expected YYYY-MM-DD"),
        ("2024-04-01\n", "bad date '2024-04-01\\n': expected YYYY-MM-DD"),
        ("", "bad date '': expected YYYY-MM-DD"),
        ("20240401", "bad date '20240401': expected YYYY-MM-DD"),
        ("2024/04/01", "bad date '2024/04/01': expected YYYY-MM-DD"),
        ("01.04.2024", "bad date '01.04.2024': expected YYYY-MM-DD"),
        ("2024-04-01T00:00", "bad date '2024-04-01T00:00': expected YYYY-MM-DD"),
        ("+2024-04-01", "bad date '+2024-04-01': expected YYYY-MM-DD"),
        ("١٢٣٤-04-01", "bad date '١٢٣٤-04-01': expected YYYY-MM-DD"),  # Arabic-Indic digits
    ],
)
def test_parse_iso_date_refuses_with_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        dates.parse_iso_date(text)
    assert str(info.value) == message


# --- leap years and month ends -----------------------------------------------------------------


@pytest.mark.parametrize(
    "year, leap, earlier_leap",
    [(2024, True, 2020), (2000, True, 1996), (2100, False, 2096), (1900, False, 1896), (2023, False, 2020)],
)
def test_leap_years_follow_gregorian_rules(year: int, leap: bool, earlier_leap: int) -> None:
    # 29 February exists exactly in leap years: seen through parsing, day counts and year shifts.
    born = D(earlier_leap, 2, 29)
    assert (dates.add_days(D(year, 2, 28), 1) == D(year, 3, 1)) is not leap
    if leap:
        assert dates.parse_iso_date(f"{year}-02-29") == D(year, 2, 29)
        assert dates.add_years(born, year - earlier_leap) == D(year, 2, 29)
    else:
        with pytest.raises(ValueError, match=f"{year} has no 29 February"):
            dates.parse_iso_date(f"{year}-02-29")
        with pytest.raises(DateArithmeticError):
            dates.add_years(born, year - earlier_leap)
        assert dates.add_years(born, year - earlier_leap, "last_day") == D(year, 2, 28)


def test_31_january_plus_month_is_refused_under_error() -> None:
    with pytest.raises(DateArithmeticError) as info:
        dates.add_months(D(2024, 1, 31), 1)
    assert info.value.message == "31 January 2024 + 1 month is ambiguous: 2024 has no 31 February"
    assert info.value.hint == (
        "state the convention: short_month='last_day' (GK RF art. 192 para 3) gives 2024-02-29"
    )


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2100, 1, 31), 1, D(2100, 2, 28)),
        (D(2000, 1, 31), 1, D(2000, 2, 29)),
        (D(2024, 3, 31), 1, D(2024, 4, 30)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 8, 31), 3, D(2024, 11, 30)),
        (D(2024, 12, 31), 2, D(2025, 2, 28)),
    ],
)
def test_month_end_under_last_day(start: dt.date, months: int, expected: dt.date) -> None:
    assert dates.add_months(start, months, "last_day") == expected
    with pytest.raises(DateArithmeticError):
        dates.add_months(start, months)


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (D(2024, 1, 15), 1, D(2024, 2, 15)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2024, 1, 15), -1, D(2023, 12, 15)),
        (D(2024, 1, 29), 1, D(2024, 2, 29)),
        (D(2024, 1, 31), 0, D(2024, 1, 31)),
        (D(2024, 1, 31), 12, D(2025, 1, 31)),
        (D(2024, 5, 31), -24, D(2022, 5, 31)),
    ],
)
def test_add_months_when_the_day_exists(start: dt.date, months: int, expected: dt.date) -> None:
    assert dates.add_months(start, months) == expected
    assert dates.add_months(start, months, "last_day") == expected


def test_29_february_plus_one_year() -> None:
    with pytest.raises(DateArithmeticError) as info:
        dates.add_years(LEAP_DAY, 1)
    assert info.value.message == "29 February 2024 + 1 year is ambiguous: 2025 has no 29 February"
    assert info.value.hint == (
        "state the convention: short_month='last_day' (GK RF art. 192 para 3) gives 2025-02-28"
    )
    assert dates.add_years(LEAP_DAY, 1, "last_day") == D(2025, 2, 28)
    assert dates.add_years(LEAP_DAY, 4) == D(2028, 2, 29)
    assert dates.add_years(LEAP_DAY, -4) == D(2020, 2, 29)
    assert dates.add_years(D(2096, 2, 29), 4, "last_day") == D(2100, 2, 28)  # 2100 is not leap


def test_negative_shift_is_named_in_message() -> None:
    with pytest.raises(DateArithmeticError, match=r"^29 February 2024 - 3 years is ambiguous"):
        dates.add_years(LEAP_DAY, -3)


def test_shifts_outside_the_calendar_are_refused() -> None:
    with pytest.raises(DateArithmeticError, match="outside the calendar"):
        dates.add_years(D(9999, 1, 1), 1)
    with pytest.raises(DateArithmeticError, match="outside the calendar"):
        dates.add_months(D(1, 1, 1), -1, "last_day")
    with pytest.raises(DateArithmeticError, match=r"^31 December 9999 \+ 1 day falls outside"):
        dates.add_days(D(9999, 12, 31), 1)
    with pytest.raises(DateArithmeticError, match="outside the calendar"):
        dates.add_days(D(2024, 1, 1), 10**12)  # beyond what timedelta can hold


def test_unknown_convention_is_refused() -> None:
    with pytest.raises(ValueError, match="short_month must be"):
        dates.add_years(LEAP_DAY, 1, "clamp")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="short_month must be"):
        dates.completed_years(LEAP_DAY, D(2030, 6, 1), "last")  # type: ignore[arg-type]


def test_anniversary_is_add_years() -> None:
    assert dates.anniversary(D(2006, 4, 1), 18) == D(2024, 4, 1)
    assert dates.anniversary(LEAP_DAY, 1, "last_day") == D(2025, 2, 28)
    with pytest.raises(DateArithmeticError):
        dates.anniversary(LEAP_DAY, 1)


def test_add_days_is_exact_across_leap_day() -> None:
    assert dates.add_days(D(2024, 2, 28), 1) == LEAP_DAY
    assert dates.add_days(D(2023, 2, 28), 1) == D(2023, 3, 1)
    assert dates.add_days(D(2100, 2, 28), 1) == D(2100, 3, 1)
    assert dates.add_days(D(2000, 2, 28), 1) == D(2000, 2, 29)
    assert dates.add_days(D(2024, 3, 1), -1) == LEAP_DAY
    assert dates.add_days(D(2024, 1, 1), 366) == D(2025, 1, 1)


# --- completed_years ---------------------------------------------------------------------------


def test_birthday_itself_counts_as_reached() -> None:
    birth = D(2006, 4, 1)
    assert dates.completed_years(birth, D(2024, 3, 31)) == 17
    assert dates.completed_years(birth, D(2024, 4, 1)) == 18
    assert dates.completed_years(birth, D(2024, 4, 2)) == 18
    assert dates.completed_years(birth, birth) == 0


def test_age_before_birth_is_refused() -> None:
    with pytest.raises(DateArithmeticError, match="before the birth"):
        dates.completed_years(D(2006, 4, 1), D(2006, 3, 31))


@pytest.mark.parametrize(
    "on, error_age, last_day_age",
    [
        # 2025: common year — 28 February is the only day the two readings differ
        (D(2025, 2, 27), 0, 0),
        (D(2025, 2, 28), None, 1),
        (D(2025, 3, 1), 1, 1),
        # 2028: leap year — the birthday is 29 February itself
        (D(2028, 2, 28), 3, 3),
        (D(2028, 2, 29), 4, 4),
        (D(2028, 3, 1), 4, 4),
        # 2100: not leap (century rule) — ambiguous again
        (D(2100, 2, 28), None, 76),
        (D(2100, 3, 1), 76, 76),
        # the birth day itself
        (D(2024, 2, 29), 0, 0),
    ],
)
def test_29_february_birth(on: dt.date, error_age: int | None, last_day_age: int) -> None:
    assert dates.completed_years(LEAP_DAY, on, "last_day") == last_day_age
    if error_age is None:
        with pytest.raises(DateArithmeticError) as info:
            dates.completed_years(LEAP_DAY, on)
        assert f"{on.year} has no 29 February" in info.value.message
        assert info.value.hint is not None and "short_month='last_day'" in info.value.hint
    else:
        assert dates.completed_years(LEAP_DAY, on) == error_age


def test_29_february_birth_in_century_leap_year() -> None:
    birth = D(2000, 2, 29)
    assert dates.completed_years(birth, D(2018, 2, 28), "last_day") == 18
    assert dates.completed_years(birth, D(2018, 3, 1)) == 18
    assert dates.completed_years(birth, D(2018, 2, 27)) == 17
    assert dates.completed_years(birth, D(2020, 2, 28)) == 19  # leap: birthday is the next day
    with pytest.raises(DateArithmeticError):
        dates.completed_years(birth, D(2018, 2, 28))


def test_28_february_birth_is_never_ambiguous() -> None:
    birth = D(2023, 2, 28)
    assert dates.completed_years(birth, D(2024, 2, 28)) == 1
    assert dates.completed_years(birth, D(2024, 2, 27)) == 0
    assert dates.completed_years(birth, D(2025, 2, 28)) == 2


# --- DayPeriod ---------------------------------------------------------------------------------


def test_seven_day_period() -> None:
    period = dates.day_period(D(2024, 4, 1), 7)
    assert period == dates.DayPeriod(event=D(2024, 4, 1), days=7)
    assert period.first_day == D(2024, 4, 2)
    assert period.last_day == D(2024, 4, 8)
    assert period.day_after == D(2024, 4, 9)


def test_one_day_period_and_leap_day() -> None:
    period = dates.day_period(D(2024, 2, 28), 1)
    assert period.first_day == period.last_day == LEAP_DAY
    assert period.day_after == D(2024, 3, 1)


@pytest.mark.parametrize("days", [0, -1])
def test_empty_period_is_refused(days: int) -> None:
    with pytest.raises(DateArithmeticError, match="is empty"):
        dates.day_period(D(2024, 4, 1), days)
    with pytest.raises(DateArithmeticError):
        dates.DayPeriod(D(2024, 4, 1), days)


def test_period_is_immutable() -> None:
    period = dates.day_period(D(2024, 4, 1), 7)
    with pytest.raises(AttributeError):
        period.days = 8  # type: ignore[misc]


# --- properties --------------------------------------------------------------------------------

leap_births = st.integers(1, 2499).map(lambda k: 4 * k).filter(calendar.isleap).map(lambda y: D(y, 2, 29))
births = st.one_of(st.dates(), leap_births)


@st.composite
def date_and_offset(draw: st.DrawFn) -> tuple[dt.date, int]:
    d = draw(st.dates())
    n = draw(st.integers(1 - d.toordinal(), dt.date.max.toordinal() - d.toordinal()))
    return d, n


@given(date_and_offset())
def test_add_days_round_trip(case: tuple[dt.date, int]) -> None:
    d, n = case
    assert dates.add_days(dates.add_days(d, n), -n) == d
    assert (dates.add_days(d, n) - d).days == n


@given(births, st.dates(), st.dates())
def test_completed_years_is_monotone(birth: dt.date, a: dt.date, b: dt.date) -> None:
    early, late = sorted((a, b))
    if early < birth:
        return
    assert dates.completed_years(birth, early, "last_day") <= dates.completed_years(birth, late, "last_day")
    try:
        early_age = dates.completed_years(birth, early)
        late_age = dates.completed_years(birth, late)
    except DateArithmeticError:
        return
    assert early_age <= late_age


@given(births, st.integers(0, 120))
def test_completed_years_reaches_n_on_the_anniversary(birth: dt.date, n: int) -> None:
    if birth.year + n > 9999:
        return
    day = dates.anniversary(birth, n, "last_day")
    assert dates.completed_years(birth, day, "last_day") == n
    if n > 0:
        assert dates.completed_years(birth, dates.add_days(day, -1), "last_day") == n - 1


@given(st.one_of(st.dates(), leap_births), st.integers(-9999, 9999))
def test_add_years_last_day_total_and_agrees_with_error(d: dt.date, n: int) -> None:
    if not 1 <= d.year + n <= 9999:
        with pytest.raises(DateArithmeticError):
            dates.add_years(d, n, "last_day")
        return
    relaxed = dates.add_years(d, n, "last_day")
    assert relaxed.year == d.year + n and relaxed.month == d.month
    try:
        strict = dates.add_years(d, n, "error")
    except DateArithmeticError:
        assert (d.month, d.day) == (2, 29)
        assert relaxed == D(d.year + n, 2, 28)
        return
    assert strict == relaxed


@given(st.dates(), st.integers(-1200, 1200))
def test_add_months_last_day_agrees_with_error(d: dt.date, n: int) -> None:
    try:
        relaxed = dates.add_months(d, n, "last_day")
    except DateArithmeticError:
        return  # outside the calendar
    try:
        strict = dates.add_months(d, n)
    except DateArithmeticError:
        assert relaxed.day < d.day
        assert dates.add_days(relaxed, 1).day == 1  # clamped to the month's last day
        return
    assert strict == relaxed == D(relaxed.year, relaxed.month, d.day)


# -- yearly windows and working days (the call-up periods; the travel passport) ----------------------
@pytest.mark.parametrize(("day", "inside"), [
    (D(2024, 3, 31), False), (D(2024, 4, 1), True), (D(2024, 7, 15), True), (D(2024, 7, 16), False),
])
def test_in_annual_window_is_inclusive_at_both_ends(day: dt.date, inside: bool) -> None:
    assert dates.in_annual_window(day, "04-01", "07-15") is inside


@pytest.mark.parametrize("bad", ["4-01", "13-01", "02-30", "04-31", "0401", "04-01x"])
def test_a_bad_day_of_the_year_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        dates.parse_month_day(bad)
    assert dates.parse_month_day("02-29") == (2, 29)  # exists in leap years


def test_a_window_over_the_new_year_is_refused() -> None:
    with pytest.raises(ValueError, match="over the new year"):
        dates.in_annual_window(D(2024, 12, 31), "12-01", "01-31")


@pytest.mark.parametrize(("notified", "n", "last"), [
    # Monday 11 December 2023: 12, 13, 14, 15 December (Tuesday to Friday), then Monday 18 December
    (D(2023, 12, 11), 5, D(2023, 12, 18)),
    # Thursday 26 December 2024: 27 December, Saturday 28 December (a working day by the 2024 transfer), then the
    # New Year holidays and the transferred 30-31 December; 9, 10 and 13 January 2025
    (D(2024, 12, 26), 5, D(2025, 1, 13)),
    # Friday 3 May 2024: 6, 7, 8 May; 9 May (Victory Day) and 10 May (transferred) are off; 13 May
    (D(2024, 5, 3), 4, D(2024, 5, 13)),
    # a holiday falling on a Saturday moves to Monday: 4 November 2023 was a Saturday, 6 November is off
    (D(2023, 11, 3), 1, D(2023, 11, 7)),
])
def test_working_days_follow_the_russian_production_calendar(notified: dt.date, n: int, last: dt.date) -> None:
    assert dates.working_days_after(notified, n) == last


def test_working_days_refuse_a_year_the_calendar_does_not_cover() -> None:
    covered = dates.production_calendar_years()
    assert covered.start == 1991 and covered.stop - 1 >= 2027
    with pytest.raises(dates.CalendarNotCovered, match=f"reach {covered.stop}"):
        dates.working_days_after(D(covered.stop - 1, 12, 28), 5)
    with pytest.raises(DateArithmeticError):
        dates.working_days_after(D(2024, 1, 1), 0)
