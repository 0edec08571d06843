"""The expression language of rule files: parsed with ``ast``, whitelisted, compiled once."""

from .functions import FUNCTIONS
from .parse import QUESTION_DATE, Expr, Scope, parse_expression
from .runtime import UNKNOWN, Context, Derivation, Duration

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
