// libFuzzer target: the mapping loader, which reads YAML from anywhere (a trackport.yaml in an
// input folder), and the mapping it makes matching a header.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "mapping/mapping.hpp"
#include "support/lsan_suppressions.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string yaml(reinterpret_cast<const char*>(data), size);
  try {
    auto mapping = trackport::parse_mapping(yaml, "fuzzed.yaml");
    for (const auto& column : mapping.columns) {
      (void)trackport::any_matches(column.headers, "Progress update (Q3)");
    }
    for (const auto& pattern : mapping.drop_rows) (void)pattern.search("Total | 12 | 3");
  } catch (const std::exception&) {
    // MappingError (file, line, column and what is wrong) is the expected outcome.
  }
  return 0;
}
