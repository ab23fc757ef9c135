# Single entry point: `make run` starts the dashboard, `make test` runs every check.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= data/chitieu.duckdb
PORT ?= 8501

.PHONY: run test lint unit e2e db bench bench-national browser bytecode clean

$(STAMP): requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

# Built once when missing, never rebuilt over a database in use: it holds accounts and every
# upload. To start again from the demo data, stop the server and delete the file.
$(DB): | $(STAMP)
	$(BIN)/python -m etl build --db $(DB)

db: $(DB)

# Python writes bytecode beside each module on first import, unless PYTHONDONTWRITEBYTECODE is
# set (as on some servers and CI images): then every `etl load` and server start compiles the
# project again (0,5 s of a 100,000-row load). Compiled here, only what changed.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q -j 0 app.py pages dashboard etl bench >/dev/null

run: bytecode $(DB)
	@$(MAKE) --no-print-directory browser || echo "Chromium could not be installed: PNG exports of the Trình chiếu page will be missing."
	CHITIEU_DB=$(DB) $(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) browser lint bytecode
	$(BIN)/python -m pytest -q

bench: $(STAMP) browser bytecode
	$(BIN)/python bench/etl.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/browser.py
	$(BIN)/python bench/viewers.py
	$(BIN)/python bench/catalog.py

bench-national: $(STAMP) browser bytecode
	$(BIN)/python bench/pages.py --national
	$(BIN)/python bench/viewers.py --national

clean:  # the virtual environment only: the database holds accounts and uploads
	rm -rf $(VENV)
