"""schemathesis against the service's own /openapi.json, in-process through the ASGI application.

Every operation gets a bounded number of generated requests, valid and invalid by the description;
every response must be no 5xx, have a documented status and media type, and validate against the
description's schema (the shipped JSON Schemas). Invalid requests must be refused with a 4xx, but
for the rows of a batch: a bad row is answered in the batch's 200, line by line, by design.

``POST /v1/batch`` takes and gives JSON Lines, which the description writes as an array of the
lines' documents: the serializer and deserializer below turn one into the other.
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

import lawcode
from lawcode.service.app import create_app
from lawcode.service.settings import Settings

EXAMPLES_PER_OPERATION = 60  # the whole file stays well under a minute on 2 cores


# A request valid by the description is never malformed (400), too large (413) or of the wrong media type
# (415); it may still be 422: a schema cannot say that a date pattern's 2023-02-30 is no day, or that
# a birth on 9999-12-31 has no 27th anniversary in the calendar (answered with the command line's message).
CONFIG = SchemathesisConfig.from_dict({
    "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "422"]}},
    # a batch answers a row the description would refuse (a bad date, an unknown fact) with a line saying so
    "operations": [{"include-path": "/v1/batch", "checks": {"negative_data_rejection": {"enabled": False}}}],
})
JSON_LINES = "application/x-ndjson"


@schemathesis.serializer(JSON_LINES)
def _json_lines(ctx: Any, value: Any) -> bytes:
    """An array as JSON Lines, one item per line (anything else, generated to be wrong, as one line)."""
    items = value if isinstance(value, list) else [value]
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items).encode("utf-8")


@schemathesis.deserializer(JSON_LINES)
def _read_json_lines(ctx: Any, response: Any) -> Any:
    return [json.loads(line) for line in response.content.decode("utf-8").splitlines() if line.strip()]

# built at collection (half a second): schemathesis makes one test per operation from the description
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(lawcode.load(), Settings(timeout=30)),
                                        config=CONFIG)


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_its_description(case: Any) -> None:
    case.call_and_validate()
