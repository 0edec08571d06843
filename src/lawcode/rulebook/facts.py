"""Fact values: whether a value is valid for a declared fact, converted to its Python type."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lawcode import dates
from lawcode.errors import did_you_mean
from lawcode.rulebook.model import FactDef


def check_value(fact: FactDef, value: Any) -> tuple[Any, str | None]:
    """The value converted to its Python type, or the reason it is not valid for ``fact``."""
    if value is None:
        return (None, None) if fact.nullable else (None, f"'{fact.name}' cannot be null")
    typ = fact.type
    if typ == "date":
        if isinstance(value, dt.datetime):
            return None, f"'{fact.name}' must be a date without time, not {value.isoformat()}"
        if isinstance(value, dt.date):
            return value, None
        if isinstance(value, str):
            try:
                return dates.parse_iso_date(value), None
            except ValueError as e:
                return None, f"'{fact.name}': {e}"
        return None, f"'{fact.name}' must be a date YYYY-MM-DD, not {value!r}"
    if typ == "bool":
        if isinstance(value, bool):
            return value, None
        return None, f"'{fact.name}' must be true or false, not {value!r}"
    if typ == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return (value, None) if ok else (None, f"'{fact.name}' must be a whole number, not {value!r}")
    if typ == "enum":
        if isinstance(value, str) and value in fact.values:
            return value, None
        allowed = ", ".join(fact.values)
        hint = did_you_mean(str(value), fact.values) if isinstance(value, str) else None
        return None, f"'{fact.name}' cannot be {value!r}: allowed values are {allowed}" + (f" ({hint})" if hint else "")
    return (value, None) if isinstance(value, str) else (None, f"'{fact.name}' must be text, not {value!r}")
