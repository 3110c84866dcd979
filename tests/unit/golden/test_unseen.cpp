// Trackers in layouts no built-in mapping names (tests/fixtures/unseen, made by its
// make_fixtures.py with the truth a careful reader extracts): each converts, with no mapping
// given, to exactly its truth, field by field.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "exporters/json/json_exporter.hpp"
#include "pipeline/convert.hpp"
#include "support/truth_compare.hpp"

namespace fs = std::filesystem;
using trackport::testing::compare_item;

namespace {

const fs::path kUnseen = fs::path(TRACKPORT_TEST_DIR) / "fixtures" / "unseen";

// Documents whose layout needs what trackport does not read yet, with the reason. They must
// still convert; their fields are not compared.
const std::map<std::string, std::string> kKnownGaps = {};

}  // namespace

TEST_CASE("unseen layouts convert, with no mapping given, to what a careful reader extracts") {
  std::size_t compared = 0;
  for (const auto& entry : fs::directory_iterator(kUnseen)) {
    const auto name = entry.path().filename().string();
    if (!name.ends_with(".truth.json")) continue;
    const fs::path input =
        kUnseen / name.substr(0, name.size() - std::string(".truth.json").size());
    {
      INFO(input.filename().string());
      std::ifstream in(entry.path());
      const auto truth = nlohmann::json::parse(in).at("items");
      const auto document = trackport::document_to_json(trackport::convert_file(input, {}));
      const auto& items = document.at("items");
      const auto gap = kKnownGaps.find(input.stem().string());
      if (gap != kKnownGaps.end()) {
        WARN(input.filename().string() << ": fields not compared: " << gap->second);
        CHECK(items.size() >= truth.size());
        continue;
      }
      CHECK(items.size() == truth.size());
      if (items.size() != truth.size()) continue;
      for (std::size_t i = 0; i < truth.size(); ++i) {
        INFO("item " << i + 1);
        compare_item(truth[i], items[i]);
      }
      ++compared;
    }
  }
  CHECK(compared == 27);
}
