"""The real ``lawcode`` console script, run as a user runs it: output formats, languages, exit codes, messages.

Starting the script costs a few tenths of a second, so every invocation is declared once in
``RUNS`` and the ``cli`` fixture runs them all concurrently in one scratch directory; each test
then reads the result of its own run.
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

LAWCODE = Path(sys.executable).parent / "lawcode"
GOLDEN = Path(__file__).resolve().parent / "loading"
QUESTION = "conscription.liable_by_age"
ON = ("--on", "2024-04-15")

FILES = {
    "man.yaml": "person.sex: male\nperson.birth_date: 1997-06-01\n",
    "bad_date.json": '{"person.sex": "male",\n "person.birth_date": "2024-13-01"}',
    "several.yaml": "person.birth_dat: 1997-06-01\nperson.sex: mael\n",
    "leap.yaml": "person.birth_date: 2023-02-29\n",
}

Run = tuple[list[str], str | None]  # arguments of the lawcode script (or ["-m", ...] for python), stdin
RUNS: dict[str, Run] = {
    "text": (["explain", QUESTION, "--facts", "man.yaml", *ON], None),
    "json": (["explain", QUESTION, "--facts", "man.yaml", *ON, "--format", "json"], None),
    "markdown": (["explain", QUESTION, "--facts", "man.yaml", *ON, "--format", "markdown"], None),
    "ru": (["explain", QUESTION, "--facts", "man.yaml", *ON, "--lang", "ru"], None),
    "stdin": (["explain", QUESTION, "--facts", "-", *ON, "--format", "json"], '{"person.sex": "male"}'),
    "bad_stdin": (["explain", QUESTION, "--facts", "-", *ON], "{not json"),
    "module_help": (["-m", "lawcode", "--help"], None),
    "unknown_question": (["explain", "conscription.liable_by_ag", "--facts", "man.yaml", *ON], None),
    "no_facts_file": (["explain", QUESTION, "--facts", "nope.yaml", *ON], None),
    "bad_value": (["explain", QUESTION, "--facts", "bad_date.json", *ON], None),
    "several": (["explain", QUESTION, "--facts", "several.yaml", *ON], None),
    "leap": (["explain", QUESTION, "--facts", "leap.yaml", *ON], None),
    "bad_on": (["explain", QUESTION, "--facts", "man.yaml", "--on", "2024-02-30"], None),
    "bad_rules_dir": (["explain", QUESTION, "--facts", "man.yaml", "--rules", "no-such-dir"], None),
    "check_ok": (["check"], None),
    "check_bad": (["check", "--rules", "badrules"], None),
    "unknown_command": (["explian"], None),
}


def _run(args: list[str], stdin: str | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LAWCODE_DEBUG"}
    command = [sys.executable, *args] if args[0] == "-m" else [str(LAWCODE), *args]
    return subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120, env=env,
                          check=False)


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    work = tmp_path_factory.mktemp("cli")
    for name, text in FILES.items():
        (work / name).write_text(text, encoding="utf-8")
    bad = work / "badrules"
    shutil.copytree(GOLDEN / "bad" / "several_problems_one_file", bad,
                    ignore=shutil.ignore_patterns("expected.txt", "xfail.txt"))
    for name in ("acts.yaml", "facts.yaml"):
        shutil.copy(GOLDEN / "base" / name, bad / name)
    with ThreadPoolExecutor(max_workers=max(2, (os.cpu_count() or 2) + 1)) as pool:
        futures = {name: pool.submit(_run, args, stdin, work) for name, (args, stdin) in RUNS.items()}
        return {name: f.result() for name, f in futures.items()}


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stdout


def bad_input(result: subprocess.CompletedProcess[str], *fragments: str, paragraph: bool = True) -> str:
    """Exit 2, a message on stderr naming the problem (one paragraph), no Python traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    err = result.stderr
    assert "Traceback" not in err and "Traceback" not in result.stdout
    assert "internal error" not in err
    for fragment in fragments:
        assert fragment in err, (fragment, err)
    if paragraph:
        assert "\n\n" not in err.strip(), err
    return err


