# Everything a fresh machine needs, from Python 3.11, make, Node/npm and git.
#   make demo   set up, create the synthetic demo area, print demo accounts, serve on :8000
#   make test   set up and run the whole suite (SQLite; DATABASE_URL=postgres://... for PostgreSQL)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
JTAI_DATA_DIR ?= $(CURDIR)/var
export JTAI_DATA_DIR
STATIC_BUILT := src/jtai/web/static/jtai/app.css

.PHONY: demo test lint install static serve clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "jtai needs Python 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Extras to install; `spark` (PySpark, a 456 MB download) runs linkage on Spark and its test.
EXTRAS ?= dev,spark

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(STATIC_BUILT): node_modules/.installed $(shell find src/jtai/web/assets scripts -type f 2>/dev/null)
	npm run --silent build

install: $(VENV)/.installed
static: $(STATIC_BUILT)

# The local demo signs in with a password only (JTAI_REQUIRE_MFA=false); every other
# configuration asks for an authenticator code as well.
demo: install static
	$(BIN)/jtai demo
	JTAI_REQUIRE_MFA=false $(BIN)/jtai serve --address 127.0.0.1:8000

serve: install static
	$(BIN)/jtai serve --address 127.0.0.1:8000

test: install static
	$(BIN)/python -m pytest -n 2

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) node_modules src/jtai/web/static/jtai var
