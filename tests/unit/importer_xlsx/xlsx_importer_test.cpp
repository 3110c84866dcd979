#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "importers/xlsx/xlsx_importer.hpp"
#include "io/input.hpp"
#include "support/importer_checks.hpp"
#include "unit/importer_xlsx/grid_text.hpp"
#include "unit/io/zip_writer.hpp"

using namespace trackport;
using trackport::test::column_names;
using trackport::test::grid_lines;
using trackport::test::make_zip;
using Lines = std::vector<std::string>;

namespace {

std::string fixture_path(const std::string& name) {
  return std::string(TRACKPORT_TEST_DIR) + "/fixtures/xlsx/" + name;
}

InputFile fixture(const std::string& name) {
  return read_input(fixture_path(name));
}

InputFile in_memory(std::string bytes, std::string name = "test.xlsx") {
  return test::in_memory(std::move(bytes), std::move(name));
}

SourceDocument read(const InputFile& input, ImportOptions options = {}) {
  return make_xlsx_importer()->read(input, options);
}

std::string read_error(const InputFile& input, ImportOptions options = {}) {
  return test::read_error(*make_xlsx_importer(), input, options);
}

// A minimal workbook around one worksheet part's XML (without the part: a damaged workbook).
std::string workbook_with_sheet(const std::string& sheet_xml, bool with_part = true) {
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
<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  const std::string workbook_rels = R"(<?xml version="1.0"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>)";
  std::vector<test::ZipEntry> entries = {{"[Content_Types].xml", types},
                                         {"_rels/.rels", root_rels},
                                         {"xl/workbook.xml", workbook},
                                         {"xl/_rels/workbook.xml.rels", workbook_rels}};
  if (with_part) entries.push_back({"xl/worksheets/sheet1.xml", sheet_xml});
  return make_zip(entries);
}

std::string sheet_xml(const std::string& inside) {
  return R"(<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
         inside + "</worksheet>";
}

}  // namespace

TEST_CASE("xlsx: identify and format") {
  auto importer = make_xlsx_importer();
  CHECK(importer->name() == "xlsx");
  CHECK(importer->identify(fixture("features.xlsx")) == Match::content);
  InputFile renamed = fixture("features.xlsx");
  renamed.path = "report.bin";
  CHECK(importer->identify(renamed) == Match::content);
  CHECK(importer->format_of(renamed) == "xlsx");
  renamed.path = "macro.XLSM";
  CHECK(importer->format_of(renamed) == "xlsm");
  CHECK(importer->identify(fixture("encrypted.xlsx")) == Match::content);
  CHECK(importer->identify(in_memory("just text", "notes.xlsx")) == Match::extension);
  CHECK(importer->identify(in_memory("just text", "notes.txt")) == Match::no);
  // A ZIP that is some other package is not claimed.
  std::string docx = make_zip(
      {{"[Content_Types].xml",
        "<Types><Override PartName=\"/word/document.xml\" ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"}});
  CHECK(importer->identify(in_memory(docx, "a.docx")) == Match::no);
}

