"""Freshly drawn people for the benchmarks: random facts for each benchmarked decision, from a seed.

Each draw is made once in numpy (fast enough for 10,000,000 rows) and can be read two ways:
- ``Draw.columns``: one ``Column`` per fact, with the values (``datetime64[D]`` for dates, ``bool`` for
  yes/no facts, ``int8`` codes for enums) and two boolean masks: ``known`` (the fact was given) and
  ``happened`` (given and not null). Values are NaT / False / -1 where the fact did not happen or is
  unknown.
- ``Draw.facts()``: a list of facts dicts as lawcode takes them: ``datetime.date`` values, ``None``
  for an event that did not happen, and the key absent when the fact is unknown.

Most people are fully known (every fact the decision reads is given); a minority (``unknown_share``,
10% by default) lack one or more facts. ``Draw.fully_known`` selects the former.

The dates are a mixture: part uniform (births 1990-2030, summons events 2022-2027) and part placed
within a few days of a boundary, so that every boundary is hit often:
- the question date against the 18th, 27th and 30th birthdays, and 27th / 30th birthdays around
  01.01.2024 (439-FZ); 29 February births, some whose anniversary falls on 28 February of the
  question year;
- the versions of the law (14.04.2023, 04.08.2023, 01.10.2023, 01.01.2024, 01.01.2026);
- the day counts: the register's 7 days (service on placement + 8) against the direct channels and
  ties between channels; service against the appearance date; appearance and confirmation of a
  reason against the appearance date and its 20 days; the start of the measures (appearance date
  + 21) and their end against the question date.

Usage::

    draw = draw_people("measures.in_force", 1_000_000, seed=7, on=dt.date(2024, 6, 1))
    draw.columns["summons.appear_on"].values   # datetime64[D]
    draw.fully_known().facts()[:3]             # dicts for lawcode, the baselines, OpenFisca
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# -- the facts each decision reads ----------------------------------------------------------------
SERVICE_FACTS = (
    "summons.handed_over_on",
    "summons.mail_delivered_on",
    "summons.posted_to_account_on",
    "summons.placed_in_register_on",
)
QUESTION_FACTS: dict[str, tuple[str, ...]] = {
    "conscription.liable_by_age": ("person.sex", "person.birth_date"),
    "summons.served_on": SERVICE_FACTS,
    "measures.in_force": (
        *SERVICE_FACTS,
        "summons.appear_on",
        "person.appeared_on",
        "person.valid_reason",
        "person.valid_reason_documented",
        "person.valid_reason_confirmed_on",
    ),
}
QUESTIONS = tuple(QUESTION_FACTS)

SEX = ("male", "female")
VALID_REASONS = ("illness", "relative", "force_majeure", "accepted")
ENUMS: dict[str, tuple[str, ...]] = {"person.sex": SEX, "person.valid_reason": VALID_REASONS}
BOOLS = frozenset({"person.valid_reason_documented"})
NULLABLE = frozenset({*SERVICE_FACTS, "person.appeared_on", "person.valid_reason", "person.valid_reason_confirmed_on"})

# -- boundaries -------------------------------------------------------------------------------------
VERSION_BOUNDARIES = tuple(
    dt.date.fromisoformat(d) for d in ("2023-04-14", "2023-08-04", "2023-10-01", "2024-01-01", "2026-01-01")
)
EPOCH = dt.date(1970, 1, 1)


def day_number(d: dt.date) -> int:
    """Days since 1970-01-01: the integer under ``datetime64[D]``."""
    return (d - EPOCH).days


def years_before(d: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier; 29 February becomes 28 February in a common year."""
    try:
        return d.replace(year=d.year - years)
    except ValueError:
        return d.replace(year=d.year - years, day=28)


