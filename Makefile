# `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 8501

.PHONY: install install-dev system-packages run test eval bench clean

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

# Debian packages the tests drive: Chromium (the end-to-end browser tests), nginx (the token proxy of a shared index).
system-packages:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "install these Debian packages first: sudo apt-get install$$missing"; exit 1; fi; \
	fi

test: install-dev system-packages
	$(BIN)/python -m pytest

eval: install
	$(BIN)/assistant eval

# Figures in bench/RESULTS.md; indexes are cached in bench/.cache/ (the first run builds 100,000 passages: long).
bench: install-dev
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .index .models evals/reports
