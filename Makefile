# Single entry point: `make run` starts the dashboard, `make test` runs every check.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= data/chitieu.duckdb
PORT ?= 8501

.PHONY: run test lint unit e2e db bench browser clean

$(STAMP): requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

$(DB): $(STAMP) $(wildcard data/seed/*) $(wildcard data/real/*) data/indicators.csv
	$(BIN)/python -m etl build --force --db $(DB)

db: $(DB)

run: $(DB)
	CHITIEU_DB=$(DB) $(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) browser lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/etl.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/browser.py

clean:
	rm -rf $(VENV) $(DB)
