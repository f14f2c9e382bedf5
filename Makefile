# Zaakwerk: `make run` starts it, `make test` tests it. Both work on a fresh clone.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
PYTEST_WORKERS ?= 2

.PHONY: install run test test-fast conformance bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

run: install
	$(BIN)/zaakwerk migrate --noinput
	$(BIN)/zaakwerk demo
	@echo
	@echo "Zaakwerk on http://127.0.0.1:$(PORT)/"
	@echo "  APIs:   http://127.0.0.1:$(PORT)/{zaken,catalogi,autorisaties,notificaties,referentielijsten}/api/v1/"
	@echo "  Admin:  http://127.0.0.1:$(PORT)/admin/  (login: beheer / beheer)"
	@echo "  Demo API client: client_id 'demo', secret 'demo-secret' (all permissions)"
	@echo "  Notifications: delivered by a 'zaakwerk worker' running beside the server"
	@echo
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/zaakwerk worker & worker=$$!; \
	$(BIN)/zaakwerk serve --bind 127.0.0.1:$(PORT)

# the whole suite: unit, API, conformance (newman) and schemathesis tests
test: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

# everything except the slow live-server suites
test-fast: $(VENV)/.installed
	$(BIN)/pytest -n $(PYTEST_WORKERS) -p no:cacheprovider -m "not conformance and not schemathesis"

conformance: install
	$(BIN)/pytest -p no:cacheprovider -m conformance -v

# the benchmark (PostgreSQL cluster of its own, pgbench floor, load generator, memory, notifications);
# see the README's Performance section. Knobs: BENCH_ZAKEN, BENCH_DURATION, BENCH_CLIENTS, BENCH_ONLY
bench: install
	bash bench/run

clean:
	rm -rf $(VENV) node_modules var
