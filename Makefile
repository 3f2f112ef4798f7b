# Two commands do all the set-up on a fresh machine (Python 3.11+ and make):
#   make demo   builds the demo world and serves it on http://127.0.0.1:8000/
#   make test   runs ruff, mypy and the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test
CHECKED := src tests bench

.PHONY: demo test lint typecheck pytest serve screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(APP_STAMP)

demo: $(APP_STAMP)
	$(BIN)/liaison demo --data-dir var/demo --replace

serve: $(APP_STAMP)
	$(BIN)/liaison serve

lint: $(TEST_STAMP)
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

# One worker process per core (pytest-xdist); each gets its own template databases
# (tests/databases.py), so workers never share a database, a stream or a port.
pytest: $(TEST_STAMP)
	$(BIN)/pytest -n auto --dist worksteal

test: lint typecheck pytest

# Screenshots of the main pages of a small demo world, in var/screenshots/ (needs /usr/bin/chromium).
screenshots: $(TEST_STAMP)
	$(BIN)/python -m tests.web.screenshots var/screenshots

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
