// The --mapping option every converting command takes.
#pragma once

#include <optional>

#include "cli/args.hpp"
#include "mapping/mapping.hpp"
#include "pipeline/convert.hpp"

namespace trackport::cli {

// Resolves --mapping NAME|FILE into `storage` and points `options` at it; a mapping that cannot
// be found or read is a usage error naming file:line:column.
inline void apply_mapping_option(const Args& args, std::optional<Mapping>& storage,
                                 ConvertOptions& options) {
  if (!args.has("mapping")) return;
  try {
    storage = resolve_mapping(args.value("mapping"));
  } catch (const MappingError& e) {
    throw UsageError(e.what());
  }
  options.mapping = &*storage;
  options.mapping_spec = args.value("mapping");
}

}  // namespace trackport::cli