TEST_CASE("xlsx: features.xlsx, sheet Plan: title heading, merges, dates, fills, hidden parts") {
  SourceDocument doc = read(fixture("features.xlsx"));
  CHECK(doc.title == "Feature workbook");
  REQUIRE(doc.tables.size() == 3);

  const Table& plan = doc.tables[0];
  CHECK(plan.index == 1);
  CHECK(plan.sheet == "Plan");
  CHECK(plan.addressing == Addressing::cells);
  CHECK(plan.headings == Lines{"Delivery Plan 2013-16"});
  // Column F is hidden: skipped, and G keeps its letter.
  CHECK(column_names(plan) == Lines{"A", "B", "C", "D", "E", "G"});
  CHECK(
      grid_lines(plan) ==
      Lines{
          "3: A=Ref | B=Theme | C=Action | D=Due | E=Status | G=Progress",
          // mmm-yy date; rgb fill C00000; red *font* on G4 is not a fill
          "4: A=1 | B=Healthy lives {3x1} | C=\xE2\x80\xA2 first line\n\xE2\x80\xA2 second line | "
          "D=Mar-13 | E=#C00000 | G=overdue",
          // dd/mm/yyyy; indexed colour 10 = FF0000; 0% format
          "5: A=2 | B^ | C=Second action | D=31/03/2014 | E=#FF0000 | G=50%",
          // built-in format 14 (the reader's locale's short date) as ISO 8601; theme 9 =
          // accent6 F79646; a boolean
          "6: A=3.5 | B^ | C=Third action | D=2013-12-01 | E=#F79646 | G=TRUE",
          // row 7 is hidden; theme 0 (lt1, white) tint -0.5 = 808080; theme 1 (dk1, black)
          // tint 0.25 = 404040
          "8: A=4a | B=Safer | C=Fourth | D=2013-14 | E=#808080 | G=#404040",
      });
  CHECK(plan.rows[2][1].covered);
  CHECK(plan.rows[2][1].origin_row == 1);
  CHECK(plan.rows[2][1].origin_col == 1);
  CHECK(plan.text_at(2, 1) == "Healthy lives");

  const Table& second = doc.tables[1];
  CHECK(second.index == 2);
  CHECK(second.headings == Lines{"Section two"});
  // C13: accent2 C0504D lightened 40% in HSL: H 0.0043, S 0.4772, L 0.5275 -> 0.7165
  // -> D9 96 94.
  CHECK(grid_lines(second) ==
        Lines{"12: A=Indicator | B=Baseline | C=Target", "13: A=NI 45 | B=12 | C=15 #D99694"});
  // The junk in hidden column F below the data (rows 15-17) makes no table.

  const Table& cover = doc.tables[2];
  CHECK(cover.sheet == "Cover");
  CHECK(cover.headings == Lines{"Cover title"});
  CHECK(grid_lines(cover) == Lines{"3: A=Some notes"});

  REQUIRE(doc.warnings.size() == 4);
  CHECK(doc.warnings[0].code == "hidden-column");
  CHECK(doc.warnings[0].message == "hidden column F skipped (sheet 'Plan')");
  CHECK(doc.warnings[0].location.sheet == "Plan");
  CHECK(doc.warnings[0].location.file == fixture_path("features.xlsx"));
  CHECK(doc.warnings[1].code == "hidden-row");
  CHECK(doc.warnings[1].message == "hidden row 7 skipped (sheet 'Plan')");
  CHECK(doc.warnings[2].code == "hidden-sheet");
  CHECK(doc.warnings[2].message == "hidden sheet 'Secret' skipped");
  CHECK(doc.warnings[3].message == "very hidden sheet 'VeryHidden' skipped");
}

TEST_CASE("xlsx: handmade.xlsx: prefixes, relationships, string kinds, values, formats") {
  SourceDocument doc = read(fixture("handmade.xlsx"));
  CHECK(doc.title.empty());
  REQUIRE(doc.tables.size() == 2);
  CHECK(doc.tables[0].sheet == "Hand & made");
  CHECK(grid_lines(doc.tables[0]) ==
        Lines{
            // shared plain, rich runs (with a space-only run), phonetic run dropped, a cell
            // without r, an inline string with an entity, _x000D_ + newline
            "1: A=Plain text | B=Bold run | C=\xE6\xBC\xA2\xE5\xAD\x97 | D=Inline & more | "
            "E=Line\nbreak",
            // a row without r; boolean, error, cached formula values, a formula with no value
            // (E2, nothing), 0.1+0.2 in general format, 1E+20, a negative integer
            "2: A=TRUE | B=#N/A | C=2 | D=Plain textx | F=0.3 | G=1E+20 | H=-12",
        });
  // Rows 3-4 are absent: a sparse sheet, so row 5 starts a second table.
  CHECK(grid_lines(doc.tables[1]) ==
        Lines{
            "5: A=1,234,567.89 | B=Mar-13 | C=Mar-13 | D=1/3/2013 12:00 | E=Due 01-Mar-2013 | "
            "F=12.5% | G=01 March 2013 | H=Qty: 5",
            // gray125 is not a solid fill; B6 is an empty green cell; s=99 does not exist
            "6: A=7 | B=#00B050 | C=8",
        });
}

