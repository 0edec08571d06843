"""The OpenAPI 3.1 description of the service, assembled from the JSON Schemas lawcode ships.

One source of truth: the decision (``lawcode.decision/2``), timeline (``lawcode.timeline/1``) and
service (requests, answers, problems) schemas are read from ``lawcode/schemas/`` and placed under
``components/schemas`` as they are (their ``$defs`` become components of their own, and references
are rewritten to point there); the two parts that depend on the rulebook served, the facts
document and the list of questions, are generated from it (``lawcode.rulebook.factschema``). Only
the paths, which say which body goes with which operation and status, are written here.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from lawcode import __version__
from lawcode.api import Rulebook
from lawcode.rulebook.factschema import facts_document_schema
from lawcode.service.batches import MEDIA_TYPE as JSON_LINES
from lawcode.service.settings import Settings

ID_BASE = "https://lawcode.invalid/schemas/"
REF = "#/components/schemas/"


def shipped_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in the package (``lawcode schema NAME`` prints the same)."""
    loaded: dict[str, Any] = json.loads(files("lawcode").joinpath("schemas", f"{name}.schema.json")
                                        .read_text(encoding="utf-8"))
    return loaded


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def _rewrite(node: Any, ref: Callable[[str], str]) -> Any:
    if isinstance(node, dict):
        return {k: (ref(v) if k == "$ref" and isinstance(v, str) else _rewrite(v, ref)) for k, v in node.items()}
    if isinstance(node, list):
        return [_rewrite(v, ref) for v in node]
    return node


def _component_refs(own: Callable[[str], str]) -> Callable[[str], str]:
    """A reference rewriter: the schema's own ``#/$defs/x`` by ``own``, other shipped schemas by their $id."""
    documents = {ID_BASE + "decision.schema.json": "Decision", ID_BASE + "timeline.schema.json": "Timeline",
                 ID_BASE + "facts-document.schema.json": "FactsDocument"}

    def ref(target: str) -> str:
        if target.startswith("#/$defs/"):
            return REF + own(target.removeprefix("#/$defs/"))
        if target in documents:
            return REF + documents[target]
        raise ValueError(f"a shipped schema refers to {target!r}, which the OpenAPI description does not hold")

    return ref


def _place(components: dict[str, Any], schema: dict[str, Any], name: str | None,
           def_name: Callable[[str], str]) -> None:
    """Put ``schema`` (if ``name``) and each of its ``$defs`` into ``components``."""
    schema = copy.deepcopy(schema)
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    ref = _component_refs(def_name)
    if name is not None:
        components[name] = _rewrite(schema, ref)
    for key, value in defs.items():
        components[def_name(key)] = _rewrite(value, ref)


def _question_schema(book: Rulebook) -> dict[str, Any]:
    return {"type": "string", "enum": sorted(book.rules),
            "description": "a rule name of the rulebook served (GET /v1/questions lists them with their titles)"}


def _facts_schema(book: Rulebook) -> dict[str, Any]:
    schema = facts_document_schema(book.data)
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    return schema


def _batch_row_schema(facts: dict[str, Any]) -> dict[str, Any]:
    """One line of a batch: the facts document, and an optional id (generated, as the facts document is)."""
    return {**facts, "title": "one line of a batch: a facts document with an optional id",
            "properties": {**facts["properties"], "id": {"$ref": REF + "BatchId"}}}


