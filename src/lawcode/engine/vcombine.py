"""The combinations (first, unique, earliest, latest, all) over columns: ``engine.combine``, row by row at once.

Each function takes the cases that count in some rows (``Out``: the rows where the case counts,
whether its condition is unknown, its value and the facts it missed) and gives, per row, what
``engine.combine``'s function of the same name gives for that row's outcomes: decided (with the
value), undetermined (with the missing facts of the pending cases that blocked it), no case, or a
conflict (with the two cases). Tests hold the two to the same answers on random people.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from lawcode.columndates import to_date
from lawcode.language.columns import Bits, Col, Frame, Mask, m, within
from lawcode.language.syntax import ValueType
from lawcode.language.vector import equal
from lawcode.rulebook.model import Combine


class Out:
    """One case in a combination: rows where it counts, its condition's unknown rows, value, misses."""

    __slots__ = ("cu", "k", "miss", "value", "x")

    def __init__(self, k: int, x: Mask, cu: Mask | None, value: Col, miss: Bits | None):
        self.k, self.x, self.cu, self.value, self.miss = k, x, cu, value, miss

    def pending(self) -> Mask:
        """Rows where the case counts and its condition or value is unknown."""
        return np.asarray(self.x & (m(self.cu) | m(self.value.unk)), dtype=bool)


class Verdicts:
    """Per row: decided (value in ``value``/``nul``), undetermined (``miss``), no case, conflict."""

    def __init__(self, frame: Frame, dtype: Any):
        n = frame.n
        self.frame = frame
        self.decided = np.zeros(n, dtype=bool)
        self.undetermined = np.zeros(n, dtype=bool)
        self.conflict: Mask = _NO_ROWS  # rows where two cases of a `unique` rule apply (set by `unique` only)
        self.value = np.zeros(n, dtype=dtype) if dtype is not object else np.empty(n, dtype=object)
        self.nul = np.zeros(n, dtype=bool)
        self.miss: Bits | None = None
        self.pair: Any = None  # the two cases of a conflict (`unique` only)
        self.constants: dict[Any, Mask] = {}  # constant value -> rows it decides, written once by `flush`

    def decide(self, rows: Mask, value: Col) -> None:
        if not rows.any():
            return
        self.decided |= rows
        if value.constant and value.unk is None:
            if value.nul is not None and value.nul is self.frame.everyone:  # a null literal
                self.nul |= rows
            elif value.nul is None:  # most cases decide a literal: one mask per literal, one write at the end
                key = value.v.item() if hasattr(value.v, "item") else value.v
                known = self.constants.get(key)
                self.constants[key] = rows if known is None else known | rows
            else:
                self._write(rows, value.v)
                self.nul |= value.nul & rows
            return
        self._write(rows, value.v)
        if value.nul is not None:
            self.nul |= value.nul & rows

    def _write(self, rows: Mask, v: Any) -> None:
        """``value`` = ``v`` in ``rows``. Each row is decided once, so ``value`` still holds 0 there: adding
        ``v * rows`` writes it without a masked copy (masked copies cost ten times more on random masks)."""
        value = self.value
        if value.dtype == object:
            np.copyto(value, v, where=rows)
        elif value.dtype == bool:
            value |= rows & v
        else:
            value += rows * np.asarray(v).astype(value.dtype, copy=False)

    def flush(self) -> None:
        """Write the literal values decided so far into ``value``."""
        for constant, rows in self.constants.items():
            self._write(rows, constant)
        self.constants = {}

    def missed(self, rows: Mask, miss: Bits | None) -> None:
        if miss is None or not rows.any():
            return
        if self.miss is None:
            self.miss = self.frame.no_missing()
        np.bitwise_or(self.miss, miss, out=self.miss, where=rows[:, None])

    def no_case(self, rows: Mask) -> Mask:
        """Of ``rows``, those that no combination reached: no case applies there."""
        left = rows & ~(self.decided | self.undetermined)
        return left if self.conflict is _NO_ROWS else left & ~self.conflict


Combiner = Callable[[Verdicts, Mask, Sequence[Out]], None]
_NO_ROWS = np.zeros(0, dtype=bool)


def first(res: Verdicts, rows: Mask, outs: Sequence[Out]) -> None:
    """The first case that applies wins; an earlier pending case blocks unless it would agree."""
    n = res.frame.n
    open_ = rows.copy()
    pend_any = np.zeros(n, dtype=bool)
    pend_unknown_value = np.zeros(n, dtype=bool)
    pend_has = np.zeros(n, dtype=bool)
    pend_differ = np.zeros(n, dtype=bool)
    pend_value: Col | None = None
    pend_v: Any = None
    pend_nul = np.zeros(n, dtype=bool)
    miss_rows = np.zeros(n, dtype=bool)
    for o in outs:
        x = open_ & o.x
        if not x.any():
            continue
        pending = x & (m(o.cu) | m(o.value.unk))
        known = x & ~pending
        if known.any():
            agree = ~pend_any
            if pend_value is not None:
                agree = agree | (~pend_unknown_value & ~pend_differ & equal(pend_value, o.value))
            res.decide(known & agree, o.value)
            res.undetermined |= known & ~agree
            open_ &= ~known
        if pending.any():
            res.missed(pending, o.miss)
            miss_rows |= pending
            pend_any |= pending
            if o.value.unk is not None:
                pend_unknown_value |= pending & o.value.unk
            valued = pending & ~m(o.value.unk)
            if pend_value is not None:
                pend_differ |= valued & pend_has & ~equal(pend_value, o.value)
            first_valued = valued & ~pend_has
            if first_valued.any():
                if pend_v is None:
                    pend_v = np.zeros(n, dtype=res.value.dtype) if res.value.dtype != object else \
                        np.empty(n, dtype=object)
                np.copyto(pend_v, o.value.v, where=first_valued, casting="unsafe")
                np.copyto(pend_nul, m(o.value.nul), where=first_valued)
                pend_value = Col(o.value.type, pend_v, None, pend_nul)
            pend_has |= valued
            stop = pending & ~m(o.cu)  # a case sure to apply, with an unknown value: nothing later decides
            res.undetermined |= stop
            open_ &= ~stop
    res.undetermined |= open_ & pend_any


