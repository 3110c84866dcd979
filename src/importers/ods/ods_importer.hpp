// OpenDocument spreadsheets (.ods): content.xml read with libzip + pugixml into the same grid as
// the xlsx importer (tables split at blank rows, merges as spans and covered cells, hidden sheets,
// rows and columns skipped with a warning, cell background colours as fills).
#pragma once

#include <memory>

#include "importers/importer.hpp"

namespace trackport {

std::unique_ptr<Importer> make_ods_importer();

}  // namespace trackport
