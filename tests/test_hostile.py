"""Hostile inputs (issue 12): every input works, or fails with a located lawcode error, in bounded time and memory.

The contract, as an attacker tests it: whatever a user feeds lawcode (facts files, rules directories,
feature files, command-line arguments, Python values through the API), lawcode either answers or refuses
with a ``lawcode`` error that says where (file:line:col) and why, within a few seconds and a few hundred
MB, and never shows a traceback. The command line exits 0 on a decision, 2 on bad input, 70 on a defect.

The corpus is ``tests/hostile/<group>/<case>/``, one hostile input per case, grouped by target:

``facts/``
    a facts document, run by default as
    ``lawcode explain person.adult --rules {base} --on 2024-04-15 --facts {input}``;
``rules/``
    a few files laid over the valid base rulebook ``tests/hostile/base/`` into ``rules/``; run through the
    API (``lawcode.load("rules")``) and, where the command matters, ``lawcode check|questions --rules rules``;
``features/``
    a ``bad.feature`` beside a valid ``ok.feature``; run by ``lawcode check .`` and by a pytest session
    that binds the folder (the valid scenario must still run);
``cli/``
    command lines (arguments, standard input, environment, results files) against the bundled rules.

Inputs too big or too special to commit (50 MB values, 4,000 cases, deep nesting, FIFOs, symlink loops)
are made at test time by a generator named in ``[input] make = ...`` (``GENERATORS``). API inputs that
are Python values rather than files are the table ``API_CASES``.

Each case states what the contract expects in ``expected.txt`` (INI): leading ``#`` lines describe the
input; ``[input]`` may give ``make`` (a generator), ``file`` (the input file), ``cpu`` (seconds of CPU,
default ``CPU``), ``slow = yes``, ``isolate = yes`` (a pytest session of its own); every other section is
one run of the input through one interface::

    [explain]                  # a command: lawcode ARGS (the section name picks the default ARGS)
    args = explain person.adult --rules {base} --on 2024-04-15 --facts {input}
    stdin = facts.json         # a file of the case fed to standard input ([stdin] runs: the input)
    env = LC_ALL=C PYTHONUTF8=0 -PYTHONIOENCODING   # set NAME=value, unset -NAME
    expect = 2                 # exit status: 0, 2, or 0|2 (either keeps the contract)
    where = facts.yaml:11      # the message names this place (`a | b`: either); required to expect 2
    says = {}                  # the message contains this (`a | b`: each)
    max_chars = 2000           # the bound of the whole message (default MAX_CHARS)
    xfail = issue 12: ...      # today's code breaks the contract here: a strict xfail, removed by the fix
    slow = yes                 # a big input: runs only with LAWCODE_SLOW=1

    [load]                     # the API: lawcode.load("rules"); expect = ok, error, or ok|error
    [api-explain]              # the API: load, book.explain(question, facts, on=...), render the decision
    question = person.x
    [pytest]                   # the session binding the folder; expect = pass or fail (of bad.feature)

In ``args``, ``{base}``, ``{base_facts}``, ``{bundled}``, ``{man}``, ``{input}`` name files, ``{x*1000}``
is 1,000 x, and ``\\e``, ``\\xNN``, ``\\uNNNN`` inside single quotes are control characters.

Every run, whatever its expectation, must: finish (a run is killed when it uses ``CPU`` seconds of CPU,
sleeps ``IDLE`` seconds without using the CPU, or lasts ``TIMEOUT`` seconds), within ``MEMORY`` bytes of
address space and ``OUTPUT`` bytes of output; show no ``Traceback`` and no internal error; keep its
message within ``MAX_CHARS`` characters and ``MAX_LINE`` per line; print no raw terminal control
character. Through the API the call returns (and the decision renders), or raises a
``lawcode.LawcodeError``: nothing else.

All runs of the selected tests execute at once before the first test reads its outcome. Commands run the
console script itself: from a fork server that has imported what the script imports (0.15 s saved per
run; ``test_the_fork_server_...`` checks it ends exactly as an exec'd script does), or exec'd when the run
changes the environment (``LAWCODE_HOSTILE_EXEC=1`` execs them all). API calls run in forked children of
this process. ``LAWCODE_HOSTILE_TABLE=path.md`` writes the table of how every run ended.
"""

from __future__ import annotations

import configparser
import contextlib
import dataclasses
import datetime as dt
import json
import os
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import lawcode

HERE = Path(__file__).resolve().parent / "hostile"
BASE = HERE / "base"
BASE_FACTS = HERE / "base-facts.yaml"
MAN = HERE / "man.yaml"  # valid facts for the bundled rules
LAWCODE = Path(sys.executable).parent / "lawcode"
GROUPS = ("facts", "rules", "features", "cli")
SLOW = os.environ.get("LAWCODE_SLOW") == "1"
FORK = os.environ.get("LAWCODE_HOSTILE_EXEC") != "1"  # LAWCODE_HOSTILE_EXEC=1: exec every command

TIMEOUT = 15.0  # wall-clock seconds a run may take, however busy the (shared) machine is; a good run takes < 1
IDLE = 3.0  # wall-clock seconds a run may sleep without using the CPU (blocked: a FIFO, a lock)
CPU = 2  # seconds of CPU a run may use (RLIMIT_CPU): a busy loop is cut off here; a good run needs 0.2-0.5
MEMORY = 256 << 20  # bytes of address space a command may map (RLIMIT_AS); lawcode itself maps ~45 MB
API_MEMORY = 200 << 20  # bytes an API call may add to the address space of the (forked) test process
OUTPUT = 64 << 20  # bytes a run may write (RLIMIT_FSIZE)
SESSION_TIMEOUT, SESSION_CPU, SESSION_MEMORY = 40.0, 20, 512 << 20  # a pytest session over feature folders
MAX_CHARS = 2000  # characters of one message (stderr of a command, str() of an exception, a test failure)
MAX_LINE = 300  # characters of any line of a message
# C0 and C1 controls (tab and newline are text) and the bidirectional overrides that reorder a terminal line
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ON = dt.date(2024, 4, 15)
BASE_FACTS_VALUES = {"person.sex": "male", "person.birth_date": dt.date(2000, 5, 10), "person.children": 3,
                     "person.name": "Ivan", "person.documented": True, "event.on": None}
DEFAULT_ARGS = {
    ("facts", "explain"): "explain person.adult --rules {base} --on 2024-04-15 --facts {input}",
    ("facts", "stdin"): "explain person.adult --rules {base} --on 2024-04-15 --facts -",
    ("facts", "timeline"): "timeline --rules {bundled} --on 2024-04-15 --facts {input}",
    ("rules", "check"): "check --rules rules",
    ("rules", "questions"): "questions --rules rules",
    ("rules", "explain"): "explain person.x --rules rules --on 2024-04-15 --facts {base_facts}",
    ("features", "check"): "check .",
}


