# AllianceGraph: the two entry points of the README.
#   make demo  installs what is missing, builds in release mode and runs the main job
#   make test  installs what is missing and runs the whole test suite
SWIFT ?= swift
OUT ?= out
RELEASE_BIN = .build/release/alliance

.PHONY: demo test setup release bench clean

setup:
	@bash scripts/setup.sh

release: setup
	$(SWIFT) build -c release --product alliance

# Main job (until the alliance dataset commands land): generate a Kronecker graph, save it
# as a snapshot and as text, describe both and rank its top nodes.
demo: release
	@mkdir -p $(OUT)
	$(RELEASE_BIN) generate kronecker --scale 16 --edge-factor 16 --seed 1 --out $(OUT)/kronecker-16.bin
	$(RELEASE_BIN) info $(OUT)/kronecker-16.bin
	$(RELEASE_BIN) convert $(OUT)/kronecker-16.bin $(OUT)/kronecker-16.el
	$(RELEASE_BIN) info $(OUT)/kronecker-16.el --nodes 65536
	$(RELEASE_BIN) metrics $(OUT)/kronecker-16.bin --metric pagerank,betweenness,core --samples 256 --top 10

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Micro-benchmarks (package-benchmark, in the nested Benchmarks package).
bench: setup
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

clean:
	rm -rf .build $(OUT)
