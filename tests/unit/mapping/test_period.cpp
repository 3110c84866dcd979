#include <catch2/catch.hpp>

#include "mapping/engine.hpp"
#include "mapping/period.hpp"
#include "support/table_builder.hpp"

using namespace trackport;

TEST_CASE("period: the reporting periods documents name") {
  CHECK(find_period("Update June 2014") == "June 2014");
  CHECK(find_period("Progress against actions, March 2014") == "March 2014");
  CHECK(find_period("Position at 30 September 2024") == "30 September 2024");
  CHECK(find_period("Quarterly monitoring - Q2 2024/25") == "Q2 2024/25");
  CHECK(find_period("Progress report: Quarter two 2013/14") == "Quarter two 2013/14");
  CHECK(find_period("Second quarter") == "Second quarter");
  CHECK_FALSE(find_period("Approved at Children's Trust Board 27 April 2012"));
  CHECK_FALSE(find_period("Refresh April 2012"));
  CHECK_FALSE(find_period("Delivery plan 2024-2027"));
  CHECK_FALSE(find_period(""));
}

TEST_CASE("period: an update column's header names it before the title rows") {
  auto table = trackport::testing::make_table({{"Quarterly monitoring - Q1 2024/25"},
                                               {"Action", "Lead", "Update September 2024", "RAG"},
                                               {"Publish the plan", "Jo", "Done", "Green"}});
  auto result = map_document(trackport::testing::make_document({table}), "t.csv");
  CHECK(result.period == "September 2024");
  auto plain = trackport::testing::make_table({{"Quarterly monitoring - Q1 2024/25"},
                                               {"Action", "Lead", "Update", "RAG"},
                                               {"Publish the plan", "Jo", "Done", "Green"}});
  CHECK(map_document(trackport::testing::make_document({plain}), "t.csv").period == "Q1 2024/25");
}