# -- columns ----------------------------------------------------------------------------------------
@dataclass
class Column:
    """One fact for N people: values and the masks 'known' (given) and 'happened' (given, not null)."""

    values: np.ndarray
    known: np.ndarray
    happened: np.ndarray
    categories: tuple[str, ...] = ()  # the meaning of an enum's int8 codes

    def take(self, rows: np.ndarray) -> Column:
        return Column(self.values[rows], self.known[rows], self.happened[rows], self.categories)


@dataclass
class Draw:
    """N people drawn for one question, asked on ``on``."""

    question: str
    on: dt.date
    columns: dict[str, Column]
    seed: int = 0
    _facts: list[dict[str, Any]] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values())).values)

    def known_mask(self) -> np.ndarray:
        """Rows where every fact the question reads is given."""
        mask = np.ones(len(self), dtype=bool)
        for column in self.columns.values():
            mask &= column.known
        return mask

    def take(self, rows: np.ndarray) -> Draw:
        """The people at ``rows`` (a boolean mask or indices)."""
        return Draw(self.question, self.on, {k: c.take(rows) for k, c in self.columns.items()}, self.seed)

    def fully_known(self) -> Draw:
        return self.take(self.known_mask())

    def facts(self) -> list[dict[str, Any]]:
        """The people as lawcode facts dicts (built once; meant for up to a few hundred thousand rows)."""
        if self._facts is None:
            self._facts = to_facts(self.columns)
        return self._facts


_ABSENT = object()


def to_facts(columns: dict[str, Column]) -> list[dict[str, Any]]:
    """Columns -> facts dicts: dates as datetime.date, None when not happened, key absent when unknown."""
    per_fact: list[tuple[str, list[Any]]] = []
    for name, col in columns.items():
        if col.values.dtype.kind == "M":
            values = col.values.astype(object).tolist()  # datetime.date, None for NaT
        elif col.categories:
            values = [col.categories[c] if c >= 0 else None for c in col.values.tolist()]
        else:
            values = col.values.tolist()
        known, happened = col.known.tolist(), col.happened.tolist()
        per_fact.append((name, [v if h else (None if k else _ABSENT)
                                for v, k, h in zip(values, known, happened, strict=True)]))
    n = len(per_fact[0][1]) if per_fact else 0
    people: list[dict[str, Any]] = [{} for _ in range(n)]
    for name, values in per_fact:
        for person, value in zip(people, values, strict=True):
            if value is not _ABSENT:
                person[name] = value
    return people


# -- drawing ----------------------------------------------------------------------------------------
Generator = Callable[[int], np.ndarray]


def _mixture(rng: np.random.Generator, n: int, parts: Iterable[tuple[float, Generator]]) -> np.ndarray:
    """n integers (day numbers, offsets), each from one of the parts, chosen with the parts' weights."""
    parts = list(parts)
    weights = np.array([w for w, _ in parts], dtype=float)
    which = rng.choice(len(parts), size=n, p=weights / weights.sum())
    out = np.empty(n, dtype=np.int64)
    for i, (_, make) in enumerate(parts):
        rows = np.flatnonzero(which == i)
        if rows.size:
            out[rows] = make(rows.size)
    return out


def _uniform(rng: np.random.Generator, first: dt.date, last: dt.date) -> Generator:
    lo, hi = day_number(first), day_number(last)
    return lambda k: rng.integers(lo, hi + 1, size=k)


def _near(rng: np.random.Generator, anchors: Iterable[dt.date | int], spread: int = 3) -> Generator:
    """Within ``spread`` days of one of the anchors (dates, or day numbers)."""
    days = np.array([a if isinstance(a, int) else day_number(a) for a in anchors], dtype=np.int64)
    return lambda k: rng.choice(days, size=k) + rng.integers(-spread, spread + 1, size=k)


def _dates(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]")


def _date_column(days: np.ndarray, happened: np.ndarray) -> Column:
    values = _dates(days)
    values[~happened] = np.datetime64("NaT")
    return Column(values, np.ones(len(days), dtype=bool), happened.copy())


