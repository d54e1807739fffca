PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
# The commands that serve or seed use the embedded defaults; the tests choose their own
# settings (pyproject.toml), so nothing is exported here.
DEV := DJANGO_SETTINGS_MODULE=academy.settings.dev WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:$(PORT)}

.PHONY: run test setup migrate seed lint lint-imports benchmark benchmark-certificates benchmark-rush screenshots benchmark-page-experience

$(VENV)/.installed: pyproject.toml
	@PYTHON=$$(scripts/find-python) || exit 1; \
	  test -x $(PY) || $$PYTHON -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	scripts/check-system-libs $(PY)
	touch $@

setup: $(VENV)/.installed
	@mkdir -p var

migrate: setup
	$(DEV) $(PY) manage.py migrate --noinput

seed: migrate
	$(DEV) $(PY) manage.py seed_demo

run: seed
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	scripts/ensure-chromium
	env -u DJANGO_SETTINGS_MODULE $(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# The one-way chain of apps (pyproject.toml, [tool.importlinter]; README, "Layers").
lint-imports: setup
	$(VENV)/bin/lint-imports

benchmark: setup
	$(PY) benchmarks/run.py

# Needs PostgreSQL on 127.0.0.1 (user postgres), Redis and wrk; see benchmarks/README.md.
benchmark-rush: setup
	$(PY) benchmarks/rush.py

# Needs PostgreSQL on 127.0.0.1 (user postgres) and Redis; see benchmarks/README.md.
benchmark-certificates: setup
	$(PY) benchmarks/certificate_batch.py

# docs/screenshots/*.png from a freshly seeded demo (its own database in var/).
screenshots: setup
	$(PY) benchmarks/page_experience.py --screenshots

# Largest Contentful Paint of home, catalogue and course page on a throttled phone.
benchmark-page-experience: setup
	$(PY) benchmarks/page_experience.py --lcp
