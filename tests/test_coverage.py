"""Provision coverage (``lawcode coverage``): what counts as covered, per language, and --require-all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lawcode import load
from lawcode.cli import main
from lawcode.review.coverage import compute, to_dict, to_text
from lawcode.review.results import ResultsError, parse_results, read_results

AGE = "conscription.liable_by_age"


def scenario(lang: str, outcome: str, applied: list[list[str]], rejected: list[list[str]] | None = None,
             name: str = "a scenario", line: int = 3) -> dict[str, Any]:
    return {"test": f"tests/test_features.py::test_{lang}__x__{line}", "file": f"features/{lang}/x.feature",
            "lang": lang, "name": name, "line": line, "tags": ["53-FZ.22.1.а"], "outcome": outcome,
            "decisions": [{"question": AGE, "on": "2024-04-15", "status": "decided", "value": True,
                           "citations": [], "applied": applied, "rejected": rejected or [], "text": "..."}],
            "failure": None if outcome == "passed" else "expected no, got yes"}


def results_doc(*scenarios: dict[str, Any]) -> dict[str, Any]:
    return {"format": "lawcode.results/1", "rulebook": {"version": "0.1.0", "sha256": load().sha256},
            "scenarios": list(scenarios)}


def write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "results.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_case_counts_only_when_a_passing_scenario_applied_it() -> None:
    doc = results_doc(
        scenario("en", "passed", [[AGE, "aged-18-to-30"]], rejected=[[AGE, "not-male"]]),
        scenario("ru", "failed", [[AGE, "aged-18-to-30"]]),
    )
    cov = compute(load(), parse_results(doc))
    by_id = {(c.rule, c.case.id): c for c in cov.cases}
    adult = by_id[(AGE, "aged-18-to-30")]
    assert adult.covered("en") and not adult.covered("ru"), "a failing scenario covers nothing"
    assert [s.lang for s in adult.failing] == ["ru"]
    assert not by_id[(AGE, "not-male")].covered("en"), "rejected is not applied"
    assert cov.summary("en") == (1, len(cov.cases))
    assert not cov.complete()


def test_cases_are_grouped_by_the_provisions_they_cite() -> None:
    cov = compute(load(), parse_results(results_doc()))
    groups = {key: [f"{c.rule}/{c.case.id}" for c in cases] for key, _, cases in cov.provisions()}
    assert f"{AGE}/aged-18-to-30" in groups["53-FZ.22.1.а"]
    assert "summons.served_on/register" in groups["53-FZ.31"] and "summons.served_on/register" in groups["GK.191"]
    assert "53-FZ.7_1" in groups and "53-FZ.7.1" in groups, "art. 7.1 and art. 7 para. 1 stay apart"
    keys = list(groups)
    assert keys.index("53-FZ.7.1") < keys.index("53-FZ.7_1") < keys.index("53-FZ.22.1.а") < keys.index("53-FZ.31")


def test_text_and_json_name_every_uncovered_case_per_language() -> None:
    cov = compute(load(), parse_results(results_doc(scenario("ru", "passed", [[AGE, "not-male"]]))))
    text = to_text(cov)
    assert "53-FZ.22.1.а" in text and "Not reached by any passing English scenario" in text
    assert "ru  1" in text
    short = to_text(cov, summary=True)
    assert "Not reached by any passing English scenario" in short and "53-FZ.22.1.а  53-FZ" not in short
    data = to_dict(cov)
    assert data["format"] == "lawcode.coverage/1"
    assert f"{AGE}/not-male" in data["uncovered"]["en"] and f"{AGE}/not-male" not in data["uncovered"]["ru"]
    assert data["summary"]["ru"] == {"covered": 1, "total": len(cov.cases)}


def test_require_all_exits_2_listing_each_case_with_its_location(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, results_doc(scenario("en", "passed", [[AGE, "not-male"]])))
    assert main(["coverage", "--results", str(path), "--require-all"]) == 2
    err = capsys.readouterr().err
    case = load().rules[AGE].case("not-male")
    assert f"{case.location}: case 'not-male' of rule '{AGE}' has no passing scenario in Russian\n" in err
    assert "case 'aged-18-to-30' of rule 'conscription.liable_by_age' has no passing scenario in English or " \
           "Russian" in err


def test_require_all_passes_when_every_case_is_reached_in_both_languages(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    every = [[r.name, c.id] for r in load().rules.values() for c in r.all_cases()]
    path = write(tmp_path, results_doc(scenario("en", "passed", every), scenario("ru", "passed", every, line=4)))
    assert main(["coverage", "--results", str(path), "--require-all", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["uncovered"] == {"en": [], "ru": []}


def test_stale_or_unknown_results_are_flagged(tmp_path: Path) -> None:
    doc = results_doc(scenario("en", "passed", [[AGE, "no-such-case"]]))
    doc["rulebook"]["sha256"] = "0" * 64
    text = to_text(compute(load(), read_results(write(tmp_path, doc))))
    assert "written for another version of the rules" in text
    assert "conscription.liable_by_age / no-such-case" in text


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "the results file is not JSON"),
    ('{"format": "lawcode.decision/1"}', "not a lawcode results file"),
])
def test_bad_results_file_is_a_located_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "results.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ResultsError, match=message) as info:
        read_results(path)
    assert info.value.location is not None and info.value.location.file == str(path)


@pytest.mark.parametrize(("change", "message"), [
    (lambda s: s.update(line=3.5), r"scenarios\[0\]\.line must be a line number"),
    (lambda s: s.update(line="three"), r"scenarios\[0\]\.line must be a line number.*'three'"),
    (lambda s: s.update(line=True), r"scenarios\[0\]\.line must be a line number"),
    (lambda s: s.update(tags="53-FZ"), r"scenarios\[0\]\.tags must be a list"),
    (lambda s: s.update(failure=["x"]), r"scenarios\[0\]\.failure must be text or null"),
    (lambda s: s["decisions"][0].update(applied=5), r"scenarios\[0\]\.decisions\[0\]\.applied must be a list"),
    (lambda s: s["decisions"][0].update(applied=[[AGE]]), r"applied\[0\] must be a \[rule, case\] pair"),
    (lambda s: s["decisions"][0].update(texts={"en": 5}), r"decisions\[0\]\.texts\.en must be text"),
    (lambda s: s.update(decisions=[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]),
     "nests lists or objects more than"),
])
def test_every_field_of_a_results_file_is_type_checked(tmp_path: Path, change: Any, message: str) -> None:
    record = scenario("en", "passed", [[AGE, "not-male"]])
    change(record)
    with pytest.raises(ResultsError, match=message) as info:
        read_results(write(tmp_path, results_doc(record)))
    assert info.value.location is not None and info.value.location.file == str(tmp_path / "results.json")


@pytest.mark.parametrize("content", ["[" * 100_000 + "]" * 100_000, '{"line": NaN}', '{"a": ' + "9" * 5000 + "}"])
def test_results_nested_deep_or_with_strange_numbers_are_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "results.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ResultsError) as info:
        read_results(path)
    assert info.value.location is not None and len(str(info.value)) < 500


def test_a_results_file_over_its_size_limit_is_refused_before_reading(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, results_doc(scenario("en", "passed", [[AGE, "not-male"]])))
    monkeypatch.setenv("LAWCODE_MAX_RESULTS_BYTES", "100")
    with pytest.raises(ResultsError, match="over the limit of 100 bytes"):
        read_results(path)


def test_missing_results_file_exits_2_with_the_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--results", str(tmp_path / "nope.json")]) == 2
    err = capsys.readouterr().err
    assert "results file not found" in err and "--lawcode-results=" in err


FEATURE = """\
Feature: Age
  @53-FZ.22.1.а
  Scenario: a man of 23 in 2024
    Given the person is a man
    And he was born on 10 May 2000
    When I ask for conscription.liable_by_age on 2024-04-15
    Then the answer is yes
