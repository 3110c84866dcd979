#include "pipeline/inputs.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>

#include "exporters/csv/csv_exporter.hpp"
#include "importers/importer.hpp"
#include "io/input.hpp"
#include "io/zip.hpp"
#include "model/document.hpp"
#include "pipeline/documents.hpp"
#include "pipeline/legacy_formats.hpp"

namespace trackport {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSettingsName = "trackport.yaml";

[[noreturn]] void settings_error(const fs::path& file, const YAML::Mark& mark,
                                 const std::string& what) {
  std::string where = file.string();
  if (mark.line >= 0)
    where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  throw MappingError(where + ": " + what);
}

// Settings files found so far, so each is read once however many files it covers.
// "a/b/" and "a/b" name the same folder.
fs::path normal(const fs::path& path) {
  auto result = path.lexically_normal();
  if (!result.has_filename() && result.has_parent_path()) result = result.parent_path();
  return result;
}

class SettingsCache {
 public:
  explicit SettingsCache(const MappingCatalogue* catalogue) : catalogue_(catalogue) {}

  // The nearest settings in the file's folder or above it, up to and including `root`.
  std::shared_ptr<const FolderSettings> for_file(const fs::path& file, const fs::path& root) {
    const fs::path stop = normal(root);
    for (fs::path folder = normal(file.parent_path());; folder = folder.parent_path()) {
      if (auto settings = in_folder(folder)) return settings;
      if (folder == stop || folder.empty() || folder == folder.parent_path()) return nullptr;
    }
  }

 private:
  std::shared_ptr<const FolderSettings> in_folder(const fs::path& folder) {
    auto found = cache_.find(folder);
    if (found != cache_.end()) return found->second;
    std::shared_ptr<const FolderSettings> settings;
    std::error_code ec;
    auto file = folder / kSettingsName;
    if (fs::is_regular_file(file, ec)) {
      try {
        settings = std::make_shared<FolderSettings>(read_folder_settings(file, catalogue_));
      } catch (const MappingError& e) {
        auto unreadable = std::make_shared<FolderSettings>();
        unreadable->file = file;
        unreadable->error = e.what();
        settings = std::move(unreadable);
      }
    }
    cache_.emplace(folder, settings);
    return settings;
  }

  const MappingCatalogue* catalogue_;
  std::map<fs::path, std::shared_ptr<const FolderSettings>> cache_;
};

// Why a walk does not read what it found that is neither a regular file nor a folder it walks
// into (links to folders are not followed, so a link loop cannot trap it); empty for a file.
std::string not_a_file(const fs::directory_entry& entry) {
  std::error_code ec;
  const fs::file_status status = entry.status(ec);  // through a link
  if (fs::is_regular_file(status)) return {};
  if (entry.is_symlink(ec)) {
    if (!fs::exists(status)) return "a symbolic link to nothing (or a loop of links)";
    if (fs::is_directory(status)) return "a symbolic link to a folder (not followed)";
  }
  if (fs::is_fifo(status)) return "not a regular file (a FIFO)";
  if (fs::is_socket(status)) return "not a regular file (a socket)";
  return "not a regular file (a device)";
}

// Everything under `folder` but hidden files and folders, sorted: each with why it is not read
// (not_a_file), or no reason for a regular file.
std::vector<std::pair<fs::path, std::string>> files_under(const fs::path& folder) {
  std::vector<std::pair<fs::path, std::string>> found;
  std::error_code ec;
  auto options = fs::directory_options::skip_permission_denied;
  for (auto it = fs::recursive_directory_iterator(folder, options, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().filename().string().starts_with(".")) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory(ec) && !it->is_symlink(ec)) continue;  // walked into
    found.emplace_back(it->path(), not_a_file(*it));
  }
  std::sort(found.begin(), found.end());
  return found;
}

bool passed_over(const fs::path& file) {
  const std::string extension = extension_of(file);
  return extension == "yaml" || extension == "yml";
}

