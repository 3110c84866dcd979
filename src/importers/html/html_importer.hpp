// Reads HTML documents, in particular Word documents saved as web pages: every <table> in
// document order, with its cells' text, fills, spans and the headings above it.
#pragma once

#include <memory>

#include "importers/importer.hpp"

namespace trackport {

// The "html" importer (.html, .htm, and anything whose bytes start like HTML).
std::unique_ptr<Importer> make_html_importer();

}  // namespace trackport
