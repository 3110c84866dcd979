// Reads Word documents (.docx): every table in document order, including those in content
// controls and text boxes, with cell text, fills, spans and the headings above each table.
#pragma once

#include <memory>

#include "importers/importer.hpp"

namespace trackport {

// The "docx" importer. Legacy binary .doc files and encrypted documents are recognised so that
// they can be refused with a useful message.
std::unique_ptr<Importer> make_docx_importer();

}  // namespace trackport
