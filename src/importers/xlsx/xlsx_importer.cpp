#include "importers/xlsx/xlsx_importer.hpp"

#include <algorithm>

#include "grid/sheet_tables.hpp"
#include "importers/ooxml/package.hpp"
#include "importers/xlsx/xlsx_sheet.hpp"
#include "importers/xlsx/xlsx_workbook.hpp"
#include "io/input.hpp"
#include "io/ole.hpp"

namespace trackport {

namespace {

// An OLE container named as a workbook (Excel encrypts .xls-named OOXML the same way).
bool is_spreadsheet_extension(std::string_view extension) {
  return lists_extension("xlsx", extension) || lists_extension("xls", extension);
}

// An OLE container reaches here only when it was handed to this importer directly: an encrypted
// workbook gets the advice it needs; a legacy .xls belongs to the xls importer.
[[noreturn]] void refuse_ole(std::string_view bytes) {
  if (is_encrypted_ooxml(bytes)) {
    throw InputError(
        "password-protected or encrypted workbook (an OLE container, not a ZIP); remove the "
        "password in Excel and save again");
  }
  throw InputError("not an xlsx workbook (an OLE compound file, such as a legacy .xls)");
}

bool content_types_say_spreadsheet(std::string_view bytes) {
  try {
    ZipArchive zip(bytes, ZipLimits{std::size_t{16} << 20, std::size_t{16} << 20, 1000.0});
    auto types = zip.read("[Content_Types].xml");
    return types && (types->find("spreadsheetml.sheet.main") != std::string::npos ||
                     types->find("spreadsheetml.template.main") != std::string::npos ||
                     types->find("ms-excel.sheet.macroEnabled.main") != std::string::npos ||
                     types->find("ms-excel.template.macroEnabled.main") != std::string::npos);
  } catch (const InputError&) {
    return false;
  }
}

class XlsxImporter final : public Importer {
 public:
  std::string_view name() const override { return "xlsx"; }

  std::string_view format_of(const InputFile& input) const override {
    return extension_of(input.path) == "xlsm" ? "xlsm" : "xlsx";
  }

  Match identify(const InputFile& input) const override {
    std::string extension = extension_of(input.path);
    const std::string& bytes = input.bytes;
    if (is_ole_compound_file(bytes)) {
      // Encrypted OOXML: claimed so the user gets the right advice. Legacy .xls (BIFF) workbooks
      // are the xls importer's.
      return is_encrypted_ooxml(bytes) && is_spreadsheet_extension(extension) ? Match::content
                                                                              : Match::no;
    }
    if (ZipArchive::looks_like_zip(bytes) && content_types_say_spreadsheet(bytes)) {
      return Match::content;
    }
    return lists_extension("xlsx", extension) ? Match::extension : Match::no;
  }

  SourceDocument read(const InputFile& input, const ImportOptions& options) const override {
    SourceDocument document;
    std::size_t cell_budget = options.sheet_cell_budget();
    SheetCollector collector(document.tables, cell_budget);
    read_sheets(input, options, collector, document);
    return document;
  }

  bool read_sheets(const InputFile& input, const ImportOptions& options, SheetRowSink& sink,
                   SourceDocument& head) const override {
    const std::string& bytes = input.bytes;
    if (bytes.empty()) throw InputError("empty file (an xlsx workbook is a ZIP container)");
    if (is_ole_compound_file(bytes)) refuse_ole(bytes);
    if (!ZipArchive::looks_like_zip(bytes)) {
      throw InputError("not an xlsx workbook (not a ZIP container)");
    }
    ZipLimits limits;
    limits.max_total_inflated = options.max_inflated_bytes;
    limits.max_entry_inflated = std::min(limits.max_entry_inflated, options.max_inflated_bytes);
    limits.max_ratio = options.max_compression_ratio;
    OoxmlPackage package(bytes, limits);
    XlsxWorkbook workbook = read_workbook(package);

    head.title = workbook.title;
    // One sheet without its part is a warning; a workbook none of whose sheets has one is damaged
    // (or no workbook), not a workbook of nothing.
    const bool any_part = std::any_of(
        workbook.sheets.begin(), workbook.sheets.end(), [&](const XlsxSheetEntry& entry) {
          return !entry.is_worksheet || (!entry.part.empty() && package.zip().has(entry.part));
        });
    if (!workbook.sheets.empty() && !any_part)
      throw InputError("damaged workbook: none of its sheets has a worksheet part in the file");
    for (const XlsxSheetEntry& entry : workbook.sheets) {
      read_sheet(package, workbook, entry, input, options, sink, head.warnings);
    }
    return true;
  }

 private:
  static void read_sheet(OoxmlPackage& package, const XlsxWorkbook& workbook,
                         const XlsxSheetEntry& entry, const InputFile& input,
                         const ImportOptions& options, SheetRowSink& sink,
                         std::vector<Warning>& warnings) {
    if (entry.state != "visible") {
      warnings.push_back(
          sheet_warning("hidden-sheet",
                        (entry.state == "veryHidden" ? "very hidden sheet '" : "hidden sheet '") +
                            entry.name + "' skipped",
                        input.path.string(), entry.name));
      return;
    }
    if (!entry.is_worksheet) return;  // chart sheets and the like hold no cells
    auto stream = entry.part.empty() ? std::nullopt : package.zip().open(entry.part);
    if (!stream) {
      warnings.push_back(sheet_warning(
          "sheet-missing", "sheet '" + entry.name + "' has no worksheet part in the file; skipped",
          input.path.string(), entry.name));
      return;
    }
    XlsxSheetSkips skips;
    ByteSource source = [&](char* out, std::size_t size) { return stream->read(out, size); };
    sink.begin_sheet(entry.name);
    auto tail = read_worksheet(source, entry.part, workbook, options.max_cells, skips, sink);
    stream.reset();
    warn_about_hidden_cells(skips.hidden_rows_with_text, skips.hidden_columns_with_text,
                            input.path.string(), entry.name, warnings);
    const XlsxConditionalFormats formats(std::move(tail.conditional_formats));
    sink.end_sheet(std::move(tail.merges), formats.empty() ? nullptr : &formats);
  }
};

}  // namespace

std::unique_ptr<Importer> make_xlsx_importer() {
  return std::make_unique<XlsxImporter>();
}

}  // namespace trackport
