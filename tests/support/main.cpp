#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "support/lsan_suppressions.hpp"
