#include "importers/xls/xls_importer.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "grid/sheet_tables.hpp"
#include "importers/xls/xls_child.hpp"
#include "importers/xls/xls_workbook.hpp"
#include "io/input.hpp"
#include "io/ole.hpp"

namespace trackport {

namespace fs = std::filesystem;

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

// Excel 2.x-4.x saved the BIFF stream itself, without an OLE container; it starts with a BOF
// record (type 0x0009, 0x0209, 0x0409 or 0x0809).
bool starts_with_bof_record(std::string_view bytes) {
  if (bytes.size() < 4) return false;
  return bytes[0] == '\x09' &&
         (bytes[1] == '\x00' || bytes[1] == '\x02' || bytes[1] == '\x04' || bytes[1] == '\x08');
}

// What is known not to be a readable workbook before freexl sees it.
void refuse_what_freexl_cannot_read(std::string_view bytes) {
  if (bytes.empty()) throw InputError("empty file (an .xls workbook is an OLE compound file)");
  if (!is_ole_compound_file(bytes) && !starts_with_bof_record(bytes)) {
    throw InputError("not an .xls workbook (neither an OLE compound file nor a BIFF stream)");
  }
  if (has_biff_password(bytes)) throw InputError(std::string(kXlsPasswordError));
}

// A legitimate 12 MB workbook takes freexl about 2 s; past this the child is stuck.
std::chrono::milliseconds time_limit_for(std::size_t size) {
  return std::chrono::seconds(60) + std::chrono::seconds(2 * (size >> 20));
}

// True when the file at `path` still holds exactly `bytes`.
bool file_holds(const fs::path& path, std::string_view bytes) {
  std::error_code error;
  if (path.empty() || !fs::is_regular_file(path, error)) return false;
  if (fs::file_size(path, error) != bytes.size() || error) return false;
  std::ifstream in(path, std::ios::binary);
  char buffer[65536];
  while (!bytes.empty()) {
    auto size = std::min(bytes.size(), sizeof buffer);
    if (!in.read(buffer, static_cast<std::streamsize>(size))) return false;
    if (std::memcmp(buffer, bytes.data(), size) != 0) return false;
    bytes.remove_prefix(size);
  }
  return true;
}

// freexl opens files by path. The input's own file serves when it still holds exactly the bytes
// trackport read (and hashed); otherwise (an input built in memory, a file changed since) the
// bytes go to a private temporary file, removed at the end.
class FileForFreexl {
 public:
  explicit FileForFreexl(const InputFile& input) {
    if (file_holds(input.path, input.bytes)) {
      path_ = input.path;
      return;
    }
    std::string name = (fs::temp_directory_path() / "trackport-xls-XXXXXX").string();
    int fd = ::mkstemp(name.data());  // created readable by this user only
    if (fd < 0) throw std::runtime_error("cannot create a temporary copy of the .xls workbook");
    ::close(fd);
    std::ofstream out(name, std::ios::binary | std::ios::trunc);
    out.write(input.bytes.data(), static_cast<std::streamsize>(input.bytes.size()));
    out.close();
    if (!out) {
      ::unlink(name.c_str());
      throw std::runtime_error("cannot write a temporary copy of the .xls workbook");
    }
    path_ = name;
    temporary_ = true;
  }
  ~FileForFreexl() {
    if (temporary_) ::unlink(path_.c_str());
  }
  FileForFreexl(const FileForFreexl&) = delete;
  FileForFreexl& operator=(const FileForFreexl&) = delete;

  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
  bool temporary_ = false;
};

class XlsImporter final : public Importer {
 public:
  std::string_view name() const override { return "xls"; }

  Match identify(const InputFile& input) const override {
    if (looks_like_xls(input)) return Match::content;
    return extension_of(input.path) == "xls" ? Match::extension : Match::no;
  }

  SourceDocument read(const InputFile& input, const ImportOptions& options) const override {
    refuse_what_freexl_cannot_read(input.bytes);
    FileForFreexl file(input);
    auto sheets =
        read_xls_file_in_child(file.path(), options.max_cells, time_limit_for(input.bytes.size()));

    // freexl reads no document properties: no title.
    SourceDocument document;
    std::size_t cell_budget = options.sheet_cell_budget();
    for (XlsSheet& read : sheets) {
      Sheet sheet{std::move(read.name), std::move(read.rows), {}, {}};
      append_sheet_tables(sheet, document.tables, cell_budget);
    }
    return document;
  }
};

}  // namespace

std::unique_ptr<Importer> make_xls_importer() {
  return std::make_unique<XlsImporter>();
}

}  // namespace trackport
