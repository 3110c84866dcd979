// trackport as a library: identify a tracker file, list its tables, convert it to Documents (the
// normalised model, docs/MODEL.md), write Documents in any output format, compare two periods.
// Link trackport::trackport (CMake: find_package(trackport)) or `pkg-config --libs trackport`.
//
// Errors: every function here reports a failure by throwing trackport::Error (a
// std::runtime_error) whose what() is one line naming the file or output and what is wrong,
// e.g. "q2.xlsx: encrypted workbook (a password is needed)". Its subclasses tell the kinds apart:
//   InputFailed    an input could not be read or converted (corrupt, truncated, not a format
//                  trackport reads, over a limit);
//   OutputFailed   an output could not be written (nothing is left half-written);
//   InvalidOption  an option is wrong (an unknown format or mapping name, a mapping file with an
//                  error: file:line:column);
//   Cancelled      a batch was cancelled (BatchControl::cancel).
// Nothing else escapes but std::bad_alloc.
//
// Thread safety: every function may be called from several threads at once.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "compare/compare.hpp"
#include "model/document.hpp"
#include "model/rating.hpp"
#include "trackport/export.hpp"

namespace trackport {

// The library's version ("0.1.0"), which is trackport's.
TRACKPORT_API std::string_view version();

class TRACKPORT_API Error : public std::runtime_error {
 public:
  // `where`: the file, output or option the error is about (what() starts with it).
  Error(std::string where, const std::string& message);
  const std::string& where() const noexcept { return where_; }

 private:
  std::string where_;
};
class TRACKPORT_API InputFailed : public Error {
  using Error::Error;
};
class TRACKPORT_API OutputFailed : public Error {
  using Error::Error;
};
class TRACKPORT_API InvalidOption : public Error {
  using Error::Error;
};
class TRACKPORT_API Cancelled : public Error {
  using Error::Error;
};

// Limits that keep hostile files from exhausting memory or time (the command line's defaults).
struct Limits {
  std::size_t max_inflated_bytes = std::size_t{1} << 30;  // ZIP containers: total inflated size
  double max_compression_ratio = 200.0;                   // ZIP containers: per-entry ratio
  std::size_t max_cells = 50'000'000;                     // cells of one file's tables
  std::size_t max_table_bytes = std::size_t{256} << 20;   // memory of one file's tables
};

// What `trackport convert` takes as options, for one file or a batch.
struct Options {
  // A built-in mapping's name, a kept mapping's name, or a mapping file: its rules first for
  // every table. Empty: chosen per table.
  std::string mapping;
  // Folders of the team's own mappings, tried before the built-in ones (as --mappings); the
  // TRACKPORT_MAPPINGS environment variable and ~/.config/trackport/mappings are read too.
  std::vector<std::filesystem::path> mapping_folders;
  std::string organisation;  // over what the document or mapping says
  std::string period;        // over the period the document names ("Quarter two 2024/25")
  std::optional<std::string> password;  // opens encrypted PDFs
  std::string from;  // read every input as this format ("xlsx", "csv" ...); "": by content
  Limits limits;
};

// Formats trackport reads (importer names: "xlsx", "xls", "ods", "docx", "html", "pdf", "csv",
// "tsv") and writes (exporter names: "xlsx", "json", "jsonl", "csv", "sqlite", "postgresql").
TRACKPORT_API std::vector<std::string> input_formats();
TRACKPORT_API std::vector<std::string> output_formats();

// The format of a file, told by its content (its extension only where content cannot say).
// Throws InputFailed when trackport does not read it.
TRACKPORT_API std::string identify(const std::filesystem::path& file);

// One table found in a file, as the mapping engine sees it: each row's cell texts (a merged
// cell's text at its top-left only).
struct TableView {
  int index = 0;                      // 1-based, in document order
  std::string sheet;                  // spreadsheets
  std::string pages;                  // PDF: "3" or "3-5"
  std::vector<std::string> headings;  // section headings above the table, outermost first
  std::vector<std::vector<std::string>> rows;
};
TRACKPORT_API std::vector<TableView> tables(const std::filesystem::path& file,
                                            const Options& options = {});
// The same as `trackport tables FILE -o -` writes it (docs/MODEL.md "Raw tables").
TRACKPORT_API std::string tables_json(const std::filesystem::path& file,
                                      const Options& options = {});

// Every document one file holds: one for a tracker, several for trackport's own standard
// workbook (read back as written). `source` may also be a trackport .json output, a trackport
// database (tracker.sqlite, tracker.sqlite:FILE or :SHA256) or postgresql://HOST/DB[#FILE]:
// their documents as stored. Throws InputFailed.
TRACKPORT_API std::vector<Document> convert(const std::string& source, const Options& options = {});

// A batch's control: progress and cancelling.
struct BatchControl {
  unsigned jobs = 1;  // files converted at once (threads); 0: one per core
  // Set from any thread: no new file is started, and convert_batch throws Cancelled once the
  // files under way have finished.
  const std::atomic<bool>* cancel = nullptr;
  // Called after each file, in the order files finish, with how many are done of how many.
  std::function<void(const std::filesystem::path& file, std::size_t done, std::size_t total)>
      progress;
};

// A batch as `trackport convert INPUT... -o OUTPUT` converts it: files as given, folders walked
// (sorted; trackport.yaml settings applied). The documents come in input order; a file that
// failed and a file passed over each give one document saying so (warning input-failed or
// input-skipped, the skipped ones last), exactly as the command line's outputs list them.
// Throws InvalidOption (a missing input, no input at all) or Cancelled.
struct BatchResult {
  std::vector<Document> documents;
  std::size_t converted = 0;        // files converted
  std::size_t failed = 0;           // files that failed (each named in `errors`)
  std::vector<std::string> errors;  // "FILE: what is wrong", one a failed file
};
TRACKPORT_API BatchResult convert_batch(const std::vector<std::string>& inputs,
                                        const Options& options = {},
                                        const BatchControl& control = {});

// Writes documents to `output`: a file (written beside it, then renamed into place), a database
// (tracker.sqlite, postgresql://...: each document stored, replacing the same source's earlier
// import; documents that only say a file failed or was skipped are not stored) or "-" for
// `standard_output`. The format is `format` (an output format's name) or comes from the output's
// extension ("-": json). `table` picks the table a CSV holds ("items", "indicators", "risks").
// Throws OutputFailed or InvalidOption.
TRACKPORT_API void write(const std::vector<Document>& documents, const std::string& output,
                         std::string_view format = {}, std::string_view table = {});
// The same into a stream, in a text format (json, jsonl, csv).
TRACKPORT_API void write(const std::vector<Document>& documents, std::ostream& out,
                         std::string_view format, std::string_view table = {});

// Documents in their JSON form (the json output's bytes), and back.
TRACKPORT_API std::string to_json(const std::vector<Document>& documents);
TRACKPORT_API std::vector<Document> from_json(
    std::string_view json);  // throws InvalidOption when malformed

// Two reporting periods of one plan compared (CompareOptions: compare/compare.hpp), and the
// comparison as `trackport diff -o changes.json` writes it.
TRACKPORT_API Comparison compare(const Document& old_document, const Document& new_document,
                                 const CompareOptions& options = {});
TRACKPORT_API std::string comparison_json(const Comparison& comparison);

}  // namespace trackport
