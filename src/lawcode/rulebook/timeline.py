"""timeline.yaml: the dated consequences and key facts a timeline lists, in order, with their labels.

A new dated provision is added to the timeline here, in YAML, with no Python: name the rule (or
fact) that gives the date, and label the event in English and Russian. Events falling on the same
day are listed in this file's order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lawcode.errors import Location, did_you_mean
from lawcode.rulebook.located import LocatedList
from lawcode.rulebook.model import FactDef, FactType, Rule, RuleType, TimelineEntry
from lawcode.rulebook.reading import Problems, check_keys, place, read_text

ENTRY_KEYS = {"event": True, "fact": False, "rule": False, "label": True}


def load_timeline(p: Problems, doc: Any, where: Location, facts: Mapping[str, FactDef],
                  rules: Mapping[str, Rule]) -> tuple[TimelineEntry, ...]:
    if not check_keys(p, doc, {"timeline": True}, "timeline.yaml", where):
        return ()
    body = doc.get("timeline")
    if not isinstance(body, list):
        p.add("'timeline' must be a list of events", place(doc, "timeline"), "- {event: ..., rule: ..., label: ...}")
        return ()
    entries: list[TimelineEntry] = []
    seen: set[str] = set()
    for i, spec in enumerate(body):
        loc = body.item_at(i) if isinstance(body, LocatedList) else where
        if not check_keys(p, spec, ENTRY_KEYS, f"timeline event {i + 1}", loc):
            continue
        event = spec.get("event")
        if not isinstance(event, str) or not event.isidentifier():
            p.add("an event is named by a word such as exit_ban_starts", place(spec, "event"))
            continue
        if event in seen:
            p.add(f"event '{event}' is listed twice", place(spec, "event"))
        seen.add(event)
        label = read_text(p, spec.get("label"), f"label of event '{event}'", place(spec, "label"))
        named = [k for k in ("fact", "rule") if k in spec]
        if len(named) != 1:
            p.add(f"event '{event}' names one fact or one rule that gives its date", loc, "add fact: ... or rule: ...")
            continue
        kind = named[0]
        name = spec[kind]
        known: Mapping[str, Any] = facts if kind == "fact" else rules
        if name not in known:
            p.add(f"unknown {kind} '{name}'", place(spec, kind), did_you_mean(str(name), known))
            continue
        typ = known[name].type
        if typ not in (FactType.DATE, RuleType.DATE):
            p.add(f"{kind} '{name}' gives {typ}, not a date", place(spec, kind), "a timeline lists dates")
            continue
        if label is not None:
            entries.append(TimelineEntry(event, str(name), kind == "fact", label, loc))
    return tuple(entries)
