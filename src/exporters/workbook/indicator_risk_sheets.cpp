// The Indicators and Risks sheets, written only when some input has them.
#include <string>

#include "exporters/item_table.hpp"
#include "exporters/workbook/sheets.hpp"

namespace trackport::workbook {
namespace {

// "2010/11: 54%" lines.
std::string period_lines(const std::vector<PeriodValue>& values) {
  std::string lines;
  for (const auto& value : values) {
    if (!lines.empty()) lines += '\n';
    lines += value.period + ": " + value.value;
  }
  return lines;
}

// One line per area: "Cannock: baseline 12; 2010/11: 10; 2011/12: 9".
std::string breakdown_lines(const std::vector<IndicatorBreakdown>& breakdown) {
  std::string lines;
  for (const auto& area : breakdown) {
    if (!lines.empty()) lines += '\n';
    lines += area.area + ":";
    std::string parts;
    if (!area.baseline.empty()) parts += " baseline " + area.baseline;
    for (const auto& target : area.targets) {
      if (!parts.empty()) parts += ";";
      parts += " " + target.period + ": " + target.value;
    }
    lines += parts;
  }
  return lines;
}

void write_due(SheetWriter& sheet, lxw_col_t column, const std::optional<Due>& due) {
  if (!due) return;
  sheet.text(column, due->raw);
  if (due->start) sheet.date(column + 1, *due->start);
  if (due->end) sheet.date(column + 2, *due->end);
}

}  // namespace

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

void write_indicators_sheet(lxw_workbook* workbook, const Formats& formats,
                            const Documents& documents) {
  SheetWriter sheet(workbook, "Indicators", formats);
  sheet.write_header({"Source", "Code", "Title", "Baseline", "Targets", "Breakdown", "Location"});
  for (const auto& document : documents) {
    for (const auto& indicator : document.indicators) {
      sheet.next_row();
      sheet.text(0, document.source.file);
      sheet.text(1, indicator.code);
      sheet.wrapped_text(2, indicator.title);
      sheet.wrapped_text(3, indicator.baseline);
      sheet.wrapped_text(4, period_lines(indicator.targets));
      sheet.wrapped_text(5, breakdown_lines(indicator.breakdown));
      sheet.text(6, item_table::location_label(indicator.source));
    }
  }
  sheet.finish_table();
}

void write_risks_sheet(lxw_workbook* workbook, const Formats& formats, const Documents& documents) {
  SheetWriter sheet(workbook, "Risks", formats);
  sheet.write_header({"Source", "Ref", "Description", "Impact", "Likelihood", "Score", "Mitigation",
                      "Owner", "Due", "Due start", "Due end", "Location"});
  for (const auto& document : documents) {
    for (const auto& risk : document.risks) {
      sheet.next_row();
      sheet.text(0, document.source.file);
      sheet.text(1, risk.ref);
      sheet.wrapped_text(2, risk.description);
      sheet.text(3, risk.impact);
      sheet.text(4, risk.likelihood);
      sheet.text(5, risk.score);
      sheet.wrapped_text(6, risk.mitigation);
      sheet.wrapped_text(7, risk.owner);
      write_due(sheet, 8, risk.due);
      sheet.text(11, item_table::location_label(risk.source));
    }
  }
  sheet.finish_table();
}

}  // namespace trackport::workbook
