// How much memory what an importer builds from one file may take.
#pragma once

#include <cstddef>
#include <string>

namespace trackport {

// A budget in bytes for the cells, rows and text an importer builds from one file, checked as
// the grid grows. Counting cells alone let a small file multiply itself (a 900 KB page of
// colspan="1000" took 2.8 GB and 70 s before the cell cap; an 8 KB docx of gridSpans 634 MB):
// what such a file costs is its cells' bytes, so that is what is capped, and the file fails at
// the cap with one line.
class MemoryBudget {
 public:
  explicit MemoryBudget(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // Takes `count` things of `each` bytes (a cell: sizeof(Cell)); throws InputError when the
  // budget would be exceeded.
  void take(std::size_t count, std::size_t each);

  std::size_t used() const { return used_; }

 private:
  std::size_t max_bytes_;
  std::size_t used_ = 0;
};

// "256 MB", rounded up.
std::string megabytes(std::size_t bytes);

}  // namespace trackport
