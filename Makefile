# make demo  - explain a bundled example decision
# make serve - the HTTP API and the page on http://127.0.0.1:8000/ (creates .venv on first use)
# make test  - lint, type-check and run every test (creates .venv on first use)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo serve test lint typecheck unit bench bench-batch bench-batch-big bench-serve report clean catalog differential fuzz

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	$(BIN)/python -m compileall -q src/lawcode
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/lawcode explain conscription.liable_by_age --facts examples/man-born-2000.yaml --on 2024-04-15
	$(BIN)/lawcode explain conscription.liable_by_age --facts examples/man-born-2000.yaml --on 2024-04-15 --lang ru

serve: $(STAMP)
	$(BIN)/lawcode serve

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy --strict src/lawcode

unit: $(STAMP)
	$(BIN)/pytest -q --lawcode-results=out/results.json
	$(BIN)/lawcode coverage --results out/results.json --summary --require-all

test: lint typecheck unit

# Compiles src first: with PYTHONDONTWRITEBYTECODE set (as on our machines) every start would
# otherwise recompile lawcode from source, which is most of `lawcode explain`'s wall time.
# Installs the bench extra (OpenFisca-Core, numpy: the peer and baselines of benchmarks/peers) first.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	$(BIN)/python -m compileall -q src/lawcode
	$(BIN)/python benchmarks/run.py

# Batch speed (issue 10): decide_batch against OpenFisca's batch and hand-written numpy on 1,000,000 fresh
# people (after checking the three agree); then 10,000,000 rows from Parquet through `lawcode batch`, alone
# and on a two-worker LocalCluster (rows/s, peak memory). Files go to /tmp/lawcode-big, not the repository.
bench-batch: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	$(BIN)/python benchmarks/batch.py

bench-batch-big: $(STAMP)
	$(BIN)/python benchmarks/batch_big.py

# Load test of `lawcode serve` (1 and 2 workers) and of OpenFisca's web API serving the peer, on
# 127.0.0.1: 10,000 requests at 32 clients per endpoint (benchmarks/serve_load.py). Never part of make test.
bench-serve: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,bench]'
	$(BIN)/python -m compileall -q src/lawcode
	$(BIN)/python benchmarks/serve_load.py

# Static HTML report of provisions, cases and scenarios (runs the scenarios): report/index.html
report: $(STAMP)
	$(BIN)/lawcode report --out report

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

# Re-extract the engine's sentences and merge them into the Russian catalog (translate new ones by hand).
catalog: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _:2 -k gettext:2 -k N_ --no-default-keywords --omit-header --no-location -o .venv/lawcode.pot .
	$(BIN)/pybabel update -i .venv/lawcode.pot -d src/lawcode/render/locale -D lawcode -l ru --ignore-obsolete --no-fuzzy-matching --width 120
	sed -i -e '/EMAIL@ADDRESS/d' -e '/YEAR-MO-DA/d' -e '/LL@li.org/d' -e '/POT-Creation-Date/d' src/lawcode/render/locale/ru/LC_MESSAGES/lawcode.po

# The differential tests at full size: 100,000 random people per question (minutes, not in make test):
# decide against the explaining evaluator, and the vector back end (decide_batch) against decide and explain.
differential: $(STAMP)
	LAWCODE_DIFFERENTIAL_PEOPLE=100000 $(BIN)/pytest -q tests/test_differential.py tests/test_vector_differential.py

# The fuzz campaign (issue 12): every fuzz target (tests/fuzzing.py) for FUZZ_RUNS inputs each, coverage-guided
# by atheris (the fuzz extra) driving hypothesis; figures in out/fuzz.json (tests/fuzz_campaign.py). About 4 CPU-hours:
# over two hours on 2 cores (instrumented, the rule loader alone took 97 minutes, the feature reader about 75).
FUZZ_RUNS ?= 1000000
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,fuzz]'
	$(BIN)/python tests/fuzz_campaign.py --runs $(FUZZ_RUNS)