TEST_CASE("xlsx: date1904.xlsx: the 1904 date system and date/time formats") {
  SourceDocument doc = read(fixture("date1904.xlsx"));
  REQUIRE(doc.tables.size() == 1);
  CHECK(grid_lines(doc.tables[0]) ==
        Lines{"1: A=Mar-13 | B=05 July 2014 02:30 PM | C=Saturday 5 Jul 14 | D=18:00:00 | "
              "E=2012-02-29 9:5:7"});
}

TEST_CASE("xlsx: OLE containers: encrypted workbooks and legacy .xls") {
  CHECK(read_error(fixture("encrypted.xlsx")) ==
        "password-protected or encrypted workbook (an OLE container, not a ZIP); remove the "
        "password in Excel and save again");
  // Legacy .xls (BIFF) workbooks are the xls importer's (tests/unit/importer_xls): not claimed
  // here, whatever the name, and refused when handed over anyway.
  CHECK(make_xlsx_importer()->identify(fixture("legacy.xls")) == Match::no);
  InputFile misnamed = fixture("legacy.xls");
  misnamed.path = "plan.xlsx";
  CHECK(make_xlsx_importer()->identify(misnamed) == Match::no);
  CHECK(read_error(fixture("legacy.xls")) ==
        "not an xlsx workbook (an OLE compound file, such as a legacy .xls)");
}

TEST_CASE("xlsx: empty, non-ZIP and truncated files") {
  CHECK(read_error(in_memory("")) == "empty file (an xlsx workbook is a ZIP container)");
  CHECK(read_error(in_memory("Ref,Action\n1,Do it\n")) ==
        "not an xlsx workbook (not a ZIP container)");
  InputFile whole = fixture("features.xlsx");
  std::string half = whole.bytes.substr(0, whole.bytes.size() / 2);
  CHECK(read_error(in_memory(half)).starts_with("truncated or corrupt ZIP"));
}

TEST_CASE("xlsx: a ZIP that is not a spreadsheet package") {
  CHECK(read_error(in_memory(make_zip({{"a.txt", "hello"}}))) ==
        "not an Office Open XML package (no [Content_Types].xml)");
}

TEST_CASE("xlsx: a billion-laughs DOCTYPE in a sheet is refused") {
  std::string laughs = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>)";
  CHECK(read_error(in_memory(workbook_with_sheet(laughs))) ==
        "part xl/worksheets/sheet1.xml has a DOCTYPE declaration (refused: possible "
        "entity-expansion attack)");
}

TEST_CASE("xlsx: a dimension claiming a million columns allocates nothing for them") {
  std::string xml =
      sheet_xml(R"(<dimension ref="A1:ZZZZ1048576"/><sheetData><row r="1" spans="1:475254">)"
                R"(<c r="A1" t="inlineStr"><is><t>only</t></is></c></row></sheetData>)");
  SourceDocument doc = read(in_memory(workbook_with_sheet(xml)));
  REQUIRE(doc.tables.size() == 1);
  CHECK(grid_lines(doc.tables[0]) == Lines{"1: A=only"});
}

TEST_CASE("xlsx: a 50,000-character cell is read whole") {
  std::string words;
  for (int i = 0; i < 10000; ++i) words += "word ";
  std::string xml = sheet_xml(R"(<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>)" + words +
                              "</t></is></c></row></sheetData>");
  SourceDocument doc = read(in_memory(workbook_with_sheet(xml)));
  REQUIRE(doc.tables.size() == 1);
  const std::string& text = doc.tables[0].rows[0][0].text;
  CHECK(text.size() == 49999);  // the trailing space trimmed
  CHECK(text.starts_with("word word"));
}

