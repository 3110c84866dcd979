// Converting a legacy document (.doc, .xlsb, Lotus 1-2-3, StarOffice ...) into the OOXML
// equivalent with LibreOffice, so that the usual importer reads the result.
//
// soffice runs through io/child_process.hpp's run_program in a sandbox of its own: a private
// temporary folder holding the input's copy, the output, a fresh user profile
// (-env:UserInstallation, so it never meets a LibreOffice the user has open, nor another
// conversion running beside it) and its TMPDIR and HOME; a time limit; and the whole process
// group killed at the end. The folder is removed whatever happens.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace trackport {

struct LibreOfficeOptions {
  std::filesystem::path soffice;  // --libreoffice PATH; empty: `soffice` (or `libreoffice`) on PATH
  std::chrono::seconds time_limit{120};
};

// The soffice to run: the one given (when it is an executable file), else the first `soffice`
// or `libreoffice` on PATH; nullopt when there is none.
std::optional<std::filesystem::path> find_libreoffice(const LibreOfficeOptions& options);

// Converts `bytes` (a file whose extension is `extension`, without the dot: LibreOffice picks
// its import filter by it and the content) into `target` ("docx" or "xlsx"). Returns the
// converted file's bytes. Throws InputError with one line when LibreOffice cannot convert it
// (damaged, password-protected) or runs out of time.
std::string convert_with_libreoffice(const std::filesystem::path& soffice, std::string_view bytes,
                                     std::string_view extension, std::string_view target,
                                     std::chrono::seconds time_limit);

}  // namespace trackport
