"""Rule files -> model: read a rules directory, validate everything, report every problem at once.

Files: ``rulebook.yaml`` (name, version), ``acts.yaml``, ``facts.yaml``, ``timeline.yaml`` (optional) and
any number of rule files (``**/*.yaml`` with a top-level ``rules:``). Each problem is a located
``RuleFileError``; ``load_rulebook`` raises them together as ``LawcodeErrors``.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lawcode.errors import LawcodeError, LawcodeErrors, Location, RuleFileError
from lawcode.language import QUESTION_DATE, Scope
from lawcode.rulebook.acts import load_acts, load_provisions
from lawcode.rulebook.facts import load_facts
from lawcode.rulebook.located import LocatedDict
from lawcode.rulebook.model import Rule, Rulebook
from lawcode.rulebook.reading import Problems, check_keys, place
from lawcode.rulebook.rules import RULE_TYPES, RuleBuilder
from lawcode.rulebook.timeline import load_timeline
from lawcode.rulebook.yamlsource import load_yaml_file

SPECIAL_FILES = ("rulebook.yaml", "acts.yaml", "facts.yaml", "timeline.yaml")


def _dependency_order(p: Problems, rules: Mapping[str, Rule]) -> tuple[str, ...]:
    """Rules ordered so that each comes after those it reads; a cycle is an error naming it.

    Iterative (a chain of thousands of rules must not exhaust Python's stack).
    """
    order: list[str] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in rules:
        if root in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, list[str]]] = [(root, sorted(d for d in rules[root].reads() if d in rules))]
        state[root] = 1
        path.append(root)
        while stack:
            name, todo = stack[-1]
            if not todo:
                stack.pop()
                path.pop()
                state[name] = 2
                order.append(name)
                continue
            d = todo.pop(0)
            if state.get(d) == 2:
                continue
            if state.get(d) == 1:
                cycle = [*path[path.index(d):], d]
                p.add("rules depend on each other in a cycle: " + " -> ".join(cycle), rules[d].location,
                      "a rule may not, directly or through others, read itself")
                continue
            state[d] = 1
            path.append(d)
            stack.append((d, sorted(x for x in rules[d].reads() if x in rules)))
    return tuple(order)


def _is_rule_file(f: Path, root: Path) -> bool:
    return f.name not in SPECIAL_FILES or f.parent != root


def load_rulebook(root: str | Path) -> Rulebook:
    """Load and validate the rules directory ``root``; raise ``LawcodeErrors`` listing every problem."""
    base = Path(root)
    p = Problems()
    if not base.is_dir():
        raise LawcodeErrors([RuleFileError(f"rules directory not found: {base}", Location(str(base)),
                                           "pass --rules DIR pointing at a folder with acts.yaml and facts.yaml")])
    files = sorted(base.rglob("*.yaml"))  # one walk of the directory serves every step below
    display = _display_names(files)
    digest = hashlib.sha256()
    docs: dict[Path, Any] = {}
    for f in files:
        digest.update(f.relative_to(base).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
        docs[f] = p.guard(functools.partial(load_yaml_file, f, display[f]))
    meta = docs.get(base / "rulebook.yaml")
    version = str(meta.get("version", "0")) if isinstance(meta, dict) else "0"
    for special in ("acts.yaml", "facts.yaml"):
        if not (base / special).exists():
            p.add(f"missing {special}", Location(str(base / special)), f"create {special} in the rules directory")
    acts = load_acts(p, docs.get(base / "acts.yaml"), Location(display.get(base / "acts.yaml", "acts.yaml")))
    provisions = load_provisions(p, docs.get(base / "acts.yaml"), acts)
    facts = load_facts(p, docs.get(base / "facts.yaml"), Location(display.get(base / "facts.yaml", "facts.yaml")))
    rule_specs: dict[str, tuple[Any, Location | None]] = {}
    for f in (f for f in files if _is_rule_file(f, base)):
        doc = docs.get(f)
        if doc is None and f in docs and (f.stat().st_size == 0):
            continue
        if doc is None:
            continue
        if not check_keys(p, doc, {"rules": True}, display[f], Location(display[f], 1, 1)):
            continue
        body = doc.get("rules")
        if not isinstance(body, dict):
            p.add("'rules' must map rule names to rules", place(doc, "rules"))
            continue
        for name, spec in body.items():
            loc = body.key_at(name) if isinstance(body, LocatedDict) else None
            if name in rule_specs:
                p.add(f"rule '{name}' is defined twice (also at {rule_specs[name][1]})", loc)
            elif name in facts:
                p.add(f"'{name}' is both a fact and a rule", loc, "rename the rule")
            elif name == QUESTION_DATE:
                p.add(f"'{QUESTION_DATE}' is reserved for the question date", loc)
            else:
                rule_specs[str(name)] = (spec, loc)
    rule_types = {n: (s.get("type") if isinstance(s, dict) else "any") for n, (s, _) in rule_specs.items()}
    scope = Scope(
        facts={n: ("text" if f.type == "enum" else f.type) for n, f in facts.items()},
        rules={n: ("text" if t == "enum" else str(t) if t in RULE_TYPES else "any") for n, t in rule_types.items()},
        acts={a.id: a.in_force() for a in acts.values()},
    )
    builder = RuleBuilder(p, acts, scope, provisions)
    rules: dict[str, Rule] = {}
    for name, (spec, loc) in rule_specs.items():
        rule = builder.rule(name, spec, loc)
        if rule is not None:
            rules[name] = rule
    order = _dependency_order(p, rules)
    timeline_file = base / "timeline.yaml"
    timeline = load_timeline(p, docs.get(timeline_file), Location(display.get(timeline_file, "timeline.yaml")),
                             facts, rules) if timeline_file in docs else ()
    if p.errors:
        raise LawcodeErrors(p.errors)
    return Rulebook(acts, facts, rules, version, digest.hexdigest(), str(base), order, provisions, timeline)


def _display_names(files: list[Path]) -> dict[Path, str]:
    """Paths as a reviewer knows them: relative to the working directory when possible."""
    names = {}
    cwd = Path.cwd()
    for f in files:
        try:
            names[f] = str(f.resolve().relative_to(cwd))
        except ValueError:
            names[f] = str(f)
    return names


def check_rulebook(root: str | Path) -> list[LawcodeError]:
    """Every problem of a rules directory (empty when clean)."""
    try:
        load_rulebook(root)
    except LawcodeErrors as e:
        return list(e.errors)
    return []
