// A window over a part that streams in (an inflating ZIP entry): the caller parses what it can,
// consumes it, and asks for more, so a big part is never whole in memory. Used by the xlsx and
// ods importers.
#pragma once

#include <cstddef>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>

namespace trackport {

// Where a part's bytes come from: fills `out` with up to `size` bytes, 0 at the end.
using ByteSource = std::function<std::size_t(char* out, std::size_t size)>;

class StreamWindow {
 public:
  explicit StreamWindow(const ByteSource& source) : source_(source) {}

  std::string_view view() const { return {data_.data() + begin_, end_ - begin_}; }
  char* data() { return data_.data() + begin_; }
  bool at_end() const { return at_end_; }
  void consume(std::size_t count) { begin_ += count; }

  // Reads about one more chunk; false at the end of the part.
  bool fill() {
    if (at_end_) return false;
    if (begin_ > 0) {
      std::memmove(data_.data(), data_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (data_.size() < end_ + kReadBytes) data_.resize(end_ + kReadBytes);
    std::size_t got = source_(data_.data() + end_, kReadBytes);
    end_ += got;
    if (got == 0) at_end_ = true;
    return got > 0;
  }

  void fill_to_end() {
    while (fill()) {
    }
  }

 private:
  static constexpr std::size_t kReadBytes = std::size_t{4} << 20;
  const ByteSource& source_;
  std::string data_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool at_end_ = false;
};

}  // namespace trackport
