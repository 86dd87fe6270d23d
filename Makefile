# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
AXE := node_modules/axe-core/axe.min.js
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format install setup messages clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# axe-core checks accessibility in the browser tests; without npm those tests skip.
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; touch $(AXE); \
	else echo "npm not found: browser accessibility checks will be skipped"; fi

setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py seed_demo

# The task worker (outgoing mail, background work) runs beside the server and stops with it.
run: setup
	@$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install $(AXE)
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext; the compiled .mo files are committed so that running the site does not.
# makemessages files strings found outside an app under LOCALE_PATHS[0], the admin catalogue,
# and --no-obsolete would then empty it: the folders without a catalogue of their own are ignored.
# admin_messages brings portal/admin_locale in step with the installed Wagtail and Django.
messages: install
	$(BIN)/python manage.py makemessages --locale vi --no-obsolete --ignore '.venv/*' --ignore 'node_modules/*' \
		--ignore 'tests/*' --ignore 'benchmarks/*' --ignore 'static/*' --ignore 'var/*' --ignore manage.py
	$(BIN)/python manage.py admin_messages
	$(BIN)/python manage.py compilemessages --locale vi --ignore '.venv/*'

clean:
	rm -rf $(VENV) node_modules var
