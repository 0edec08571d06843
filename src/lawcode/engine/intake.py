"""Columns in: a batch's table read into fact columns (``engine.answers`` writes the answers out).

A column named after a fact gives that fact for every row; a null means "did not happen" (as
``null`` in a facts document); a column left out is unknown for every row; a boolean companion
column ``<fact>.known`` marks the rows where the fact is unknown (false or null) though the column
is there. A column ``id`` is carried through to the answers. Any other column name is refused.

Values are checked as ``decide`` checks a facts document: a bad value (an impossible date, a value
not in an enum, a null for a fact that cannot be null) makes *that row* an error with the scalar
check's own message, and only if the answer reads the fact, as ``decide`` would. Typed columns
(``date32``, ``datetime64[D]``, booleans, integers, strings for dates and enums) are read at column
speed; anything else value by value through the scalar check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lawcode import columndates as cd
from lawcode.engine.facts import fact_converter
from lawcode.errors import FactsError, LawcodeError, UsageError, did_you_mean
from lawcode.language.columns import Col, ErrorTable, FactCol, Interner, some
from lawcode.language.syntax import ValueType
from lawcode.rulebook.model import FactDef, FactType, Rulebook

T = ValueType
KNOWN_SUFFIX = ".known"
ID = "id"
_TYPES = {FactType.DATE: T.DATE, FactType.BOOL: T.BOOL, FactType.INT: T.INT, FactType.TEXT: T.TEXT,
          FactType.ENUM: T.TEXT}
_PYTHON = {FactType.DATE: (str, dt.date), FactType.BOOL: (bool,), FactType.INT: (int,), FactType.TEXT: (str,),
           FactType.ENUM: (str,)}


class Table:
    """A batch's input as Arrow columns: the facts given, their ``.known`` companions, ids, row count."""

    def __init__(self, columns: dict[str, Any], n: int):
        self.columns, self.n = columns, n

    def slice(self, start: int, length: int) -> Table:
        """The rows ``start`` to ``start + length``."""
        columns = {name: c.slice(start, length) for name, c in self.columns.items()}
        return Table(columns, min(length, max(0, self.n - start)))


def as_table(book: Rulebook, table: Any) -> Table:
    """A ``pyarrow.Table`` or a mapping of column name -> column (numpy array, list, Arrow array) as a Table;
    an unknown column name or columns of different lengths are refused."""
    if isinstance(table, pa.Table):
        raw: Mapping[str, Any] = {name: table.column(name) for name in table.column_names}
        n = table.num_rows
    elif isinstance(table, Mapping):
        raw = table
        n = -1
    else:
        raise UsageError(f"a batch is a pyarrow.Table or a mapping of fact name to column, not {type(table).__name__}",
                         None, "e.g. {'person.birth_date': numpy.array([...], dtype='datetime64[D]')}")
    columns: dict[str, Any] = {}
    for name, column in raw.items():
        fact = name[: -len(KNOWN_SUFFIX)] if isinstance(name, str) and name.endswith(KNOWN_SUFFIX) else name
        if name != ID and fact not in book.facts:
            hint = did_you_mean(str(fact), [*book.facts, ID]) or "columns: " + ", ".join(sorted(book.facts)) + \
                f", <fact>{KNOWN_SUFFIX}, {ID}"
            raise FactsError(f"unknown column '{name}'", None, hint)
        columns[str(name)] = _ids(column) if name == ID else _arrow(column)
    lengths = {len(c) for c in columns.values()}
    if len(lengths) > 1:
        raise UsageError(f"the columns have different lengths: {sorted(lengths)}", None, "give one value per row")
    if n < 0:
        if not lengths:
            raise UsageError("a batch needs at least one column", None, "give the facts as columns, or an id column")
        n = lengths.pop()
    return Table(columns, n)


def _ids(column: Any) -> pa.ChunkedArray:
    """Row ids, echoed back: as given when Arrow can hold them, else as text."""
    if isinstance(column, pa.ChunkedArray | pa.Array):
        return pa.chunked_array([column]) if isinstance(column, pa.Array) else column
    values = list(column)
    try:
        return pa.chunked_array([pa.array(values)])
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        return pa.chunked_array([pa.array([None if v is None else str(v) for v in values], pa.string())])


