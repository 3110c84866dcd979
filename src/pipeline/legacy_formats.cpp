#include "pipeline/legacy_formats.hpp"

#include <algorithm>
#include <array>

#include "io/ole.hpp"

namespace trackport {

namespace {

constexpr std::string_view kWriter = "libreoffice-writer-nogui";
constexpr std::string_view kCalc = "libreoffice-calc-nogui";

// Formats LibreOffice imports that trackport has no reader of its own for.
constexpr std::array<LegacyFormat, 20> kLegacyFormats = {{
    {"doc", "docx", "legacy binary Word (.doc) document", kWriter},
    {"dot", "docx", "legacy binary Word template (.dot)", kWriter},
    {"rtf", "docx", "Rich Text Format (.rtf) document", kWriter},
    {"odt", "docx", "OpenDocument text (.odt) document", kWriter},
    {"sxw", "docx", "StarOffice/OpenOffice.org 1 text (.sxw) document", kWriter},
    {"wpd", "docx", "WordPerfect (.wpd) document", kWriter},
    {"wps", "docx", "Microsoft Works (.wps) document", kWriter},
    {"xlsb", "xlsx", "Excel binary workbook (.xlsb)", kCalc},
    {"wk1", "xlsx", "Lotus 1-2-3 (.wk1) worksheet", kCalc},
    {"wk3", "xlsx", "Lotus 1-2-3 (.wk3) worksheet", kCalc},
    {"wk4", "xlsx", "Lotus 1-2-3 (.wk4) worksheet", kCalc},
    {"wks", "xlsx", "Lotus 1-2-3 / Works (.wks) worksheet", kCalc},
    {"123", "xlsx", "Lotus 1-2-3 (.123) workbook", kCalc},
    {"sxc", "xlsx", "StarOffice/OpenOffice.org 1 spreadsheet (.sxc)", kCalc},
    {"qpw", "xlsx", "Quattro Pro (.qpw) workbook", kCalc},
    {"wb2", "xlsx", "Quattro Pro (.wb2) workbook", kCalc},
    {"dif", "xlsx", "Data Interchange Format (.dif) sheet", kCalc},
    {"slk", "xlsx", "SYLK (.slk) sheet", kCalc},
    {"fods", "xlsx", "flat OpenDocument spreadsheet (.fods)", kCalc},
    {"fodt", "docx", "flat OpenDocument text (.fodt) document", kWriter},
}};

const LegacyFormat* by_extension(std::string_view extension) {
  auto it = std::find_if(kLegacyFormats.begin(), kLegacyFormats.end(),
                         [&](const LegacyFormat& format) { return format.extension == extension; });
  return it == kLegacyFormats.end() ? nullptr : &*it;
}

// A Word 97-2003 document: an OLE file with a WordDocument stream. One that also holds a
// workbook and is named .xls is the xls importer's.
bool is_word_97(const InputFile& input) {
  const std::string& bytes = input.bytes;
  if (!is_ole_compound_file(bytes) || !ole_has_entry(bytes, "WordDocument")) return false;
  return extension_of(input.path) != "xls";
}

// An Excel binary workbook: a ZIP whose workbook part is xl/workbook.bin.
bool is_xlsb(const InputFile& input) {
  const std::string& bytes = input.bytes;
  return bytes.starts_with("PK\x03\x04") && bytes.find("xl/workbook.bin") != std::string::npos;
}

}  // namespace

const LegacyFormat* legacy_format_of(const InputFile& input) {
  // A password-protected .xlsb (or .docx ...) is an encrypted OOXML package in an OLE file: the
  // importers call it what it is.
  if (is_encrypted_ooxml(input.bytes)) return nullptr;
  if (is_word_97(input)) return by_extension("doc");
  if (is_xlsb(input)) return by_extension("xlsb");
  return by_extension(extension_of(input.path));
}

bool is_legacy_extension(std::string_view extension) {
  return by_extension(extension) != nullptr;
}

std::string needs_libreoffice_message(const LegacyFormat& format) {
  return std::string(format.description) +
         ": trackport reads it through LibreOffice, which is not installed (Debian package " +
         std::string(format.package) + "; or give --libreoffice PATH)";
}

InputFile convert_legacy_input(const InputFile& input, const LegacyFormat& format,
                               const LibreOfficeOptions& options) {
  auto soffice = find_libreoffice(options);
  if (!soffice) {
    if (!options.soffice.empty()) {
      throw InputError("--libreoffice " + options.soffice.string() +
                       " is not an executable file; " + std::string(format.description) +
                       " needs LibreOffice to be read");
    }
    throw InputError(needs_libreoffice_message(format));
  }
  InputFile converted;
  converted.path = input.path;
  converted.sha256 = input.sha256;
  converted.bytes = convert_with_libreoffice(*soffice, input.bytes, format.extension, format.target,
                                             options.time_limit);
  return converted;
}

}  // namespace trackport
