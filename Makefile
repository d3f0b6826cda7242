# The two commands a newcomer needs: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/newsreader
CHROMIUM := /usr/bin/chromium

.PHONY: run serve worker test test-postgres test-sqlite install install-dev install-train browser postgres lint bench bench-reading bench-annotations train-quotes score-quotes screenshots clean

# --- run the app on SQLite with the seed files (fixtures/ and the demo articles in fixtures/demo/,
# imported recursively) and a demo login --------------------------------------------------------
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_seeds fixtures/
	@$(BIN)/python manage.py demo_user
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# --- production: gunicorn on the configured database (README, "Deployment") -------------------
# Migrations are the operator's step (manage.py migrate): serve refuses to start with unapplied
# ones rather than altering a production database by itself. Workers: 2 x cores + 1, at most 8
# (each keeps its own page cache, up to ~50 MB); WEB_CONCURRENCY and BIND override.
WEB_CONCURRENCY ?= $(shell n=$$(( 2 * $$(nproc) + 1 )); echo $$(( n < 8 ? n : 8 )))
BIND ?= 127.0.0.1:8000
serve: install
	@$(BIN)/python manage.py migrate --check || { echo "make serve: the database is unreachable\
	 or has unapplied migrations; run $(BIN)/python manage.py migrate first." >&2; exit 1; }
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py createcachetable  # CACHE_URL=database; does nothing otherwise
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/gunicorn newsreader.wsgi --bind $(BIND) --workers $(WEB_CONCURRENCY) \
		--timeout 60 --graceful-timeout 30 --access-logfile -

# --- the background worker: runs queued imports (README, "Deployment"). Run one or more beside
# make serve, on any machine that reaches the database; they share the queue. Without
# TASKS_BACKEND it works on the database queue (make run imports in the request instead).
worker: install
	TASKS_BACKEND=$${TASKS_BACKEND:-database} $(BIN)/python manage.py db_worker --no-reload

# --- install what the tests need, start PostgreSQL, run the suite on both databases -----------
test: install-train browser postgres
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q
	DATABASE_URL=sqlite:///db-test.sqlite3 $(BIN)/pytest -q

test-postgres: install-dev postgres
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q $(ARGS)

test-sqlite: install-dev
	DATABASE_URL=sqlite:///db-test.sqlite3 $(BIN)/pytest -q $(ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

$(VENV)/.installed-train: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,train]'
	touch $@

install-train: $(VENV)/.installed-train

# --- the quotation models: trained from ../shared/corpus (never copied here), then scored ------
train-quotes: install-train
	$(BIN)/python bench/train_quotes.py

score-quotes: install-train
	$(BIN)/python bench/score_quotes.py --cv 5
	$(BIN)/python bench/score_quotes.py --speed

# The README's screenshots (docs/screenshots/): the app on a throwaway SQLite database with the
# demo, photographed by Chromium; Debian's pngquant makes the PNGs small.
screenshots: install-dev browser
	@if ! command -v pngquant >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pngquant >/dev/null \
		|| echo "no pngquant: the screenshots are saved larger"; \
	fi
	$(BIN)/python bench/screenshots.py

# Debian's Chromium for the browser tests (never `playwright install`: it cannot download here).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# PostgreSQL runs on every development and CI machine; start it when it is down.
postgres:
	@if ! pg_isready -q -h 127.0.0.1 -p 5432; then \
		echo "Starting PostgreSQL"; \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
		for i in $$(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
	fi

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The reading pages against a trivial view and raw SQL in the same run (docs/benchmarks.md,
# "Reading"): 100,000 articles, then a copy with a million quotations. The databases are filled
# on the first run (a few minutes) and reused after; BENCH_ARGS adds options (--requests 30).
# The import benchmark: $(BIN)/python bench/import_bench.py.
bench: install-dev postgres
	$(BIN)/python bench/reading_bench.py --reuse --quotations 1000000 $(BENCH_ARGS)

# The same at 100,000 articles only.
bench-reading: install-dev postgres
	$(BIN)/python bench/reading_bench.py --reuse $(BENCH_ARGS)

bench-annotations: install-dev postgres
	DATABASE_URL=$(PG_URL) $(BIN)/python bench/annotation_bench.py

clean:
	rm -rf $(VENV) db.sqlite3 db-test.sqlite3 staticfiles *.egg-info
