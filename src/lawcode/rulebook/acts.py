"""acts.yaml: the legal instruments the rules cite (number, date, entry into force, titles, address), and the
provisions of them that cases cite by name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lawcode.errors import Location, did_you_mean
from lawcode.rulebook.model import Act, Citation, Status
from lawcode.rulebook.reading import Problems, check_keys, place, read_date, read_text, read_word

CITE_KEYS = {"act": True, "article": False, "part": False, "paragraph": False, "subparagraph": False,
             "amended_by": False, "by_analogy": False}
PROVISION_KEYS = {**CITE_KEYS, "note": False, "status": False, "see": False}
STATUSES: tuple[str, ...] = tuple(Status)
ACT_KEYS = {"number": True, "date": True, "title": True, "url": True, "in_force_from": False, "note": False,
            "short": False}


def load_acts(p: Problems, doc: Any, where: Location | None) -> dict[str, Act]:
    acts: dict[str, Act] = {}
    if not check_keys(p, doc, {"acts": True, "provisions": False}, "acts.yaml", where):
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


def load_provisions(p: Problems, doc: Any, acts: Mapping[str, Act]) -> dict[str, Citation]:
    """acts.yaml's ``provisions:``: citations named once (with a note shown wherever cited, a status, a page
    of the law notes), which cases cite by id instead of repeating them."""
    body = doc.get("provisions") if isinstance(doc, dict) else None
    if body is None:
        return {}
    if not isinstance(body, dict):
        p.add("'provisions' must map provision ids to citations", place(doc, "provisions"))
        return {}
    found: dict[str, Citation] = {}
    for pid, spec in body.items():
        c = citation(p, spec, acts, place(body, pid), provision=str(pid))
        if c is not None:
            found[str(pid)] = c
    return found


def citation(p: Problems, spec: Any, acts: Mapping[str, Act], where: Location | None,
             provisions: Mapping[str, Citation] | None = None, provision: str | None = None) -> Citation | None:
    """A citation written in place (``{act: 53-FZ, article: "31", ...}``) or the id of a named provision;
    with ``provision``, the definition of that named provision (which may carry a note, status, see)."""
    if provisions is not None and isinstance(spec, str):
        found = provisions.get(spec)
        if found is None:
            p.add(f"unknown provision '{spec}'", where,
                  did_you_mean(spec, provisions) or "name a provision of acts.yaml (provisions:), or write the "
                                                    "citation in place: {act: ..., article: ...}")
        return found
    if not check_keys(p, spec, PROVISION_KEYS if provision else CITE_KEYS,
                      f"provision '{provision}'" if provision else "cite", where):
        return None
    act_id = str(spec.get("act"))
    act = acts.get(act_id)
    if act is None:
        p.add(f"unknown act '{act_id}'", place(spec, "act"),
              did_you_mean(act_id, acts) or "declare it in acts.yaml")
        return None
    parts = {}
    for key in ("article", "part", "paragraph", "subparagraph"):
        if spec.get(key) is not None:
            parts[key] = read_word(p, spec[key], key, place(spec, key))
    amended = spec.get("amended_by", [])
    if isinstance(amended, str):
        amended = [amended]
    amending: list[Act] = []
    for i, a in enumerate(amended if isinstance(amended, list) else []):
        if str(a) in acts:
            amending.append(acts[str(a)])
        else:
            p.add(f"unknown amending act '{a}'", place(amended, i), did_you_mean(str(a), acts))
    analogy = bool(spec.get("by_analogy", False))
    note = read_text(p, spec["note"], "note", place(spec, "note")) if "note" in spec else None
    status = spec.get("status", "verified")
    if status not in STATUSES:
        p.add(f"unknown status {status!r}", place(spec, "status"), "status is verified (default) or unverified")
        return None
    if status == "unverified" and note is None:
        p.add("an unverified provision needs a note saying what is unverified", where, "add note: {en: ..., ru: ...}")
    see = see_page(p, spec, where)
    return Citation(act, parts.get("article"), parts.get("paragraph"), parts.get("subparagraph"),
                    tuple(amending), analogy, parts.get("part"), provision, note, Status(status), see)


def see_page(p: Problems, spec: Any, where: Location | None) -> str | None:
    """``see: docs/law/<page>.md#<anchor>``: where the law notes explain it."""
    see = spec.get("see")
    if see is None:
        return None
    if not isinstance(see, str) or not see.strip() or " " in see.strip():
        p.add("see must name a page of the law notes, e.g. docs/law/exit-ban.md#art-7-1-1", place(spec, "see"))
        return None
    return see.strip()
