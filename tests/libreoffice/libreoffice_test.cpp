// Legacy formats read through LibreOffice (pipeline/legacy_formats.hpp): run only where soffice
// is installed; elsewhere this program exits 77, which ctest shows as skipped.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <string>

#include "io/libreoffice.hpp"
#include "pipeline/convert.hpp"
#include "pipeline/legacy_formats.hpp"
#include "support/lsan_suppressions.hpp"

using namespace trackport;

namespace {

std::string fixture(const std::string& name) {
  return std::string(TRACKPORT_TEST_DIR) + "/fixtures/" + name;
}

bool has_warning(const Document& document, const std::string& code) {
  for (const Warning& warning : document.warnings) {
    if (warning.code == code) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("libreoffice: an Excel binary workbook (.xlsb) converts and reads as its .xlsx") {
  Document xlsb = convert_file(fixture("legacy/tracker.xlsb"), {});
  Document xlsx = convert_file(fixture("xls/rag.xlsx"), {});
  CHECK(xlsb.source.format == "xlsb");
  CHECK(has_warning(xlsb, "converted-by-libreoffice"));
  // SheetJS's .xlsb keeps the values but no fills, merges or hidden flags: the withdrawn action
  // of the hidden row 8 is an item of its own; the others agree field for field with the xlsx.
  REQUIRE(xlsb.items.size() == 6);
  REQUIRE(xlsx.items.size() == 5);
  CHECK(xlsb.items[4].ref == "C2");
  for (std::size_t i = 0, j = 0; i < xlsb.items.size(); ++i) {
    if (xlsb.items[i].ref == "C2") continue;
    const Item& want = xlsx.items[j++];
    CHECK(xlsb.items[i].ref == want.ref);
    CHECK(xlsb.items[i].text == want.text);
    CHECK(xlsb.items[i].leads == want.leads);
    CHECK(xlsb.items[i].due == want.due);
    CHECK(xlsb.items[i].progress == want.progress);
  }
}

TEST_CASE("libreoffice: a Word 97-2003 document (.doc) converts and reads as its .docx") {
  ImportedFile imported = import_file(fixture("legacy/tracker.doc"));
  CHECK(imported.format == "doc");
  REQUIRE_FALSE(imported.source.warnings.empty());
  CHECK(imported.source.warnings.front().code == "converted-by-libreoffice");
  CHECK(imported.source.warnings.front().message ==
        "read through LibreOffice: converted from .doc to .docx first, so what LibreOffice does "
        "not carry over is not read");
  // The input keeps its own name and hash: the Sources row names the .doc.
  CHECK(imported.input.path.extension() == ".doc");

  Document doc = convert_file(fixture("legacy/tracker.doc"), {});
  Document docx =
      convert_file(std::string(TRACKPORT_SOURCE_DIR) + "/samples/sheffield-tracker-word.docx", {});
  CHECK(doc.source.format == "doc");
  REQUIRE(doc.items.size() == 12);
  REQUIRE(docx.items.size() == 12);
  for (std::size_t i = 0; i < doc.items.size(); ++i) {
    CHECK(doc.items[i].text == docx.items[i].text);
    CHECK(doc.items[i].status == docx.items[i].status);
    CHECK(doc.items[i].theme == docx.items[i].theme);
  }
}

TEST_CASE("libreoffice: a Lotus 1-2-3 worksheet (.wk1) converts") {
  Document wk1 = convert_file(fixture("legacy/tracker.wk1"), {});
  CHECK(wk1.source.format == "wk1");
  CHECK(wk1.items.size() == 6);  // no hidden-row flag in a .wk1: the withdrawn action is read
}

TEST_CASE("libreoffice: what LibreOffice cannot convert is one line") {
  InputFile junk;
  junk.path = "junk.xlsb";
  junk.bytes = "PK\x03\x04 not really a workbook";
  auto soffice = find_libreoffice({});
  REQUIRE(soffice);
  try {
    convert_with_libreoffice(*soffice, junk.bytes, "xlsb", "xlsx", std::chrono::seconds(120));
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).starts_with("LibreOffice could not convert it"));
  }
  try {
    convert_with_libreoffice(*soffice, junk.bytes, "xlsb", "xlsx", std::chrono::seconds(0));
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == "LibreOffice did not finish converting it within 0 s");
  }
}

int main(int argc, char* argv[]) {
  if (!find_libreoffice({})) {
    std::cout << "soffice is not on PATH: the LibreOffice tests are skipped\n";
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