def test_console_script_is_installed() -> None:
    assert LAWCODE.exists(), LAWCODE


# -- explain ---------------------------------------------------------------------------------------
def test_explain_text(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    out = ok(cli["text"])
    first = out.splitlines()[0]
    assert "15 April 2024" in first and first.endswith("yes")
    assert f"({QUESTION})" in out
    assert "439-FZ" in out
    assert cli["text"].stderr == ""


def test_explain_json(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    doc = json.loads(ok(cli["json"]))
    assert doc["format"] == "lawcode.decision/2"
    assert (doc["question"], doc["on"], doc["status"], doc["value"], doc["lang"]) == (
        QUESTION, "2024-04-15", "decided", True, "en")
    assert doc["citations"] and doc["nodes"][doc["answer"]]["rule"] == QUESTION
    assert doc["text"].splitlines()[0] == cli["text"].stdout.splitlines()[0]


def test_explain_markdown(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    out = ok(cli["markdown"])
    assert out.startswith("## ")
    assert f"`{QUESTION}`" in out


def test_explain_in_russian(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    out = ok(cli["ru"])
    assert "15 апреля 2024 г." in out
    assert "1 июня 1997 г." in out
    assert "439-ФЗ" in out


def test_explain_reads_json_facts_from_stdin_and_lists_missing_facts(
    cli: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    doc = json.loads(ok(cli["stdin"]))  # undetermined is not an error: exit 0
    assert doc["status"] == "undetermined"
    assert doc["missing"] == ["person.birth_date"]


def test_python_dash_m_lawcode_help(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    out = ok(cli["module_help"])
    assert "usage: lawcode" in out
    assert "explain" in out and "check" in out


# -- bad input: exit 2, one paragraph, no traceback ------------------------------------------------
def test_unknown_question_suggests_the_closest(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    bad_input(cli["unknown_question"], "unknown question 'conscription.liable_by_ag'", f"did you mean '{QUESTION}'")


def test_missing_facts_file(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    bad_input(cli["no_facts_file"], "nope.yaml: facts file not found")


def test_bad_facts_value_is_located(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    bad_input(cli["bad_value"], "bad_date.json:2:", "bad date '2024-13-01'", "YYYY-MM-DD")


def test_unknown_fact_and_bad_value_are_reported_together(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    bad_input(cli["several"], "several.yaml:1:1", "unknown fact 'person.birth_dat'", "did you mean 'person.birth_date'",
              "several.yaml:2:13", "'person.sex' cannot be 'mael'", "2 problem(s) found", paragraph=False)


def test_unquoted_impossible_date_in_yaml_facts(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    # PyYAML itself would raise a bare ValueError here (exit 70, "internal error") unless lawcode catches it
    bad_input(cli["leap"], "leap.yaml:1:20", "2023-02-29")


def test_bad_stdin_json(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    bad_input(cli["bad_stdin"], "invalid JSON")


def test_bad_on_date(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    bad_input(cli["bad_on"], "2024-02-30", "--on")


def test_bad_rules_dir(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    bad_input(cli["bad_rules_dir"], "rules directory not found", "no-such-dir")


def test_unknown_subcommand(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    bad_input(cli["unknown_command"], "explian")


# -- check -----------------------------------------------------------------------------------------
def test_check_bundled_rules_is_clean(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    assert "OK" in ok(cli["check_ok"])


def test_check_bad_rules_lists_every_problem(cli: dict[str, subprocess.CompletedProcess[str]]) -> None:
    err = bad_input(cli["check_bad"], "5 problem(s) found", paragraph=False)
    for fragment in ("badrules/r.yaml:6:14: unknown combine 'firts'",
                     "badrules/r.yaml:9:15: unknown name 'person.sexx'",
                     "badrules/r.yaml:11:21: unknown act 'A-9'",
                     "badrules/r.yaml:17:27: in_force 'from'",
                     "badrules/r.yaml:18:33: explain in 'ru'"):
        assert fragment in err, fragment
