// Converting while reading (pipeline/streamed.hpp) must give byte for byte the output of the
// whole-file path, or decline and leave the output untouched.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include "exporters/json/json_exporter.hpp"
#include "pipeline/convert.hpp"
#include "pipeline/streamed.hpp"
#include "unit/io/zip_writer.hpp"

namespace fs = std::filesystem;
using namespace trackport;

namespace {

std::string inline_cell(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

// A workbook of one sheet, "Tracker", whose sheetData holds `data`; `tail` follows sheetData.
std::string workbook_of_sheet(const std::string& data, const std::string& tail = "") {
  const std::string sheet =
      R"(<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
      data + "</sheetData>" + tail + "</worksheet>";
  const std::string types = R"(<?xml version="1.0"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
</Types>)";
  const std::string root_rels = R"(<?xml version="1.0"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>)";
  const std::string workbook = R"(<?xml version="1.0"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Tracker" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  const std::string workbook_rels = R"(<?xml version="1.0"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>)";
  return test::make_zip({{"[Content_Types].xml", types},
                         {"_rels/.rels", root_rels},
                         {"xl/workbook.xml", workbook},
                         {"xl/_rels/workbook.xml.rels", workbook_rels},
                         {"xl/worksheets/sheet1.xml", sheet}});
}

// A tracker sheet: a title, a header, `rows` items (one row hidden), a blank row, a second
// table; `tail` goes after the rows (e.g. mergeCells).
std::string tracker_workbook(int rows, const std::string& tail = "") {
  std::string data = "<row r=\"1\">" + inline_cell("A1", "Delivery plan 2024/25") + "</row>";
  data += "<row r=\"3\">" + inline_cell("A3", "Ref") + inline_cell("B3", "Action") +
          inline_cell("C3", "Lead officer") + inline_cell("D3", "RAG status") +
          inline_cell("E3", "Progress update") + "</row>";
  int r = 4;
  for (int i = 1; i <= rows; ++i, ++r) {
    const std::string n = std::to_string(r);
    data += std::string("<row r=\"") + n + "\"" + (i == 7 ? " hidden=\"1\"" : "") + ">" +
            inline_cell("A" + n, "1." + std::to_string(i)) +
            inline_cell("B" + n, "Action number " + std::to_string(i)) +
            (i % 3 ? inline_cell("C" + n, "Officer " + std::to_string(i % 4)) : "") +
            inline_cell("D" + n, i % 2 ? "Green" : "Amber") +
            (i % 5 ? inline_cell("E" + n, "update " + std::to_string(i)) : "") + "</row>";
  }
  const std::string second = std::to_string(r + 1);
  data += "<row r=\"" + second + "\">" + inline_cell("B" + second, "Risk") +
          inline_cell("C" + second, "Owner") + "</row>";
  return workbook_of_sheet(data, tail);
}

// A row of inline strings from column A on.
std::string text_row(int number, const std::vector<std::string>& texts) {
  std::string row = "<row r=\"" + std::to_string(number) + "\">";
  for (std::size_t col = 0; col < texts.size(); ++col) {
    const std::string ref = std::string(1, static_cast<char>('A' + col)) + std::to_string(number);
    row += inline_cell(ref, texts[col]);
  }
  return row + "</row>";
}

// Two tables on one sheet, each under a header of its own that picks another mapping: the
// generic one (Ref, Action, Lead officer, RAG status) and Leeds' (Action, Targeting, Action
// Owner), which names an organisation. The one with more items is the document's mapping.
std::string two_mapping_workbook(int generic_items, int leeds_items, bool leeds_first) {
  int r = 1;
  auto generic = [&] {
    std::string rows = text_row(r++, {"Ref", "Action", "Lead officer", "RAG status"});
    for (int i = 1; i <= generic_items; ++i) {
      rows += text_row(r++, {"G" + std::to_string(i), "Generic action " + std::to_string(i),
                             "Officer " + std::to_string(i), "Green"});
    }
    return rows;
  };
  auto leeds = [&] {
    std::string rows =
        text_row(r++, {"Action", "Targeting", "Action Owner", "Contributing Officers"});
    for (int i = 1; i <= leeds_items; ++i) {
      rows += text_row(r++, {"Leeds action " + std::to_string(i), "Universal",
                             "Owner " + std::to_string(i), "Partner " + std::to_string(i)});
    }
    return rows;
  };
  std::string data = leeds_first ? leeds() : generic();
  ++r;  // a blank row ends the first table
  data += leeds_first ? generic() : leeds();
  return workbook_of_sheet(data);
}

class TempDir {
 public:
  TempDir()
      : path_(fs::temp_directory_path() / ("trackport-streamed-" + std::to_string(::getpid()))) {
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  fs::path write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path_ / name, std::ios::binary) << bytes;
    return path_ / name;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string whole_way(const fs::path& input, bool lines) {
  std::ostringstream out;
  auto documents = convert_to_documents(input, {});
  if (lines) {
    write_json_lines(documents, out);
  } else {
    write_json(documents, out);
  }
  return out.str();
}

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The streamed output, or nullopt when the path declined (then nothing may have been written).
// Both streams are tried: into memory (items wait in a temporary file in `dir`), and straight
// into a file (items after a guessed head); they must agree.
std::optional<std::string> streamed_way(const fs::path& input, bool lines, const fs::path& dir) {
  std::ostringstream out;
  auto stream = stream_json_document(out, lines, dir);
  auto streamed = convert_streamed(input, {}, *stream);

  const fs::path file = dir / "streamed.out";
  auto file_stream = stream_json_document_to_file(file, lines);
  auto streamed_to_file = convert_streamed(input, {}, *file_stream);
  file_stream.reset();
  const std::string written = file_text(file);
  fs::remove(file);

  CHECK(streamed.has_value() == streamed_to_file.has_value());
  if (!streamed) {
    CHECK(out.str().empty());
    return std::nullopt;
  }
  CHECK(written == out.str());
  return out.str();
}

// Takes items until the n-th, then fails as a full disk would.
class FailingStream final : public DocumentStream {
 public:
  explicit FailingStream(std::size_t fail_at) : fail_at_(fail_at) {}
  void item(const Item& /*item*/) override {
    if (++items_ == fail_at_) throw std::runtime_error("disk full");
  }
  void finish(const Document& /*document*/) override { finished_ = true; }
  std::size_t items_ = 0;
  bool finished_ = false;

