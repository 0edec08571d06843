"""Random people for the differential tests: every fact unknown, null or a value, dates near every boundary.

The dates a rulebook's meaning turns on are taken from the rulebook itself: every date written in
an expression, every start and end of a period in force (and the day before and after each), the
18th, 27th and 30th birthdays around the question date, 29 February births, and the day counts
between events (0, 1, 7, 8, 14, 20, 21, 30, 31 days apart). A fixed seed makes a failure
reproducible: the test prints the person, the question and the date.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from lawcode.api import Rulebook
from lawcode.language.syntax import Literal, walk
from lawcode.rulebook.model import FactType

OFFSETS = (0, 1, -1, 2, 7, 8, -7, -8, 13, 14, 15, 19, 20, 21, 22, -20, -21, 29, 30, 31, -30, 60, -60, 365)
AGES = (17, 18, 19, 26, 27, 28, 29, 30, 31)
LEAP_BIRTHS = tuple(dt.date(y, 2, 29) for y in range(1988, 2012, 4))


def boundary_dates(book: Rulebook) -> list[dt.date]:
    """Every date the rules name, with the day before and after."""
    found: set[dt.date] = set()
    for rule in book.rules.values():
        exprs = [rule.relevant_date, *(e for c in rule.all_cases() for e in (c.when, c.value))]
        for e in exprs:
            if e is not None:
                found.update(n.value for n in walk(e.tree) if isinstance(n, Literal) and isinstance(n.value, dt.date))
        for c in rule.all_cases():
            found.add(c.in_force.start)
            if c.in_force.until is not None:
                found.add(c.in_force.until)
    for act in book.acts.values():
        found.add(act.in_force_from or act.date)
    found = {d for d in found if dt.date(1990, 1, 1) <= d <= dt.date(2035, 1, 1)}
    return sorted({d + dt.timedelta(days=k) for d in found for k in (-1, 0, 1)})


class People:
    """Draws (facts, question date) pairs for one rulebook from a seed."""

    def __init__(self, book: Rulebook, seed: int):
        self.book = book
        self.rng = random.Random(seed)
        self.boundaries = boundary_dates(book)

    def day(self) -> dt.date:
        rng = self.rng
        roll = rng.random()
        if roll < 0.5:
            return rng.choice(self.boundaries)
        return dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 7))

    def birth(self, on: dt.date) -> dt.date:
        rng = self.rng
        roll = rng.random()
        if roll < 0.15:
            return rng.choice(LEAP_BIRTHS)
        if roll < 0.7:
            age = rng.choice(AGES)
            try:
                anniversary = on.replace(year=on.year - age)
            except ValueError:  # on is 29 February
                anniversary = dt.date(on.year - age, 2, 28)
            return anniversary + dt.timedelta(days=rng.choice((0, 1, -1, 2, -2, 30, -30)))
        if roll < 0.85:
            # a 27th birthday around 01.01.2024 (439-FZ)
            return dt.date(1996, 12, 31) + dt.timedelta(days=rng.randrange(-3, 4))
        return dt.date(1985, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 25))

    def value(self, name: str, typ: FactType, values: list[str], on: dt.date, anchor: dt.date) -> Any:
        rng = self.rng
        if typ == FactType.DATE:
            if "birth" in name:
                return self.birth(on)
            if rng.random() < 0.15:
                return self.day()
            return anchor + dt.timedelta(days=rng.choice(OFFSETS))
        if typ == FactType.BOOL:
            return rng.random() < 0.5
        if typ == FactType.ENUM:
            return rng.choice(values)
        if typ == FactType.INT:
            return rng.randrange(0, 40)
        return rng.choice(("a", "b", "text"))

    def draw(self, on: dt.date | None = None) -> tuple[dict[str, Any], dt.date]:
        """One person: each fact absent (unknown), null where it may be, or a value; and a question date
        (``on`` if given)."""
        rng = self.rng
        on = self.day() if on is None else on
        anchor = self.day() if rng.random() < 0.7 else on + dt.timedelta(days=rng.choice(OFFSETS))
        unknown_share = rng.choice((0.0, 0.0, 0.05, 0.2, 0.5))
        facts: dict[str, Any] = {}
        for name, fact in self.book.facts.items():
            roll = rng.random()
            if roll < unknown_share:
                continue
            if fact.nullable and roll < unknown_share + 0.25:
                facts[name] = None
                continue
            facts[name] = self.value(name, fact.type, list(fact.values), on, anchor)
        return facts, on

    def __iter__(self) -> Iterator[tuple[dict[str, Any], dt.date]]:
        while True:
            yield self.draw()

    def spoil(self, facts: dict[str, Any], share: float) -> dict[str, Any]:
        """Now and then a value ``decide`` refuses (an impossible date, a value not in an enum, a null that
        is not allowed, a wrong type) or a date at the edge of the calendar, where counts overflow."""
        rng = self.rng
        if rng.random() >= share:
            return facts
        name = rng.choice(sorted(self.book.facts))
        fact = self.book.facts[name]
        choices: list[Any] = [None, "2023-02-29", "not a date", 7, True, "maybe", 1.5, [1]]
        if fact.type == FactType.DATE:
            choices += [dt.date(9999, 12, 30), dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(9999, 2, 28)]
        spoiled = dict(facts)
        spoiled[name] = rng.choice(choices)
        return spoiled
