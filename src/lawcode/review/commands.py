"""The reviewers' commands of ``lawcode``: ``test``, ``coverage`` and ``report`` (registered by ``cli``).

Kept apart from ``cli`` so the core commands stay short. All three choose scenarios the same way
(feature files or folders, ``--tag``, ``--lang``, ``--rules``) and run them with ``runner``;
``coverage`` and ``report`` can read a results file instead (``--results FILE``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawcode.api import Rulebook, bundled_rules_dir, load
from lawcode.errors import UsageError
from lawcode.rulebook.model import LANGS

if TYPE_CHECKING:  # imported when a review command runs, so that `lawcode explain` starts faster
    from lawcode.review.results import Results

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INCOMPLETE = 2
TEST_EXAMPLES = """\
examples:
  lawcode test                              ./features, on the bundled rules
  lawcode test features/ru                  one folder (or name feature files)
  lawcode test ~/review --rules ~/rules     your own features on your own copy of the rules
  lawcode test --tag 53-FZ.31 --lang ru     the Russian scenarios of art. 31 (and of its paragraphs)
  lawcode test --results out/results.json   then: lawcode coverage --results out/results.json
"""


def _scenario_options(p: argparse.ArgumentParser, rules_option: Callable[[argparse.ArgumentParser], None]) -> None:
    p.add_argument("paths", nargs="*", metavar="PATHS",
                   help="feature files or folders (default: ./features, else the features/ folder beside the rules)")
    p.add_argument("--tag", action="append", default=[], metavar="TAG",
                   help="only scenarios tagged TAG, or a provision under it (53-FZ.7_1 takes @53-FZ.7_1.1 too); "
                        "repeat for several")
    p.add_argument("--lang", choices=LANGS, help="only features in this language ('# language: ru' for Russian)")
    rules_option(p)


def add_review_commands(sub: Any, rules_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``test``, ``coverage`` and ``report`` on the ``lawcode`` sub-command parser."""
    ts = sub.add_parser("test", help="run feature files (Gherkin, English or Russian) against the rules",
                        description="Run the scenarios of feature files or folders against a rulebook and list "
                                    "each with its outcome; failures show the file:line of the step and why. "
                                    "Exit 0 if all pass, 1 if a scenario fails, 2 on bad arguments.",
                        formatter_class=argparse.RawDescriptionHelpFormatter,
                        epilog=TEST_EXAMPLES)
    _scenario_options(ts, rules_option)
    ts.add_argument("--results", metavar="FILE",
                    help="also write the results (lawcode.results/1 JSON) for `lawcode coverage --results FILE`")

    results_help = ("read scenario results written by `lawcode test --results FILE` (or pytest "
                    "--lawcode-results=FILE) instead of running the scenarios")
    cv = sub.add_parser("coverage", help="which provisions and cases the passing scenarios reach, in en and ru",
                        description="Run the scenarios (or read --results FILE) and report, per provision and per "
                                    "case, the passing scenarios that applied it in English and in Russian, and the "
                                    "cases no scenario reaches.")
    _scenario_options(cv, rules_option)
    cv.add_argument("--results", metavar="FILE", help=results_help)
    cv.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    cv.add_argument("--summary", action="store_true", help="text: only the totals and the cases not reached")
    cv.add_argument("--require-all", action="store_true",
                    help="exit 2 unless every case has a passing scenario in English and in Russian (with --lang: "
                         "in that language)")

    rp = sub.add_parser("report", help="write a static HTML report of provisions, cases and scenarios",
                        description="Run the scenarios (or read --results FILE) and write DIR/index.html with one "
                                    "page per provision group: the encoded cases, the scenarios that test them with "
                                    "their outcome and explanations, and the uncovered cases. Opens from disk; "
                                    "links to the rule and feature files are relative to DIR.")
    _scenario_options(rp, rules_option)
    rp.add_argument("--results", metavar="FILE", help=results_help)
    rp.add_argument("--out", metavar="DIR", default="report", help="output folder (default: report)")
    rp.add_argument("--report-lang", choices=LANGS, default=None,
                    help="language of the report's own text (default: --lang if given, else en)")


def _rulebook(args: argparse.Namespace) -> tuple[Rulebook, Path]:
    root = Path(args.rules) if args.rules else bundled_rules_dir()
    return load(root), root


def _run(args: argparse.Namespace, book: Rulebook, root: Path, keep: Path | None = None) -> Results:
    from lawcode.review.runner import default_paths, run, select

    paths = args.paths or default_paths(root)
    selection = select(paths, book, args.lang, args.tag)
    return run(selection, Path(args.rules) if args.rules else None, keep)


def _results(args: argparse.Namespace) -> tuple[Rulebook, Results]:
    """The rulebook, and the results to cover: read from --results, or from running the scenarios."""
    from lawcode.review.outcomes import summary_line
    from lawcode.review.results import Results, read_results

    book, root = _rulebook(args)
    if not args.results:
        print("lawcode: running the scenarios ...", file=sys.stderr, flush=True)
        results = _run(args, book, root)
        print(f"lawcode: {summary_line(results)}", file=sys.stderr, flush=True)
        return book, results
    if args.paths:
        raise UsageError("give feature PATHS or --results FILE, not both", None,
                         "--results reads scenarios already run; PATHS runs them now")
    results = read_results(args.results)
    from lawcode.review.features import tag_selects

    kept = tuple(s for s in results.scenarios
                 if (args.lang is None or s.lang == args.lang)
                 and (not args.tag or any(tag_selects(w.lstrip("@"), t) for w in args.tag for t in s.tags)))
    return book, Results(results.rulebook, kept, results.source)


def cmd_test(args: argparse.Namespace) -> int:
    from lawcode.review.outcomes import to_text

    book, root = _rulebook(args)
    results = _run(args, book, root, Path(args.results) if args.results else None)
    print(to_text(results), end="")
    if args.results:
        print(f"results written to {args.results}")
    if not results.scenarios:
        return EXIT_FAILED
    return EXIT_OK if all(s.passed for s in results.scenarios) else EXIT_FAILED


def _langs(args: argparse.Namespace) -> tuple[str, ...]:
    return (args.lang,) if args.lang else LANGS


def cmd_coverage(args: argparse.Namespace) -> int:
    from lawcode.review.coverage import LANG_NAMES, compute, missing_report, to_dict, to_text, warnings

    book, results = _results(args)
    cov = compute(book, results, _langs(args))
    if args.format == "json":
        print(json.dumps(to_dict(cov), ensure_ascii=False, indent=2))
    else:
        print(to_text(cov, summary=args.summary), end="")
    if args.require_all and not cov.complete():
        for line in missing_report(cov):
            print(line, file=sys.stderr)
        print("lawcode: not every case has a passing scenario in "
              + " and in ".join(LANG_NAMES[lang] for lang in cov.langs), file=sys.stderr)
        return EXIT_INCOMPLETE
    if args.format == "json":
        for w in warnings(cov):
            print(f"lawcode: warning: {w}", file=sys.stderr)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from lawcode.review.coverage import compute
    from lawcode.review.report import write_report

    book, results = _results(args)
    index = write_report(compute(book, results, _langs(args)), Path(args.out), args.report_lang or args.lang or "en")
    print(f"wrote {index}")
    return EXIT_OK


REVIEW_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "test": cmd_test, "coverage": cmd_coverage, "report": cmd_report,
}
