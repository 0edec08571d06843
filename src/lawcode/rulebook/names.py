"""Fact and rule names: what an expression can write, and nothing else.

A name is ASCII words (a letter or ``_`` first, then letters, digits, ``_``) joined by dots, e.g.
``person.birth_date``: expressions read names with this grammar, so any other name loads but can
never be read. The words of the expression language are reserved: the question date ``on``, the
literals ``true``, ``false``, ``null`` (and Python's ``True``, ``False``, ``None``) and the names of
the functions (``lawcode.language.functions.FUNCTIONS``); a word of a name may not be a Python
keyword (``person.if`` cannot be parsed) and ``__`` is refused as expressions refuse it.

A name is checked where it is defined (rules in any rule file, facts in ``facts.yaml``); the error
names the file and line, the offending character with its code point, and the fix. A key that YAML
reads as something else than text (``on:``, ``yes:``, ``off:`` are booleans in YAML 1.1; ``1:`` a
number; ``~:`` null) is explained: quote it.
"""

from __future__ import annotations

import datetime as dt
import keyword
import re
import unicodedata
from typing import Any

from lawcode.errors import Location, RuleFileError, quote, safe_text
from lawcode.language.functions import FUNCTIONS
from lawcode.language.parse import LITERAL_NAMES, QUESTION_DATE

MAX_NAME = 100  # characters of a name: names are quoted in messages, which stay short
RESERVED: frozenset[str] = frozenset({QUESTION_DATE, *LITERAL_NAMES, *FUNCTIONS})
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ALLOWED = re.compile(r"[A-Za-z0-9_.]")
_EXAMPLE = "person.birth_date"


def _character(ch: str) -> str:
    """A character as a message shows it: itself (escaped if it is a control) and its code point and name."""
    name = unicodedata.name(ch, "a control character" if unicodedata.category(ch) == "Cc" else "unnamed character")
    if ch.isprintable() and safe_text(ch) == ch:
        shown = ch
    else:
        shown = f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}"
    return f"'{shown}' (U+{ord(ch):04X} {name})"


def _yaml_word(where: Location | None) -> str | None:
    """The key as written in the file (``on`` for a key YAML read as True), when the location shows it."""
    if where is None or where.text is None or where.column is None:
        return None
    written = re.match(r"[^:#\s]+", where.text[where.column - 1:])
    return written.group() if written else None


def name_problem(name: Any, kind: str, where: Location | None) -> RuleFileError | None:
    """Why ``name`` cannot be the name of a ``kind`` ("rule" or "fact"), located at ``where``; None if it can."""
    if not isinstance(name, str):
        written = _yaml_word(where)
        shown = repr(written) if written else quote(name)
        if isinstance(name, bool):
            what = f"the boolean {str(name).lower()}"
            why = " (YAML reads unquoted on, off, yes, no, true and false as booleans)"
        elif isinstance(name, int | float):
            what, why = "a number", ""
        elif name is None:
            what, why = "null", " (YAML reads an unquoted null or ~ as null)"
        elif isinstance(name, dt.date):
            what, why = "a date", ""
        else:
            what, why = f"a {type(name).__name__}", ""
        return RuleFileError(f"a {kind} name must be text, but YAML reads the key {shown} as {what}{why}", where,
                             f"a {kind} name is words joined by dots, e.g. {_EXAMPLE}; if {shown} is really meant, "
                             "write it in quotes (but on, true, false, null and function names are reserved)")
    if not name:
        return RuleFileError(f"a {kind} name cannot be empty", where, f"name the {kind}, e.g. {_EXAMPLE}")
    if len(name) > MAX_NAME:
        return RuleFileError(f"the {kind} name {quote(name, 40)} is {len(name):,} characters long; a name has at "
                             f"most {MAX_NAME}", where, "choose a shorter name")
    bad = next((ch for ch in name if not _ALLOWED.fullmatch(ch)), None)
    if bad is not None:
        latin = "; retype it in plain Latin letters" if not bad.isascii() and bad.isalnum() else ""
        return RuleFileError(f"{kind} names are ASCII letters, digits and _ joined by dots; {quote(name)} has "
                             f"{_character(bad)}{latin}", where,
                             f"write the name with a-z, A-Z, 0-9, _ and dots only, e.g. {_EXAMPLE}")
    if name in RESERVED:
        what = ("the question date" if name == QUESTION_DATE
                else "a literal" if name in LITERAL_NAMES else "the name of a function")
        return RuleFileError(f"{kind} name '{name}' is reserved: expressions read it as {what}, so the {kind} could "
                             "never be read", where,
                             f"choose another name, e.g. person.{name.lower()}; on, true, false, null and the names "
                             "of functions are reserved")
    for word in name.split("."):
        if not word:
            return RuleFileError(f"{kind} name '{name}' has an empty word (a dot at its start or end, or two dots)",
                                 where, f"names are words joined by single dots, e.g. {_EXAMPLE}")
        if not _WORD.fullmatch(word):
            return RuleFileError(f"{kind} name '{name}' has the word '{word}', which starts with a digit", where,
                                 f"start each word with a letter or _, e.g. {_EXAMPLE}")
        if keyword.iskeyword(word):
            return RuleFileError(f"{kind} name '{name}' has the word '{word}', a keyword expressions cannot use "
                                 "in a name", where, f"choose another word, e.g. {word}_")
    if "__" in name:
        return RuleFileError(f"{kind} name '{name}' has '__', which expressions refuse", where,
                             "use a single _ between parts of a word")
    return None