# -- what is expected ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Expect:
    """What the contract allows one run to end with."""

    codes: frozenset[str]  # "0"/"2" (command), "ok"/"error" (API), "pass"/"fail" (bad.feature under pytest)
    where: tuple[str, ...] = ()  # the message names one of these places
    says: tuple[str, ...] = ()
    max_chars: int = MAX_CHARS


@dataclass
class Run:
    """One hostile input through one interface, with its expectation."""

    id: str  # "<group>/<case>::<section>"
    kind: str  # "cli" | "api" | "pytest"
    expect: Expect
    case: Path | None = None  # the fixture directory
    group: str = "api"
    args: tuple[str, ...] = ()
    stdin: str | None = None
    env: dict[str, str | None] = field(default_factory=dict)
    call: Callable[[Path], Any] | None = None  # API runs: what the forked child calls (with the work dir)
    make: str | None = None
    xfail: str | None = None
    slow: bool = False
    isolate: bool = False  # pytest: a session of its own (an input that may block a whole session)
    cpu: int = CPU  # seconds of CPU the run may use
    memory: int = 0  # API runs: bytes the call may add (0: API_MEMORY)
    exec: bool = False  # exec the console script rather than run it from the fork server
    note: str = ""

    @property
    def name(self) -> str:
        return self.case.name if self.case is not None else self.id


def _codes(text: str) -> frozenset[str]:
    return frozenset(c.strip() for c in text.split("|") if c.strip())


def _parser(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, comment_prefixes=("#", ";"), delimiters=("=",),
                                       empty_lines_in_values=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser


def _description(path: Path) -> str:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").strip())
    return " ".join(lines)


def _input_file(case: Path, spec: configparser.SectionProxy | None) -> str:
    if spec is not None and "file" in spec:
        return spec["file"]
    files = [p.name for p in case.iterdir() if p.name != "expected.txt"]
    return files[0] if len(files) == 1 else "facts.yaml"


def _case_runs(group: str, case: Path) -> list[Run]:
    parser = _parser(case / "expected.txt")
    spec = parser["input"] if parser.has_section("input") else None
    make = spec.get("make") if spec is not None else None
    slow_case = spec is not None and spec.get("slow", "no") == "yes"
    isolate = spec is not None and spec.get("isolate", "no") == "yes"
    cpu = int(spec.get("cpu", CPU)) if spec is not None else CPU
    runs = []
    for section in parser.sections():
        if section == "input":
            continue
        s = parser[section]
        expect = Expect(_codes(s.get("expect", "2")), tuple(w.strip() for w in s.get("where", "").split(" | ")
                                                              if w.strip()),
                        tuple(x for x in s.get("says", "").split(" | ") if x), int(s.get("max_chars", MAX_CHARS)))
        run = Run(f"{group}/{case.name}::{section}", "cli", expect, case, group, make=make,
                  xfail=s.get("xfail"), slow=slow_case or s.get("slow", "no") == "yes", isolate=isolate,
                  cpu=int(s.get("cpu", cpu)), note=_description(case / "expected.txt"))
        if section == "load":
            run.kind = "api"
            run.call = _api_load
        elif section == "api-explain":
            run.kind = "api"
            question = s.get("question", "person.x")
            run.call = lambda work, q=question: _api_explain(work, q)
        elif section == "pytest":
            run.kind = "pytest"
        else:
            template = s["args"] if "args" in s else DEFAULT_ARGS.get((group, section.split("-")[0]))
            assert template is not None, f"{run.id}: no args and no default for a '{section}' run of {group}/"
            values = {"base": str(BASE), "base_facts": str(BASE_FACTS), "bundled": str(lawcode.bundled_rules_dir()),
                      "input": _input_file(case, spec), "hostile": str(HERE), "man": str(MAN)}
            run.args = tuple(_argument(arg, values) for arg in shlex.split(template))
            run.stdin = s.get("stdin") or (_input_file(case, spec) if section.startswith("stdin") else None)
            for item in shlex.split(s.get("env", "")):
                name, _, value = item.partition("=")
                run.env[name.lstrip("-")] = None if item.startswith("-") else value
        runs.append(run)
    return runs


def _argument(template: str, values: dict[str, str]) -> str:
    """An argument of a run: ``{base}``-style places filled, ``{x*1000}`` is 1,000 x, and ``\\e``, ``\\xNN``,
    ``\\uNNNN`` are control and other characters (write them inside single quotes, which shlex leaves alone)."""
    text = re.sub(r"\{(.)\*(\d+)\}", lambda m: m.group(1) * int(m.group(2)), template)
    text = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)
    return re.sub(r"\\(e|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})",
                  lambda m: "\x1b" if m.group(1) == "e" else chr(int(m.group(1)[1:], 16)), text)


def fixture_cases() -> Iterator[tuple[str, Path]]:
    for group in GROUPS:
        if (HERE / group).is_dir():
            yield from ((group, case) for case in sorted((HERE / group).iterdir()) if case.is_dir())


