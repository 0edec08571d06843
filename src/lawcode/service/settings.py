"""What a running service is allowed: where it listens, how much a request may carry, how long it may take."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field

ENVIRONMENT = "LAWCODE_SERVE_SETTINGS"  # how `lawcode serve --workers N` hands the settings to each worker


@dataclass(frozen=True)
class Settings:
    """Limits and options of one service; every default is the safe one."""

    rules: str | None = None  # the rules directory (None: the bundled rules)
    host: str = "127.0.0.1"  # loopback unless told otherwise
    port: int = 8000
    workers: int = 1
    max_body: int = 64 * 1024  # bytes of one JSON request (explain, decide, timeline)
    max_facts: int = 100  # facts in one facts document
    max_depth: int = 8  # nesting of JSON arrays and objects in a request (in one line of a batch)
    max_batch_rows: int = 10_000  # people (lines) in one POST /v1/batch
    max_batch_body: int = 16 * 1024 * 1024  # bytes of one batch body (a full facts document is about 1 KiB)
    timeout: float = 10.0  # seconds one request may compute before it is answered 503
    threads: int = 4  # threads computing answers (the event loop only reads and writes)
    cors_origins: tuple[str, ...] = field(default=())  # none: browsers on other origins may not call the API
    log_level: str = "info"

    def to_environment(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_environment(cls) -> Settings:
        data = json.loads(os.environ.get(ENVIRONMENT, "{}"))
        data["cors_origins"] = tuple(data.get("cors_origins", ()))
        return cls(**data)
