#include "mapping/builtin.hpp"

#include <filesystem>

#include "mapping/engine.hpp"
#include "mapping/mapping.hpp"

namespace trackport {

namespace {

struct Builtins {
  std::vector<Mapping> all;  // without the generic fallback
  Mapping generic;
};

const Builtins& builtins() {
  static const Builtins loaded = [] {
    Builtins result;
    for (const auto& embedded : embedded_mappings()) {
      auto mapping = parse_mapping(embedded.text, std::string("mappings/") + embedded.file_name);
      mapping.origin = "built-in";
      if (mapping.name == "generic") {
        result.generic = std::move(mapping);
      } else {
        result.all.push_back(std::move(mapping));
      }
    }
    return result;
  }();
  return loaded;
}

}  // namespace

const std::vector<Mapping>& builtin_mappings() {
  return builtins().all;
}

const Mapping& generic_mapping() {
  return builtins().generic;
}

const Mapping* find_builtin_mapping(std::string_view name) {
  if (name == "generic") return &builtins().generic;
  for (const auto& mapping : builtins().all) {
    if (mapping.name == name) return &mapping;
  }
  return nullptr;
}

Mapping resolve_mapping(const std::string& name_or_path) {
  if (const auto* builtin = find_builtin_mapping(name_or_path)) return *builtin;
  std::error_code ec;
  if (std::filesystem::is_regular_file(name_or_path, ec)) return load_mapping_file(name_or_path);
  std::string names;
  for (const auto& mapping : builtin_mappings()) names += " " + mapping.name;
  throw MappingError("unknown mapping '" + name_or_path + "': neither a built-in mapping (generic" +
                     names + ") nor a mapping file");
}

}  // namespace trackport
