"""The JSON Schemas editors use (src/lawcode/schemas/) agree with lawcode's own loader.

The same rules directories are judged twice: by ``jsonschema`` against ``rules``/``acts``/``facts``
schemas, and by ``lawcode.loading.check_rulebook``. On structural mistakes (unknown or missing keys,
wrong types, values outside a fixed list) both must say "invalid"; on valid files both must say "valid".
Mistakes inside expressions and across files (unknown names, acts or functions, cycles, duplicate ids,
dates in the wrong order) are beyond a JSON Schema: they are listed in LOADER_ONLY, where only the
loader objects and the schema must accept the file.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from lawcode import bundled_rules_dir, load
from lawcode.cli import SHIPPED_SCHEMAS, main
from lawcode.rulebook.factschema import facts_document_json
from lawcode.rulebook.loading import check_rulebook

LOADING = Path(__file__).resolve().parent / "loading"
BASE = Path(__file__).resolve().parent / "checks" / "base"  # acts and facts for the inline cases below

# Fixtures of tests/loading/bad that only the loader can reject, and why a schema cannot.
LOADER_ONLY = {
    "attribute_on_call": "inside an expression", "bad_date_literal": "inside an expression",
    "dunder_import": "inside an expression", "dunder_name": "inside an expression", "lambda": "inside an expression",
    "subscript": "inside an expression", "type_error": "expression types",
    "when_not_condition": "expression types", "unknown_function": "inside an expression",
    "value_type_mismatch": "expression types", "decided_on_not_a_date": "expression types",
    "unknown_fact_did_you_mean": "names across files", "unknown_act": "names across files",
    "unknown_amending_act": "names across files", "cycle": "rules reading each other",
    "rule_defined_twice": "names across files", "duplicate_case_id": "uniqueness of ids in a list",
    "duplicate_key": "YAML duplicate keys: JSON Schema sees only the last one",
    "in_force_until_before_from": "order of two dates", "phrase_fixed_null": "a phrase's value against its fact",
    "folded_expression_error_location": "inside an expression",
    "literal_block_expression_error_location": "inside an expression",
    "impossible_unquoted_date": "a day the calendar does not have (2023-02-29): a pattern cannot tell",
}


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(files("lawcode").joinpath("schemas", f"{name}.schema.json").read_text("utf-8"))
    return loaded


def _plain(value: Any) -> Any:
    """YAML data as an editor's schema validator sees it: unquoted dates are strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k.isoformat() if isinstance(k, dt.date) else k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _kind(path: Path, root: Path) -> str | None:
    if path.parent == root and path.name == "rulebook.yaml":
        return None
    special = {"acts.yaml": "acts", "facts.yaml": "facts", "timeline.yaml": "timeline-events"}
    return special.get(path.name, "rules") if path.parent == root else "rules"


class _EditorLoader(yaml.SafeLoader):
    """YAML as editors read it (the YAML 1.2 core schema): an unquoted date stays a string."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_errors(root: Path) -> list[str]:
    """Every schema violation of the YAML files under ``root`` (a file YAML cannot read counts as one)."""
    errors: list[str] = []
    for path in sorted(root.rglob("*.yaml")):
        kind = _kind(path, root)
        if kind is None:
            continue
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)  # a SafeLoader
        except yaml.YAMLError as e:
            errors.append(f"{path.name}: not YAML: {type(e).__name__}")
            continue
        if data is None:  # an empty file: the loader skips it, an editor has nothing to check
            continue
        validator = jsonschema.Draft7Validator(schema(kind))
        errors += [f"{path.name}: {e.message} at {list(e.absolute_path)}" for e in validator.iter_errors(_plain(data))]
    return errors


def materialise(fixture: Path, tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(fixture, root, ignore=shutil.ignore_patterns("expected.txt", "xfail.txt"))
    for name in ("acts.yaml", "facts.yaml"):
        if not (root / name).exists():
            shutil.copy(LOADING / "base" / name, root / name)
    return root


def _fixtures() -> list[Any]:
    out = []
    for kind in ("good", "bad"):
        for d in sorted((LOADING / kind).iterdir()) if (LOADING / kind).is_dir() else []:
            if d.is_dir():
                out.append(pytest.param(d, id=f"{kind}/{d.name}"))
    return out


def test_schemas_are_valid_json_schemas() -> None:
    for name in SHIPPED_SCHEMAS:
        jsonschema.validators.validator_for(schema(name)).check_schema(schema(name))
    generated = json.loads(facts_document_json(load().data))
    jsonschema.validators.validator_for(generated).check_schema(generated)


@pytest.mark.parametrize("fixture", _fixtures())
def test_schema_and_loader_agree_on_the_loading_fixtures(fixture: Path, tmp_path: Path) -> None:
    root = materialise(fixture, tmp_path)
    try:
        loader_ok = check_rulebook(root) == []
    except Exception as e:  # a known loader defect (the fixture carries xfail.txt): nothing to compare
        assert (fixture / "xfail.txt").exists(), f"the loader crashed: {e!r}"
        pytest.skip(f"the loader crashes on this fixture (a known defect): {e}")
    errors = schema_errors(root)
    if fixture.name in LOADER_ONLY:
        assert not loader_ok and errors == [], f"loader-only ({LOADER_ONLY[fixture.name]}): the schema must accept " \
                                               f"it and the loader refuse it; schema said {errors}"
        return
    assert loader_ok == (errors == []), (
        f"the loader says {'valid' if loader_ok else 'invalid'}, the schema {errors or 'valid'}; "
        "extend the schema, or list the fixture in LOADER_ONLY with the reason")


RULE = """\
rules:
  r.x:
    type: bool
    title: {en: X, ru: Икс}
    cases:
      - id: main
        value: true
        cite: {act: A-1, article: "1"}
        in_force: {from: 2000-01-01}
        explain: {en: because, ru: потому что}
