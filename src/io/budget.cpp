#include "io/budget.hpp"

#include "io/input.hpp"

namespace trackport {

void MemoryBudget::take(std::size_t count, std::size_t each) {
  const std::size_t left = max_bytes_ - used_;
  if (each != 0 && count > left / each) {
    throw InputError("its tables would take more than " + megabytes(max_bytes_) +
                     " of memory (--table-memory)");
  }
  used_ += count * each;
}

std::string megabytes(std::size_t bytes) {
  return std::to_string((bytes + (std::size_t{1} << 20) - 1) >> 20) + " MB";
}

}  // namespace trackport
