# aimaq — set-up and checks. `make demo` and `make test` work on a fresh clone.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: install test lint bench demo eval clean

$(BIN)/aimaq: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip "setuptools>=68,<81" wheel
	$(BIN)/pip install -q -e ".[test,postgres,dask]"
	@touch $@

install: $(BIN)/aimaq

test: install
	-@sh scripts/install_browser.sh  # Debian chromium for the browser tests; they skip with the reason without it
	$(BIN)/ruff check src tests tools
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest -q -p no:cacheprovider

lint: install
	$(BIN)/ruff check src tests tools

eval: install
	$(BIN)/aimaq eval amounts --data $(SHARED)/data

BENCH_ARGS ?=
bench: install  ## bench/results.md; e.g. `make bench BENCH_ARGS="--rss-docs 5000"`, `BENCH_ARGS=--quick` or `BENCH_ARGS=--real-only` (bench/results_real.md)
	$(BIN)/python bench/run.py --shared $(SHARED) $(BENCH_ARGS)

DEMO_DB ?= demo.db
demo: install  ## ingest our 42 hand-written kk/ru releases into $(DEMO_DB) and serve the dashboard
	$(BIN)/aimaq ingest --db $(DEMO_DB) --no-progress tests/corpus/*.txt tests/heldout/*.txt
	$(BIN)/aimaq serve --db $(DEMO_DB) --host 127.0.0.1 --port 8000

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .mypy_cache .hypothesis

.PHONY: train-kk-ner
train-kk-ner: install  ## retrain the Kazakh NER model (src/aimaq/data/models/kk_ner.crfsuite) on KazNERD
	nice -n 10 $(BIN)/python tools/train_kk_ner.py --data $(SHARED)/data/kaznerd

.PHONY: browser screenshots
browser:  ## Debian chromium + chromedriver for the browser tests and screenshots (apt-get, idempotent)
	sh scripts/install_browser.sh

screenshots: install browser  ## docs/screenshots/{map,region,fact}.png of the dashboard
	$(BIN)/python scripts/screenshots.py --out docs/screenshots

.PHONY: soak
soak: install  ## (< 10 min, run by CI) 20+ SIGKILLs during ingest on SQLite and PostgreSQL, concurrent ingests, load test
	$(BIN)/ruff check soak
	$(BIN)/pytest -q -p no:cacheprovider -s soak
	$(BIN)/python scripts/load_test.py --seconds 60 --out /tmp/aimaq-soak-load.md

.PHONY: load
LOAD_ARGS ?=
load: install  ## bench/results_load.md: 50 clients for 60 s against `aimaq serve` while an ingest writes (LOAD_ARGS="--seconds 30")
	nice -n 10 $(BIN)/python scripts/load_test.py $(LOAD_ARGS)
