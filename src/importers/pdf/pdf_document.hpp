// A PDF opened with poppler's core library (libpoppler, Debian's libpoppler-private-dev): the
// document, its password, its title, and each page read in one pass that gives both the words
// (poppler's TextOutputDev, as pdftotext) and the vector paths painted (ruling lines, cell
// fills), so no page is rendered.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importers/pdf/pdf_layout.hpp"

class PDFDoc;

namespace trackport::pdf {

// A filled axis-aligned rectangle, in displayed-page points (top-left origin).
struct FilledRect {
  Rect box;
  Rgb colour;
};

// What one page painted, in displayed-page points (top-left origin).
struct PageContent {
  double width = 0, height = 0;  // as displayed (after the page's /Rotate)
  int rotation = 0;              // the page's /Rotate: 0, 90, 180 or 270
  Rect crop;                     // the crop box in PDF user space (origin bottom-left)
  std::vector<Word> words;
  std::size_t dropped_words = 0;  // text boxes beyond max_words
  Rulings rulings;                // dark, thin, straight strokes and thin filled rectangles
  std::vector<FilledRect> fills;  // larger filled rectangles, in painting order
  bool paths_dropped = false;     // more paths than max_paths: rulings and fills not read
};

struct PageReadLimits {
  std::size_t max_words = 50'000;   // text boxes read from one page
  std::size_t max_paths = 200'000;  // path pieces (segments, rectangles) kept from one page
};

class Document {
 public:
  // Opens the bytes (which must outlive the Document). Throws InputError for a file that is not
  // a readable PDF, or one that needs a password it was not given (or was given a wrong one).
  Document(std::string_view bytes, const std::optional<std::string>& password);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  int pages() const;
  // The Info dictionary's Title, as UTF-8 ("" when there is none).
  std::string title() const;
  // Page `number` (1-based); nullopt when poppler cannot read it.
  std::optional<PageContent> read_page(int number, const PageReadLimits& limits) const;

 private:
  std::unique_ptr<PDFDoc> doc_;
};

}  // namespace trackport::pdf
