# newsdesk developer commands; `make help` lists them.
#
# Everything runs from .venv, which `make run` and `make test` create with python3
# when it is missing. Installs are skipped while pyproject.toml (or
# package-lock.json) is older than the stamp file that records the last install.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
# The second test run's database (the trust-auth server of a developer machine or CI).
POSTGRES_TEST_URL ?= postgres://root@127.0.0.1:5432/test
# Every app's templates: newsdesk/templates and newsdesk/<app>/templates.
TEMPLATES_DIR := $(sort $(wildcard newsdesk/templates newsdesk/*/templates))
# Templates are indented by four spaces; djhtml would otherwise guess per file.
DJHTML := $(BIN)/djhtml --tabwidth 4
POSTGRES_LOG := .pytest-postgres.log
ONCE_LOG := .pytest-once.log

# The steps of `make test` run in the order given: lint, then checks, then the test runs.
.NOTPARALLEL:
.PHONY: help run prod cluster cluster-stop test lint format check pytest pytest-once pytest-sqlite pytest-postgres bench bench-live bench-pushpin bench-cache bench-lighthouse \
	clean install install-test install-node vendor-hls

help:
	@echo "run     - install, migrate, load the demo if the database is empty, serve on 127.0.0.1:$(PORT)"
	@echo "test    - lint, Django checks, pytest on SQLite and, beside it, on PostgreSQL (non-browser tests)"
	@echo "lint    - ruff check, ruff format --check, djhtml --check on $(TEMPLATES_DIR)"
	@echo "format  - fix what ruff can, reformat Python with ruff and templates with djhtml"
	@echo "prod    - the production profile on this machine: PostgreSQL, Redis, S3 (moto), granian, Varnish"
	@echo "cluster - the multi-node profile: PostgreSQL primary + replica, Redis + RQ, S3, 3 apps, HAProxy, Pushpin, 2 Varnish"
	@echo "cluster-stop - stop the cluster that \`make cluster\` started in another terminal"
	@echo "bench   - print article-page size, transfer and render-time figures (bench/article_page.py)"
	@echo "bench-live  - live blog fan-out over Server-Sent Events (bench/live_sse.py)"
	@echo "bench-pushpin - 10,000 live blog readers held by Pushpin (bench/live_pushpin.py)"
	@echo "bench-cache - full-page cache throughput, Varnish and app cache vs nginx (bench/cache_wrk.py)"
	@echo "bench-lighthouse - Lighthouse scores of every kind of reader page (bench/lighthouse.py)"
	@echo "vendor-hls  - copy hls.js from node_modules into the live app's static files"
	@echo "clean   - remove caches, test artifacts and install stamps (keeps .venv and db.sqlite3)"

# --- installs -------------------------------------------------------------------------

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

# axe-core, for the browser tests' accessibility check. Without npm those checks skip
# (and fail under CI=true).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: skipping axe-core install; the accessibility checks will be skipped"; \
	fi

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
install-node: node_modules/.installed

# --- running --------------------------------------------------------------------------

# Links in emails, feeds and share buttons name the address the site is served on.
run: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)

# `manage.py serve` (newsdesk/worker/) runs granian (ASGI, so live blogs stream) beside the
# task worker, the publishing scheduler and the demo channel's test stream (Debian's ffmpeg,
# else imageio-ffmpeg's), restarts whichever dies, prints the address and the demo logins once the site
# answers, and stops them all on Ctrl-C.
run: install
	$(MANAGE) migrate --no-input
	@$(MANAGE) serve --port $(PORT) --reload --demo --test-stream

# The production profile on loopback, with the demo newsroom (deploy/localprod.py says how).
prod: install-test
	$(BIN)/python deploy/localprod.py

# Every stateful part an existing engine, every app process stateless, all on loopback
# (deploy/cluster/run.py says what listens where; docs/scaling.md draws it).
CLUSTER_DIR ?= /tmp/newsdesk-cluster
cluster: install-test
	NEWSDESK_CLUSTER_DIR=$(CLUSTER_DIR) $(BIN)/python deploy/cluster/run.py

# The cluster stops in order on TERM, as on Ctrl-C; this waits until it has.
cluster-stop:
	@if [ -f $(CLUSTER_DIR)/run.pid ]; then \
		pid=$$(cat $(CLUSTER_DIR)/run.pid); kill -TERM $$pid 2>/dev/null || true; \
		while kill -0 $$pid 2>/dev/null; do sleep 0.5; done; echo "cluster stopped"; \
	else echo "no cluster running (no $(CLUSTER_DIR)/run.pid)"; fi

# --- checking -------------------------------------------------------------------------

# Three runs side by side (.NOTPARALLEL rules out make -j): the tests that run once (browser,
# whole-site walks, processes, the cluster), and the rest on SQLite and on PostgreSQL.
# The SQLite run prints as it goes; the other two are kept in files and printed after it.
test: install-test install-node lint check
	@$(MAKE) --no-print-directory pytest-once > $(ONCE_LOG) 2>&1 & once=$$!; \
	$(MAKE) --no-print-directory pytest-postgres > $(POSTGRES_LOG) 2>&1 & postgres=$$!; \
	$(MAKE) --no-print-directory pytest-sqlite; sqlite=$$?; \
	wait $$once; once=$$?; wait $$postgres; postgres=$$?; \
	echo "--- the tests that run once (run beside the SQLite one)"; cat $(ONCE_LOG); \
	echo "--- pytest on PostgreSQL (run beside the SQLite one)"; cat $(POSTGRES_LOG); \
	echo "--- exit status: SQLite $$sqlite, once $$once, PostgreSQL $$postgres"; \
	test $$sqlite -eq 0 && test $$once -eq 0 && test $$postgres -eq 0

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DJHTML) --check $(TEMPLATES_DIR)

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(DJHTML) $(TEMPLATES_DIR)

# The test settings and an in-memory database, so no developer database is touched.
CHECK_ENV := DJANGO_SETTINGS_MODULE=newsdesk.settings.test DATABASE_URL=sqlite://:memory:
check: install-test
	$(CHECK_ENV) $(MANAGE) check
	$(CHECK_ENV) $(MANAGE) makemigrations --check --dry-run

# Every test, on SQLite: what a developer runs.
pytest: install-test
	env -u DATABASE_URL $(BIN)/pytest

# Browser, slow, `processes` and `cluster` tests look at pages or run on a SQLite file or a
# cluster of their own, whatever the database: they run once. Each run of `make test` has
# Redis databases of its own (conftest.py: redis_test_url).
ONCE := browser or slow or processes or cluster
# The slowest tests of each run, listed at its end: where CI's minutes go.
DURATIONS := --durations=25
pytest-once: install-test
	env -u DATABASE_URL $(BIN)/pytest -m "$(ONCE)" $(DURATIONS)

pytest-sqlite: install-test
	env -u DATABASE_URL NEWSDESK_TEST_REDIS_OFFSET=4 $(BIN)/pytest -m "not ($(ONCE))" $(DURATIONS)

# conftest.py skips this run with a message when the server is unreachable (fails under CI=true).
pytest-postgres: install-test
	DATABASE_URL=$(POSTGRES_TEST_URL) NEWSDESK_TEST_REDIS_OFFSET=8 $(BIN)/pytest -m "not ($(ONCE))" $(DURATIONS)

bench: install
	$(BIN)/python bench/article_page.py

bench-live: install-test
	$(BIN)/python bench/live_sse.py

bench-pushpin: install-test
	$(BIN)/python bench/live_pushpin.py

bench-cache: install-test
	$(BIN)/python bench/cache_wrk.py

# Lighthouse (pinned in package.json) in Debian's Chromium, against the production profile.
bench-lighthouse: install-test install-node
	$(BIN)/python bench/lighthouse.py

# hls.js is committed under newsdesk/live/static/live/vendor/ so `make run` needs no npm;
# this refreshes it after package.json's version changes.
vendor-hls: node_modules/.installed
	cp node_modules/hls.js/dist/hls.light.min.js newsdesk/live/static/live/vendor/
	cp node_modules/hls.js/LICENSE newsdesk/live/static/live/vendor/hls.js-LICENSE.txt

clean:
	find . -path ./$(VENV) -prune -o -path ./node_modules -prune -o \
		\( -name '__pycache__' -o -name '.pytest_cache' -o -name '.ruff_cache' \) -type d -print \
		| xargs rm -rf
	rm -rf test-artifacts bench/out *.egg-info node_modules/.installed
	rm -f $(VENV)/.installed $(VENV)/.installed-test $(POSTGRES_LOG) $(ONCE_LOG)
