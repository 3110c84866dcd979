// Legacy Excel workbooks: .xls (BIFF8, and the BIFF5 and older ones freexl also reads), read with
// freexl (libfreexl-dev) in a child process (xls_child.hpp). Every worksheet in order becomes one
// or more tables (split at blank rows), with the sheet name and A1 cell ranges as the source.
// What freexl does not give (hidden sheets, merges, fills, number formats, formula results) is
// listed in xls_workbook.hpp. A password-protected .xls is refused with a one-line reason.
#pragma once

#include <memory>

#include "importers/importer.hpp"

namespace trackport {

std::unique_ptr<Importer> make_xls_importer();

}  // namespace trackport
