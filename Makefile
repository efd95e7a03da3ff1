# MigraLocal: `make demo` runs the platform with demo data; `make test` runs every check.
# Each target creates .venv when needed and reuses it afterwards.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1:8000
PYTEST_WORKERS ?= 2
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
IS_ROOT := $(shell [ "$$(id -u)" = "0" ] && echo yes)

.PHONY: demo serve test lint typecheck pytest pytest-postgres messages bench serve-check clean system-deps

$(VENV)/.base: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(VENV)/.base
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

# Debian packages the platform needs: gettext to compile translations, Pango for PDF certificates
# (WeasyPrint), Chromium for browser tests.
system-deps:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	ldconfig -p | grep -q libpangoft2 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ "$(NEED_BROWSER)" = "yes" ] && [ ! -x /usr/bin/chromium ]; then missing="$$missing chromium"; fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$(IS_ROOT)" = "yes" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Please install these Debian packages first:$$missing"; exit 1; \
	  fi; \
	fi

messages: system-deps $(VENV)/.base
	cd src/migralocal && DJANGO_SETTINGS_MODULE= ../../$(BIN)/django-admin compilemessages >/dev/null

# The platform with demo data on SQLite under var/, the development server and a task worker.
demo: messages
	DEBUG=true $(MANAGE) migrate --noinput
	DEBUG=true $(MANAGE) demo
	bin/demo $(HOST)

# The production stack on this machine: gunicorn workers on PostgreSQL, Redis as cache and task
# broker, a task worker; DEBUG off. Configured only through the environment (docs/deploy.md).
serve: messages
	bin/serve

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -c pyproject.toml -r src --quiet --severity-level medium

typecheck: $(VENV)/.dev
	$(BIN)/mypy

pytest: $(VENV)/.dev
	DATABASE_URL=sqlite:// $(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# On PostgreSQL when one answers; under CI a missing server is a failure, not a skip. The browser
# journeys run once, in the SQLite run: they test pages, and every query under them is tested on
# both databases by the rest of the suite.
pytest-postgres: $(VENV)/.dev
	@if $(PY) -c "import psycopg; psycopg.connect('$(TEST_DATABASE_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "Running the suite on PostgreSQL ($(TEST_DATABASE_URL)), browser journeys aside"; \
	  DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal -m "not browser" $(PYTEST_ARGS); \
	elif [ "$(CI)" = "true" ]; then \
	  echo "PostgreSQL is not reachable at $(TEST_DATABASE_URL), and CI requires it."; exit 1; \
	else \
	  echo "PostgreSQL is not reachable at $(TEST_DATABASE_URL): skipping the PostgreSQL run."; \
	fi

test: NEED_BROWSER := yes
test: $(VENV)/.dev messages lint typecheck pytest pytest-postgres

bench: $(VENV)/.dev
	@for script in bench/*.py; do [ "$$script" = "bench/__init__.py" ] || $(PY) $$script; done

clean:
	rm -rf $(VENV) var
