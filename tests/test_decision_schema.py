"""Every decision document lawcode emits validates against the JSON Schema it ships."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import lawcode

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SCHEMA = json.loads(files("lawcode").joinpath("schemas", "decision.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
DATES = [dt.date(2023, 3, 1), dt.date(2023, 9, 1), dt.date(2024, 4, 15), dt.date(2026, 2, 1)]


def check(document: dict[str, Any]) -> None:
    errors = sorted(VALIDATOR.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_every_question_on_every_example_in_both_languages(book: lawcode.Rulebook, example: Path) -> None:
    facts = yaml.safe_load(example.read_text(encoding="utf-8")) or {}
    for question in book.rules:
        for on in DATES:
            for lang in ("en", "ru"):
                check(json.loads(book.explain(question, facts, on=on, lang=lang).to_json()))


def test_undetermined_decisions_too(book: lawcode.Rulebook) -> None:
    for question in book.rules:
        d = book.explain(question, {}, on=dt.date(2024, 4, 15))
        check(d.to_dict())


def test_the_command_line_json_output() -> None:
    lawcode_cmd = str(Path(sys.executable).parent / "lawcode")
    for example in EXAMPLES:
        out = subprocess.run([lawcode_cmd, "explain", "summons.served_on", "--facts", str(example), "--on",
                              "2024-05-01", "--format", "json", "--lang", "ru"],
                             capture_output=True, text=True, check=True).stdout
        check(json.loads(out))
