# `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 8501

.PHONY: install install-dev run test eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

install-dev: $(DEV_STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,llm,llm-local,llm-test]'  # llm-test builds llama-cpp-python once (pip caches the wheel)
	touch $@

run: install
	$(BIN)/assistant ingest
	$(BIN)/streamlit run streamlit_app.py --server.address 127.0.0.1 --server.port $(PORT)

test: install-dev
	$(BIN)/python -m pytest

eval: install
	$(BIN)/assistant eval

# Figures in bench/RESULTS.md; indexes are cached in bench/.cache/ (the first run builds 100,000 passages: long).
bench: install-dev
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .index .models evals/reports