TEST_CASE("xlsx: a ZIP bomb in a sheet part is an error, not an out-of-memory") {
  std::string padding(std::size_t{40} << 20, ' ');
  std::string xml = sheet_xml("<sheetData>" + padding + "</sheetData>");
  padding = {};
  InputFile bomb = in_memory(workbook_with_sheet(xml));
  xml = {};
  CHECK(read_error(bomb).find("suspicious compression ratio") != std::string::npos);
  ImportOptions tight;
  tight.max_compression_ratio = 1e9;
  tight.max_inflated_bytes = std::size_t{8} << 20;
  CHECK(read_error(bomb, tight).find("beyond the limit") != std::string::npos);
}

TEST_CASE("xlsx: the cell limit") {
  std::string cells;
  for (int r = 1; r <= 4; ++r) {
    cells += "<row r=\"" + std::to_string(r) + "\">";
    for (const char* c : {"A", "B", "C"}) {
      cells += std::string("<c r=\"") + c + std::to_string(r) + "\"><v>1</v></c>";
    }
    cells += "</row>";
  }
  InputFile input =
      in_memory(workbook_with_sheet(sheet_xml("<sheetData>" + cells + "</sheetData>")));
  ImportOptions options;
  options.max_cells = 11;
  CHECK(read_error(input, options) == "too many cells (more than 11)");
  options.max_cells = 12;
  CHECK(read(input, options).tables.size() == 1);
}

TEST_CASE("xlsx: one cell a row, each in a new column, is held to the memory budget") {
  // 36 KB of such rows spans a 6,000 x 6,000 grid: 2.5 GB and 11 s before the budget.
  std::string cells;
  for (int r = 1; r <= 6000; ++r) {
    const std::string ref = column_letters(r) + std::to_string(r);
    cells += "<row r=\"" + std::to_string(r) + "\"><c r=\"" + ref +
             "\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
  }
  InputFile input =
      in_memory(workbook_with_sheet(sheet_xml("<sheetData>" + cells + "</sheetData>")));
  CHECK(read_error(input, ImportOptions{}) ==
        "too many cells (over the cell limit, or --table-memory)");
  ImportOptions ample;
  ample.max_table_bytes = std::size_t{8} << 30;
  ample.max_cells = 40'000'000;
  CHECK(ImportOptions{}.sheet_cell_budget() < std::size_t{6000} * 6000);
  CHECK(ample.sheet_cell_budget() >= std::size_t{6000} * 6000);
}

TEST_CASE("xlsx: malformed sheet XML and a sheet without a part") {
  std::string broken = sheet_xml("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData>");
  CHECK(read_error(in_memory(workbook_with_sheet(broken)))
            .starts_with("malformed XML in xl/worksheets/sheet1.xml"));
  std::string truncated = R"(<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>)";
  CHECK(read_error(in_memory(workbook_with_sheet(truncated))) == "a worksheet part is truncated");
  // Its only sheet without a part: a damaged workbook, not a workbook of nothing.
  CHECK(read_error(in_memory(workbook_with_sheet("", false))) ==
        "damaged workbook: none of its sheets has a worksheet part in the file");
}

TEST_CASE("xlsx: a sheet with no data gives no tables and no error") {
  SourceDocument doc = read(in_memory(workbook_with_sheet(sheet_xml("<sheetData/>"))));
  CHECK(doc.tables.empty());
  CHECK(doc.warnings.empty());
  doc = read(in_memory(workbook_with_sheet(sheet_xml("<dimension ref=\"A1\"/>"))));
  CHECK(doc.tables.empty());
}

TEST_CASE("xlsx: rows and cells out of order are put in order") {
  std::string xml =
      sheet_xml(R"(<sheetData><row r="2"><c r="B2"><v>4</v></c><c r="A2"><v>3</v></c></row>)"
                R"(<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row></sheetData>)");
  SourceDocument doc = read(in_memory(workbook_with_sheet(xml)));
  REQUIRE(doc.tables.size() == 1);
  CHECK(grid_lines(doc.tables[0]) == Lines{"1: A=1 | B=2", "2: A=3 | B=4"});
}

