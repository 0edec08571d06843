"""Running the service: uvicorn on 127.0.0.1 unless told otherwise, one or more worker processes.

With one worker the application is built here, so a bad rulebook is reported before anything
listens; with several, each worker builds its own from the same settings (handed over in the
environment) after this process has checked that the rulebook loads.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette

import lawcode
from lawcode.service.app import create_app
from lawcode.service.settings import ENVIRONMENT, Settings


def _book(settings: Settings) -> lawcode.Rulebook:
    return lawcode.load(Path(settings.rules) if settings.rules else None)


def app_from_environment() -> Starlette:
    """The application of one worker of ``lawcode serve --workers N`` (a uvicorn factory)."""
    settings = Settings.from_environment()
    return create_app(_book(settings), settings)


def log_config(level: str) -> dict[str, Any]:
    """uvicorn's own messages, and lawcode's access log (method, path, question, status, time: never facts)."""
    fmt = {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    handler = {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}
    return {
        "version": 1, "disable_existing_loggers": False,
        "formatters": {"plain": fmt}, "handlers": {"stderr": handler},
        "loggers": {name: {"handlers": ["stderr"], "level": level.upper(), "propagate": False}
                    for name in ("uvicorn", "uvicorn.error", "lawcode.service")},
    }


def serve(settings: Settings) -> None:
    """Serve until interrupted."""
    level = settings.log_level
    options: dict[str, Any] = {"host": settings.host, "port": settings.port, "log_config": log_config(level),
                               "log_level": level, "access_log": False, "server_header": False,
                               "limit_concurrency": 1000, "timeout_keep_alive": 5}
    if settings.workers <= 1:
        app = create_app(_book(settings), settings)
        print(f"lawcode: serving on http://{_hostport(settings)}/ (Ctrl-C to stop)", file=sys.stderr)
        uvicorn.run(app, **options)
        return
    _book(settings)  # report a bad rulebook here, once, before the workers start
    os.environ[ENVIRONMENT] = settings.to_environment()
    print(f"lawcode: serving on http://{_hostport(settings)}/ with {settings.workers} workers (Ctrl-C to stop)",
          file=sys.stderr)
    uvicorn.run("lawcode.service.server:app_from_environment", factory=True, workers=settings.workers, **options)


def _hostport(settings: Settings) -> str:
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    return f"{host}:{settings.port}"


logging.getLogger("lawcode.service").addHandler(logging.NullHandler())
