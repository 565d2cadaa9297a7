# The one place to look for commands. Quick start: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py

.PHONY: install run test lint format fuzz demo bench clean-db

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

## Start the embedded database (unless DATABASE_URL is set), migrate, load the seed, serve,
## with the search index writer beside the server (it builds the index if there is none).
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) loaddata seed
	$(MANAGE) ensure_admin
	$(MANAGE) search_indexer & trap "kill $$! 2>/dev/null" EXIT INT TERM; $(MANAGE) runserver 127.0.0.1:8000

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

## Load the seed plus the PolNeAR corpus (test data, never shipped) into the local database.
POLNEAR ?= ../shared/corpora/polnear
demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) loaddata seed
	$(MANAGE) import_polnear $(POLNEAR)

## Property-based fuzzing of every API operation against the OpenAPI schema.
FUZZ_EXAMPLES ?= 5000
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) TEST_DATABASE_NAME=test_fuzz $(BIN)/pytest tests/api/test_fuzz.py

## Benchmark harness: project vs floor vs naive under wrk; see bench/README.md. Needs wrk
## (apt-get install -y wrk) and PostgreSQL (BENCH_DATABASE_URL). BENCH_ARGS=--quick: smoke test.
bench: install
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## Stop the embedded server and delete its data folder.
clean-db: install
	-$(MANAGE) dbserver stop
	rm -rf .data/postgres
