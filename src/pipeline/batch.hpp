// A batch into one output, as `trackport convert INPUT... -o OUTPUT` runs it and the library can:
// whether a single file goes straight to the output as it is read (streamed), how the others go
// through the pool in input order, what a failed or skipped file leaves in the output, and when
// the output is committed. The caller parses options and prints; this decides and writes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <string>

#include "exporters/exporter.hpp"
#include "pipeline/convert.hpp"
#include "pipeline/inputs.hpp"
#include "pipeline/streamed.hpp"

namespace trackport {

// What the caller asked of a batch beyond the conversion itself, which rules out converting a
// single file straight into the output.
struct BatchRequests {
  bool limits_given = false;         // a time or memory limit was asked for explicitly
  bool documents_inspected = false;  // every whole document is looked at (summaries, --strict)
};

// True when the batch is a single file that may go straight into the output as it is read
// (stream_single_file): nothing missing or skipped beside it, its folder settings readable, no
// database of known inputs to check, nothing asked that needs the pool or whole documents.
bool may_stream_single_file(const ExpandedInputs& inputs, const ConvertOptions& options,
                            BatchRequests requests);

// Items converted so far, while a single file streams (`finishing`: the last ones are written).
using ItemProgress = std::function<void(std::size_t items, bool finishing)>;

// Converts `input` into `output` ("-": `standard_output`) while it is read. nullopt, with
// nothing written, when it cannot go that way (a database, a FIFO, a format read whole, a
// file that fails: convert_batch_to_output then reads it again and says why). Throws when writing
// fails, naming `output`.
std::optional<StreamedDocument> stream_single_file(const Exporter& exporter, const InputJob& input,
                                                   const ConvertOptions& options,
                                                   const std::string& output,
                                                   const ItemProgress& progress = {},
                                                   std::ostream& standard_output = std::cout);

// A single file that could not stream is converted in this process too: the pool's limits are
// there so that one file cannot stop the others, and here there are none (a 15 MB CSV of 300,000
// rows needs more than the pool's default budget).
void convert_single_file_in_process(ConvertOptions& options);

// What a batch reports as it goes; every callback may be empty. Serialised, never two at once.
struct BatchEvents {
  // A file's one-line error: it failed, or its documents could not be stored.
  std::function<void(const std::filesystem::path& file, const std::string& error)> file_failed;
  // Each file as it finishes (in the order files finish), converted or not.
  std::function<void(const FileOutcome& outcome)> file_done;
  // Each document the batch gives the output, in input order, including those a database does
  // not keep (failed and skipped inputs).
  std::function<void(const Document& document)> document;
  // The output itself has gone (a database server stopped): said once until it comes back.
  std::function<void(const std::string& error)> output_lost;
};

struct BatchTotals {
  std::size_t converted = 0;  // files converted and written
  std::size_t failed = 0;     // missing, failed, or not stored
  std::size_t unchanged = 0;  // skipped: a database already holds them (--skip-unchanged)
  std::size_t items = 0;
  std::size_t warnings = 0;
  bool output_opened = false;  // something was written (a run that converts nothing writes nothing)
};

// Converts every input on `jobs` workers and writes the documents to `output` in input order,
// each as soon as it and those before it are done, so the batch never holds more than a few.
// A failed file becomes a document saying so (not kept by a database, so it is tried again next
// time); the files passed over are listed last. Nothing is committed unless some file
// converted. Throws OutputRefused before any work when the format cannot go to `output`.
BatchTotals convert_batch_to_output(const ExpandedInputs& inputs, const ConvertOptions& options,
                                    unsigned jobs, const Exporter& exporter,
                                    const std::string& output, const BatchEvents& events = {},
                                    std::ostream& standard_output = std::cout);

}  // namespace trackport
