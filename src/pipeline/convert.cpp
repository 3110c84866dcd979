#include "pipeline/convert.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace trackport {

ImportedFile import_file(const std::filesystem::path& path, const ImportOptions& options) {
  ImportedFile imported;
  imported.input = read_input(path);
  const Importer& importer = choose_importer(imported.input);
  imported.format = std::string(importer.format_of(imported.input));
  imported.source = importer.read(imported.input, options);
  return imported;
}

Document build_document(const ImportedFile& imported, const ConvertOptions& options,
                        MappingResult* details) {
  const std::string file = imported.input.path.string();
  MapOptions map_options;
  map_options.forced = options.mapping;
  MappingResult mapped = map_document(imported.source, file, map_options);

  Document document;
  document.title = imported.source.title;
  document.period = imported.source.period;
  document.organisation = imported.source.organisation;
  if (const auto* mapping = find_builtin_mapping(mapped.info.name);
      mapping && !mapping->organisation.empty() && document.organisation.empty()) {
    document.organisation = mapping->organisation;
  }
  if (options.mapping && !options.mapping->organisation.empty()) {
    document.organisation = options.mapping->organisation;
  }
  if (!options.organisation.empty()) document.organisation = options.organisation;
  document.source = {file, imported.format, imported.input.sha256};
  document.mapping = mapped.info;
  document.items = std::move(mapped.items);
  document.warnings = imported.source.warnings;
  document.warnings.insert(document.warnings.end(), mapped.warnings.begin(), mapped.warnings.end());
  if (details) {
    mapped.items.clear();
    *details = std::move(mapped);
  }
  return document;
}

Document convert_file(const std::filesystem::path& path, const ConvertOptions& options) {
  return build_document(import_file(path, options.import), options);
}

std::vector<FileOutcome> convert_files(const std::vector<std::filesystem::path>& paths,
                                       const ConvertOptions& options, unsigned jobs,
                                       const std::function<void(const FileOutcome&)>& on_done) {
  std::vector<FileOutcome> outcomes(paths.size());
  std::atomic<std::size_t> next{0};
  std::mutex report;
  auto work = [&] {
    for (std::size_t i = next++; i < paths.size(); i = next++) {
      FileOutcome& outcome = outcomes[i];
      outcome.path = paths[i];
      try {
        outcome.document = convert_file(paths[i], options);
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
  jobs = std::clamp<unsigned>(jobs, 1, static_cast<unsigned>(std::max<std::size_t>(paths.size(), 1)));
  std::vector<std::jthread> workers;
  for (unsigned j = 1; j < jobs; ++j) workers.emplace_back(work);
  work();
  return outcomes;
}

bool is_supported_extension(const std::string& extension) {
  static const char* const kExtensions[] = {"xlsx", "xlsm", "ods", "docx", "html", "htm",
                                            "pdf",  "csv",  "tsv", "tab",  "txt"};
  return std::any_of(std::begin(kExtensions), std::end(kExtensions),
                     [&](const char* known) { return extension == known; });
}

std::vector<std::filesystem::path> expand_inputs(const std::vector<std::string>& arguments,
                                                 std::vector<std::string>& missing) {
  namespace fs = std::filesystem;
  std::vector<fs::path> paths;
  for (const auto& argument : arguments) {
    std::error_code ec;
    fs::path path(argument);
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> found;
      auto options = fs::directory_options::skip_permission_denied;
      for (auto it = fs::recursive_directory_iterator(path, options, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        auto name = it->path().filename().string();
        if (name.starts_with(".") || name.starts_with("~$")) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && is_supported_extension(extension_of(it->path()))) {
          found.push_back(it->path());
        }
      }
      std::sort(found.begin(), found.end());
      paths.insert(paths.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      paths.push_back(path);
    } else {
      missing.push_back(argument);
    }
  }
  return paths;
}

}  // namespace trackport
