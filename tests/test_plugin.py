"""The Gherkin plugin as reviewers meet it: real pytest sessions over scratch feature files."""

from __future__ import annotations

import json
import textwrap

import pytest

BIND = """
from pathlib import Path
from lawcode.review.pytest_plugin import bind_features
bind_features(globals(), Path(__file__).parent / "features")
"""

EN_OK = """
Feature: Age
  @53-FZ.22.1.а
  Scenario: a man of 23 in 2024
    Given the person is a man
    And he was born on 10 May 2000
    When I ask for conscription.liable_by_age on 2024-04-15
    Then the answer is yes
    And the explanation cites 53-FZ art. 22
"""

RU_OK = """# language: ru
Функция: Возраст
  @53-FZ.22.1.а
  Сценарий: мужчина 23 лет в 2024 году
    Дано это мужчина
    И он родился 10 мая 2000
    Когда я спрашиваю подлежит призыву по возрасту на 15.04.2024
    Тогда ответ да
    И объяснение ссылается на ст. 22 53-ФЗ
"""


def run(pytester: pytest.Pytester, files: dict[str, str], *args: str) -> pytest.RunResult:
    pytester.makepyfile(test_features=BIND)
    for name, text in files.items():
        path = pytester.path / "features" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", *args)


def test_english_and_russian_scenarios_pass(pytester: pytest.Pytester) -> None:
    result = run(pytester, {"en/age.feature": EN_OK, "ru/age.feature": RU_OK})
    result.assert_outcomes(passed=2)


def test_unknown_step_suggests_closest_phrases_in_english(pytester: pytest.Pytester) -> None:
    result = run(pytester, {"en/typo.feature": EN_OK.replace("he was born on", "he was bron on")})
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(['*features/en/typo.feature:5: no phrase matches the step "he was bron on 10 May 2000"',
                                 '*did you mean: "he was born on {value}"*'])
    assert "StepDefinitionNotFoundError" not in result.stdout.str()


def test_unknown_step_suggests_closest_phrases_in_russian(pytester: pytest.Pytester) -> None:
    result = run(pytester, {"ru/typo.feature": RU_OK.replace("он родился", "он родилса")})
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*ни одна фраза словаря не подходит к шагу «он родилса 10 мая 2000»*",
                                 '*возможно, вы имели в виду: "он родился {value}"*'])


def test_bad_date_is_a_bad_value_not_a_missing_step(pytester: pytest.Pytester) -> None:
    result = run(pytester, {"en/bad.feature": EN_OK.replace("10 May 2000", "2024-13-01")})
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*bad date '2024-13-01': month must be in 1..12*"])
    assert "Step definition is not found" not in result.stdout.str()


def test_bad_russian_month_name_is_named(pytester: pytest.Pytester) -> None:
    result = run(pytester, {"ru/bad.feature": RU_OK.replace("10 мая 2000", "10 маяя 2000")})
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*bad date '10 маяя 2000': unknown month 'маяя' (did you mean 'мая'?)*"])


@pytest.mark.parametrize("tagged", [True, False])
def test_misspelt_scenario_keyword_is_an_error_not_a_silent_skip(pytester: pytest.Pytester, tagged: bool) -> None:
    typo = EN_OK.replace("Scenario:", "Scenaro:")
    if not tagged:  # without a tag pytest-bdd reads the rest as the description and yields no scenario
        typo = typo.replace("  @53-FZ.22.1.а\n", "")
    result = run(pytester, {"en/ok.feature": EN_OK, "en/typo.feature": typo})
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*features/en/typo.feature:*'Scenaro:' is not a Gherkin keyword*",
                                 "*did you mean 'Scenario:'?*"])


def test_russian_misspelt_keyword(pytester: pytest.Pytester) -> None:
    typo = RU_OK.replace("Сценарий:", "Сценари:").replace("  @53-FZ.22.1.а\n", "")
    result = run(pytester, {"ru/typo.feature": typo})
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*'Сценари:' is not a Gherkin keyword*", "*did you mean 'Сценарий:'?*"])


def test_failing_scenario_prints_the_explanation(pytester: pytest.Pytester) -> None:
    result = run(pytester, {"en/wrong.feature": EN_OK.replace("the answer is yes", "the answer is no")})
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*expected the answer no, got yes*", "*The decision and its explanation:*",
                                 "*men aged 18 to 30 are liable*"])


def test_outline_values_are_typed_by_the_vocabulary(pytester: pytest.Pytester) -> None:
    outline = """
    Feature: Age outline
      @53-FZ.22.1.а
      Scenario Outline: boundaries
        Given the facts:
          | fact              | value  |
          | person.sex        | male   |
          | person.birth_date | <born> |
        When I ask for conscription.liable_by_age on <day>
        Then the answer is <answer>

        Examples:
          | born       | day        | answer |
          | 2006-04-15 | 2024-04-14 | no     |
          | 2006-04-15 | 2024-04-15 | yes    |
          | 2000-05-10 | 1 May 2024 | true   |
    """
    run(pytester, {"en/outline.feature": outline}).assert_outcomes(passed=3)


def test_ambiguous_phrases_are_reported_with_both(pytester: pytest.Pytester) -> None:
    rules = pytester.path / "rules"
    import shutil

    from lawcode import bundled_rules_dir

    shutil.copytree(bundled_rules_dir(), rules)
    facts = (rules / "facts.yaml").read_text(encoding="utf-8")
    facts = facts.replace('"the summons tells him to appear on {value}"',
                          '"the summons tells him to appear on {value}", "he was born on {value}"')
    (rules / "facts.yaml").write_text(facts, encoding="utf-8")
    pytester.makeini("[pytest]\nlawcode_rules = rules\n")
    result = run(pytester, {"en/amb.feature": EN_OK})
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(['*"he was born on 10 May 2000" matches two phrases: "he was born on {value}" and '
                                 '"he was born on {value}"*'])


def test_cucumber_json_report(pytester: pytest.Pytester) -> None:
    (pytester.path / "out").mkdir()
    result = run(pytester, {"en/age.feature": EN_OK, "ru/age.feature": RU_OK}, "--cucumberjson=out/cucumber.json")
    result.assert_outcomes(passed=2)
    report = json.loads((pytester.path / "out" / "cucumber.json").read_text(encoding="utf-8"))
    assert sorted(f["language"] for f in report) == ["en", "ru"]
    assert all(step["result"]["status"] == "passed" for f in report for e in f["elements"] for step in e["steps"])
