// Reads Word (.docx) or HTML files with trackport's importers and reports how long the read took;
// with --dump, prints the grid (one line per cell) to check what an importer makes of a file.
//
//   read_grid [--dump] [--repeat N] FILE...
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "importers/docx/docx_importer.hpp"
#include "importers/html/html_importer.hpp"
#include "io/input.hpp"

namespace {

std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n')
      out += "\\n";
    else
      out.push_back(c);
  }
  return out;
}

void dump(const trackport::SourceDocument& document) {
  std::cout << "title: " << document.title << "\n";
  for (const auto& warning : document.warnings) {
    std::cout << "warning " << warning.code << " (table " << warning.location.table << " row "
              << warning.location.row << "): " << warning.message << "\n";
  }
  for (const auto& table : document.tables) {
    std::cout << "table " << table.index << " (" << table.rows.size() << " x "
              << table.column_count() << ")";
    for (const auto& heading : table.headings) std::cout << " [" << heading << "]";
    std::cout << "\n";
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto& origin = table.row_origins[r];
      std::cout << "  row " << origin.number << (origin.header_marked ? " header" : "") << "\n";
      for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
        const auto& cell = table.rows[r][c];
        std::cout << "    " << c << ": ";
        if (cell.covered) {
          std::cout << "(covered by " << cell.origin_row << "," << cell.origin_col << ")\n";
          continue;
        }
        if (cell.row_span > 1 || cell.col_span > 1) {
          std::cout << "{" << cell.row_span << "x" << cell.col_span << "} ";
        }
        if (cell.fill) std::cout << "<" << trackport::to_hex(*cell.fill) << "> ";
        std::cout << escaped(cell.text) << "\n";
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool dump_grid = false;
  int repeat = 1;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--dump")
      dump_grid = true;
    else if (arg == "--repeat" && i + 1 < argc)
      repeat = std::atoi(argv[++i]);
    else
      files.emplace_back(arg);
  }
  if (files.empty()) {
    std::cerr << "usage: read_grid [--dump] [--repeat N] FILE...\n";
    return 2;
  }
  auto docx = trackport::make_docx_importer();
  auto html = trackport::make_html_importer();
  int status = 0;
  for (const std::string& file : files) {
    try {
      trackport::InputFile input = trackport::read_input(file);
      const trackport::Importer& importer =
          html->identify(input) == trackport::Match::content ? *html : *docx;
      trackport::SourceDocument document;
      auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < repeat; ++i) document = importer.read(input, {});
      auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
      std::size_t rows = 0;
      for (const auto& table : document.tables) rows += table.rows.size();
      std::printf("%s: %s, %zu tables, %zu rows, %.4f s per read\n", file.c_str(),
                  std::string(importer.name()).c_str(), document.tables.size(), rows,
                  seconds.count() / repeat);
      if (dump_grid) dump(document);
    } catch (const trackport::InputError& error) {
      std::printf("%s: error: %s\n", file.c_str(), error.what());
      status = 1;
    }
  }
  return status;
}