TEST_CASE("xlsx: a sheet bigger than the streaming window reads every row, in order") {
  // About 9 MB of sheet XML: more than two 4 MiB windows and many 1 MiB row chunks, so rows
  // straddle every kind of boundary. Row r holds r in A and "t<r>" inline in B.
  std::string rows;
  const int count = 120000;
  for (int r = 1; r <= count; ++r) {
    std::string n = std::to_string(r);
    rows += "<row r=\"" + n + "\"><c r=\"A" + n + "\"><v>" + n + "</v></c><c r=\"B" + n +
            "\" t=\"inlineStr\"><is><t>t" + n + "</t></is></c></row>";
  }
  std::string xml = sheet_xml("<sheetData>" + rows +
                              "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/>"
                              "</mergeCells>");
  REQUIRE(xml.size() > (std::size_t{8} << 20));
  SourceDocument doc = read(in_memory(workbook_with_sheet(xml)));
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  REQUIRE(table.rows.size() == static_cast<std::size_t>(count));
  bool all_match = true;
  for (int r = 1; r <= count && all_match; ++r) {
    const auto& row = table.rows[static_cast<std::size_t>(r - 1)];
    all_match = table.row_origins[static_cast<std::size_t>(r - 1)].number == r &&
                row[0].text == std::to_string(r) &&
                (r == 1 || row[1].text == "t" + std::to_string(r));
  }
  CHECK(all_match);
  // The merge after the rows (read from the tail of the part) still applies.
  CHECK(table.rows[0][0].col_span == 2);
  CHECK(table.rows[0][1].covered);
}

TEST_CASE("xlsx: mangled sheet XML gives a result or an InputError, never a crash") {
  const std::string base = sheet_xml(
      R"(<dimension ref="A1:C3"/><cols><col min="2" max="2" hidden="1"/></cols><sheetData>)"
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Ref &amp; id</t></is></c><c r="C1" t="b"><v>1</v></c></row>)"
      R"(<row r="2" hidden="1"><c r="A2"><v>41334</v></c><c r="B2" t="e"><v>#N/A</v></c></row>)"
      R"(<row r="3"><c r="A3" t="s"><v>7</v></c><c t="str"><f>X</f><v>y</v></c></row>)"
      R"(</sheetData><mergeCells><mergeCell ref="A1:C3"/></mergeCells>)");
  const std::string noise = "<>/\"=&;#x0 :r";
  unsigned state = 12345;  // a fixed LCG: the same mangling every run
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return (state >> 8) & 0xFFFFFF;
  };
  int errors = 0;
  for (int round = 0; round < 300; ++round) {
    std::string xml = base;
    int edits = 1 + static_cast<int>(next() % 4);
    for (int e = 0; e < edits; ++e) {
      std::size_t at = next() % xml.size();
      if (next() % 5 == 0) {
        xml.resize(at);  // truncated
        if (xml.empty()) xml = "<";
      } else {
        xml[at] = noise[next() % noise.size()];
      }
    }
    try {
      read(in_memory(workbook_with_sheet(xml)));
    } catch (const InputError&) {
      ++errors;
    }
  }
  CHECK(errors > 0);  // the mangling did break things; nothing else escaped
}

TEST_CASE("xlsx: zero-width columns and zero-height rows count as hidden") {
  std::string xml = sheet_xml(
      R"(<cols><col min="2" max="2" width="0" customWidth="1"/></cols><sheetData>)"
      R"(<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row>)"
      R"(<row r="2" ht="0" customHeight="1"><c r="A2"><v>4</v></c></row>)"
      R"(<row r="3"><c r="A3"><v>5</v></c></row></sheetData>)");
  SourceDocument doc = read(in_memory(workbook_with_sheet(xml)));
  REQUIRE(doc.tables.size() == 1);
  CHECK(grid_lines(doc.tables[0]) == Lines{"1: A=1 | C=3", "3: A=5"});
  REQUIRE(doc.warnings.size() == 2);
  CHECK(doc.warnings[0].message == "hidden column B skipped (sheet 'S')");
  CHECK(doc.warnings[1].message == "hidden row 2 skipped (sheet 'S')");
}
