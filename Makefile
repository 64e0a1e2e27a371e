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
# geth and go-ethereum's abigen, built from their Go module into the ignored tool folder. Go's
# module and build caches (GOMODCACHE, GOCACHE: under $HOME) are reused between builds.
GO ?= go
GETH_VERSION := v1.17.10
TOOLS := .cache/tools
GETH_STAMP := $(TOOLS)/.geth-$(GETH_VERSION)
# go-ethereum's accounts/abi as a test oracle for our codec (tests/goabi, same pinned version).
GOABI := $(TOOLS)/bin/goabi
GOABI_SRC := tests/goabi/main.go tests/goabi/go.mod tests/goabi/go.sum

.PHONY: install demo test lint typecheck golden contracts bench clean

install: $(PY_STAMP) $(NODE_STAMP) $(CORPUS_STAMP) $(GETH_STAMP) $(GOABI)

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

# Without Go, say so once and go on: the geth suites then skip with a notice (CI fails them).
$(GETH_STAMP):
	@if command -v $(GO) >/dev/null 2>&1; then \
		echo "building geth and abigen $(GETH_VERSION) from the Go module proxy into $(TOOLS)/bin"; \
		GOBIN="$(abspath $(TOOLS))/bin" GOFLAGS=-mod=mod $(GO) install \
			github.com/ethereum/go-ethereum/cmd/geth@$(GETH_VERSION) \
			github.com/ethereum/go-ethereum/cmd/abigen@$(GETH_VERSION) && touch $@; \
	else \
		echo "make install: no Go toolchain ('$(GO)' not found): geth is not built; its test suites will be skipped"; \
	fi

# Built from the committed go.mod/go.sum (-mod=readonly: the build never edits them).
$(GOABI): $(GOABI_SRC)
	@if command -v $(GO) >/dev/null 2>&1; then \
		echo "building the go-ethereum ABI oracle into $@"; \
		cd tests/goabi && GOFLAGS=-mod=readonly $(GO) build -o "$(abspath $@)" .; \
	else \
		echo "make install: no Go toolchain ('$(GO)' not found): the go-ethereum ABI oracle is not built; its tests will be skipped"; \
	fi

# make demo NODE=geth runs it on geth --dev; anvil is the faster default.
NODE ?= anvil
demo: install
	$(PY) contracts/demo.py --node $(NODE)

# Lint and type checks first, so pytest's summary is the last thing a run prints.
# Two workers (pytest-xdist; tests/conftest.py keeps the corpus on one): most e2e time is spent
# waiting on a node, so the two cores overlap it with the other worker's CPU-bound tests.
test: install lint typecheck
	$(PY) -m pytest -q -n 2

# The fast tier: everything but the e2e suites, so no node is started (tests/conftest.py fails a
# test not marked e2e that starts one). pytest exits 5 when it collects no test: like any
# nonzero exit, that fails this target and `test`.
.PHONY: test-fast
test-fast: install lint
	$(PY) -m pytest -q -m "not e2e and not slow"

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
	$(PY) tests/bench/bench_async.py
	$(PY) tests/bench/bench_batch.py
	$(PY) tests/bench/bench_logs.py
	$(PY) tests/corpus/bench_generate.py
	$(PY) tests/bench/compare_goabigen.py

clean:
	rm -rf $(VENV) node_modules build .mypy_cache .ruff_cache .pytest_cache
