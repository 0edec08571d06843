"""Reading located YAML mappings into typed values, collecting every problem with its place and fix.

The loaders of acts, facts, rules and the timeline share these readers, so that a reviewer gets
the same kind of message (file:line:col, what is wrong, the fix) whatever the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from lawcode import dates
from lawcode.errors import LawcodeError, LawcodeErrors, Location, RuleFileError, did_you_mean
from lawcode.rulebook.located import LocatedDict, LocatedList
from lawcode.rulebook.model import LANGS, Phrase, Text


class Problems:
    """Collects located problems so that a whole rulebook is reported in one pass."""

    def __init__(self) -> None:
        self.errors: list[LawcodeError] = []

    def add(self, message: str, where: Location | None, hint: str | None = None) -> None:
        self.errors.append(RuleFileError(message, where, hint))

    def guard(self, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except LawcodeErrors as e:
            self.errors.extend(e.errors)
        except LawcodeError as e:
            self.errors.append(e)
        return None


def place(container: Any, key: Any = None) -> Location | None:
    if isinstance(container, LocatedDict):
        return container.value_at(key) if key is not None and key in container else container.location
    if isinstance(container, LocatedList):
        return container.item_at(key) if isinstance(key, int) else container.location
    return None


def check_keys(p: Problems, d: Any, spec: Mapping[str, bool], what: str, where: Location | None) -> bool:
    """Report unknown and missing keys of a mapping; False if ``d`` is not a mapping at all."""
    if not isinstance(d, dict):
        p.add(f"{what} must be a mapping of keys to values", where, "keys: " + ", ".join(spec))
        return False
    for key in d:
        if key not in spec:
            loc = d.key_at(key) if isinstance(d, LocatedDict) else where
            if isinstance(key, bool):  # on:, yes:, off: ... are booleans in YAML 1.1
                p.add(f"unknown key {str(key).lower()} in {what}: YAML reads unquoted on, off, yes, no, true and "
                      "false as booleans", loc, "allowed keys: " + ", ".join(spec))
                continue
            p.add(f"unknown key '{key}' in {what}", loc,
                  did_you_mean(str(key), spec) or "allowed keys: " + ", ".join(spec))
    for key, required in spec.items():
        if required and key not in d:
            p.add(f"{what} lacks '{key}'", where, f"add '{key}:'")
    return True


def read_text(p: Problems, value: Any, what: str, where: Location | None) -> Text | None:
    if not isinstance(value, dict):
        p.add(f"{what} must give both languages: {{en: ..., ru: ...}}", where)
        return None
    before = len(p.errors)
    ok = check_keys(p, value, {lang: True for lang in LANGS}, what, where)
    if len(p.errors) > before and any(k not in LANGS for k in value):
        for e in p.errors[before:]:
            e.hint = (e.hint or "") + "; a comma inside {en: ..., ru: ...} starts a new key: put the text in quotes"
    texts = {lang: value.get(lang) for lang in LANGS}
    for lang, t in texts.items():
        if lang in value and (not isinstance(t, str) or not t.strip()):
            p.add(f"{what} in '{lang}' must be non-empty text", place(value, lang),
                  "quote it if it looks like a number")
            ok = False
    if not ok or not all(isinstance(t, str) for t in texts.values()):
        return None
    return Text(en=str(texts["en"]), ru=str(texts["ru"]))


def read_date(p: Problems, value: Any, what: str, where: Location | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        p.add(f"{what} must be a date without time", where)
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dates.parse_iso_date(value)
        except ValueError as e:
            p.add(f"{what}: {e}", where, "write dates as YYYY-MM-DD")
            return None
    p.add(f"{what} must be a date YYYY-MM-DD, not {value!r}", where)
    return None


def read_word(p: Problems, value: Any, what: str, where: Location | None) -> str | None:
    """A citation part (article '7.1', paragraph '2'): text or whole number, never a float."""
    if isinstance(value, (bool, float)):
        p.add(f"{what} {value!r} must be quoted", where, f"write \"{value}\" in quotes")
        return None
    if isinstance(value, int | str) and str(value).strip():
        return str(value)
    p.add(f"{what} must be text", where)
    return None


def read_phrases(p: Problems, value: Any, where: Location | None) -> dict[str, tuple[Phrase, ...]]:
    """Phrases per language: "text with {value}", or {"text": fixed value}."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        p.add("phrases must be {en: [...], ru: [...]}", where)
        return {}
    check_keys(p, value, {lang: False for lang in LANGS}, "phrases", where)
    result: dict[str, tuple[Phrase, ...]] = {}
    for lang in LANGS:
        items = value.get(lang, [])
        if isinstance(items, str | dict):
            items = [items]
        if not isinstance(items, list):
            p.add(f"phrases in '{lang}' must be a list", place(value, lang))
            continue
        out: list[Phrase] = []
        for i, item in enumerate(items):
            loc = place(items, i)
            if isinstance(item, str) and item.strip():
                out.append(Phrase(item.strip()))
            elif isinstance(item, dict) and len(item) == 1 and isinstance(next(iter(item)), str):
                text, fixed = next(iter(item.items()))
                out.append(Phrase(text.strip(), True, fixed))
            else:
                p.add("a phrase is a text, or {\"text\": value} for a phrase that sets a fixed value", loc)
        result[lang] = tuple(out)
    return result


def read_values(p: Problems, value: Any, where: Location | None) -> dict[str, Text]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not value:
        p.add("values must map each code to its label {en: ..., ru: ...}", where)
        return {}
    result: dict[str, Text] = {}
    for code, label in value.items():
        t = read_text(p, label, f"label of value '{code}'", place(value, code))
        if t is not None:
            result[str(code)] = t
    return result
