# Everything runs from a repo-local virtualenv and node_modules that `make install` creates;
# a fresh clone needs nothing else.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := node_modules/.bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CORPUS := .cache/corpus
# Re-fetched when fetch.sh (which pins the versions) changes.
CORPUS_STAMP := $(CORPUS)/.fetched

.PHONY: install demo test lint typecheck golden contracts bench clean

install: $(PY_STAMP) $(NODE_STAMP) $(CORPUS_STAMP)

$(PY_STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@# An editable install is not byte-compiled (pip compiles wheels); with
	@# PYTHONDONTWRITEBYTECODE set, every run would recompile the package from source.
	$(PY) -m compileall -q abigen
	touch $@

$(NODE_STAMP): package.json package-lock.json
	@# npm ci installs exactly the lock and never rewrites it (a fresh clone stays clean). It
	@# needs a lock recording every platform's optional anvil binary, as npm install writes it.
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Real-world artifacts for tests/corpus (npm registry tarballs; not committed).
$(CORPUS_STAMP): tests/corpus/fetch.sh
	bash tests/corpus/fetch.sh $(CORPUS)
	touch $@

demo: install
	$(PY) contracts/demo.py

# Lint and type checks first, so pytest's summary is the last thing a run prints.
test: install lint typecheck
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check abigen tests contracts
	$(VENV)/bin/ruff format --check abigen tests contracts

typecheck: install
	$(VENV)/bin/mypy abigen
	$(BIN)/pyright --project pyproject.toml abigen

golden: install
	$(PY) tests/golden/regenerate.py

contracts: install
	node contracts/compile.mjs

bench: install
	$(PY) -m compileall -q abigen
	$(PY) tests/bench/bench_calls.py
	$(PY) tests/corpus/bench_generate.py

clean:
	rm -rf $(VENV) node_modules build .mypy_cache .ruff_cache .pytest_cache
