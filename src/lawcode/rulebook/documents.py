"""Facts documents as users write them: a YAML or JSON mapping of fact names to values, located.

A facts file is read without trusting it (``files.read_input_text``): a regular file only, at most
``facts_limit()`` bytes (``LAWCODE_MAX_FACTS_BYTES``, default 2 MB), UTF-8. ``.json`` files and standard input
are read by a JSON parser, everything else by the YAML reader; both refuse a key given twice, nesting deeper
than ``yamlsource.MAX_DEPTH`` and an empty document (write ``{}`` to say that no fact is known), and every
problem is a ``FactsError`` that names the file, line and column.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from lawcode.errors import N_, FactsError, Location, Message
from lawcode.rulebook.files import MB, decode_utf8, read_input_text, size_limit
from lawcode.rulebook.located import LocatedDict
from lawcode.rulebook.yamlsource import MAX_DEPTH, load_yaml_text, quoted_key

LIMIT_VARIABLE = "LAWCODE_MAX_FACTS_BYTES"
DEFAULT_LIMIT = 2 * MB  # a person's facts take a few hundred bytes; the YAML reader needs ~100 MB per MB of keys
STDIN = "<stdin>"


def facts_limit() -> int:
    """The largest facts document read, in bytes: ``LAWCODE_MAX_FACTS_BYTES`` if set, else 2 MB."""
    return size_limit(LIMIT_VARIABLE, DEFAULT_LIMIT)


def _limit_hint() -> Message:
    return Message(N_("a facts document holds one person's facts; to read a bigger one, set {variable} to its "
                      "size in bytes"), variable=LIMIT_VARIABLE)


def read_facts_file(path: str | Path) -> Mapping[str, Any]:
    """Parse a facts document (``.json``, or YAML otherwise); every problem is a located ``FactsError``."""
    name = str(path)
    text = read_input_text(path, Message(N_("facts file")), FactsError, facts_limit(), _limit_hint())
    return read_facts_text(text, name, json=Path(path).suffix.lower() == ".json")


def read_facts_stream(stream: IO[bytes] | IO[str], name: str = STDIN) -> Mapping[str, Any]:
    """Parse the JSON facts document on ``stream`` (standard input), read up to the size limit."""
    limit = facts_limit()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FactsError(Message(N_("{what} is over the limit of {limit} bytes"), what=Message(N_("standard input")),
                                 limit=f"{limit:,}"), Location(name), _limit_hint())
    text = data if isinstance(data, str) else decode_utf8(data, name, FactsError)
    return read_facts_text(text.removeprefix("\ufeff"), name, json=True)


def read_facts_text(text: str, name: str, *, json: bool = False) -> Mapping[str, Any]:
    """The facts document ``text`` (JSON if ``json``, else YAML) as a located mapping, or a ``FactsError``."""
    if (not text.strip()) if json else _blank_yaml(text):
        raise FactsError(Message(N_("the facts document is empty")), Location(name),
                         Message(N_("write {empty} to say that no fact is known"), empty="{}"), subject="")
    doc = _read_json(text, name) if json else load_yaml_text(text, name, FactsError)
    if not isinstance(doc, Mapping):
        raise FactsError(Message(N_("a facts document must be a mapping of fact names to values")),
                         Location(name, 1, 1, text.split("\n", 1)[0]),
                         Message(N_("write one fact per line: person.birth_date: 2000-05-10")), subject="")
    return doc


def _blank_yaml(text: str) -> bool:
    """The YAML text holds no document at all (nothing, or only comments and blank lines)."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


# -- JSON ----------------------------------------------------------------------------------------------
# A string (closed, or running to the end of the text: the scan never backtracks) or a structural character.
_TOKEN = re.compile(r'"(?:[^"\\]+|\\[\s\S])*(?:"|\\?\Z)|[][{}:]')
_SPACE = re.compile(r"[ \t\n\r]*")


class _Duplicate(Exception):
    def __init__(self, key: str):
        self.key = key


class _TooLong(Exception):
    def __init__(self, digits: str):
        self.digits = digits


def duplicate_key(pairs: list[tuple[str, Any]]) -> str | None:
    """The first key written twice in a JSON object's ``pairs`` (YAML's rule for JSON too), or None."""
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return key
        seen.add(key)
    return None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    key = duplicate_key(pairs)
    if key is not None:
        raise _Duplicate(key)
    return dict(pairs)


def _int(digits: str) -> int:
    if len(digits) > sys.get_int_max_str_digits() > 0:
        raise _TooLong(digits)
    return int(digits)


