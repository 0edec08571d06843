"""What the vector back end computes with: columns of values with masks, and the state of one batch.

A ``Col`` is a value for every row: ``v`` holds the values (an array, or one numpy scalar for all
rows), ``unk`` marks the rows where it is UNKNOWN and ``nul`` the rows where it is null (did not
happen); ``None`` for a mask means "no row". Representation by type: dates are ``int64`` day
numbers (days since 1970-01-01), yes/no ``bool``, numbers ``int64``, text and lists ``int32``
codes into an ``Interner`` (so equality is equality of codes), anything else (durations) Python
objects. Rows outside a computation's active rows hold meaningless values; masks say which count.

A ``Part`` is one evaluation scope of a rule (its selection date, a case, its default), as a
``Context`` is for the explaining back end: it records, per row, the facts it missed and the first
error a row met (the scalar back ends raise it; here the row is marked and the other rows go on).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lawcode.columndates import day_number, to_date
from lawcode.errors import DateArithmeticError
from lawcode.language.runtime import UNKNOWN
from lawcode.language.syntax import ValueType

T = ValueType
Mask = npt.NDArray[np.bool_]
Array = npt.NDArray[Any]
Codes = npt.NDArray[np.int32]
Bits = npt.NDArray[np.uint64]
DTYPES: dict[ValueType, Any] = {T.DATE: np.int64, T.BOOL: np.bool_, T.INT: np.int64, T.TEXT: np.int32,
                                T.LIST: np.int32, T.NULL: np.int64}
FALSE = np.False_


def dtype_of(typ: ValueType) -> Any:
    return DTYPES.get(typ, object)


def m(mask: Mask | None) -> Any:
    """A mask usable in expressions: ``None`` (no row) becomes a numpy False."""
    return FALSE if mask is None else mask


def within(act: Mask | None, mask: Mask | None) -> Mask | None:
    """The rows of ``mask`` among the active rows (``act`` None: every row; ``mask`` None: no row)."""
    if mask is None:
        return None
    return mask if act is None else act & mask


def either(a: Mask | None, b: Mask | None) -> Mask | None:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


def some(mask: Any) -> Mask | None:
    """``mask`` as an array, or None when it marks no row."""
    if mask is None or mask is FALSE:
        return None
    arr = np.asarray(mask)
    if arr.ndim == 0:
        assert not arr, "a mask of every row must be an array"  # only constants are 0-d, and they are False
        return None
    return arr if arr.any() else None


def val(x: Any) -> Any:
    """A computed value as a column: an array, or one numpy scalar for every row (never a 0-d array)."""
    arr = np.asarray(x)
    return arr[()] if arr.ndim == 0 else arr


class Col:
    """A value for every row (see the module's docstring)."""

    __slots__ = ("nul", "type", "unk", "v")

    def __init__(self, typ: ValueType, v: Any, unk: Mask | None = None, nul: Mask | None = None):
        self.type, self.v, self.unk, self.nul = typ, v, unk, nul

    @property
    def constant(self) -> bool:
        return not isinstance(self.v, np.ndarray)


class Interner:
    """Codes for text or lists, the same code for equal values (thread-safe: Dask may share it)."""

    def __init__(self) -> None:
        self.codes: dict[Any, int] = {}
        self.values: list[Any] = []
        self.lock = threading.Lock()

    def code(self, value: Any) -> int:
        code = self.codes.get(value)
        if code is None:
            with self.lock:
                code = self.codes.setdefault(value, len(self.values))
                if code == len(self.values):
                    self.values.append(value)
        return code

    def value(self, code: int) -> Any:
        return self.values[code]


class RowErrors:
    """The first error each row met in one rule (codes into the batch's error table; -1: none)."""

    __slots__ = ("codes", "frame")

    def __init__(self, frame: Frame):
        self.frame = frame
        self.codes: Codes | None = None

    def free(self, mask: Mask) -> Mask:
        return mask if self.codes is None else mask & (self.codes < 0)

    def put(self, rows: Mask, codes: Codes | int) -> None:
        if self.codes is None:
            self.codes = np.full(self.frame.n, -1, dtype=np.int32)
        np.copyto(self.codes, codes, where=rows)


class FactCol:
    """One fact's column as read from the input: values with masks, and the rows whose value was bad."""

    __slots__ = ("bad", "col")

    def __init__(self, col: Col, bad: Codes | None = None):
        self.col, self.bad = col, bad


class RuleCol:
    """A rule's answer for every row: value (``unk``: undetermined), missing facts, first errors."""

    __slots__ = ("col", "err", "miss")

    def __init__(self, col: Col, miss: Bits | None, err: Codes | None):
        self.col, self.miss, self.err = col, miss, err


class Frame:
    """One batch: its rows, question date, fact columns, and where rules, texts and errors are kept."""

    def __init__(self, n: int, on: dt.date, facts: Mapping[str, FactCol], bits: Mapping[str, int],
                 strings: Interner, lists: Interner, errors: ErrorTable, read_rule: Callable[[str], RuleCol]):
        self.n = n
        self.on = day_number(on)
        self.facts = facts
        self.bits = bits  # fact name -> bit position in a row's missing set
        self.words = max(1, -(-len(bits) // 64))
        self.strings, self.lists, self.errors = strings, lists, errors
        self.read_rule = read_rule
        self.everyone = np.ones(n, dtype=bool)
        self.everyone.flags.writeable = False

    def no_missing(self) -> Bits:
        return np.zeros((self.n, self.words), dtype=np.uint64)


class ErrorTable:
    """Every distinct error of a batch, once; rows refer to them by code."""

    def __init__(self) -> None:
        self.errors: list[Exception] = []
        self.index: dict[tuple[str, str], int] = {}

    def code(self, error: Exception) -> int:
        key = (type(error).__name__, str(error))
        code = self.index.get(key)
        if code is None:
            code = self.index[key] = len(self.errors)
            # a caught error's traceback holds the frames that read the batch: keep the message, not them
            self.errors.append(error.with_traceback(None))
            error.__context__ = None
        return code


Wrap = Callable[[DateArithmeticError], Exception]


class Part:
    """One evaluation scope: the facts it missed per row, and the rule's first error per row."""

    __slots__ = ("errors", "frame", "miss", "wrap")

    def __init__(self, frame: Frame, errors: RowErrors, wrap: Wrap):
        self.frame, self.errors, self.wrap = frame, errors, wrap
        self.miss: Bits | None = None

    def missed(self, rows: Mask | None, name: str) -> None:
        if rows is None or not rows.any():
            return
        if self.miss is None:
            self.miss = self.frame.no_missing()
        bit = self.frame.bits[name]
        self.miss[rows, bit // 64] |= np.uint64(1 << (bit % 64))

    def missed_from(self, rows: Mask | None, miss: Bits | None) -> None:
        if rows is None or miss is None or not rows.any():
            return
        if self.miss is None:
            self.miss = self.frame.no_missing()
        np.bitwise_or(self.miss, miss, out=self.miss, where=rows[:, None])

    def fail(self, rows: Mask | None, error: Exception) -> None:
        """The rows meet ``error`` (unless they met one before)."""
        if rows is None or not rows.any():
            return
        self.errors.put(self.errors.free(rows), self.frame.errors.code(error))

    def fail_codes(self, rows: Mask | None, codes: Codes) -> None:
        if rows is None or not rows.any():
            return
        self.errors.put(self.errors.free(rows), codes)

    def fail_each(self, rows: Mask | None, make: Callable[[int], Exception]) -> None:
        """Each of the rows meets the error ``make(row)`` gives (asked only for rows without an error)."""
        if rows is None or not rows.any():
            return
        free = np.flatnonzero(self.errors.free(rows))
        if not free.size:
            return
        table = self.frame.errors
        codes = np.fromiter((table.code(make(int(i))) for i in free), dtype=np.int32, count=free.size)
        if self.errors.codes is None:
            self.errors.codes = np.full(self.frame.n, -1, dtype=np.int32)
        self.errors.codes[free] = codes

    def refused_count(self, rows: Mask | None, count: Callable[..., Any], args: list[Col]) -> None:
        """The rows where a vectorised legal count refused: their errors come from the scalar count itself."""

        def make(i: int) -> Exception:
            try:
                count(*(to_py(self.frame, a, i) for a in args))
            except DateArithmeticError as e:
                return self.wrap(e)
            raise AssertionError(f"the vector count refused row {i} but {count.__name__} did not")  # a defect

        self.fail_each(rows, make)


def to_py(frame: Frame, col: Col, i: int) -> Any:
    """Row ``i`` of ``col`` as the scalar back ends see it: a Python value, None or UNKNOWN."""
    if col.unk is not None and col.unk[i]:
        return UNKNOWN
    if col.nul is not None and col.nul[i]:
        return None
    raw = col.v[i] if isinstance(col.v, np.ndarray) else col.v
    typ = col.type
    if typ == T.DATE:
        return to_date(raw)
    if typ == T.BOOL:
        return bool(raw)
    if typ == T.INT:
        return int(raw)
    if typ == T.TEXT:
        return frame.strings.value(int(raw))
    if typ == T.LIST:
        return list(frame.lists.value(int(raw)))
    if typ == T.NULL:
        return None
    return raw


def from_py(frame: Frame, typ: ValueType, values: list[Any], rows: npt.NDArray[np.intp]) -> tuple[Array, Mask]:
    """Python values at ``rows`` as a value array of ``typ`` and a null mask (other rows: meaningless)."""
    n = frame.n
    out = np.zeros(n, dtype=dtype_of(typ)) if typ in DTYPES else np.empty(n, dtype=object)
    nul = np.zeros(n, dtype=bool)
    for i, value in zip(rows.tolist(), values, strict=True):
        if value is None:
            nul[i] = True
        elif typ == T.DATE:
            out[i] = day_number(value)
        elif typ == T.TEXT:
            out[i] = frame.strings.code(value)
        elif typ == T.LIST:
            out[i] = frame.lists.code(tuple(value))
        else:
            out[i] = value
    return out, nul


__all__ = ["Col", "ErrorTable", "FactCol", "Frame", "Interner", "Part", "RowErrors", "RuleCol", "either", "from_py",
           "m", "some", "to_py", "val", "within"]
