#include "pipeline/progress.hpp"

#include <cstdio>

namespace trackport {
namespace {

// 24000 -> "24,000".
std::string with_thousands(std::size_t number) {
  std::string digits = std::to_string(number);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}

// "m:ss".
std::string minutes_seconds(double seconds) {
  const auto whole = static_cast<long>(seconds);
  char text[32];
  std::snprintf(text, sizeof text, "%ld:%02ld", whole / 60, whole % 60);
  return text;
}

// The last `width` characters of a path (counted in bytes; UTF-8 is not cut mid-character),
// led by "…" when cut.
std::string tail_of(std::string_view name, std::size_t width) {
  if (name.size() <= width || width < 2) return std::string(name);
  std::size_t start = name.size() - (width - 1);
  while (start < name.size() && (static_cast<unsigned char>(name[start]) & 0xC0) == 0x80) ++start;
  return "…" + std::string(name.substr(start));
}

}  // namespace

std::string batch_progress_text(std::size_t done, std::size_t total, double elapsed_seconds,
                                std::string_view current, std::size_t name_width) {
  const double rate = elapsed_seconds > 0 ? static_cast<double>(done) / elapsed_seconds : 0.0;
  // The time left at the rate so far (shown once a file is done, so the rate means something).
  std::string left;
  if (done > 0 && rate > 0 && done < total)
    left = ", " + minutes_seconds(static_cast<double>(total - done) / rate) + " left";
  char head[160];
  std::snprintf(head, sizeof head, "[%zu/%zu] %3zu%% %s%s %.1f files/s  ", done, total,
                total ? done * 100 / total : 100, minutes_seconds(elapsed_seconds).c_str(),
                left.c_str(), rate);
  return head + tail_of(current, name_width);
}

std::string item_progress_text(std::string_view file, std::size_t items, double elapsed_seconds,
                               bool finishing) {
  std::string text = tail_of(file, 40) + ": " + with_thousands(items) + " items " +
                     minutes_seconds(elapsed_seconds);
  if (finishing) {
    text += ", writing the output";
  } else if (elapsed_seconds > 0) {
    text += " " +
            with_thousands(static_cast<std::size_t>(static_cast<double>(items) / elapsed_seconds)) +
            " items/s";
  }
  return text;
}

ProgressStream::ProgressStream(DocumentStream& inner, std::function<void(std::size_t, bool)> report,
                               Clock::duration interval)
    : inner_(inner), report_(std::move(report)), interval_(interval) {}

void ProgressStream::item(const Item& item) {
  inner_.item(item);
  ++items_;
  constexpr std::size_t kItemsBetweenClockReads = 256;
  if (items_ == 1) {
    last_report_ = Clock::now();
    report_(items_, false);
  } else if (items_ % kItemsBetweenClockReads == 0) {
    const auto now = Clock::now();
    if (now - last_report_ >= interval_) {
      last_report_ = now;
      report_(items_, false);
    }
  }
}

void ProgressStream::finish(const Document& document) {
  report_(items_, true);
  inner_.finish(document);
}

}  // namespace trackport
