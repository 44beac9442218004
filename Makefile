# Praxis: `make run` serves the demo ecosystem; `make test` runs the whole suite.
# Each step is skipped when its work is already done, so a second `make run` starts at once.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools/venv
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2
# Settings read PORT too: without SITE_URL, links point at the port served.
export PORT
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
VAR_DIR := $(or $(PRAXIS_VAR_DIR),var)

.PHONY: run install system setup static scorm-runtime demo test lighthouse lint format bench clean messages screenshots catapult packages-conformance

# Debian packages (Pango, fonts, Chromium, poppler, Node.js, gettext): installed when missing.
system:
	@.ci/system-packages

$(UV):
	@echo "Installing uv $(UV_VERSION) into $(TOOLS)"
	@$(PYTHON) -m venv $(TOOLS)
	@$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Compiled ahead, the libraries' bytecode is read, not compiled by every process that imports
# them (or by none, with PYTHONDONTWRITEBYTECODE set): a large module's compilation takes many
# times the memory of reading its bytecode (the language registry's table of names, 4.6 MB of
# source, which the tests read: 275 MB against 17 MB).
$(VENV)/.installed: $(UV) pyproject.toml uv.lock Makefile
	@echo "Installing the locked dependencies into $(VENV)"
	@$(UV) sync --frozen --quiet --compile-bytecode
	@touch $@

install: $(VENV)/.installed

# Static files are collected again only when a source (or the installed packages that ship
# static files, or the settings that say how they are stored) is newer than the last collection.
STATIC_STAMP := $(VAR_DIR)/static/.collected
STATIC_SOURCES := $(shell find praxis -path '*/static/*' -type f 2>/dev/null)

# The SCORM runtime (scorm-again) and the H5P player (h5p-standalone), pinned by
# package-lock.json: installed from the npm registry (their install scripts are not run) and
# copied into the package player's static files, never committed.
PACKAGES_JS := praxis/packages/js
SCORM_RUNTIME := praxis/packages/static/packages/vendor

