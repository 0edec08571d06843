"""facts.yaml: the input facts (type, allowed values, meaning, phrases), and whether a value suits one."""

from __future__ import annotations

import datetime as dt
import reprlib
from typing import Any

from lawcode import dates
from lawcode.errors import N_, QUOTE_LIMIT, Location, Message, did_you_mean, quote, safe_text, shorten, suggest
from lawcode.rulebook.located import LocatedDict
from lawcode.rulebook.model import FactDef, FactType
from lawcode.rulebook.names import name_problem
from lawcode.rulebook.reading import (
    Problems,
    check_keys,
    place,
    read_phrases,
    read_text,
    read_values,
)

FACT_TYPES: tuple[str, ...] = tuple(FactType)
FACT_KEYS = {"type": True, "meaning": True, "values": False, "nullable": False, "phrases": False}


INT_LIMIT = 1 << 63  # whole-number facts are 64-bit, as the vector back end (numpy) holds them
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 3, QUOTE_LIMIT, QUOTE_LIMIT


def shown(value: Any) -> str:
    """A given value as a message quotes it: bounded however big or deep (a list of aliases), never raising."""
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        try:
            return safe_text(shorten(_REPR.repr(value)))
        except Exception:  # an item whose repr fails (a 5,000-digit int): say what the value is
            return f"a {type(value).__name__} of {len(value):,} items"
    return quote(value)


def check_value(fact: FactDef, value: Any) -> tuple[Any, Message | None]:
    """The value converted to its Python type, or the reason it is not valid for ``fact``."""
    name = fact.name
    if value is None:
        return (None, None) if fact.nullable else (None, Message(N_("'{fact}' cannot be null"), fact=name))
    typ = fact.type
    if typ == "date":
        if isinstance(value, dt.datetime):
            return None, Message(N_("'{fact}' must be a date without time, not {value}"), fact=name,
                                 value=value.isoformat())
        if isinstance(value, dt.date):
            return value, None
        if isinstance(value, str):
            if len(value) > len("YYYY-MM-DD") + 2:  # not a date, and perhaps megabytes long: quoted bounded
                return None, Message(N_("'{fact}': {problem}"), fact=name, problem=Message(
                    N_("bad date {text}: expected YYYY-MM-DD"), text=shown(value)))
            try:
                return dates.parse_iso_date(value), None
            except dates.InvalidDate as e:
                return None, Message(N_("'{fact}': {problem}"), fact=name, problem=e.said)
        return None, Message(N_("'{fact}' must be a date YYYY-MM-DD, not {value}"), fact=name, value=shown(value))
    if typ == "bool":
        if isinstance(value, bool):
            return value, None
        return None, Message(N_("'{fact}' must be true or false, not {value}"), fact=name, value=shown(value))
    if typ == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            if -INT_LIMIT <= value < INT_LIMIT:
                return value, None
            return None, Message(N_("'{fact}' is {value}, out of range: whole numbers are at most {limit} in "
                                    "magnitude"), fact=name, value=shown(value), limit=f"{INT_LIMIT - 1:,}")
        return None, Message(N_("'{fact}' must be a whole number, not {value}"), fact=name, value=shown(value))
    if typ == "enum":
        if isinstance(value, str) and value in fact.values:
            return value, None
        allowed = ", ".join(fact.values)
        hint = suggest(value, fact.values) if isinstance(value, str) else None
        if hint is not None:
            return None, Message(N_("'{fact}' cannot be {value}: allowed values are {allowed} ({hint})"), fact=name,
                                 value=shown(value), allowed=allowed, hint=hint)
        return None, Message(N_("'{fact}' cannot be {value}: allowed values are {allowed}"), fact=name,
                             value=shown(value), allowed=allowed)
    if isinstance(value, str):
        return value, None
    return None, Message(N_("'{fact}' must be text, not {value}"), fact=name, value=shown(value))


def load_facts(p: Problems, doc: Any, where: Location | None) -> dict[str, FactDef]:
    facts: dict[str, FactDef] = {}
    if not check_keys(p, doc, {"facts": True}, "facts.yaml", where):
        return facts
    body = doc.get("facts")
    if not isinstance(body, dict):
        p.add("'facts' must map fact names to their description", place(doc, "facts"))
        return facts
    for name, spec in body.items():
        loc = body.key_at(name) if isinstance(body, LocatedDict) else where
        bad_name = name_problem(name, "fact", loc)
        if bad_name is not None:
            p.errors.append(bad_name)
            continue
        if not check_keys(p, spec, FACT_KEYS, f"fact '{name}'", loc):
            continue
        typ = spec.get("type")
        if typ not in FACT_TYPES:
            p.add(f"fact '{name}' has unknown type {typ!r}", place(spec, "type"),
                  did_you_mean(str(typ), FACT_TYPES) or "types: " + ", ".join(FACT_TYPES))
            continue
        values = read_values(p, spec.get("values"), place(spec, "values"))
        if typ == "enum" and not values:
            p.add(f"enum fact '{name}' needs values", loc, "add values: {code: {en: ..., ru: ...}}")
        meaning = read_text(p, spec.get("meaning"), f"meaning of fact '{name}'", place(spec, "meaning"))
        nullable = spec.get("nullable", False)
        if not isinstance(nullable, bool):
            p.add("nullable must be true or false", place(spec, "nullable"))
            nullable = False
        phrases = read_phrases(p, spec.get("phrases"), place(spec, "phrases"))
        if meaning is not None:
            fact = FactDef(str(name), FactType(typ), meaning, values, nullable, phrases, loc)
            for lang, items in phrases.items():
                for phrase in items:
                    problem = check_value(fact, phrase.value)[1] if phrase.fixed else None
                    if problem:
                        p.add(f"phrase '{phrase.text}' ({lang}) sets {phrase.value!r}: {problem}",
                              place(spec, "phrases"))
            facts[str(name)] = fact
    return facts
