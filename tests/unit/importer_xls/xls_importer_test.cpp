#include <catch2/catch.hpp>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "importers/importer.hpp"
#include "importers/xls/xls_child.hpp"
#include "importers/xls/xls_importer.hpp"
#include "importers/xls/xls_workbook.hpp"
#include "io/input.hpp"
#include "support/importer_checks.hpp"
#include "unit/importer_xlsx/grid_text.hpp"

using namespace trackport;
using trackport::test::column_names;
using trackport::test::grid_lines;
using Lines = std::vector<std::string>;

namespace {

InputFile fixture(const std::string& name) {
  return read_input(std::string(TRACKPORT_TEST_DIR) + "/fixtures/xls/" + name);
}

// features.xlsx of the xlsx tests, saved as BIFF8 by LibreOffice.
InputFile xlsx_fixture(const std::string& name) {
  return read_input(std::string(TRACKPORT_TEST_DIR) + "/fixtures/xlsx/" + name);
}

InputFile in_memory(std::string bytes, std::string name = "test.xls") {
  return test::in_memory(std::move(bytes), std::move(name));
}

SourceDocument read(const InputFile& input, ImportOptions options = {}) {
  return make_xls_importer()->read(input, options);
}

std::string read_error(const InputFile& input, ImportOptions options = {}) {
  return test::read_error(*make_xls_importer(), input, options);
}

InputFile renamed(InputFile input, std::string name) {
  input.path = std::move(name);
  return input;
}

// A temporary folder of its own for the duration (TMPDIR), so the private copies freexl reads an
// in-memory input from can be counted while other tests run.
class PrivateTmpdir {
 public:
  PrivateTmpdir() {
    const char* old = std::getenv("TMPDIR");
    if (old) old_ = old;
    std::string pattern = (std::filesystem::temp_directory_path() / "xls-test-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
    ::setenv("TMPDIR", dir_.c_str(), 1);
  }
  ~PrivateTmpdir() {
    if (old_) {
      ::setenv("TMPDIR", old_->c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
    std::filesystem::remove_all(dir_);
  }
  bool empty() const { return std::filesystem::is_empty(dir_); }

 private:
  std::optional<std::string> old_;
  std::filesystem::path dir_;
};

const std::string kEncryptedWorkbookError =
    "password-protected or encrypted workbook (an OLE container, not a ZIP); remove the password "
    "in Excel and save again";

}  // namespace

TEST_CASE("xls: identify by content and extension") {
  auto importer = make_xls_importer();
  CHECK(importer->name() == "xls");
  CHECK(importer->format_of(fixture("tracker.xls")) == "xls");
  CHECK(importer->identify(fixture("tracker.xls")) == Match::content);
  CHECK(importer->identify(renamed(fixture("tracker.xls"), "report.bin")) == Match::content);
  CHECK(importer->identify(xlsx_fixture("legacy.xls")) == Match::content);
  // Only the name says .xls: the read will say what is wrong.
  CHECK(importer->identify(in_memory("", "empty.xls")) == Match::extension);
  CHECK(importer->identify(in_memory("Ref,Action\n", "export.xls")) == Match::extension);
  CHECK(importer->identify(in_memory("Ref,Action\n", "export.csv")) == Match::no);
  // An encrypted OOXML package is an OLE file too, but the xlsx importer's.
  CHECK(importer->identify(xlsx_fixture("encrypted.xlsx")) == Match::no);
  // A Word 97-2003 document is not a workbook.
  InputFile doc = read_input(std::string(TRACKPORT_TEST_DIR) + "/fixtures/docx/legacy.doc");
  CHECK(importer->identify(doc) == Match::no);
}

TEST_CASE("xls: the registry sends each OLE file to the importer that explains it") {
  CHECK(choose_importer(fixture("tracker.xls")).name() == "xls");
  CHECK(choose_importer(xlsx_fixture("legacy.xls")).name() == "xls");
  // An encrypted workbook keeps its one-line advice, whatever its name.
  for (const char* name : {"locked.xlsx", "locked.xls"}) {
    INFO(name);
    InputFile encrypted = renamed(xlsx_fixture("encrypted.xlsx"), name);
    const Importer& importer = choose_importer(encrypted);
    CHECK(importer.name() == "xlsx");
    CHECK(test::read_error(importer, encrypted) == kEncryptedWorkbookError);
  }
}

TEST_CASE("xls: tracker.xls, sheet Tracker: title, header row, text, numbers and dates") {
  SourceDocument doc = read(fixture("tracker.xls"));
  CHECK(doc.title.empty());
  CHECK(doc.warnings.empty());
  REQUIRE(doc.tables.size() == 2);

  const Table& tracker = doc.tables[0];
  CHECK(tracker.index == 1);
  CHECK(tracker.sheet == "Tracker");
  CHECK(tracker.addressing == Addressing::cells);
  CHECK(tracker.headings == Lines{"Health and Wellbeing Delivery Plan 2024-25"});
  CHECK(column_names(tracker) == Lines{"A", "B", "C", "D", "E", "F", "G"});
  CHECK(grid_lines(tracker) ==
        Lines{
            "3: A=Ref | B=Action | C=Lead officer | D=RAG status | E=Due date | F=Budget (£) | "
            "G=Progress",
            // integers without ".0"; a date as freexl writes it (the dd/mm/yyyy format is lost)
            "4: A=1 | B=Expand the Healthy Start voucher scheme | C=Jane Smith | D=Green | "
            "E=2024-03-31 | F=12500 | G=On track",
            // a decimal; a line break inside a cell kept
            "5: A=2 | B=Open two new family hubs | C=Amir Khan | D=Amber | E=2024-09-30 | "
            "F=250000.75 | G=Site survey delayed;\nsecond site agreed",
            // General shows up to 11 significant digits; UTF-8 text
            "6: A=3 | B=Review school meal uptake | C=Jane Smith | D=Red | E=2025-01-15 | "
            "F=1234.5678 | G=Café pilot – £5 a week",
            // text that only looks like a reference or a date; a negative number; no progress
            "7: A=4a | B=Publish the annual report | C=Amir Khan | D=Green | E=Q4 2024/25 | "
            "F=-150.5",
            // a date and time; a whole number too big for an int; spaces trimmed
            "8: A=5 | B=Recruit peer supporters | C=Lee Brown | D=Complete | "
            "E=2024-06-01 14:30:00 | F=1234567890123 | G=Done",
        });
}

TEST_CASE("xls: tracker.xls, sheet Notes, and the empty sheet Blank gives no table") {
  SourceDocument doc = read(fixture("tracker.xls"));
  REQUIRE(doc.tables.size() == 2);
  const Table& notes = doc.tables[1];
  CHECK(notes.index == 2);
  CHECK(notes.sheet == "Notes");
  CHECK(notes.headings == Lines{"Indicators"});
  // C4 holds the formula =B4-2: freexl 1.0.6 does not read formula results, so it is empty. A
  // time comes as freexl writes it.
  CHECK(grid_lines(notes) == Lines{
                                 "3: A=Indicator | B=Baseline | C=Target | D=Next review",
                                 "4: A=Obesity rate (%) | B=22.5 | D=09:30:00",
                             });
  for (const Table& table : doc.tables) CHECK(table.sheet != "Blank");
}

TEST_CASE("xls: an input held only in memory is read through a private copy, then removed") {
  InputFile file = fixture("tracker.xls");
  PrivateTmpdir tmpdir;
  SourceDocument from_memory = read(in_memory(file.bytes, "no/such/folder/tracker.xls"));
  CHECK(tmpdir.empty());
  SourceDocument from_file = read(file);
  REQUIRE(from_memory.tables.size() == from_file.tables.size());
  for (std::size_t i = 0; i < from_file.tables.size(); ++i) {
    CHECK(grid_lines(from_memory.tables[i]) == grid_lines(from_file.tables[i]));
  }
  // A file changed since it was read: the bytes read (and hashed) are what counts.
  InputFile stale = file;
  stale.bytes = xlsx_fixture("legacy.xls").bytes;
  SourceDocument from_stale = read(stale);
  REQUIRE_FALSE(from_stale.tables.empty());
  CHECK(from_stale.tables[0].sheet == "Plan");
  CHECK(tmpdir.empty());
}

TEST_CASE("xls: legacy.xls (features.xlsx saved by LibreOffice): what freexl does not give") {
  SourceDocument doc = read(xlsx_fixture("legacy.xls"));
  REQUIRE(doc.tables.size() == 6);
  const Table& plan = doc.tables[0];
  CHECK(plan.sheet == "Plan");
  CHECK(plan.headings == Lines{"Delivery Plan 2013-16"});
  // Unlike the xlsx: the hidden column F and hidden row 7 are read, the merged B4:B6 is only its
  // top-left cell, fills are lost, 50% is 0.5, and the boolean (a formula in LibreOffice's
  // BIFF) is empty.
  CHECK(grid_lines(plan) ==
        Lines{
            "3: A=Ref | B=Theme | C=Action | D=Due | E=Status | F=lookup | G=Progress",
            "4: A=1 | B=Healthy lives | C=\xE2\x80\xA2 first line\n\xE2\x80\xA2 second line | "
            "D=2013-03-01 | F=junk1 | G=overdue",
            "5: A=2 | C=Second action | D=2014-03-31 | F=junk2 | G=0.5",
            "6: A=3.5 | C=Third action | D=2013-12-01",
            "7: C=Hidden row text",
            "8: A=4a | B=Safer | C=Fourth | D=2013-14",
        });
  // The junk in the hidden column below the data is a table of its own; hidden and very hidden
  // sheets are read too (freexl 1.0.6 does not say which sheets are hidden).
  CHECK(grid_lines(doc.tables[2]) == Lines{"15: F=junk15", "16: F=junk16", "17: F=junk17"});
  Lines sheets;
  for (const Table& table : doc.tables) sheets.push_back(table.sheet);
  CHECK(sheets == Lines{"Plan", "Plan", "Plan", "Secret", "VeryHidden", "Cover"});
}

TEST_CASE("xls: a password-protected workbook gets one line") {
  const std::string error =
      "password-protected or encrypted .xls workbook; remove the password in Excel and save again";
  CHECK(read_error(fixture("password.xls")) == error);
  CHECK(has_biff_password(fixture("password.xls").bytes));
  CHECK_FALSE(has_biff_password(fixture("tracker.xls").bytes));
  CHECK_FALSE(has_biff_password(xlsx_fixture("legacy.xls").bytes));
}

TEST_CASE("xls: damaged, truncated, empty and foreign files get one line, never a crash") {
  CHECK(read_error(in_memory("", "empty.xls")) ==
        "empty file (an .xls workbook is an OLE compound file)");
  CHECK(read_error(in_memory("Ref,Action\n1,Do it\n", "export.xls")) ==
        "not an .xls workbook (neither an OLE compound file nor a BIFF stream)");
  std::string noise;
  for (int i = 0; i < 3000; ++i) noise.push_back(static_cast<char>((i * 7919 + 13) % 251));
  CHECK(read_error(in_memory(noise, "noise.xls")) ==
        "not an .xls workbook (neither an OLE compound file nor a BIFF stream)");
  CHECK(read_error(fixture("truncated.xls")) ==
        "truncated or damaged .xls workbook (the OLE container ends early)");
  // The OLE signature and nothing else (what the command-line tests use as a legacy .xls).
  std::string stub = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0');
  CHECK(read_error(in_memory(stub, "stub.xls")) == "damaged .xls workbook (broken OLE container)");
  // An OLE file without a Workbook stream: tracker.xls with its stream renamed.
  std::string renamed_stream = fixture("tracker.xls").bytes;
  const std::string workbook("W\0o\0r\0k\0b\0o\0o\0k\0", 16);
  auto entry = renamed_stream.rfind(workbook);
  REQUIRE(entry != std::string::npos);
  renamed_stream.replace(entry, workbook.size(), std::string("W\0o\0r\0k\0b\0u\0c\0h\0", 16));
  CHECK(read_error(in_memory(renamed_stream, "renamed.xls")) ==
        "not an Excel workbook: the OLE compound file has no Workbook stream");
  // freexl 1.0.6 crashes on this one; the child process it runs in turns that into an error.
  CHECK(read_error(fixture("crashes-freexl.xls")) ==
        "damaged .xls workbook (freexl crashed on it: signal 11)");
}

TEST_CASE("xls: a reader past its time limit is stopped") {
  auto file = std::filesystem::path(TRACKPORT_TEST_DIR) / "fixtures/xls/tracker.xls";
  try {
    read_xls_file_in_child(file, 1000, std::chrono::milliseconds(0));
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == "gave up reading the .xls workbook after 0 s");
  }
  CHECK(read_xls_file_in_child(file, 1000, std::chrono::seconds(60)).size() == 3);
}

TEST_CASE("xls: the cell limit") {
  ImportOptions options;
  options.max_cells = 20;
  CHECK(read_error(fixture("tracker.xls"), options) == "too many cells (more than 20)");
  options.max_cells = 1000;
  CHECK(read(fixture("tracker.xls"), options).tables.size() == 2);
}
