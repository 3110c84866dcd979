#include "pipeline/convert.hpp"

#include "io/input.hpp"
#include "pipeline/documents.hpp"
#include "pipeline/fork_server.hpp"
#include "pipeline/legacy_formats.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace trackport {

namespace {

// A legacy input converted by LibreOffice, then read by the importer of what it became.
void import_converted(ImportedFile& imported, const LegacyFormat& legacy,
                      const ImportOptions& options, const LibreOfficeOptions& libreoffice) {
  InputFile converted = convert_legacy_input(imported.input, legacy, libreoffice);
  const Importer* importer = importer_named(legacy.target);
  if (!importer) throw InputError("no importer reads '" + std::string(legacy.target) + "'");
  imported.format = std::string(legacy.extension);
  imported.source = importer->read(converted, options);
  Warning warning;
  warning.code = "converted-by-libreoffice";
  warning.message = "read through LibreOffice: converted from ." + std::string(legacy.extension) +
                    " to ." + std::string(legacy.target) +
                    " first, so what LibreOffice does not carry over is not read";
  warning.location.file = imported.input.path.string();
  imported.source.warnings.insert(imported.source.warnings.begin(), std::move(warning));
}

}  // namespace

ImportedFile import_file(const std::filesystem::path& path, const ImportOptions& options,
                         const LibreOfficeOptions& libreoffice) {
  ImportedFile imported;
  imported.input = read_input(path);
  if (options.format.empty()) {
    if (const LegacyFormat* legacy = legacy_format_of(imported.input)) {
      import_converted(imported, *legacy, options, libreoffice);
      return imported;
    }
  }
  const Importer& importer = choose_importer(imported.input, options.format);
  imported.format = std::string(importer.format_of(imported.input));
  imported.source = importer.read(imported.input, options);
  return imported;
}

Document assemble_document(const SourceDocument& head, const InputFile& input,
                           const std::string& format, MappingResult& mapped,
                           const ConvertOptions& options) {
  Document document;
  document.title = head.title;
  document.period = !options.period.empty() ? options.period
                    : !head.period.empty()  ? head.period
                                            : mapped.period;
  document.organisation = head.organisation;
  document.warnings = head.warnings;
  if (const auto* mapping = find_builtin_mapping(mapped.info.name);
      mapping && !mapping->organisation.empty() && document.organisation.empty()) {
    document.organisation = mapping->organisation;
  }
  if (options.mapping && !options.mapping->organisation.empty()) {
    document.organisation = options.mapping->organisation;
  }
  if (!options.organisation.empty()) document.organisation = options.organisation;
  document.source = {input.path.string(), format, input.sha256};
  document.mapping = mapped.info;
  document.items = std::move(mapped.items);
  document.indicators = std::move(mapped.indicators);
  document.risks = std::move(mapped.risks);
  document.warnings.insert(document.warnings.end(), mapped.warnings.begin(), mapped.warnings.end());
  return document;
}

namespace {

// The Document from an imported file's grid; with `consume`, the grid's rows are freed as the
// mapping engine reads them.
Document make_document(ImportedFile& imported, const ConvertOptions& options,
                       MappingResult* details, bool consume) {
  const std::string file = imported.input.path.string();
  MapOptions map_options = map_options_for(options);
  MappingResult mapped = consume
                             ? map_document_consuming(std::move(imported.source), file, map_options)
                             : map_document(imported.source, file, map_options);
  Document document =
      assemble_document(imported.source, imported.input, imported.format, mapped, options);
  if (details) {
    mapped.items.clear();
    *details = std::move(mapped);
  }
  return document;
}

}  // namespace

MapOptions map_options_for(const ConvertOptions& options) {
  MapOptions map_options;
  map_options.forced = options.mapping;
  if (options.catalogue) map_options.kept = options.catalogue->kept_pointers();
  return map_options;
}

Document build_document(const ImportedFile& imported, const ConvertOptions& options,
                        MappingResult* details) {
  // Not consuming: nothing is written through the non-const reference.
  return make_document(const_cast<ImportedFile&>(imported), options, details, false);
}

Document map_imported_file(ImportedFile&& imported, const ConvertOptions& options) {
  // The input's bytes are not needed any more; the grid is freed as it is mapped.
  std::string().swap(imported.input.bytes);
  return make_document(imported, options, nullptr, true);
}

ConvertOptions options_for(const InputJob& input, const ConvertOptions& options) {
  ConvertOptions effective = options;
  if (!input.settings) return effective;
  if (!input.settings->error.empty())
    throw InputError("its folder's settings cannot be read: " + input.settings->error);
  if (effective.organisation.empty()) effective.organisation = input.settings->organisation;
  if (effective.period.empty()) effective.period = input.settings->period;
  if (!effective.mapping && input.settings->mapping) {
    effective.mapping = &*input.settings->mapping;
  }
  return effective;
}

namespace {

std::string sha256_of_file(const std::filesystem::path& path) {
  return read_input(path).sha256;
}

}  // namespace

namespace {

// Outcomes finished out of order wait here until every one before them is handed over; a file
// is started only while the window has room for it.
class ReorderWindow {
 public:
  ReorderWindow(std::size_t count, std::size_t window,
                const std::function<void(const FileOutcome&)>& on_done,
                const std::function<void(FileOutcome&&)>& on_ordered)
      : count_(count),
        window_(std::max<std::size_t>(window, 1)),
        on_done_(on_done),
        on_ordered_(on_ordered) {}

