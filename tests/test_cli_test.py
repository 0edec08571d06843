"""`lawcode test` as a reviewer runs it: their own folder of features, anywhere, any rulebook; exit 0/1/2.

Every run starts the real console script in a scratch folder *outside the repository*, from a
working directory of its own, so nothing of the repository (tests/test_features.py, its pytest
configuration) is at hand. The runs are declared in ``RUNS`` and started concurrently once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from lawcode import bundled_rules_dir

LAWCODE = Path(sys.executable).parent / "lawcode"

RU_AGE = """\
# language: ru
Функция: Призывной возраст (проверка рецензента)
  @53-FZ.22.1.а
  Сценарий: мужчина 23 лет весной 2024 года подлежит призыву
    Дано это мужчина
    И он родился 10.05.2000
    Когда я спрашиваю подлежит призыву по возрасту на 15 апреля 2024
    Тогда ответ да
    И решение основано на случае aged-18-to-30
"""

RU_WRONG = """\
# language: ru
Функция: Ошибки рецензента
  @53-FZ.22.1.а
  Сценарий: дата записана по-английски
    Дано это мужчина
    И он родился 05/11/2000
    Когда я спрашиваю conscription.liable_by_age на 15.04.2024
    Тогда ответ да

  @53-FZ.22.1.а
  Сценарий: неверный ответ
    Дано это мужчина
    И он родился 10.05.2000
    Когда я спрашиваю conscription.liable_by_age на 15.04.2024
    Тогда ответ нет
"""

EN_SERVICE = """\
Feature: Service through the register
  @53-FZ.31
  Scenario: seven days after placement in the register
    Given the summons was placed in the register on 2024-04-01
    And the summons was not handed to him in person
    And no registered letter was delivered to him
    And no summons was posted to his personal account
    When I ask for summons.served_on on 2024-05-01
    Then the answer is 2024-04-09
