// The Summary sheet: RAG counts per source and theme, like a progress report's overview table.
#include <array>
#include <map>
#include <string>

#include "exporters/workbook/sheets.hpp"

namespace trackport::workbook {
namespace {

// Worst first, as the columns appear.
constexpr std::array<Rating, 7> kColumnOrder = {
    Rating::red,   Rating::amber_red, Rating::amber, Rating::amber_green,
    Rating::green, Rating::blue,      Rating::none};

using Counts = std::array<std::size_t, kColumnOrder.size()>;  // indexed by Rating

struct Group {
  std::string source;
  std::string theme;
  Counts counts{};
};

std::size_t total(const Counts& counts) {
  std::size_t sum = 0;
  for (std::size_t count : counts) sum += count;
  return sum;
}

// Groups in first-seen order: by document, then by theme within it.
std::vector<Group> count_by_source_and_theme(const Documents& documents) {
  std::vector<Group> groups;
  for (const auto& document : documents) {
    std::map<std::string, std::size_t> group_of_theme;
    for (const auto& item : document.items) {
      auto [found, added] = group_of_theme.emplace(item.theme, groups.size());
      if (added) groups.push_back({document.source.file, item.theme, {}});
      ++groups[found->second].counts[static_cast<std::size_t>(item.status)];
    }
  }
  return groups;
}

std::vector<std::string> summary_headers() {
  std::vector<std::string> headers = {"Source", "Theme"};
  for (Rating rating : kColumnOrder) {
    headers.emplace_back(rating == Rating::none ? "None" : std::string(rating_label(rating)));
  }
  headers.emplace_back("Total");
  return headers;
}

void write_counts(SheetWriter& sheet, const Counts& counts, lxw_format* format) {
  lxw_col_t column = 2;
  for (Rating rating : kColumnOrder) {
    sheet.number(column++, static_cast<double>(counts[static_cast<std::size_t>(rating)]), format);
  }
  sheet.number(column, static_cast<double>(total(counts)), format);
}

}  // namespace

void write_summary_sheet(lxw_workbook* workbook, const Formats& formats,
                         const Documents& documents) {
  SheetWriter sheet(workbook, "Summary", formats);
  sheet.write_header(summary_headers());
  Counts all{};
  for (const auto& group : count_by_source_and_theme(documents)) {
    sheet.next_row();
    sheet.text(0, group.source);
    sheet.wrapped_text(1, group.theme);
    write_counts(sheet, group.counts, nullptr);
    for (std::size_t i = 0; i < all.size(); ++i) all[i] += group.counts[i];
  }
  // The Total row stays below the filtered rows, so sorting or filtering leaves it in place.
  sheet.filter_rows_so_far();
  sheet.next_row();
  sheet.text(0, "Total", formats.total);
  write_counts(sheet, all, formats.total);
  sheet.finish_table();
}

}  // namespace trackport::workbook
