// Reading an .xls workbook in a child process (io/child_process.hpp).
//
// The BIFF reader (xls_workbook.hpp) parses hostile bytes by hand; it is fuzzed (fuzz_xls reads
// it in-process), but a batch holds thousands of files and one bad record must never take the
// batch down. So the workbook is read in a forked child that sends the sheets back through a
// pipe; a crash there, or a child that runs out of time, becomes the one-line error of this one
// file.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

#include "importers/xls/xls_workbook.hpp"

namespace trackport {

// read_xls_workbook(file, max_cells), run in a child process. Throws the child's InputError, or
// an InputError when the child crashed or took longer than `time_limit`; std::runtime_error
// when no child could be started.
XlsWorkbook read_xls_workbook_in_child(std::string_view file, std::size_t max_cells,
                                       std::chrono::milliseconds time_limit);

}  // namespace trackport
