"""The expression language of rule files: parsed, checked, and compiled to the back ends."""

from lawcode.language.check import Scope
from lawcode.language.expression import Expr, parse_expression
from lawcode.language.functions import FUNCTIONS
from lawcode.language.parse import QUESTION_DATE
from lawcode.language.runtime import UNKNOWN, Context, Derivation, Duration
from lawcode.language.syntax import ValueType

__all__ = [
    "FUNCTIONS",
    "QUESTION_DATE",
    "UNKNOWN",
    "Context",
    "Derivation",
    "Duration",
    "Expr",
    "Scope",
    "ValueType",
    "parse_expression",
]
