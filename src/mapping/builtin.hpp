// The mappings in mappings/*.yaml, compiled into the binary (see cmake/EmbedMappings.cmake).
#pragma once

#include <vector>

namespace trackport {

struct EmbeddedMapping {
  const char* file_name;  // "sheffield-child-poverty.yaml"
  const char* text;
};

const std::vector<EmbeddedMapping>& embedded_mappings();

}  // namespace trackport
