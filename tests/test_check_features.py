"""`lawcode check features/`: every problem of the feature files, located, before anything runs."""

from __future__ import annotations

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
