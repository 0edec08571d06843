"""The expression language of rule files: parsed, checked, and compiled to the back ends."""

from lawcode.language.functions import FUNCTIONS
from lawcode.language.parse import QUESTION_DATE, Expr, Scope, parse_expression
from lawcode.language.runtime import UNKNOWN, Context, Derivation, Duration

__all__ = [
    "FUNCTIONS",
    "QUESTION_DATE",
    "UNKNOWN",
    "Context",
    "Derivation",
    "Duration",
    "Expr",
    "Scope",
    "parse_expression",
]
