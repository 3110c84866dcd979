#!/usr/bin/env bash
# Install the Debian packages trackport needs to build and test, when any is missing.
# Idempotent: does nothing (and needs no network) when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libpugixml-dev        # OOXML parts (xlsx, docx), parsed in place
  libxml2-dev           # Word-exported HTML and HTML fragments inside cells
  libpoppler-private-dev # PDF words and drawn paths in one pass (poppler core: TextOutputDev + OutputDev)
  libzip-dev            # ZIP containers (xlsx, docx, ods)
  libxlsxwriter-dev     # writing the standard workbook
  libgsf-1-dev          # the OLE container of legacy .xls workbooks (their BIFF records are parsed by trackport)
  libyaml-cpp-dev       # mapping files
  libre2-dev            # mapping regexes in linear time (a mapping file may come from anywhere)
  nlohmann-json3-dev    # JSON export
  catch2                # unit and golden tests
  libsqlite3-dev        # SQLite export
  libpq-dev             # PostgreSQL export (libpq, the server's own client library)
  postgresql            # tests: a real server, started by the tests in a temporary folder
  libssl-dev            # SHA-256 of every input (OpenSSL's libcrypto)
  python3-jsonschema    # tests: every JSON output validated against docs/schema
  python3-openpyxl      # tests: the standard workbook read by another reader (tests/workbook)
  pybind11-dev          # the Python module (`import trackport`): C++ bindings over libtrackport.so
  python3-dev           # the Python headers pybind11 builds the module against
  python3-pandas        # trackport.to_dataframe (optional for users; its tests need it)
  python3-pytest        # tests: the Python module's tests (python/tests), run by ctest
)

# `install-deps.sh --fuzz` (make fuzz) also installs clang and its libFuzzer runtime.
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang libclang-rt-14-dev)
fi
# `install-deps.sh --format` (make format, make format-check) also installs clang-format, which
# the tree's style is checked with (Debian 12's, version 14: another version lays code out otherwise).
if [ "${1:-}" = "--format" ]; then
  packages+=(clang-format)
fi
# `install-deps.sh --test` (make test) also installs what only the tests need: LibreOffice,
# which converts legacy formats (.doc, .xlsb, Lotus ...) for trackport when it is installed
# (about 400 MB; `make demo` does without it, and its tests are skipped where it is missing).
if [ "${1:-}" = "--test" ]; then
  packages+=(libreoffice-calc-nogui libreoffice-writer-nogui)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