// Up to `size` bytes from the start of `file` ("" when it cannot be read).
std::string head_of(const fs::path& file, std::size_t size) {
  std::ifstream in(file, std::ios::binary);
  std::string head(size, '\0');
  in.read(head.data(), static_cast<std::streamsize>(size));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return head;
}

// Why a file a folder walk found is not converted; empty when it is.
std::string reason_to_skip(const fs::path& file, const fs::path& output, bool libreoffice) {
  const std::string extension = extension_of(file);
  if (file.filename().string().starts_with("~$")) return "an Office lock file";
  if (is_legacy_extension(extension)) {
    if (libreoffice) return {};
    InputFile named;
    named.path = file;
    return needs_libreoffice_message(*legacy_format_of(named));
  }
  // trackport's own JSON and databases are inputs only when named, like its workbooks.
  if (extension == "json" || names_database(file.string()))
    return "a trackport JSON file or database, if it is one (name it to read it back in)";
  if (!is_supported_extension(extension)) {
    return extension.empty() ? "not a format trackport reads (no extension)"
                             : "not a format trackport reads (." + extension + ")";
  }
  std::error_code ec;
  if (!output.empty() && fs::equivalent(file, output, ec)) return "the output of this run";
  if (lists_extension("xlsx", extension) && is_trackport_output(file))
    return "a workbook trackport wrote (name it to read it back in)";
  if (extension == "csv" && written_by_csv_exporter(head_of(file, 4096)))
    return "a CSV file trackport wrote (name it to read it back in)";
  return {};
}

// A file's identity for spotting one listed twice: its canonical path when it has one.
fs::path identity_of(const fs::path& file) {
  std::error_code ec;
  fs::path canonical = fs::canonical(file, ec);
  return ec ? fs::absolute(file, ec).lexically_normal() : canonical;
}

}  // namespace

FolderSettings read_folder_settings(const fs::path& file, const MappingCatalogue* catalogue) {
  // A folder's settings are a few lines: a big file is no settings file, and parsing it whole
  // (a YAML nested a million deep) would cost the batch seconds and hundreds of MB.
  constexpr std::uintmax_t kMostSettingsBytes = 1 << 20;
  std::error_code size_error;
  if (const auto size = fs::file_size(file, size_error); !size_error && size > kMostSettingsBytes) {
    settings_error(file, YAML::Mark::null_mark(),
                   "is " + std::to_string(size) +
                       " bytes; a folder's settings are a few lines "
                       "(the most read is 1 MB)");
  }
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::DeepRecursion& e) {
    settings_error(file, e.mark,
                   "lists or maps nested more than " + std::to_string(e.depth() - 1) + " deep");
  } catch (const YAML::ParserException& e) {
    settings_error(file, e.mark, e.msg);
  } catch (const YAML::Exception& e) {
    settings_error(file, YAML::Mark::null_mark(), e.what());
  }
  FolderSettings settings;
  settings.file = file;
  if (!root || root.IsNull()) return settings;
  if (!root.IsMap()) settings_error(file, root.Mark(), "must map keys to values");
  std::map<std::string, int> seen;
  for (const auto& entry : root) {
    const auto key = entry.first.Scalar();
    if (++seen[key] > 1) settings_error(file, entry.first.Mark(), "duplicate key '" + key + "'");
    if (!entry.second.IsScalar())
      settings_error(file, entry.second.Mark(), key + " must be a single value");
    const auto value = entry.second.Scalar();
    if (key == "organisation") {
      settings.organisation = value;
    } else if (key == "period") {
      settings.period = value;
    } else if (key == "mapping") {
      auto relative = file.parent_path() / value;
      std::error_code ec;
      settings.mapping_spec = fs::is_regular_file(relative, ec) ? relative.string() : value;
      settings.mapping = catalogue ? catalogue->resolve(settings.mapping_spec)
                                   : resolve_mapping(settings.mapping_spec);
    } else {
      settings_error(file, entry.first.Mark(),
                     "unknown key '" + key + "' (expected organisation, period or mapping)");
    }
  }
  return settings;
}

