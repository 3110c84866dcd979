// libFuzzer target: one importer's read, then the mapping engine over what it read, as a
// conversion does. TRACKPORT_FUZZ_FORMAT names the importer ("xlsx", "pdf", ...).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>

#include "importers/importer.hpp"
#include "importers/xls/xls_importer.hpp"
#include "mapping/engine.hpp"
#include "support/lsan_suppressions.hpp"

#ifndef TRACKPORT_FUZZ_FORMAT
#error "define TRACKPORT_FUZZ_FORMAT"
#endif

namespace {

const trackport::Importer& fuzzed_importer() {
  static const trackport::Importer* chosen = [] {
    for (const auto& importer : trackport::importers()) {
      if (importer->name() == std::string_view(TRACKPORT_FUZZ_FORMAT)) return importer.get();
    }
    throw std::logic_error("no importer named " TRACKPORT_FUZZ_FORMAT);
  }();
  return *chosen;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  trackport::InputFile input;
  input.path = "fuzzed." TRACKPORT_FUZZ_FORMAT;
  input.bytes.assign(reinterpret_cast<const char*>(data), size);
  trackport::ImportOptions options;
  options.max_cells = 2'000'000;  // the fuzzer's own memory cap is 2 GB
  try {
    // The .xls reader runs in a child process in trackport; here in this one, so that libFuzzer
    // sees its coverage and its crashes.
    auto document = std::string_view(TRACKPORT_FUZZ_FORMAT) == "xls"
                        ? trackport::read_xls_in_process(input, options)
                        : fuzzed_importer().read(input, options);
    auto mapped = trackport::map_document(document, input.path.string());
    (void)mapped;
  } catch (const std::exception&) {
    // An error for the user (a one-line InputError and the like) is an expected outcome;
    // a crash, a hang, a leak or undefined behaviour is what the fuzzer looks for.
  }
  return 0;
}