$(PACKAGES_JS)/node_modules: $(PACKAGES_JS)/package-lock.json
	cd $(PACKAGES_JS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# The source maps go too: the runtime names them, and collecting static files checks every name.
$(SCORM_RUNTIME)/.installed: $(PACKAGES_JS)/node_modules Makefile
	@mkdir -p $(SCORM_RUNTIME)
	cp $(foreach f,scorm12.min.js scorm12.min.js.map scorm2004.min.js scorm2004.min.js.map,$(PACKAGES_JS)/node_modules/scorm-again/dist/$(f)) $(PACKAGES_JS)/node_modules/scorm-again/LICENSE $(SCORM_RUNTIME)/
	@rm -rf $(SCORM_RUNTIME)/h5p && mkdir -p $(SCORM_RUNTIME)/h5p
	cp -R $(PACKAGES_JS)/node_modules/h5p-standalone/dist/main.bundle.js $(PACKAGES_JS)/node_modules/h5p-standalone/dist/frame.bundle.js $(PACKAGES_JS)/node_modules/h5p-standalone/dist/styles $(PACKAGES_JS)/node_modules/h5p-standalone/dist/fonts $(PACKAGES_JS)/node_modules/h5p-standalone/dist/images $(PACKAGES_JS)/node_modules/h5p-standalone/LICENSE $(SCORM_RUNTIME)/h5p/
	@touch $@

scorm-runtime: $(SCORM_RUNTIME)/.installed

$(STATIC_STAMP): $(VENV)/.installed praxis/settings.py $(STATIC_SOURCES) $(SCORM_RUNTIME)/.installed
	@echo "Collecting and compressing static files into $(VAR_DIR)/static"
	@$(PY) manage.py collectstatic --noinput --verbosity 0
	@touch $@

static: $(STATIC_STAMP)

setup: install static
	$(PY) manage.py migrate --noinput

demo: setup
	$(PY) manage.py load_demo

# Django starts once, in gunicorn's master (--preload): it applies migrations when some are
# unapplied, loads the demo when this version of it is not loaded yet, prints the logins, and
# forks the workers.
run: system install static
	@echo "Starting Django: database, demo ecosystem, then http://127.0.0.1:$(PORT)/"
	@$(VENV)/bin/gunicorn praxis.demo.wsgi --preload --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile -

# The independent credential verifier (Node.js packages pinned by package-lock.json).
CREDENTIALS_JS := praxis/credentials/tests/js

$(CREDENTIALS_JS)/node_modules: $(CREDENTIALS_JS)/package-lock.json
	cd $(CREDENTIALS_JS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# axe-core, which the browser tests run on every page they visit (pinned by package-lock.json).
ACCESSIBILITY_JS := praxis/web/tests/js

$(ACCESSIBILITY_JS)/node_modules: $(ACCESSIBILITY_JS)/package-lock.json
	cd $(ACCESSIBILITY_JS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Lighthouse, which the quality-gate test runs on the main pages (pinned by package-lock.json).
LIGHTHOUSE_JS := praxis/web/tests/lighthouse

$(LIGHTHOUSE_JS)/node_modules: $(LIGHTHOUSE_JS)/package-lock.json
	cd $(LIGHTHOUSE_JS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

NODE_PACKAGES := $(CREDENTIALS_JS)/node_modules $(ACCESSIBILITY_JS)/node_modules $(LIGHTHOUSE_JS)/node_modules $(SCORM_RUNTIME)/.installed

# The cmi5 LMS conformance suite (ADL's CATAPULT, fetched at a pinned commit into
# var/catapult) run against a Praxis of its own on CATAPULT_PORT; not part of `make test`.
# CATAPULT_REPO may name another copy of the repository than GitHub's.
CATAPULT_PORT ?= 8220

catapult: system install
	PORT=$(CATAPULT_PORT) praxis/packages/conformance/run-catapult

# Packages made by authoring tools, kept in public repositories by others, fetched at pinned
# commits into var/third-party-packages and completed by a learner in Chromium; not part of
# `make test`. THIRD_PARTY_PACKAGES_MIRROR may name a folder of git mirrors
# (<owner>+<name>/repo each) to read them from instead of GitHub.
packages-conformance: system install $(ACCESSIBILITY_JS)/node_modules $(SCORM_RUNTIME)/.installed
	$(VENV)/bin/python praxis/packages/conformance/fetch-third-party-packages
	PRAXIS_THIRD_PARTY_PACKAGES=1 $(VENV)/bin/pytest -q -n 0 praxis/packages/tests/third_party

# TEST_ARGS narrows the run (CI's PostgreSQL pass leaves out the browser tests, which the
# SQLite pass runs); `make test` alone is the whole suite.
TEST_ARGS ?=
# Bytecode is written even where the environment says not to: each test worker would otherwise
# compile the project and rewrite every test module again, in every run.
test: system install $(NODE_PACKAGES)
	env -u PYTHONDONTWRITEBYTECODE $(VENV)/bin/pytest -n 2 --dist loadgroup -q $(TEST_ARGS)

# Lighthouse alone on the main pages, its performance score included (a timing, which
# `make test` leaves out), every score printed as measured.
lighthouse: system install $(LIGHTHOUSE_JS)/node_modules
	PRAXIS_LIGHTHOUSE_PERFORMANCE=1 $(VENV)/bin/pytest -q -s praxis/web/tests/test_lighthouse_gate_browser.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy praxis conftest.py accessibility.py bench
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# GNU gettext comes with `make system`; the compiled .mo files are committed.
# The interface's translated languages, as their folders under praxis/locale are named.
LOCALES := ar bn de es fa fr hi id it pt ru sw tr uk ur vi zh_Hans

messages: system install
	cd praxis && ../$(PY) ../manage.py makemessages $(foreach l,$(LOCALES),-l $(l)) --no-obsolete --ignore 'tests/*' --ignore 'demo/content/*'
	cd praxis && ../$(PY) ../manage.py compilemessages

# The README's screenshots (home, a course, a lesson, notifications; phone and desktop) under docs/screenshots/.
screenshots: demo
	$(PY) manage.py screenshots

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) $(TOOLS) var
