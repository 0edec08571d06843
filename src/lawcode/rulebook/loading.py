"""Rule files -> model: read a rules directory, validate everything, report every problem at once.

Files: ``rulebook.yaml`` (name, version), ``acts.yaml``, ``facts.yaml`` and any number of
rule files (``**/*.yaml`` with a top-level ``rules:``). Each problem is a located
``RuleFileError``; ``load_rulebook`` raises them together as ``LawcodeErrors``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from lawcode import dates
from lawcode.errors import LawcodeError, LawcodeErrors, Location, RuleFileError, did_you_mean
from lawcode.language import QUESTION_DATE, Expr, Scope, parse_expression
from lawcode.rulebook.facts import check_value
from lawcode.rulebook.located import LocatedDict, LocatedList
from lawcode.rulebook.model import (
    COMBINES,
    LANGS,
    PLACEHOLDER,
    SPECIAL_PLACEHOLDERS,
    Act,
    Case,
    Citation,
    Combine,
    FactDef,
    FactType,
    Period,
    Phrase,
    Quote,
    Rule,
    Rulebook,
    RuleType,
    Status,
    Text,
)
from lawcode.rulebook.yamlsource import load_yaml_file

FACT_TYPES: tuple[str, ...] = tuple(FactType)
RULE_TYPES: tuple[str, ...] = tuple(RuleType)
STATUSES: tuple[str, ...] = tuple(Status)
VALUE_TYPE = {"bool": "bool", "date": "date", "int": "int", "text": "text", "enum": "text", "list": "list"}
SPECIAL_FILES = ("rulebook.yaml", "acts.yaml", "facts.yaml")

ACT_KEYS = {"number": True, "date": True, "title": True, "url": True, "in_force_from": False, "note": False,
            "short": False}
FACT_KEYS = {"type": True, "meaning": True, "values": False, "nullable": False, "phrases": False}
RULE_KEYS = {"type": True, "title": True, "cases": True, "combine": False, "values": False,
             "decided_on": False, "default": False, "phrases": False, "status": False, "note": False}
CASE_KEYS = {"id": True, "when": False, "value": True, "cite": True, "in_force": True, "explain": True,
             "status": False, "note": False, "replaces": False, "quote": False}
CITE_KEYS = {"act": True, "article": False, "part": False, "paragraph": False, "subparagraph": False,
             "amended_by": False, "by_analogy": False}
PERIOD_KEYS = {"from": True, "until": False}


class _Problems:
    """Collects located problems so that a whole rulebook is reported in one pass."""

    def __init__(self) -> None:
        self.errors: list[LawcodeError] = []

    def add(self, message: str, where: Location | None, hint: str | None = None) -> None:
        self.errors.append(RuleFileError(message, where, hint))

    def guard(self, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except LawcodeErrors as e:
            self.errors.extend(e.errors)
        except LawcodeError as e:
            self.errors.append(e)
        return None


def _where(container: Any, key: Any = None) -> Location | None:
    if isinstance(container, LocatedDict):
        return container.value_at(key) if key is not None and key in container else container.location
    if isinstance(container, LocatedList):
        return container.item_at(key) if isinstance(key, int) else container.location
    return None


def _check_keys(p: _Problems, d: Any, spec: Mapping[str, bool], what: str, where: Location | None) -> bool:
    """Report unknown and missing keys of a mapping; False if ``d`` is not a mapping at all."""
    if not isinstance(d, dict):
        p.add(f"{what} must be a mapping of keys to values", where, "keys: " + ", ".join(spec))
        return False
    for key in d:
        if key not in spec:
            loc = d.key_at(key) if isinstance(d, LocatedDict) else where
            p.add(f"unknown key '{key}' in {what}", loc,
                  did_you_mean(str(key), spec) or "allowed keys: " + ", ".join(spec))
    for key, required in spec.items():
        if required and key not in d:
            p.add(f"{what} lacks '{key}'", where, f"add '{key}:'")
    return True


def _text(p: _Problems, value: Any, what: str, where: Location | None) -> Text | None:
    if not isinstance(value, dict):
        p.add(f"{what} must give both languages: {{en: ..., ru: ...}}", where)
        return None
    before = len(p.errors)
    ok = _check_keys(p, value, {lang: True for lang in LANGS}, what, where)
    if len(p.errors) > before and any(k not in LANGS for k in value):
        for e in p.errors[before:]:
            e.hint = (e.hint or "") + "; a comma inside {en: ..., ru: ...} starts a new key: put the text in quotes"
    texts = {lang: value.get(lang) for lang in LANGS}
    for lang, t in texts.items():
        if lang in value and (not isinstance(t, str) or not t.strip()):
            p.add(f"{what} in '{lang}' must be non-empty text", _where(value, lang),
                  "quote it if it looks like a number")
            ok = False
    if not ok or not all(isinstance(t, str) for t in texts.values()):
        return None
    return Text(en=str(texts["en"]), ru=str(texts["ru"]))


def _date(p: _Problems, value: Any, what: str, where: Location | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        p.add(f"{what} must be a date without time", where)
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dates.parse_iso_date(value)
        except ValueError as e:
            p.add(f"{what}: {e}", where, "write dates as YYYY-MM-DD")
            return None
    p.add(f"{what} must be a date YYYY-MM-DD, not {value!r}", where)
    return None


def _word(p: _Problems, value: Any, what: str, where: Location | None) -> str | None:
    """A citation part (article '7.1', paragraph '2'): text or whole number, never a float."""
    if isinstance(value, (bool, float)):
        p.add(f"{what} {value!r} must be quoted", where, f"write \"{value}\" in quotes")
        return None
    if isinstance(value, int | str) and str(value).strip():
        return str(value)
    p.add(f"{what} must be text", where)
    return None


def _phrases(p: _Problems, value: Any, where: Location | None) -> dict[str, tuple[Phrase, ...]]:
    """Phrases per language: "text with {value}", or {"text": fixed value}."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        p.add("phrases must be {en: [...], ru: [...]}", where)
        return {}
    _check_keys(p, value, {lang: False for lang in LANGS}, "phrases", where)
    result: dict[str, tuple[Phrase, ...]] = {}
    for lang in LANGS:
        items = value.get(lang, [])
        if isinstance(items, str | dict):
            items = [items]
        if not isinstance(items, list):
            p.add(f"phrases in '{lang}' must be a list", _where(value, lang))
            continue
        out: list[Phrase] = []
        for i, item in enumerate(items):
            loc = _where(items, i)
            if isinstance(item, str) and item.strip():
                out.append(Phrase(item.strip()))
            elif isinstance(item, dict) and len(item) == 1 and isinstance(next(iter(item)), str):
                text, fixed = next(iter(item.items()))
                out.append(Phrase(text.strip(), True, fixed))
            else:
                p.add("a phrase is a text, or {\"text\": value} for a phrase that sets a fixed value", loc)
        result[lang] = tuple(out)
    return result


