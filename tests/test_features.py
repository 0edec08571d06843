"""Runs every reviewer scenario under features/ (English and Russian) through the lawcode plugin."""

from pathlib import Path

from lawcode.review.binding import bind_features

bind_features(globals(), Path(__file__).resolve().parent.parent / "features")