  // The next file to convert; nullopt when there is none left or the batch was stopped.
  std::optional<std::size_t> take() {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return stopped_ || next_ >= count_ || next_ < handed_ + window_; });
    if (stopped_ || next_ >= count_) return std::nullopt;
    return next_++;
  }

  // File `index` is done. Hands over every outcome that is now next in order; only one thread
  // hands over at a time (the others leave theirs waiting and go on converting).
  void done(std::size_t index, FileOutcome&& outcome) {
    std::unique_lock lock(mutex_);
    if (on_done_) on_done_(outcome);
    waiting_.emplace(index, std::move(outcome));
    if (handing_over_) return;
    handing_over_ = true;
    for (auto first = waiting_.find(handed_); first != waiting_.end() && !stopped_;
         first = waiting_.find(handed_)) {
      FileOutcome next = std::move(first->second);
      waiting_.erase(first);
      lock.unlock();
      try {
        if (on_ordered_) on_ordered_(std::move(next));
      } catch (...) {
        lock.lock();
        failure_ = std::current_exception();
        stopped_ = true;
        break;
      }
      lock.lock();
      ++handed_;
      room_.notify_all();
    }
    handing_over_ = false;
    room_.notify_all();
  }

  void rethrow_failure() const {
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  const std::size_t count_;
  const std::size_t window_;
  const std::function<void(const FileOutcome&)>& on_done_;
  const std::function<void(FileOutcome&&)>& on_ordered_;
  std::mutex mutex_;
  std::condition_variable room_;
  std::size_t next_ = 0;    // the next file to start
  std::size_t handed_ = 0;  // files handed over so far (all those before this index)
  std::map<std::size_t, FileOutcome> waiting_;
  bool handing_over_ = false;
  bool stopped_ = false;
  std::exception_ptr failure_;
};

FileOutcome convert_one(const InputJob& input, std::size_t index, const ConvertOptions& options,
                        std::optional<ForkServer>& server) {
  FileOutcome outcome;
  outcome.path = input.path;
  // A database read as an input is no file whose bytes say whether it changed.
  const bool database = names_database(input.path.string());
  try {
    if (options.skip_sha256 && !database &&
        options.skip_sha256->count(sha256_of_file(input.path))) {
      outcome.skipped = true;
    } else if (server) {
      outcome = server->convert(index, input.path);
    } else {
      outcome.documents = convert_to_documents(input.path, options_for(input, options));
    }
  } catch (const std::bad_alloc&) {
    outcome.error = "out of memory while reading the file";
  } catch (const std::exception& e) {
    outcome.error = e.what();
  }
  // Messages name a database by its connection string without its password.
  if (database) outcome.path = shown_source(input.path.string());
  return outcome;
}

}  // namespace

void convert_files_in_order(const std::vector<InputJob>& inputs, const ConvertOptions& options,
                            unsigned jobs, const std::function<void(const FileOutcome&)>& on_done,
                            const std::function<void(FileOutcome&&)>& on_ordered,
                            std::size_t window) {
  jobs = std::max(jobs, 1u);
  // Started before any thread: its children inherit `inputs` and `options` as they are here.
  std::optional<ForkServer> server;
  unsigned threads = jobs;
  if (options.isolate) {
    // Workers inherit what the parent has loaded: a PDF's fonts and tables once, not per worker.
    if (std::any_of(inputs.begin(), inputs.end(),
                    [](const InputJob& input) { return extension_of(input.path) == "pdf"; }))
      warm_up_importers({"pdf"});
    server.emplace(
        [&](std::size_t i) {
          return convert_to_documents(inputs[i].path, options_for(inputs[i], options));
        },
        ProcessLimits{options.timeout_seconds, options.memory_limit_bytes}, jobs);
    // A thread only waits on its worker, then reads the result; with two a worker, each worker
    // holds its next file while the last one's result is read (fork_server.cpp).
    threads = 2 * jobs;
  }
  // The window holds at least a file for each thread, so none waits for room while another
  // finishes the file everything waits on.
  ReorderWindow order(inputs.size(), std::max<std::size_t>(window, threads), on_done, on_ordered);
  auto work = [&] {
    while (auto index = order.take()) {
      order.done(*index, convert_one(inputs[*index], *index, options, server));
    }
  };
  threads = std::clamp<unsigned>(threads, 1,
                                 static_cast<unsigned>(std::max<std::size_t>(inputs.size(), 1)));
  {
    std::vector<std::jthread> workers;
    for (unsigned j = 1; j < threads; ++j) workers.emplace_back(work);
    work();
  }
  order.rethrow_failure();
}

std::vector<FileOutcome> convert_files(const std::vector<InputJob>& inputs,
                                       const ConvertOptions& options, unsigned jobs,
                                       const std::function<void(const FileOutcome&)>& on_done) {
  std::vector<FileOutcome> outcomes;
  outcomes.reserve(inputs.size());
  convert_files_in_order(inputs, options, jobs, on_done, [&outcomes](FileOutcome&& outcome) {
    outcomes.push_back(std::move(outcome));
  });
  return outcomes;
}

}  // namespace trackport
