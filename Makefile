# The two commands a newcomer needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := DEBUG=1 $(BIN)/python manage.py

.PHONY: run setup test test-fast lint install chromium lock clean bench map messages translations translation-stats

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed

run: setup  ## Embedded SQLite database with the demo inventory, served on http://127.0.0.1:8000
	$(MANAGE) runserver 127.0.0.1:8000

# The interface languages (README "Languages"): the catalogues locale/*/LC_MESSAGES/django.po
# are source, the compiled .mo files build output (.gitignore). `make messages` brings the
# catalogues in line with the code after adding or changing a string; tests/test_translations.py
# fails while one is missing, untranslated, fuzzy or obsolete.
MESSAGES_OPTIONS := --ignore=var --ignore=bench --ignore=data --ignore=tests --no-obsolete
LANGUAGES := fr de it es pl

translations: install  ## Compile the message catalogues (.po -> .mo); needs gettext's msgfmt
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] \
		&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; } \
		|| { echo "msgfmt is missing: apt-get install gettext"; exit 1; }
	$(MANAGE) compilemessages --ignore=.venv --ignore=var --ignore=bench --ignore=data --ignore=tests

messages: install  ## Re-extract the strings into the catalogues of every language
	$(MANAGE) makemessages $(addprefix -l ,$(LANGUAGES)) $(MESSAGES_OPTIONS)

translation-stats:  ## Strings per language: translated, fuzzy, untranslated (msgfmt)
	@for lang in $(LANGUAGES); do printf '%s: ' $$lang; \
		msgfmt --statistics -o /dev/null locale/$$lang/LC_MESSAGES/django.po 2>&1; done

setup: install translations  ## Migrate, load the demo inventory, create the demo accounts
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) create_demo_users

test: install chromium translations  ## The whole suite; set DATABASE_URL to run it on PostgreSQL
	$(BIN)/python -m pytest

# Local runs only (CI runs `make test`): keeps the test database between runs, so a run
# starts in ~3 s instead of ~17 s. After editing an existing migration: ARGS=--create-db.
test-fast: install translations  ## The suite (or ARGS="tests/test_x.py") on a kept test database
	$(BIN)/python -m pytest --reuse-db $(ARGS)

chromium:  ## Debian's chromium for the browser tests (Playwright never downloads one)
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] \
		&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
		|| echo "chromium is not installed: browser tests will be skipped (apt-get install chromium)"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

lock:  ## Re-pin requirements.lock from pyproject.toml
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

bench: install  ## Benchmark on PostgreSQL with the scale data (README "Benchmark"); ~20 min
	@for tool in wrk nginx redis-server; do \
		command -v $$tool >/dev/null && continue; \
		[ "$$(id -u)" = 0 ] || { echo "$$tool is not installed: apt-get install $$tool (as root)"; exit 1; }; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$tool || exit 1; \
	done
	$(BIN)/python -m bench.run

map: install  ## Regenerate guidance/static/guidance/map/europe.svg from data/world-atlas/ (offline)
	$(BIN)/python scripts/build_map.py
