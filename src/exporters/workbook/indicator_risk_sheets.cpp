// The Indicators and Risks sheets, written only when some input has them. Their layout is
// exporters/register_tables.hpp's, which the CSV export shares and the round trip reads back.
#include <string>

#include "exporters/item_table.hpp"
#include "exporters/register_tables.hpp"
#include "exporters/workbook/sheets.hpp"

namespace trackport::workbook {

bool any_indicators(const Documents& documents) {
  for (const auto& document : documents) {
    if (!document.indicators.empty()) return true;
  }
  return false;
}

bool any_risks(const Documents& documents) {
  for (const auto& document : documents) {
    if (!document.risks.empty()) return true;
  }
  return false;
}

// One row per indicator and one per area of its breakdown; one column per target period.
void write_indicators_sheet(lxw_workbook* workbook, const Formats& formats,
                            const Documents& documents, CutCells& cut_cells) {
  SheetWriter sheet(workbook, "Indicators", formats, &cut_cells);
  const register_tables::PeriodColumns periods(documents);
  sheet.write_header(register_tables::indicator_headers(periods));
  const auto location_column =
      static_cast<lxw_col_t>(register_tables::kFirstPeriodColumn + periods.size());
  std::string location;
  register_tables::for_each_indicator_row(documents, [&](const register_tables::IndicatorRow& row) {
    sheet.next_row();
    sheet.origin(row.document, row.indicator.source);
    sheet.text(0, row.document.source.file);
    sheet.text(1, row.indicator.code);
    sheet.wrapped_text(2, row.indicator.title);
    if (row.area) sheet.text(3, row.area->area);
    sheet.wrapped_text(4, row.baseline());
    const auto cells = periods.cells(row.targets());
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (cells[i]) {
        sheet.wrapped_text(static_cast<lxw_col_t>(register_tables::kFirstPeriodColumn + i),
                           *cells[i]);
      }
    }
    location.clear();
    item_table::append_location_label(location, row.indicator.source);
    sheet.text(location_column, location);
  });
  sheet.finish_table();
}

void write_risks_sheet(lxw_workbook* workbook, const Formats& formats, const Documents& documents,
                       CutCells& cut_cells) {
  using item_table::CellKind;
  SheetWriter sheet(workbook, "Risks", formats, &cut_cells);
  const auto& columns = register_tables::risk_columns();
  std::vector<std::string> headers;
  for (const auto& column : columns) headers.emplace_back(column.header);
  sheet.write_header(headers);
  std::string scratch;
  for (const auto& document : documents) {
    for (const auto& risk : document.risks) {
      sheet.next_row();
      sheet.origin(document, risk.source);
      for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto column = static_cast<lxw_col_t>(i);
        switch (columns[i].kind) {
          case CellKind::date:
            if (auto day = columns[i].date(risk)) sheet.date(column, *day);
            break;
          case CellKind::long_text:
            sheet.wrapped_text(column, columns[i].text(document, risk, scratch));
            break;
          case CellKind::text:
          case CellKind::rating:
            sheet.text(column, columns[i].text(document, risk, scratch));
            break;
        }
      }
    }
  }
  sheet.finish_table();
}

}  // namespace trackport::workbook