def _read_json(text: str, name: str) -> Any:
    """The JSON document ``text``: one parse (no second YAML parse), the YAML reader's rules, located errors."""
    places = _Places(text, name)
    if text.count("[") + text.count("{") > MAX_DEPTH:
        offset = nested_past(text, MAX_DEPTH)
        if offset is not None:
            raise FactsError(Message(N_("values are nested deeper than {limit} levels"), limit=MAX_DEPTH),
                             places.at(offset), Message(N_("write the value with fewer levels of lists and mappings")))
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_int)
    except json.JSONDecodeError as e:
        raise FactsError(Message(N_("invalid JSON: {problem}"), problem=e.msg), places.at(e.pos)) from None
    except _Duplicate as e:
        key, first, second = places.duplicate(e.key)
        raise FactsError(Message(N_("duplicate key {key} (first written on line {line})"), key=quoted_key(key),
                                 line=first.line if first.line is not None else "?"), second,
                         Message(N_("remove one of them: JSON readers differ on which one they keep"))) from None
    except _TooLong as e:
        digits = sys.get_int_max_str_digits()
        raise FactsError(Message(N_("a number of {count} characters is too long: at most {limit} digits are read"),
                                 count=f"{len(e.digits):,}", limit=f"{digits:,}"), places.at(text.find(e.digits)),
                         Message(N_("write a shorter number"))) from None
    except RecursionError:  # nesting the depth check let through, read on an already deep stack
        raise FactsError(Message(N_("values are nested too deeply to be read")), places.at(0)) from None
    if isinstance(doc, dict):
        return _JsonFacts(doc, places)
    return doc


def nested_past(text: str, limit: int) -> int | None:
    """The offset of the first JSON bracket nested deeper than ``limit`` (strings skipped), or None."""
    depth = 0
    for match in _TOKEN.finditer(text):
        char = text[match.start()]
        if char in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif char in "]}":
            depth -= 1
    return None


class _Places:
    """Lines and columns in a JSON text, found only when a message needs them (the text is scanned once)."""

    def __init__(self, text: str, name: str):
        self.text, self.name = text, name
        self._starts: list[int] | None = None
        self._keys: dict[str, tuple[int, int]] | None = None  # top-level key: (its offset, its value's offset)
        self._duplicates: list[tuple[str, int, int]] = []  # (key, first offset, second offset), in any object

    def at(self, offset: int) -> Location:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._starts, offset)
        start = self._starts[line - 1]
        end = self.text.find("\n", start)
        source = self.text[start:end if end >= 0 else len(self.text)].rstrip("\r")
        return Location(self.name, line, offset - start + 1, source)

    def keys(self) -> dict[str, tuple[int, int]]:
        if self._keys is None:
            self._keys = self._scan()
        return self._keys

    def duplicate(self, key: str) -> tuple[str, Location, Location]:
        self.keys()
        for found, first, second in self._duplicates:
            if found == key:
                return key, self.at(first), self.at(second)
        if self._duplicates:
            found, first, second = self._duplicates[0]
            return found, self.at(first), self.at(second)
        return key, Location(self.name), Location(self.name)

    def _scan(self) -> dict[str, tuple[int, int]]:
        text, keys = self.text, dict[str, tuple[int, int]]()
        stack: list[set[str] | None] = []  # the keys of each open object (None: an array)
        for match in _TOKEN.finditer(text):
            start = match.start()
            char = text[start]
            if char in "{[":
                stack.append(set() if char == "{" else None)
            elif char in "}]":
                if stack:
                    stack.pop()
            elif char == '"' and stack and stack[-1] is not None:
                after = _SPACE.match(text, match.end()).end()  # type: ignore[union-attr]
                if after >= len(text) or text[after] != ":":
                    continue  # a value, not a key
                raw = match.group()
                try:
                    key = json.loads(raw) if "\\" in raw else raw[1:-1]
                except ValueError:
                    continue
                seen = stack[-1]
                if key in seen:
                    if len(stack) == 1:
                        self._duplicates.append((key, keys[key][0], start))
                    else:
                        self._duplicates.append((key, start, start))
                    continue
                seen.add(key)
                if len(stack) == 1:
                    keys[key] = (start, _SPACE.match(text, after + 1).end())  # type: ignore[union-attr]
        return keys


class _JsonFacts(LocatedDict):
    """The top-level object of a JSON facts document: it finds where a key or value was written when asked."""

    def __init__(self, doc: dict[str, Any], places: _Places):
        super().__init__(doc)
        self.places = places
        self.location = places.at(0)
        self.key_locations = {}
        self.value_locations = {}

    def key_at(self, key: Any) -> Location:
        found = self.places.keys().get(key) if isinstance(key, str) else None
        return self.places.at(found[0]) if found else self.location

    def value_at(self, key: Any) -> Location:
        found = self.places.keys().get(key) if isinstance(key, str) else None
        return self.places.at(found[1]) if found else self.location
