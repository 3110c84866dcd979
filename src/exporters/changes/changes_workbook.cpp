#include "exporters/changes/changes_workbook.hpp"

#include <fstream>
#include <stdexcept>

#include "exporters/changes/xlsx_sheet.hpp"
#include "exporters/quiet_stderr.hpp"
#include "model/document.hpp"

namespace trackport {
namespace {

using changes::Formats;
using changes::Sheet;

enum Column : lxw_col_t { kChange, kRef, kTheme, kText, kOld, kNew, kOldLocation, kNewLocation };

// Owns the lxw_workbook until it is closed; one abandoned by an exception is freed unsaved.
class OpenWorkbook {
 public:
  explicit OpenWorkbook(const std::filesystem::path& path) : path_(path.string()) {
    {
      const QuietStderr quiet;
      workbook_ = workbook_new(path_.c_str());
    }
    if (workbook_ == nullptr) throw std::runtime_error("cannot create the workbook " + path_);
    workbook_set_custom_property_string(workbook_, kOutputProperty, "changes workbook");
  }
  OpenWorkbook(const OpenWorkbook&) = delete;
  OpenWorkbook& operator=(const OpenWorkbook&) = delete;
  ~OpenWorkbook() {
    if (workbook_ != nullptr) lxw_workbook_free(workbook_);
  }

  lxw_workbook* get() const { return workbook_; }

  void close() {
    lxw_workbook* workbook = workbook_;
    workbook_ = nullptr;
    lxw_error status = LXW_NO_ERROR;
    {
      const QuietStderr quiet;
      status = workbook_close(workbook);
    }
    changes::check(status, "saving " + path_);
  }

