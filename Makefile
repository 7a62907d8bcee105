# Everything runs inside .venv, made on first use from pyproject.toml: a fresh machine needs
# only Python 3.11 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test test-site qa bench samples clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

serve: $(STAMP)  ## preview at http://127.0.0.1:8000, rebuilding when docs/, captions.yaml or images/ change
	$(BIN)/atlas serve --addr 127.0.0.1:8000

build: $(STAMP)  ## strict build into site/ (the previous site/ is kept if anything fails)
	$(BIN)/atlas build

check: $(STAMP)  ## validate captions.yaml and the photo files only
	$(BIN)/atlas check

test: $(STAMP)  ## the whole test suite, browser tests included (they need Debian's chromium package)
	$(BIN)/python -m pytest

test-site: $(STAMP)  ## only the checks on the built site: links, HTML, hosts, page weight, browser
	$(BIN)/python -m pytest tests/site tests/browser

qa: build  ## check site/ as built: links, alt text, HTML, other hosts, page weight (prints figures)
	$(BIN)/python -m atlas.qa site

samples: $(STAMP)  ## redraw the sample images
	$(BIN)/atlas make-samples --force

clean:
	rm -rf site .cache .site.*
