"""Provision coverage: which passing scenarios, in which language, reach each case of the rulebook.

A case is covered in a language when a passing scenario in that language applied it in one of its
decisions (directly or as a rule another decision relied on); a case that was only considered and
rejected is not covered. Cases are grouped by the provisions they cite (``Citation.key()``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from attrs import evolve, frozen

from lawcode.api import Rulebook
from lawcode.render.i18n import gettext
from lawcode.review.features import provision_order
from lawcode.review.results import Results, ScenarioResult
from lawcode.rulebook.citations import cite_text
from lawcode.rulebook.model import LANGS, Case, Citation

FORMAT = "lawcode.coverage/1"
LANG_NAMES = {"en": "English", "ru": "Russian"}


@frozen(eq=False)
class CaseCoverage:
    """One case of one rule, and the scenarios that applied it (passing, then failing)."""

    rule: str
    case: Case
    passing: tuple[ScenarioResult, ...]
    failing: tuple[ScenarioResult, ...]

    @property
    def label(self) -> str:
        return f"{self.rule} / {self.case.id}"

    @property
    def where(self) -> str:
        return str(self.case.location) if self.case.location else "?"

    def in_lang(self, lang: str) -> tuple[ScenarioResult, ...]:
        return tuple(s for s in self.passing if s.lang == lang)

    def covered(self, lang: str) -> bool:
        return any(s.lang == lang for s in self.passing)

    def keys(self) -> list[str]:
        return list(dict.fromkeys(c.key() for c in self.case.cite))


@frozen
class Coverage:
    """Coverage of every case of a rulebook by a set of scenario results."""

    book: Rulebook
    results: Results
    cases: tuple[CaseCoverage, ...]
    unknown: tuple[tuple[str, str], ...]  # applied in the results, but not a case of this rulebook
    langs: tuple[str, ...] = LANGS  # the languages counted (a run of --lang ru counts Russian only)

    @property
    def stale(self) -> bool:
        """The results were written for another version of the rules."""
        return self.results.sha256 is not None and self.results.sha256 != self.book.sha256

    def uncovered(self, lang: str) -> list[CaseCoverage]:
        return [c for c in self.cases if not c.covered(lang)]

    def complete(self) -> bool:
        return all(not self.uncovered(lang) for lang in self.langs)

    def provisions(self) -> list[tuple[str, Citation, list[CaseCoverage]]]:
        """(key, the provision, its cases) per provision cited, in the order acts and articles are numbered."""
        groups: dict[str, tuple[Citation, list[CaseCoverage]]] = {}
        for cc in self.cases:
            for c in cc.case.cite:
                bare = evolve(c, amended_by=(), by_analogy=False)
                members = groups.setdefault(bare.key(), (bare, []))[1]
                if cc not in members:
                    members.append(cc)
        return [(k, *groups[k]) for k in sorted(groups, key=provision_order)]

    def summary(self, lang: str) -> tuple[int, int]:
        """(covered, total) cases in ``lang``."""
        return len(self.cases) - len(self.uncovered(lang)), len(self.cases)


def compute(book: Rulebook, results: Results, langs: tuple[str, ...] = LANGS) -> Coverage:
    """Which scenarios of ``results`` applied each case of ``book``, counted in ``langs``."""
    passing: dict[tuple[str, str], list[ScenarioResult]] = {}
    failing: dict[tuple[str, str], list[ScenarioResult]] = {}
    for s in results.scenarios:
        for pair in sorted(s.applied()):
            (passing if s.passed else failing).setdefault(pair, []).append(s)
    known: set[tuple[str, str]] = set()
    cases: list[CaseCoverage] = []
    for rule in book.rules.values():
        for case in rule.all_cases():
            pair = (rule.name, case.id)
            known.add(pair)
            cases.append(CaseCoverage(rule.name, case, tuple(passing.get(pair, ())), tuple(failing.get(pair, ()))))
    unknown = tuple(sorted((set(passing) | set(failing)) - known))
    return Coverage(book, results, tuple(cases), unknown, langs)


# -- rendering --------------------------------------------------------------------------------
def _pct(covered: int, total: int) -> str:
    return f"{100 * covered / total:.0f} %" if total else "-"


def headline(cov: Coverage) -> str:
    """One line: cases covered per language, and the scenarios read."""
    parts = [f"{LANG_NAMES[lang]} {c}/{t} ({_pct(c, t)})" for lang in cov.langs for c, t in [cov.summary(lang)]]
    scenarios = cov.results.scenarios
    passed = sum(s.passed for s in scenarios)
    return (f"{len(cov.cases)} cases of {len(cov.book.rules)} rules covered by passing scenarios: "
            + ", ".join(parts) + f"; {len(scenarios)} scenarios read ({passed} passed)")


def warnings(cov: Coverage, lang: str = "en") -> list[str]:
    """Reasons to distrust the numbers: stale results, failing scenarios, unknown cases."""
    out = []
    if cov.stale:
        out.append(gettext(lang, "the results were written for another version of the rules: run the scenarios "
                                 "again"))
    failed = [s for s in cov.results.scenarios if not s.passed]
    if failed:
        out.append(gettext(lang, "{count} scenario(s) did not pass and count for nothing: {where}").format(
            count=len(failed), where=", ".join(s.where for s in failed[:5]) + (" ..." if len(failed) > 5 else "")))
    if cov.unknown:
        out.append(gettext(lang, "the results apply cases this rulebook does not have: {cases}").format(
            cases=", ".join(f"{r} / {c}" for r, c in cov.unknown)))
    return out


def _count(cc: CaseCoverage, lang: str) -> str:
    n = len(cc.in_lang(lang))
    return f"{lang} {n:>2}" if n else f"{lang}  -"


def to_text(cov: Coverage, summary: bool = False) -> str:
    """A readable table: per provision, each case with its count of passing scenarios per language.

    ``summary`` leaves out the table: only the totals, warnings and the cases not reached.
    """
    lines = ["Provision coverage", headline(cov), ""]
    lines += [f"warning: {w}" for w in warnings(cov)] + ([""] if warnings(cov) else [])
    width = max((len(cc.label) for cc in cov.cases), default=20) + 2
    for key, citation, members in [] if summary else cov.provisions():
        lines.append(f"{key}  {cite_text(citation)}")
        for cc in members:
            mark = " " if all(cc.covered(lang) for lang in cov.langs) else "!"
            counts = "  ".join(_count(cc, lang) for lang in cov.langs)
            lines.append(f" {mark} {cc.label:<{width}}{counts}   {cc.where}")
        lines.append("")
    for lang in cov.langs:
        missing = cov.uncovered(lang)
        if not missing:
            lines.append(f"Every case is reached by a passing {LANG_NAMES[lang]} scenario.")
            continue
        lines.append(f"Not reached by any passing {LANG_NAMES[lang]} scenario ({len(missing)}):")
        lines += [f"  {cc.label:<{width}}{cc.where}" for cc in sorted(missing, key=lambda c: c.where)]
    return "\n".join(lines) + "\n"


def _scenario_json(s: ScenarioResult) -> dict[str, Any]:
    return {"file": s.file, "line": s.line, "name": s.name, "lang": s.lang, "outcome": s.outcome}


def _case_json(cc: CaseCoverage, langs: tuple[str, ...]) -> dict[str, Any]:
    return {
        "rule": cc.rule, "case": cc.case.id, "location": cc.where, "status": cc.case.status,
        "provisions": cc.keys(),
        "covered": {lang: cc.covered(lang) for lang in langs},
        "scenarios": [_scenario_json(s) for s in cc.passing],
        "failing": [_scenario_json(s) for s in cc.failing],
    }


def to_dict(cov: Coverage) -> dict[str, Any]:
    """The ``lawcode.coverage/1`` document."""
    return {
        "format": FORMAT,
        "rulebook": {"version": cov.book.version, "sha256": cov.book.sha256},
        "results": {"source": cov.results.source, "sha256": cov.results.sha256, "stale": cov.stale,
                    "scenarios": len(cov.results.scenarios),
                    "passed": sum(s.passed for s in cov.results.scenarios)},
        "summary": {lang: dict(zip(("covered", "total"), cov.summary(lang), strict=True)) for lang in cov.langs},
        "provisions": [{"key": key, "cite": cite_text(citation), "cases": [f"{cc.rule}/{cc.case.id}" for cc in ms]}
                       for key, citation, ms in cov.provisions()],
        "cases": [_case_json(cc, cov.langs) for cc in cov.cases],
        "uncovered": {lang: [f"{cc.rule}/{cc.case.id}" for cc in cov.uncovered(lang)] for lang in cov.langs},
        "warnings": warnings(cov),
    }


def missing_report(cov: Coverage) -> Iterable[str]:
    """For --require-all: each case lacking a language, with the file:line of the case."""
    for cc in cov.cases:
        langs = [LANG_NAMES[lang] for lang in cov.langs if not cc.covered(lang)]
        if langs:
            yield (f"{cc.where}: case '{cc.case.id}' of rule '{cc.rule}' has no passing scenario in "
                   + " or ".join(langs))
