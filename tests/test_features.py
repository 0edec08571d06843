"""Runs every reviewer scenario under features/ (English and Russian) through the lawcode plugin."""

from pathlib import Path

from lawcode.review.pytest_plugin import bind_features

bind_features(globals(), Path(__file__).resolve().parent.parent / "features")
