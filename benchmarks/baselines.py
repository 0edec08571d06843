"""Hand-written baselines of the three benchmarked decisions: what an engineer would write without lawcode.

For each decision there is a plain Python function ``f(facts, on) -> value`` over one person's facts
dict (as lawcode takes them) and a numpy function ``f_np(columns, on) -> value column`` over the
columns of ``benchmarks.people``. They give the value only, no explanation, and they read the rules
as lawcode's rule files state them (rules/conscription/age.yaml, rules/summons/service.yaml,
rules/restrictions/measures.yaml and valid_reasons.yaml):

- a date fact given as ``None`` means the event did not happen;
- they assume a **fully known** person: every fact the decision reads is present (an absent fact,
  "unknown" to lawcode, raises KeyError here; the numpy functions ignore the "known" masks);
- they assume a question date on or after 28.03.1998 (53-FZ), from which every rule has a version.

The version of each rule is chosen by the question date, except the first day of the temporary
measures (measures.start_on, ``decided_on: summons.served_on``), chosen by the day the summons counts
as served; and a service channel introduced by 127-FZ serves only for events from 14.04.2023.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

import numpy as np

from benchmarks.people import Column

LAW_127_FZ = dt.date(2023, 4, 14)  # service by post, electronic and register; temporary measures
LAW_439_FZ = dt.date(2024, 1, 1)  # upper conscription age 27 -> 30
SIX_MEASURES = [
    "entrepreneur_registration", "self_employed_registration", "real_estate_registration",
    "driving", "vehicle_registration", "credit",
]


# -- plain Python -------------------------------------------------------------------------------
def anniversary(day: dt.date, years: int) -> dt.date:
    """The ``years``-th anniversary; 29 February falls on 28 February in a common year (GK RF art. 192)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def liable_by_age(facts: dict[str, Any], on: dt.date) -> bool:
    """conscription.liable_by_age: a man from his 18th birthday to the day before his 27th (30th from
    01.01.2024, except men who turned 27 before 01.01.2024).

    Assumes ``person.sex`` and ``person.birth_date`` are given (neither can be null).
    """
    if facts["person.sex"] != "male":
        return False
    birth = facts["person.birth_date"]
    if on < LAW_439_FZ:
        return anniversary(birth, 18) <= on < anniversary(birth, 27)
    if anniversary(birth, 27) < LAW_439_FZ:
        return False
    return anniversary(birth, 18) <= on < anniversary(birth, 30)


def served_directly_on(facts: dict[str, Any], on: dt.date) -> dt.date | None:
    """summons.served_directly_on: the earliest of personal delivery, registered letter and personal
    account; the last two (and personal delivery under the 127-FZ wording) only from 14.04.2023, for
    events from that day. Assumes the three channel facts are given (None: did not happen)."""
    served = []
    handed = facts["summons.handed_over_on"]
    if handed is not None and (handed < LAW_127_FZ or on >= LAW_127_FZ):
        served.append(handed)
    if on >= LAW_127_FZ:
        for channel in ("summons.mail_delivered_on", "summons.posted_to_account_on"):
            day = facts[channel]
            if day is not None and day >= LAW_127_FZ:
                served.append(day)
    return min(served, default=None)


def served_on(facts: dict[str, Any], on: dt.date) -> dt.date | None:
    """summons.served_on: served directly, or through the register from the 8th day after placement
    (seven days counted from the next day), whichever is earlier; None if not served.

    Assumes the four channel facts are given (None: did not happen).
    """
    served = []
    directly = served_directly_on(facts, on)
    if directly is not None:
        served.append(directly)
    placed = facts["summons.placed_in_register_on"]
    if on >= LAW_127_FZ and placed is not None and placed >= LAW_127_FZ:
        served.append(placed + dt.timedelta(days=8))
    return min(served, default=None)


def excused(facts: dict[str, Any]) -> bool:
    """non_appearance.excused: one of the four listed reasons, confirmed by documents."""
    return facts["person.valid_reason"] is not None and facts["person.valid_reason_documented"]


def measures_start_on(facts: dict[str, Any], on: dt.date) -> dt.date | None:
    """measures.start_on: the 21st day after the appearance date (20 days counted from the next day),
    unless the summons was not served (or served before 127-FZ, or after the appearance date), or he
    appeared, or had a valid reason confirmed, by the 20th day."""
    served = served_on(facts, on)
    if served is None or served < LAW_127_FZ:
        return None
    appear = facts["summons.appear_on"]
    if served > appear:
        return None
    last_day = appear + dt.timedelta(days=20)
    appeared = facts["person.appeared_on"]
    if appeared is not None and appeared <= last_day:
        return None
    confirmed = facts["person.valid_reason_confirmed_on"]
    if excused(facts) and confirmed is not None and confirmed <= last_day:
        return None
    return last_day + dt.timedelta(days=1)


