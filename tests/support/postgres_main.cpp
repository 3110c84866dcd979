// The main of the PostgreSQL tests: where no PostgreSQL server binaries can be found they exit
// with 77, which ctest shows as skipped (SKIP_RETURN_CODE), never as passed. Listing the tests
// (ctest's discovery) works without them.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <iostream>

#include "support/lsan_suppressions.hpp"
#include "support/postgres_server.hpp"

int main(int argc, char** argv) {
  Catch::Session session;
  if (const int status = session.applyCommandLine(argc, argv); status != 0) return status;
  const auto& config = session.configData();
  const bool listing = config.listTests || config.listTestNamesOnly || config.listTags ||
                       config.listReporters || config.showHelp;
  if (!listing && !trackport::testing::PostgresServer::available()) {
    std::cout << "skipped: no PostgreSQL server binaries (initdb, pg_ctl, postgres) found; "
                 "install Debian's postgresql or set TRACKPORT_PG_BIN\n";
    return 77;
  }
  return session.run();
}
