"""The ``lawcode`` command: explain a decision, check a rulebook.

Every mistake a user can make exits 2 with a located message and no traceback; an
unexpected failure says so plainly (set LAWCODE_DEBUG=1 to see the traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from lawcode import __version__
from lawcode.api import Rulebook, bundled_rules_dir, load, timeline
from lawcode.engine.questions import parse_date_argument
from lawcode.errors import LawcodeError, LawcodeErrors, UsageError, safe_text
from lawcode.review.commands import REVIEW_COMMANDS, add_review_commands

EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 2, 70
# files in src/lawcode/schemas/
SHIPPED_SCHEMAS = ("decision", "timeline", "service", "rules", "acts", "facts", "timeline-events")
SCHEMAS = (*SHIPPED_SCHEMAS, "facts-document")  # facts-document: generated from a rulebook's facts.yaml


EPILOG = """\
legal reviewers:
  lawcode test features/ru              run scenarios: each with its outcome, failures with file:line
                                        and the fix (exit 0 all pass, 1 one fails, 2 bad arguments)
  lawcode check features/               every problem of the rules and features, without running
  lawcode coverage                      which provisions and cases the passing scenarios reach
  lawcode report --report-lang ru       the same as HTML pages in report/, with the explanations
programs:
  lawcode explain conscription.liable_by_age --facts man.yaml --on 2024-04-15 --format json
see 'lawcode COMMAND --help' for each command's options
"""


class _Parser(argparse.ArgumentParser):
    """argparse that raises our UsageError instead of printing and exiting on its own."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, None, f"see '{self.prog} --help'")


def _date_arg(text: str) -> dt.date:
    try:
        return parse_date_argument(text)
    except ValueError as e:  # the message quotes the argument, at most ~80 characters of it
        raise argparse.ArgumentTypeError(str(e)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lawcode", description="Legal rules as executable, explainable specifications.",
                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"lawcode {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def rules_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--rules", metavar="DIR", help="rules directory (default: the bundled rules)")

    ex = sub.add_parser("explain", help="answer a question about a set of facts, with the reasons",
                        description="Answer QUESTION (a rule name) about the facts in FILE and explain why.")
    ex.add_argument("question", metavar="QUESTION", help="a rule name, e.g. conscription.liable_by_age")
    ex.add_argument("--facts", metavar="FILE", required=True, help=FACTS_HELP)
    ex.add_argument("--on", metavar="YYYY-MM-DD", type=_date_arg, help="the question date (default: today)")
    ex.add_argument("--lang", choices=("en", "ru"), default="en", help="language of the explanation")
    ex.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="output format")
    rules_option(ex)

    ck = sub.add_parser("check", help="validate rule files (and feature files) and report every problem",
                        description="Validate a rules directory and, if given, feature files or folders: unknown "
                                    "or ambiguous steps, missing or unknown provision tags. Exit 0 if clean, 2 with "
                                    "every problem listed.")
    ck.add_argument("paths", nargs="*", metavar="FEATURES", help="feature files or folders to check too")
    rules_option(ck)

    sc = sub.add_parser("schema", help="print a JSON Schema: lawcode's formats, or a rulebook's facts documents",
                        description="Print a JSON Schema. decision, rules, acts and facts ship with lawcode; "
                                    "facts-document is generated now from the facts a rulebook declares (--rules), "
                                    "so editors can complete and check facts files for that rulebook.")
    sc.add_argument("name", choices=SCHEMAS, help="which schema")
    rules_option(sc)

    qs = sub.add_parser("questions", help="list the questions (rules) a rulebook answers")
    rules_option(qs)

    tl = sub.add_parser("timeline", help="list the dated legal consequences of a set of facts",
                        description="List every dated legal consequence of the facts in FILE (exit ban, service, "
                                    "measures, lifting, liability) in date order, each with its reason and citations.")
    tl.add_argument("--facts", metavar="FILE", required=True, help=FACTS_HELP)
    tl.add_argument("--on", metavar="YYYY-MM-DD", type=_date_arg, help="the question date (default: today)")
    tl.add_argument("--lang", choices=("en", "ru"), default="en", help="language of the timeline")
    tl.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="output format")
    rules_option(tl)

    bt = sub.add_parser("batch", help="answer questions for many people (JSON Lines, CSV or Parquet)",
                        description="Answer each QUESTION for every row of FILE (JSON Lines: one facts document per "
                                    "line; CSV: empty cell unknown, 'null' did not happen; Parquet: null did not "
                                    "happen, a <fact>.known column marks unknown rows). Output: JSON Lines (a header "
                                    "line naming the rulebook, then one line per row and question), CSV or Parquet, "
                                    "by --out's extension. Bad rows are reported and the run goes on. Exit 0 when "
                                    "every row was processed; 2 on bad arguments or rules, or a bad row with --strict.")
    bt.add_argument("questions", nargs="+", metavar="QUESTION", help="rule names, e.g. summons.served_on")
    bt.add_argument("--facts", metavar="FILE", required=True, help="people.jsonl, people.csv or people.parquet")
    bt.add_argument("--on", metavar="YYYY-MM-DD", type=_date_arg, required=True, help="the question date")
    bt.add_argument("--out", metavar="FILE", help="results.jsonl, .csv or .parquet (default: JSON Lines on stdout)")
    bt.add_argument("--strict", action="store_true", help="stop with exit 2 at the first bad row")
    bt.add_argument("--explain-rows", metavar="N,M", default="",
                    help="write the full explanation (lawcode.decision/2) of these rows too")
    bt.add_argument("--chunk-rows", metavar="N", type=int, default=200_000, help="rows read and answered at a time")
    bt.add_argument("--dask", metavar="ADDRESS", nargs="?", const="local",
                    help="evaluate partitions on the Dask scheduler at ADDRESS (tcp://host:8786); alone, on a "
                         "local cluster started for the run")
    rules_option(bt)

    sv = sub.add_parser("serve", help="serve the JSON API and the page over HTTP (needs lawcode[serve])",
                        description="Serve the rulebook over HTTP: POST /v1/explain, /v1/decide, /v1/timeline; GET "
                                    "/v1/questions, /v1/facts, /v1/rulebook, /openapi.json, /healthz; and a page at /. "
                                    "The rulebook is loaded once; no endpoint changes it. Listens on 127.0.0.1 "
                                    "unless --host says otherwise.")
    rules_option(sv)
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    sv.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sv.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    sv.add_argument("--max-body", type=int, default=64 * 1024, metavar="BYTES",
                    help="largest JSON request body (default 65536)")
    sv.add_argument("--max-facts", type=int, default=100, metavar="N", help="most facts in one request (default 100)")
    sv.add_argument("--max-batch-rows", type=int, default=10_000, metavar="N",
                    help="most people (lines) in one POST /v1/batch (default 10000)")
    sv.add_argument("--max-batch-body", type=int, default=16 * 1024 * 1024, metavar="BYTES",
                    help="largest POST /v1/batch body (default 16777216)")
    sv.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                    help="time one request may compute before it is answered 503 (default 10)")
    sv.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                    help="allow browsers on ORIGIN (e.g. https://example.org) to call the API; repeatable; "
                         "default: none")
    sv.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"),
                    help="log level (default info: one access line per request, never the facts)")

    add_review_commands(sub, rules_option)
    return parser


