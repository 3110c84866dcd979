// A batch's output policy, shared by `trackport convert` and the library: where documents go
// (a file written beside its target and renamed into place, a stream, a database appended to in
// place), and the documents that stand for inputs that failed or were skipped.
#pragma once

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "exporters/exporter.hpp"
#include "io/input.hpp"
#include "model/document.hpp"
#include "pipeline/convert.hpp"

namespace trackport {

// An output the chosen format cannot go to (a workbook to stdout, a database to a FIFO): the
// caller's mistake, said in one line before any work.
class OutputRefused : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// A document that only says what became of an input (listed in Sources and Warnings).
Document input_document(const std::filesystem::path& path, std::string code, std::string message);
// The document of a file that failed: code input-failed, the file's one-line error.
Document failed_document(const FileOutcome& outcome);
// A document made for an input that was skipped or failed (input_document), not converted.
bool only_says_what_became_of_it(const Document& document);

// "-", a FIFO or a device: written straight as a stream (nothing can be renamed over them).
bool is_stream_output(const std::string& output);

// A workbook goes to a FIFO or a device whole (built in a temporary file first), but not to
// stdout, which is usually a terminal; a database is a file sqlite must be able to seek in.
// Throws OutputRefused.
void check_streamable(const Exporter& exporter, const std::string& output);

// The output of a batch, taking each document as it is converted, in input order: a file (a
// temporary renamed into place by commit()), a stream (stdout, a FIFO, a device) or a database
// (each document committed as it comes). Nothing is opened before the first document, so a run
// that converts nothing leaves nothing, not even an empty array on stdout.
class BatchOutput {
 public:
  // `output`: a path, a connection string, or "-" for `standard_output`.
  BatchOutput(const Exporter& exporter, std::string output,
              std::ostream& standard_output = std::cout);

  bool opened() const { return database_ || writer_; }

  // Writes (or, for a database, stores) one document; opens the output on the first.
  void append(const Document& document);

  // Ends the output: a file is complete, and renamed into place, only now.
  void commit();

 private:
  void open();

  // Errors name the output the user gave, not the temporary file being written.
  template <typename Write>
  void in_terms_of_output(Write write);

  const Exporter& exporter_;
  std::string output_;
  std::ostream& standard_output_;
  std::unique_ptr<DocumentAppender> database_;
  std::optional<AtomicOutput> file_;
  std::optional<std::ofstream> stream_;
  std::unique_ptr<DocumentWriter> writer_;  // last: it writes into file_ or stream_
};

}  // namespace trackport
