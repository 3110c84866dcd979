// Legacy Excel workbooks: .xls (BIFF8, BIFF5/7 and the worksheets of BIFF2-4), read by
// xls_workbook.hpp in a child process (xls_child.hpp). Every visible worksheet in order becomes
// one or more tables (split at blank rows), with the sheet name and A1 cell ranges as the source;
// cells keep their fills and font colours, merges their spans; hidden sheets, rows and columns
// are skipped with a warning, as in an xlsx. A password-protected .xls is refused with one line.
#pragma once

#include <memory>

#include "importers/importer.hpp"

namespace trackport {

std::unique_ptr<Importer> make_xls_importer();

// What the importer's read gives, with the workbook parsed in this process rather than in a
// child: for the fuzzer, whose coverage a child would not report.
SourceDocument read_xls_in_process(const InputFile& input, const ImportOptions& options);

}  // namespace trackport
