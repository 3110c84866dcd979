// The PDF importer: rebuilds tables from a PDF's words and the ruling lines and fills its pages
// draw (poppler's core library), joins tables that run over several pages, and addresses rows by
// page number.
//
// Per page (page_analysis): one pass of poppler over the page's content gives its words and the
// vector paths it paints (pdf_document): thin dark strokes and bars are ruling lines, larger
// filled rectangles cell backgrounds (cell_fill); ruled tables from the rulings' intersections
// (ruled_tables), refined where the rules are partial (partial_rules). Then over the document:
// running headers, footers and page numbers removed and headings kept (page_furniture); unruled
// tables from the remaining lines (unruled_columns, unruled_tables); tables joined across pages
// (cross_page). Boxes are PDF points with the origin at the bottom-left (see cross_page.cpp for
// rotated pages).
#pragma once

#include <memory>

#include "importers/importer.hpp"

namespace trackport {

// Format name "pdf"; identifies "%PDF-" files by content and *.pdf by extension.
std::unique_ptr<Importer> make_pdf_importer();

}  // namespace trackport
