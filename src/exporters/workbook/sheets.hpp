// Internal to the workbook exporter: one function per sheet of the standard workbook.
#pragma once

#include <xlsxwriter.h>

#include <vector>

#include "exporters/workbook/sheet_writer.hpp"
#include "model/document.hpp"

namespace trackport::workbook {

using Documents = std::vector<Document>;

void write_items_sheet(lxw_workbook* workbook, const Formats& formats, const Documents& documents);
void write_extra_sheet(lxw_workbook* workbook, const Formats& formats, const Documents& documents);
void write_assessments_sheet(lxw_workbook* workbook, const Formats& formats,
                             const Documents& documents);
bool any_indicators(const Documents& documents);
void write_indicators_sheet(lxw_workbook* workbook, const Formats& formats,
                            const Documents& documents);
bool any_risks(const Documents& documents);
void write_risks_sheet(lxw_workbook* workbook, const Formats& formats, const Documents& documents);
void write_summary_sheet(lxw_workbook* workbook, const Formats& formats,
                         const Documents& documents);
void write_sources_sheet(lxw_workbook* workbook, const Formats& formats,
                         const Documents& documents);
void write_warnings_sheet(lxw_workbook* workbook, const Formats& formats,
                          const Documents& documents);

}  // namespace trackport::workbook
