PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_SETTINGS_MODULE ?= academy.settings.dev

.PHONY: run test setup migrate seed lint benchmark

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
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	scripts/ensure-chromium
	$(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check .

benchmark: setup
	$(PY) benchmarks/run.py
