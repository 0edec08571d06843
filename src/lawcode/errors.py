"""One error hierarchy: every lawcode error knows where it comes from and how to fix it.

Reviewers see these messages, never a traceback, so each carries a location
(file, line, column, the offending line with a caret) and a hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from attrs import frozen


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

    def __init__(self, message: str, location: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        head = f"{self.location}: {self.message}" if self.location else self.message
        lines = [head]
        loc = self.location
        if loc is not None and loc.text is not None:
            lines.append("    " + loc.text.rstrip("\n"))
            if loc.column is not None:
                lines.append("    " + " " * (loc.column - 1) + "^")
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


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


def did_you_mean(word: str, candidates: Iterable[str], n: int = 3) -> str | None:
    """A hint naming the closest known spellings of ``word``, or None if nothing is close."""
    close = difflib.get_close_matches(word, list(candidates), n=n, cutoff=0.6)
    if not close:
        return None
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
