// The Extra, Assessments, Sources and Warnings sheets: plain listings, one row per value,
// assessment, input or warning.
#include <string>

#include "exporters/item_table.hpp"
#include "exporters/workbook/sheets.hpp"

namespace trackport::workbook {

void write_extra_sheet(lxw_workbook* workbook, const Formats& formats, const Documents& documents,
                       CutCells& cut_cells) {
  SheetWriter sheet(workbook, "Extra", formats, &cut_cells);
  sheet.write_header({"Source", "Id", "Header", "Value"});
  for (const auto& document : documents) {
    for (const auto& item : document.items) {
      for (const auto& [header, value] : item.extra) {
        sheet.next_row();
        sheet.origin(document, item.source);
        sheet.text(0, document.source.file);
        sheet.text(1, item.id);
        sheet.wrapped_text(2, header);
        sheet.wrapped_text(3, value);
      }
    }
  }
  sheet.finish_table();
}

// Every assessment in full (the Items sheet shows only each rating's label): what makes the
// workbook read back into the same model.
void write_assessments_sheet(lxw_workbook* workbook, const Formats& formats,
                             const Documents& documents, CutCells& cut_cells) {
  SheetWriter sheet(workbook, "Assessments", formats, &cut_cells);
  sheet.write_header({"Source", "Id", "By", "Rating", "Raw", "From", "Commentary"});
  for (const auto& document : documents) {
    for (const auto& item : document.items) {
      for (const auto& assessment : item.assessments) {
        sheet.next_row();
        sheet.origin(document, item.source);
        sheet.text(0, document.source.file);
        sheet.text(1, item.id);
        sheet.text(2, assessment.by);
        sheet.text(3, std::string(rating_label(assessment.rating)));
        sheet.text(4, assessment.raw);
        sheet.text(5, std::string(rating_source_name(assessment.from)));
        sheet.wrapped_text(6, assessment.commentary);
      }
    }
  }
  sheet.finish_table();
}

void write_sources_sheet(lxw_workbook* workbook, const Formats& formats, const Documents& documents,
                         CutCells& cut_cells) {
  SheetWriter sheet(workbook, "Sources", formats, &cut_cells);
  sheet.write_header({"File", "Format", "SHA-256", "Title", "Organisation", "Period", "Mapping",
                      "Score", "Auto", "Items", "Warnings", "Note"});
  for (const auto& document : documents) {
    Location file;
    file.file = document.source.file;
    sheet.next_row();
    sheet.origin(document, file);
    sheet.text(0, document.source.file);
    sheet.text(1, document.source.format);
    sheet.text(2, document.source.sha256);
    sheet.wrapped_text(3, document.title);
    sheet.text(4, document.organisation);
    sheet.text(5, document.period);
    sheet.text(6, document.mapping.name);
    sheet.number(7, document.mapping.score, formats.score);
    sheet.boolean(8, document.mapping.automatic);
    sheet.number(9, static_cast<double>(document.items.size()));
    sheet.number(10, static_cast<double>(document.warnings.size()));
    // A file that gave nothing says so where the data team looks first.
    if (document.items.empty()) {
      sheet.wrapped_text(11, "no items were read from this file: see its warnings");
    }
  }
  sheet.finish_table();
}

// Each document's warnings, then a cell-truncated warning for each of its cells the workbook cut
// to fit.
void write_warnings_sheet(lxw_workbook* workbook, const Formats& formats,
                          const Documents& documents, const CutCells& cut_cells) {
  SheetWriter sheet(workbook, "Warnings", formats);
  sheet.write_header({"Source", "Code", "Message", "Location"});
  auto write_row = [&](const Document& document, const Warning& warning) {
    sheet.next_row();
    sheet.text(0, document.source.file);
    sheet.text(1, warning.code);
    sheet.wrapped_text(2, warning.message);
    sheet.text(3, item_table::location_label(warning.location));
  };
  for (const auto& document : documents) {
    for (const auto& warning : document.warnings) write_row(document, warning);
    for (const auto& cut : cut_cells) {
      if (cut.document == &document) {
        write_row(document, Warning{"cell-truncated", cut_cell_message(cut), cut.location});
      }
    }
  }
  sheet.finish_table();
}

}  // namespace trackport::workbook