def _draw_age(rng: np.random.Generator, n: int, on: dt.date) -> dict[str, Column]:
    male = rng.random(n) < 0.85
    law_439 = dt.date(2024, 1, 1)
    birthday_anchors = [years_before(on, k) for k in (18, 27, 30)]
    limit_anchors = [years_before(law_439, k) for k in (18, 27, 30)]
    leap_years = np.array([y for y in range(1988, 2032, 4)])
    # 29 February births whose 18th, 27th or 30th anniversary is in the question's year when possible
    near_leap = [leap_years[np.argmin(np.abs(leap_years - (on.year - k)))] for k in (18, 27, 30)]

    birth = _mixture(rng, n, [
        (0.35, _uniform(rng, dt.date(1990, 1, 1), dt.date(2030, 12, 31))),
        (0.30, _near(rng, birthday_anchors)),
        (0.15, _near(rng, limit_anchors)),
        (0.10, lambda k: _feb29(rng.choice(leap_years, size=k))),
        (0.10, lambda k: _feb29(rng.choice(np.array(near_leap), size=k))),
    ])
    ones = np.ones(n, dtype=bool)
    return {
        "person.sex": Column(np.where(male, 0, 1).astype(np.int8), ones.copy(), ones.copy(), SEX),
        "person.birth_date": Column(_dates(birth), ones.copy(), ones.copy()),
    }


def _feb29(years: np.ndarray) -> np.ndarray:
    """Day numbers of 29 February of each (leap) year."""
    months = (years - 1970) * 12 + 1  # February, as months since 1970-01
    return months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) + 28


def _draw_channels(rng: np.random.Generator, n: int, base: np.ndarray) -> dict[str, Column]:
    """The four service channels of a summons issued around day ``base``.

    Each channel happened or not; when it did, its date is mostly close to the issue date (so that
    channels tie, and the register's day + 8 lands just before, on or after the direct channels),
    sometimes near a version boundary, sometimes anywhere in 2022-2027.
    """
    cols: dict[str, Column] = {}
    chance = {"summons.handed_over_on": 0.35, "summons.mail_delivered_on": 0.35,
              "summons.posted_to_account_on": 0.45, "summons.placed_in_register_on": 0.6}
    for name, p in chance.items():
        happened = rng.random(n) < p
        offset = np.where(rng.random(n) < 0.3, 0, rng.integers(0, 16, size=n))  # 0: ties the issue day
        anywhere = _mixture(rng, n, [
            (0.6, _uniform(rng, dt.date(2022, 1, 1), dt.date(2027, 12, 31))),
            (0.4, _near(rng, VERSION_BOUNDARIES)),
        ])
        days = np.where(rng.random(n) < 0.8, base + offset, anywhere)
        cols[name] = _date_column(days, happened)
    return cols


def _issue_dates(rng: np.random.Generator, n: int) -> np.ndarray:
    return _mixture(rng, n, [
        (0.5, _uniform(rng, dt.date(2022, 1, 1), dt.date(2027, 12, 31))),
        (0.5, _near(rng, VERSION_BOUNDARIES, spread=10)),
    ])


def _draw_service(rng: np.random.Generator, n: int, on: dt.date) -> dict[str, Column]:
    return _draw_channels(rng, n, _issue_dates(rng, n))


