# Praxis: `make run` serves the demo ecosystem; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools/venv
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)

.PHONY: run install setup demo test test-browser lint format bench clean messages

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	touch $@

install: $(VENV)/.installed

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0

demo: setup
	$(PY) manage.py load_demo

run: demo
	@$(PY) manage.py demo_logins
	@echo "Serving http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(VENV)/bin/gunicorn praxis.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile -

# The independent credential verifier (Node.js packages pinned by package-lock.json).
CREDENTIALS_JS := praxis/credentials/tests/js

$(CREDENTIALS_JS)/node_modules:
	cd $(CREDENTIALS_JS) && npm ci --no-audit --no-fund --loglevel=error

test: install $(CREDENTIALS_JS)/node_modules
	$(VENV)/bin/pytest -n 2 --dist loadgroup -q

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy praxis
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Needs GNU gettext (Debian: gettext); the compiled .mo files are committed.
messages: install
	command -v msgfmt >/dev/null || apt-get install -y -qq gettext
	cd praxis && ../$(PY) ../manage.py makemessages $(foreach l,ar zh_Hans fr ru es,-l $(l)) --no-obsolete --ignore 'tests/*' --ignore 'demo/content/*'
	cd praxis && ../$(PY) ../manage.py compilemessages

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) $(TOOLS) var
