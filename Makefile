# The two README commands are `make example` and `make test`; both run
# scripts/setup.sh first, which is quick when everything is already there.

SHELL := /bin/bash
.DEFAULT_GOAL := help

BIN := .venv/bin
PORTFOLIO := $(BIN)/portfolio
CONTENT := content
OUTPUT := output
LINTED := generator tests scripts

# `make test PYTEST_ADDOPTS='-k summary'` reaches pytest as well as the
# environment variable does.
export PYTEST_ADDOPTS

.PHONY: help setup example test lint docs clean

help:
	@echo 'make example   build the example student in $(CONTENT)/ into $(OUTPUT)/'
	@echo 'make test      run the test suite (PYTEST_ADDOPTS is passed to pytest)'
	@echo 'make lint      ruff check and ruff format --check'
	@echo 'make docs      regenerate the rule pages, tables and workflow copies'
	@echo 'make clean     empty $(OUTPUT)/ (keeps .gitkeep) and remove caches'
	@echo 'make setup     Debian packages and .venv only (the others run it too)'

setup:
	@bash scripts/setup.sh

# `build` checks first and stops on errors, then writes the site and the PDFs.
example: setup
	$(PORTFOLIO) build $(CONTENT) -o $(OUTPUT)

test: setup
	$(BIN)/python -m pytest

lint: setup
	@status=0; \
	$(BIN)/ruff check $(LINTED) || status=1; \
	$(BIN)/ruff format --check $(LINTED) || status=1; \
	exit $$status

# After changing a rule, an example, fields.yaml or the workflow template; the
# tests fail until the committed copies match again.
docs: setup
	$(BIN)/python -m generator.guide
	$(BIN)/python -m generator.github

# Only the build output and caches go; the content root is never touched.
clean:
	@test -d $(OUTPUT) || exit 0; \
	if [ -e $(OUTPUT)/site.yaml ] || [ -e $(OUTPUT)/profile.md ]; then \
	  echo '$(OUTPUT)/ looks like a content root: not cleaning it' >&2; \
	  exit 1; \
	fi; \
	find $(OUTPUT) -mindepth 1 -maxdepth 1 ! -name .gitkeep -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache .hypothesis test-artifacts build dist
	find . \( -path ./.venv -o -path ./.git -o -path ./$(CONTENT) \) -prune \
	  -o -type d -name __pycache__ -exec rm -rf {} +
