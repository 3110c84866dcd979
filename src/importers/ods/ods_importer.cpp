#include "importers/ods/ods_importer.hpp"

#include <algorithm>

#include "grid/sheet_tables.hpp"
#include "importers/ods/ods_content.hpp"
#include "io/input.hpp"
#include "io/zip.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

constexpr std::string_view kSpreadsheetMime = "application/vnd.oasis.opendocument.spreadsheet";

std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

// Parses a part in place. pugixml never expands entities, but a DOCTYPE has no business in an
// OpenDocument part: refusing it keeps entity tricks out of every later step too.
void parse_part(pugi::xml_document& doc, std::string& xml, std::string_view name) {
  pugi::xml_parse_result result =
      doc.load_buffer_inplace(xml.data(), xml.size(), pugi::parse_default | pugi::parse_doctype);
  if (!result) {
    throw InputError("malformed XML in " + std::string(name) + ": " + result.description());
  }
  for (pugi::xml_node node : doc.children()) {
    if (node.type() == pugi::node_doctype) {
      throw InputError("part " + std::string(name) +
                       " has a DOCTYPE declaration (refused: possible entity-expansion attack)");
    }
  }
}

std::string read_title(ZipArchive& zip) {
  auto xml = zip.read("meta.xml");
  if (!xml) return {};
  pugi::xml_document doc;
  parse_part(doc, *xml, "meta.xml");
  return collapse_whitespace(
      doc.document_element().child("office:meta").child("dc:title").child_value());
}

void warn_about_skips(const OdsSheet& sheet, const InputFile& input,
                      std::vector<Warning>& warnings) {
  const std::string& name = sheet.sheet.name;
  const auto& columns = sheet.hidden_columns_with_text;
  if (!columns.empty()) {
    warnings.push_back(
        sheet_warning("hidden-column",
                      std::string(columns.size() == 1 ? "hidden column " : "hidden columns ") +
                          describe_runs(columns, [](int c) { return column_letters(c); }) +
                          " skipped (sheet '" + name + "')",
                      input.path.string(), name));
  }
  const auto& rows = sheet.hidden_rows_with_text;
  if (!rows.empty()) {
    warnings.push_back(
        sheet_warning("hidden-row",
                      std::string(rows.size() == 1 ? "hidden row " : "hidden rows ") +
                          describe_runs(rows, [](int r) { return std::to_string(r); }) +
                          " skipped (sheet '" + name + "')",
                      input.path.string(), name));
  }
}

class OdsImporter final : public Importer {
 public:
  std::string_view name() const override { return "ods"; }

  Match identify(const InputFile& input) const override {
    if (ZipArchive::looks_like_zip(input.bytes)) {
      try {
        ZipArchive zip(input.bytes);
        auto mime = zip.read("mimetype");
        if (mime && trimmed(*mime) == kSpreadsheetMime) return Match::content;
      } catch (const InputError&) {
        // fall through to the extension
      }
    }
    return extension_of(input.path) == "ods" ? Match::extension : Match::no;
  }

  SourceDocument read(const InputFile& input, const ImportOptions& options) const override {
    if (input.bytes.empty()) throw InputError("empty file (an ODS spreadsheet is a ZIP container)");
    if (!ZipArchive::looks_like_zip(input.bytes)) {
      throw InputError("not an ODS spreadsheet (not a ZIP container)");
    }
    ZipLimits limits;
    limits.max_total_inflated = options.max_inflated_bytes;
    limits.max_entry_inflated = std::min(limits.max_entry_inflated, options.max_inflated_bytes);
    limits.max_ratio = options.max_compression_ratio;
    ZipArchive zip(input.bytes, limits);
    check_package(zip);

    OdsStyles styles;
    pugi::xml_document styles_doc;
    auto styles_xml = zip.read("styles.xml");
    if (styles_xml) {
      parse_part(styles_doc, *styles_xml, "styles.xml");
      styles.add(styles_doc);
    }
    auto content = zip.open("content.xml");
    if (!content) throw InputError("not an ODS spreadsheet (no content.xml)");
    ByteSource source = [&](char* out, std::size_t size) { return content->read(out, size); };
    std::vector<OdsSheet> sheets = read_ods_content(source, styles, options.sheet_cell_budget());
    content.reset();

    SourceDocument document;
    document.title = read_title(zip);
    std::size_t cell_budget = options.sheet_cell_budget();
    for (OdsSheet& sheet : sheets) {
      if (sheet.hidden) {
        document.warnings.push_back(sheet_warning("hidden-sheet",
                                                  "hidden sheet '" + sheet.sheet.name + "' skipped",
                                                  input.path.string(), sheet.sheet.name));
        continue;
      }
      warn_about_skips(sheet, input, document.warnings);
      append_sheet_tables(sheet.sheet, document.tables, cell_budget);
    }
    return document;
  }

 private:
  static void check_package(ZipArchive& zip) {
    auto mime = zip.read("mimetype");
    if (mime && trimmed(*mime) != kSpreadsheetMime) {
      throw InputError("not a spreadsheet: the OpenDocument package is " + trimmed(*mime));
    }
    auto manifest = zip.read("META-INF/manifest.xml");
    if (manifest && manifest->find("encryption-data") != std::string::npos) {
      throw InputError(
          "password-protected or encrypted ODS spreadsheet; remove the password in LibreOffice "
          "and save again");
    }
  }
};

}  // namespace

std::unique_ptr<Importer> make_ods_importer() {
  return std::make_unique<OdsImporter>();
}

}  // namespace trackport