def measures_in_force(facts: dict[str, Any], on: dt.date) -> list[str]:
    """measures.in_force: the six temporary measures from their first day until he appears or a valid
    reason is confirmed (only from 14.04.2023); otherwise none.

    Assumes every fact of the summons and the person is given: the four service channels,
    summons.appear_on, person.appeared_on, person.valid_reason, person.valid_reason_documented and
    person.valid_reason_confirmed_on (None where an event did not happen).
    """
    if on < LAW_127_FZ:
        return []
    start = measures_start_on(facts, on)
    if start is None or on < start:
        return []
    ended = [facts["person.appeared_on"]]
    if excused(facts):
        ended.append(facts["person.valid_reason_confirmed_on"])
    ended_on = min((day for day in ended if day is not None), default=None)
    if ended_on is not None and ended_on <= on:
        return []
    return list(SIX_MEASURES)


PYTHON = {
    "conscription.liable_by_age": liable_by_age,
    "summons.served_on": served_on,
    "measures.in_force": measures_in_force,
}


# -- numpy --------------------------------------------------------------------------------------
Columns = dict[str, Column]
NAT = np.datetime64("NaT", "D")


def born_by(on: dt.date, years: int) -> np.datetime64:
    """The latest birth date whose ``years``-th anniversary falls on or before ``on``.

    With one question date for the whole column, "anniversary(birth, n) <= on" is "birth <= born_by(on,
    n)": anniversaries grow with the birth date. On 28 February of a common year, men born on
    29 February ``years`` earlier have their anniversary too (GK RF art. 192 para. 3).
    """
    latest = anniversary(on, -years)  # 29 February on -> 28 February in a common year
    if (on.month, on.day) == (2, 28) and not calendar.isleap(on.year) and calendar.isleap(on.year - years):
        latest = dt.date(on.year - years, 2, 29)
    return np.datetime64(latest, "D")


def liable_by_age_np(columns: Columns, on: dt.date) -> np.ndarray:
    """conscription.liable_by_age for each person (bool). Assumes fully known people."""
    male = columns["person.sex"].values == 0  # people.SEX: 0 male, 1 female
    birth = columns["person.birth_date"].values
    reached_18 = birth <= born_by(on, 18)
    if on < LAW_439_FZ:
        return male & reached_18 & (birth > born_by(on, 27))
    turned_27_before = birth <= born_by(LAW_439_FZ - dt.timedelta(days=1), 27)
    return male & ~turned_27_before & reached_18 & (birth > born_by(on, 30))


def _when(column: Column, condition: np.ndarray | bool = True) -> np.ndarray:
    """The column's dates where it happened and ``condition`` holds, NaT elsewhere."""
    return np.where(column.happened & condition, column.values, NAT)


def served_directly_on_np(columns: Columns, on: dt.date) -> np.ndarray:
    """summons.served_directly_on (datetime64[D], NaT: not served directly). Assumes fully known people."""
    law = np.datetime64(LAW_127_FZ, "D")
    handed = columns["summons.handed_over_on"]
    served = _when(handed, (handed.values < law) | (on >= LAW_127_FZ))
    if on >= LAW_127_FZ:
        for channel in ("summons.mail_delivered_on", "summons.posted_to_account_on"):
            column = columns[channel]
            served = np.fmin(served, _when(column, column.values >= law))  # fmin skips NaT
    return served


def served_on_np(columns: Columns, on: dt.date) -> np.ndarray:
    """summons.served_on (datetime64[D], NaT: not served). Assumes fully known people."""
    served = served_directly_on_np(columns, on)
    if on >= LAW_127_FZ:
        placed = columns["summons.placed_in_register_on"]
        served = np.fmin(served, _when(placed, placed.values >= np.datetime64(LAW_127_FZ, "D")) + 8)
    return served


def excused_np(columns: Columns) -> np.ndarray:
    return columns["person.valid_reason"].happened & columns["person.valid_reason_documented"].values


def measures_start_on_np(columns: Columns, on: dt.date) -> np.ndarray:
    """measures.start_on (datetime64[D], NaT: no measures). Assumes fully known people."""
    served = served_on_np(columns, on)
    appear = columns["summons.appear_on"].values
    last_day = appear + 20
    appeared = columns["person.appeared_on"]
    confirmed = columns["person.valid_reason_confirmed_on"]
    no_measures = (
        np.isnat(served)
        | (served < np.datetime64(LAW_127_FZ, "D"))
        | (served > appear)
        | (appeared.happened & (appeared.values <= last_day))
        | (excused_np(columns) & confirmed.happened & (confirmed.values <= last_day))
    )
    return np.where(no_measures, NAT, last_day + 1)


def measures_in_force_np(columns: Columns, on: dt.date) -> np.ndarray:
    """measures.in_force as a bool column: True for the six measures, False for none.
    Assumes fully known people."""
    if on < LAW_127_FZ:
        return np.zeros(len(columns["summons.appear_on"].values), dtype=bool)
    today = np.datetime64(on, "D")
    start = measures_start_on_np(columns, on)
    ended = np.fmin(_when(columns["person.appeared_on"]),
                    _when(columns["person.valid_reason_confirmed_on"], excused_np(columns)))
    started = ~np.isnat(start) & (start <= today)
    return started & ~(~np.isnat(ended) & (ended <= today))


NUMPY = {
    "conscription.liable_by_age": liable_by_age_np,
    "summons.served_on": served_on_np,
    "measures.in_force": measures_in_force_np,
}
