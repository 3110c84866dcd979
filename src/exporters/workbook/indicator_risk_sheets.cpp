// The Indicators and Risks sheets, written only when some input has them. Their layout is
// exporters/register_tables.hpp's, which the CSV export shares and the round trip reads back.
#include <string>

#include "exporters/item_table.hpp"
#include "exporters/register_tables.hpp"
#include "exporters/workbook/column_names.hpp"
#include "exporters/workbook/sheets.hpp"

namespace trackport::workbook {

std::size_t IndicatorPeriods::number(const register_tables::PeriodKey& key) {
  auto [found, added] = numbers_.emplace(key, keys_.size());
  if (added) keys_.push_back(key);
  return found->second;
}

// The period columns are headed by their periods, made distinct (column_names.hpp): a period
// given twice, or named like a fixed column, gets a number.
std::vector<std::string> IndicatorPeriods::headers() const {
  std::vector<std::string_view> fixed(register_tables::kIndicatorHeaders.begin(),
                                      register_tables::kIndicatorHeaders.end());
  fixed.push_back(item_table::kLocationHeader);
  std::vector<std::string> periods;
  for (std::size_t column = 0; column < columns_.size(); ++column)
    periods.push_back(columns_.header(column));
  std::vector<std::string> headers(register_tables::kIndicatorHeaders.begin(),
                                   register_tables::kIndicatorHeaders.end());
  for (auto& name : distinct_column_names(periods, fixed)) headers.push_back(std::move(name));
  headers.emplace_back(item_table::kLocationHeader);
  return headers;
}

ColumnPlan IndicatorPeriods::column_plan() const {
  ColumnPlan plan;
  for (const auto& key : keys_) {
    plan.key_columns.push_back(
        static_cast<lxw_col_t>(register_tables::kFirstPeriodColumn + columns_.column_of(key)));
  }
  plan.first_after_keys =
      static_cast<lxw_col_t>(register_tables::kFirstPeriodColumn + columns_.size());
  return plan;
}

std::string IndicatorPeriods::header_of(SpillColumn column) const {
  if (column >= kColumnsAfterKeys) return std::string(item_table::kLocationHeader);
  if (column >= kKeyColumns) return keys_.at(column - kKeyColumns).first;
  return std::string(register_tables::kIndicatorHeaders.at(column));
}

// One row per indicator and one per area of its breakdown; one column per target period.
void spill_indicator_rows(SheetSpill& sheet, const Document& document, IndicatorPeriods& periods) {
  std::string location;
  auto spill_row = [&](const Indicator& indicator, const IndicatorBreakdown* area) {
    const register_tables::IndicatorRow row{document, indicator, area};
    periods.add(row.targets());
    sheet.next_row();
    sheet.origin(indicator.source);
    sheet.text(0, document.source.file);
    sheet.text(1, indicator.code);
    sheet.wrapped_text(2, indicator.title);
    if (area) sheet.text(3, area->area);
    sheet.number_or_text(4, row.baseline(), CellFormat::wrapped);
    const auto keys = register_tables::PeriodColumns::keys_of(row.targets());
    for (std::size_t i = 0; i < keys.size(); ++i)
      sheet.number_or_text(key_column(periods.number(keys[i])), row.targets()[i].value,
                           CellFormat::wrapped);
    location.clear();
    item_table::append_location_label(location, indicator.source);
    sheet.text(column_after_keys(0), location);
  };
  for (const auto& indicator : document.indicators) {
    spill_row(indicator, nullptr);
    for (const auto& area : indicator.breakdown) spill_row(indicator, &area);
  }
}

std::vector<std::string> risks_headers() {
  std::vector<std::string> headers;
  for (const auto& column : register_tables::risk_columns()) headers.emplace_back(column.header);
  return headers;
}

void spill_risk_rows(SheetSpill& sheet, const Document& document) {
  using item_table::CellKind;
  const auto& columns = register_tables::risk_columns();
  std::string scratch;
  for (const auto& risk : document.risks) {
    sheet.next_row();
    sheet.origin(risk.source);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto column = static_cast<SpillColumn>(i);
      switch (columns[i].kind) {
        case CellKind::date:
          if (auto day = columns[i].date(risk)) sheet.date(column, *day);
          break;
        case CellKind::long_text:
          sheet.wrapped_text(column, columns[i].text(document, risk, scratch));
          break;
        case CellKind::quantity:
          sheet.number_or_text(column, columns[i].text(document, risk, scratch), CellFormat::text);
          break;
        case CellKind::text:
        case CellKind::rating:
          sheet.text(column, columns[i].text(document, risk, scratch));
          break;
      }
    }
  }
}

}  // namespace trackport::workbook
