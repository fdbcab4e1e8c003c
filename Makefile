# The few targets people type. Everything installs itself into .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test lint bench install install-dev native migrate demo lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installs come from the lock files (exact versions with hashes), then the project itself
# without resolving anything again.
$(VENV)/.installed: pyproject.toml requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml requirements/dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

## make run: install, migrate, load the demo, then serve on 127.0.0.1:$(PORT) with a worker.
run: demo
	PORT=$(PORT) scripts/run_dev.sh

## make native: compile extraction with mypyc into build/native (a minute; nothing to do while
## its sources are unchanged). The package uses the build only while it matches its sources.
native: install-dev
	$(BIN)/python scripts/build_extraction.py

## make test: install the dev extra, compile extraction and run the whole suite, then the few
## tests that replace a function inside extraction again on its plain Python.
test: install-dev native
	$(BIN)/pytest
	CLAIMS_EXTRACTION_PURE=1 $(BIN)/pytest -q -m plain_python tests/extraction

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## make bench: the benchmarks that need no server; bench/api.py and bench/imports.py need
## PostgreSQL (and Redis for imports) and are run by hand, see the README.
bench: install-dev native
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/ui.py

## make lock: re-resolve requirements/*.txt from pyproject.toml (pins kept where they still fit;
## PIP_COMPILE_ARGS=--upgrade takes the newest releases).
LOCK_ARGS := --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-find-links \
	--no-emit-index-url $(PIP_COMPILE_ARGS)
lock: | $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile $(LOCK_ARGS) -o requirements/base.txt pyproject.toml
	$(BIN)/pip-compile $(LOCK_ARGS) --extra dev -o requirements/dev.txt pyproject.toml
	$(BIN)/pip-compile $(LOCK_ARGS) --extra native -o requirements/native.txt pyproject.toml

clean:
	rm -rf var staticfiles .pytest_cache test-artifacts build/native