"""

BROKEN = "Feature: broken\n  Scenaro: a misspelt keyword\n    Given the person is a man\n"

FILES = {
    "mine/ru/age.feature": RU_AGE,
    "mine/en/service.feature": EN_SERVICE,
    "wrong/ru/wrong.feature": RU_WRONG,
    "broken/en/broken.feature": BROKEN,
    "empty/readme.txt": "no features here",
    # a pytest configuration where the reviewer stands must not change how their scenarios run
    "elsewhere/pytest.ini": "[pytest]\naddopts = --this-option-does-not-exist\n",
}

RUNS: dict[str, list[str]] = {
    "ru_only": ["test", "../mine/ru"],
    "mine_lang_en": ["test", "../mine", "--lang", "en", "--results", "out/results.json"],
    "mine_tag_prefix": ["test", "../mine", "--tag", "@53-FZ.22"],
    "wrong": ["test", "../wrong", "../broken"],
    "no_path": ["test", "../nowhere"],
    "no_features": ["test", "../empty"],
    "unknown_tag": ["test", "../mine", "--tag", "53-FZ.3"],
    "lang_none": ["test", "../mine/ru", "--lang", "en"],
    "own_rules": ["test", "../mine/ru", "--rules", "../rules"],
    "coverage": ["coverage", "../mine", "--format", "json"],
    "report": ["report", "../mine", "--tag", "53-FZ.31", "--lang", "en", "--out", "out/report"],
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("reviewer")
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # the reviewer's own copy of the rules, with a phrase of their own
    shutil.copytree(bundled_rules_dir(), root / "rules")
    facts = (root / "rules" / "facts.yaml").read_text(encoding="utf-8")
    (root / "rules" / "facts.yaml").write_text(facts.replace('"он родился {value}"', '"он появился на свет {value}"'),
                                               encoding="utf-8")
    (root / "mine" / "ru" / "own.feature").write_text(RU_AGE.replace("он родился", "он появился на свет"),
                                                      encoding="utf-8")
    cwd = root / "elsewhere"
    env = {k: v for k, v in os.environ.items() if k not in ("LAWCODE_DEBUG", "PYTEST_ADDOPTS")}

    def run(args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(LAWCODE), *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env,
                              check=False)

    with ThreadPoolExecutor(max_workers=4) as pool:
        done = dict(zip(RUNS, pool.map(run, RUNS.values()), strict=True))
    for result in done.values():
        result.cwd = cwd  # type: ignore[attr-defined]
    return done


def test_a_reviewers_russian_folder_runs_from_anywhere(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    r = runs["ru_only"]
    assert r.returncode == 1, r.stdout + r.stderr  # own.feature uses a phrase only the reviewer's rules know
    assert "../mine/ru/age.feature\n  ✓ 4    мужчина 23 лет весной 2024 года подлежит призыву\n" in r.stdout
    assert "../mine/ru/own.feature:6: ни одна фраза словаря не подходит к шагу «он появился на свет 10.05.2000»" \
        in r.stdout
    assert r.stdout.rstrip().endswith("2 scenarios: 1 passed, 1 failed")
    assert "Traceback" not in r.stdout + r.stderr and "tests/test_features.py" not in r.stderr


def test_the_reviewers_own_rules(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    r = runs["own_rules"]
    assert r.returncode == 1, r.stdout + r.stderr  # now age.feature uses a phrase the reviewer's rules dropped
    assert "✓ 4    мужчина 23 лет" in r.stdout.split("own.feature")[1]
    assert "../mine/ru/age.feature:6: ни одна фраза словаря не подходит к шагу «он родился 10.05.2000»" in r.stdout


def test_one_language_all_passing_exit_0_with_a_summary_and_the_results(
        runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    r = runs["mine_lang_en"]
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == ("../mine/en/service.feature\n  ✓ 3    seven days after placement in the register\n\n"
                        "1 scenario: 1 passed, 0 failed\nresults written to out/results.json\n")
    results = json.loads((r.cwd / "out" / "results.json").read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    assert results["format"] == "lawcode.results/1"
    assert [(s["file"], s["outcome"]) for s in results["scenarios"]] == [("../mine/en/service.feature", "passed")]


def test_tags_select_a_provision_and_those_under_it(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    r = runs["mine_tag_prefix"]
    assert r.returncode == 1, r.stdout + r.stderr  # own.feature is tagged too, and fails with the bundled rules
    assert "age.feature" in r.stdout and "service.feature" not in r.stdout, "@53-FZ.22 takes @53-FZ.22.1.а"


def test_failures_name_the_step_and_the_fix_in_the_features_language(
        runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    r = runs["wrong"]
    assert r.returncode == 1
    out = r.stdout
    assert "  ✗ 4    дата записана по-английски\n  ✗ 11   неверный ответ\n" in out
    assert "Failures (3)" in out
    assert ("../wrong/ru/wrong.feature:6: неверная дата «05/11/2000»: через косую черту её можно прочитать и как "
            "5 ноября 2000 г., и как 11 мая 2000 г.\n      подсказка: пишите 05.11.2024 или 5 ноября 2024") in out
    assert "../wrong/ru/wrong.feature:15: ожидался ответ «нет», получен да" in out
    assert "Решение и его объяснение:" in out
    assert r.stdout.rstrip().endswith("3 scenarios: 0 passed, 3 failed")


def test_a_broken_feature_file_fails_with_its_location(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    r = runs["wrong"]  # run together with a folder of good but failing features: both paths are read
    assert "../broken/en/broken.feature:2: 'Scenaro:' is not a Gherkin keyword" in r.stdout
    assert "hint: did you mean 'Scenario:'?" in r.stdout


@pytest.mark.parametrize(("run", "message"), [
    ("no_path", "lawcode: ../nowhere: no such feature file or folder: ../nowhere"),
    ("no_features", "lawcode: no .feature files found under ../empty"),
    ("unknown_tag", "lawcode: unknown tag @53-FZ.3: no scenario of the selected features carries it, or a provision "
                    "under it\n  hint: did you mean '53-FZ.31'"),
    ("lang_none", "lawcode: no feature in en under ../mine/ru (found: ru)"),
])
def test_bad_arguments_exit_2_with_the_fix(runs: dict[str, subprocess.CompletedProcess[str]], run: str,
                                           message: str) -> None:
    r = runs[run]
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.startswith(message), r.stderr
    assert "Traceback" not in r.stderr


def test_coverage_and_report_run_the_same_selection(runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    r = runs["coverage"]
    assert r.returncode == 0, r.stderr
    assert "lawcode: 3 scenarios: 2 passed, 1 failed" in r.stderr
    data = json.loads(r.stdout)
    covered = {(c["rule"], c["case"]) for c in data["cases"] if c["covered"]["en"] or c["covered"]["ru"]}
    assert ("conscription.liable_by_age", "aged-18-to-30") in covered and ("summons.served_on", "register") in covered
    r = runs["report"]
    assert r.returncode == 0, r.stderr
    assert "lawcode: 1 scenario: 1 passed, 0 failed" in r.stderr
    assert (r.cwd / "out" / "report" / "index.html").is_file()  # type: ignore[attr-defined]


def test_help_names_the_reviewers_commands_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    from lawcode.cli import main

    for args in (["--help"], ["test", "--help"]):
        with pytest.raises(SystemExit) as info:
            main(args)
        assert info.value.code == 0
    out = capsys.readouterr().out
    assert "legal reviewers:\n  lawcode test features/ru" in out
    assert "lawcode test ~/review --rules ~/rules" in out and "Exit 0 if all pass, 1 if a scenario fails" in out