def _enum_values(p: _Problems, value: Any, where: Location | None) -> dict[str, Text]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not value:
        p.add("values must map each code to its label {en: ..., ru: ...}", where)
        return {}
    result: dict[str, Text] = {}
    for code, label in value.items():
        t = _text(p, label, f"label of value '{code}'", _where(value, code))
        if t is not None:
            result[str(code)] = t
    return result


# -- acts and facts ---------------------------------------------------------------------------
def _load_acts(p: _Problems, doc: Any, where: Location | None) -> dict[str, Act]:
    acts: dict[str, Act] = {}
    if not _check_keys(p, doc, {"acts": True}, "acts.yaml", where):
        return acts
    body = doc.get("acts")
    if not isinstance(body, dict):
        p.add("'acts' must map act ids to their description", _where(doc, "acts"))
        return acts
    for act_id, spec in body.items():
        loc = _where(body, act_id)
        if not _check_keys(p, spec, ACT_KEYS, f"act '{act_id}'", loc):
            continue
        title = _text(p, spec.get("title"), f"title of act '{act_id}'", _where(spec, "title"))
        date = _date(p, spec.get("date"), f"date of act '{act_id}'", _where(spec, "date"))
        start = spec.get("in_force_from")
        in_force = _date(p, start, f"in_force_from of act '{act_id}'", _where(spec, "in_force_from")) if start else None
        number, url = spec.get("number"), spec.get("url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            p.add(f"url of act '{act_id}' must be an http(s) address", _where(spec, "url"))
            continue
        short = _text(p, spec["short"], f"short name of act '{act_id}'", _where(spec, "short")) \
            if "short" in spec else None
        if title and date and isinstance(number, str):
            acts[str(act_id)] = Act(str(act_id), number, date, title, url, in_force, spec.get("note"), short)
    return acts


def _load_facts(p: _Problems, doc: Any, where: Location | None) -> dict[str, FactDef]:
    facts: dict[str, FactDef] = {}
    if not _check_keys(p, doc, {"facts": True}, "facts.yaml", where):
        return facts
    body = doc.get("facts")
    if not isinstance(body, dict):
        p.add("'facts' must map fact names to their description", _where(doc, "facts"))
        return facts
    for name, spec in body.items():
        loc = body.key_at(name) if isinstance(body, LocatedDict) else where
        if not _check_keys(p, spec, FACT_KEYS, f"fact '{name}'", loc):
            continue
        typ = spec.get("type")
        if typ not in FACT_TYPES:
            p.add(f"fact '{name}' has unknown type {typ!r}", _where(spec, "type"),
                  did_you_mean(str(typ), FACT_TYPES) or "types: " + ", ".join(FACT_TYPES))
            continue
        values = _enum_values(p, spec.get("values"), _where(spec, "values"))
        if typ == "enum" and not values:
            p.add(f"enum fact '{name}' needs values", loc, "add values: {code: {en: ..., ru: ...}}")
        meaning = _text(p, spec.get("meaning"), f"meaning of fact '{name}'", _where(spec, "meaning"))
        nullable = spec.get("nullable", False)
        if not isinstance(nullable, bool):
            p.add("nullable must be true or false", _where(spec, "nullable"))
            nullable = False
        phrases = _phrases(p, spec.get("phrases"), _where(spec, "phrases"))
        if meaning is not None:
            fact = FactDef(str(name), FactType(typ), meaning, values, nullable, phrases, loc)
            for lang, items in phrases.items():
                for phrase in items:
                    problem = check_value(fact, phrase.value)[1] if phrase.fixed else None
                    if problem:
                        p.add(f"phrase '{phrase.text}' ({lang}) sets {phrase.value!r}: {problem}",
                              _where(spec, "phrases"))
            facts[str(name)] = fact
    return facts


# -- rules ------------------------------------------------------------------------------------
def _citation(p: _Problems, spec: Any, acts: Mapping[str, Act], where: Location | None) -> Citation | None:
    if not _check_keys(p, spec, CITE_KEYS, "cite", where):
        return None
    act_id = str(spec.get("act"))
    act = acts.get(act_id)
    if act is None:
        p.add(f"unknown act '{act_id}'", _where(spec, "act"),
              did_you_mean(act_id, acts) or "declare it in acts.yaml")
        return None
    parts = {}
    for key in ("article", "part", "paragraph", "subparagraph"):
        if spec.get(key) is not None:
            parts[key] = _word(p, spec[key], key, _where(spec, key))
    amended = spec.get("amended_by", [])
    if isinstance(amended, str):
        amended = [amended]
    amending: list[Act] = []
    for i, a in enumerate(amended if isinstance(amended, list) else []):
        if str(a) in acts:
            amending.append(acts[str(a)])
        else:
            p.add(f"unknown amending act '{a}'", _where(amended, i), did_you_mean(str(a), acts))
    analogy = bool(spec.get("by_analogy", False))
    return Citation(act, parts.get("article"), parts.get("paragraph"), parts.get("subparagraph"),
                    tuple(amending), analogy, parts.get("part"))


def _period(p: _Problems, spec: Any, where: Location | None) -> Period | None:
    if not _check_keys(p, spec, PERIOD_KEYS, "in_force", where):
        return None
    start = _date(p, spec.get("from"), "in_force 'from'", _where(spec, "from"))
    until = spec.get("until")
    end = _date(p, until, "in_force 'until'", _where(spec, "until")) if until is not None else None
    if start and end and end < start:
        p.add("in_force ends before it starts", _where(spec, "until"))
        return None
    return Period(start, end) if start else None


def _expr(p: _Problems, spec: Any, key: str, scope: Scope) -> Expr | None:
    """The expression under ``key`` of ``spec``, located in its file; problems are collected."""
    lines = spec.lines if isinstance(spec, LocatedDict) else None
    result: Expr | None = p.guard(lambda: parse_expression(spec.get(key), scope, _where(spec, key), lines))
    return result


class _RuleBuilder:
    """Turns one rule's mapping into a ``Rule``; needs every rule's name and type for scoping."""

    def __init__(self, p: _Problems, acts: Mapping[str, Act], scope: Scope):
        self.p, self.acts, self.scope = p, acts, scope
        self.rule_type: Any = None

    def case(self, spec: Any, where: Location | None, rule: str, index: int, is_default: bool) -> Case | None:
        p = self.p
        keys = dict(CASE_KEYS)
        if is_default:
            keys["id"] = False
        if not _check_keys(p, spec, keys, f"case {index + 1} of rule '{rule}'", where):
            return None
        cid = spec.get("id", "default")
        if not isinstance(cid, str) or not cid:
            p.add("case id must be text", _where(spec, "id"))
            return None
        when = None
        if "when" in spec:
            if is_default:
                p.add("the default case applies when no other does; it takes no 'when'", spec.key_at("when"))
            when = _expr(p, spec, "when", self.scope)
            if when is not None and when.type not in ("bool", "any"):
                p.add(f"'when' must be a condition (yes/no), but this gives {when.type}", _where(spec, "when"))
        value = _expr(p, spec, "value", self.scope) if "value" in spec else None
        if value is not None and self.rule_type in VALUE_TYPE and value.type not in (
                VALUE_TYPE[self.rule_type], "any", "null"):
            p.add(f"the value gives {value.type}, but rule '{rule}' is of type {self.rule_type}", _where(spec, "value"),
                  "make the value match the rule's type, or change the rule's type")
            value = None
        cites_raw = spec.get("cite")
        cites_list = cites_raw if isinstance(cites_raw, list) else [cites_raw] if "cite" in spec else []
        cites = [_citation(p, c, self.acts, _where(cites_list, i) if isinstance(cites_list, LocatedList)
                           else _where(spec, "cite")) for i, c in enumerate(cites_list)]
        period = _period(p, spec["in_force"], _where(spec, "in_force")) if "in_force" in spec else None
        explain = _text(p, spec.get("explain"), "explain", _where(spec, "explain"))
        if explain is not None:
            self.placeholders(explain, _where(spec, "explain"))
        status = spec.get("status", "verified")
        if status not in STATUSES:
            p.add(f"unknown status {status!r}", _where(spec, "status"), did_you_mean(str(status), STATUSES)
                  or "status is verified (default) or unverified")
        note = _text(p, spec["note"], "note", _where(spec, "note")) if "note" in spec else None
        if status == "unverified" and note is None:
            p.add("an unverified case needs a note saying what is unverified", where, "add note: {en: ..., ru: ...}")
        if (when is None and "when" in spec) or value is None or period is None or explain is None \
                or any(c is None for c in cites) or not cites or status not in STATUSES:
            return None
        valid_cites = tuple(c for c in cites if c is not None)
        loc = spec.key_at("id") if isinstance(spec, LocatedDict) and "id" in spec else where
        replaces = spec.get("replaces")
        if replaces is not None and not isinstance(replaces, str):
            p.add("replaces must be the id of a case of the same rule", _where(spec, "replaces"))
            return None
        quote = self.quote(spec["quote"], _where(spec, "quote")) if "quote" in spec else None
        return Case(cid, when, value, valid_cites, period, explain, Status(status), note, loc, replaces, quote)

    def quote(self, spec: Any, where: Location | None) -> Quote | None:
        """``quote: {text: the statute's words, source: where they were read}``."""
        if not _check_keys(self.p, spec, {"text": True, "source": True}, "quote", where) \
                or not {"text", "source"} <= set(spec):
            return None
        text, source = spec.get("text"), spec.get("source")
        if not (isinstance(text, str) and text.strip() and isinstance(source, str) and source.strip()):
            self.p.add("quote needs non-empty text and source", where, "quote the statute verbatim and name the source")
            return None
        return Quote(" ".join(text.split()), source.strip())

    def placeholders(self, text: Text, where: Location | None) -> None:
        """Every ``{name}`` in an explanation must be a fact, a rule, or value/on/decided_on."""
        known = [*self.scope.facts, *self.scope.rules, *SPECIAL_PLACEHOLDERS]
        for lang in LANGS:
            for name in PLACEHOLDER.findall(text.get(lang)):
                if name not in known:
                    self.p.add(f"the '{lang}' explanation names an unknown placeholder {{{name}}}", where,
                               did_you_mean(name, known) or "placeholders: fact or rule names, value, on, decided_on")

    def rule(self, name: str, spec: Any, where: Location | None) -> Rule | None:
        p = self.p
        if not _check_keys(p, spec, RULE_KEYS, f"rule '{name}'", where):
            return None
        typ = spec.get("type")
        combine = spec.get("combine", "unique")
        # an `all` list collects its cases' values, so each case may give one element
        self.rule_type = None if combine == "all" else typ
        if typ not in RULE_TYPES and "type" in spec:
            p.add(f"rule '{name}' has unknown type {typ!r}", _where(spec, "type"),
                  did_you_mean(str(typ), RULE_TYPES) or "types: " + ", ".join(RULE_TYPES))
        if combine not in COMBINES:
            p.add(f"unknown combine {combine!r}", _where(spec, "combine"),
                  did_you_mean(str(combine), COMBINES) or "combine: " + ", ".join(COMBINES))
        if combine in ("earliest", "latest") and typ != "date":
            p.add(f"combine '{combine}' needs a rule of type date", _where(spec, "combine"))
        title = _text(p, spec.get("title"), f"title of rule '{name}'", _where(spec, "title"))
        raw_cases = spec.get("cases")
        cases: list[Case | None] = []
        if not isinstance(raw_cases, list) or not raw_cases:
            p.add(f"rule '{name}' needs a list of cases", _where(spec, "cases"))
        else:
            cases = [self.case(c, _where(raw_cases, i), name, i, False) for i, c in enumerate(raw_cases)]
            seen: dict[str, Case] = {}
            for c in cases:
                if c is not None and c.id in seen:
                    p.add(f"duplicate case id '{c.id}' in rule '{name}'", c.location, "give each case its own id")
                elif c is not None:
                    seen[c.id] = c
        default = self.case(spec["default"], _where(spec, "default"), name, len(cases), True) \
            if "default" in spec else None
        relevant = _expr(p, spec, "decided_on", self.scope) \
            if "decided_on" in spec else None
        if relevant is not None and relevant.type not in ("date", "any", "null"):
            p.add(f"decided_on must give a date, but this gives {relevant.type}", _where(spec, "decided_on"),
                  "name the date of the event whose law applies, e.g. summons.placed_in_register_on")
            relevant = None
        values = _enum_values(p, spec.get("values"), _where(spec, "values"))
        phrases = _phrases(p, spec.get("phrases"), _where(spec, "phrases"))
        combination = self.combination(name, spec, str(combine), where)
        if title is None or any(c is None for c in cases) or not cases \
                or typ not in RULE_TYPES or combine not in COMBINES:
            return None
        return Rule(name, RuleType(typ), title, tuple(c for c in cases if c is not None), Combine(combine), values,
                    relevant, default, phrases, where, combination)

    def combination(self, name: str, spec: Any, combine: str, where: Location | None) -> Case | None:
        """A rule-level ``status: unverified`` (with its note) flags the rule's way of combining cases."""
        status = spec.get("status", "verified")
        if status not in STATUSES:
            self.p.add(f"unknown status {status!r}", _where(spec, "status"), "status is verified or unverified")
            return None
        note = _text(self.p, spec["note"], "note", _where(spec, "note")) if "note" in spec else None
        if status != "unverified":
            if note is not None:
                self.p.add("a rule-level note explains an unverified combination; add status: unverified or "
                           "move the note to a case", _where(spec, "note"))
            return None
        if combine not in ("earliest", "latest", "first", "unique"):
            self.p.add(f"status: unverified on a rule flags its combination, which combine '{combine}' does not "
                       "have", _where(spec, "status"), "flag the cases instead")
            return None
        if note is None:
            self.p.add("an unverified rule needs a note saying what is unverified", where,
                       "add note: {en: ..., ru: ...}")
            return None
        always = parse_expression("null", self.scope, _where(spec, "status"))
        return Case(f"combine-{combine}", None, always, (), Period(dt.date.min), note, Status.UNVERIFIED, note,
                    _where(spec, "status"))


def _dependency_order(p: _Problems, rules: Mapping[str, Rule]) -> tuple[str, ...]:
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
    p = _Problems()
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
    acts = _load_acts(p, docs.get(base / "acts.yaml"), Location(display.get(base / "acts.yaml", "acts.yaml")))
    facts = _load_facts(p, docs.get(base / "facts.yaml"), Location(display.get(base / "facts.yaml", "facts.yaml")))
    rule_specs: dict[str, tuple[Any, Location | None]] = {}
    for f in (f for f in files if _is_rule_file(f, base)):
        doc = docs.get(f)
        if doc is None and f in docs and (f.stat().st_size == 0):
            continue
        if doc is None:
            continue
        if not _check_keys(p, doc, {"rules": True}, display[f], Location(display[f], 1, 1)):
            continue
        body = doc.get("rules")
        if not isinstance(body, dict):
            p.add("'rules' must map rule names to rules", _where(doc, "rules"))
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
    )
    builder = _RuleBuilder(p, acts, scope)
    rules: dict[str, Rule] = {}
    for name, (spec, loc) in rule_specs.items():
        rule = builder.rule(name, spec, loc)
        if rule is not None:
            rules[name] = rule
    order = _dependency_order(p, rules)
    if p.errors:
        raise LawcodeErrors(p.errors)
    return Rulebook(acts, facts, rules, version, digest.hexdigest(), str(base), order)


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
