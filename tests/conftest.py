"""Shared test setup: pytester for running real pytest sessions over scratch features."""

pytest_plugins = ["pytester"]
