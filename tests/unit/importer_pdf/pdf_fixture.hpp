// Helpers for the PDF importer tests: reading a fixture from tests/fixtures/pdf and finding cells.
#pragma once

#include <string>
#include <vector>

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

// A PDF file of `objects` (numbered from 1; object 1 the catalogue) with a right cross-reference
// table; `trailer_extra` goes into the trailer ("/Info 6 0 R").
inline std::string pdf_of_objects(const std::vector<std::string>& objects,
                                  const std::string& trailer_extra = "") {
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    std::string number = std::to_string(offset);
    pdf += std::string(10 - number.size(), '0') + number + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " +
         trailer_extra + ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// The texts of one row, covered positions as "".
inline std::vector<std::string> row_texts(const Table& table, std::size_t row) {
  std::vector<std::string> texts;
  for (const Cell& cell : table.rows.at(row)) texts.push_back(cell.covered ? "" : cell.text);
  return texts;
}

}  // namespace trackport::test
