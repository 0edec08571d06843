"""acts.yaml: the legal instruments the rules cite (number, date, entry into force, titles, address)."""

from __future__ import annotations

from typing import Any

from lawcode.errors import Location
from lawcode.rulebook.model import Act
from lawcode.rulebook.reading import Problems, check_keys, place, read_date, read_text

ACT_KEYS = {"number": True, "date": True, "title": True, "url": True, "in_force_from": False, "note": False,
            "short": False}


def load_acts(p: Problems, doc: Any, where: Location | None) -> dict[str, Act]:
    acts: dict[str, Act] = {}
    if not check_keys(p, doc, {"acts": True}, "acts.yaml", where):
        return acts
    body = doc.get("acts")
    if not isinstance(body, dict):
        p.add("'acts' must map act ids to their description", place(doc, "acts"))
        return acts
    for act_id, spec in body.items():
        loc = place(body, act_id)
        if not check_keys(p, spec, ACT_KEYS, f"act '{act_id}'", loc):
            continue
        title = read_text(p, spec.get("title"), f"title of act '{act_id}'", place(spec, "title"))
        date = read_date(p, spec.get("date"), f"date of act '{act_id}'", place(spec, "date"))
        start = spec.get("in_force_from")
        in_force = read_date(p, start, f"in_force_from of act '{act_id}'", place(spec, "in_force_from")) \
            if start else None
        number, url = spec.get("number"), spec.get("url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            p.add(f"url of act '{act_id}' must be an http(s) address", place(spec, "url"))
            continue
        short = read_text(p, spec["short"], f"short name of act '{act_id}'", place(spec, "short")) \
            if "short" in spec else None
        if title and date and isinstance(number, str):
            acts[str(act_id)] = Act(str(act_id), number, date, title, url, in_force, spec.get("note"), short)
    return acts
