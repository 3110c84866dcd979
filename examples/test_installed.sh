#!/bin/sh
# test_installed.sh BUILD_DIR TRACKPORT: installs the build into BUILD_DIR/installed
# (cmake --install --prefix), builds examples/convert_samples.cpp against that tree twice, through
# find_package(trackport) and through pkg-config (trackport.pc), and checks that each converts
# samples/ into the CLI's bytes. Run from the source folder.
set -eu
build=$(cd "$1" && pwd)
trackport=$2
prefix="$build/installed"
rm -rf "$prefix" "$build/example-cmake" "$build/example-pkgconfig"
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name libtrackport.so | head -1)")

# CMake: find_package(trackport) and the exported target.
# EXAMPLE_FLAGS: what a sanitizer build's library needs of the programs linking it.
flags=${EXAMPLE_FLAGS:-}
cmake -S examples -B "$build/example-cmake" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS="$flags" >/dev/null
cmake --build "$build/example-cmake" >/dev/null
examples/compare_with_cli.sh "$trackport" cmake-example "$build/example-cmake/convert_samples"

# pkg-config: the flags trackport.pc gives.
mkdir -p "$build/example-pkgconfig"
pc_flags=$(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs trackport)
# shellcheck disable=SC2086  # the flags are words
c++ -std=c++20 -o "$build/example-pkgconfig/convert_samples" examples/convert_samples.cpp $pc_flags $flags \
  -Wl,-rpath,"$libdir"
examples/compare_with_cli.sh "$trackport" pkgconfig-example "$build/example-pkgconfig/convert_samples"
