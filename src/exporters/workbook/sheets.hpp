// Internal to the workbook exporter: each sheet's rows, spilled document by document (or item by
// item), and how each sheet is finished once every row is in it.
#pragma once

#include <xlsxwriter.h>

#include <array>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "exporters/register_tables.hpp"
#include "exporters/workbook/sheet_spill.hpp"
#include "exporters/workbook/sheet_writer.hpp"
#include "model/document.hpp"

namespace trackport::workbook {

// The sheets' names, which the reader (workbook_reader.hpp) finds them by.
inline constexpr const char* kItemsSheet = "Items";
inline constexpr const char* kExtraSheet = "Extra";
inline constexpr const char* kAssessmentsSheet = "Assessments";
inline constexpr const char* kIndicatorsSheet = "Indicators";
inline constexpr const char* kRisksSheet = "Risks";
inline constexpr const char* kWarningsSheet = "Warnings";
inline constexpr const char* kContinuedSheet = "Continued";

// Names numbered in first-seen order: the keys of a sheet's variable block of columns.
class KeyNumbers {
 public:
  std::size_t number(const std::string& name) {
    auto [found, added] = numbers_.emplace(name, names_.size());
    if (added) names_.push_back(name);
    return found->second;
  }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::unordered_map<std::string, std::size_t> numbers_;
  std::vector<std::string> names_;
};

// Items: one row per item; one column per assessment `by` (keys, headed by distinct names:
// column_names.hpp), then Organisation, Id, Source (a link to the document's row of the Sources
// sheet, `source_row`) and Location. `organisation_later`: the document may still change its
// organisation (one file streamed item by item), so the row names the field instead of holding
// it.
std::vector<std::string> items_headers(const std::vector<std::string>& assessment_headers);
std::string items_column_header(SpillColumn column, const KeyNumbers& assessments);
void spill_item_row(SheetSpill& sheet, const Document& document, const Item& item,
                    KeyNumbers& assessments, bool organisation_later, std::uint32_t source_row);
ColumnPlan items_column_plan(std::size_t assessment_count);
// The RAG drop-downs and fills, frozen panes, filter, widths and print set-up.
// Before the rows: the widths the printed columns are limited to.
void prepare_items_sheet(SheetWriter& sheet);
void finish_items_sheet(SheetWriter& sheet, std::size_t assessment_count);

// Extra, Assessments: a row per value or assessment of the item.
inline constexpr std::array<const char*, 4> kExtraHeaders = {"Source", "Id", "Header", "Value"};
void spill_extra_rows(SheetSpill& sheet, const Document& document, const Item& item);
inline constexpr std::array<const char*, 7> kAssessmentHeaders = {
    "Source", "Id", "By", "Rating", "Raw", "From", "Commentary"};
void spill_assessment_rows(SheetSpill& sheet, const Document& document, const Item& item);

// Indicators: a row per indicator and per area; one column per target period (keys, placed in
// the order register_tables::PeriodColumns gives once every document is in), then Location.
class IndicatorPeriods {
 public:
  std::size_t number(const register_tables::PeriodKey& key);
  void add(const std::vector<PeriodValue>& targets) { columns_.add(targets); }
  std::vector<std::string> headers() const;
  ColumnPlan column_plan() const;
  std::string header_of(SpillColumn column) const;

 private:
  register_tables::PeriodColumns columns_;
  std::map<register_tables::PeriodKey, std::size_t> numbers_;
  std::vector<register_tables::PeriodKey> keys_;  // by number
};
void spill_indicator_rows(SheetSpill& sheet, const Document& document, IndicatorPeriods& periods);

// Risks: a row per risk.
std::vector<std::string> risks_headers();
void spill_risk_rows(SheetSpill& sheet, const Document& document);

// Summary: RAG counts per source and theme, themes in first-seen order within a document, and a
// Total row: the table's total row, out of its filter. Below the table, a row apart, the chart's
// data: a row of counts for each of the first kChartedSources sources that gave items (a source
// skipped or failed, or that gave none, is no empty bar).
inline constexpr const char* kSummarySheet = "Summary";
inline constexpr std::size_t kChartedSources = 30;
class SummaryCounts {
 public:
  static constexpr std::size_t kRatings = 7;
  using Counts = std::array<std::size_t, kRatings>;  // indexed by Rating

  void count(const Item& item);
  // Spills the current document's rows and starts the next document; gives the document's counts.
  Counts spill_document(SheetSpill& sheet, const std::string& source);
  static std::vector<std::string> headers();
  // The ratings' headers ("Red", ... "None"), worst first, as the columns appear.
  static std::vector<std::string> rating_headers();
  // Spills a document's counts in the column order of rating_headers(), from `first`.
  static void spill_counts(SheetSpill& sheet, SpillColumn first, const Counts& counts);
  // The Total row, then the chart's data.
  void finish_sheet(SheetWriter& sheet) const;
  bool any() const;
  // The sources that gave items, and the first kChartedSources of them (the chart's bars).
  std::size_t sources_with_items() const { return sources_with_items_; }
  std::size_t charted() const { return charted_.size(); }
  // The sheet row (0-based) of the chart data's header, when the table has `table_rows` rows.
  static lxw_row_t chart_data_header_row(std::size_t table_rows) {
    return static_cast<lxw_row_t>(table_rows + 3);  // header, rows, total row, a blank row
  }

 private:
  void write_chart_data(SheetWriter& sheet) const;

  struct Group {
    std::string theme;
    Counts counts{};
  };
  std::vector<Group> groups_;  // the current document's
  std::map<std::string, std::size_t> group_of_theme_;
  Counts total_{};
  std::size_t sources_with_items_ = 0;
  std::vector<std::pair<std::string, Counts>> charted_;  // by source
};

// Sources: a row per input, with its items' count per rating (which the Summary's chart shows).
inline constexpr const char* kSourcesSheet = "Sources";
// Its columns before the counts: what the reader reads a document's head from.
inline constexpr std::array<const char*, 10> kSourcesHeaders = {
    "File",   "Format",  "SHA-256", "Title", "Organisation",
    "Period", "Mapping", "Score",   "Auto",  "Items"};
std::vector<std::string> sources_headers();
// The Sources columns of the rating counts: from this one, in SummaryCounts::rating_headers()'s
// order.
inline constexpr lxw_col_t kSourcesFirstCount = 10;
void spill_source_row(SheetSpill& sheet, const Document& document, std::size_t items,
                      const SummaryCounts::Counts& counts);

// The Summary's chart: one stacked bar per source that gave items (its items' ratings), from the
// chart data below the Summary's table of `table_rows` rows; nullptr when no source has items.
lxw_chart* add_sources_chart(lxw_workbook* workbook, const SummaryCounts& counts,
                             std::size_t table_rows);

// Warnings: each document's warnings, then a cell-truncated warning for each of its cells the
// workbook cut to fit.
inline constexpr std::array<const char*, 4> kWarningsHeaders = {"Source", "Code", "Message",
                                                                "Location"};
void spill_warning_rows(SheetSpill& sheet, const Document& document, const CutCells& cut_cells);

}  // namespace trackport::workbook