def unique(res: Verdicts, rows: Mask, outs: Sequence[Out]) -> None:
    """Exactly one case may apply; two that apply are a conflict."""
    n = res.frame.n
    res.conflict = np.zeros(n, dtype=bool)
    res.pair = np.zeros((n, 2), dtype=np.int32)
    count = np.zeros(n, dtype=np.int32)
    pending_any = np.zeros(n, dtype=bool)
    for o in outs:
        sure = rows & o.x & ~m(o.cu)
        first_two = sure & (count < 2)
        res.pair[first_two, np.minimum(count, 1)[first_two]] = o.k
        count += sure
        pending_any |= rows & o.pending()
    res.conflict |= rows & (count > 1)
    one = rows & (count == 1)
    sure_value: Col | None = None
    agree = one.copy()
    for o in outs:  # the sure case's value, and whether every pending case agrees with it
        sure = one & o.x & ~m(o.cu)
        if sure.any():
            res.decide(sure, o.value)
            agree &= ~(sure & m(o.value.unk))
    if one.any():
        res.flush()
        sure_value = Col(ValueType.ANY, res.value, None, res.nul)
        for o in outs:
            other = one & o.pending() & ~(o.x & ~m(o.cu))
            if other.any():
                agree &= ~(other & (m(o.value.unk) | ~equal(o.value, sure_value)))
    res.decided &= ~(one & ~agree)
    blocked = rows & ~(one & agree) & ~res.conflict & pending_any
    res.undetermined |= blocked
    for o in outs:
        res.missed(blocked & o.pending(), o.miss)


def _extreme(pick_earliest: bool) -> Combiner:
    # beyond every day number (years 1..9999 are about +-3.6 million days), small enough not to overflow below
    sentinel = np.int64(2**40 if pick_earliest else -(2**40))
    better = np.minimum if pick_earliest else np.maximum

    def combine(res: Verdicts, rows: Mask, outs: Sequence[Out]) -> None:
        """Among the cases that apply with a date, the earliest (or latest) wins (which case, ``decide``'s
        explanation tells; the value is the same)."""
        if not outs:
            return
        best = np.full(res.frame.n, sentinel)
        for o in outs:
            blocked = _or(_or(o.cu, o.value.unk), o.value.nul)
            candidate = o.x if blocked is None else o.x & ~blocked
            v = np.asarray(o.value.v, dtype=np.int64)
            # v where a candidate, the sentinel elsewhere, without a masked copy (see Verdicts._write)
            better(best, v + (sentinel - v) * ~candidate, out=best)
        has_best = rows & (best != sentinel)
        pending_any: Mask | None = None
        for o in outs:
            if o.cu is None and o.value.unk is None:
                continue
            p = rows & o.pending()
            if not p.any():
                continue
            valued = p & ~m(o.value.unk)
            beaten = valued & has_best & (m(o.value.nul) | ((o.value.v >= best) if pick_earliest
                                                            else (o.value.v <= best)))
            blocking = p & ~beaten
            res.missed(blocking, o.miss)
            pending_any = blocking if pending_any is None else pending_any | blocking
        won = has_best
        if pending_any is not None:
            res.undetermined |= pending_any
            won = has_best & ~pending_any
        res.decide(won, Col(ValueType.DATE, best))

    return combine


def _or(a: Mask | None, b: Mask | None) -> Mask | None:
    if a is None:
        return b
    return a if b is None else a | b


def every(res: Verdicts, rows: Mask, outs: Sequence[Out]) -> None:
    """Every case that applies contributes its value (lists joined, nulls and repeats dropped)."""
    pending_any = np.zeros(res.frame.n, dtype=bool)
    for o in outs:
        p = rows & o.pending()
        res.missed(p, o.miss)
        pending_any |= p
    res.undetermined |= pending_any
    live = rows & ~pending_any
    any_sure = np.zeros(res.frame.n, dtype=bool)
    for o in outs:
        any_sure |= live & o.x
    lists = res.frame.lists
    strings = res.frame.strings
    for i in np.flatnonzero(any_sure).tolist():
        values: list[Any] = []
        for o in outs:
            if not o.x[i]:
                continue
            v = o.value
            if v.nul is not None and v.nul[i]:
                continue
            raw = v.v[i] if isinstance(v.v, np.ndarray) else v.v
            items = lists.value(int(raw)) if v.type == "list" else [_plain(v, raw, strings)]
            for item in items:
                if item is not None and item not in values:
                    values.append(item)
        res.value[i] = lists.code(tuple(values))
    res.decided |= any_sure


def _plain(v: Col, raw: Any, strings: Any) -> Any:
    if v.type == "date":
        return to_date(raw)
    if v.type == "text":
        return strings.value(int(raw))
    return raw.item() if hasattr(raw, "item") else raw


COMBINERS: dict[Combine, Combiner] = {
    Combine.FIRST: first, Combine.UNIQUE: unique, Combine.EARLIEST: _extreme(True),
    Combine.LATEST: _extreme(False), Combine.ALL: every,
}

__all__ = ["COMBINERS", "Out", "Verdicts", "within"]
