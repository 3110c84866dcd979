// Converting a file in a child process, with a time limit and a memory cap, so that one hostile
// file (a PDF that makes the parser loop, a bomb that eats memory) cannot stall or kill a batch.
#pragma once

#include <cstddef>
#include <string>

#include "pipeline/convert.hpp"

namespace trackport {

struct ChildLimits {
  double timeout_seconds = 0;    // 0: none
  std::size_t memory_bytes = 0;  // address-space cap; 0: none
};

// What the child needs to convert like the parent would: the mapping and organisation given
// explicitly, as on a command line.
struct ChildSettings {
  std::string mapping_spec;  // built-in name or file; empty: choose per table
  std::string organisation;
  std::vector<std::string> mapping_folders;  // --mappings
  std::string period;
};

// Runs `trackport convert FILE -o - --format jsonl` as a child of this process (the same
// executable), reads the Document back, and turns a timeout, a crash or an exhausted memory cap
// into an error line. Thread-safe: the batch runs one child per job slot.
FileOutcome convert_in_child(const std::filesystem::path& file, const ChildSettings& settings,
                             const ChildLimits& limits);

}  // namespace trackport
