"""Rule files -> model: read a rules directory, validate everything, report every problem at once.

Files: ``rulebook.yaml`` (name, version), ``acts.yaml``, ``facts.yaml``, ``timeline.yaml`` (optional) and
any number of rule files (``**/*.yaml`` with a top-level ``rules:``). Each problem is a located
``RuleFileError``; ``load_rulebook`` raises them together as ``LawcodeErrors``.

The directory is read one guarded way (issue 12): a folder without ``acts.yaml`` and ``facts.yaml`` is
refused before it is walked; the walk does not follow symbolic links to folders and skips dot files and
dot folders (``.git``, an editor's lock file ``.#person.yaml``); every ``*.yaml`` is read through
``files.read_input_text`` (regular files only, bounded by ``LAWCODE_MAX_RULE_FILE_BYTES``, UTF-8 with
the bad byte's place), inside the error handling, and the rulebook's digest is taken of the texts read;
a file named ``*.yml`` or ``*.YAML`` is an error that says to rename it (lawcode never ignores a rule
file silently). ``build_rulebook`` makes the rulebook of documents already parsed (the fuzz target feeds
it texts without touching the disk).
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from lawcode.errors import N_, LawcodeError, LawcodeErrors, Location, Message, RuleFileError, UsageError, quote
from lawcode.language import Scope
from lawcode.rulebook.acts import load_acts, load_provisions
from lawcode.rulebook.facts import load_facts
from lawcode.rulebook.files import MB, read_input_text, size_limit
from lawcode.rulebook.located import LocatedDict
from lawcode.rulebook.model import Rule, Rulebook
from lawcode.rulebook.names import name_problem
from lawcode.rulebook.reading import Problems, check_keys, place
from lawcode.rulebook.rules import RULE_TYPES, RuleBuilder
from lawcode.rulebook.timeline import load_timeline
from lawcode.rulebook.yamlsource import load_yaml_text

SPECIAL_FILES = ("rulebook.yaml", "acts.yaml", "facts.yaml", "timeline.yaml")
RULE_FILE = Message(N_("rule file"))
MAX_BYTES_VARIABLE = "LAWCODE_MAX_RULE_FILE_BYTES"
MAX_BYTES = 16 * MB  # the largest rule file; the bundled ones are under 100 KB
MAX_ENTRIES = 100_000  # files and folders a rules directory may hold (the walk stops there)


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


def _shown(text: str) -> str:
    """A path as a message shows it: bytes that are not UTF-8 (kept by the file system as surrogates) escaped."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def rules_path(root: Any) -> Path:
    """The rules directory argument as a path: text, ``os.PathLike`` or bytes; anything else is a usage error."""
    try:
        given = os.fspath(root)
    except TypeError:
        raise UsageError(f"the rules directory must be a path (text or pathlib.Path), not {type(root).__name__}",
                         None, "e.g. lawcode.load('rules')") from None
    return Path(os.fsdecode(given))


def _display_root(base: Path) -> str:
    """The rules directory as a reviewer knows it: relative to the working directory when it is inside it."""
    try:
        return str(Path(os.path.realpath(base)).relative_to(Path.cwd()))
    except (OSError, ValueError, RuntimeError):
        return str(base)


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _walk(base: Path, p: Problems, display: Callable[[str], str]) -> list[str]:
    """The rule files under ``base`` (paths relative to it, ``/``-separated), in a stable order.

    One walk, bounded (``MAX_ENTRIES``): symbolic links to folders are not followed (so the walk stays in
    the rules directory and never reaches /proc); dot files and dot folders (.git, an editor's lock file
    ``.#x.yaml``) are skipped; any other entry named ``*.yaml`` is a rule file whatever it is (a folder, a
    pipe or a device is then refused when read, with its place); a name ending in ``.yml`` or ``.YAML``
    is an error that says to rename it, since a rule file lawcode ignored would be a rule that silently
    does not exist.
    """
    found: list[str] = []
    folders = [""]
    seen = 0
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(base / folder if folder else base) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as e:
            p.add(f"cannot read the folder: {e.strerror or e}", Location(display(folder or ".")))
            continue
        for entry in entries:
            seen += 1
            if seen > MAX_ENTRIES:
                p.add(f"the rules directory holds over {MAX_ENTRIES:,} files and folders: is it really the rules "
                      "directory?", Location(display(".")), "point --rules at the folder with acts.yaml, facts.yaml "
                      "and the rule files")
                return sorted(found, key=lambda f: f.split("/"))
            name = entry.name
            path = f"{folder}/{name}" if folder else name
            if name.startswith("."):
                continue
            stem, dot, extension = name.rpartition(".")
            if dot and stem and extension.lower() in ("yaml", "yml"):
                if extension == "yaml":
                    found.append(path)
                else:
                    p.add(f"'{_shown(name)}' is not read: rule files end in .yaml", Location(display(path)),
                          f"rename it to {_shown(stem)}.yaml")
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                folders.append(path)
    return sorted(found, key=lambda f: f.split("/"))


