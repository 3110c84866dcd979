// The importer table (pandoc's Readers.hs): adding a format is one line here.
#include "importers/delimited/delimited_importer.hpp"
#include "importers/docx/docx_importer.hpp"
#include "importers/html/html_importer.hpp"
#include "importers/importer.hpp"
#include "importers/ods/ods_importer.hpp"
#include "importers/pdf/pdf_importer.hpp"
#include "importers/xls/xls_importer.hpp"
#include "importers/xlsx/xlsx_importer.hpp"
#include "io/ole.hpp"

namespace trackport {

const std::vector<std::unique_ptr<Importer>>& importers() {
  static const auto all = [] {
    std::vector<std::unique_ptr<Importer>> list;
    list.push_back(make_xlsx_importer());
    list.push_back(make_xls_importer());  // before docx: a .xls may embed a Word document
    list.push_back(make_ods_importer());
    list.push_back(make_docx_importer());
    list.push_back(make_pdf_importer());
    list.push_back(make_html_importer());
    list.push_back(make_delimited_importer());
    return list;
  }();
  return all;
}

bool is_input_extension(std::string_view extension) {
  for (const auto& format : input_format_table()) {
    for (const auto known : format.extensions) {
      if (extension == known) return true;
    }
  }
  return false;
}

namespace {

// What the first bytes say a file is, for error messages.
std::string describe_content(std::string_view bytes) {
  if (bytes.empty()) return "the file is empty";
  if (bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06")) {
    return "a ZIP container that no importer recognises";
  }
  if (is_ole_compound_file(bytes)) {
    return "an OLE compound file that is neither an .xls workbook nor a .doc document (a "
           "password-protected Office file?); open it in Office or LibreOffice and save it as "
           ".xlsx/.docx";
  }
  return "not a format trackport reads (xlsx, xlsm, xls, ods, docx, html, pdf, csv, tsv)";
}

}  // namespace

void warm_up_importers(const std::vector<std::string>& formats) {
  for (const auto& format : formats) {
    if (const Importer* importer = importer_named(format)) importer->warm_up();
  }
}

const Importer* importer_named(std::string_view name) {
  if (name == "tsv") name = "csv";  // one delimited-text importer reads both
  for (const auto& importer : importers()) {
    if (importer->name() == name) return importer.get();
  }
  return nullptr;
}

const Importer& choose_importer(const InputFile& input, std::string_view forced) {
  if (!forced.empty()) {
    if (const Importer* named = importer_named(forced)) return *named;
    throw InputError("no importer reads '" + std::string(forced) + "'");
  }
  const Importer* best = nullptr;
  Match best_match = Match::no;
  for (const auto& importer : importers()) {
    auto match = importer->identify(input);
    if (match > best_match) {
      best = importer.get();
      best_match = match;
    }
  }
  if (!best) throw InputError(describe_content(input.bytes));
  return *best;
}

}  // namespace trackport
