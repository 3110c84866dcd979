// Helpers for the PDF importer tests: reading a fixture from tests/fixtures/pdf and finding cells.
#pragma once

#include <string>

#include "grid/table.hpp"
#include "importers/pdf/pdf_importer.hpp"
#include "io/input.hpp"

namespace trackport::test {

inline InputFile pdf_fixture(const std::string& name) {
  return read_input(std::string(TRACKPORT_TEST_DIR) + "/fixtures/pdf/" + name);
}

inline SourceDocument read_pdf_fixture(const std::string& name) {
  return make_pdf_importer()->read(pdf_fixture(name), ImportOptions{});
}

// The texts of one row, covered positions as "".
inline std::vector<std::string> row_texts(const Table& table, std::size_t row) {
  std::vector<std::string> texts;
  for (const Cell& cell : table.rows.at(row)) texts.push_back(cell.covered ? "" : cell.text);
  return texts;
}

}  // namespace trackport::test
