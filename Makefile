# Klimapakt Düsseldorf website. `make help` lists the targets.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
DEMO_REGISTRY := build/demo/partners.yml
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve build check release-check test test-fast test-alone test-browser-load compare-generators demo serve-demo bench audit schema chromium java server-tools clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): requirements.txt $(wildcard requirements/*.txt) pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -e .
	touch $(STAMP)

# Live reload: besides docs/ and mkdocs.yml, `mkdocs serve` rebuilds when the registries, the
# package's templates, overrides/ or the glue files change (-w here, not `watch:` in mkdocs.yml,
# which every build would require to exist). A change to the package's Python code restarts the
# server (watchmedo, from the pinned watchdog): a rebuild would still run the code imported before.
WATCH := -w partners.yml -w events.yml -w kennzahlen.yml -w overrides -w klimapakt -w hooks.py -w macros.py
SERVE := $(VENV)/bin/watchmedo auto-restart --directory klimapakt --recursive --patterns '**/*.py' \
	--debounce-interval 1 -- $(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000 $(WATCH)

serve: $(STAMP) ## Install everything and serve the site with live reload on http://127.0.0.1:8000
	$(SERVE)

build: $(STAMP) ## Build the static site into site/
	$(VENV)/bin/mkdocs build --strict

check: $(STAMP) ## Check partners.yml and events.yml (same rules as the build)
	$(PY) -m klimapakt check

release-check: $(STAMP) ## Check as before publishing: partners.yml, events.yml and every legally required value in mkdocs.yml
	$(PY) -m klimapakt check --release

$(DEMO_REGISTRY): $(STAMP) klimapakt/demo.py
	$(PY) -m klimapakt demo --count 60 --output $(DEMO_REGISTRY)

demo: $(DEMO_REGISTRY) ## Build the site with 60 fictional demo partners into site/
	KLIMAPAKT_REGISTRY=$(DEMO_REGISTRY) $(VENV)/bin/mkdocs build --strict

serve-demo: $(DEMO_REGISTRY) ## Serve the demo site with live reload
	KLIMAPAKT_REGISTRY=$(DEMO_REGISTRY) $(SERVE) -w $(DEMO_REGISTRY)

chromium: ## Install Debian's chromium for the browser tests (needs root or sudo)
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The pinned quality tools of package.json (axe-core, vnu-jar, lighthouse). --ignore-scripts:
# vnu-jar's install script would download a JDK; the tests run vnu.jar on Debian's Java.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node 20) is needed for the test tools (apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

java: ## Install a Java runtime for the Nu Html Checker if there is none (needs root or sudo)
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }

# The hosting tests start Debian's nginx (with the brotli module) and OpenSSH on 127.0.0.1 and deploy
# with rsync (tests/hosting/); the tests run their own instances from temporary folders.
SERVER_TOOLS := nginx-light libnginx-mod-http-brotli-static openssh-server openssh-client rsync openssl
server-tools: ## Install nginx, OpenSSH and rsync for the hosting tests (needs root or sudo)
	@test -x /usr/sbin/nginx -a -x /usr/sbin/sshd -a -x /usr/bin/rsync -a -x /usr/bin/openssl \
	  -a -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(SERVER_TOOLS) >/dev/null; }

# KLIMAPAKT_REQUIRE_TOOLS: the npm tools and Java are installed above, so a test marked `npm` or
# `java` fails rather than skips when one is missing (tests/quality/tools.py).
# The tests without a browser run on every core (pytest-xdist; --dist loadfile keeps a file's tests,
# and so its module fixtures, in one worker; tests/helpers/worker_share.py builds the shared sites once
# for all workers); the browser tests then run in one process, as their timings were measured.
XDIST := -n auto --dist loadfile
test: $(STAMP) chromium java server-tools $(NODE_STAMP) ## Run all tests (unit, build, browser, quality gates)
	KLIMAPAKT_REQUIRE_TOOLS=1 $(PY) -m pytest -m "not browser" $(XDIST)
	KLIMAPAKT_REQUIRE_TOOLS=1 $(PY) -m pytest -m browser

test-fast: $(STAMP) ## Run the tests without a browser (tests marked npm or java skip if their tools are missing)
	$(PY) -m pytest -m "not browser" $(XDIST)

test-alone: $(STAMP) ## Run each test file, then each test folder, on its own (browser tests collected only), as a check that none needs another
	$(PY) scripts/tests_alone.py
	$(PY) scripts/tests_alone.py --folders

test-browser-load: $(STAMP) chromium java $(NODE_STAMP) ## Run the browser tests while busy loops keep every CPU core busy
	KLIMAPAKT_REQUIRE_TOOLS=1 scripts/under_load.sh $(PY) -m pytest -m browser

compare-generators: $(STAMP) ## Build with MkDocs and with ProperDocs; fail unless both write the same site
	$(PY) scripts/compare_generators.py

bench: $(STAMP) ## Benchmark the build with 100 to 5,000 demo partners
	$(PY) scripts/bench.py

audit: $(STAMP) chromium $(NODE_STAMP) ## Lighthouse scores for start page, directory and a profile (audit/)
	$(PY) scripts/audit.py

schema: $(STAMP) ## Regenerate the JSON Schemas, the field table in CONTRIBUTING.md and the import template
	$(PY) -m klimapakt schema --write
	$(PY) -m klimapakt fields --write
	$(PY) -m klimapakt template
	$(PY) -m klimapakt editor-config --write

clean: ## Remove build output
	rm -rf site build .pytest_cache
