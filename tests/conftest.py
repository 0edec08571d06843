"""Shared test setup: pytester for real pytest sessions, and the bundled rulebook loaded once."""

from __future__ import annotations

import pytest

import lawcode

pytest_plugins = ["pytester"]


@pytest.fixture(scope="session")
def book() -> lawcode.Rulebook:
    """The bundled rules, loaded once for the whole session (rulebooks are immutable)."""
    return lawcode.load()
