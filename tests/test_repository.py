"""The repository itself: no merge left half done, nothing generated committed."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^(<{7} |>{7} |={7}$)", re.MULTILINE)


def tracked() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [ROOT / name for name in listed.decode().split("\0") if name]


def test_no_file_holds_a_merge_conflict_marker() -> None:
    found = []
    for path in tracked():
        if path.suffix in {".png", ".parquet", ".mo"} or not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        found += [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}" for m in MARKER.finditer(text)]
    assert not found, f"merge conflict markers: {found}"


def test_no_generated_file_is_committed() -> None:
    generated = [p.relative_to(ROOT) for p in tracked()
                 if p.suffix in {".mo", ".pyc"} or {"__pycache__", ".venv", "out"} & set(p.relative_to(ROOT).parts)]
    assert not generated, f"generated files are committed: {generated}"
