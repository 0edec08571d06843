"""Speed of lawcode, measured on demand (`make bench`), never in the test suite.

Targets (issue 2): explain <= 20 us median for conscription.liable_by_age with the full
explanation tree; rulebook load <= 100 ms; `lawcode explain` end to end <= 250 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import lawcode
from lawcode.engine.facts import validate_facts

ROOT = Path(__file__).resolve().parent.parent
FACTS = {"person.sex": "male", "person.birth_date": dt.date(2000, 5, 10)}
ON = dt.date(2024, 4, 15)


def timed(fn: Callable[[], object], repeat: int, number: int) -> list[float]:
    """Seconds per call, one sample per batch of ``number`` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - start) / number)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    scale = 0.2 if args.quick else 1.0

    load = timed(lambda: lawcode.load(), repeat=max(3, int(15 * scale)), number=1)
    book = lawcode.load()
    raw = book.explain("conscription.liable_by_age", FACTS, on=ON)
    assert raw.value is True
    checked = validate_facts(book, FACTS)
    n = max(1000, int(20000 * scale))
    explain_raw = timed(lambda: book.explain("conscription.liable_by_age", FACTS, on=ON), repeat=15, number=n // 15)
    explain_checked = timed(lambda: book.explain("conscription.liable_by_age", checked, on=ON), repeat=15,
                            number=n // 15)
    served = {"summons.handed_over_on": None, "summons.mail_delivered_on": None,
              "summons.posted_to_account_on": None, "summons.placed_in_register_on": dt.date(2024, 4, 1)}
    explain_summons = timed(lambda: book.explain("summons.served_on", served, on=ON), repeat=15, number=n // 15)
    render = timed(lambda: book.explain("conscription.liable_by_age", checked, on=ON).to_json(), repeat=9,
                   number=max(50, int(500 * scale)))
    cli_cmd = [str(Path(sys.executable).parent / "lawcode"), "explain", "conscription.liable_by_age",
               "--facts", str(ROOT / "examples" / "man-born-2000.yaml"), "--on", "2024-04-15", "--format", "json"]
    cli = timed(lambda: subprocess.run(cli_cmd, check=True, capture_output=True), repeat=max(5, int(15 * scale)),
                number=1)

    samples = {
        "rulebook_load_ms": [x * 1e3 for x in load],
        "explain_age_us": [x * 1e6 for x in explain_raw],
        "explain_age_prevalidated_facts_us": [x * 1e6 for x in explain_checked],
        "explain_summons_served_on_us": [x * 1e6 for x in explain_summons],
        "explain_age_plus_json_render_us": [x * 1e6 for x in render],
        "cli_explain_json_ms": [x * 1e3 for x in cli],
    }
    # this machine is shared (steal time): the median is the verdict, the best batch shows the floor
    results = {key: {"median": statistics.median(v), "best": min(v)} for key, v in samples.items()}
    size = {"rules": len(book.rules), "cases": sum(len(r.all_cases()) for r in book.rules.values())}
    targets = {"rulebook_load_ms": 100, "explain_age_us": 20, "cli_explain_json_ms": 250}
    if args.json:
        print(json.dumps({**results, **size}, indent=2))
        return 0
    print(f"{'measure':38} {'median':>10} {'best':>10}")
    for key, value in results.items():
        target = targets.get(key)
        verdict = "" if target is None else (f"  ok (target <= {target})" if value["median"] <= target else
                                             f"  OVER target {target}")
        print(f"{key:38} {value['median']:10.1f} {value['best']:10.1f}{verdict}")
    print(f"rulebook: {size['rules']} rules, {size['cases']} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
