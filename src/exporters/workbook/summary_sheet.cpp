// The Summary sheet: RAG counts per source and theme, like a progress report's overview table.
#include <string>

#include "exporters/workbook/sheets.hpp"

namespace trackport::workbook {
namespace {

// Worst first, as the columns appear.
constexpr std::array<Rating, SummaryCounts::kRatings> kColumnOrder = {
    Rating::red,   Rating::amber_red, Rating::amber, Rating::amber_green,
    Rating::green, Rating::blue,      Rating::none};

std::size_t total(const SummaryCounts::Counts& counts) {
  std::size_t sum = 0;
  for (std::size_t count : counts) sum += count;
  return sum;
}

}  // namespace

void SummaryCounts::count(const Item& item) {
  auto [found, added] = group_of_theme_.emplace(item.theme, groups_.size());
  if (added) groups_.push_back({item.theme, {}});
  ++groups_[found->second].counts[static_cast<std::size_t>(item.status)];
}

void SummaryCounts::spill_document(SheetSpill& sheet, const std::string& source) {
  for (const auto& group : groups_) {
    sheet.next_row();
    sheet.text(0, source);
    sheet.wrapped_text(1, group.theme);
    SpillColumn column = 2;
    for (Rating rating : kColumnOrder)
      sheet.number(column++, static_cast<double>(group.counts[static_cast<std::size_t>(rating)]));
    sheet.number(column, static_cast<double>(total(group.counts)));
    for (std::size_t i = 0; i < total_.size(); ++i) total_[i] += group.counts[i];
  }
  groups_.clear();
  group_of_theme_.clear();
}

std::vector<std::string> SummaryCounts::headers() {
  std::vector<std::string> headers = {"Source", "Theme"};
  for (Rating rating : kColumnOrder) {
    headers.emplace_back(rating == Rating::none ? "None" : std::string(rating_label(rating)));
  }
  headers.emplace_back("Total");
  return headers;
}

void SummaryCounts::finish_sheet(SheetWriter& sheet) const {
  // The Total row stays below the filtered rows, so sorting or filtering leaves it in place.
  sheet.filter_rows_so_far();
  sheet.next_row();
  const Formats& formats = sheet.formats();
  sheet.text(0, "Total", formats.total);
  lxw_col_t column = 2;
  for (Rating rating : kColumnOrder) {
    sheet.number(column++, static_cast<double>(total_[static_cast<std::size_t>(rating)]),
                 formats.total);
  }
  sheet.number(column, static_cast<double>(total(total_)), formats.total);
  sheet.finish_table();
}

}  // namespace trackport::workbook
