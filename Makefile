# Everything a fresh machine needs is installed from here: `make demo`, `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= demo/attribution.db
PORT   ?= 8001

.PHONY: demo test bench browser install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the project's metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# The browser test drives Debian's Chromium; install it when it is missing.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "Installing Chromium for the browser test (Debian packages)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	  || echo "warning: could not install chromium; the browser test will be skipped"; \
	fi

test: install browser
	$(BIN)/python -m pytest -q

demo: install
	@mkdir -p $(dir $(DB))
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/attribution ingest seeds --db $(DB)
	$(BIN)/attribution link --db $(DB)
	@echo "Serving the seeds on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/attribution serve --db $(DB) --port $(PORT)

bench: install
	$(BIN)/python -m benchmarks.audit
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) demo .pytest_cache
