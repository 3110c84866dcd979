// The --mapping option every converting command takes.
#pragma once

#include <optional>

#include "cli/args.hpp"
#include "mapping/mapping.hpp"
#include "pipeline/convert.hpp"

namespace trackport::cli {

// Reads the mapping folders (--mappings DIR, TRACKPORT_MAPPINGS, the XDG config folder) into
// `options`, then resolves --mapping NAME|FILE (a built-in, a kept mapping or a file) into
// `storage` and points `options` at it. A mapping that cannot be found or read is a usage error
// naming file:line:column.
inline void apply_mapping_option(const Args& args, std::optional<Mapping>& storage,
                                 ConvertOptions& options) {
  try {
    std::vector<std::string> given;
    if (args.has("mappings")) given.push_back(args.value("mappings"));
    options.catalogue = std::make_shared<const MappingCatalogue>(
        MappingCatalogue::load(MappingCatalogue::folders(given)));
    if (!args.has("mapping")) return;
    storage = options.catalogue->resolve(args.value("mapping"));
  } catch (const MappingError& e) {
    throw UsageError(e.what());
  }
  options.mapping = &*storage;
}

}  // namespace trackport::cli