"""


@pytest.mark.parametrize(("old", "new"), [
    ("value: true", "value: true\n        replaces: 3"),
    ('article: "1"', 'artcle: "1"'),
    ('article: "1"', "article: 1.5"),
    ("in_force: {from: 2000-01-01}", "in_force: {from: 2000-01-01, untill: 2001-01-01}"),
    ("type: bool", "type: boolean"),
    ("type: bool", "type: bool\n    phrases: {de: [was]}"),
    ("type: bool", "type: bool\n    values: {}"),
    ("cases:", "combine: latest\n    cases:"),
    ("value: true", "value: 1.5"),
    ("value: true", "value: '   '"),
    ("title: {en: X, ru: Икс}", "title: X"),
    ("id: main", "id: 7"),
])
def test_structural_mistakes_are_refused_by_both(old: str, new: str, tmp_path: Path) -> None:
    root = tmp_path / "rules"
    root.mkdir()
    for name in ("acts.yaml", "facts.yaml"):
        shutil.copy(BASE / name, root / name)
    assert RULE.count(old) == 1
    (root / "r.yaml").write_text(RULE.replace(old, new), encoding="utf-8")
    assert check_rulebook(root) != [], "the loader accepts it"
    assert schema_errors(root) != [], "the schema accepts it"


@pytest.mark.parametrize(("file", "text"), [
    ("acts.yaml", "acts:\n  A-1: {number: А-1, date: 2000-01-01, title: {en: A, ru: А}, url: ftp://x}\n"),
    ("acts.yaml", "acts:\n  A-1: {number: А-1, date: 2000-01-01, title: {en: A, ru: А}}\n"),
    ("facts.yaml", "facts:\n  p.x: {type: bool, meaning: {en: x, ru: икс}, nullable: 'yes'}\n"),
    ("facts.yaml", "facts:\n  p.x: {type: bool, meaning: {en: x, ru: икс}, phrase: [x]}\n"),
])
def test_structural_mistakes_in_acts_and_facts_are_refused_by_both(file: str, text: str, tmp_path: Path) -> None:
    root = tmp_path / "rules"
    root.mkdir()
    for name in ("acts.yaml", "facts.yaml"):
        shutil.copy(BASE / name, root / name)
    (root / file).write_text(text, encoding="utf-8")
    assert check_rulebook(root) != [] and schema_errors(root) != []


def test_bundled_rules_are_valid_for_both() -> None:
    assert schema_errors(bundled_rules_dir()) == []
    assert check_rulebook(bundled_rules_dir()) == []


def test_every_bundled_file_names_its_schema_on_its_first_line() -> None:
    root = bundled_rules_dir()
    schemas = Path(__file__).resolve().parent.parent / "src" / "lawcode" / "schemas"
    for path in sorted(root.rglob("*.yaml")):
        kind = _kind(path, root)
        if kind is None:
            continue
        first = path.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), f"{path}: first line {first!r}"
        target = (path.parent / first[len(prefix):]).resolve()
        assert target == (schemas / f"{kind}.schema.json").resolve(), f"{path} points at {target}"


def _facts_document_schema(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["schema", "facts-document", *args]) == 0
    generated: dict[str, Any] = json.loads(capsys.readouterr().out)
    return generated


def test_generated_facts_document_schema_accepts_the_examples_and_refuses_bad_facts(
        capsys: pytest.CaptureFixture[str]) -> None:
    validator = jsonschema.Draft7Validator(_facts_document_schema(capsys))
    examples = Path(__file__).resolve().parent.parent / "examples"
    for path in sorted(examples.glob("*.yaml")):
        data = _plain(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert [e.message for e in validator.iter_errors(data)] == [], path.name
    assert list(validator.iter_errors({"person.sex": "mle"})), "not a value of the enum"
    assert list(validator.iter_errors({"person.brith_date": "2000-01-01"})), "not a fact"
    assert list(validator.iter_errors({"person.birth_date": "10.05.2000"})), "not an ISO date"
    assert list(validator.iter_errors({"person.birth_date": None})), "not nullable"
    assert not list(validator.iter_errors({"summons.handed_over_on": None})), "nullable"
    assert not (Path(__file__).resolve().parent.parent / "src" / "lawcode" / "schemas" /
                "facts-document.schema.json").exists(), "generated on demand, never committed"


def test_facts_document_schema_follows_the_rulebook_asked_about(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "rules"
    root.mkdir()
    for name in ("acts.yaml", "facts.yaml"):
        shutil.copy(BASE / name, root / name)
    (root / "r.yaml").write_text(RULE, encoding="utf-8")
    generated = _facts_document_schema(capsys, "--rules", str(root))
    assert set(generated["properties"]) == set(load(root).facts)
    assert "event.on" in generated["properties"] and "summons.handed_over_on" not in generated["properties"]


def test_rules_only_applies_to_the_facts_document_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "decision", "--rules", "rules"]) == 2
    assert "--rules applies to the facts-document schema only" in capsys.readouterr().err


@pytest.mark.parametrize("name", SHIPPED_SCHEMAS)
def test_schema_command_prints_each_schema(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", name]) == 0
    assert json.loads(capsys.readouterr().out) == schema(name)
