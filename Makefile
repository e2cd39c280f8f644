# frontline: `make maps` builds the maps from articles/, `make test` runs the tests.
# Every target sets itself up: a missing or stale .venv is created with python3 -m venv + pip.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
ARTICLES ?= articles
OUT    ?= out
# local, or dask (a cluster on this machine; the dask extra comes with .[dev])
ENGINE ?= local

.PHONY: help setup maps test bench lint format assets gazetteer-index gazetteer-data previews clean

help:
	@echo "make maps            build the maps from $(ARTICLES)/ into $(OUT)/"
	@echo "make test            run the test suite (browser tests use the system Chromium)"
	@echo "make bench           run speed, memory and accuracy benchmarks"
	@echo "make lint            ruff check"
	@echo "make previews        regenerate the PNG previews in docs/"
	@echo "make gazetteer-data  regenerate the committed derived geometry in gazetteer/data/"

# The virtual environment is stale whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) assets gazetteer-index

# Browser assets (Leaflet and friends) from the npm registry, pinned and checksummed.
assets: $(STAMP)
	@$(PY) -m maps.assets fetch

# The runtime place index, built once from GeoNames into the user cache (about a minute).
gazetteer-index: $(STAMP)
	@$(PY) -m geo.cli gazetteer build --quiet

# Derived data committed under gazetteer/data/ (countries, admin-1 and admin-2 units, regions, borders).
gazetteer-data: $(STAMP)
	$(PY) -m gazetteer.geometry_build

maps: setup
	@$(PY) -m geo.cli build $(ARTICLES) -o $(OUT) --engine $(ENGINE)

test: setup
	$(PY) -m pytest -m "not network" -q

bench: setup
	$(PY) -m pip install --quiet -e '.[dev,ner]'
	$(PY) benchmarks/run_all.py

lint: $(STAMP)
	$(PY) -m ruff check .

format: $(STAMP)
	$(PY) -m ruff format .

previews: setup
	$(PY) -m maps.preview docs --articles $(ARTICLES)

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache
