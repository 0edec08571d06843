"""The Gherkin plugin as reviewers meet it: real pytest sessions over scratch feature files."""

from __future__ import annotations

import json
import textwrap

import pytest

BIND = """
from pathlib import Path
from lawcode.review.binding import bind_features
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
    # hypothesis's plugin imports hypothesis at the end of every session, and rewriting asserts recompiles every
    # plugin (no bytecode is written here): seconds per run, for nothing these tests look at
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:hypothesispytest", "--assert=plain", *args)


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
    result.stdout.fnmatch_lines(["*features/ru/bad.feature:6: неверная дата «10 маяя 2000»: неизвестный месяц «маяя» "
                                 "(возможно, вы имели в виду «мая»?)*",
                                 "*подсказка: пишите 05.11.2024 или 5 ноября 2024*"])


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
    result.stdout.fnmatch_lines(["*«Сценари:» — не ключевое слово Gherkin*",
                                 "*подсказка: возможно, вы имели в виду «Сценарий:»?*"])


def test_failing_scenario_prints_the_explanation(pytester: pytest.Pytester) -> None:
    result = run(pytester, {"en/wrong.feature": EN_OK.replace("the answer is yes", "the answer is no")})
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*expected the answer 'no', got yes*",
                                 # the law first: the deciding case, its words, its citation
                                 "*What decided it:*", "*aged-18-to-30: men aged 18 to 30 are liable*",
                                 "*53-FZ art. 22 para. 1 «а» (as amended by 439-FZ of 04.08.2023); "
                                 "by analogy: GK RF art. 192 para. 3 [[]unverified[]]*",
                                 # then the whole explanation
                                 "*The decision and its explanation:*", "*men aged 18 to 30 are liable*"])


def test_a_failure_quotes_the_statute_where_the_case_does(pytester: pytest.Pytester) -> None:
    feature = """
    # language: ru
    Функция: Реестр
      @53-FZ.31
      Сценарий: повестка в личном кабинете
        Дано факты:
          | fact                          | value      |
          | summons.handed_over_on        | null       |
          | summons.mail_delivered_on     | null       |
          | summons.posted_to_account_on  | 02.04.2024 |
          | summons.placed_in_register_on | null       |
        Когда я спрашиваю summons.served_on на 01.05.2024
        Тогда ответ 03.04.2024
    """
    result = run(pytester, {"ru/quote.feature": feature})
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*Что определило ответ:*", "*personal-account:*",
                                 "*«с момента ее размещения в личном кабинете»*"])


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


def test_a_fact_set_twice_is_named_in_russian(pytester: pytest.Pytester) -> None:
    born = "    И он родился 10 мая 2000\n"
    twice = RU_OK.replace(born, born + "    И он родился 11 мая 2000\n")
    result = run(pytester, {"ru/twice.feature": twice})
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*features/ru/twice.feature:7: факт person.birth_date задан дважды (впервые в "
                                 "строке 6)*", "*подсказка: оставьте один из двух шагов*"])


def test_lawcode_tag_selects_a_provision_and_the_provisions_under_it(pytester: pytest.Pytester) -> None:
    other = EN_OK.replace("@53-FZ.22.1.а", "@53-FZ.31").replace("Scenario: a man", "Scenario: another man")
    result = run(pytester, {"en/age.feature": EN_OK, "en/other.feature": other}, "--lawcode-tag=53-FZ.22")
    result.assert_outcomes(passed=1)
    assert "1 deselected" in result.stdout.str()


def test_the_plugin_keeps_its_state_in_the_config_stash(pytester: pytest.Pytester) -> None:
    import lawcode.review.pytest_plugin as plugin

    mutable = [name for name, value in vars(plugin).items()
               if not name.startswith("__") and isinstance(value, list | dict | set) and name != "__all__"]
    assert mutable == [], f"module-level state: {mutable}"
    pytester.makeconftest("""
        from lawcode.review.pytest_plugin import SESSION, LawcodeSession
        def pytest_sessionfinish(session):
            state = session.config.stash[SESSION]
            assert isinstance(state, LawcodeSession) and len(state.books) == 1
            print("STASHED", len(state.results))
    """)
    result = run(pytester, {"en/age.feature": EN_OK, "ru/age.feature": RU_OK}, "--lawcode-results=r.json", "-s")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*STASHED 2*"])
    results = json.loads((pytester.path / "r.json").read_text(encoding="utf-8"))
    assert [s["lang"] for s in results["scenarios"]] == ["en", "ru"]
    assert results["scenarios"][1]["decisions"][0]["texts"]["en"].startswith("Liable for conscription by age")


def test_lawcode_rules_option_runs_against_another_rulebook(pytester: pytest.Pytester) -> None:
    import shutil

    from lawcode import bundled_rules_dir

    shutil.copytree(bundled_rules_dir(), pytester.path / "my-rules")
    facts = (pytester.path / "my-rules" / "facts.yaml").read_text(encoding="utf-8")
    (pytester.path / "my-rules" / "facts.yaml").write_text(facts.replace('"he was born on {value}"',
                                                                         '"he came into the world on {value}"'),
                                                           encoding="utf-8")
    feature = EN_OK.replace("he was born on", "he came into the world on")
    run(pytester, {"en/age.feature": feature}).assert_outcomes(failed=1)
    run(pytester, {"en/age.feature": feature}, "--lawcode-rules=my-rules").assert_outcomes(passed=1)


def test_two_scenarios_of_one_name_are_an_error_not_a_silent_loss(pytester: pytest.Pytester) -> None:
    twice = EN_OK + EN_OK.split("Feature: Age\n")[1]
    result = run(pytester, {"en/twice.feature": twice})
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*features/en/twice.feature:*two scenarios are named 'a man of 23 in 2024' (lines 3 "
                                 "and 10): only one of them would run*"])


@pytest.mark.parametrize("bad", ["", "  \n\t\n", "# just a comment\n"])
def test_a_feature_file_without_a_feature_is_one_failure_and_the_others_still_run(pytester: pytest.Pytester,
                                                                                  bad: str) -> None:
    result = run(pytester, {"en/age.feature": EN_OK, "en/empty.feature": bad or "\n"})
    if not bad:
        (pytester.path / "features" / "en" / "empty.feature").write_bytes(b"")
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:hypothesispytest", "--assert=plain")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*features/en/empty.feature:1:1: the file has no Feature:*"])


def test_a_byte_order_mark_before_the_feature_is_read_as_utf8(pytester: pytest.Pytester) -> None:
    result = run(pytester, {"en/age.feature": "\ufeff" + EN_OK.lstrip("\n"), "ru/age.feature": "\ufeff" + RU_OK})
    result.assert_outcomes(passed=2)


def test_a_language_lawcode_does_not_speak_is_refused_at_its_line(pytester: pytest.Pytester) -> None:
    german = "# language: de\nFunktionalität: Alter\n  @53-FZ.22.1.а\n  Szenario: ein Mann\n" \
             "    Angenommen the person is a man\n"
    result = run(pytester, {"en/age.feature": EN_OK, "de/alter.feature": german})
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*features/de/alter.feature:1: lawcode reads feature files in English and Russian "
                                 "only, not 'de'*"])


def test_control_characters_in_a_step_are_escaped_in_the_failure(pytester: pytest.Pytester) -> None:
    result = run(pytester, {"en/esc.feature": EN_OK.replace("is a man", "is a \x1b[2Jman")})
    result.assert_outcomes(failed=1)
    assert "\x1b" not in result.stdout.str()
    result.stdout.fnmatch_lines(['*esc.feature:4: no phrase matches the step "the person is a \\x1b[[]2Jman"*'])


def test_a_broken_file_fails_with_its_first_ten_problems(pytester: pytest.Pytester) -> None:
    broken = "Feature: many slips\n" + "".join(f"  Scenaro: slip {i}\n" for i in range(15))
    result = run(pytester, {"en/age.feature": EN_OK, "en/slips.feature": broken})
    result.assert_outcomes(passed=1, failed=1)
    out = result.stdout.str()
    assert "slips.feature:11: 'Scenaro:' is not a Gherkin keyword" in out
    assert "slips.feature:12:" not in out and "… and 6 more" in out
