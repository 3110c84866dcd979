#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include "importers/xlsx/xlsx_conditional.hpp"

using namespace trackport;

namespace {

constexpr Rgb kRed{0xFF, 0xC7, 0xCE};
constexpr Rgb kAmber{0xFF, 0xEB, 0x9C};
constexpr Rgb kGreen{0xC6, 0xEF, 0xCE};

XlsxStyles dxf_styles() {
  XlsxStyles styles;
  styles.dxfs = {{kRed, Rgb{0x9C, 0x00, 0x06}}, {kAmber, std::nullopt}, {kGreen, std::nullopt}};
  return styles;
}

XlsxConditionalFormats formats_of(const std::string& xml) {
  pugi::xml_document doc;
  REQUIRE(doc.load_string(xml.c_str()));
  std::vector<XlsxConditionalFormat> formats;
  const XlsxStyles styles = dxf_styles();
  for (pugi::xml_node node : doc.children("conditionalFormatting")) {
    if (auto format = read_conditional_format(node, styles)) formats.push_back(std::move(*format));
  }
  return XlsxConditionalFormats(std::move(formats));
}

// Row `number` with texts at columns 1, 2, ...; empty texts are left out, as the reader does.
SheetRow row_of(int number, const std::vector<std::string>& texts) {
  SheetRow row;
  row.number = number;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].empty()) continue;
    row.columns.push_back(static_cast<int>(i) + 1);
    Cell cell;
    cell.text = texts[i];
    row.cells.push_back(std::move(cell));
  }
  return row;
}

const Cell* cell_at(const SheetRow& row, int column) {
  for (std::size_t i = 0; i < row.columns.size(); ++i) {
    if (row.columns[i] == column) return &row.cells[i];
  }
  return nullptr;
}

std::optional<Rgb> fill_after(const XlsxConditionalFormats& formats, SheetRow row, int column) {
  formats.apply(row);
  const Cell* cell = cell_at(row, column);
  if (!cell || !cell->fill) return std::nullopt;
  CHECK(cell->fill_by_format);
  return cell->fill;
}

}  // namespace

TEST_CASE("conditional formats: cellIs against texts and numbers") {
  auto formats = formats_of(R"(
    <conditionalFormatting sqref="B2:B20">
      <cfRule type="cellIs" dxfId="0" priority="1" operator="equal"><formula>"R"</formula></cfRule>
      <cfRule type="cellIs" dxfId="1" priority="2" operator="equal"><formula>"A"</formula></cfRule>
      <cfRule type="cellIs" dxfId="2" priority="3" operator="equal"><formula>"G"</formula></cfRule>
    </conditionalFormatting>
    <conditionalFormatting sqref="C2:C20">
      <cfRule type="cellIs" dxfId="0" priority="4" operator="between"><formula>0</formula><formula>0.599</formula></cfRule>
      <cfRule type="cellIs" dxfId="2" priority="5" operator="greaterThanOrEqual"><formula>0.85</formula></cfRule>
    </conditionalFormatting>)");
  CHECK(fill_after(formats, row_of(2, {"x", "R"}), 2) == kRed);
  CHECK(fill_after(formats, row_of(3, {"x", "g"}), 2) == kGreen);  // Excel ignores case
  CHECK_FALSE(fill_after(formats, row_of(4, {"x", "Red"}), 2));
  CHECK_FALSE(fill_after(formats, row_of(30, {"x", "R"}), 2));         // below the range
  CHECK(fill_after(formats, row_of(5, {"x", "", "45%"}), 3) == kRed);  // the shown text's number
  CHECK(fill_after(formats, row_of(6, {"x", "", "0.94"}), 3) == kGreen);
  CHECK_FALSE(fill_after(formats, row_of(7, {"x", "", "72%"}), 3));
  CHECK_FALSE(fill_after(formats, row_of(8, {"x", "", ""}), 3));  // an empty cell equals no number
}

TEST_CASE("conditional formats: text rules, and the first rule by priority wins") {
  auto formats = formats_of(R"(
    <conditionalFormatting sqref="D1:D9">
      <cfRule type="containsText" dxfId="2" priority="2" operator="containsText" text="plan"><formula>NOT(ISERROR(SEARCH("plan",D1)))</formula></cfRule>
      <cfRule type="containsText" dxfId="0" priority="1" operator="containsText" text="behind"><formula>NOT(ISERROR(SEARCH("behind",D1)))</formula></cfRule>
      <cfRule type="beginsWith" dxfId="1" priority="3" operator="beginsWith" text="Ahead"><formula>LEFT(D1,5)="Ahead"</formula></cfRule>
    </conditionalFormatting>)");
  CHECK(fill_after(formats, row_of(2, {"", "", "", "Behind plan"}), 4) == kRed);
  CHECK(fill_after(formats, row_of(3, {"", "", "", "To plan"}), 4) == kGreen);
  CHECK(fill_after(formats, row_of(4, {"", "", "", "Ahead of time"}), 4) == kAmber);
}

TEST_CASE("conditional formats: expressions on another cell of the row colour an empty cell") {
  auto formats = formats_of(R"(
    <conditionalFormatting sqref="G5:G30">
      <cfRule type="expression" dxfId="0" priority="1" stopIfTrue="1"><formula>$F5="Behind"</formula></cfRule>
      <cfRule type="expression" dxfId="1" priority="2"><formula>AND($E5&gt;=0.5,$E5&lt;0.8)</formula></cfRule>
      <cfRule type="expression" dxfId="2" priority="3"><formula>ISNUMBER(SEARCH("plan",$F5))</formula></cfRule>
    </conditionalFormatting>)");
  // The reference F5 is written for the range's first row: for row 9 it is F9.
  SheetRow behind = row_of(9, {"1", "Do it", "Jo", "", "0.9", "Behind"});
  CHECK(fill_after(formats, behind, 7) == kRed);
  CHECK(fill_after(formats, row_of(10, {"1", "Do it", "Jo", "", "62%", "Slipping"}), 7) == kAmber);
  CHECK(fill_after(formats, row_of(11, {"1", "Do it", "Jo", "", "0.9", "On plan"}), 7) == kGreen);
  CHECK_FALSE(fill_after(formats, row_of(12, {"1", "Do it", "Jo", "", "0.9", "Unknown"}), 7));

  // The empty cell the rule coloured is now in the row, in column order, with the rule's font.
  SheetRow coloured = row_of(13, {"1", "Do it", "Jo", "", "0.9", "Behind"});
  formats.apply(coloured);
  REQUIRE(coloured.columns.size() == 6);
  CHECK(coloured.columns.back() == 7);
  CHECK(coloured.cells.back().font == Rgb{0x9C, 0x00, 0x06});
  CHECK(coloured.cells.back().font_by_format);
}

TEST_CASE("conditional formats: rules not evaluated are left out") {
  auto formats = formats_of(R"(
    <conditionalFormatting sqref="A1:A9">
      <cfRule type="colorScale" priority="1"><colorScale/></cfRule>
      <cfRule type="cellIs" dxfId="7" priority="2" operator="equal"><formula>"R"</formula></cfRule>
      <cfRule type="cellIs" dxfId="0" priority="3" operator="equal"><formula>$H$1</formula></cfRule>
    </conditionalFormatting>)");
  CHECK_FALSE(fill_after(formats, row_of(2, {"R"}), 1));  // no dxf 7; a reference, not a literal
}