def _draw_measures(rng: np.random.Generator, n: int, on: dt.date) -> dict[str, Column]:
    o = day_number(on)
    appear = _mixture(rng, n, [
        (0.30, _uniform(rng, dt.date(2022, 1, 1), dt.date(2027, 12, 31))),
        (0.30, _near(rng, [o - 21])),  # the measures start on the question date, give or take
        (0.20, lambda k: o - 21 - rng.integers(0, 150, size=k)),  # started some time before it
        (0.20, _near(rng, VERSION_BOUNDARIES, spread=10)),
    ])
    # served some days before the appearance date, sometimes after it
    lead = _mixture(rng, n, [
        (0.8, lambda k: rng.integers(-15, 31, size=k)),
        (0.2, _near(rng, [8, 0])),
    ])
    cols = _draw_channels(rng, n, appear - lead)
    # a summons must have been served somehow for measures to follow: most are
    unserved = ~np.any([c.happened for c in cols.values()], axis=0)
    fix = unserved & (rng.random(n) < 0.8)
    reg = cols["summons.placed_in_register_on"]
    reg.happened[fix] = True
    reg.values[fix] = _dates(appear[fix] - lead[fix])

    appeared = rng.random(n) < 0.45
    after_appear = _mixture(rng, n, [
        (0.45, lambda k: rng.integers(-5, 26, size=k)),
        (0.40, _near(rng, [0, 20, 21], spread=2)),
        (0.15, lambda k: rng.integers(21, 200, size=k)),
    ])
    near_on = o + rng.integers(-3, 4, size=n)
    appeared_on = np.where(rng.random(n) < 0.85, appear + after_appear, near_on)

    has_reason = rng.random(n) < 0.5
    reason = np.where(has_reason, rng.integers(0, len(VALID_REASONS), size=n), -1).astype(np.int8)
    documented = rng.random(n) < 0.7
    confirmed = (has_reason & (rng.random(n) < 0.7)) | (rng.random(n) < 0.05)
    after_appear = _mixture(rng, n, [
        (0.6, _near(rng, [20, 21], spread=3)),
        (0.4, lambda k: rng.integers(-5, 120, size=k)),
    ])
    near_on = o + rng.integers(-3, 4, size=n)
    confirmed_on = np.where(rng.random(n) < 0.7, appear + after_appear, near_on)

    ones = np.ones(n, dtype=bool)
    cols["summons.appear_on"] = Column(_dates(appear), ones.copy(), ones.copy())
    cols["person.appeared_on"] = _date_column(appeared_on, appeared)
    cols["person.valid_reason"] = Column(reason, ones.copy(), has_reason, VALID_REASONS)
    cols["person.valid_reason_documented"] = Column(documented, ones.copy(), ones.copy())
    cols["person.valid_reason_confirmed_on"] = _date_column(confirmed_on, confirmed)
    return cols


_DRAWERS = {
    "conscription.liable_by_age": _draw_age,
    "summons.served_on": _draw_service,
    "measures.in_force": _draw_measures,
}


def _forget(rng: np.random.Generator, columns: dict[str, Column], share: float) -> None:
    """Make one or more facts unknown for about ``share`` of the people."""
    n = len(next(iter(columns.values())).values)
    partial = rng.random(n) < share
    names = list(columns)
    # each partial person loses one chosen fact, and each other fact with probability 1/4
    chosen = rng.integers(0, len(names), size=n)
    for i, name in enumerate(names):
        col = columns[name]
        lost = partial & ((chosen == i) | (rng.random(n) < 0.25))
        col.known[lost] = False
        col.happened[lost] = False
        if col.values.dtype.kind == "M":
            col.values[lost] = np.datetime64("NaT")
        elif col.categories:
            col.values[lost] = -1
        else:
            col.values[lost] = False


def draw_people(question: str, n: int, seed: int, on: dt.date, unknown_share: float = 0.1) -> Draw:
    """N fresh people for ``question`` asked on ``on``; the same seed gives the same people."""
    if question not in _DRAWERS:
        raise ValueError(f"no people are drawn for {question!r}: choose one of {', '.join(QUESTIONS)}")
    rng = np.random.default_rng([seed, QUESTIONS.index(question), day_number(on)])
    columns = _DRAWERS[question](rng, n, on)
    if unknown_share > 0:
        _forget(rng, columns, unknown_share)
    return Draw(question, on, columns, seed)


def draw_known(question: str, n: int, seed: int, on: dt.date) -> Draw:
    """N fresh people, every one of them fully known."""
    return draw_people(question, n, seed, on, unknown_share=0.0)
