"""Golden explanations: the text of every bundled question on every example, en and ru.

These are a regression baseline, not law: they pin what the explanations say so that a change of the
engine or of rendering that alters a reason shows up as a diff to read. After a deliberate change,
rewrite them with ``LAWCODE_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

import lawcode
from lawcode.rulebook.documents import read_facts_file

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
UPDATE = bool(os.environ.get("LAWCODE_UPDATE_GOLDEN"))


def _question_date(example: Path) -> dt.date:
    """The date the example's own comment asks on (``--on YYYY-MM-DD``), else 1 May 2024."""
    found = re.search(r"--on (\d{4}-\d{2}-\d{2})", example.read_text(encoding="utf-8"))
    return dt.date.fromisoformat(found.group(1)) if found else dt.date(2024, 5, 1)


def _render(book: lawcode.Rulebook, example: Path, lang: str) -> str:
    facts = read_facts_file(example)
    on = _question_date(example)
    out = []
    for question in sorted(book.rules):
        d = book.explain(question, facts, on=on, lang=lang)
        out.append(f"===== {question} on {on.isoformat()}\n{d}")
    out.append(f"===== timeline on {on.isoformat()}\n{lawcode.timeline(book, facts, on=on, lang=lang).to_text()}")
    return "\n".join(out)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_explanations_match_golden(book: lawcode.Rulebook, example: Path, lang: str) -> None:
    target = GOLDEN / f"{example.stem}.{lang}.txt"
    text = _render(book, example, lang)
    if UPDATE:
        target.write_text(text, encoding="utf-8")
    assert target.exists(), f"no golden file {target}: run with LAWCODE_UPDATE_GOLDEN=1 and review it"
    assert text == target.read_text(encoding="utf-8"), (
        f"the explanations of {example.name} ({lang}) changed; compare with {target} "
        "(rewrite with LAWCODE_UPDATE_GOLDEN=1 only if the change is deliberate)")
