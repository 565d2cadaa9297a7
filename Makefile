# The one place to look for commands. Quick start: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py

.PHONY: install run test lint format fuzz chaos demo bench clean-db screenshots

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

## Start the embedded database (unless DATABASE_URL is set), migrate, load the seed into an
## empty database (never over edited rows), and serve on 127.0.0.1:$(PORT) (make run PORT=8001)
## with the search index writer beside the server (it builds the index if there is none).
PORT ?= 8000
run: install
	$(MANAGE) check_port $(PORT)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_seed
	$(MANAGE) ensure_admin --port $(PORT)
	$(MANAGE) search_indexer & trap "kill $$! 2>/dev/null" EXIT INT TERM; $(MANAGE) runserver 127.0.0.1:$(PORT)

## Lint, format check, Django checks and the whole pytest suite.
test: install lint
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Load the seed plus the PolNeAR corpus into the local database. PolNeAR is test data and does
## not ship: clone https://github.com/networkdynamics/PolNeAR and set POLNEAR to its data folder.
POLNEAR ?= ../shared/corpora/polnear
demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_seed
	$(MANAGE) import_polnear $(POLNEAR)

## Property-based fuzzing of every API operation against the OpenAPI schema.
FUZZ_EXAMPLES ?= 5000
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) TEST_DATABASE_NAME=test_fuzz $(BIN)/pytest tests/api/test_fuzz.py

## Faults under traffic against a production-like server (own PostgreSQL, Redis, gunicorn on
## port 8015); prints a table (README: Reliability). Slow: a few minutes. Needs wrk and
## redis-server (apt-get install -y wrk redis-server).
chaos: install
	$(BIN)/python -m tests.chaos.run

## Benchmark harness: project vs floor vs naive under wrk; see bench/README.md. Needs wrk
## (apt-get install -y wrk) and PostgreSQL (BENCH_DATABASE_URL). BENCH_ARGS=--quick: smoke test.
bench: install
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## The README's screenshots of the site (docs/screenshots/), taken in Chromium on the seed.
screenshots: install
	SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/web/test_browser.py -k screenshots

## Stop the embedded server and delete its data folder.
clean-db: install
	-$(MANAGE) dbserver stop
	rm -rf .data/postgres