# -- generators: inputs too big or too special to commit ------------------------------------------
def _alias_bomb(levels: int = 9, indent: str = "") -> str:
    """Billion laughs: each level lists the previous one nine times (9**levels strings, ~600 bytes)."""
    lines = [f'{indent}a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"{indent}a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def _rule(name: str, value: str, *, typ: str = "bool", extra: str = "", cases: int = 1, when: str = "") -> str:
    """A rule file with one rule ``name`` of ``cases`` identical cases."""
    head = (f"rules:\n  {name}:\n    type: {typ}\n    title: {{en: X, ru: X}}\n{extra}    cases:\n")
    case = ("      - id: c{i}\n" + (f"        when: {when}\n" if when else "") + f"        value: {value}\n"
            '        cite: {{act: A-1, article: "1"}}\n        in_force: {{from: 2000-01-01}}\n'
            "        explain: {{en: x, ru: x}}\n")
    return head + "".join(case.format(i=i) for i in range(cases))


def _write(path: Path, text: str | bytes) -> None:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


class Unavailable(Exception):
    """An input this machine cannot make (the run is skipped)."""


def _unreadable(path: Path) -> None:
    """A file the process cannot read: mode 000, or (for root, who reads anything) a write-only /proc file."""
    path.write_text("facts: {}\n", encoding="utf-8")
    path.chmod(0)
    try:
        with path.open("rb"):
            pass
    except PermissionError:
        return
    path.unlink()
    for target in ("/proc/sys/vm/drop_caches", "/proc/sys/vm/compact_memory"):
        try:
            with open(target, "rb"):
                pass
        except PermissionError:
            path.symlink_to(target)
            return
        except OSError:
            continue
    raise Unavailable("no unreadable file can be made here (root, and no write-only file in /proc/sys)")


def _feature(steps: str, *, name: str = "hostile", tag: str = "@53-FZ.22.1.а") -> str:
    return f"Feature: Hostile\n  {tag}\n  Scenario: {name}\n{steps}"


GENERATORS: dict[str, Callable[[Path], None]] = {
    # facts
    "facts_fifo": lambda w: os.mkfifo(w / "facts.yaml"),
    "facts_dev_zero": lambda w: (w / "facts.yaml").symlink_to("/dev/zero"),
    "facts_directory": lambda w: (w / "facts.yaml").mkdir(),
    "facts_symlink_loop": lambda w: ((w / "facts.yaml").symlink_to("loop.yaml"),
                                     (w / "loop.yaml").symlink_to("facts.yaml")),
    "facts_unreadable": lambda w: _unreadable(w / "facts.yaml"),
    "facts_json_deep": lambda w: _write(w / "facts.json", '{"person.sex": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    "facts_unknown_1000": lambda w: _write(w / "facts.yaml", "".join(f"x.fact{i}: 1\n" for i in range(1000))),
    "facts_unknown_2_5M": lambda w: _write(w / "facts.yaml", "".join(f"x.f{i}: 1\n" for i in range(2_500_000))),
    "facts_value_50MB": lambda w: _write(w / "facts.yaml", 'person.name: "' + "x" * (50 << 20) + '"\n'
                                         'person.sex: "' + "y" * (50 << 20) + '"\n'),
    "facts_value_1MB": lambda w: _write(w / "facts.yaml", 'person.sex: "' + "y" * (1 << 20) + '"\n'),
    "facts_json_line_1MB": lambda w: _write(w / "facts.json", '{"person.name": "' + "x" * (1 << 20) +
                                            '", "person.sex": "mle"}'),
    "facts_int_5000_digits": lambda w: _write(w / "facts.yaml", "person.children: " + "9" * 5000 + "\n"),
    # rules
    "rules_alias_bomb_combine": lambda w: _write(w / "rules" / "bomb.yaml", "anchors:\n" + _alias_bomb(indent="  ")
                                                 + _rule("person.x", "true", extra="    combine: *a9\n")),
    "rules_alias_bomb_in_force": lambda w: _write(
        w / "rules" / "bomb.yaml", "anchors:\n" + _alias_bomb(indent="  ")
        + _rule("person.x", "true").replace("in_force: {from: 2000-01-01}", "in_force: {from: *a9}")),
    "rules_fifo": lambda w: os.mkfifo(w / "rules" / "x.yaml"),
    "rules_dev_zero": lambda w: (w / "rules" / "zero.yaml").symlink_to("/dev/zero"),
    "rules_directory_named_yaml": lambda w: (w / "rules" / "x.yaml").mkdir(),
    "rules_facts_yaml_directory": lambda w: ((w / "rules" / "facts.yaml").unlink(),
                                             (w / "rules" / "facts.yaml").mkdir()),
    "rules_symlink_loop": lambda w: ((w / "rules" / "a.yaml").symlink_to("b.yaml"),
                                     (w / "rules" / "b.yaml").symlink_to("a.yaml")),
    "rules_dangling_symlink": lambda w: (w / "rules" / "x.yaml").symlink_to("nowhere.yaml"),
    "rules_unreadable": lambda w: _unreadable(w / "rules" / "x.yaml"),
    "rules_editor_lock": lambda w: (w / "rules" / ".#person.yaml").symlink_to("reviewer@host.4242:1700000000"),
    "rules_first_60_cases": lambda w: _write(w / "rules" / "many.yaml", _rule("person.x", "true", cases=60,
                                                                             extra="    combine: first\n")),
    "rules_first_4000_cases": lambda w: _write(w / "rules" / "many.yaml", _rule("person.x", "true", cases=4000,
                                                                               extra="    combine: first\n")),
    "rules_long_line": lambda w: _write(w / "rules" / "x.yaml", _rule("person.x", "person.sex == \"" + "m" * 5000
                                                                      + '"')),
    # features
    "features_fifo": lambda w: os.mkfifo(w / "bad.feature"),
    "features_directory": lambda w: (w / "bad.feature").mkdir(),
    "features_step_10KB": lambda w: _write(w / "bad.feature", _feature("    Given the person is a " + "x" * 10_000
                                                                      + "\n")),
    "features_step_1MB": lambda w: _write(w / "bad.feature", _feature("    Given the person is a " + "x" * (1 << 20)
                                                                     + "\n")),
    # cli
    "cli_results_deep": lambda w: _write(w / "results.json", '{"format": "lawcode.results/1", "scenarios": '
                                         + "[" * 100_000 + "]" * 100_000 + "}"),
}


def _materialise(run: Run, root: Path) -> Path:
    """The case's working directory (shared by its runs): its files, the base rulebook, its generated input."""
    assert run.case is not None
    work = root / run.group / run.case.name
    if work.exists():
        return work
    ignore = shutil.ignore_patterns("expected.txt")
    if run.group == "rules":
        shutil.copytree(BASE, work / "rules")
        shutil.copytree(run.case, work / "rules", ignore=ignore, dirs_exist_ok=True, symlinks=True)
    else:
        shutil.copytree(run.case, work, ignore=ignore, symlinks=True)
    if run.make:
        GENERATORS[run.make](work)
    return work


# -- the API, in forked children ---------------------------------------------------------------------
def _render(decision: Any) -> Any:
    """Everything a program does with a decision: its value, text, Markdown and JSON."""
    text, markdown, document = str(decision), decision.to_markdown(), decision.to_json()
    return {"status": decision.status, "chars": len(text) + len(markdown) + len(document)}


def _api_load(work: Path) -> Any:
    book = lawcode.load(work / "rules")
    return {"rules": len(book.rules)}


def _api_explain(work: Path, question: str) -> Any:
    book = lawcode.load(work / "rules")
    return _render(book.explain(question, dict(BASE_FACTS_VALUES), on=ON))


_VALID = object()  # the valid base facts


def _base_explain(question: Any = "person.adult", facts: Any = _VALID, **kwargs: Any) -> Callable[[Path], Any]:
    """An API call on the base rulebook; ``facts`` may be a callable building them in the child."""

    def call(work: Path) -> Any:
        book = lawcode.load(BASE)
        value = dict(BASE_FACTS_VALUES) if facts is _VALID else facts() if callable(facts) else facts
        return _render(book.explain(question, value, **{"on": ON, **kwargs}))

    return call


def _recursive_list() -> list[Any]:
    items: list[Any] = []
    items.append(items)
    return items


def _facts(**extra: Any) -> dict[str, Any]:
    return {**BASE_FACTS_VALUES, **{k.replace("__", "."): v for k, v in extra.items()}}


@dataclass(frozen=True)
class ApiCase:
    call: Callable[[Path], Any]
    expect: str  # "ok" | "error" | "ok|error"
    note: str
    xfail: str | None = None
    slow: bool = False
    memory: int = API_MEMORY  # bytes the call may add: more only where the input itself is that big


API_CASES: dict[str, ApiCase] = {
    # facts that are not a mapping of names to values
    "facts_list": ApiCase(_base_explain(facts=[("person.sex", "male")]), "error", "facts as a list of pairs"),
    "facts_str": ApiCase(_base_explain(facts="person.sex: male"), "error", "facts as YAML text"),
    "facts_none": ApiCase(_base_explain(facts=None), "error", "facts None"),
    "facts_int": ApiCase(_base_explain(facts=5), "error", "facts 5"),
    # keys that are not strings
    "key_int": ApiCase(_base_explain(facts={1: "male"}), "error", "facts {1: 'male'}"),
    "key_none": ApiCase(_base_explain(facts={None: "male"}), "error", "facts {None: 'male'}"),
    "key_tuple": ApiCase(_base_explain(facts={("person.sex",): "male"}), "error", "a tuple key"),
    "key_bytes": ApiCase(_base_explain(facts={b"person.sex": "male"}), "error", "a bytes key"),
    # values of the wrong kind
    "value_bytes": ApiCase(_base_explain("person.man", facts=_facts(person__sex=b"male")), "error",
                           "bytes for an enum"),
    "value_set": ApiCase(_base_explain("person.man", facts=_facts(person__sex={"male"})), "error", "a set for an enum"),
    "value_recursive_list": ApiCase(_base_explain("person.man", facts=lambda: _facts(person__sex=_recursive_list())),
                                    "error",
                                    "a list that contains itself"),
    "value_datetime": ApiCase(_base_explain(facts=_facts(person__birth_date=dt.datetime(2000, 5, 10, 12))), "error",
                              "a datetime for a date fact"),
    "value_bool_for_int": ApiCase(_base_explain("person.large_family", _facts(person__children=True)), "error",
                                  "True for an int fact"),
    "value_int_5000_digits_enum": ApiCase(
        _base_explain("person.man", facts=_facts(person__sex=10**5000)), "error", "a 5000-digit int for an enum fact"),
    "value_int_5000_digits_int": ApiCase(
        _base_explain("person.large_family", _facts(person__children=10**5000)), "ok|error",
        "a 5000-digit int for an int fact, then the decision rendered"),
    "value_50MB": ApiCase(_base_explain("person.man", facts=lambda: _facts(person__sex="y" * (50 << 20))), "error",
                          "a 50 MB string for an enum fact"),
    "value_date_max": ApiCase(_base_explain(facts=_facts(person__birth_date=dt.date.max)), "ok|error",
                              "born on 9999-12-31: the 18th anniversary is past the calendar"),
    # many facts
    "unknown_facts_1000": ApiCase(_base_explain(facts=lambda: {f"x.fact{i}": 1 for i in range(1000)}), "error",
                                  "1,000 unknown facts"),
    "unknown_facts_2_5M": ApiCase(_base_explain(facts=lambda: {f"x.f{i}": 1 for i in range(2_500_000)}), "error",
                                  "2.5 million unknown facts (the dict alone takes ~210 MB, built in the child)",
                                  slow=True, memory=API_MEMORY + (250 << 20)),
    # the question date
    "on_datetime": ApiCase(_base_explain(on=dt.datetime(2024, 4, 15, 12, 0)), "ok|error", "on= a datetime"),
    "on_str": ApiCase(_base_explain(on="2024-04-15"), "ok|error", "on= an ISO string"),
    "on_int": ApiCase(_base_explain(on=20240415), "error", "on= a number"),
    "on_date_min": ApiCase(_base_explain(on=dt.date.min), "ok|error", "on= 0001-01-01"),
    "on_date_max": ApiCase(_base_explain(on=dt.date.max), "ok|error", "on= 9999-12-31"),
    # the question and the language
    "question_int": ApiCase(_base_explain(5), "error", "question 5"),
    "question_none": ApiCase(_base_explain(None), "error", "question None"),
    "question_list": ApiCase(_base_explain(["person.adult"]), "error", "question ['person.adult']"),
    "lang_de": ApiCase(_base_explain(lang="de"), "error", "lang='de'"),
    "lang_none": ApiCase(_base_explain(lang=None), "error", "lang=None"),
    "lang_list": ApiCase(_base_explain(lang=["en"]), "error", "lang=['en']"),
    # the rules path
    "load_int": ApiCase(lambda w: lawcode.load(5), "error", "lawcode.load(5)"),
    "load_bytes": ApiCase(lambda w: lawcode.load(b"/tmp"), "ok|error", "lawcode.load(b'/tmp')"),
    "load_nul": ApiCase(lambda w: lawcode.load("rules\x00x"), "error", "a rules path with a NUL byte"),
    "one_shot_explain": ApiCase(lambda w: _render(lawcode.explain("person.adult", dict(BASE_FACTS_VALUES), on=ON,
                                                                  rules=BASE)), "ok", "lawcode.explain, base rules"),
}


def _api_runs() -> list[Run]:
    return [Run(f"api/{name}", "api", Expect(_codes(c.expect)), call=c.call, xfail=c.xfail, slow=c.slow,
                memory=c.memory, note=c.note) for name, c in API_CASES.items()]


# -- running -------------------------------------------------------------------------------------------
@dataclass
class Outcome:
    """How a run ended: the exit status (or the API's result), how long it took, what it printed."""

    status: str  # "exit 2", "ok", "LawcodeError", "TypeError", "timeout", "killed by SIGXCPU", ...
    code: str | None  # the code compared with Expect.codes ("0", "2", "70", "ok", "error", "crash"); None if killed
    seconds: float
    stdout: str = ""
    stderr: str = ""  # the message: stderr, str(exception), or a failing test's report
    size: int = 0  # full size of the message in characters (stderr may be read only in part)
    detail: str = ""
    cpu: float = 0.0  # seconds of CPU (the wall time depends on what else runs beside)
    skip: str | None = None  # the input cannot be made on this machine

    def summary(self) -> str:
        return f"{self.status}, {self.cpu:.2f} s CPU, message {self.size:,} chars"


def _limits(memory: int, cpu: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT, OUTPUT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _read(path: Path, limit: int = 1 << 20) -> tuple[str, int]:
    """At most ``limit`` bytes of a file as text, and the file's full size."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            data = f.read(limit)
    except OSError:
        return "", 0
    text = data.decode("utf-8", errors="replace")
    return text, size if size > limit else len(text)


def _signal_name(code: int) -> str:
    try:
        return signal.Signals(-code).name
    except ValueError:
        return str(-code)


class _Job:
    """A process running one run (or one pytest session): started, polled, watched, killed when it hangs.

    A job hangs when it sleeps without using the CPU for ``IDLE`` seconds (a FIFO nobody writes to), or
    runs past its wall-clock ``timeout``; a busy loop is cut off by its CPU limit first. A job that merely
    waits for a core (the machine is shared) is runnable, not idle, so it is not taken for a hang.
    """

    def __init__(self, key: str, timeout: float):
        self.key, self.timeout = key, timeout
        self.start = time.monotonic()
        self.pid = 0
        self.status: int | None = None
        self.cpu = 0.0  # seconds of CPU the process used
        self.ticks = -1
        self.active_at = self.start  # the last time it ran or was runnable
        self.hung = ""

    def watch(self, now: float) -> bool:
        """Sample the process; True while it uses (or waits for) a core."""
        try:
            if not self.pid:  # not started yet (queued in the fork server)
                raise OSError
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            self.active_at = now
            return True
        ticks = int(fields[11]) + int(fields[12])
        if fields[0] == "R" or ticks != self.ticks:
            self.ticks, self.active_at = ticks, now
        return now - self.active_at < 0.5

    def overdue(self, now: float) -> bool:
        if now - self.active_at > IDLE:
            self.hung = f"hang (blocked, no CPU for {IDLE:.0f} s)"
        elif now - self.start > self.timeout:
            self.hung = f"hang (killed after {self.timeout:.0f} s)"
        return bool(self.hung)

    def poll(self) -> bool:
        if self.status is None:
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                self.status, self.cpu = status, usage.ru_utime + usage.ru_stime
        return self.status is not None

    def kill(self) -> None:
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            os.kill(self.pid, signal.SIGKILL)
        _, self.status, usage = os.wait4(self.pid, 0)
        self.cpu = usage.ru_utime + usage.ru_stime

    def exit_code(self) -> int:
        assert self.status is not None
        return os.waitstatus_to_exitcode(self.status)


def _command_env(run: Run) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LAWCODE_DEBUG", "COLUMNS")}
    for name, value in run.env.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


class _CommandJob(_Job):
    """The console script run on one input; its output goes to files beside the input."""

    def __init__(self, run: Run, work: Path):
        super().__init__(run.id, TIMEOUT)
        self.out, self.err = work / f".{_slug(run.id)}.out", work / f".{_slug(run.id)}.err"
        self.cpu_limit = run.cpu

    def outcome(self, timed_out: bool) -> Outcome:
        seconds = time.monotonic() - self.start
        stdout, _ = _read(self.out)
        stderr, size = _read(self.err)
        if timed_out:
            return Outcome(self.hung, None, seconds, stdout, stderr, size)
        code = self.exit_code()
        if code < 0:
            reason = {"SIGXCPU": f"CPU limit ({self.cpu_limit} s)", "SIGXFSZ": f"output over {OUTPUT >> 20} MB",
                      "SIGKILL": "killed"}.get(_signal_name(code), _signal_name(code))
            return Outcome(f"killed: {reason}", None, seconds, stdout, stderr, size)
        status = f"exit {code}"
        found = re.search(r"internal error: (\w+)", stderr)
        if found:
            status += f" ({found.group(1)})"
        return Outcome(status, str(code), seconds, stdout, stderr, size)


class _ExecJob(_CommandJob):
    """The console script exec'd as a user runs it (used for runs that change the environment)."""

    def __init__(self, run: Run, work: Path):
        super().__init__(run, work)
        stdin = (work / run.stdin).open("rb") if run.stdin else subprocess.DEVNULL
        with self.out.open("wb") as out, self.err.open("wb") as err:
            proc = subprocess.Popen([str(LAWCODE), *run.args], cwd=work, stdin=stdin, stdout=out, stderr=err,
                                    env=_command_env(run), preexec_fn=_limits(MEMORY, run.cpu),
                                    start_new_session=True)
        if stdin is not subprocess.DEVNULL:
            stdin.close()  # type: ignore[union-attr]
        self.pid = proc.pid
        proc.returncode = 0  # we reap it ourselves; keep Popen.__del__ from warning
        self.start = time.monotonic()


# A fork server: one interpreter imports the console script's module once, then forks a child per run; the
# child sets the limits, moves its standard streams onto the run's files and runs the console script file
# itself (runpy), exactly as `lawcode ARGS` would, without paying 0.15 s of imports each time.
FORK_SERVER = r"""
import importlib, json, os, resource, runpy, select, sys, time, traceback
from importlib.metadata import entry_points

script, requests_fd, results_fd, warmups = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
(entry,) = [e for e in entry_points(group="console_scripts") if e.name == "lawcode"]
entry.load()  # what the console script imports before it runs
# What commands import when they run (check: the Gherkin parser, pytest-bdd...): run each warm-up command once
# in a throwaway child that reports the modules it loaded, and import them here, so that no run pays for them.
# Only imports are shared with the runs: no command runs in this process.
for args, report in warmups:
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        sys.argv = [script, *args]
        try:
            runpy.run_path(script, run_name="__main__")
        except BaseException:
            pass
        with open(report, "w") as f:
            json.dump(sorted(sys.modules), f)
        os._exit(0)
    os.waitpid(pid, 0)
    for name in json.load(open(report)):
        if name not in sys.modules and not name.startswith("__"):
            try:
                importlib.import_module(name)
            except BaseException:
                pass
results = os.fdopen(results_fd, "w", buffering=1)
children, pending, open_ = {}, [], True
buffer = b""
while open_ or children or pending:
    if open_ and not pending and select.select([requests_fd], [], [], 0.002)[0]:
        chunk = os.read(requests_fd, 1 << 20)  # raw reads: a buffered reader would hide lines from select()
        open_ = bool(chunk)
        *lines, buffer = (buffer + chunk).split(b"\n")
        pending += [json.loads(line) for line in lines]
    elif not open_:
        time.sleep(0.002)
    if pending:
        req = pending.pop(0)
        sys.stdout.flush(); sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.setpgid(0, 0)
                for fd, path, flags in ((0, req["stdin"], os.O_RDONLY), (1, req["out"], os.O_WRONLY),
                                        (2, req["err"], os.O_WRONLY)):
                    new = os.open(path, flags)
                    os.dup2(new, fd)
                    os.close(new)
                os.close(requests_fd); os.close(results_fd)
                for limit, value in req["limits"]:
                    resource.setrlimit(getattr(resource, limit), (value, value + (limit == "RLIMIT_CPU")))
                os.chdir(req["cwd"])
                os.environ.clear(); os.environ.update(req["env"])
                sys.argv = [script, *req["args"]]
                try:
                    runpy.run_path(script, run_name="__main__")
                    code = 0
                except SystemExit as e:
                    code = e.code if isinstance(e.code, int) else 0 if e.code is None else 1
                    if not isinstance(e.code, (int, type(None))):
                        print(e.code, file=sys.stderr)
                except BaseException:
                    traceback.print_exc()
                    code = 1
                try:
                    sys.stdout.flush(); sys.stderr.flush()
                except BaseException:
                    code = 120  # as the interpreter does when flushing at exit fails
            finally:
                os._exit(code)
        children[pid] = req["id"]
        results.write(json.dumps({"id": req["id"], "pid": pid}) + "\n")
    while children:
        pid, status, usage = os.wait4(-1, os.WNOHANG)
        if not pid:
            break
        results.write(json.dumps({"id": children.pop(pid), "status": status,
                                  "cpu": usage.ru_utime + usage.ru_stime}) + "\n")
"""


class _ForkServer:
    """The fork server process, and what it reported of each run so far."""

    def __init__(self, root: Path):
        script = root / "fork_server.py"
        script.write_text(FORK_SERVER, encoding="utf-8")
        requests_read, self.requests = os.pipe()
        self.results, results_write = os.pipe()
        env = {k: v for k, v in os.environ.items() if k not in ("LAWCODE_DEBUG", "COLUMNS")}
        warm = root / "warm-up"
        warm.mkdir()
        (warm / "ok.feature").write_text("Feature: F\n  @A-1.1\n  Scenario: S\n    Given the person is a man\n",
                                         encoding="utf-8")
        warmups = [[["check", "--rules", str(BASE), str(warm)], str(warm / "check.json")],
                   [["explain", "person.adult", "--rules", str(BASE), "--facts", str(BASE_FACTS), "--on",
                     "2024-04-15"], str(warm / "explain.json")]]
        self.proc = subprocess.Popen([sys.executable, str(script), str(LAWCODE), str(requests_read),
                                      str(results_write), json.dumps(warmups)],
                                     pass_fds=(requests_read, results_write), env=env, stdin=subprocess.DEVNULL)
        os.close(requests_read)
        os.close(results_write)
        os.set_blocking(self.results, False)
        self.reports: dict[str, dict[str, Any]] = {}
        self.pending = b""

    def submit(self, request: dict[str, Any]) -> None:
        os.write(self.requests, (json.dumps(request) + "\n").encode())

    def pump(self) -> None:
        try:
            while chunk := os.read(self.results, 65536):
                self.pending += chunk
        except BlockingIOError:
            pass
        *lines, self.pending = self.pending.split(b"\n")
        for line in lines:
            report = json.loads(line)
            self.reports.setdefault(report["id"], {}).update(report)

    def close(self) -> None:
        os.close(self.requests)
        try:
            self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.results)


class _ForkedCommandJob(_CommandJob):
    """The console script run by the fork server."""

    def __init__(self, run: Run, work: Path, server: _ForkServer):
        super().__init__(run, work)
        self.server = server
        stdin = str(work / run.stdin) if run.stdin else os.devnull
        self.out.touch()
        self.err.touch()
        server.submit({"id": run.id, "args": list(run.args), "cwd": str(work), "env": _command_env(run),
                       "stdin": stdin, "out": str(self.out), "err": str(self.err),
                       "limits": [["RLIMIT_AS", MEMORY], ["RLIMIT_CPU", run.cpu], ["RLIMIT_FSIZE", OUTPUT],
                                  ["RLIMIT_CORE", 0]]})
        self.start = time.monotonic()

    def poll(self) -> bool:
        self.server.pump()
        report = self.server.reports.get(self.key, {})
        self.pid = report.get("pid", 0)
        if "status" in report:
            self.status, self.cpu = report["status"], report["cpu"]
        return self.status is not None

    def kill(self) -> None:
        deadline = time.monotonic() + IDLE
        while not self.pid and time.monotonic() < deadline:
            time.sleep(0.001)
            self.poll()
        if not self.pid:  # the fork server never started it
            self.status = signal.SIGKILL  # a wait status: killed by SIGKILL
            return
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)  # not yet the leader of its own group
        deadline = time.monotonic() + IDLE
        while not self.poll() and time.monotonic() < deadline:  # the fork server reaps it and reports
            time.sleep(0.001)
        if self.status is None:
            self.status = signal.SIGKILL


def _vm_size() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


class _ApiJob(_Job):
    """The API called in a forked child of this test process, under the same limits as a command."""

    def __init__(self, run: Run, work: Path):
        super().__init__(run.id, TIMEOUT)
        self.result = work / f".{_slug(run.id)}.json"
        assert run.call is not None
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            report: dict[str, Any]
            try:
                os.setpgid(0, 0)
                null = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(null, fd)
                _limits(_vm_size() + (run.memory or API_MEMORY), run.cpu)()
                os.chdir(work)
                value = run.call(work)
                report = {"code": "ok", "status": "ok", "detail": repr(value)[:200]}
            except lawcode.LawcodeError as e:
                report = {"code": "error", "status": type(e).__name__, "message": _message(e)}
            except BaseException as e:  # the contract: nothing but LawcodeError
                report = {"code": "crash", "status": type(e).__name__, "message": _message(e),
                          "detail": "".join(traceback.format_exception(e, limit=-3))[-1500:]}
            try:
                self.result.write_text(json.dumps(report), encoding="utf-8")
            finally:
                os._exit(0)
        self.pid = pid
        self.start = time.monotonic()

    def outcome(self, timed_out: bool) -> Outcome:
        seconds = time.monotonic() - self.start
        if timed_out:
            return Outcome(self.hung, None, seconds)
        try:
            report = json.loads(self.result.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            code = self.exit_code()
            reason = _signal_name(code) if code < 0 else f"exit {code}"
            if reason == "SIGXCPU":
                return Outcome("killed: CPU limit", None, seconds)
            return Outcome(f"died ({reason}) without a result", None, seconds)
        message = report.get("message", {"text": "", "size": 0})
        return Outcome(report["status"], report["code"], seconds, "", message["text"], message["size"],
                       report.get("detail", ""))


def _message(error: BaseException) -> dict[str, Any]:
    try:
        text = str(error)
    except BaseException as e:  # the message itself may be what breaks
        return {"text": f"<str() of the error raised {type(e).__name__}>", "size": 0}
    return {"text": text[: 1 << 20], "size": len(text)}


SESSION_CONFTEST = '''
import json, pathlib
LOG = pathlib.Path(__file__).with_name("reports.jsonl")

def _log(**record):
    with LOG.open("a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\\n")

def pytest_collectreport(report):
    if report.failed:
        _log(nodeid=report.nodeid, when="collect", outcome="failed", text=report.longreprtext[:100000],
             size=len(report.longreprtext))

def pytest_runtest_logreport(report):
    if report.when == "call" or report.outcome != "passed":
        _log(nodeid=report.nodeid, when=report.when, outcome=report.outcome, text=report.longreprtext[:100000],
             size=len(report.longreprtext))
'''
BIND = ("from pathlib import Path\nfrom lawcode.review.pytest_plugin import bind_features\n"
        "bind_features(globals(), Path(__file__).parent / {folder!r})\n")


class _SessionJob(_Job):
    """One pytest session binding the folders of several feature cases, each in its own test module."""

    def __init__(self, key: str, runs: list[Run], root: Path):
        super().__init__(key, SESSION_TIMEOUT)
        self.dir = root / "sessions" / _slug(key)
        self.dir.mkdir(parents=True)
        (self.dir / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        (self.dir / "conftest.py").write_text(SESSION_CONFTEST, encoding="utf-8")
        for run in runs:
            module = _module(run)
            shutil.copytree(run.case, self.dir / module, ignore=shutil.ignore_patterns("expected.txt"), symlinks=True)
            if run.make:
                GENERATORS[run.make](self.dir / module)
            (self.dir / f"test_{module}.py").write_text(BIND.format(folder=module), encoding="utf-8")
        self.out = self.dir / "session.out"
        env = {k: v for k, v in os.environ.items() if k not in ("LAWCODE_DEBUG", "PYTEST_ADDOPTS")}
        with self.out.open("wb") as out:
            proc = subprocess.Popen([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                     "--continue-on-collection-errors", "-o", "console_output_style=classic"],
                                    cwd=self.dir, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                    env=env, preexec_fn=_limits(SESSION_MEMORY, SESSION_CPU), start_new_session=True)
        self.pid = proc.pid
        proc.returncode = 0
        self.start = time.monotonic()

    def reports(self) -> list[dict[str, Any]]:
        log = self.dir / "reports.jsonl"
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]


def _module(run: Run) -> str:
    return "case_" + _slug(run.name)


def _slug(text: str) -> str:
    return re.sub(r"\W+", "_", text).strip("_")


def _pytest_outcome(run: Run, job: _SessionJob, timed_out: bool) -> Outcome:
    """The part of a session about one case: its module's collection, ok.feature and bad.feature."""
    seconds = time.monotonic() - job.start
    if timed_out:
        return Outcome(job.hung.replace("hang", "hang of the session"), None, seconds)
    code = job.exit_code()
    if code < 0:
        reason = {"SIGXCPU": f"CPU limit ({SESSION_CPU} s)", "SIGKILL": "killed"}.get(_signal_name(code),
                                                                                      _signal_name(code))
        return Outcome(f"session killed: {reason}", None, seconds)
    module = f"test_{_module(run)}.py"
    mine = [r for r in job.reports() if r["nodeid"].split("::")[0] == module]
    collect = [r for r in mine if r["when"] == "collect"]
    if collect:
        text = collect[0]["text"]
        kind = re.findall(r"^E\s+(\w+(?:Error|Exception))\b", text, re.M)
        return Outcome(f"collection error ({kind[-1] if kind else 'see message'}): no scenario of the folder runs",
                       "collection error", seconds, "", text, collect[0]["size"])
    ok = [r for r in mine if "__ok__" in r["nodeid"]]
    bad = [r for r in mine if "__ok__" not in r["nodeid"]]
    if not ok or any(r["outcome"] != "passed" for r in ok):
        return Outcome("ok.feature did not pass", "ok.feature broken", seconds, "",
                       "\n".join(r["text"] for r in ok), sum(r["size"] for r in ok))
    failed = [r for r in bad if r["outcome"] != "passed"]
    if failed:
        return Outcome("bad.feature fails", "fail", seconds, "", failed[0]["text"], failed[0]["size"])
    return Outcome("bad.feature passes" if bad else "bad.feature yields no test", "pass", seconds)


class _Task:
    """Something to run: one run, or the pytest session of several feature cases."""

    def __init__(self, runs: list[Run], start: Callable[[], _Job]):
        self.runs, self.start = runs, start

    def finish(self, job: _Job, timed_out: bool, outcomes: dict[str, Outcome]) -> None:
        for run in self.runs:
            if isinstance(job, _SessionJob):
                outcome = _pytest_outcome(run, job, timed_out)
                outcome.cpu = job.cpu / len(self.runs)
            else:
                outcome = job.outcome(timed_out)  # type: ignore[attr-defined]
                outcome.cpu = job.cpu
            outcomes[run.id] = outcome


def execute(runs: list[Run], root: Path) -> dict[str, Outcome]:
    """Run everything at once, a few jobs per core, each under its own limits; return how each run ended."""
    works: dict[Path, Path] = {}
    outcomes: dict[str, Outcome] = {}

    def work_of(run: Run) -> Path:
        if run.case is None:
            (root / "api").mkdir(exist_ok=True)
            return root / "api"
        if run.case not in works:
            works[run.case] = _materialise(run, root)
        return works[run.case]

    forked = {r.id for r in runs if r.kind == "cli" and FORK and not (r.env or r.exec)}
    server = _ForkServer(root) if forked else None

    def command(run: Run) -> _Job:
        if server is not None and run.id in forked:
            return _ForkedCommandJob(run, work_of(run), server)
        return _ExecJob(run, work_of(run))

    tasks: list[_Task] = []
    sessions: dict[str, list[Run]] = {}
    # the longest first: the pytest sessions, then the runs known to break the contract (hangs among them)
    for run in sorted(runs, key=lambda r: r.xfail is None):
        if run.kind == "pytest":
            sessions.setdefault(run.id if run.isolate or run.slow else "pytest-shared", []).append(run)
        elif run.kind == "cli":
            tasks.append(_Task([run], lambda run=run: command(run)))
        else:
            tasks.append(_Task([run], lambda run=run: _ApiJob(run, work_of(run))))
    tasks[:0] = [_Task(members, lambda key=key, members=members: _SessionJob(key, members, root))
                 for key, members in sessions.items()]
    active: list[tuple[_Job, _Task]] = []
    try:
        _schedule(tasks, active, outcomes, slots=(os.cpu_count() or 2) + 1)
    finally:
        for job, _ in active:  # only if the scheduler itself failed: leave no process behind
            if not job.poll():
                job.kill()
        if server is not None:
            server.close()
    return outcomes


def _schedule(tasks: list[_Task], active: list[tuple[_Job, _Task]], outcomes: dict[str, Outcome],
              slots: int) -> None:
    """Keep ``slots`` jobs using the CPU (a job that sleeps, hanging, frees its slot) until every task is done."""
    busy, last_watch = 0, 0.0
    while tasks or active:
        while tasks and busy < slots and len(active) < 8 * slots:
            task = tasks.pop(0)
            try:
                active.append((task.start(), task))
                busy += 1
            except Unavailable as e:
                for run in task.runs:
                    outcomes[run.id] = Outcome(f"unavailable: {e}", None, 0.0, skip=str(e))
        time.sleep(0.005)
        now = time.monotonic()
        watching = now - last_watch > 0.1
        if watching:
            last_watch, busy = now, 0
        for entry in list(active):
            job, task = entry
            timed_out = False
            if not job.poll():
                if not watching:
                    continue
                busy += job.watch(now)
                if not job.overdue(now):
                    continue
                job.kill()
                timed_out = True
            task.finish(job, timed_out, outcomes)
            active.remove(entry)
            busy = max(0, busy - 1)


# -- the contract ---------------------------------------------------------------------------------------
def contract_problems(run: Run, outcome: Outcome) -> list[str]:
    """Every way ``outcome`` breaks the contract for ``run`` (empty when it keeps it)."""
    problems = []
    expect = run.expect
    if outcome.code is None:
        return [f"did not finish: {outcome.status}"]
    if outcome.code not in expect.codes:
        want = " or ".join(sorted(expect.codes))
        problems.append(f"expected {want}, got {outcome.status}")
    message = outcome.stderr
    for where in ("Traceback", "internal error"):
        if where in message or where in outcome.stdout:
            problems.append(f"the output shows {where!r}")
    failing = outcome.code in ("2", "error", "fail")
    if failing and expect.where and not any(_names(message, w) for w in expect.where):
        problems.append("the message does not name " + " or ".join(expect.where))
    for text in expect.says:
        if failing and text not in message:
            problems.append(f"the message does not say {text!r}")
    if outcome.size > expect.max_chars:
        problems.append(f"the message has {outcome.size:,} characters (at most {expect.max_chars:,})")
    long_lines = [line for line in message.splitlines() if len(line) > MAX_LINE]
    if long_lines:
        problems.append(f"{len(long_lines)} line(s) of the message exceed {MAX_LINE} characters (the longest has "
                        f"{max(map(len, long_lines)):,})")
    if run.kind != "api":
        for stream, text in (("stdout", outcome.stdout), ("message", message)):
            found = CONTROL.search(text)
            if found:
                problems.append(f"raw control character {found.group()!r} in the {stream}")
    if run.kind == "cli" and outcome.code == "2" and "\n\n" in message.strip():
        problems.append("the message is not one paragraph")
    if run.kind == "cli" and outcome.code == "0" and not outcome.stdout.strip():
        problems.append("exit 0 without an answer on stdout")
    return problems


def _names(message: str, where: str) -> bool:
    """``where`` (a file, a file:line, an argument) appears in ``message``, not as a prefix of a longer number."""
    return re.search(re.escape(where) + r"(?![0-9])", message) is not None


def _excerpt(text: str, limit: int = 400) -> str:
    text = text.strip()
    return repr(text if len(text) <= limit else text[:limit] + " …")


# -- the tests ------------------------------------------------------------------------------------------
def all_runs() -> list[Run]:
    runs = [run for group, case in fixture_cases() for run in _case_runs(group, case)]
    return runs + _api_runs()


RUNS = {run.id: run for run in all_runs()}


def _param(run: Run) -> Any:
    marks: list[Any] = []
    if run.slow:
        marks += [pytest.mark.slow, pytest.mark.skipif(not SLOW, reason="a big generated input: LAWCODE_SLOW=1")]
    if run.xfail:
        marks.append(pytest.mark.xfail(strict=True, reason=run.xfail))
    return pytest.param(run.id, id=run.id, marks=marks)


@pytest.fixture(scope="module")
def outcomes(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Run the hostile inputs of every selected test at once."""
    selected = [item.callspec.params["run_id"] for item in request.session.items
                if getattr(item, "module", None) is request.module
                and "run_id" in getattr(getattr(item, "callspec", None), "params", {})]
    runs = [RUNS[i] for i in dict.fromkeys(selected) if SLOW or not RUNS[i].slow]
    root = tmp_path_factory.mktemp("hostile")
    result = execute(runs, root)
    table = os.environ.get("LAWCODE_HOSTILE_TABLE")
    if table:
        Path(table).write_text(behaviour_table(runs, result), encoding="utf-8")
    return result


@pytest.mark.parametrize("run_id", [_param(run) for run in RUNS.values()])
def test_hostile_input(run_id: str, outcomes: dict[str, Outcome]) -> None:
    run = RUNS[run_id]
    outcome = outcomes[run_id]
    if outcome.skip:
        pytest.skip(outcome.skip)
    problems = contract_problems(run, outcome)
    assert not problems, (f"{run_id} ({run.note}): {outcome.summary()}\n  - " + "\n  - ".join(problems)
                          + f"\n  message: {_excerpt(outcome.stderr)}"
                          + (f"\n  detail: {outcome.detail}" if outcome.detail else ""))


def interface(run: Run) -> str:
    """How a run reaches lawcode, in a few words: `lawcode explain < stdin`, `API load`, `pytest`."""
    if run.kind == "cli":
        text = " ".join(["lawcode", *run.args[:1]])
        if run.stdin:
            text += " < stdin"
        if run.env:
            text += " (" + " ".join(k + "=" + v if v is not None else "-" + k for k, v in run.env.items()) + ")"
        return CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    if run.kind == "pytest":
        return "pytest session"
    return "API " + (run.id.split("::")[1] if "::" in run.id else "call")


def behaviour_table(runs: list[Run], result: dict[str, Outcome]) -> str:
    """Markdown: every run, today's behaviour, and whether it keeps the contract."""
    lines = ["| input | interface | today | contract |", "|---|---|---|---|"]
    for run in runs:
        outcome = result.get(run.id)
        if outcome is None:
            continue
        problems = contract_problems(run, outcome)
        verdict = "kept" if not problems else "BROKEN: " + "; ".join(problems)
        lines.append(f"| {run.id.split('::')[0]} | {interface(run)} | {outcome.summary()} | {verdict} |")
    return "\n".join(lines) + "\n"


# -- the corpus itself ----------------------------------------------------------------------------------
def test_every_case_states_its_expectations() -> None:
    for group, case in fixture_cases():
        expected = case / "expected.txt"
        assert expected.exists(), f"{group}/{case.name} lacks expected.txt"
        assert _description(expected), f"{group}/{case.name}/expected.txt: start with # lines describing the input"
        runs = _case_runs(group, case)
        assert runs, f"{group}/{case.name}/expected.txt names no run"
        for run in runs:
            assert run.expect.codes <= {"0", "2", "ok", "error", "pass", "fail"}, run.id
            if run.expect.codes & {"2", "error", "fail"} and run.kind != "api":
                assert run.expect.where, f"{run.id}: say where the message must point (where = file:line)"
            if run.xfail:
                assert run.xfail.startswith("issue 12: "), f"{run.id}: xfail reasons start with 'issue 12: '"
            if run.make:
                assert run.make in GENERATORS, f"{run.id}: unknown generator {run.make}"
        if group == "features":
            assert (case / "ok.feature").exists(), f"{case.name}: a feature case keeps a valid ok.feature beside"


def test_committed_fixtures_are_small() -> None:
    for path in HERE.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert path.stat().st_size <= 16_384, f"{path}: generate big inputs at test time (GENERATORS)"


def test_the_base_rulebook_is_valid() -> None:
    book = lawcode.load(BASE)
    assert {"person.adult", "person.large_family"} <= set(book.rules)
    assert book.explain("person.adult", dict(BASE_FACTS_VALUES), on=ON).value is True


def test_generators_are_used() -> None:
    used = {run.make for run in RUNS.values() if run.make}
    assert used == set(GENERATORS), f"unused generators: {sorted(set(GENERATORS) - used)}"


@pytest.mark.skipif(not FORK, reason="LAWCODE_HOSTILE_EXEC=1: every command is exec'd already")
def test_the_fork_server_runs_commands_as_the_console_script_does(tmp_path: Path) -> None:
    """Commands run from the fork server end exactly as when the console script is exec'd: same exit status,
    same output, byte for byte (a decision, bad input, an internal error, standard input)."""
    ids = ("facts/yaml_bom::explain", "facts/odd_values::explain", "facts/tag_bool_maybe::explain",
           "facts/json_duplicate_keys::stdin")
    runs = [RUNS[i] for i in ids]
    result = execute(runs + [dataclasses.replace(r, id=r.id + "#exec", exec=True) for r in runs], tmp_path)
    for run in runs:
        forked, execd = result[run.id], result[run.id + "#exec"]
        assert (forked.status, forked.stdout, forked.stderr) == (execd.status, execd.stdout, execd.stderr), run.id