def _json(ref: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": REF + ref}}}


def _problems(*statuses: int) -> dict[str, Any]:
    why = {400: "the request is malformed (not JSON, not an object, a missing, unknown or mistyped field, nesting "
                "too deep)", 413: "the request body is larger than the service takes",
           415: "the body is not JSON (send Content-Type: application/json)",
           501: "this installation cannot answer batches (it lacks the batch extra: numpy, pyarrow)",
           422: "well-formed, but the question, date, language or facts cannot be answered from (an unknown "
                "question or fact, a bad date or value, a count the law does not settle)",
           503: "the answer took longer than the service's time limit"}
    return {str(s): {"description": why[s], "content": {"application/problem+json": {"schema": {"$ref": REF +
                                                                                                "Problem"}}}}
            for s in statuses}


LANGUAGE_HEADER = {"name": "Accept-Language", "in": "header", "required": False,
                   "description": "the language of problems (en or ru; explain and timeline take lang in the body "
                                  "for the document)", "schema": {"type": "string"}}


def _post(summary: str, description: str, request: str, response: str, response_description: str) -> dict[str, Any]:
    return {"post": {
        "summary": summary, "description": description, "operationId": request.removesuffix("Request")[:1].lower()
        + request.removesuffix("Request")[1:], "parameters": [LANGUAGE_HEADER],
        "requestBody": {"required": True, "content": _json(request)},
        "responses": {"200": {"description": response_description, "content": _json(response)},
                      **_problems(400, 413, 415, 422, 503)}}}


def _get(summary: str, operation: str, response: str, media: str = "application/json") -> dict[str, Any]:
    content = {media: {"schema": {"$ref": REF + response}}} if response else {media: {"schema": {"type": "string"}}}
    return {"get": {"summary": summary, "operationId": operation,
                    "responses": {"200": {"description": summary, "content": content}}}}


def _batch(settings: Settings) -> dict[str, Any]:
    rows, size = settings.max_batch_rows, settings.max_batch_body
    problems = _problems(400, 413, 415, 422, 501, 503)
    problems["400"]["description"] = "the query is malformed (no question, an unknown parameter, on given twice)"
    problems["413"]["description"] = f"more than {rows:,} rows, or a body larger than {size:,} bytes"
    problems["415"]["description"] = f"the body is not JSON Lines (send Content-Type: {JSON_LINES})"
    problems["422"]["description"] = "an unknown question or a bad date (bad rows are answered in the 200, line by " \
                                     "line)"
    return {"post": {
        "summary": "Answer questions for many people at once",
        "description": "The body is JSON Lines, as `lawcode batch --facts people.jsonl` reads: one facts document "
                       "per line (a fact left out is unknown, null did not happen; `id` is echoed back), at most "
                       f"{rows:,} rows and {size:,} bytes. Every row is answered by the vector back end "
                       "(`Rulebook.decide_batch`) with the same status, value and missing facts as /v1/decide "
                       "gives for it alone. The answer is JSON Lines, as `lawcode batch` writes it: a header line "
                       "(rulebook, on, questions), then for each row in order one line per question. A bad row does "
                       "not fail the batch: it is answered with `error` and `errors` (field, pointer into the "
                       "line, message and fix, in the language of Accept-Language), the other rows go on. The "
                       "schemas below describe the lines as the items of an array.",
        "operationId": "batch",
        "parameters": [
            {"name": "question", "in": "query", "required": True, "style": "form", "explode": True,
             "description": "the question to answer for every row; repeat it for several "
                            "(?question=summons.served_on&question=exit_ban.in_force)",
             "schema": {"type": "array", "minItems": 1, "items": {"$ref": REF + "Question"}}},
            {"name": "on", "in": "query", "required": False, "description": "the question date (default: today)",
             "schema": {"$ref": REF + "Date"}},
            LANGUAGE_HEADER],
        "requestBody": {"required": True, "description": f"JSON Lines: at most {rows:,} rows, {size:,} bytes",
                        "content": {JSON_LINES: {"schema": {"$ref": REF + "BatchRows"}}}},
        "responses": {"200": {"description": "the answers, one line per row and question",
                              "content": {JSON_LINES: {"schema": {"$ref": REF + "BatchAnswers"}}}},
                      **problems}}}


def openapi_document(book: Rulebook, settings: Settings | None = None) -> dict[str, Any]:
    """The OpenAPI 3.1 document of a service answering from ``book`` within ``settings``' limits."""
    settings = settings or Settings()
    components: dict[str, Any] = {}
    _place(components, shipped_schema("decision"), "Decision", lambda k: f"Decision.{k}")
    _place(components, shipped_schema("timeline"), "Timeline", lambda k: f"Timeline.{k}")
    _place(components, shipped_schema("service"), None, _camel)
    components["Question"] = _question_schema(book)  # the service schema's question, for this rulebook
    components["FactsDocument"] = _facts_schema(book)
    components["BatchRow"] = _batch_row_schema(components["FactsDocument"])
    components["BatchRows"] = {"type": "array", "maxItems": settings.max_batch_rows,
                               "items": {"$ref": REF + "BatchRow"},
                               "description": "the body of POST /v1/batch, as JSON Lines: one item per line"}
    paths = {
        "/v1/explain": _post("Answer a question, with the reasons", "The lawcode.decision/2 document: the same as "
                             "`lawcode explain QUESTION --format json` gives for these facts.", "ExplainRequest",
                             "Decision", "the decision with its reasons"),
        "/v1/decide": _post("Answer a question, without reasons", "The fast path: the same value, status and "
                            "missing facts as explain.", "DecideRequest", "Answer", "the answer"),
        "/v1/timeline": _post("Every dated legal consequence of the facts", "The lawcode.timeline/1 document, as "
                              "`lawcode timeline --format json` gives.", "TimelineRequest", "Timeline",
                              "the timeline"),
        "/v1/batch": _batch(settings),
        "/v1/questions": _get("The questions the rulebook answers", "questions", "Questions"),
        "/v1/facts": _get("The facts the rulebook reads, with types and meanings", "facts", "FactsList"),
        "/v1/rulebook": _get("The rulebook's version, acts and citations", "rulebook", "Rulebook"),
        "/healthz": _get("The service is up, and which rulebook it serves", "health", "Health"),
        "/openapi.json": {"get": {"summary": "This description", "operationId": "openapi", "responses": {
            "200": {"description": "the OpenAPI 3.1 document", "content": {"application/json": {
                "schema": {"type": "object"}}}}}}},
        "/": _get("The page: a form for one's situation, and the answer, reasons and timeline", "page", "",
                  "text/html"),
    }
    paths["/"]["get"]["parameters"] = [{"name": "lang", "in": "query", "required": False, "schema": {
        "type": "string", "description": "en or ru; otherwise Accept-Language chooses"}}, LANGUAGE_HEADER]
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {"title": "lawcode", "version": __version__,
                 "description": f"Legal rules as executable specifications: rulebook {book.version} "
                                f"(sha256 {book.sha256[:12]}…). Answers and messages are the command line's; "
                                "problems are RFC 9457 documents in the language of Accept-Language (en, ru).",
                 "license": {"name": "MIT"}},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"schemas": dict(sorted(components.items()))},
    }
