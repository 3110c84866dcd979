// One item across periods: two quarters of a plan without printed references, its rows
// reordered, one added, one dropped, one reworded (tests/fixtures/periods/README.md). Loaded into
// one database, the database's history must say what `trackport diff` says, whatever the order
// the quarters were imported in. The checks (support/history_check.hpp) run on PostgreSQL too.
#include <catch2/catch.hpp>

#include "exporters/sqlite/sqlite_handle.hpp"
#include "support/history_check.hpp"

namespace {

using namespace trackport::testing::history;

Open sqlite_at(const trackport::testing::Sandbox& box) {
  return [&box] {
    return std::make_unique<trackport::sqlite::Database>(
        box.path("plan.sqlite"), trackport::sqlite::Database::Mode::read_only);
  };
}

}  // namespace

TEST_CASE("history: the database follows items across quarters as diff matches them") {
  trackport::testing::Sandbox box;
  copy_quarters(box);
  check_import_orders(box, "plan.sqlite", sqlite_at(box));
}

TEST_CASE("history: latest_items gives each item of the plan once, with its latest status") {
  trackport::testing::Sandbox box;
  copy_quarters(box);
  check_latest_items(box, "plan.sqlite", sqlite_at(box));
}