 private:
  std::string path_;
  lxw_workbook* workbook_ = nullptr;
};

std::string change_label(const Change& change) {
  std::string label(change_kind_name(change.kind));
  if (!change.field.empty()) label += " (" + change.field + ")";
  return label;
}

// Changes with a rating on either side show it with its RAG fill.
bool shows_ratings(ChangeKind kind) {
  return kind == ChangeKind::status || kind == ChangeKind::added || kind == ChangeKind::dropped ||
         kind == ChangeKind::assessment;
}

void write_rating_cells(Sheet& sheet, lxw_row_t row, const Change& change) {
  const Formats& formats = sheet.formats();
  if (change.old_item || change.kind == ChangeKind::assessment) {
    sheet.text(row, kOld, std::string(rating_label(change.old_status)),
               formats.fill_for(change.old_status));
  }
  if (change.new_item || change.kind == ChangeKind::assessment) {
    sheet.text(row, kNew, std::string(rating_label(change.new_status)),
               formats.fill_for(change.new_status));
  }
}

void write_change_row(Sheet& sheet, lxw_row_t row, const Change& change) {
  const Formats& formats = sheet.formats();
  // The item as it is now, or as it was when it has been dropped.
  const ItemSide& item = change.new_item ? *change.new_item : *change.old_item;
  sheet.text(row, kChange, change_label(change), formats.text);
  sheet.text(row, kRef, item.ref, formats.text);
  sheet.text(row, kTheme, item.theme, formats.wrapped);
  sheet.text(row, kText, item.text, formats.wrapped);
  if (shows_ratings(change.kind)) {
    write_rating_cells(sheet, row, change);
  } else {
    sheet.text(row, kOld, change.old_value, formats.wrapped);
    sheet.text(row, kNew, change.new_value, formats.wrapped);
  }
  if (change.old_item) {
    sheet.text(row, kOldLocation, location_label(change.old_item->source), formats.text);
  }
  if (change.new_item) {
    sheet.text(row, kNewLocation, location_label(change.new_item->source), formats.text);
  }
}

void write_changes_sheet(lxw_workbook* workbook, const Formats& formats,
                         const Comparison& comparison) {
  Sheet sheet(workbook, "Changes", formats);
  sheet.header(0, {"Change", "Ref", "Theme", "Text", "Old", "New", "Old location", "New location"});
  sheet.freeze_above(1);
  lxw_row_t row = 0;
  for (const auto& change : comparison.changes) write_change_row(sheet, ++row, change);
  sheet.autofilter(0, row, kNewLocation);
  sheet.set_widths();
}

constexpr std::array<Rating, 7> kMatrixRatings = {
    Rating::red,   Rating::amber_red, Rating::amber, Rating::amber_green,
    Rating::green, Rating::blue,      Rating::none};

std::string matrix_label(Rating rating) {
  return rating == Rating::none ? "None" : std::string(rating_label(rating));
}

// Rows first..: the two files side by side.
lxw_row_t write_sources(Sheet& sheet, const Comparison& comparison) {
  const Formats& formats = sheet.formats();
  sheet.header(0, {"", "Old", "New"});
  sheet.text(1, 0, "File", formats.bold);
  sheet.text(1, 1, comparison.old_file, formats.text);
  sheet.text(1, 2, comparison.new_file, formats.text);
  sheet.text(2, 0, "Period", formats.bold);
  sheet.text(2, 1, comparison.old_period, formats.text);
  sheet.text(2, 2, comparison.new_period, formats.text);
  sheet.text(3, 0, "Items", formats.bold);
  sheet.number(3, 1, static_cast<double>(comparison.old_items), formats.text);
  sheet.number(3, 2, static_cast<double>(comparison.new_items), formats.text);
  sheet.text(4, 0, "Matched", formats.bold);
  sheet.number(4, 1, static_cast<double>(comparison.matches.size()), formats.text);
  return 4;
}

// Progress changes are counted even when they are not listed.
std::size_t count_of(const Comparison& comparison, ChangeKind kind) {
  return kind == ChangeKind::progress ? comparison.progress_changed : comparison.count(kind);
}

lxw_row_t write_counts(Sheet& sheet, lxw_row_t row, const Comparison& comparison) {
  sheet.header(row, {"Change", "Count"});
  for (std::size_t k = 0; k < kChangeKindCount; ++k) {
    const auto kind = static_cast<ChangeKind>(k);
    ++row;
    sheet.text(row, 0, std::string(change_kind_name(kind)), sheet.formats().text);
    sheet.number(row, 1, static_cast<double>(count_of(comparison, kind)), sheet.formats().text);
  }
  return row;
}

// Old statuses down, new ones across; unchanged items on the diagonal.
lxw_row_t write_matrix(Sheet& sheet, lxw_row_t row, const Comparison& comparison) {
  const Formats& formats = sheet.formats();
  sheet.text(row, 0, "Status: old ↓ new →", formats.bold);
  ++row;
  sheet.text(row, 0, "Old \\ New", formats.header);
  for (std::size_t c = 0; c < kMatrixRatings.size(); ++c) {
    sheet.text(row, static_cast<lxw_col_t>(c + 1), matrix_label(kMatrixRatings[c]),
               formats.fill_for(kMatrixRatings[c]));
  }
  for (Rating from : kMatrixRatings) {
    ++row;
    sheet.text(row, 0, matrix_label(from), formats.fill_for(from));
    for (std::size_t c = 0; c < kMatrixRatings.size(); ++c) {
      const std::size_t count =
          comparison.status_matrix[static_cast<std::size_t>(from)]
                                  [static_cast<std::size_t>(kMatrixRatings[c])];
      sheet.number(row, static_cast<lxw_col_t>(c + 1), static_cast<double>(count), formats.text);
    }
  }
  return row;
}

void write_summary_sheet(lxw_workbook* workbook, const Formats& formats,
                         const Comparison& comparison) {
  Sheet sheet(workbook, "Summary", formats);
  lxw_row_t row = write_sources(sheet, comparison);
  row = write_counts(sheet, row + 2, comparison);
  write_matrix(sheet, row + 2, comparison);
  sheet.set_widths();
}

// libxlsxwriter opens the output only when closing, and reports failure on stderr itself; try
// first, so a bad path fails at once with one message.
void check_writable(const std::filesystem::path& path) {
  std::ofstream probe(path, std::ios::binary | std::ios::trunc);
  if (!probe) throw std::runtime_error("cannot open " + path.string() + " for writing");
}

}  // namespace

void write_changes_workbook(const Comparison& comparison, const std::filesystem::path& path) {
  check_writable(path);
  OpenWorkbook workbook(path);
  const auto formats = Formats::create(workbook.get());
  write_changes_sheet(workbook.get(), formats, comparison);
  write_summary_sheet(workbook.get(), formats, comparison);
  workbook.close();
}

}  // namespace trackport
