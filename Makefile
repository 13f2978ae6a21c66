# brandcouch: `make demo` and `make test` each set everything up from a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
CHROMIUM ?= /usr/bin/chromium
# customers write emoji: without a colour emoji font, PDFs and screenshots show empty boxes
EMOJI_FONT := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf

.PHONY: demo test lint browser spark bench train clean

# setup.py builds the optional C extensions (src/brandcouch/signals/_ngrams.c, _vader.c): a
# change to one reinstalls, which recompiles
$(STAMP): pyproject.toml setup.py src/brandcouch/signals/_ngrams.c src/brandcouch/signals/_vader.c \
		src/brandcouch/signals/_cbuf.h
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/brandcouch demo

# Debian's chromium for the browser tests and `report --pdf` (never a browser download), an emoji
# font, and strace for the
# offline trace test (tests/browser/test_offline.py); skipped when not root.
browser:
	@pkgs=""; \
	[ -x $(CHROMIUM) ] || pkgs="chromium fonts-dejavu-core"; \
	[ -e $(EMOJI_FONT) ] || pkgs="$$pkgs fonts-noto-color-emoji"; \
	command -v strace >/dev/null || pkgs="$$pkgs strace"; \
	if [ -n "$$pkgs" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "installing$$pkgs for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$pkgs) >/dev/null \
	      || echo "could not install$$pkgs: browser tests will be skipped"; \
	  else echo "missing$$pkgs and not root: browser tests will be skipped"; fi; \
	fi

# the optional Spark engine (issue 16): PySpark and sqlglot into the same virtualenv. Never part
# of `make demo`; `.ci/run` uses it so that tests/spark run in CI (pip caches the built wheel of
# PySpark's sdist in ~/.cache/pip, so a second install takes seconds).
spark: $(STAMP)
	@$(PY) -m pip install --quiet -e '.[dev,spark]'

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench scripts labels

test: $(STAMP) browser lint
	$(PY) -m pytest -q -n 2 --dist loadfile

bench: $(STAMP)
	$(PY) bench/bench_signals.py
	$(PY) bench/bench_pipeline.py

train: $(STAMP)
	$(PY) scripts/train_signals.py

clean:
	rm -rf $(VENV) brandcouch-demo brandcouch.duckdb .pytest_cache build
	find src -name '*.so' -delete
