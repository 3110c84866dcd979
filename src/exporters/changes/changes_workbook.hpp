// A Comparison as a workbook: a Changes sheet (one row per change, RAG fills on the statuses)
// and a Summary sheet (counts per kind of change, and how statuses moved).
#pragma once

#include <filesystem>

#include "model/comparison.hpp"

namespace trackport {

// Writes the workbook at path (callers wanting an atomic write pass a temporary path and rename
// it). Throws std::runtime_error naming the step when libxlsxwriter fails.
void write_changes_workbook(const Comparison& comparison, const std::filesystem::path& path);

}  // namespace trackport
