# AllianceGraph: the two entry points of the README.
#   make demo  installs what is missing, builds in release mode and runs the main job
#   make test  installs what is missing and runs the whole test suite
SWIFT ?= swift
OUT ?= out
# ATOP/COW/MID data for the report's "What history says" (used when present).
HISTORY ?= ../shared/data
RELEASE_BIN = .build/release/alliance

.PHONY: demo demo-graph test setup release bench basemap clean install uninstall manual diagrams report-pdf tsan asan fuzz fuzz-build fuzz-smoke spark-test

setup:
	@bash scripts/setup.sh

release: setup
	$(SWIFT) build -c release --product alliance

# Main job: the HTML report on the built-in curated dataset (focus Pakistan, an OIC member),
# plus the headline tables on the terminal.
demo: release
	@mkdir -p $(OUT)
	$(RELEASE_BIN) info
	$(RELEASE_BIN) strategies --group oic --format csv > $(OUT)/oic-strategies.csv
	$(RELEASE_BIN) report --out $(OUT)/report.html $(if $(wildcard $(HISTORY)/atop),--history $(HISTORY))
	@echo "open $(OUT)/report.html in a browser"

# The large-graph job of the foundation: generate, convert and rank a Kronecker graph.
demo-graph: release
	@mkdir -p $(OUT)
	$(RELEASE_BIN) generate kronecker --scale 16 --edge-factor 16 --seed 1 --out $(OUT)/kronecker-16.bin
	$(RELEASE_BIN) info $(OUT)/kronecker-16.bin
	$(RELEASE_BIN) convert $(OUT)/kronecker-16.bin $(OUT)/kronecker-16.el
	$(RELEASE_BIN) metrics $(OUT)/kronecker-16.bin --metric pagerank,betweenness,core --samples 256 --top 10

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The PySpark jobs on a local standalone cluster (master + two workers on 127.0.0.1), checked
# against `alliance metrics`; creates its venv outside the repository (spark/test.sh).
spark-test:
	bash spark/test.sh

# Micro-benchmarks (package-benchmark, in the nested Benchmarks package).
bench: setup
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

# The README's diagrams (docs/diagrams/*.png, committed): one per layout, curated dataset.
DIAGRAMS = docs/diagrams
diagrams: release
	@mkdir -p $(DIAGRAMS)
	$(RELEASE_BIN) render --layout force --top 80 --focus Pakistan --dpi 54 --out $(DIAGRAMS)/force.png --quiet
	$(RELEASE_BIN) render --layout geo --dpi 54 --out $(DIAGRAMS)/geo.png --quiet
	$(RELEASE_BIN) render --layout ego --focus Pakistan --dpi 72 --out $(DIAGRAMS)/ego.png --quiet
	$(RELEASE_BIN) render --layout alliances --min-members 5 --dpi 54 --out $(DIAGRAMS)/alliances.png --quiet

