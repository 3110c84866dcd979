// Test helpers shared by the importer tests: inputs made in memory, the one-line error a read
// gives, and what a read left in the grid.
#pragma once

#include <string>
#include <utility>

#include "grid/table.hpp"
#include "importers/importer.hpp"
#include "io/input.hpp"
#include "model/rating.hpp"

namespace trackport::test {

inline InputFile in_memory(std::string bytes, std::string name) {
  InputFile input;
  input.path = std::move(name);
  input.bytes = std::move(bytes);
  return input;
}

// The InputError `importer` gives for `input`, or "no error".
inline std::string read_error(const Importer& importer, const InputFile& input,
                              const ImportOptions& options = {}) {
  try {
    importer.read(input, options);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// True when the document has a warning `code` at this table and row (0: none).
inline bool has_warning(const SourceDocument& document, const std::string& code, int table = 0,
                        int row = 0) {
  for (const Warning& warning : document.warnings) {
    if (warning.code == code && warning.location.table == table && warning.location.row == row) {
      return true;
    }
  }
  return false;
}

// The fill at (row, col) as "#RRGGBB", or "none".
inline std::string hex_fill(const Table& table, std::size_t row, std::size_t col) {
  auto fill = table.fill_at(row, col);
  return fill ? to_hex(*fill) : "none";
}

}  // namespace trackport::test
