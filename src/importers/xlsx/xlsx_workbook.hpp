// The workbook-level parts of an xlsx package, read into a format-shaped form: the sheets in
// order with their parts (through the workbook's relationships), the date system, the shared
// strings, the cell styles and the document title.
#pragma once

#include <string>
#include <vector>

#include "importers/ooxml/package.hpp"
#include "importers/xlsx/xlsx_styles.hpp"

namespace trackport {

struct XlsxSheetEntry {
  std::string name;
  std::string part;           // resolved package path; "" when the relationship is missing
  std::string state;          // "visible", "hidden" or "veryHidden"
  bool is_worksheet = false;  // false for chart sheets, dialog and macro sheets
};

// The colour of a shared string's first coloured run, by the string's index (ascending).
using RunColours = std::vector<std::pair<std::size_t, Rgb>>;

struct XlsxWorkbook {
  std::vector<XlsxSheetEntry> sheets;
  bool date1904 = false;
  std::string title;                        // docProps/core.xml dc:title
  std::vector<std::string> shared_strings;  // already cleaned (importers/shared/cell_text.hpp)
  RunColours shared_string_colours;         // only the strings with a coloured run
  XlsxStyles styles;
};

// Throws InputError when the package has no spreadsheet main part or it is malformed.
XlsxWorkbook read_workbook(OoxmlPackage& package);

// Each <si> of sharedStrings.xml as plain text: the runs of rich text joined, phonetic runs
// dropped, _xHHHH_ escapes decoded, then cleaned. `xml` is parsed in place.
// With `styles` and `colours`: also each string's first coloured run's colour.
std::vector<std::string> parse_shared_strings(std::string& xml, const XlsxStyles* styles = nullptr,
                                              RunColours* colours = nullptr);

// The colour of the first run of a rich-text container (<si>, <is>) that sets one.
std::optional<Rgb> first_run_colour(pugi::xml_node container, const XlsxStyles& styles);

// Decodes OOXML's _xHHHH_ escapes ("_x000D_" is a carriage return) in place.
void decode_ooxml_escapes(std::string& text);

// Appends the text of a rich-text container (<si>, <is>): its <t>, or the <t> of each <r>.
void append_rich_text(pugi::xml_node container, std::string& out);

}  // namespace trackport
