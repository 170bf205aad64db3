# Thin wrapper over CMake. `make serve` and `make test` are the two commands a newcomer needs.
SHELL := /bin/bash
MAKEFLAGS += --no-print-directory
.DEFAULT_GOAL := help
JOBS ?= $(shell nproc)
NATIVE := build/native
WEB := build/web
DIST := dist
PORT ?= 8080
export NODE_PATH := /usr/share/nodejs
NOTO := /usr/share/fonts/truetype/noto
# Latin-1 plus the punctuation our number formats use; measured in the closing notes.
FONT_UNICODES := U+0020-00FF,U+2013-2014,U+2022,U+2026,U+2212

.PHONY: help setup native web cjk-fonts dist serve test test-native test-browser bench clean

help:
	@echo "make serve   build everything and serve the dashboard at http://127.0.0.1:$(PORT)/"
	@echo "make test    build everything and run every test (native and browser)"
	@echo "make bench   print benchmark figures (decimation, chart frames, ingest: native, wasm, browser; app shell size; vs uPlot)"

setup:
	@scripts/setup.sh

native: setup
	@cmake -S . -B $(NATIVE) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(NATIVE) -j $(JOBS)

web: setup
	@emcmake cmake -S . -B $(WEB) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(WEB) -j $(JOBS)

$(DIST)/fonts/%.subset.ttf: $(NOTO)/%.ttf | setup
	@mkdir -p $(@D)
	@/usr/bin/python3 -m fontTools.subset $< --unicodes=$(FONT_UNICODES) --layout-features='kern' --no-hinting \
	  --desubroutinize --output-file=$@

# Chinese glyphs: a small subset with exactly what the UI and the shipped snapshots use
# (loaded at start), and a GB2312 level-1 fallback the page fetches only when a snapshot
# names characters the small one lacks.
CJK := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
CJK_SUBSET = /usr/bin/python3 -m fontTools.subset $(CJK) --font-number=2 --no-hinting \
  --desubroutinize --layout-features='' --text-file=$(1) --output-file=$(2)

cjk-fonts: | setup
	@mkdir -p $(DIST)/fonts build
	@/usr/bin/python3 scripts/cjk_text.py . $(DIST)/data/snapshot-*.json > build/cjk-ui.txt
	@/usr/bin/python3 scripts/cjk_text.py --gb2312 . $(DIST)/data/snapshot-*.json > build/cjk-ext.txt
	@cmp -s build/cjk-ui.txt build/cjk-ui.used 2>/dev/null && [ -f $(DIST)/fonts/NotoSansSC-ui.subset.otf ] || { \
	  $(call CJK_SUBSET,build/cjk-ui.txt,$(DIST)/fonts/NotoSansSC-ui.subset.otf) && cp build/cjk-ui.txt build/cjk-ui.used; }
	@cmp -s build/cjk-ext.txt build/cjk-ext.used 2>/dev/null && [ -f $(DIST)/fonts/NotoSansSC-ext.subset.otf ] || { \
	  $(call CJK_SUBSET,build/cjk-ext.txt,$(DIST)/fonts/NotoSansSC-ext.subset.otf) && cp build/cjk-ext.txt build/cjk-ext.used; }

dist: native web $(DIST)/fonts/NotoSans-Regular.subset.ttf $(DIST)/fonts/NotoSans-Bold.subset.ttf
	@mkdir -p $(DIST)/data
	@cp web/index.html web/divboard.css assets/favicon.svg $(DIST)/
	@# The page's scripts and Emscripten's glue ship minified by terser (npm, pinned in
	@# package-lock.json): about 5 KB brotli of the 400 KB shell budget. web/ keeps them readable.
	@for f in preload.js loader.js local_file.js; do \
	  node_modules/.bin/terser web/$$f --compress --mangle --ecma 2020 -o $(DIST)/$$f && node --check $(DIST)/$$f || exit 1; done
	@node_modules/.bin/terser $(WEB)/divboard.js --compress --mangle --ecma 2020 -o $(DIST)/divboard.js
	@cp $(WEB)/divboard.wasm $(DIST)/
	@$(NATIVE)/divboard gen --seed 1 --out $(DIST)/data --packed >/dev/null
	@$(MAKE) cjk-fonts
	@scripts/sizes.sh $(DIST)

serve: dist
	@scripts/serve.sh $(DIST) $(PORT)

# The native benchmarks are built (not run) here too, so a change cannot leave `make bench` broken.
test-native: native
	@cmake --build $(NATIVE) --target decimate_bench chart_bench dashboard_frame_bench ingest_bench -j $(JOBS) >/dev/null
	@cd $(NATIVE) && ctest --output-on-failure -j $(JOBS)

test-browser: dist
	@node --test --test-concurrency=1 tests/browser/

test: test-native test-browser test-fuzz-short

# Benchmarks print figures; they are not part of `make test` (timings flake on shared machines).
# `dist` because the shell-size table and the uPlot comparison measure the built page.
bench: dist
	@scripts/bench.sh

clean:
	rm -rf build $(DIST)

# Hostile input (docs/deploying.md): libFuzzer over the loaders and the URL policy, and the
# native suite under ASan+UBSan, each in its own build tree.
.PHONY: fuzz test-fuzz-short test-sanitize
FUZZ_SECONDS ?= 300
FUZZ_SHORT_SECONDS ?= 30
SANITIZE := build/sanitize

fuzz: setup
	@scripts/fuzz.sh $(FUZZ_SECONDS)

test-fuzz-short: setup
	@scripts/fuzz.sh --short $(FUZZ_SHORT_SECONDS)

test-sanitize: setup
	@cmake -S . -B $(SANITIZE) -DDIVBOARD_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(SANITIZE) -j $(JOBS)
	@cd $(SANITIZE) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)
