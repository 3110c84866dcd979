#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>

#include "importers/importer.hpp"
#include "importers/xls/xls_child.hpp"
#include "importers/xls/xls_importer.hpp"
#include "importers/xls/xls_workbook.hpp"
#include "io/input.hpp"
#include "pipeline/convert.hpp"
#include "support/importer_checks.hpp"
#include "unit/importer_xlsx/grid_text.hpp"

using namespace trackport;
using trackport::test::column_names;
using trackport::test::grid_lines;
using Lines = std::vector<std::string>;

// The expected texts below are what Excel and LibreOffice show in these cells (checked by
// opening the fixtures in LibreOffice Calc), written by hand.

namespace {

std::string fixture_path(const std::string& name) {
  return std::string(TRACKPORT_TEST_DIR) + "/fixtures/xls/" + name;
}

InputFile fixture(const std::string& name) {
  return read_input(fixture_path(name));
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

Lines warning_lines(const SourceDocument& doc) {
  Lines lines;
  for (const Warning& warning : doc.warnings)
    lines.push_back(warning.code + ": " + warning.message);
  return lines;
}

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
  CHECK(importer->identify(fixture("excel95.xls")) == Match::content);  // a "Book" stream
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

TEST_CASE("xls: tracker.xls, sheet Tracker: text, numbers and dates through their formats") {
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
            // integers without ".0"; a date through its dd/mm/yyyy format
            "4: A=1 | B=Expand the Healthy Start voucher scheme | C=Jane Smith | D=Green | "
            "E=31/03/2024 | F=12500 | G=On track",
            // a decimal; a line break inside a cell kept
            "5: A=2 | B=Open two new family hubs | C=Amir Khan | D=Amber | E=30/09/2024 | "
            "F=250000.75 | G=Site survey delayed;\nsecond site agreed",
            // General shows up to 11 significant digits; UTF-8 text
            "6: A=3 | B=Review school meal uptake | C=Jane Smith | D=Red | E=15/01/2025 | "
            "F=1234.5678 | G=Café pilot – £5 a week",
            // text that only looks like a reference or a date; a negative number; no progress
            "7: A=4a | B=Publish the annual report | C=Amir Khan | D=Green | E=Q4 2024/25 | "
            "F=-150.5",
            // a date and time through dd/mm/yyyy hh:mm; a whole number too big for an int;
            // spaces trimmed
            "8: A=5 | B=Recruit peer supporters | C=Lee Brown | D=Complete | "
            "E=01/06/2024 14:30 | F=1234567890123 | G=Done",
        });
}

TEST_CASE("xls: tracker.xls, sheet Notes: a formula's result, a time; Blank gives no table") {
  SourceDocument doc = read(fixture("tracker.xls"));
  REQUIRE(doc.tables.size() == 2);
  const Table& notes = doc.tables[1];
  CHECK(notes.index == 2);
  CHECK(notes.sheet == "Notes");
  CHECK(notes.headings == Lines{"Indicators"});
  // C4 holds =B4-2: its cached result.
  CHECK(grid_lines(notes) == Lines{
                                 "3: A=Indicator | B=Baseline | C=Target | D=Next review",
                                 "4: A=Obesity rate (%) | B=22.5 | C=20.5 | D=09:30:00",
                             });
  for (const Table& table : doc.tables) CHECK(table.sheet != "Blank");
}

