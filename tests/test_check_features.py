"""`lawcode check features/`: every problem of the feature files, located, before anything runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LAWCODE = str(Path(sys.executable).parent / "lawcode")

BAD = """Feature: planted problems
  Scenario: no provision tag
    Given the person is a man
    When I ask for conscription.liable_by_age on 2024-04-15
    Then the answer is yes

  @53-FZ.99
  Scenario: a tag naming a provision no rule cites
    Given he was bron on 2000-05-10
    When I ask for conscription.liable_by_age on 2024-04-15
"""


def test_check_reports_every_feature_problem_with_location(tmp_path: Path) -> None:
    feature = tmp_path / "bad.feature"
    feature.write_text(BAD, encoding="utf-8")
    result = subprocess.run([LAWCODE, "check", str(feature)], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    err = result.stderr
    assert f"{feature}:2: scenario 'no provision tag' has no provision tag" in err
    assert f"{feature}:8: tag @53-FZ.99 names a provision no rule cites" in err
    assert f'{feature}:9: no phrase matches the step "he was bron on 2000-05-10"' in err
    assert "lawcode: 3 problem(s) found" in err
    assert "Traceback" not in err


def test_bundled_features_are_clean() -> None:
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([LAWCODE, "check", str(root / "features")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_files_that_cannot_be_read_or_hold_no_feature_are_located_and_the_rest_is_checked(tmp_path: Path) -> None:
    (tmp_path / "empty.feature").write_bytes(b"")
    (tmp_path / "latin1.feature").write_bytes(b"Feature: x\n  Scenario: caf\xe9\n")
    (tmp_path / "bom.feature").write_bytes("\ufeff".encode() + BAD.encode())
    os.mkfifo(tmp_path / "pipe.feature")
    # run in the folder: paths are shown as the reviewer typed them, whatever folder the clone sits in
    result = subprocess.run([LAWCODE, "check", "."], capture_output=True, text=True, check=False, timeout=60,
                            cwd=tmp_path)
    assert result.returncode == 2
    err = result.stderr
    assert "empty.feature:1:1: the file has no Feature:" in err
    assert "latin1.feature:2:16: not UTF-8 text: byte 0xe9 cannot be read" in err
    assert "pipe.feature: feature file is a named pipe, not a file" in err
    assert "bom.feature:9: no phrase matches the step" in err, "a byte-order mark is read past"
    assert str(tmp_path) not in err, "paths are shown relative to the working folder"
    assert "Traceback" not in err
