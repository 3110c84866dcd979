// One page read into a PageLayout: words, the rendered image's ruling lines, the ruled tables,
// and the lines of text left outside them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "importers/pdf/pdf_layout.hpp"

namespace poppler {
class page;
}

namespace trackport::pdf {

struct PageLimits {
  std::size_t max_words = 50'000;       // text boxes read from one page
  std::size_t max_pixels = 3'000'000;   // rendered image size
  std::size_t max_rule_words = 20'000;  // beyond this many words the page is not rendered
  double dpi = 72.0;
};

struct PageReport {
  std::size_t words = 0;
  std::size_t dropped_words = 0;
  bool rendered = false;
};

PageLayout analyse_page(const poppler::page& page, int number, const PageLimits& limits,
                        PageReport& report);

}  // namespace trackport::pdf
