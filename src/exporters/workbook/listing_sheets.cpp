// The Extra, Assessments, Sources and Warnings sheets: plain listings, one row per value,
// assessment, input or warning.
#include <string>

#include "exporters/item_table.hpp"
#include "exporters/workbook/sheets.hpp"

namespace trackport::workbook {

void spill_extra_rows(SheetSpill& sheet, const Document& document, const Item& item) {
  for (const auto& [header, value] : item.extra) {
    sheet.next_row();
    sheet.origin(item.source);
    sheet.text(0, document.source.file);
    sheet.text(1, item.id);
    sheet.wrapped_text(2, header);
    sheet.number_or_text(3, value, CellFormat::wrapped);
  }
}

// Every assessment in full (the Items sheet shows only each rating's label): what makes the
// workbook read back into the same model.
void spill_assessment_rows(SheetSpill& sheet, const Document& document, const Item& item) {
  for (const auto& assessment : item.assessments) {
    sheet.next_row();
    sheet.origin(item.source);
    sheet.text(0, document.source.file);
    sheet.text(1, item.id);
    sheet.text(2, assessment.by);
    sheet.text(3, rating_label(assessment.rating));
    sheet.text(4, assessment.raw);
    sheet.text(5, rating_source_name(assessment.from));
    sheet.wrapped_text(6, assessment.commentary);
  }
}

std::vector<std::string> sources_headers() {
  std::vector<std::string> headers(kSourcesHeaders.begin(), kSourcesHeaders.end());
  for (auto& rating : SummaryCounts::rating_headers()) headers.push_back(std::move(rating));
  headers.emplace_back("Warnings");
  headers.emplace_back("Note");
  return headers;
}

void spill_source_row(SheetSpill& sheet, const Document& document, std::size_t items,
                      const SummaryCounts::Counts& counts) {
  static thread_local Location file;
  file.file = document.source.file;
  sheet.next_row();
  sheet.origin(file);
  sheet.text(0, document.source.file);
  sheet.text(1, document.source.format);
  sheet.text(2, document.source.sha256);
  sheet.wrapped_text(3, document.title);
  sheet.text(4, document.organisation);
  sheet.text(5, document.period);
  sheet.text(6, document.mapping.name);
  sheet.number(7, document.mapping.score, CellFormat::score);
  sheet.boolean(8, document.mapping.automatic);
  sheet.number(9, static_cast<double>(items));
  SummaryCounts::spill_counts(sheet, kSourcesFirstCount, counts);
  const auto after_counts = static_cast<SpillColumn>(kSourcesFirstCount + SummaryCounts::kRatings);
  sheet.number(after_counts, static_cast<double>(document.warnings.size()));
  // A file that gave nothing says so where the data team looks first.
  if (items == 0)
    sheet.wrapped_text(after_counts + 1, "no items were read from this file: see its warnings");
}

void spill_warning_rows(SheetSpill& sheet, const Document& document, const CutCells& cut_cells) {
  std::string location;
  auto spill_row = [&](const std::string& code, const std::string& message, const Location& where) {
    sheet.next_row();
    sheet.text(0, document.source.file);
    sheet.text(1, code);
    sheet.wrapped_text(2, message);
    location.clear();
    item_table::append_location_label(location, where);
    sheet.text(3, location);
  };
  for (const auto& warning : document.warnings)
    spill_row(warning.code, warning.message, warning.location);
  for (const auto& cut : cut_cells)
    spill_row(cut_cell_code(cut), cut_cell_message(cut), cut.location);
}

}  // namespace trackport::workbook
