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

struct XlsxWorkbook {
  std::vector<XlsxSheetEntry> sheets;
  bool date1904 = false;
  std::string title;                        // docProps/core.xml dc:title
  std::vector<std::string> shared_strings;  // already cleaned (model/text.hpp)
  XlsxStyles styles;
};

// Throws InputError when the package has no spreadsheet main part or it is malformed.
XlsxWorkbook read_workbook(OoxmlPackage& package);

// Each <si> of sharedStrings.xml as plain text: the runs of rich text joined, phonetic runs
// dropped, _xHHHH_ escapes decoded, then cleaned. `xml` is parsed in place.
std::vector<std::string> parse_shared_strings(std::string& xml);

// Decodes OOXML's _xHHHH_ escapes ("_x000D_" is a carriage return) in place.
void decode_ooxml_escapes(std::string& text);

// Appends the text of a rich-text container (<si>, <is>): its <t>, or the <t> of each <r>.
void append_rich_text(pugi::xml_node container, std::string& out);

}  // namespace trackport
