"""Rule files: each rule's cases, citations, periods in force and expressions, checked and built."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from lawcode.errors import Location, did_you_mean
from lawcode.language import Expr, Scope, parse_expression
from lawcode.rulebook.acts import citation, see_page
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
    Period,
    Quote,
    Rule,
    RuleType,
    Status,
    Text,
)
from lawcode.rulebook.reading import (
    Problems,
    check_keys,
    place,
    read_date,
    read_phrases,
    read_text,
    read_values,
)

RULE_TYPES: tuple[str, ...] = tuple(RuleType)
STATUSES: tuple[str, ...] = tuple(Status)
VALUE_TYPE = {"bool": "bool", "date": "date", "int": "int", "text": "text", "enum": "text", "list": "list"}
RULE_KEYS = {"type": True, "title": True, "cases": True, "combine": False, "values": False,
             "decided_on": False, "default": False, "phrases": False, "status": False, "note": False,
             "reasoning": False, "see": False}
CASE_KEYS = {"id": True, "when": False, "value": True, "cite": True, "in_force": False, "explain": True,
             "status": False, "note": False, "replaces": False, "quote": False, "reasoning": False,
             "does_not_apply": False, "see": False}
PERIOD_KEYS = {"from": False, "until": False}


def _period(p: Problems, spec: Any, where: Location | None, default: dt.date | None) -> Period | None:
    """``in_force: {from, until}``; ``from`` defaults to the entry into force of the act the case cites."""
    if not check_keys(p, spec, PERIOD_KEYS, "in_force", where):
        return None
    if "from" not in spec and default is None:
        p.add("in_force lacks 'from'", where, "add 'from:', or cite the act whose entry into force starts it")
        return None
    start = read_date(p, spec["from"], "in_force 'from'", place(spec, "from")) if "from" in spec else default
    until = spec.get("until")
    end = read_date(p, until, "in_force 'until'", place(spec, "until")) if until is not None else None
    if start and end and end < start:
        p.add("in_force ends before it starts", place(spec, "until"))
        return None
    return Period(start, end, place(spec, "from") if "from" in spec else where) if start else None


def _expr(p: Problems, spec: Any, key: str, scope: Scope, where: Location | None = None) -> Expr | None:
    """The expression under ``key`` of ``spec``, located in its file; problems are collected."""
    lines = spec.lines if isinstance(spec, LocatedDict) else None
    at = where or place(spec, key)
    result: Expr | None = p.guard(lambda: parse_expression(spec.get(key), scope, at, lines))
    return result


class RuleBuilder:
    """Turns one rule's mapping into a ``Rule``; needs every rule's name and type for scoping."""

    def __init__(self, p: Problems, acts: Mapping[str, Act], scope: Scope, provisions: Mapping[str, Citation]):
        self.p, self.acts, self.scope, self.provisions = p, acts, scope, provisions
        self.rule_type: Any = None
        self.rule_values: Mapping[str, Text] = {}

    def case(self, spec: Any, where: Location | None, rule: str, index: int, is_default: bool) -> Case | None:
        p = self.p
        keys = dict(CASE_KEYS)
        if is_default:
            keys["id"] = False
        if not check_keys(p, spec, keys, f"case {index + 1} of rule '{rule}'", where):
            return None
        cid = spec.get("id", "default")
        if not isinstance(cid, str) or not cid:
            p.add("case id must be text", place(spec, "id"))
            return None
        when = None
        if "when" in spec:
            if is_default:
                p.add("the default case applies when no other does; it takes no 'when'", spec.key_at("when"))
            when = _expr(p, spec, "when", self.scope)
            if when is not None and when.type not in ("bool", "any"):
                p.add(f"'when' must be a condition (yes/no), but this gives {when.type}", place(spec, "when"))
        value = self.value(spec) if "value" in spec else None
        if value is not None and self.rule_type in VALUE_TYPE and value.type not in (
                VALUE_TYPE[self.rule_type], "any", "null"):
            p.add(f"the value gives {value.type}, but rule '{rule}' is of type {self.rule_type}", place(spec, "value"),
                  "make the value match the rule's type, or change the rule's type")
            value = None
        cites_raw = spec.get("cite")
        cites_list = cites_raw if isinstance(cites_raw, list) else [cites_raw] if "cite" in spec else []
        cites = [citation(p, c, self.acts, place(cites_list, i) if isinstance(cites_list, LocatedList)
                          else place(spec, "cite"), self.provisions) for i, c in enumerate(cites_list)]
        first = cites[0] if cites else None
        default_start = first.wording.in_force() if first is not None else None
        if any(c is None for c in cites) and "in_force" not in spec:
            period = None  # the citation's own problem is reported; its default period cannot be known
        else:
            period = _period(p, spec.get("in_force", {}), place(spec, "in_force") if "in_force" in spec else where,
                             default_start)
        explain = read_text(p, spec.get("explain"), "explain", place(spec, "explain"))
        if explain is not None:
            self.placeholders(explain, place(spec, "explain"))
        not_applied = read_text(p, spec["does_not_apply"], "does_not_apply", place(spec, "does_not_apply")) \
            if "does_not_apply" in spec else None
        if not_applied is not None:
            self.placeholders(not_applied, place(spec, "does_not_apply"))
        reasoning = read_text(p, spec["reasoning"], "reasoning", place(spec, "reasoning")) \
            if "reasoning" in spec else None
        status = spec.get("status", "verified")
        if status not in STATUSES:
            p.add(f"unknown status {status!r}", place(spec, "status"), did_you_mean(str(status), STATUSES)
                  or "status is verified (default) or unverified")
        note = read_text(p, spec["note"], "note", place(spec, "note")) if "note" in spec else None
        # an unverified provision flags every case citing it, with its note
        flagged = [c for c in cites if c is not None and c.status == Status.UNVERIFIED]
        if flagged and status == "verified":
            status = "unverified"
        if flagged:
            notes = [n for n in (note, *(c.note for c in flagged)) if n is not None]
            note = Text(" ".join(dict.fromkeys(n.en for n in notes)), " ".join(dict.fromkeys(n.ru for n in notes))) \
                if notes else None
        if status == "unverified" and note is None:
            p.add("an unverified case needs a note saying what is unverified", where, "add note: {en: ..., ru: ...}")
        if (when is None and "when" in spec) or value is None or period is None or explain is None \
                or any(c is None for c in cites) or not cites or status not in STATUSES:
            return None
        valid_cites = tuple(c for c in cites if c is not None)
        loc = spec.key_at("id") if isinstance(spec, LocatedDict) and "id" in spec else where
        replaces = spec.get("replaces")
        if replaces is not None and not isinstance(replaces, str):
            p.add("replaces must be the id of a case of the same rule", place(spec, "replaces"))
            return None
        quote = self.quote(spec["quote"], place(spec, "quote")) if "quote" in spec else None
        given = isinstance(spec.get("in_force"), dict) and "from" in spec["in_force"]
        return Case(cid, when, value, valid_cites, period, explain, Status(status), note, loc, replaces, quote,
                    reasoning, not_applied, see_page(p, spec, where), given)

    def value(self, spec: Any) -> Expr | None:
        """A case's value; for a rule with named values, a bare code (``in_person``) is that code, not a name."""
        raw = spec.get("value")
        if isinstance(raw, str) and raw.strip() in self.rule_values:
            return _expr(p=self.p, spec={"value": f'"{raw.strip()}"'}, key="value", scope=self.scope,
                         where=place(spec, "value"))
        return _expr(self.p, spec, "value", self.scope)

    def quote(self, spec: Any, where: Location | None) -> Quote | None:
        """``quote: {text: the statute's words, source: where they were read}``."""
        if not check_keys(self.p, spec, {"text": True, "source": True}, "quote", where) \
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
        if not check_keys(p, spec, RULE_KEYS, f"rule '{name}'", where):
            return None
        typ = spec.get("type")
        combine = spec.get("combine", "unique")
        # an `all` list collects its cases' values, so each case may give one element; an unknown type (even a
        # list or a mapping, which YAML allows) is reported below and checks no value
        self.rule_type = None if combine == "all" or typ not in RULE_TYPES else typ
        if typ not in RULE_TYPES and "type" in spec:
            p.add(f"rule '{name}' has unknown type {typ!r}", place(spec, "type"),
                  did_you_mean(str(typ), RULE_TYPES) or "types: " + ", ".join(RULE_TYPES))
        if combine not in COMBINES:
            p.add(f"unknown combine {combine!r}", place(spec, "combine"),
                  did_you_mean(str(combine), COMBINES) or "combine: " + ", ".join(COMBINES))
        if combine in ("earliest", "latest") and typ != "date":
            p.add(f"combine '{combine}' needs a rule of type date", place(spec, "combine"))
        title = read_text(p, spec.get("title"), f"title of rule '{name}'", place(spec, "title"))
        values = read_values(p, spec.get("values"), place(spec, "values"))
        self.rule_values = values
        raw_cases = spec.get("cases")
        cases: list[Case | None] = []
        if not isinstance(raw_cases, list) or not raw_cases:
            p.add(f"rule '{name}' needs a list of cases", place(spec, "cases"))
        else:
            cases = [self.case(c, place(raw_cases, i), name, i, False) for i, c in enumerate(raw_cases)]
            seen: dict[str, Case] = {}
            for c in cases:
                if c is not None and c.id in seen:
                    p.add(f"duplicate case id '{c.id}' in rule '{name}'", c.location, "give each case its own id")
                elif c is not None:
                    seen[c.id] = c
        default = self.case(spec["default"], place(spec, "default"), name, len(cases), True) \
            if "default" in spec else None
        relevant = _expr(p, spec, "decided_on", self.scope) \
            if "decided_on" in spec else None
        if relevant is not None and relevant.type not in ("date", "any", "null"):
            p.add(f"decided_on must give a date, but this gives {relevant.type}", place(spec, "decided_on"),
                  "name the date of the event whose law applies, e.g. summons.placed_in_register_on")
            relevant = None
        phrases = read_phrases(p, spec.get("phrases"), place(spec, "phrases"))
        combination = self.combination(name, spec, str(combine), where)
        reasoning = read_text(p, spec["reasoning"], "reasoning", place(spec, "reasoning")) \
            if "reasoning" in spec else None
        if title is None or any(c is None for c in cases) or not cases \
                or typ not in RULE_TYPES or combine not in COMBINES:
            return None
        return Rule(name, RuleType(typ), title, tuple(c for c in cases if c is not None), Combine(combine), values,
                    relevant, default, phrases, where, combination, reasoning, see_page(p, spec, where))

    def combination(self, name: str, spec: Any, combine: str, where: Location | None) -> Case | None:
        """A rule-level ``status: unverified`` (with its note) flags the rule's way of combining cases."""
        status = spec.get("status", "verified")
        if status not in STATUSES:
            self.p.add(f"unknown status {status!r}", place(spec, "status"), "status is verified or unverified")
            return None
        note = read_text(self.p, spec["note"], "note", place(spec, "note")) if "note" in spec else None
        if status != "unverified":
            if note is not None:
                self.p.add("a rule-level note explains an unverified combination; add status: unverified or "
                           "move the note to a case", place(spec, "note"))
            return None
        if combine not in ("earliest", "latest", "first", "unique"):
            self.p.add(f"status: unverified on a rule flags its combination, which combine '{combine}' does not "
                       "have", place(spec, "status"), "flag the cases instead")
            return None
        if note is None:
            self.p.add("an unverified rule needs a note saying what is unverified", where,
                       "add note: {en: ..., ru: ...}")
            return None
        always = parse_expression("null", self.scope, place(spec, "status"))
        return Case(f"combine-{combine}", None, always, (), Period(dt.date.min), note, Status.UNVERIFIED, note,
                    place(spec, "status"))
