// One page read into a PageLayout: its words and vector rulings in one pass (pdf_document), the
// ruled tables, and the lines of text left outside them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "importers/pdf/pdf_document.hpp"
#include "importers/pdf/pdf_layout.hpp"

namespace trackport::pdf {

struct PageLimits {
  std::size_t max_words = 50'000;   // text boxes read from one page
  std::size_t max_paths = 200'000;  // drawn path pieces looked at for rulings and fills
};

struct PageReport {
  std::size_t words = 0;
  std::size_t dropped_words = 0;
  bool paths_dropped = false;  // too many drawn pieces: tables read from the text alone
};

// Page `number` (1-based) of the document; nullopt when poppler cannot read it.
std::optional<PageLayout> analyse_page(const Document& document, int number,
                                       const PageLimits& limits, PageReport& report);

}  // namespace trackport::pdf
