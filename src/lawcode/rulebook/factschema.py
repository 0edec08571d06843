"""The JSON Schema of a facts document, derived from a rulebook's ``facts.yaml``.

Editors then complete fact names, offer enum values and show each fact's meaning. It is generated
on demand (``lawcode schema facts-document [--rules DIR]``), so it always matches the rulebook asked
about; nothing generated is committed.
"""

from __future__ import annotations

import json
from typing import Any

from lawcode.rulebook.model import FactDef, Rulebook

DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
JSON_TYPES = {"bool": "boolean", "int": "integer", "text": "string", "date": "string", "enum": "string"}


def _fact(fact: FactDef) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": f"{fact.meaning.en} / {fact.meaning.ru}"}
    typ = JSON_TYPES[fact.type]
    schema["type"] = [typ, "null"] if fact.nullable else typ
    if fact.type == "date":
        schema["format"] = "date"  # a calendar day: the pattern alone admits 2023-02-30
        schema["pattern"] = DATE_PATTERN
    if fact.type == "enum":
        schema["enum"] = [*fact.values, *([None] if fact.nullable else [])]
    return schema


def facts_document_schema(book: Rulebook) -> dict[str, Any]:
    """A schema accepting exactly the facts ``book`` declares, each with its type (null where nullable)."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://lawcode.invalid/schemas/facts-document.schema.json",
        "title": "lawcode facts document",
        "description": "The facts of one question: dotted fact names with their values. A fact left out is "
                       "unknown; null means the event did not happen. Generated from rules/facts.yaml "
                       f"(rulebook {book.version}).",
        "type": "object",
        "additionalProperties": False,
        "properties": {name: _fact(fact) for name, fact in sorted(book.facts.items())},
    }


def facts_document_json(book: Rulebook) -> str:
    """The schema as JSON text, as ``lawcode schema facts-document`` prints it."""
    return json.dumps(facts_document_schema(book), ensure_ascii=False, indent=2) + "\n"
