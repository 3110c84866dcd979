// The raw table grid (MODEL.md "Raw tables"), for `trackport tables`.
#pragma once

#include <ostream>
#include <string>

#include "grid/table.hpp"

namespace trackport {

// {"file": ..., "tables": [{"page"|"sheet"..., "bbox", "cells": [{row, col, row_span, col_span,
// text, bbox}]}]}: a merged cell appears once, at its top-left.
void write_tables_json(const SourceDocument& document, const std::string& file, std::ostream& out);
// One line per cell: table, sheet, page, row, col, row_span, col_span, text.
void write_tables_csv(const SourceDocument& document, std::ostream& out);

}  // namespace trackport