def _read(base: Path, relative: str, shown: str) -> str:
    """The text of one file of the rules directory, read the one guarded way (``read_input_text``)."""
    path = base / relative
    if os.path.islink(path) and not os.path.exists(path):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        if not os.path.lexists(os.path.join(os.path.dirname(path), target)):
            raise RuleFileError(f"rule file is a symbolic link to {quote(_shown(target))}, which does not exist",
                                Location(shown), "remove the link, or restore the file it points to")
    return read_input_text(path, RULE_FILE, RuleFileError, size_limit(MAX_BYTES_VARIABLE, MAX_BYTES),
                           Message(N_("set {variable} to a larger number of bytes"), variable=MAX_BYTES_VARIABLE),
                           shown)


def read_rules_directory(root: Any) -> tuple[Problems, dict[str, Any], dict[str, str], str, str]:
    """Every file of the rules directory ``root`` read and parsed: the problems so far, the documents (by path
    relative to ``root``; None for a file that could not be read), their display names, the digest of their
    texts, and the directory as given."""
    base = rules_path(root)
    shown_root = _display_root(base)

    def display(relative: str) -> str:
        return _shown(str(Path(shown_root) / relative) if relative != "." else shown_root)

    if not _is_dir(base):
        raise LawcodeErrors([RuleFileError(f"rules directory not found: {_shown(str(base))}",
                                           Location(_shown(str(base))),
                                           "pass --rules DIR pointing at a folder with acts.yaml and facts.yaml")])
    # a folder without acts.yaml and facts.yaml is not a rules directory: say so before walking it (it may be /)
    missing = [name for name in ("acts.yaml", "facts.yaml") if not os.path.lexists(base / name)]
    if missing:
        raise LawcodeErrors([RuleFileError(f"missing {name}", Location(display(name)),
                                           f"is {display('.')} the rules directory? It holds acts.yaml, facts.yaml "
                                           f"and the rule files; create {name} there") for name in missing])
    p = Problems()
    docs: dict[str, Any] = {}
    names: dict[str, str] = {}
    texts: dict[str, str] = {}

    def read(relative: str) -> None:
        names[relative] = display(relative)
        text: str | None = p.guard(functools.partial(_read, base, relative, names[relative]))
        docs[relative] = None if text is None else p.guard(functools.partial(load_yaml_text, text, names[relative]))
        if text is not None:
            texts[relative] = text

    # every rule reads facts and cites acts: without them each rule would be a cascade of unknown names
    for special in ("acts.yaml", "facts.yaml"):
        read(special)
    if p.errors:
        raise LawcodeErrors(p.errors)
    for relative in _walk(base, p, display):
        if relative not in docs:
            read(relative)
    digest = hashlib.sha256()
    for relative in sorted(texts, key=lambda f: f.split("/")):
        digest.update(os.fsencode(relative) + b"\0" + texts[relative].encode("utf-8", "surrogateescape") + b"\0")
    docs = {relative: docs[relative] for relative in sorted(docs, key=lambda f: f.split("/"))}
    return p, docs, names, digest.hexdigest(), str(base)


def load_rulebook(root: str | Path) -> Rulebook:
    """Load and validate the rules directory ``root``; raise ``LawcodeErrors`` listing every problem."""
    p, docs, names, digest, shown = read_rules_directory(root)
    return build_rulebook(p, docs, names, digest, shown)


def build_rulebook(p: Problems, docs: Mapping[str, Any], names: Mapping[str, str], digest: str,
                   root: str) -> Rulebook:
    """The rulebook of parsed documents ``docs`` (by path relative to the rules directory, ``names`` their
    display names); raise ``LawcodeErrors`` with the problems of ``p`` and every new one."""
    meta = docs.get("rulebook.yaml")
    version = str(meta.get("version", "0")) if isinstance(meta, dict) else "0"
    acts = load_acts(p, docs.get("acts.yaml"), Location(names.get("acts.yaml", "acts.yaml")))
    provisions = load_provisions(p, docs.get("acts.yaml"), acts)
    facts = load_facts(p, docs.get("facts.yaml"), Location(names.get("facts.yaml", "facts.yaml")))
    rule_specs: dict[str, tuple[Any, Location | None]] = {}
    for f, doc in docs.items():
        if f in SPECIAL_FILES or doc is None:
            continue
        shown = names.get(f, f)
        if not check_keys(p, doc, {"rules": True}, shown, Location(shown, 1, 1)):
            continue
        body = doc.get("rules")
        if not isinstance(body, dict):
            p.add("'rules' must map rule names to rules", place(doc, "rules"))
            continue
        for name, spec in body.items():
            loc = body.key_at(name) if isinstance(body, LocatedDict) else None
            problem = name_problem(name, "rule", loc)
            if problem is not None:
                p.errors.append(problem)
            elif name in rule_specs:
                p.add(f"rule '{name}' is defined twice (also at {rule_specs[name][1]})", loc)
            elif name in facts:
                p.add(f"'{name}' is both a fact and a rule", loc, "rename the rule")
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
    timeline = load_timeline(p, docs.get("timeline.yaml"), Location(names.get("timeline.yaml", "timeline.yaml")),
                             facts, rules) if "timeline.yaml" in docs else ()
    if p.errors:
        raise LawcodeErrors(p.errors)
    return Rulebook(acts, facts, rules, version, digest, root, order, provisions, timeline)


def check_rulebook(root: str | Path) -> list[LawcodeError]:
    """Every problem of a rules directory (empty when clean)."""
    try:
        load_rulebook(root)
    except LawcodeErrors as e:
        return list(e.errors)
    return []
