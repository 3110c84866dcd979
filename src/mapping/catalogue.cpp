#include "mapping/catalogue.hpp"

#include <algorithm>
#include <cstdlib>
#include <system_error>

namespace trackport {

namespace fs = std::filesystem;

namespace {

bool is_mapping_file(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

void add_folder(std::vector<fs::path>& folders, const fs::path& folder) {
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(folder, ec);
  const fs::path& key = ec ? folder : canonical;
  if (std::find(folders.begin(), folders.end(), key) == folders.end()) folders.push_back(key);
}

}  // namespace

std::vector<fs::path> MappingCatalogue::folders(const std::vector<std::string>& given) {
  std::vector<fs::path> folders;
  for (const auto& folder : given) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
      throw MappingError(folder + ": not a folder of mappings (--mappings)");
    }
    add_folder(folders, folder);
  }
  if (const char* listed = std::getenv("TRACKPORT_MAPPINGS"); listed && *listed) {
    std::string_view rest = listed;
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      const std::string_view part = rest.substr(0, colon);
      if (!part.empty()) add_folder(folders, fs::path(part));
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  const char* config = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  if (config && *config) {
    add_folder(folders, fs::path(config) / "trackport" / "mappings");
  } else if (home && *home) {
    add_folder(folders, fs::path(home) / ".config" / "trackport" / "mappings");
  }
  return folders;
}

MappingCatalogue MappingCatalogue::load(const std::vector<fs::path>& folders) {
  MappingCatalogue catalogue;
  for (const auto& folder : folders) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) continue;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      if (entry.is_regular_file(ec) && is_mapping_file(entry.path())) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    catalogue.folders_read_.push_back(folder);
    const std::size_t earlier = catalogue.kept_.size();  // mappings of the folders before
    for (const auto& file : files) {
      Mapping mapping = load_mapping_file(file.string());
      bool shadowed = false;
      for (std::size_t i = 0; i < catalogue.kept_.size(); ++i) {
        const Mapping& known = catalogue.kept_[i];
        if (known.name != mapping.name) continue;
        if (i >= earlier) {
          throw MappingError(file.string() + ": a mapping named '" + mapping.name +
                             "' is already in " + known.origin +
                             "; give each mapping its own name");
        }
        shadowed = true;  // an earlier folder's mapping of that name wins
      }
      if (!shadowed) catalogue.kept_.push_back(std::move(mapping));
    }
  }
  return catalogue;
}

std::vector<const Mapping*> MappingCatalogue::kept_pointers() const {
  std::vector<const Mapping*> pointers;
  for (const auto& mapping : kept_) pointers.push_back(&mapping);
  return pointers;
}

Mapping MappingCatalogue::resolve(const std::string& name_or_path) const {
  if (find_builtin_mapping(name_or_path)) return resolve_mapping(name_or_path);
  for (const auto& mapping : kept_) {
    if (mapping.name == name_or_path) return mapping;
  }
  return resolve_mapping(name_or_path);
}

}  // namespace trackport
