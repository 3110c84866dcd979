// Tables across pages: a table that continues on the next page with the same columns becomes one
// table, its repeated header row is dropped, a row cut by the page break is joined to its first
// part (page "3-4"), and a merged cell that runs on over the break keeps covering its rows.
#pragma once

#include <vector>

#include "grid/table.hpp"
#include "importers/pdf/pdf_layout.hpp"

namespace trackport::pdf {

// The grid tables of the document, in reading order, with boxes in PDF points (origin
// bottom-left). Pages must have had their furniture removed and headings attached.
std::vector<Table> join_tables(const std::vector<PageLayout>& pages);

}  // namespace trackport::pdf
