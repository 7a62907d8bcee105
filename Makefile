# Everything runs inside .venv, made on first use from pyproject.toml: a fresh machine needs
# only Python 3.11 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# The site engine: mkdocs (MkDocs 1.6 + Material, the default) or zensical (README, "Engines").
ENGINE ?= mkdocs

# What staff type after a target (REASON="she said \"no\"", a FILE path with spaces or an
# apostrophe) reaches the command exactly as typed and is never run: `$(value ...)` takes the
# text before make expands any `$` in it, `:=` keeps it from being expanded later, and the
# recipes read it from the environment as "$$REASON", so the shell never parses the value.
override ID      := $(value ID)
override REASON  := $(value REASON)
override FILE    := $(value FILE)
override GALLERY := $(value GALLERY)
override FORMAT  := $(value FORMAT)
override DAYS    := $(value DAYS)
export ID REASON FILE GALLERY FORMAT DAYS

.PHONY: serve edit build check readability test test-site qa bench bench-pages samples clean add-photo withdraw permissions takedown

# The npm packages (scripts/node/package.json): the staff editor, Decap CMS, and its local backend.
NODE_STAMP := scripts/node/node_modules/.installed
$(NODE_STAMP): scripts/node/package.json scripts/node/package-lock.json
	npm ci --prefix scripts/node --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,zensical]"
	touch $(STAMP)

serve: $(STAMP)  ## preview at http://127.0.0.1:8000, rebuilding when docs/, captions.yaml or images/ change [ENGINE=zensical]
	$(BIN)/atlas serve --addr 127.0.0.1:8000 --engine "$(ENGINE)"

edit: $(STAMP) $(NODE_STAMP)  ## the staff editor at http://127.0.0.1:8000/admin/ beside the preview, saving to this folder
	$(BIN)/atlas serve --editor --addr 127.0.0.1:8000 --engine "$(ENGINE)"

build: $(STAMP)  ## strict build into site/ (the previous site/ is kept if anything fails) [ENGINE=zensical]
	@# The editor's code is installed if it can be; if npm fails, the site is built without /admin/:
	@# the editor must never hold back a build (or the takedown it carries).
	@$(MAKE) --no-print-directory $(NODE_STAMP) || echo "note: the staff editor could not be installed; building without /admin/"
	$(BIN)/atlas build --engine "$(ENGINE)"

check: $(STAMP)  ## validate captions.yaml and the photo files only
	$(BIN)/atlas check

readability: $(STAMP)  ## reading grade of each patient page, and percentages without "about 1 in 10"
	$(BIN)/atlas readability

# The checks of a built site, run a second time on Zensical's output: links, HTML, other hosts,
# page weight, permission leaks, image privacy, takedown, CSP and the browser suite. (The
# staff-text and engine tests build with both engines themselves.)
ENGINE_CHECKS := tests/site tests/browser tests/building/test_site_build.py tests/building/test_photo_pages.py \
                 tests/images/test_whole_build.py tests/test_takedown.py tests/staff/test_walkthrough.py

test: $(STAMP) $(NODE_STAMP)  ## the whole test suite on MkDocs, then the built-site checks on Zensical (browser tests need Debian's chromium)
	$(BIN)/python -m pytest
	ATLAS_ENGINE=zensical $(BIN)/python -m pytest $(ENGINE_CHECKS)

add-photo: $(STAMP)  ## add a photo as pending: make add-photo FILE=path/to/photo.jpg GALLERY=gallery-id [ID=photo-id]
	$(BIN)/atlas add-photo "$$FILE" --gallery "$$GALLERY" $(if $(ID),--id "$$ID")

withdraw: $(STAMP)  ## take a photo down: make withdraw ID=photo-id REASON="asked by the patient"
	$(BIN)/atlas withdraw "$$ID" --reason "$$REASON"

permissions: $(STAMP)  ## every photo's permission: make permissions [FORMAT=table|csv|md] [DAYS=60]
	@# @: make must not echo this line, or `make permissions FORMAT=csv > list.csv` would start with it.
	@$(BIN)/atlas permissions $(if $(FORMAT),--format "$$FORMAT") $(if $(DAYS),--expiring-within "$$DAYS")

takedown: $(STAMP)  ## remove from site/ every page, image, search and sitemap entry of photos that may no longer be published (used by the publish workflow when a build fails)
	$(BIN)/atlas takedown

bench: $(STAMP)  ## time the photo pipeline (cold, warm, one caption changed, naive Pillow) and each engine on the sample site and a 300-photo catalog
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python -m atlas.bench --photos $(or $(PHOTOS),8)

bench-pages: $(STAMP) $(NODE_STAMP)  ## Lighthouse (mobile, offline) on the home, gallery, photo and longest article pages against a stock Material page of the same text [RUNS=2] [PAGES=home,article]
	$(BIN)/python -m atlas.benchpages --runs $(or $(RUNS),2) $(if $(PAGES),--pages "$(PAGES)")

test-site: $(STAMP)  ## only the checks on the built site: links, HTML, hosts, page weight, browser [ENGINE=zensical]
	ATLAS_ENGINE="$(ENGINE)" $(BIN)/python -m pytest tests/site tests/browser

qa: build  ## check site/ as built: links, alt text, HTML, other hosts, page weight (prints figures)
	$(BIN)/python -m atlas.qa site

samples: $(STAMP)  ## redraw the sample images
	$(BIN)/atlas make-samples --force

clean:
	rm -rf site .cache .site.*
