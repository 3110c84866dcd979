// Internal to the workbook exporter: one function per sheet of the standard workbook.
#pragma once

#include <xlsxwriter.h>

#include <vector>

#include "exporters/workbook/sheet_writer.hpp"
#include "model/document.hpp"

namespace trackport::workbook {

using Documents = std::vector<Document>;

// Each sheet but Summary and Warnings adds the cells it cuts to fit to cut_cells (Summary's
// themes are the Items sheet's); the Warnings sheet, written last, reports them.
void write_items_sheet(lxw_workbook* workbook, const Formats& formats, const Documents& documents,
                       CutCells& cut_cells);
void write_extra_sheet(lxw_workbook* workbook, const Formats& formats, const Documents& documents,
                       CutCells& cut_cells);
void write_assessments_sheet(lxw_workbook* workbook, const Formats& formats,
                             const Documents& documents, CutCells& cut_cells);
bool any_indicators(const Documents& documents);
void write_indicators_sheet(lxw_workbook* workbook, const Formats& formats,
                            const Documents& documents, CutCells& cut_cells);
bool any_risks(const Documents& documents);
void write_risks_sheet(lxw_workbook* workbook, const Formats& formats, const Documents& documents,
                       CutCells& cut_cells);
void write_summary_sheet(lxw_workbook* workbook, const Formats& formats,
                         const Documents& documents);
void write_sources_sheet(lxw_workbook* workbook, const Formats& formats, const Documents& documents,
                         CutCells& cut_cells);
void write_warnings_sheet(lxw_workbook* workbook, const Formats& formats,
                          const Documents& documents, const CutCells& cut_cells);

}  // namespace trackport::workbook
