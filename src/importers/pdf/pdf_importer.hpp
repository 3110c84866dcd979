// The PDF importer: rebuilds tables from a PDF's text boxes and the ruling lines and fills of its
// rendered pages (poppler-cpp), joins tables that run over several pages, and addresses rows by
// page number.
//
// Per page (page_analysis): words from poppler (text_extraction); the page rendered at 72 dpi
// (page_raster); long thin strokes in the image (ruling_lines); ruled tables from their
// intersections, with cell fills sampled from the image (ruled_tables), refined where the rules
// are partial (partial_rules). Then over the document: running headers, footers and page numbers
// removed and headings kept (page_furniture); unruled tables from the remaining lines
// (unruled_columns, unruled_tables); tables joined across pages (cross_page).
// Boxes are PDF points with the origin at the bottom-left (see cross_page.cpp for rotated pages).
#pragma once

#include <memory>

#include "importers/importer.hpp"

namespace trackport {

// Format name "pdf"; identifies "%PDF-" files by content and *.pdf by extension.
std::unique_ptr<Importer> make_pdf_importer();

}  // namespace trackport
