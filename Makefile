# Quick start: `make demo` runs the main job, `make test` runs the tests.
# Each target creates .venv when it is missing or older than pyproject.toml.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := .demo

.PHONY: demo test lint typecheck unit browser sparql-servers bench bench-quick clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

demo: $(STAMP)
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/chipkg ingest examples/articles --store $(DEMO)/store
	@echo; echo "== Which firms are conditionally approved, by whom, on what conditions, per which sources?"
	@$(BIN)/chipkg ask conditionally-approved --store $(DEMO)/store
	@echo; echo "== What conditions are attached?"
	@$(BIN)/chipkg ask conditions --store $(DEMO)/store
	@echo; echo "== Who restricts the H200?"
	@$(BIN)/chipkg ask "who restricts the H200?" --store $(DEMO)/store
	@echo; echo "== What does the Chinese government restrict (its customs and agencies too)?"
	@$(BIN)/chipkg ask restrictions --regulator "Chinese government" --store $(DEMO)/store
	@echo
	@$(BIN)/chipkg viz --store $(DEMO)/store -o $(DEMO)/graph.html
	@echo "HTML graph: $(CURDIR)/$(DEMO)/graph.html"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@$(MAKE) --no-print-directory .build/pkg
	cd .build/pkg && PYTHONPATH=. ../../$(BIN)/lint-imports --config ../../pyproject.toml

# mypy and import-linter read packages from disk and cannot follow the package-dir
# mapping of an editable install, so they check a copy laid out as the installed package.
.build/pkg: FORCE
	@rm -rf .build/pkg && mkdir -p .build/pkg/chipkg
	@cp -r chipkg/. .build/pkg/chipkg/
	@for d in ontology loaders graph queries; do \
	  cp -r $$d .build/pkg/chipkg/$$d; done
	@find .build/pkg -name __pycache__ -prune -exec rm -rf {} +

typecheck: $(STAMP) .build/pkg
	$(BIN)/mypy .build/pkg/chipkg

FORCE:

browser:
	@bash .ci/install-browser

unit: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck browser sparql-servers unit

sparql-servers:
	@bash .ci/install-virtuoso

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks.run --quick

clean:
	rm -rf $(VENV) .build $(DEMO) .pytest_cache .mypy_cache .ruff_cache