"""


def test_without_results_it_runs_the_scenarios_of_features_here(tmp_path: Path) -> None:
    """No test module is needed: ./features is run through the plugin by `lawcode coverage` itself."""
    (tmp_path / "features" / "en").mkdir(parents=True)
    (tmp_path / "features" / "en" / "age.feature").write_text(FEATURE, encoding="utf-8")
    exe = Path(sys.executable).with_name("lawcode")
    done = subprocess.run([str(exe), "coverage", "--format", "json"], cwd=tmp_path, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "lawcode: running the scenarios" in done.stderr and "1 scenario: 1 passed, 0 failed" in done.stderr
    data = json.loads(done.stdout)
    assert data["results"]["stale"] is False
    covered = [c for c in data["cases"] if c["covered"]["en"]]
    assert [(c["rule"], c["case"]) for c in covered] == [(AGE, "aged-18-to-30")]
    assert covered[0]["scenarios"][0] == {"file": "features/en/age.feature", "line": 3, "name": "a man of 23 in 2024",
                                          "lang": "en", "outcome": "passed"}


def test_lang_and_tag_select_results_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = scenario("en", "passed", [["summons.served_on", "register"]], line=9)
    other["tags"] = ["53-FZ.31"]
    path = write(tmp_path, results_doc(scenario("en", "passed", [[AGE, "not-male"]]),
                                       scenario("ru", "passed", [[AGE, "aged-18-to-30"]], line=4), other))
    assert main(["coverage", "--results", str(path), "--lang", "ru", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data["summary"]) == ["ru"] and data["results"]["scenarios"] == 1
    assert main(["coverage", "--results", str(path), "--tag", "53-FZ.22", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["results"]["scenarios"] == 2, "@53-FZ.22 takes @53-FZ.22.1.а"
    assert main(["coverage", "--results", str(path), "--lang", "ru", "--require-all"]) == 2
    assert "not every case has a passing scenario in Russian\n" in capsys.readouterr().err
    assert main(["coverage", "features", "--results", str(path)]) == 2
    assert "give feature PATHS or --results FILE, not both" in capsys.readouterr().err