def _arrow(column: Any) -> Any:
    if isinstance(column, pa.ChunkedArray):
        return column
    if isinstance(column, pa.Array):
        return pa.chunked_array([column])
    if isinstance(column, np.ndarray) and column.dtype != object:
        return pa.chunked_array([pa.array(column, from_pandas=column.dtype.kind in "Mf")])
    if type(column).__module__.split(".")[0] == "pandas":  # a Series: Arrow reads its dtype, NaN and NaT as null
        try:
            return pa.chunked_array([pa.array(column, from_pandas=True)])
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            column = column.tolist()
    values = list(column)
    try:
        if all(v is None or type(v) in (str, dt.date, bool, int) for v in values) and \
                len({type(v) for v in values if v is not None}) <= 1:
            return pa.chunked_array([pa.array(values)], type=None if values else pa.null())
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        pass
    return pa.chunked_array([pa.array(values, type=pa.null())]) if all(v is None for v in values) else \
        _objects(values)


def _objects(values: list[Any]) -> _ObjectColumn:
    """Values of mixed or unusual types, kept as Python objects (checked one by one)."""
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return _ObjectColumn(arr)


class _ObjectColumn:
    """A column Arrow cannot hold as one type: the values, checked one by one."""

    def __init__(self, values: np.ndarray[Any, Any]):
        self.values = values

    def __len__(self) -> int:
        return len(self.values)

    def slice(self, start: int, length: int) -> _ObjectColumn:
        return _ObjectColumn(self.values[start:start + length])


def fact_columns(book: Rulebook, table: Table, strings: Interner, errors: ErrorTable) -> dict[str, FactCol]:
    """Every fact of the rulebook as a column (absent: unknown in every row), bad values as row errors."""
    out: dict[str, FactCol] = {}
    n = table.n
    everyone = np.ones(n, dtype=bool)
    for name, fact in book.facts.items():
        column = table.columns.get(name)
        typ = _TYPES[fact.type]
        if column is None:
            out[name] = FactCol(Col(typ, np.zeros(n, dtype=_dtype(typ)), everyone, None))
            continue
        values, nul, bad = _read(fact, column, strings, errors, n)
        unknown = None
        companion = table.columns.get(name + KNOWN_SUFFIX)
        if companion is not None:
            unknown = some(~_known(name, companion))
            if unknown is not None:
                nul = some(nul & ~unknown) if nul is not None else None
                if bad is not None:
                    bad = np.where(unknown, -1, bad).astype(np.int32)
        if bad is not None and not (bad >= 0).any():
            bad = None
        out[name] = FactCol(Col(typ, values, unknown, nul), bad)
    return out


def _known(name: str, companion: Any) -> np.ndarray[Any, Any]:
    """A ``<fact>.known`` column as a mask of the rows where the fact is known (null: not known)."""
    if isinstance(companion, pa.ChunkedArray) and (pa.types.is_boolean(companion.type)
                                                   or pa.types.is_null(companion.type)):
        filled = pc.fill_null(companion.cast(pa.bool_()), False).combine_chunks()
        return np.asarray(filled.to_numpy(zero_copy_only=False), dtype=bool)
    raise UsageError(f"column '{name}{KNOWN_SUFFIX}' must be true or false (or null: not known)", None,
                     f"mark the rows where {name} is unknown with false")


def _dtype(typ: ValueType) -> Any:
    return {T.DATE: np.int64, T.BOOL: np.bool_, T.INT: np.int64, T.TEXT: np.int32}[typ]


