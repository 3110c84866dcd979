// Reading an .xls workbook in a child process.
//
// freexl 1.0.6 is not safe on damaged files: fuzzing it with one-byte changes to a real workbook
// makes freexl_open free garbage pointers and crash (tests/fixtures/xls/crashes-freexl.xls), and
// its date conversion counts days one at a time, so a crafted serial keeps it busy for long.
// Inside trackport that would take a whole batch down. So the workbook is read in a forked child
// that sends the sheets back through a pipe; a crash there, or a child that runs out of time,
// becomes the one-line error of this one file.
//
// The child is forked without exec (it runs read_xls_file from this process image), so it must
// not need a lock another thread held at the fork: glibc keeps malloc and stdio usable in the
// child; freexl's iconv converters are opened there too, and the time limit covers the unlikely
// case of a lock left held.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <vector>

#include "importers/xls/xls_workbook.hpp"

namespace trackport {

// read_xls_file(file, max_cells), run in a child process. Throws the child's InputError, or an
// InputError when the child crashed or took longer than `time_limit`; std::runtime_error when no
// child could be started.
std::vector<XlsSheet> read_xls_file_in_child(const std::filesystem::path& file,
                                             std::size_t max_cells,
                                             std::chrono::milliseconds time_limit);

}  // namespace trackport
