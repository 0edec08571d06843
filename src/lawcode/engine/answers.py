"""Answers out: a question's answer columns for a batch as an Arrow table (row, id, status, value, missing, error).

Values are typed (date32, bool, int64, string, or a list); ``missing`` lists the facts an undetermined
row needs, sorted; ``error`` holds the message ``decide`` gives for a refused row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from lawcode.engine.intake import ID
from lawcode.language.columns import ErrorTable, Interner, RuleCol
from lawcode.rulebook.model import Rulebook

STATUSES = pa.array(["decided", "undetermined"])
STATUS_TYPE = pa.dictionary(pa.int8(), pa.string())


def answer_table(book: Rulebook, answer: RuleCol, errors: ErrorTable, n: int, strings: Interner, lists: Interner,
                 value_type: pa.DataType, ids: Any = None, first_row: int = 1) -> pa.Table:
    """The answers as an Arrow table: row, [id], status, value, missing, error."""
    col = answer.col
    err = answer.err
    failed = err >= 0 if err is not None else np.zeros(n, dtype=bool)
    undetermined = (col.unk if col.unk is not None else np.zeros(n, dtype=bool)) & ~failed
    decided = ~failed & ~undetermined
    status = pa.DictionaryArray.from_arrays(  # dictionary-encoded: two words, not a million strings
        pa.array((~decided).astype(np.int8), mask=failed), STATUSES)
    blank = ~decided | (col.nul if col.nul is not None else False)
    values = np.broadcast_to(np.asarray(col.v), (n,))
    value = _values(values, np.asarray(blank, dtype=bool), value_type, strings, lists)
    names = list(book.facts)
    missing = _missing(answer.miss, undetermined, names, n)
    messages = None
    if failed.any():
        table = np.array([str(e) for e in errors.errors] + [""], dtype=object)
        messages = pa.array(table[np.where(failed, err if err is not None else -1, -1)], mask=~failed)
    else:
        messages = pa.nulls(n, pa.string())
    fields: dict[str, Any] = {"row": pa.array(np.arange(first_row, first_row + n, dtype=np.int64))}
    if ids is not None:
        fields[ID] = ids
    fields.update(status=status, value=value, missing=missing, error=messages)
    return pa.table(fields)


def _values(values: np.ndarray[Any, Any], blank: np.ndarray[Any, Any], typ: pa.DataType, strings: Interner,
            lists: Interner) -> pa.Array:
    if pa.types.is_date32(typ):
        return pa.array(values.astype(np.int32), type=typ, mask=blank)
    if pa.types.is_boolean(typ):
        return pa.array(values.astype(bool), mask=blank)
    if pa.types.is_integer(typ):
        return pa.array(values.astype(np.int64), mask=blank)
    codes = values.astype(np.int32)
    # every code in the column is a code of the interner (blank rows hold 0 or a real code), so counting all
    # of them is safe: a list only blank rows use costs one unused dictionary entry
    used = np.flatnonzero(np.bincount(codes)).astype(np.int32) if codes.size else np.zeros(0, dtype=np.int32)
    used = used[used < len(lists.values if pa.types.is_list(typ) else strings.values)]
    position = np.zeros(int(codes.max(initial=0)) + 1, dtype=np.int32)
    position[used] = np.arange(len(used), dtype=np.int32)
    if pa.types.is_list(typ):
        distinct = [[_item(x) for x in lists.value(int(c))] for c in used]
    else:
        distinct = [strings.value(int(c)) for c in used]
    taken = pa.array(position[codes], mask=blank)
    return pa.array(distinct, type=typ).take(taken)


def _item(x: Any) -> Any:
    return x


def _missing(miss: np.ndarray[Any, Any] | None, undetermined: np.ndarray[Any, Any], names: list[str],
             n: int) -> pa.Array:
    """The missing facts of each undetermined row, sorted; [] for the other rows."""
    if miss is None or not undetermined.any():  # nothing missing anywhere: n empty lists
        return pa.ListArray.from_arrays(pa.array(np.zeros(n + 1, dtype=np.int32)), pa.array([], pa.string()))
    lists: list[list[str]] = [[]]
    codes = np.zeros(n, dtype=np.int32)
    rows = np.flatnonzero(undetermined)
    distinct, inverse = np.unique(miss[rows], axis=0, return_inverse=True)
    for pattern in distinct:
        lists.append(sorted(name for b, name in enumerate(names) if int(pattern[b // 64]) >> (b % 64) & 1))
    codes[rows] = inverse.reshape(-1) + 1
    return pa.array(lists, type=pa.list_(pa.string())).take(pa.array(codes))


__all__ = ["STATUS_TYPE", "answer_table"]
