// A sheet's rows as a reader meets them, and the two ways of turning them into tables:
//  - SheetCollector keeps the whole sheet and hands it to sheet_to_tables at its end (any sheet);
//  - SheetStreamer hands each table on while the sheet is still being read, a row at a time, so
//    a big sheet never has to be held whole. It streams what it can prove gives the same tables
//    as sheet_to_tables and gives up (NotStreamable) as soon as it cannot: merged cells and
//    conditional formats (their lists follow the rows in an xlsx part), rows out of order, or a
//    column that first appears after a table's columns were fixed. The caller then reads the file
//    again the whole way.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "grid/sheet_tables.hpp"

namespace trackport {

// Styles a format gives a sheet's cells only after its rows (an xlsx lists its conditional
// formats after them): applied to each row before the sheet's tables are made.
class LateCellStyles {
 public:
  virtual ~LateCellStyles() = default;
  virtual void apply(SheetRow& row) const = 0;
};

// Receives one sheet after another, each row as it is read.
class SheetRowSink {
 public:
  virtual ~SheetRowSink() = default;
  virtual void begin_sheet(const std::string& name) = 0;
  // A hidden row (never a blank separator between tables).
  virtual void hidden_row(int number) = 0;
  // A visible row with text or a fill somewhere.
  virtual void row(SheetRow&& row) = 0;
  // `late`: styles to apply to the sheet's rows, nullptr when there are none.
  virtual void end_sheet(std::vector<SheetMerge>&& merges, const LateCellStyles* late) = 0;
};

// Collects each sheet whole and appends its tables (numbered in document order) at its end.
class SheetCollector final : public SheetRowSink {
 public:
  SheetCollector(std::vector<Table>& tables, std::size_t& cell_budget)
      : tables_(tables), cell_budget_(cell_budget) {}
  void begin_sheet(const std::string& name) override;
  void hidden_row(int number) override { sheet_.hidden_rows.push_back(number); }
  void row(SheetRow&& row) override { sheet_.rows.push_back(std::move(row)); }
  void end_sheet(std::vector<SheetMerge>&& merges, const LateCellStyles* late) override;

 private:
  std::vector<Table>& tables_;
  std::size_t& cell_budget_;
  Sheet sheet_;
};

// Where streamed tables go. A table is handed on with its first rows (enough to find its
// header); more rows are appended to the same object before each rows_added.
class TableStream {
 public:
  virtual ~TableStream() = default;
  virtual void begin_table(Table& table) = 0;
  virtual void rows_added(Table& table) = 0;
  virtual void end_table(Table& table) = 0;
};

// The rows cannot be streamed into the same tables sheet_to_tables would build.
class NotStreamable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SheetStreamer final : public SheetRowSink {
 public:
  // `first_rows`: rows of a table held back until its columns are fixed and it is handed on
  // (the mapping engine looks for a header in the first 25).
  SheetStreamer(TableStream& out, std::size_t cell_budget, std::size_t first_rows = 64)
      : out_(out), cell_budget_(cell_budget), first_rows_(first_rows) {}
  void begin_sheet(const std::string& name) override;
  void hidden_row(int number) override;
  void row(SheetRow&& row) override;
  void end_sheet(std::vector<SheetMerge>&& merges, const LateCellStyles* late) override;

 private:
  void check_order(int number);
  void end_block(bool another_follows);
  void fix_columns();
  void hand_on();
  void open_table();
  void append(SheetRow& row);
  void charge_cells();

  TableStream& out_;
  std::size_t cell_budget_;
  std::size_t first_rows_;
  std::string sheet_;
  int last_number_ = 0;    // the last row number seen, hidden or not
  int last_text_row_ = 0;  // the last row with text (0: none yet in this sheet)
  int hidden_since_text_ = 0;
  std::vector<SheetRow> held_rows_;  // the current block's rows while its columns are open
  std::optional<Table> table_;       // the current block once its columns are fixed
  std::vector<int> positions_;       // grid column of each sheet column of table_
  std::vector<std::string> headings_;
  int tables_ = 0;
};

// Sorts rows (and hidden rows) by number; a row written twice becomes one, later cells winning.
void put_rows_in_order(Sheet& sheet);
// Sorts a row's cells by column; a column written twice keeps the later cell, as Excel does.
void sort_row_cells(SheetRow& row);

}  // namespace trackport
