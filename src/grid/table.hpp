// The grid every importer produces and the mapping engine reads: tables of cells with their
// text, fill colour, spans and where they came from. Nothing here knows a file format.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/document.hpp"
#include "model/rating.hpp"

namespace trackport {

// A box in the source's own units (PDF points, origin bottom-left), when the format has one.
using Box = std::array<double, 4>;  // x1, y1, x2, y2

// A cell's box, held out of line: only PDF cells have one, and the millions of cells of a big
// spreadsheet should not each carry 40 bytes for it. Reads like std::optional<Box>.
class CellBox {
 public:
  CellBox() = default;
  CellBox(const Box& box) : box_(std::make_unique<Box>(box)) {}  // NOLINT: implicit, like optional
  CellBox(const CellBox& other) : box_(other.box_ ? std::make_unique<Box>(*other.box_) : nullptr) {}
  CellBox(CellBox&&) noexcept = default;
  CellBox& operator=(const CellBox& other) {
    box_ = other.box_ ? std::make_unique<Box>(*other.box_) : nullptr;
    return *this;
  }
  CellBox& operator=(CellBox&&) noexcept = default;
  CellBox& operator=(const Box& box) {
    box_ = std::make_unique<Box>(box);
    return *this;
  }
  bool has_value() const { return box_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  const Box& operator*() const { return *box_; }

 private:
  std::unique_ptr<Box> box_;
};

struct Cell {
  // Already cleaned by its importer (importers/shared/cell_text.hpp): plain text, "• " list lines.
  std::string text;
  std::optional<Rgb> fill;  // solid background colour, when the cell has one
  // The colour of the cell's text (of its first coloured run or symbol), when it is not the
  // automatic colour: a "●" or "On track" whose colour is the rating.
  std::optional<Rgb> font;
  int row_span = 1;  // a merged cell is stored once, at its top-left
  int col_span = 1;
  bool covered = false;         // true for positions covered by a merge that starts elsewhere
  bool fill_by_format = false;  // the fill (and font_by_format: the font colour) was given by a
  bool font_by_format = false;  // conditional format that the cell's value meets
  int origin_row = -1;          // for covered cells: the grid position of the merge's top-left
  int origin_col = -1;
  CellBox bbox;
};

// How a table's rows are addressed in the source, so the mapping engine can build Locations
// without knowing the format.
enum class Addressing {
  cells,      // spreadsheet: sheet + A1 ranges from row/column numbers
  table_row,  // Word/HTML/delimited: table index + row number
  page,       // PDF: page numbers
};

struct RowOrigin {
  int number = 0;              // 1-based row number in the sheet or source table
  std::string page;            // PDF page ("3", or "3-4" for a row joined across a page break)
  bool header_marked = false;  // the format marks this row as a (repeating) header row
};

struct Table {
  int index = 0;                      // 1-based, in document order
  std::string sheet;                  // sheet name (spreadsheets), empty otherwise
  std::vector<std::string> headings;  // section headings above the table, outermost first
  // The headings are an outline's path (Heading 2 > Heading 3), not just the lines before the
  // table: the outer one heads the inner.
  bool headings_nested = false;
  Addressing addressing = Addressing::table_row;
  std::vector<std::vector<Cell>> rows;
  std::vector<RowOrigin> row_origins;  // one per row
  std::vector<int> column_numbers;     // 1-based source column per grid column (A = 1)
  std::optional<Box> bbox;
  std::string pages;  // PDF: "3" or "3-5" for a table over several pages

  std::size_t column_count() const;
  // The text at (row, col), following a merge back to its top-left cell; "" when out of range.
  const std::string& text_at(std::size_t row, std::size_t col) const;
  // The fill at (row, col), following a merge back to its top-left cell.
  std::optional<Rgb> fill_at(std::size_t row, std::size_t col) const;
  // The cell at (row, col), following a merge back to its top-left cell; nullptr out of range.
  const Cell* cell_at(std::size_t row, std::size_t col) const;
  // True when the cell is covered by a merge that starts in an earlier row (a vertical merge).
  bool vertically_merged(std::size_t row, std::size_t col) const;
  // Appends a row, keeping row_origins parallel to rows.
  void add_row(std::vector<Cell> cells, RowOrigin origin);
};

// What an importer reads from one file.
struct SourceDocument {
  std::string title;
  std::string subtitle;  // the title block's other lines before the first table, one a line
  std::string organisation;
  std::string period;
  std::vector<Table> tables;
  std::vector<Warning> warnings;  // locations carry the file name
};

// "A", "B", ... "AA" for a 1-based column number.
std::string column_letters(int column);

}  // namespace trackport
