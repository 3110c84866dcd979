// Excel workbooks: .xlsx and .xlsm (Office Open XML spreadsheets), read with libzip + pugixml.
// Every visible worksheet in order becomes one or more tables (split at blank rows); hidden
// sheets, rows and columns are skipped with a warning. Encrypted workbooks (an OLE compound file
// around the package) are refused with a message that says what to do; legacy .xls files, OLE
// too, are read by src/importers/xls.
#pragma once

#include <memory>

#include "importers/importer.hpp"

namespace trackport {

std::unique_ptr<Importer> make_xlsx_importer();

}  // namespace trackport
