# The two commands: `make run` and `make test`. Everything else is a helper they use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
# The portal's absolute links (e-mails, certificates, calendar files) follow the port unless
# SITE_BASE_URL is set: every command below sees it.
export PORT
BENCH_PAGES ?= 1000

.PHONY: run test install catalogues messages lint check pytest bench bench-pages bench-served screenshots clean lock upgrade

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 (apt-get install python3.11)"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "Creating the virtualenv failed: on Debian, apt-get install python3.11-venv"; exit 1; }

# Exact versions with their hashes, as CI tested them; the code runs from this checkout.
$(VENV)/.installed: requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# The interface in the 24 languages: the .po files are compiled in Python, no GNU gettext needed.
catalogues: install
	$(MANAGE) compile_catalogues --verbosity 0

# After changing messages in the code: adds them to every language's .po file (GNU gettext's
# xgettext reads the code: apt-get install gettext), ready for translators.
messages: install
	$(MANAGE) refresh_catalogues

run: catalogues
	$(MANAGE) migrate --noinput
	$(MANAGE) credential_keys --create
	$(MANAGE) seed_demo
	$(MANAGE) demo_admin
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check --tabwidth 2 templates

check: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: catalogues
	$(BIN)/pytest

test: lint check pytest

bench: catalogues
	$(BIN)/python bench/run.py --pages $(BENCH_PAGES)

# Every page family in one process, at the demo size and at 100 times it (bench/pages.py).
bench-pages: catalogues
	$(BIN)/python bench/pages.py --prepare

# Every page family served by gunicorn on the demo data, next to a bare Django view (bench/served.py).
bench-served: catalogues
	$(BIN)/python bench/served.py --prepare

# Refreshes the README screenshots from the browser journeys.
screenshots: catalogues
	PORTAL_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/e2e -q

# The locks: requirements-dev.txt (everything `make run` and `make test` install) and
# requirements.txt (production: the same versions, without the development tools), both
# resolved from the ranges in pyproject.toml. `make lock` adds what pyproject.toml newly asks
# for and keeps every other version; `make upgrade` moves everything to the newest release
# the ranges allow.
LOCK := $(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --no-header
lock: install
	$(LOCK) --extra dev -o requirements-dev.txt $(LOCK_FLAGS)
	$(LOCK) -c requirements-dev.txt -o requirements.txt $(LOCK_FLAGS)

upgrade:
	$(MAKE) lock LOCK_FLAGS=--upgrade

clean:
	rm -rf $(VENV) staticfiles var .pytest_cache .ruff_cache
