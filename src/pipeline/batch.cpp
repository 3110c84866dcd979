#include "pipeline/batch.hpp"

#include <memory>
#include <stdexcept>
#include <vector>

#include "io/input.hpp"
#include "pipeline/output.hpp"
#include "pipeline/progress.hpp"

namespace trackport {

bool may_stream_single_file(const ExpandedInputs& inputs, const ConvertOptions& options,
                            BatchRequests requests) {
  if (inputs.jobs.size() != 1 || !inputs.missing.empty() || !inputs.skipped.empty()) return false;
  // A trackport.yaml that cannot be read is the file's one line, which the batch gives.
  const auto& settings = inputs.jobs.front().settings;
  if (settings && !settings->error.empty()) return false;
  return !requests.limits_given && !requests.documents_inspected && !options.skip_sha256;
}

void convert_single_file_in_process(ConvertOptions& options) {
  options.isolate = false;
}

namespace {

std::optional<StreamedDocument> convert_into(DocumentStream& stream, const InputJob& input,
                                             const ConvertOptions& options,
                                             const ItemProgress& progress) {
  if (!progress) return convert_streamed(input.path, options_for(input, options), stream);
  ProgressStream counted(stream, progress);
  return convert_streamed(input.path, options_for(input, options), counted);
}

}  // namespace

std::optional<StreamedDocument> stream_single_file(const Exporter& exporter, const InputJob& input,
                                                   const ConvertOptions& options,
                                                   const std::string& output,
                                                   const ItemProgress& progress,
                                                   std::ostream& standard_output) {
  if (exporter.writes_in_place()) return std::nullopt;
  if (output != "-" && is_stream_output(output)) return std::nullopt;  // the whole-file path
  if (output == "-") {
    auto stream = exporter.stream_document(standard_output, std::filesystem::temp_directory_path());
    if (!stream) return std::nullopt;
    auto streamed = convert_into(*stream, input, options, progress);
    standard_output.flush();
    return streamed;
  }
  AtomicOutput file{std::filesystem::path(output)};
  std::unique_ptr<DocumentStream> stream;
  try {
    stream = exporter.stream_document_to_file(file.temp_path());
  } catch (const std::exception&) {
    return std::nullopt;  // the whole-file path reports why the output cannot be written
  }
  if (!stream) return std::nullopt;
  std::optional<StreamedDocument> streamed;
  try {
    streamed = convert_into(*stream, input, options, progress);
  } catch (const std::exception& e) {
    // Named by the output the user gave, not the temporary file being written.
    throw std::runtime_error("writing " + output + ": " + e.what());
  }
  if (!streamed) return std::nullopt;
  stream.reset();
  file.commit();
  return streamed;
}

namespace {

// The batch's state while outcomes are handed over in input order.
class BatchWriter {
 public:
  BatchWriter(const Exporter& exporter, const std::string& output, const BatchEvents& events,
              std::ostream& standard_output)
      : out_(exporter, output, standard_output),
        to_database_(exporter.writes_in_place()),
        events_(events) {}

  void take(FileOutcome&& outcome) {
    if (outcome.skipped) {
      ++totals_.unchanged;
    } else if (!outcome.error.empty()) {
      take_failed(outcome);
    } else {
      take_converted(outcome);
    }
  }

  // Files passed over are listed in a file output (a database keeps only real imports), then
  // the output is complete. Only when some file converted: a run that converts nothing writes
  // nothing.
  void finish(const std::vector<SkippedInput>& passed_over) {
    totals_.output_opened = out_.opened();
    if (totals_.converted == 0) return;
    for (const auto& skipped : passed_over)
      write(input_document(skipped.path, "input-skipped", "not converted: " + skipped.reason),
            !to_database_);
    out_.commit();
  }

  BatchTotals& totals() { return totals_; }

 private:
  // `store`: false for what a database does not keep (files it did not import).
  void write(const Document& document, bool store) {
    if (events_.document) events_.document(document);
    if (store) out_.append(document);
  }

  void write_converted(const std::vector<Document>& documents) {
    for (const auto& document : waiting_) write(document, true);
    waiting_.clear();
    for (const auto& document : documents) write(document, true);
  }

  void take_failed(const FileOutcome& outcome) {
    ++totals_.failed;
    // Files list failures in their Sources and Warnings; a database keeps only real imports, so
    // a failed file is tried again next time.
    if (to_database_) return;
    // Documents that only list a failed file wait until something converts.
    if (totals_.converted > 0) {
      write(failed_document(outcome), true);
    } else {
      waiting_.push_back(failed_document(outcome));
    }
  }

  void take_converted(const FileOutcome& outcome) {
    std::size_t items = 0, warnings = 0;
    for (const auto& document : outcome.documents) {
      items += document.items.size();
      warnings += document.warnings.size();
    }
    if (to_database_) {
      try {
        write_converted(outcome.documents);
        output_lost_ = false;
      } catch (const OutputUnavailable& e) {
        // The output itself has gone (a server stopped): said once, not once a file; later
        // files try again, and each one not stored counts as failed.
        if (!output_lost_ && events_.output_lost) events_.output_lost(e.what());
        output_lost_ = true;
        ++totals_.failed;
        return;
      } catch (const std::exception& e) {
        // The database keeps the documents before this one; the file is named and counted failed.
        if (events_.file_failed) events_.file_failed(outcome.path, e.what());
        ++totals_.failed;
        return;
      }
    } else {
      write_converted(outcome.documents);
    }
    totals_.items += items;
    totals_.warnings += warnings;
    ++totals_.converted;
  }

  BatchOutput out_;
  const bool to_database_;
  const BatchEvents& events_;
  BatchTotals totals_;
  std::vector<Document> waiting_;
  bool output_lost_ = false;
};

}  // namespace

BatchTotals convert_batch_to_output(const ExpandedInputs& inputs, const ConvertOptions& options,
                                    unsigned jobs, const Exporter& exporter,
                                    const std::string& output, const BatchEvents& events,
                                    std::ostream& standard_output) {
  // Opened before any work: an output the format cannot go to, or a file that is no trackport
  // database, is refused at once.
  BatchWriter writer(exporter, output, events, standard_output);
  writer.totals().failed = inputs.missing.size();
  auto on_done = [&](const FileOutcome& outcome) {
    if (!outcome.error.empty() && events.file_failed)
      events.file_failed(outcome.path, outcome.error);
    if (events.file_done) events.file_done(outcome);
  };
  convert_files_in_order(inputs.jobs, options, jobs, on_done,
                         [&](FileOutcome&& outcome) { writer.take(std::move(outcome)); });
  writer.finish(inputs.skipped);
  return writer.totals();
}

}  // namespace trackport
