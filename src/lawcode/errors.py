"""One error hierarchy: every lawcode error knows where it comes from and how to fix it.

Reviewers see these messages, never a traceback, so each carries a location
(file, line, column, the offending line with a caret) and a hint.

A message about input (facts, questions, dates) is written as a ``Message``: an English template,
marked for the gettext catalog with ``N_``, and its values. ``str()`` gives the English; whoever
shows it to a reader in another language (the HTTP service) renders the same template through the
catalog with the same values, so nothing is translated by matching English text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Sequence

from attrs import frozen

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def N_(template: str) -> str:
    """Mark an English message template for the catalog (``make catalog`` extracts it)."""
    return template


def english_date(day: dt.date) -> str:
    """A date as an English message writes it, e.g. '29 February 2024' (locale-independent)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# Characters that must never reach a terminal as they are: C0 controls but newline and tab, DEL, C1
# controls (ANSI sequences start with ESC or CSI), bidirectional overrides and isolates (they reorder
# the line a reader sees), line and paragraph separators, and the byte-order mark.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
QUOTE_LIMIT = 80  # characters of an input value a message quotes


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """``text`` with every terminal control character written as an escape (newlines and tabs kept)."""
    return _UNSAFE.sub(_escape, text)


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` escaped for a terminal and cut to ``limit`` characters *as shown*, saying how long it was.

    Escaping first matters: a control character shows as four or six characters (``\\ufeff``).
    """
    shown = safe_text(text[:limit])
    if len(shown) <= limit and len(text) <= limit:
        return shown
    return f"{shown[:limit]}… ({len(text):,} characters)"


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """An input value as a message quotes it: ``repr``-like, bounded, safe on a terminal, never raising."""
    if isinstance(value, str):
        shown = safe_text(repr(value[:limit]))
        if len(shown) <= limit + 2 and len(value) <= limit:
            return shown
        return f"{shown[:limit + 1]}…' ({len(value):,} characters)"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, (list, tuple, dict, set, frozenset, bytes, bytearray)) and len(value) > limit:
        return f"a {type(value).__name__} of {len(value):,} items"
    try:
        text = repr(value)
    except (RecursionError, ValueError):
        return f"a {type(value).__name__}"
    return safe_text(shorten(text, limit))


class Message:
    """An English template with named values: ``str()`` is the English; ``render`` any language.

    Values are text, numbers, dates (each language writes them its own way) or other messages
    (rendered in the same language). Write a value that must be quoted as ``repr`` in the call.
    """

    __slots__ = ("template", "values")

    def __init__(self, template: str, /, **values: object) -> None:
        self.template = template
        self.values = values

    def render(self, gettext: Callable[[str], str] | None = None,
               date: Callable[[dt.date], str] | None = None) -> str:
        """The message through ``gettext`` (a catalog's lookup), dates written by ``date``."""
        template = gettext(self.template) if gettext is not None else self.template
        shown: dict[str, object] = {}
        for key, value in self.values.items():
            if isinstance(value, Message):
                value = value.render(gettext, date)
            elif type(value) is dt.date:
                value = date(value) if date is not None else english_date(value)
            shown[key] = value
        return template.format(**shown)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.values!r})"


Text = str | Message


@frozen
class Location:
    """A place in a source file; line and column are 1-based."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    text: str | None = None  # the source line, to show with a caret

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class LawcodeError(Exception):
    """Base of every error lawcode raises on purpose; printed without a traceback."""

    kind = "error"

    def __init__(self, message: Text, location: Location | None = None, hint: Text | None = None,
                 subject: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.location = location
        self.hint = str(hint) if hint is not None else None
        # as written (a Message renders in any language), and what the error is about: a fact's
        # name for FactsError, else 'question', 'on', 'lang' or 'facts' (the HTTP service's field)
        self.said: Text = message
        self.hint_said: Text | None = hint
        self.subject = subject

    def render(self, gettext: Callable[[str], str] | None = None,
               date: Callable[[dt.date], str] | None = None) -> tuple[str, str | None]:
        """The message and hint in the language of ``gettext`` (see ``Message.render``)."""
        def one(text: Text) -> str:
            return text.render(gettext, date) if isinstance(text, Message) else text

        return one(self.said), (one(self.hint_said) if self.hint_said is not None else None)

    def __str__(self) -> str:
        head = f"{self.location}: {self.message}" if self.location else self.message
        lines = [head]
        loc = self.location
        if loc is not None and loc.text is not None:
            text, column = _excerpt(loc.text.rstrip("\n"), loc.column)
            lines.append("    " + text)
            if column is not None:
                lines.append("    " + " " * (column - 1) + "^")
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return safe_text("\n".join(lines))


SOURCE_LIMIT = 120  # characters of a source line shown under a message


def _excerpt(text: str, column: int | None) -> tuple[str, int | None]:
    """The source line escaped, and cut to ``SOURCE_LIMIT`` characters around ``column`` (the caret's column in it)."""
    if column is not None:
        column = len(safe_text(text[:column - 1])) + 1  # where the caret stands once the line is escaped
    text = safe_text(text)
    if len(text) <= SOURCE_LIMIT:
        return text, column
    start = max(0, min((column or 1) - 1 - SOURCE_LIMIT // 2, len(text) - SOURCE_LIMIT))
    end = start + SOURCE_LIMIT
    cut = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return cut, None if column is None else column - start + (1 if start else 0)


class RuleFileError(LawcodeError):
    """A rule, fact or act file is malformed or inconsistent."""


class ExpressionError(RuleFileError):
    """An expression in a rule file does not parse or names something unknown."""


class FactsError(LawcodeError):
    """A facts document is malformed: unknown fact, wrong type, impossible date."""


class DateArithmeticError(LawcodeError):
    """Date arithmetic whose legal result is ambiguous (e.g. 29 February plus one year)."""


class EvaluationError(LawcodeError):
    """A rule could not be evaluated on the given facts (a defect of the rule, not of the facts)."""


class ConflictError(EvaluationError):
    """Two cases of a rule that expects one applicable case both apply."""


class UnknownQuestionError(LawcodeError):
    """The question names no rule of the rulebook."""


class UsageError(LawcodeError):
    """A command-line or API argument is malformed."""


class LawcodeErrors(LawcodeError):
    """Several problems found at once (``lawcode check`` reports all, not just the first)."""

    def __init__(self, errors: Sequence[LawcodeError]):
        self.errors = tuple(errors)
        super().__init__(f"{len(self.errors)} problem(s) found")

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


SUGGEST_LIMIT = 200  # characters of a word compared with known names (difflib is quadratic in the worst case)
_OR = {1: N_("'{n0}'"), 2: N_("'{n0}' or '{n1}'"), 3: N_("'{n0}' or '{n1}' or '{n2}'")}


def suggest(word: str, candidates: Iterable[str], n: int = 3) -> Message | None:
    """A hint naming the closest known spellings of ``word`` (at most 3), or None if nothing is close.

    A word much longer than any name (a pasted paragraph, a megabyte value) is close to none: it is not compared.
    """
    if len(word) > SUGGEST_LIMIT:
        return None
    close = difflib.get_close_matches(word, list(candidates), n=min(n, 3), cutoff=0.6)
    if not close:
        return None
    names = Message(_OR[len(close)], **{f"n{i}": name for i, name in enumerate(close)})
    return Message(N_("did you mean {names}?"), names=names)


def did_you_mean(word: str, candidates: Iterable[str], n: int = 3) -> str | None:
    """A hint naming the closest known spellings of ``word``, or None if nothing is close."""
    hint = suggest(word, candidates, n)
    return str(hint) if hint is not None else None