TEST_CASE("xls: legacy.xls (features.xlsx saved by LibreOffice) reads as the xlsx does") {
  SourceDocument doc = read(xlsx_fixture("legacy.xls"));
  // Hidden column F, hidden row 7 and the hidden sheets are skipped and said.
  CHECK(warning_lines(doc) == Lines{
                                  "hidden-column: hidden column F skipped (sheet 'Plan')",
                                  "hidden-row: hidden row 7 skipped (sheet 'Plan')",
                                  "hidden-sheet: hidden sheet 'Secret' skipped",
                                  // LibreOffice's BIFF keeps "very hidden" as hidden
                                  "hidden-sheet: hidden sheet 'VeryHidden' skipped",
                              });
  REQUIRE(doc.tables.size() == 3);
  const Table& plan = doc.tables[0];
  CHECK(plan.sheet == "Plan");
  CHECK(plan.headings == Lines{"Delivery Plan 2013-16"});
  CHECK(column_names(plan) == Lines{"A", "B", "C", "D", "E", "G"});
  // As tests/unit/importer_xlsx reads features.xlsx: the merge B4:B6, the fills (rgb, indexed,
  // theme + tint resolved by LibreOffice into the palette), 50%, the boolean formula's TRUE.
  // D6: LibreOffice writes the xlsx's built-in short date (14) as a format of its own,
  // "M/D/YYYY" (its en-US locale), which is what an .xls reader then shows.
  CHECK(
      grid_lines(plan) ==
      Lines{
          "3: A=Ref | B=Theme | C=Action | D=Due | E=Status | G=Progress",
          "4: A=1 | B=Healthy lives {3x1} | C=\xE2\x80\xA2 first line\n\xE2\x80\xA2 second line | "
          "D=Mar-13 | E=#C00000 | G=overdue",
          "5: A=2 | B^ | C=Second action | D=31/03/2014 | E=#FF0000 | G=50%",
          "6: A=3.5 | B^ | C=Third action | D=12/1/2013 | E=#F79646 | G=TRUE",
          "8: A=4a | B=Safer | C=Fourth | D=2013-14 | E=#808080 | G=#404040",
      });
  Lines sheets;
  for (const Table& table : doc.tables) sheets.push_back(table.sheet);
  CHECK(sheets == Lines{"Plan", "Plan", "Cover"});
}

TEST_CASE("xls: rag.xls: fill-only RAG, merged themes, a merged title, hidden row and column") {
  SourceDocument doc = read(fixture("rag.xls"));
  CHECK(warning_lines(doc) == Lines{
                                  "hidden-column: hidden column H skipped (sheet 'Delivery plan')",
                                  "hidden-row: hidden row 8 skipped (sheet 'Delivery plan')",
                                  "hidden-sheet: hidden sheet 'Lookups' skipped",
                              });
  REQUIRE(doc.tables.size() == 2);
  const Table& plan = doc.tables[0];
  // The title merged over A1:G1 is the table's heading.
  CHECK(plan.headings == Lines{"Community Safety Action Plan 2011-12"});
  CHECK(grid_lines(plan) ==
        Lines{
            "3: A=Theme | B=Ref | C=Action | D=Lead | E=Due | F=Progress | G=RAG",
            "4: A=Safer streets {3x1} | B=S1 | C=Extend street lighting on the ring road | "
            "D=Pat Jones | E=30/09/2011 | F=100% | G=#00B050",
            "5: A^ | B=S2 | C=Set up three new neighbourhood watch schemes | D=Sam Patel | "
            "E=31/12/2011 | F=50% | G=#FFC000",
            "6: A^ | B=S3 | C=Cut repeat burglary by a tenth | D=Pat Jones | E=31/03/2012 | "
            "F=25% | G=#FF0000",
            // the merge A7:A9 passes over hidden row 8: two rows here
            "7: A=Stronger communities {2x1} | B=C1 | C=Open the youth hub on Tuesdays | "
            "D=Kim Lee | E=10/31/2011 | F=75% | G=#00B050",
            "9: A^ | B=C3 | C=Run two community clean-up days | D=Sam Patel | E=15/01/2012 | "
            "F=40% | G=#FFC000",
        });
}

TEST_CASE("xls: rag.xls: the cached result of formulas of every kind") {
  SourceDocument doc = read(fixture("rag.xls"));
  REQUIRE(doc.tables.size() == 2);
  CHECK(doc.tables[1].sheet == "Calculations");
  CHECK(grid_lines(doc.tables[1]) == Lines{
                                         "1: A=Kind | B=Value | C=Shown",
                                         "2: A=number | B=21 | C=42",
                                         "3: A=string | B=ab | C=abcd",
                                         "4: A=boolean | B=5 | C=TRUE",
                                         "5: A=error | B=0 | C=#DIV/0!",
                                         "6: A=not available | C=#N/A",
                                         "7: A=empty string",
                                         "8: A=percentage | B=0.125 | C=12.5%",
                                         "9: A=date | B=29/02/2012 | C=1 March 2012",
                                     });
}