def _read(fact: FactDef, column: Any, strings: Interner, errors: ErrorTable, n: int) \
        -> tuple[np.ndarray[Any, Any], Any, Any]:
    """A fact column's values, null rows and bad rows (error codes, -1 for good rows)."""
    if isinstance(column, _ObjectColumn):
        return _one_by_one(fact, column.values, strings, errors)
    arr = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    kind = arr.type
    if pa.types.is_dictionary(kind) and fact.type in (FactType.ENUM, FactType.TEXT) \
            and (pa.types.is_string(kind.value_type) or pa.types.is_large_string(kind.value_type)):
        return _dictionary(fact, arr, strings, errors, n)
    if pa.types.is_dictionary(kind):
        arr = arr.cast(kind.value_type)
        kind = arr.type
    typ = fact.type
    if typ == FactType.DATE and pa.types.is_timestamp(kind):
        arr = _midnight(arr)  # timestamps at midnight are dates (pandas keeps dates so)
        if isinstance(arr, _TimedColumn):
            return _one_by_one(fact, arr.values, strings, errors)
        kind = arr.type
    fast = (typ == FactType.DATE and (pa.types.is_date(kind) or pa.types.is_string(kind)
                                      or pa.types.is_large_string(kind))) \
        or (typ == FactType.BOOL and pa.types.is_boolean(kind)) \
        or (typ == FactType.INT and pa.types.is_integer(kind)) \
        or (typ in (FactType.ENUM, FactType.TEXT) and (pa.types.is_string(kind) or pa.types.is_large_string(kind))) \
        or pa.types.is_null(kind)
    if not fast:
        return _one_by_one(fact, np.array([*arr.to_pylist(), None], dtype=object)[:-1], strings, errors)
    if arr.null_count:
        nul_arr = np.asarray(arr.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        nul = nul_arr
    else:
        nul_arr, nul = np.zeros(n, dtype=bool), None
    bad = np.full(n, -1, dtype=np.int32)
    if nul is not None and not fact.nullable:
        bad[nul] = errors.code(_error(fact, None))
    if pa.types.is_null(kind):
        values: np.ndarray[Any, Any] = np.zeros(n, dtype=_dtype(_TYPES[typ]))
    elif typ == FactType.DATE and pa.types.is_date(kind):
        values = _numbers(arr if kind == pa.date32() else arr.cast(pa.date32()), np.int32).astype(np.int64)
        outside = (values < cd.MIN_DAY) | (values > cd.MAX_DAY) if values.size and (
            values.min() < cd.MIN_DAY or values.max() > cd.MAX_DAY) else None
        if outside is not None:
            _bad_rows(fact, arr, outside, bad, errors)
    elif typ == FactType.DATE:
        values, wrong = _parse_dates(arr)
        if wrong.any():
            _bad_rows(fact, arr, wrong & ~nul_arr, bad, errors)
    elif typ == FactType.INT and kind.bit_width in (8, 16, 32, 64):
        values = _numbers(arr, np.dtype(kind.to_pandas_dtype())).astype(np.int64)
    elif typ == FactType.BOOL and len(arr):
        bits = np.frombuffer(arr.buffers()[1], dtype=np.uint8)
        values = np.unpackbits(bits, bitorder="little", count=arr.offset + len(arr))[arr.offset:].astype(bool)
    elif typ in (FactType.BOOL, FactType.INT):
        values = arr.fill_null(False if typ == FactType.BOOL else 0).to_numpy(zero_copy_only=False) \
            .astype(np.bool_ if typ == FactType.BOOL else np.int64)
    else:
        encoded = pc.dictionary_encode(arr.fill_null(""))
        words = encoded.dictionary.to_pylist()
        if typ == FactType.ENUM:
            wrong_words = np.array([w not in fact.values for w in words], dtype=bool)
            indices = encoded.indices.to_numpy(zero_copy_only=False)
            if wrong_words.any():
                _bad_rows(fact, arr, wrong_words[indices] & ~nul_arr, bad, errors)
        codes = np.array([strings.code(w) for w in words], dtype=np.int32)
        values = codes[encoded.indices.to_numpy(zero_copy_only=False)]
    return values, nul, bad if (bad >= 0).any() else None


def _midnight(arr: pa.Array) -> pa.Array:
    """Timestamps as dates where they fall at midnight; a time of day is kept for the scalar check to refuse."""
    if arr.type.tz is not None:
        arr = arr.cast(pa.timestamp(arr.type.unit))
    whole = pc.equal(pc.floor_temporal(arr, unit="day"), arr)
    if pc.all(pc.fill_null(whole, True)).as_py():
        return arr.cast(pa.date32(), safe=False)
    return _TimedColumn(arr)


class _TimedColumn:
    """A timestamp column with a time of day somewhere: read value by value (the check refuses times)."""

    def __init__(self, arr: pa.Array):
        values = [v.date() if v is not None and v.time() == dt.time() else v for v in arr.to_pylist()]
        self.values = np.array([*values, None], dtype=object)[:-1]

    def __len__(self) -> int:
        return len(self.values)


def _numbers(arr: pa.Array, dtype: Any) -> np.ndarray[Any, Any]:
    """The values buffer of a fixed-width Arrow array as numpy, without copying (meaningless where null)."""
    buffer = arr.buffers()[1]
    if buffer is None or len(arr) == 0:
        return np.zeros(len(arr), dtype=dtype)
    return np.frombuffer(buffer, dtype=dtype, count=arr.offset + len(arr))[arr.offset:]


def _dictionary(fact: FactDef, arr: pa.DictionaryArray, strings: Interner, errors: ErrorTable, n: int) \
        -> tuple[np.ndarray[Any, Any], Any, Any]:
    """Dictionary-encoded text (categories): each distinct word checked once, rows mapped by index."""
    words = arr.dictionary.to_pylist()
    nul_arr = np.asarray(arr.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    indices = _numbers(arr.indices, np.dtype(arr.indices.type.to_pandas_dtype())).astype(np.int64)
    if nul_arr.any():
        indices = np.where(nul_arr, 0, indices)
    codes = np.array([strings.code(w) if isinstance(w, str) else 0 for w in words] or [0], dtype=np.int32)
    bad = np.full(n, -1, dtype=np.int32)
    if nul_arr.any() and not fact.nullable:
        bad[nul_arr] = errors.code(_error(fact, None))
    if fact.type == FactType.ENUM:
        wrong = [i for i, w in enumerate(words) if w not in fact.values]
        for i in wrong:
            bad[(indices == i) & ~nul_arr] = errors.code(_error(fact, words[i]))
    return codes[indices], (nul_arr if nul_arr.any() else None), bad if (bad >= 0).any() else None


def _parse_dates(arr: pa.Array) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Strict YYYY-MM-DD texts as day numbers, and the rows that are not such a date (nulls excluded)."""
    text = arr.fill_null("1970-01-01")
    shaped = np.asarray(pc.match_substring_regex(text, r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$").to_numpy(
        zero_copy_only=False), dtype=bool)
    safe = pc.if_else(pa.array(shaped), text, pa.scalar("1970-01-01"))
    year = pc.cast(pc.utf8_slice_codeunits(safe, 0, 4), pa.int64()).to_numpy().astype(np.int64)
    month = pc.cast(pc.utf8_slice_codeunits(safe, 5, 7), pa.int64()).to_numpy().astype(np.int64)
    day = pc.cast(pc.utf8_slice_codeunits(safe, 8, 10), pa.int64()).to_numpy().astype(np.int64)
    month_ok = (month >= 1) & (month <= 12)
    safe_month = np.where(month_ok, month, 1)
    valid = shaped & (year >= 1) & month_ok & (day >= 1) & (day <= cd.days_in_month(year, safe_month))
    days = cd.from_civil(np.where(valid, year, 1970), np.where(valid, safe_month, 1), np.where(valid, day, 1))
    return days, ~valid


def _error(fact: FactDef, value: Any) -> LawcodeError:
    """The error ``decide`` raises when it reads this value of ``fact``."""
    try:
        fact_converter(fact)({}, value)
    except LawcodeError as e:
        return e
    raise AssertionError(f"{value!r} is a good value of {fact.name}")  # pragma: no cover - a defect


def _bad_rows(fact: FactDef, arr: pa.Array, rows: np.ndarray[Any, Any], bad: np.ndarray[Any, Any],
              errors: ErrorTable) -> None:
    for i in np.flatnonzero(rows).tolist():
        bad[i] = errors.code(_error(fact, arr[i].as_py()))


def _one_by_one(fact: FactDef, values: np.ndarray[Any, Any], strings: Interner, errors: ErrorTable) \
        -> tuple[np.ndarray[Any, Any], Any, Any]:
    """Values of any Python type, each checked and converted as ``decide`` does."""
    n = len(values)
    typ = _TYPES[fact.type]
    out = np.zeros(n, dtype=_dtype(typ))
    nul = np.zeros(n, dtype=bool)
    bad = np.full(n, -1, dtype=np.int32)
    convert = fact_converter(fact)
    for i, value in enumerate(values.tolist()):
        if value is None and fact.nullable:
            nul[i] = True
            continue
        try:
            v = convert({}, value)
        except LawcodeError as e:
            bad[i] = errors.code(e)
            continue
        if typ == T.DATE:
            out[i] = cd.day_number(v)
        elif typ == T.TEXT:
            out[i] = strings.code(v)
        else:
            out[i] = v
    return out, some(nul), bad if (bad >= 0).any() else None


__all__ = ["ID", "KNOWN_SUFFIX", "Table", "as_table", "fact_columns"]
