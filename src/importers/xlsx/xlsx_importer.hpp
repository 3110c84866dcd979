// Excel workbooks: .xlsx and .xlsm (Office Open XML spreadsheets), read with libzip + pugixml.
// Every visible worksheet in order becomes one or more tables (split at blank rows); hidden
// sheets, rows and columns are skipped with a warning. Encrypted workbooks and legacy .xls files
// (both OLE compound files) are refused with a message that says what to do.
#pragma once

#include <memory>

#include "importers/importer.hpp"

namespace trackport {

std::unique_ptr<Importer> make_xlsx_importer();

}  // namespace trackport
