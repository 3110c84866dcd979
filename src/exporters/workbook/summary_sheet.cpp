// The Summary sheet: RAG counts per source and theme, like a progress report's overview table,
// and a chart of each source's ratings.
#include <string>

#include "exporters/workbook/sheets.hpp"

namespace trackport::workbook {
namespace {

// Worst first, as the columns appear.
constexpr std::array<Rating, SummaryCounts::kRatings> kColumnOrder = {
    Rating::red,   Rating::amber_red, Rating::amber, Rating::amber_green,
    Rating::green, Rating::blue,      Rating::none};

// The chart's bar colours, in kColumnOrder (the Items sheet's fills; grey for no rating).
constexpr std::array<lxw_color_t, SummaryCounts::kRatings> kBarColours = {
    0xFF0000, 0xFF7C00, 0xFFC000, 0x92D050, 0x00B050, 0x0070C0, 0xBFBFBF};

constexpr lxw_col_t kFirstCountColumn = 2;  // after Source and Theme

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

SummaryCounts::Counts SummaryCounts::spill_document(SheetSpill& sheet, const std::string& source) {
  Counts document{};
  for (const auto& group : groups_) {
    sheet.next_row();
    sheet.text(0, source);
    sheet.wrapped_text(1, group.theme);
    spill_counts(sheet, kFirstCountColumn, group.counts);
    sheet.number(kFirstCountColumn + kRatings, static_cast<double>(total(group.counts)));
    for (std::size_t i = 0; i < total_.size(); ++i) {
      total_[i] += group.counts[i];
      document[i] += group.counts[i];
    }
  }
  groups_.clear();
  group_of_theme_.clear();
  if (total(document) > 0) {
    ++sources_with_items_;
    if (charted_.size() < kChartedSources) charted_.emplace_back(source, document);
  }
  return document;
}

void SummaryCounts::spill_counts(SheetSpill& sheet, SpillColumn first, const Counts& counts) {
  SpillColumn column = first;
  for (Rating rating : kColumnOrder)
    sheet.number(column++, static_cast<double>(counts[static_cast<std::size_t>(rating)]));
}

std::vector<std::string> SummaryCounts::rating_headers() {
  std::vector<std::string> headers;
  for (Rating rating : kColumnOrder) {
    headers.emplace_back(rating == Rating::none ? "None" : std::string(rating_label(rating)));
  }
  return headers;
}

std::vector<std::string> SummaryCounts::headers() {
  std::vector<std::string> headers = {"Source", "Theme"};
  for (auto& rating : rating_headers()) headers.push_back(std::move(rating));
  headers.emplace_back("Total");
  return headers;
}

bool SummaryCounts::any() const {
  return total(total_) > 0;
}

void SummaryCounts::finish_sheet(SheetWriter& sheet) const {
  // The Total row is the table's total row: sorting or filtering the table leaves it in place,
  // and it sums the rows the filter shows.
  TableTotals totals;
  totals.label = "Total";
  lxw_col_t column = kFirstCountColumn;
  for (Rating rating : kColumnOrder) {
    totals.sums.emplace_back(column++,
                             static_cast<double>(total_[static_cast<std::size_t>(rating)]));
  }
  totals.sums.emplace_back(column, static_cast<double>(total(total_)));
  sheet.finish_table({.totals = &totals});
  write_chart_data(sheet);
}

void SummaryCounts::write_chart_data(SheetWriter& sheet) const {
  if (charted_.empty()) return;
  sheet.next_row();  // a blank row under the total row
  sheet.next_row();
  // The counts stand under the table's count columns.
  sheet.text(0, "Charted source", sheet.formats().header);
  lxw_col_t column = kFirstCountColumn;
  for (const auto& header : rating_headers()) sheet.text(column++, header, sheet.formats().header);
  for (const auto& [source, counts] : charted_) {
    sheet.next_row();
    sheet.text(0, source);
    column = kFirstCountColumn;
    for (Rating rating : kColumnOrder)
      sheet.number(column++, static_cast<double>(counts[static_cast<std::size_t>(rating)]));
  }
}

lxw_chart* add_sources_chart(lxw_workbook* workbook, const SummaryCounts& counts,
                             std::size_t table_rows) {
  const std::size_t charted = counts.charted();
  if (charted == 0) return nullptr;
  const std::size_t sources = counts.sources_with_items();
  lxw_chart* chart = workbook_add_chart(workbook, LXW_CHART_BAR_STACKED);
  if (chart == nullptr) throw std::runtime_error("writing the workbook: cannot add the chart");
  const lxw_row_t header_row = SummaryCounts::chart_data_header_row(table_rows);
  const auto last_row = static_cast<lxw_row_t>(header_row + charted);
  for (std::size_t i = 0; i < SummaryCounts::kRatings; ++i) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    const auto column = static_cast<lxw_col_t>(kFirstCountColumn + i);
    chart_series_set_categories(series, kSummarySheet, header_row + 1, 0, last_row, 0);
    chart_series_set_values(series, kSummarySheet, header_row + 1, column, last_row, column);
    chart_series_set_name_range(series, kSummarySheet, header_row, column);
    lxw_chart_fill fill{};
    fill.color = kBarColours[i];
    chart_series_set_fill(series, &fill);
  }
  std::string title = "Items by status, per source";
  if (sources > charted) {
    title += " (the first " + std::to_string(charted) + " of " + std::to_string(sources) +
             " sources with items; the Sources sheet has them all)";
  }
  chart_title_set_name(chart, title.c_str());
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  // In libxlsxwriter's bar chart the y axis holds the categories (the sources, the first at the
  // top as in the Sources sheet, the counts' axis still below them) and the x axis the counts.
  chart_axis_set_reverse(chart->y_axis);
  chart_axis_set_crossing_max(chart->y_axis);
  chart_axis_set_name(chart->x_axis, "Items");
  return chart;
}

}  // namespace trackport::workbook
