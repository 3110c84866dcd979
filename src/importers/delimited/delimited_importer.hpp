// Delimited text: .csv, .tsv, .txt/.tab with tabs. RFC 4180 quoting; UTF-8 (with or without BOM),
// UTF-16 with a BOM (Excel's "Unicode text"), Windows-1252 as a fallback with a warning.
// A blank line and a new header start a new table; a line of text alone before a table is its
// section heading.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "importers/importer.hpp"

namespace trackport {

std::unique_ptr<Importer> make_delimited_importer();

// RFC 4180 records: quoted fields may hold the delimiter, "" and line breaks. A blank line (or a
// run of them) is one empty record.
std::vector<std::vector<std::string>> parse_delimited(std::string_view text, char delimiter);

// The delimiter a text most likely uses: tab, comma or semicolon.
char sniff_delimiter(std::string_view text);

}  // namespace trackport