# Regenerates the world basemap (Sources/AllianceRender/BasemapData.swift, committed) from
# Debian's GSHHG through GMT, installing the two packages when missing (needs root then).
# Building and testing need neither.
BASEMAP_PACKAGES = gmt gmt-gshhg-low
basemap:
	@missing=""; for p in $(BASEMAP_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "basemap: installing$$missing" >&2; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	python3 scripts/basemap/build_basemap.py

clean:
	rm -rf .build $(OUT)

# Install the release binary, shell completions and the man page under PREFIX
# (`make install PREFIX=$HOME/.local` needs no root). The man page comes from the help
# text through swift-argument-parser's generate-manual plugin.
PREFIX ?= /usr/local
DESTDIR ?=
MANUAL_DIR = .build/manual

manual: release
	@mkdir -p $(MANUAL_DIR)
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --output-directory $(MANUAL_DIR)
	@# The model parameters sit behind --help-hidden, which the generator skips: add them.
	@{ printf '\n%s\n' '.SH "MODEL PARAMETERS"'; \
	  printf '%s\n' 'Every analysis command takes these (DESIGN 5); \fBalliance\fR \fIcommand\fR \fB\-\-help\-hidden\fR lists them too.'; \
	  printf '%s\n' '.nf'; \
	  $(RELEASE_BIN) gaps --help-hidden | sed -n '/^MODEL PARAMETERS:/,/^OPTIONS:/p' | sed '1d;$$d' | sed 's/\\/\\\\/g; s/^\./\\\&./'; \
	  printf '%s\n' '.fi'; } >> $(MANUAL_DIR)/alliance.1

install: release manual
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/alliance
	install -m 644 $(MANUAL_DIR)/alliance.1 $(DESTDIR)$(PREFIX)/share/man/man1/alliance.1
	$(RELEASE_BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/alliance
	$(RELEASE_BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_alliance
	$(RELEASE_BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/alliance.fish
	@echo "installed $(DESTDIR)$(PREFIX)/bin/alliance"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/alliance $(DESTDIR)$(PREFIX)/share/man/man1/alliance.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/alliance \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_alliance \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/alliance.fish

# The report on paper: installs headless Chromium and poppler-utils when missing (as root),
# writes $(OUT)/report.html, prints it to $(OUT)/report.pdf and runs the test that prints the
# curated report and checks that every row of every table is in the PDF's text.
REPORT_PDF_PACKAGES = chromium poppler-utils
report-pdf: release
	@missing=""; for package in $(REPORT_PDF_PACKAGES); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
	  echo "report-pdf: installing$$missing" >&2; \
	  if [ "$$(id -u)" -ne 0 ]; then echo "report-pdf: need root to install$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@mkdir -p $(OUT)
	$(RELEASE_BIN) report --out $(OUT)/report.html $(if $(wildcard $(HISTORY)/atop),--history $(HISTORY))
	@profile=$$(mktemp -d); \
	chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir=$$profile \
	  --print-to-pdf=$(OUT)/report.pdf file://$(abspath $(OUT))/report.html 2>/dev/null; \
	status=$$?; rm -rf $$profile; [ $$status -eq 0 ] && [ -s $(OUT)/report.pdf ] || { echo "report-pdf: chromium printed nothing" >&2; exit 1; }
	@echo "wrote $(OUT)/report.pdf ($$(pdfinfo $(OUT)/report.pdf | sed -n 's/^Pages: *//p') pages)"
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter ReportPrintTests

# Sanitizers: the GraphCore and GraphAlgorithms suites (the builder, loaders, atomic writes
# and every parallel kernel, exercised above its parallel threshold) under ThreadSanitizer
# or AddressSanitizer, each build in its own folder so the normal one is left alone.
# SANITIZE_FILTER=. runs the whole suite; SANITIZE_SCRATCH moves the build folders.
SANITIZE_SCRATCH ?= .build
SANITIZE_FILTER ?= GraphCoreTests|GraphAlgorithmsTests
TSAN_OPTIONS ?= halt_on_error=1 second_deadlock_stack=1
ASAN_OPTIONS ?= halt_on_error=1 detect_leaks=1 detect_stack_use_after_return=1
LSAN_OPTIONS ?= suppressions=$(CURDIR)/scripts/lsan-suppressions.txt
tsan: setup
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path $(SANITIZE_SCRATCH)/tsan
	TSAN_OPTIONS="$(TSAN_OPTIONS)" $(SWIFT) test --skip-build --sanitize=thread --scratch-path $(SANITIZE_SCRATCH)/tsan --filter '$(SANITIZE_FILTER)'

asan: setup
	$(SWIFT) build --build-tests --sanitize=address --scratch-path $(SANITIZE_SCRATCH)/asan
	ASAN_OPTIONS="$(ASAN_OPTIONS)" LSAN_OPTIONS="$(LSAN_OPTIONS)" $(SWIFT) test --skip-build --sanitize=address --scratch-path $(SANITIZE_SCRATCH)/asan --filter '$(SANITIZE_FILTER)'

# Fuzzing (Fuzz/README.md): one libFuzzer binary holding every parser target, compiled from
# Sources/ with -sanitize=fuzzer,address into FUZZ_BUILD; `make fuzz SECONDS=N` runs each
# target N seconds (FUZZ_TARGETS="edgelist snapshot" picks some), `make fuzz-smoke` about
# 30 s each, as CI does.
FUZZ_BUILD ?= .build/fuzz
SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 30
FUZZ_TARGETS ?=
fuzz-build: setup
	bash Fuzz/build.sh $(FUZZ_BUILD)

fuzz: fuzz-build
	bash Fuzz/run.sh $(FUZZ_BUILD) $(SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-build
	bash Fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)
