"""The fuzz campaign (``make fuzz``): every fuzz target for a million inputs, coverage-guided, and its figures.

Each target (``@fuzz("name")`` in ``tests/test_*fuzz*.py``, see ``tests/fuzzing.py``) runs in a process of
its own: atheris (libFuzzer) mutates byte strings, hypothesis turns each into the target's inputs through
``fuzz_one_input``, and lawcode is instrumented so that inputs reaching new code are kept and mutated
further. Without atheris, random byte strings drive the same ``fuzz_one_input`` (plain hypothesis).
A target's inputs are shared among its tests. A failing input stops that target: libFuzzer writes it to
``out/fuzz/<target>-crash-*`` and the campaign says so; keep a readable form of it under
``tests/fuzz_regressions/<target>/`` with the fix. The figures (inputs run, seconds, failures per target)
go to ``out/fuzz.json``.

    python tests/fuzz_campaign.py [--runs 1000000] [--jobs 2] [TARGET ...]
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "out" / "fuzz"


def discover() -> dict[str, list[str]]:
    """Target name -> its tests as ``module:function`` (importing every fuzz test module)."""
    sys.path.insert(0, str(HERE))
    import fuzzing

    for path in sorted(HERE.glob("test_*fuzz*.py")):
        importlib.import_module(path.stem)
    return {name: [f"{t.__module__}:{t.__name__}" for t in tests] for name, tests in fuzzing.TARGETS.items()}


def run_one(spec: str, runs: int, artifact: str) -> None:
    """In the child: fuzz the test ``module:function`` for ``runs`` inputs (atheris if it imports)."""
    sys.path.insert(0, str(HERE))
    module, function = spec.split(":")
    try:
        import atheris
    except ImportError:
        atheris = None
    if atheris is not None:
        with atheris.instrument_imports(include=["lawcode"]):
            importlib.import_module("lawcode.api")
            importlib.import_module("lawcode.review.vocabulary")
            importlib.import_module("lawcode.review.features")
        target = getattr(importlib.import_module(module), function).hypothesis.fuzz_one_input
        atheris.Setup([sys.argv[0], f"-runs={runs}", f"-artifact_prefix={artifact}", "-print_final_stats=1",
                       "-rss_limit_mb=2048", "-timeout=20"], target)
        atheris.Fuzz()
        return
    target = getattr(importlib.import_module(module), function).hypothesis.fuzz_one_input
    rng = __import__("random").Random(0)
    for _ in range(runs):
        target(rng.randbytes(rng.randrange(1, 512)))
    print(f"Done {runs} runs")


def campaign(targets: dict[str, list[str]], runs: int, jobs: int) -> dict[str, Any]:
    """Run every target's tests in child processes, ``jobs`` at once; the figures per target."""
    OUT.mkdir(parents=True, exist_ok=True)

    def one(name: str, spec: str, share: int) -> dict[str, Any]:
        start = time.perf_counter()
        log = OUT / f"{name}-{spec.split(':')[1]}-{os.getpid()}.log"  # campaigns may run side by side
        with log.open("w") as f:
            done = subprocess.run([sys.executable, __file__, "--child", spec, "--runs", str(share),
                                   "--artifact", str(OUT / f"{name}-")], stdout=f, stderr=subprocess.STDOUT,
                                  cwd=ROOT, check=False)
        text = log.read_text(errors="replace")
        found = re.findall(r"Done (\d+) runs|number_of_executed_units: *(\d+)", text)
        ran = max((int(a or b) for a, b in found), default=0)  # a failure stops libFuzzer before "Done"
        seconds = time.perf_counter() - start
        print(f"{name} {spec}: {ran:,} inputs in {seconds:,.0f} s, exit {done.returncode}", flush=True)
        return {"target": name, "test": spec, "inputs": ran, "seconds": round(seconds, 1),
                "failed": done.returncode != 0, "log": str(log.relative_to(ROOT))}

    work = [(name, spec, -(-runs // len(specs))) for name, specs in targets.items() for spec in specs]
    with ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(lambda w: one(*w), work))
    per_target: dict[str, Any] = {}
    for r in results:
        t = per_target.setdefault(r["target"], {"inputs": 0, "seconds": 0.0, "failures": 0, "tests": []})
        t["inputs"] += r["inputs"]
        t["seconds"] = round(t["seconds"] + r["seconds"], 1)
        t["failures"] += int(r["failed"])
        t["tests"].append(r)
    try:
        import atheris  # noqa: F401

        fuzzer = "atheris (libFuzzer, coverage-guided) driving hypothesis"
    except ImportError:
        fuzzer = "hypothesis fuzz_one_input on random bytes"
    return {"fuzzer": fuzzer, "runs_per_target": runs, "load_average": os.getloadavg(), "targets": per_target}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help="target names (default: all)")
    parser.add_argument("--runs", type=int, default=1_000_000, help="inputs per target (default 1,000,000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="targets run at once")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "fuzz.json", help="the figures (JSON)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--artifact", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.child, args.runs, args.artifact)
        return 0
    targets = discover()
    unknown = set(args.targets) - set(targets)
    if unknown:
        parser.error(f"unknown target(s) {sorted(unknown)}; known: {sorted(targets)}")
    chosen = {n: s for n, s in targets.items() if not args.targets or n in args.targets}
    figures = campaign(chosen, args.runs, args.jobs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n")
    failed = sum(t["failures"] for t in figures["targets"].values())
    print(f"{len(chosen)} targets, {sum(t['inputs'] for t in figures['targets'].values()):,} inputs, "
          f"{failed} failed: {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
