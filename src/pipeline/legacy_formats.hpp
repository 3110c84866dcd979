// Formats trackport reads through LibreOffice: a legacy document is converted into its OOXML
// equivalent (io/libreoffice.hpp) and the converted file handed to the importer of that format.
// The dispatch lives here, in the pipeline, so that no importer knows of another.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "io/input.hpp"
#include "io/libreoffice.hpp"

namespace trackport {

struct LegacyFormat {
  std::string_view extension;    // "doc", "xlsb", "wk1" ...
  std::string_view target;       // the format it is converted to: "docx" or "xlsx"
  std::string_view description;  // "legacy binary Word (.doc) document"
  std::string_view package;      // the Debian package of LibreOffice that converts it
};

// The legacy format of an input, by its content (a Word 97-2003 document, an Excel binary
// workbook) or else its extension; nullptr when it is none.
const LegacyFormat* legacy_format_of(const InputFile& input);
// True for the extension (lower case, no dot) of a format read through LibreOffice.
bool is_legacy_extension(std::string_view extension);

// The one line for a legacy input when no LibreOffice is installed.
std::string needs_libreoffice_message(const LegacyFormat& format);

// Converts the input with LibreOffice into `format.target`. The converted file keeps the
// input's path and sha256 (what the user gave), only its bytes change. Throws InputError.
InputFile convert_legacy_input(const InputFile& input, const LegacyFormat& format,
                               const LibreOfficeOptions& options);

}  // namespace trackport
