"""The reviewers' commands of ``lawcode``: ``coverage`` and ``report`` (registered by ``cli``).

Kept apart from ``cli`` so the core commands stay short; both read scenario results from
``--results FILE`` or run the scenarios themselves.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawcode.api import Rulebook, bundled_rules_dir, load

if TYPE_CHECKING:  # imported when a review command runs, so that `lawcode explain` starts faster
    from lawcode.review.results import Results

EXIT_OK, EXIT_INCOMPLETE = 0, 2


def add_review_commands(sub: Any, rules_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``coverage`` and ``report`` on the ``lawcode`` sub-command parser."""
    results_help = ("scenario results written by pytest --lawcode-results=FILE (default: run "
                    "tests/test_features.py now)")
    cv = sub.add_parser("coverage", help="which provisions and cases the passing scenarios reach, in en and ru",
                        description="Report, per provision and per case, the passing scenarios that applied it in "
                                    "English and in Russian, and the cases no scenario reaches.")
    cv.add_argument("--results", metavar="FILE", help=results_help)
    cv.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    cv.add_argument("--summary", action="store_true", help="text: only the totals and the cases not reached")
    cv.add_argument("--require-all", action="store_true",
                    help="exit 2 unless every case has a passing scenario in English and in Russian")
    rules_option(cv)

    rp = sub.add_parser("report", help="write a static HTML report of provisions, cases and scenarios",
                        description="Write DIR/index.html: per provision, the encoded cases, the scenarios that "
                                    "test them with their outcome and explanations, and the uncovered cases.")
    rp.add_argument("--results", metavar="FILE", help=results_help)
    rp.add_argument("--out", metavar="DIR", default="report", help="output folder (default: report)")
    rp.add_argument("--lang", choices=("en", "ru"), default="en", help="language of the report")
    rules_option(rp)


def _book_and_results(args: argparse.Namespace) -> tuple[Rulebook, Results]:
    from lawcode.review.results import read_results, run_scenarios

    root = Path(args.rules) if args.rules else bundled_rules_dir()
    book = load(root)
    if args.results:
        return book, read_results(args.results)
    return book, run_scenarios(Path(args.rules) if args.rules else None, root)


def cmd_coverage(args: argparse.Namespace) -> int:
    from lawcode.review.coverage import compute, missing_report, to_dict, to_text, warnings

    book, results = _book_and_results(args)
    cov = compute(book, results)
    if args.format == "json":
        print(json.dumps(to_dict(cov), ensure_ascii=False, indent=2))
    else:
        print(to_text(cov, summary=args.summary), end="")
    if args.require_all and not cov.complete():
        for line in missing_report(cov):
            print(line, file=sys.stderr)
        print("lawcode: not every case has a passing scenario in English and in Russian", file=sys.stderr)
        return EXIT_INCOMPLETE
    if args.format == "json":
        for w in warnings(cov):
            print(f"lawcode: warning: {w}", file=sys.stderr)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from lawcode.review.coverage import compute
    from lawcode.review.report import write_report

    book, results = _book_and_results(args)
    index = write_report(compute(book, results), Path(args.out), args.lang)
    print(f"wrote {index}")
    return EXIT_OK


REVIEW_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"coverage": cmd_coverage, "report": cmd_report}
