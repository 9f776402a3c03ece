# The README's two commands: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Parallel test processes; the machine has two cores.
PYTEST_WORKERS ?= 2

.PHONY: run test bench install lock browser loadgen lint format migrate demo worker clean

# Installs come from requirements.lock: the exact versions, with their hashes, that CI passed
# with. requirements.txt says what the project needs; `make lock` resolves it into the lock.
$(VENV)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

install: $(VENV)/.installed

lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock requirements.txt

# Debian's Chromium drives the browser tests (Playwright cannot download its own here);
# LibreOffice (Writer and Calc, without the desktop) renders the exported documents to PDF
# for the rendering tests.
browser:
	@if [ -x /usr/bin/chromium ] && command -v soffice >/dev/null; then \
		true; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends chromium fonts-liberation libreoffice-writer-nogui \
			libreoffice-calc-nogui >/dev/null; \
	else \
		echo "Для браузерных тестов установите Chromium и LibreOffice:" \
			"sudo apt-get install chromium libreoffice-writer-nogui libreoffice-calc-nogui"; \
	fi

# The embedded portal: SQLite, tasks run in-process, e-mails printed to the console. The
# installation keeps its own neutral identity (MOC_CENTRE_* from .env, or the settings'
# default): the demo's centres speak from their own cards, and a municipality whose card is
# still empty is never signed with another's name. The open data set is built at once.
EMBEDDED := DATABASE_URL= REDIS_URL=
# The stand-in regional Navigator runs beside it, so the push can be watched at /navigator/.
NAVIGATOR_PORT ?= 8089
run: install
	$(EMBEDDED) $(BIN)/python manage.py migrate --noinput
	$(EMBEDDED) $(BIN)/python manage.py load_demo
	$(EMBEDDED) $(BIN)/python manage.py open_data_build
	@echo "Портал: http://$(HOST):$(PORT)/  Стенд Навигатора: http://127.0.0.1:$(NAVIGATOR_PORT)/"
	$(BIN)/python -m navigator_sync.standin --port $(NAVIGATOR_PORT) --token dev-token \
		--db navigator-standin.sqlite3 & standin=$$!; trap 'kill $$standin' EXIT INT TERM; \
	$(EMBEDDED) DJANGO_DEBUG=true \
		NAVIGATOR_URL=http://127.0.0.1:$(NAVIGATOR_PORT) NAVIGATOR_TOKEN=dev-token \
		$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The whole suite. With DATABASE_URL and REDIS_URL set it runs on PostgreSQL and Redis,
# and the tests marked `worker` start a real Celery worker. pytest's exit code 5 (no tests
# collected) is a failure here, never a pass. PYTEST_ARGS chooses tests (CI's SQLite pass
# leaves out those marked browser, rendering, worker and fuzz); NO_LINT=1 skips the lint a
# run has done already.
PYTEST_ARGS ?=
test: install browser $(if $(NO_LINT),,lint)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest не нашёл ни одного теста"; exit 1; fi; \
	exit $$status

# wrk drives the load benchmarks on loopback.
loadgen:
	@command -v wrk >/dev/null || { \
		[ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || \
		echo "Для нагрузочных замеров установите wrk: sudo apt-get install wrk"

# Every benchmark script; each prints `BENCH <name> <value> <unit>` lines. With DATABASE_URL
# set they run on PostgreSQL, in a database of their own (<name>_bench).
bench: install loadgen
	@for script in tests/bench/bench_*.py; do \
		echo "# $$script"; $(BIN)/python $$script || exit 1; \
	done

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: install
	$(BIN)/python manage.py load_demo

# A worker for DATABASE_URL + REDIS_URL setups outside docker-compose.
worker: install
	$(BIN)/celery -A moc_portal worker -l info --concurrency 2

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
