// The importer interface: one implementation per format, each knowing only its own format.
#pragma once

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grid/sheet_stream.hpp"
#include "grid/table.hpp"
#include "io/input.hpp"

namespace trackport {

// How sure an importer is that it can read a file.
enum class Match {
  no = 0,
  extension = 1,  // only the file name suggests it
  content = 2,    // the bytes say so (magic numbers, container entries)
};

struct ImportOptions {
  // Limits that keep hostile files from exhausting memory or time.
  std::size_t max_inflated_bytes = std::size_t{1} << 30;  // ZIP containers: total inflated size
  double max_compression_ratio = 200.0;                   // ZIP containers: per-entry ratio
  std::size_t max_cells = 50'000'000;
  // What the tables of one file may take in memory (io/budget.hpp): cells, rows and text, so
  // that spans and repeats multiplying a small file fail fast.
  std::size_t max_table_bytes = std::size_t{256} << 20;
  // The importer to use whatever the content looks like (--from): an importer's name, or ""
  // to tell by content.
  std::string format;
  // The password that opens an encrypted PDF (--password, TRACKPORT_PDF_PASSWORD); none: only
  // PDFs that open without one are read.
  std::optional<std::string> pdf_password;

  // The cells a file's sheets may lay out: the cell cap or the memory budget, whichever is less
  // (a 36 KB xlsx with one cell a row, each in a new column, spans a 6,000 x 6,000 grid: 2.5 GB).
  std::size_t sheet_cell_budget() const {
    return std::min(max_cells, max_table_bytes / sizeof(Cell));
  }
};

class Importer {
 public:
  virtual ~Importer() = default;
  // Short format name used in source.format: "csv", "tsv", "xlsx", "docx", "html", "pdf", ...
  virtual std::string_view name() const = 0;
  // Cheap check before the full read (GDAL's Identify()).
  virtual Match identify(const InputFile& input) const = 0;
  // Reads the whole file into tables of cells. Throws InputError (one line, no file name)
  // when the file cannot be read; anything merely doubtful becomes a warning.
  virtual SourceDocument read(const InputFile& input, const ImportOptions& options) const = 0;
  // A format made of sheets may also hand its rows on as it reads them, so a big sheet need not
  // be held whole: the title and warnings go to `head` (the title, period and organisation before
  // the first sheet begins: another thread reads them then), every sheet's rows to `sink`. Returns
  // false when the format cannot (then use read).
  virtual bool read_sheets(const InputFile& /*input*/, const ImportOptions& /*options*/,
                           SheetRowSink& /*sink*/, SourceDocument& /*head*/) const {
    return false;
  }
  // Work a process does once that every later read needs (loading fonts, a library's global
  // tables): done before a batch forks its worker processes, so that each inherits it instead
  // of repeating it. Never throws.
  virtual void warm_up() const {}
  // Some containers hold several formats (e.g. csv vs tsv): the name for this particular input.
  virtual std::string_view format_of(const InputFile&) const { return name(); }
};

// A format trackport reads, as the registry lists it: the one list of input formats and their
// extensions (folder walks, --list-formats and the library read it from here).
struct InputFormat {
  std::string_view importer;                 // the importer that reads it
  std::vector<std::string_view> extensions;  // lower case, no dot; the first is its name
  std::string_view description;              // for people: "Excel 97-2003 workbooks"
};
// Defined here, not in the registry that lists the importers, so that an importer checks an
// extension against this same list without linking the others.
inline const std::vector<InputFormat>& input_format_table() {
  static const std::vector<InputFormat> table = {
      {"xlsx", {"xlsx", "xlsm", "xltx", "xltm"}, "Excel workbooks (Office Open XML)"},
      {"xls", {"xls"}, "Excel 97-2003 workbooks"},
      {"ods", {"ods"}, "OpenDocument spreadsheets"},
      {"docx", {"docx", "docm", "dotx", "dotm"}, "Word documents"},
      {"html", {"html", "htm"}, "web pages, and Word's \"save as web page\""},
      {"pdf", {"pdf"}, "PDF reports with text (not scans)"},
      {"csv", {"csv", "tsv", "tab", "txt"}, "delimited text"},
  };
  return table;
}
// True when `extension` (lower case, no dot) names a format trackport reads.
bool is_input_extension(std::string_view extension);
// True when the table lists `extension` for the format `importer` reads.
inline bool lists_extension(std::string_view importer, std::string_view extension) {
  for (const auto& format : input_format_table()) {
    if (format.importer != importer) continue;
    for (const auto known : format.extensions) {
      if (known == extension) return true;
    }
  }
  return false;
}

// Every importer trackport has, in a fixed order.
const std::vector<std::unique_ptr<Importer>>& importers();

// The importer that should read this input: the best content match, else an extension match.
// Throws InputError naming what the file seems to be when no importer can read it.
const Importer& choose_importer(const InputFile& input, std::string_view forced = {});
// Every importer's warm_up() whose format is among `formats` (importer names).
void warm_up_importers(const std::vector<std::string>& formats);
// The importer called `name` ("csv" reads tsv too); nullptr when there is none.
const Importer* importer_named(std::string_view name);

}  // namespace trackport
