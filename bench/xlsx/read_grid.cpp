// Reads a workbook through trackport's xlsx (or ods) importer into the grid and reports what it
// holds: the importer part of the pipeline, timed by run.sh. With --dump it prints every table
// (sheet, headings, row numbers, cells with fills and merges) for looking at real files.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "importers/xlsx/xlsx_importer.hpp"
#ifdef TRACKPORT_WITH_ODS
#include "importers/ods/ods_importer.hpp"
#endif
#include "io/input.hpp"

namespace {

void dump(const trackport::SourceDocument& document) {
  std::cout << "title: " << document.title << "\n";
  for (const auto& table : document.tables) {
    std::cout << "== table " << table.index << " sheet '" << table.sheet << "' columns";
    for (int c : table.column_numbers) std::cout << ' ' << trackport::column_letters(c);
    std::cout << "\n";
    for (const auto& heading : table.headings) std::cout << "   heading: " << heading << "\n";
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      std::cout << "  row " << table.row_origins[r].number << ":";
      for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
        const auto& cell = table.rows[r][c];
        if (cell.covered) {
          std::cout << " [" << trackport::column_letters(table.column_numbers[c]) << " covered]";
          continue;
        }
        if (cell.text.empty() && !cell.fill) continue;
        std::string text = cell.text.substr(0, 40);
        for (char& ch : text) {
          if (ch == '\n') ch = '|';
        }
        std::cout << " [" << trackport::column_letters(table.column_numbers[c]) << " \"" << text
                  << "\"";
        if (cell.fill) std::cout << " " << trackport::to_hex(*cell.fill);
        if (cell.row_span > 1 || cell.col_span > 1) {
          std::cout << " span " << cell.row_span << "x" << cell.col_span;
        }
        std::cout << "]";
      }
      std::cout << "\n";
    }
  }
  for (const auto& warning : document.warnings) {
    std::cout << "warning " << warning.code << ": " << warning.message << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: read_grid FILE [--dump]\n";
    return 2;
  }
  std::string path = argv[1];
  bool want_dump = argc > 2 && std::string(argv[2]) == "--dump";
  try {
    auto start = std::chrono::steady_clock::now();
    trackport::InputFile input = trackport::read_input(path);
    auto importer = trackport::make_xlsx_importer();
#ifdef TRACKPORT_WITH_ODS
    if (trackport::extension_of(input.path) == "ods") importer = trackport::make_ods_importer();
#endif
    trackport::SourceDocument document = importer->read(input, trackport::ImportOptions{});
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::size_t cells = 0;
    std::size_t rows = 0;
    for (const auto& table : document.tables) {
      rows += table.rows.size();
      for (const auto& row : table.rows) cells += row.size();
    }
    if (want_dump) dump(document);
    std::fprintf(stderr, "%zu tables, %zu rows, %zu cells, %zu warnings in %.3f s\n",
                 document.tables.size(), rows, cells, document.warnings.size(), seconds);
  } catch (const trackport::InputError& error) {
    std::cerr << path << ": " << error.what() << "\n";
    return 1;
  }
  return 0;
}
