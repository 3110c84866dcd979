# The two commands a newcomer needs:
#   make demo   install missing build dependencies, build, convert samples/ into out/
#   make test   install missing build dependencies, build, run every test
# Other targets: build, test-sanitize (Debug + AddressSanitizer/UBSan), fuzz (libFuzzer targets,
# clang), fuzz-run SECONDS=N (run them all), format, clean.

JOBS ?= $(shell nproc 2>/dev/null || echo 2)
TRACKPORT := build/trackport

.PHONY: all demo test build deps test-sanitize fuzz fuzz-run format format-check clean

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
	@bash scripts/install-deps.sh --test
	@ctest --test-dir build --output-on-failure -j$(JOBS)

test-sanitize: deps
	@cmake --preset debug >/dev/null
	@cmake --build build-debug -j$(JOBS)
	@ctest --test-dir build-debug --output-on-failure -j$(JOBS)

fuzz:
	@bash scripts/install-deps.sh --fuzz
	@cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
	  -DCMAKE_CXX_COMPILER=clang++ -DTRACKPORT_FUZZ=ON -DTRACKPORT_TESTS=OFF >/dev/null
	@cmake --build build-fuzz -j$(JOBS) --target $(addprefix fuzz_,csv xlsx docx ods html pdf xls mapping)

SECONDS ?= 60
fuzz-run: fuzz
	@bash scripts/fuzz-run.sh $(SECONDS)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	@rm -rf build build-debug build-fuzz out
