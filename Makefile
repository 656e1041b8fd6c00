# The two commands: `make run` and `make test`. Everything else is a helper they use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
BENCH_PAGES ?= 1000

.PHONY: run test install lint check pytest bench screenshots clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 (apt-get install python3.11)"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "Creating the virtualenv failed: on Debian, apt-get install python3.11-venv"; exit 1; }

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	PORT=$(PORT) $(MANAGE) demo_admin
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: install
	$(BIN)/pytest

test: lint check pytest

bench: install
	$(BIN)/python bench/run.py --pages $(BENCH_PAGES)

# Refreshes the README screenshots from the browser journeys.
screenshots: install
	PORTAL_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/e2e -q

clean:
	rm -rf $(VENV) staticfiles var .pytest_cache .ruff_cache
