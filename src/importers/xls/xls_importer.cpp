#include "importers/xls/xls_importer.hpp"

#include <chrono>

#include "grid/sheet_tables.hpp"
#include "importers/xls/xls_child.hpp"
#include "importers/xls/xls_workbook.hpp"
#include "io/input.hpp"
#include "io/ole.hpp"

namespace trackport {

namespace {

// A legacy workbook's BIFF stream is called "Workbook" (BIFF8) or "Book" (BIFF5).
bool names_a_workbook_stream(std::string_view bytes) {
  return ole_has_entry(bytes, "Workbook") || ole_has_entry(bytes, "Book");
}

// A Word document with a workbook embedded in it holds a Workbook stream too, deeper down: with
// a WordDocument stream beside it, only the .xls name makes it a workbook.
bool looks_like_xls(const InputFile& input) {
  const std::string& bytes = input.bytes;
  if (!is_ole_compound_file(bytes) || is_encrypted_ooxml(bytes)) return false;
  if (!names_a_workbook_stream(bytes)) return false;
  return !ole_has_entry(bytes, "WordDocument") || extension_of(input.path) == "xls";
}

// A legitimate 12 MB workbook is read in well under a second; past this the child is stuck.
std::chrono::milliseconds time_limit_for(std::size_t size) {
  return std::chrono::seconds(60) + std::chrono::seconds(2 * (size >> 20));
}

void add_sheet(XlsSheet& read, const InputFile& input, std::size_t& cell_budget,
               SourceDocument& document) {
  const std::string file = input.path.string();
  if (read.state != XlsSheetState::visible) {
    document.warnings.push_back(sheet_warning(
        "hidden-sheet",
        (read.state == XlsSheetState::very_hidden ? "very hidden sheet '" : "hidden sheet '") +
            read.name + "' skipped",
        file, read.name));
    return;
  }
  warn_about_hidden_cells(read.hidden_rows_with_text, read.hidden_columns_with_text, file,
                          read.name, document.warnings);
  Sheet sheet{std::move(read.name), std::move(read.rows), std::move(read.hidden_rows),
              std::move(read.merges)};
  append_sheet_tables(sheet, document.tables, cell_budget);
}

SourceDocument to_document(XlsWorkbook book, const InputFile& input, const ImportOptions& options) {
  SourceDocument document;
  std::size_t cell_budget = options.sheet_cell_budget();
  for (XlsSheet& sheet : book.sheets) add_sheet(sheet, input, cell_budget, document);
  return document;
}

class XlsImporter final : public Importer {
 public:
  std::string_view name() const override { return "xls"; }

  Match identify(const InputFile& input) const override {
    if (looks_like_xls(input)) return Match::content;
    return extension_of(input.path) == "xls" ? Match::extension : Match::no;
  }

  SourceDocument read(const InputFile& input, const ImportOptions& options) const override {
    XlsWorkbook book = read_xls_workbook_in_child(input.bytes, options.max_cells,
                                                  time_limit_for(input.bytes.size()));
    return to_document(std::move(book), input, options);
  }
};

}  // namespace

std::unique_ptr<Importer> make_xls_importer() {
  return std::make_unique<XlsImporter>();
}

SourceDocument read_xls_in_process(const InputFile& input, const ImportOptions& options) {
  return to_document(read_xls_workbook(input.bytes, options.max_cells), input, options);
}

}  // namespace trackport
