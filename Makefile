# The two commands a newcomer needs:
#   make demo   install missing build dependencies, build, convert samples/ into out/
#   make test   install missing build dependencies, build, run every test
# Other targets: build, test-sanitize (Debug + AddressSanitizer/UBSan), format, clean.

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
TRACKPORT := build/trackport

.PHONY: all demo test build deps test-sanitize format format-check clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build build -j$(JOBS)

demo: build
	@mkdir -p out
	@$(TRACKPORT) convert samples -o out/standard.xlsx --summary
	@$(TRACKPORT) convert samples -o out/standard.json --quiet
	@echo "wrote out/standard.xlsx and out/standard.json"

test: build
	@ctest --test-dir build --output-on-failure -j$(JOBS)

test-sanitize: deps
	@cmake --preset debug >/dev/null
	@cmake --build build-debug -j$(JOBS)
	@ctest --test-dir build-debug --output-on-failure -j$(JOBS)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	@rm -rf build build-debug out
