"""Fact and rule names (issue 12): what an expression can write, the reserved words refused, each refusal explained."""

from __future__ import annotations

import pytest

from lawcode.errors import Location
from lawcode.rulebook.names import name_problem

WHERE = Location("rules/x.yaml", 2, 3, "  yes:")


@pytest.mark.parametrize("name", ["person.birth_date", "event.on", "person.true", "_x.y1", "A.B", "x" * 100])
def test_names_an_expression_can_write_are_accepted(name: str) -> None:
    assert name_problem(name, "rule", WHERE) is None


@pytest.mark.parametrize(("name", "says"), [
    ("", "cannot be empty"),
    ("on", "reserved: expressions read it as the question date"),
    ("null", "reserved: expressions read it as a literal"),
    ("None", "reserved"),
    ("age", "reserved: expressions read it as the name of a function"),
    ("person x", "has ' ' (U+0020 SPACE)"),
    ("аttack.rule", "'а' (U+0430 CYRILLIC SMALL LETTER A)"),
    ("ｐerson.sex", "U+FF50 FULLWIDTH LATIN SMALL LETTER P"),
    ("person.x\x1b[2J", "'\\x1b' (U+001B a control character)"),
    ("person..x", "an empty word"),
    ("person.", "an empty word"),
    ("person.2nd", "starts with a digit"),
    ("person.if", "a keyword"),
    ("person.__class__", "'__'"),
    ("x" * 101, "at most 100"),
    (True, "YAML reads the key 'yes' as the boolean true"),
    (5, "as a number"),
    (None, "as null"),
])
def test_other_names_are_refused_saying_why(name: object, says: str) -> None:
    problem = name_problem(name, "rule", WHERE)
    assert problem is not None and says in problem.message, problem
    assert problem.location == WHERE and problem.hint
    assert len(str(problem)) < 600
