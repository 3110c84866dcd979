// Round trip: the standard workbook is itself an input, and importing it gives back the same
// documents and items (so a data team can correct a workbook by hand and re-import it).
#include <catch2/catch.hpp>

#include <filesystem>

#include "exporters/exporter.hpp"
#include "exporters/json/json_exporter.hpp"
#include "pipeline/convert.hpp"

namespace fs = std::filesystem;
using namespace trackport;

namespace {

// Every sample, and a document of each other format from the test fixtures.
std::vector<fs::path> round_trip_inputs() {
  const fs::path root(TRACKPORT_SOURCE_DIR);
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(root / "samples")) {
    if (entry.path().extension() != ".md") inputs.push_back(entry.path());
  }
  for (const char* fixture :
       {"tests/fixtures/docx/lo_spans.docx", "tests/fixtures/html/structure.html",
        "tests/fixtures/xlsx/features.xlsx", "tests/fixtures/pdf/fill_only.pdf",
        "tests/fixtures/pdf/split_rows.pdf"}) {
    inputs.push_back(root / fixture);
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

}  // namespace

TEST_CASE("round trip: standard workbook -> import -> the same model") {
  std::vector<Document> originals;
  for (const auto& input : round_trip_inputs()) {
    for (auto& document : convert_to_documents(input, {})) originals.push_back(std::move(document));
  }
  REQUIRE(originals.size() >= 8);
  auto workbook =
      fs::temp_directory_path() / ("trackport-round-trip-" + std::to_string(::getpid()) + ".xlsx");
  exporter_named("xlsx")->write_file(originals, workbook);
  auto read_back = convert_to_documents(workbook, {});
  fs::remove(workbook);

  REQUIRE(read_back.size() == originals.size());
  for (std::size_t d = 0; d < originals.size(); ++d) {
    INFO(originals[d].source.file);
    const auto want = document_to_json(originals[d]);
    const auto got = document_to_json(read_back[d]);
    CHECK(want["source"] == got["source"]);
    CHECK(want["mapping"] == got["mapping"]);
    CHECK(want["title"] == got["title"]);
    CHECK(want["organisation"] == got["organisation"]);
    REQUIRE(want["items"].size() == got["items"].size());
    for (std::size_t i = 0; i < want["items"].size(); ++i) {
      INFO("item " << i);
      CHECK(want["items"][i].dump(1) == got["items"][i].dump(1));
    }
    CHECK(want["warnings"] == got["warnings"]);
  }
}
