#include "pipeline/convert.hpp"

#include "io/input.hpp"
#include "mapping/standard_workbook.hpp"
#include "pipeline/fork_server.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

namespace trackport {

ImportedFile import_file(const std::filesystem::path& path, const ImportOptions& options) {
  ImportedFile imported;
  imported.input = read_input(path);
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

std::vector<Document> convert_to_documents(const std::filesystem::path& path,
                                           const ConvertOptions& options) {
  auto imported = import_file(path, options.import);
  if (auto documents = read_standard_workbook(imported.source)) {
    if (!options.organisation.empty()) {
      for (auto& document : *documents) document.organisation = options.organisation;
    }
    return std::move(*documents);
  }
  // The input's bytes are not needed any more; the grid is freed as it is mapped.
  std::string().swap(imported.input.bytes);
  std::vector<Document> documents;
  documents.push_back(make_document(imported, options, nullptr, true));
  return documents;
}

Document convert_file(const std::filesystem::path& path, const ConvertOptions& options) {
  auto documents = convert_to_documents(path, options);
  if (documents.size() != 1) {
    throw InputError("holds " + std::to_string(documents.size()) +
                     " documents (a trackport standard workbook), not one");
  }
  return std::move(documents.front());
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

std::vector<FileOutcome> convert_files(const std::vector<InputJob>& inputs,
                                       const ConvertOptions& options, unsigned jobs,
                                       const std::function<void(const FileOutcome&)>& on_done) {
  std::vector<FileOutcome> outcomes(inputs.size());
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
  std::atomic<std::size_t> next{0};
  std::mutex report;
  auto work = [&] {
    for (std::size_t i = next++; i < inputs.size(); i = next++) {
      FileOutcome& outcome = outcomes[i];
      outcome.path = inputs[i].path;
      try {
        if (options.skip_sha256 && options.skip_sha256->count(sha256_of_file(inputs[i].path))) {
          outcome.skipped = true;
        } else if (server) {
          outcome = server->convert(i, inputs[i].path);
        } else {
          outcome.documents = convert_to_documents(inputs[i].path, options_for(inputs[i], options));
        }
      } catch (const std::bad_alloc&) {
        outcome.error = "out of memory while reading the file";
      } catch (const std::exception& e) {
        outcome.error = e.what();
      }
      if (on_done) {
        std::lock_guard lock(report);
        on_done(outcome);
      }
    }
  };
  threads = std::clamp<unsigned>(threads, 1,
                                 static_cast<unsigned>(std::max<std::size_t>(inputs.size(), 1)));
  std::vector<std::jthread> workers;
  for (unsigned j = 1; j < threads; ++j) workers.emplace_back(work);
  work();
  return outcomes;
}

}  // namespace trackport