def _rules(args: argparse.Namespace) -> Rulebook:
    root = Path(args.rules) if args.rules else bundled_rules_dir()
    return load(root)


FACTS_HELP = ("facts document, YAML or JSON ('-' for stdin JSON); at most 2 MB, or the number of bytes in "
              "LAWCODE_MAX_FACTS_BYTES")


def _read_facts(path: str) -> Any:
    from lawcode.rulebook.documents import read_facts_file, read_facts_stream

    if path == "-":
        return read_facts_stream(getattr(sys.stdin, "buffer", sys.stdin))
    return read_facts_file(path)


def cmd_explain(args: argparse.Namespace) -> int:
    from lawcode.engine.facts import validate_facts

    book = _rules(args)
    raw = _read_facts(args.facts)
    facts = validate_facts(book.data, raw, None if args.facts == "-" else args.facts)
    decision = book.explain(args.question, facts, on=args.on, lang=args.lang)
    if args.format == "json":
        print(decision.to_json())
    elif args.format == "markdown":
        print(safe_text(decision.to_markdown()), end="")
    else:
        print(safe_text(str(decision)), end="")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from lawcode.review.features import check_features
    from lawcode.review.vocabulary import Vocabulary
    from lawcode.rulebook.checks import run_checks

    book = _rules(args)
    vocabulary = Vocabulary(book)
    problems: list[Any] = list(vocabulary.problems())
    for p in args.paths:
        if not Path(p).exists():
            raise UsageError(f"no such feature file or folder: {p}", None, "give paths such as features/")
    problems.extend(run_checks(book.data))
    problems.extend(check_features(book, vocabulary, args.paths))
    if problems:
        for problem in problems:
            print(safe_text(str(problem)), file=sys.stderr)
        print(f"lawcode: {len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_BAD_INPUT
    cases = sum(len(r.all_cases()) for r in book.rules.values())
    print(f"{book.root}: OK — {len(book.rules)} rules, {cases} cases, {len(book.facts)} facts, {len(book.acts)} acts")
    for p in args.paths:
        print(f"{p}: OK")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    if args.name == "facts-document":
        from lawcode.rulebook.factschema import facts_document_json

        print(facts_document_json(_rules(args).data), end="")
        return EXIT_OK
    if args.rules:
        raise UsageError(f"--rules applies to the facts-document schema only; {args.name} is the same for every "
                         "rulebook", None, f"leave out --rules, or ask for: lawcode schema facts-document --rules "
                         f"{args.rules}")
    from importlib.resources import files

    print(files("lawcode").joinpath("schemas", f"{args.name}.schema.json").read_text(encoding="utf-8"), end="")
    return EXIT_OK


def cmd_questions(args: argparse.Namespace) -> int:
    book = _rules(args)
    for name in sorted(book.rules):
        rule = book.rules[name]
        print(f"{name}\t{rule.type}\t{rule.title.en}")
    return EXIT_OK


def cmd_timeline(args: argparse.Namespace) -> int:
    from lawcode.engine.facts import validate_facts

    book = _rules(args)
    raw = _read_facts(args.facts)
    facts = validate_facts(book.data, raw, None if args.facts == "-" else args.facts)
    result = timeline(book, facts, on=args.on, lang=args.lang)
    if args.format == "json":
        print(result.to_json())
    elif args.format == "markdown":
        print(result.to_markdown(), end="")
    else:
        print(result.to_text(), end="")
    return EXIT_OK


def cmd_batch(args: argparse.Namespace) -> int:
    from lawcode.batch import run as batch  # numpy and pyarrow only for this command

    book = _rules(args)
    rows = batch.parse_rows(args.explain_rows)
    if args.chunk_rows < 1:
        raise UsageError("--chunk-rows must be at least 1", None, "e.g. --chunk-rows 100000")
    if args.dask:
        from lawcode.batch import dask as on_dask

        on_dask.run_cli(book, args.questions, args.facts, args.on, args.out, args.strict, rows, args.chunk_rows,
                        args.dask, args.rules)
    else:
        batch.run(book, args.questions, args.facts, args.on, args.out, args.strict, rows, args.chunk_rows)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from lawcode.service.server import serve
        from lawcode.service.settings import Settings
    except ImportError as e:
        raise UsageError(f"lawcode serve needs the serve extra ({e.name} is not installed)", None,
                         "pip install 'lawcode[serve]'") from None
    for name in ("port", "workers", "max_body", "max_facts", "max_batch_rows", "max_batch_body"):
        if getattr(args, name) < (0 if name == "port" else 1):
            raise UsageError(f"--{name.replace('_', '-')} must be a positive number", None,
                             "see 'lawcode serve --help'")
    if not args.timeout > 0:
        raise UsageError("--timeout must be a positive number of seconds", None, "e.g. --timeout 10")
    _rules(args)  # a bad rulebook is reported like every other command's (exit 2), before anything listens
    serve(Settings(rules=args.rules, host=args.host, port=args.port, workers=args.workers, max_body=args.max_body,
                   max_facts=args.max_facts, max_batch_rows=args.max_batch_rows,
                   max_batch_body=args.max_batch_body, timeout=args.timeout,
                   cors_origins=tuple(args.cors_origin), log_level=args.log_level))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "batch": cmd_batch,
    "explain": cmd_explain, "check": cmd_check, "questions": cmd_questions, "schema": cmd_schema,
    "timeline": cmd_timeline, "serve": cmd_serve, **REVIEW_COMMANDS,
}


def _speak_utf8() -> None:
    """Write UTF-8 whatever the locale says: Russian text under an ASCII locale is not an error."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    _speak_utf8()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not args.command:  # bad input like any other: a message on stderr saying what to run, exit 2
            parser.print_usage(sys.stderr)
            print("lawcode: no command given: 'lawcode --help' lists the commands, e.g. 'lawcode questions' or "
                  "'lawcode check'", file=sys.stderr)
            return EXIT_BAD_INPUT
        return COMMANDS[args.command](args)
    except LawcodeErrors as e:
        for err in e.errors:
            print(err, file=sys.stderr)
        print(f"lawcode: {len(e.errors)} problem(s) found", file=sys.stderr)
        return EXIT_BAD_INPUT
    except LawcodeError as e:
        print(f"lawcode: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:  # a defect of lawcode itself: say so, without a wall of traceback
        if os.environ.get("LAWCODE_DEBUG"):
            traceback.print_exc()
        print(f"lawcode: internal error: {type(e).__name__}: {e}\n  please report it; "
              "set LAWCODE_DEBUG=1 to see the traceback", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