 private:
  std::size_t fail_at_;
};

}  // namespace

TEST_CASE("streamed: a big tracker sheet gives the whole-file path's JSON and JSON Lines") {
  TempDir dir;
  const fs::path input = dir.write("tracker.xlsx", tracker_workbook(300));
  for (bool lines : {false, true}) {
    auto streamed = streamed_way(input, lines, dir.path());
    REQUIRE(streamed.has_value());
    const std::string whole = whole_way(input, lines);
    CHECK(whole.find("Action number 300") != std::string::npos);
    // The hidden row's warning (JSON Lines holds items only).
    CHECK((whole.find("hidden-row") != std::string::npos) == !lines);
    CHECK(*streamed == whole);
  }
  // The spill file is gone with the stream.
  std::size_t left = 0;
  for (const auto& entry : fs::directory_iterator(dir.path())) left += entry.path() != input;
  CHECK(left == 0);
}

TEST_CASE("streamed: declines merged cells, other formats and bad files, writing nothing") {
  TempDir dir;
  const fs::path merged = dir.write(
      "merged.xlsx",
      tracker_workbook(80, "<mergeCells count=\"1\"><mergeCell ref=\"C4:C6\"/></mergeCells>"));
  CHECK_FALSE(streamed_way(merged, false, dir.path()).has_value());
  const fs::path csv = dir.write("plan.csv", "Ref,Action,Status\n1,Do it,Green\n");
  CHECK_FALSE(streamed_way(csv, false, dir.path()).has_value());
  const fs::path broken = dir.write("broken.xlsx", tracker_workbook(80).substr(0, 900));
  CHECK_FALSE(streamed_way(broken, false, dir.path()).has_value());
}

TEST_CASE("streamed: every xlsx in the repository streams identically or declines") {
  const fs::path root(TRACKPORT_SOURCE_DIR);
  TempDir dir;
  std::vector<std::string> streamed_files;
  for (const fs::path& folder : {root / "samples", root / "tests" / "fixtures" / "xlsx"}) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      const fs::path& input = entry.path();
      if (input.extension() != ".xlsx" || input.filename() == "encrypted.xlsx") continue;
      auto streamed = streamed_way(input, false, dir.path());
      if (!streamed) continue;
      INFO(input.string());
      CHECK(*streamed == whole_way(input, false));
      streamed_files.push_back(input.filename().string());
    }
  }
  std::sort(streamed_files.begin(), streamed_files.end());
  // The fixtures without merged cells stream (shared strings, namespace prefixes, number and
  // date formats, the 1904 date system); features.xlsx and the styled sample have merges.
  CHECK(streamed_files == std::vector<std::string>{"date1904.xlsx", "handmade.xlsx"});
}

TEST_CASE("streamed: a head guessed at the first item is mended when a later table leads") {
  TempDir dir;
  // Generic first, Leeds' ahead at the end: the head grows (a longer name, an organisation).
  // Leeds' first, generic ahead at the end: it shrinks, and the file is cut to its new end.
  for (bool leeds_first : {false, true}) {
    const fs::path input = dir.write(
        "two.xlsx", two_mapping_workbook(leeds_first ? 90 : 3, leeds_first ? 3 : 90, leeds_first));
    for (bool lines : {false, true}) {
      INFO("leeds first " << leeds_first << ", lines " << lines);
      const std::string whole = whole_way(input, lines);
      const bool leeds_leads = whole.find("Leeds City Council") != std::string::npos;
      CHECK(leeds_leads == !leeds_first);
      CHECK(whole.find("Generic action 3") != std::string::npos);
      CHECK(whole.find("Leeds action 3") != std::string::npos);
      auto streamed = streamed_way(input, lines, dir.path());
      REQUIRE(streamed.has_value());
      CHECK(*streamed == whole);
    }
  }
}

TEST_CASE("streamed: a stream that fails while writing items ends the conversion, no hang") {
  TempDir dir;
  const fs::path input = dir.write("tracker.xlsx", tracker_workbook(3000));
  for (std::size_t fail_at : {1, 700}) {
    FailingStream stream(fail_at);
    CHECK_FALSE(convert_streamed(input, {}, stream).has_value());
    CHECK(stream.items_ == fail_at);
    CHECK_FALSE(stream.finished_);
  }
}
