// Page furniture and table context: running headers, footers and page numbers are removed before
// tables are looked for (they are never rows), and the heading printed above a table is kept as
// its section context.
#pragma once

#include <string>
#include <vector>

#include "importers/pdf/pdf_layout.hpp"

namespace trackport::pdf {

// Removes running headers and footers (the same text, digits aside, near the top or bottom of
// several pages) and lone page numbers from every page's lines.
void remove_running_furniture(std::vector<PageLayout>& pages);

// Moves each table's heading (the short block of text just above it) from the page's lines into
// PageTable::headings.
void attach_headings(PageLayout& page);

// The title block: the lines of the page (after attach_headings) above its first table, top down,
// one a line, leaving out the document's `title`; a few lines at most.
std::string opening_lines(const PageLayout& page, const std::string& title);

}  // namespace trackport::pdf
