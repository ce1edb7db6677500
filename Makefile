# Everything a developer or CI needs, from a machine with only Python 3.11+, git and make.
# The virtualenv is rebuilt only when a requirements file changes, so a second `make run`
# starts in seconds.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
AXE := node_modules/axe-core/axe.min.js

.DEFAULT_GOAL := help
.PHONY: help install lock run serve migrate demo test test-pg lint format messages upstream-messages compilemessages bench screenshots ci clean stack-up stack-down stack-test backup restore

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP) ## Create the virtualenv and install the locked requirements (hashes checked)

# requirements.in and requirements-dev.in name what we use directly; the .txt files are the locks,
# every package pinned with its hashes. Edit an .in file, then run this.
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
lock: install ## Recompile the hashed locks (requirements*.txt) from requirements*.in
	$(PIP_COMPILE) --output-file=requirements.txt requirements.in
	$(PIP_COMPILE) --output-file=requirements-dev.txt requirements-dev.in

# axe-core (package-lock.json) for the browser tests' accessibility checks. Without npm, or
# offline, those checks are skipped with a reason; the rest of the suite still runs.
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $(AXE) \
		|| echo "npm ci failed: the accessibility checks will be skipped."; \
	else \
		echo "npm not found: the accessibility checks (axe-core) will be skipped."; \
	fi

compilemessages: $(STAMP) ## Compile the .po catalogues to .mo (pure Python, no system gettext needed)
	@$(BIN)/python scripts/compile_messages.py

migrate: install compilemessages ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content (idempotent)
	$(MANAGE) load_demo

run: export BASE_URL ?= http://127.0.0.1:$(PORT)
run: migrate ## Install, migrate, load the demo once and serve at http://127.0.0.1:$(PORT)
	$(MANAGE) load_demo --once
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install compilemessages $(AXE) ## Run the whole test suite (SQLite), Chromium's journeys included
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The browser tests serve the site from their own SQLite file, so they run under `make test`
# only: repeating them here would test nothing new about PostgreSQL.
test-pg: install compilemessages ## Run the test suite against a throwaway PostgreSQL cluster
	bash scripts/with_postgres.sh $(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

lint: install ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Regenerate our vi and en catalogues from the source (needs GNU gettext)
	$(BIN)/python scripts/make_messages.py
	@$(BIN)/python scripts/compile_messages.py

upstream-messages: install ## Rebuild locale/upstream (libraries' Vietnamese) after an upgrade; list what is new
	$(BIN)/python scripts/upstream_messages.py
	@$(BIN)/python scripts/compile_messages.py

bench: migrate ## Run the benchmarks in bench/ and print their figures
	@set -e; for script in bench/*.py; do \
		case $$script in */_*) continue;; esac; \
		echo "== $$script"; $(BIN)/python $$script; \
	done

screenshots: install compilemessages ## Regenerate docs/screenshots/ from the demo content, in Chromium
	$(BIN)/python scripts/screenshots.py

# The production-shaped stack without Docker (docs/deploy.md): PostgreSQL, Redis, gunicorn,
# the task worker, the scheduler and nginx, from the same deploy/ files as compose.yaml.
STACK_PORT := $(if $(filter command line environment,$(origin PORT)),$(PORT),8080)

stack-up: install compilemessages ## Start the production-shaped stack on PORT (8080); STACK_DEMO=1 loads the demo
	PORT=$(STACK_PORT) bash scripts/stack.sh up

stack-down: ## Stop exactly what stack-up started
	bash scripts/stack.sh down

stack-test: install compilemessages ## Bring a stack up with the demo, run tests/stack against it, tear it down
	PORT=$(STACK_PORT) STACK_DEMO=1 bash scripts/stack.sh test

backup: ## Back up the database and media to backups/<date>/ (BACKUP_DIR to choose)
	bash scripts/backup.sh

restore: ## Restore BACKUP=backups/<date> into the configured database and media
	bash scripts/restore.sh "$(BACKUP)"

ci: ## What CI runs: lint, tests on SQLite and PostgreSQL, deploy checks
	bash .ci/run

clean: ## Remove the virtualenv, the local database, collected static files and node_modules
	rm -rf $(VENV) db.sqlite3 staticfiles node_modules