bool is_supported_extension(const std::string& extension) {
  return is_input_extension(extension);  // the importer registry's list
}

bool is_trackport_output(const fs::path& path) {
  const auto properties = read_small_zip_entry(path.string(), "docProps/custom.xml", 1 << 16);
  return properties &&
         properties->find("name=\"" + std::string(kOutputProperty) + "\"") != std::string::npos;
}

ExpandedInputs expand_inputs(const std::vector<std::string>& arguments,
                             const MappingCatalogue* catalogue, const fs::path& output,
                             bool libreoffice) {
  ExpandedInputs expanded;
  SettingsCache settings(catalogue);
  std::map<fs::path, fs::path> listed;  // identity -> the path it was first listed as
  auto add = [&](fs::path file, const fs::path& root) {
    auto [first, fresh] = listed.emplace(identity_of(file), file);
    if (!fresh) {
      std::string reason = first->second == file ? std::string("listed twice; converted once")
                                                 : "listed twice (also as " +
                                                       first->second.string() + "); converted once";
      expanded.skipped.push_back({std::move(file), std::move(reason)});
      return;
    }
    auto applied = settings.for_file(file, root);
    expanded.jobs.push_back({std::move(file), std::move(applied)});
  };
  for (const auto& argument : arguments) {
    std::error_code ec;
    fs::path path(argument);
    if (argument == "-") {  // standard input: no folder, so no trackport.yaml
      if (listed.emplace(path, path).second) {
        expanded.jobs.push_back({path, nullptr});
      } else {
        expanded.skipped.push_back({path, "listed twice; converted once"});
      }
    } else if (names_database(argument) && !fs::exists(path, ec)) {
      // postgresql://HOST/DB, tracker.sqlite:FILE: a database's documents, as stored.
      if (listed.emplace(path, path).second) {
        expanded.jobs.push_back({path, nullptr});
      } else {
        expanded.skipped.push_back({shown_source(argument), "listed twice; converted once"});
      }
    } else if (fs::is_directory(path, ec)) {
      for (auto& [file, not_read] : files_under(path)) {
        if (!not_read.empty()) {
          expanded.skipped.push_back({std::move(file), std::move(not_read)});
          continue;
        }
        if (passed_over(file)) continue;
        if (std::string reason = reason_to_skip(file, output, libreoffice); !reason.empty()) {
          expanded.skipped.push_back({std::move(file), std::move(reason)});
        } else {
          add(std::move(file), path);
        }
      }
    } else if (fs::exists(path, ec)) {
      add(path, path.parent_path());
    } else {
      expanded.missing.push_back(argument);
    }
  }
  return expanded;
}

std::vector<std::string> read_manifest(const fs::path& manifest) {
  std::ifstream in(manifest);
  if (!in) throw std::runtime_error(manifest.string() + ": cannot read the manifest");
  std::vector<std::string> paths;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    auto start = line.find_first_not_of(' ');
    if (start == std::string::npos || line[start] == '#') continue;
    paths.push_back(line.substr(start));
  }
  return paths;
}

std::optional<Shard> parse_shard(const std::string& text) {
  auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  Shard shard;
  auto parse = [](std::string_view part, unsigned& value) {
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    return error == std::errc() && end == part.data() + part.size();
  };
  std::string_view view(text);
  if (!parse(view.substr(0, slash), shard.index) || !parse(view.substr(slash + 1), shard.count) ||
      shard.count == 0 || shard.index == 0 || shard.index > shard.count) {
    return std::nullopt;
  }
  return shard;
}

std::vector<InputJob> select_shard(std::vector<InputJob> jobs, Shard shard) {
  std::vector<InputJob> selected;
  for (std::size_t i = shard.index - 1; i < jobs.size(); i += shard.count) {
    selected.push_back(std::move(jobs[i]));
  }
  return selected;
}

}  // namespace trackport
