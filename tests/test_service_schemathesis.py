"""schemathesis against the service's own /openapi.json, in-process through the ASGI application.

Every operation gets a bounded number of generated requests, valid and invalid by the description;
every response must be no 5xx, have a documented status and media type, and validate against the
description's schema (the shipped JSON Schemas). Invalid requests must be refused with a 4xx.
"""

from __future__ import annotations

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
CONFIG = SchemathesisConfig.from_dict({"checks": {"positive_data_acceptance": {
    "expected-statuses": ["2xx", "422"]}}})

# built at collection (half a second): schemathesis makes one test per operation from the description
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(lawcode.load(), Settings(timeout=30)),
                                        config=CONFIG)


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_its_description(case: Any) -> None:
    case.call_and_validate()