TEST_CASE("xls: the same tracker as .xls and .xlsx gives the same items") {
  ConvertOptions options;
  Document from_xls = convert_file(fixture_path("rag.xls"), options);
  Document from_xlsx = convert_file(fixture_path("rag.xlsx"), options);
  REQUIRE(from_xls.items.size() == 5);
  REQUIRE(from_xlsx.items.size() == from_xls.items.size());
  for (std::size_t i = 0; i < from_xls.items.size(); ++i) {
    Item xls = from_xls.items[i];
    Item xlsx = from_xlsx.items[i];
    xls.source.file.clear();
    xlsx.source.file.clear();
    CHECK(xls == xlsx);
  }
  // The colour-only RAG is read as a rating from the fill, as the xlsx importer gives it.
  const Item& first = from_xls.items[0];
  CHECK(first.theme == "Safer streets");
  CHECK(first.status == Rating::green);
  REQUIRE(first.assessments.size() == 1);
  CHECK(first.assessments[0].from == RatingSource::fill);
  CHECK(from_xls.items[2].status == Rating::red);
  CHECK(from_xls.items[3].theme == "Stronger communities");
  CHECK(from_xls.items[4].status == Rating::amber);
  CHECK(from_xls.warnings.size() == from_xlsx.warnings.size());
}

TEST_CASE("xls: Excel 95 (BIFF5): Windows-1252 text, a date, a percentage, fill and font") {
  SourceDocument doc = read(fixture("excel95.xls"));
  REQUIRE(doc.tables.size() == 1);
  const Table& plan = doc.tables[0];
  CHECK(plan.sheet == "Plan");
  CHECK(plan.headings == Lines{"Plan d’action – Zürich café"});
  CHECK(grid_lines(plan) ==
        Lines{
            "3: A=Ref | B=Action | C=Due | D=Done | E=RAG",
            "4: A=1 | B=Naïve résumé review – £5 budget | C=24/08/1995 | D=50% | E=#008000",
            "5: A=2 | B=Über-long “quoted” text | C=Q3",
        });
  // B5's font is red (the fifth FONT record, font 5, palette 10).
  const Cell* b5 = plan.cell_at(2, 1);
  REQUIRE(b5);
  REQUIRE(b5->font);
  CHECK(to_hex(*b5->font) == "#FF0000");
  CHECK_FALSE(plan.cell_at(1, 1)->font);  // automatic colour
}

TEST_CASE("xls: BIFF5 and BIFF2 as another program (SheetJS) writes them") {
  // tests/fixtures/legacy/make_fixtures.sh: rag.xlsx written by SheetJS; it writes neither
  // merges nor fills nor hidden flags in these formats.
  SourceDocument biff5 = read(fixture("sheetjs-biff5.xls"));
  REQUIRE(biff5.tables.size() == 2);
  CHECK(biff5.tables[0].sheet == "Delivery plan");
  CHECK(biff5.tables[0].headings == Lines{"Community Safety Action Plan 2011-12"});
  Lines lines = grid_lines(biff5.tables[0]);
  REQUIRE(lines.size() == 7);
  CHECK(lines[1] ==
        "4: A=Safer streets | B=S1 | C=Extend street lighting on the ring road | D=Pat Jones | "
        "E=30/09/2011 | F=100% | H=lamp survey done");
  CHECK(grid_lines(biff5.tables[1])[3] == "4: A=boolean | B=5 | C=TRUE");

  // BIFF2: one worksheet, no OLE container; SheetJS gives its numbers no format, so a date is
  // its serial number, as LibreOffice shows it too.
  SourceDocument biff2 = read(fixture("sheetjs-biff2.xls"));
  REQUIRE(biff2.tables.size() == 1);
  CHECK(biff2.tables[0].sheet == "Sheet1");
  CHECK(grid_lines(biff2.tables[0])[1] ==
        "4: A=Safer streets | B=S1 | C=Extend street lighting on the ring road | D=Pat Jones | "
        "E=40816 | F=1 | H=lamp survey done");
}

TEST_CASE("xls: password-protected workbooks, BIFF8 and BIFF5, get one line") {
  const std::string error =
      "password-protected or encrypted .xls workbook; remove the password in Excel and save again";
  CHECK(read_error(fixture("password.xls")) == error);
  CHECK(read_error(fixture("password95.xls")) == error);
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
        "damaged .xls workbook (broken OLE container: Problems reading directory)");
  // The OLE signature and nothing else (what the command-line tests use as a legacy .xls).
  std::string stub = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0');
  CHECK(read_error(in_memory(stub, "stub.xls")).starts_with("damaged .xls workbook (broken OLE"));
  // An OLE file without a Workbook stream: tracker.xls with its stream renamed.
  std::string renamed_stream = fixture("tracker.xls").bytes;
  const std::string workbook("W\0o\0r\0k\0b\0o\0o\0k\0", 16);
  auto entry = renamed_stream.rfind(workbook);
  REQUIRE(entry != std::string::npos);
  renamed_stream.replace(entry, workbook.size(), std::string("W\0o\0r\0k\0b\0u\0c\0h\0", 16));
  CHECK(read_error(in_memory(renamed_stream, "renamed.xls")) ==
        "not an Excel workbook: the OLE compound file has no Workbook stream");
  // A LABELSST record that claims more bytes than it has runs into the records after it: they
  // no longer line up, and the stream ends inside a record.
  CHECK(read_error(fixture("crashes-freexl.xls")) ==
        "truncated or damaged .xls workbook (a BIFF record runs past its stream)");
}

TEST_CASE("xls: a bare BIFF stream (Excel 2-4 saved no OLE container) is one sheet") {
  // A BIFF5 worksheet substream on its own: BOF, a LABEL and a NUMBER, EOF.
  auto record = [](std::uint16_t type, std::string data) {
    std::string out;
    out.push_back(static_cast<char>(type & 0xFF));
    out.push_back(static_cast<char>(type >> 8));
    out.push_back(static_cast<char>(data.size() & 0xFF));
    out.push_back(static_cast<char>(data.size() >> 8));
    return out + data;
  };
  std::string bytes = record(0x0809, std::string("\x00\x05\x10\x00\x00\x00\x00\x00", 8));
  bytes += record(0x0204, std::string("\x00\x00\x00\x00\x0F\x00\x05\x00Hello", 13));
  std::string number("\x00\x00\x01\x00\x0F\x00", 6);
  double value = 2.5;
  number.append(reinterpret_cast<const char*>(&value), sizeof value);
  bytes += record(0x0203, number);
  bytes += record(0x000A, "");
  SourceDocument doc = read(in_memory(bytes, "old.xls"));
  REQUIRE(doc.tables.size() == 1);
  CHECK(doc.tables[0].sheet == "Sheet1");
  CHECK(grid_lines(doc.tables[0]) == Lines{"1: A=Hello | B=2.5"});
}

TEST_CASE("xls: a reader past its time limit is stopped") {
  std::string bytes = fixture("tracker.xls").bytes;
  try {
    read_xls_workbook_in_child(bytes, 1000, std::chrono::milliseconds(0));
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == "gave up reading the .xls workbook after 0 s");
  }
  CHECK(read_xls_workbook_in_child(bytes, 1000, std::chrono::seconds(60)).sheets.size() == 3);
}

TEST_CASE("xls: the in-process read (the fuzzer's) gives what the child gives") {
  InputFile input = fixture("rag.xls");
  SourceDocument in_child = read(input);
  SourceDocument here = read_xls_in_process(input, {});
  REQUIRE(here.tables.size() == in_child.tables.size());
  for (std::size_t i = 0; i < here.tables.size(); ++i) {
    CHECK(grid_lines(here.tables[i]) == grid_lines(in_child.tables[i]));
  }
  CHECK(here.warnings == in_child.warnings);
}

TEST_CASE("xls: the cell limit") {
  ImportOptions options;
  options.max_cells = 20;
  CHECK(read_error(fixture("tracker.xls"), options) == "too many cells (more than 20)");
  options.max_cells = 1000;
  CHECK(read(fixture("tracker.xls"), options).tables.size() == 2);
}
