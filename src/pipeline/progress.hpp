// What the progress line of `trackport convert` says: files done in a batch, or items written
// while one big file converts (a 200,000-row workbook takes seconds, and a file counter would
// show nothing all that time). The text is made here, apart from the terminal, so it can be
// tested; the command draws it on stderr, and only when stderr is a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "exporters/exporter.hpp"

namespace trackport {

// "[12/400]   3% 0:04, 2:10 left 2.9 files/s  …ncil-a/q2.xlsx": files done of the batch, the
// time so far, the time left at the rate so far (once a file is done), the rate and the file
// last done, its path cut from the left to `name_width` characters.
std::string batch_progress_text(std::size_t done, std::size_t total, double elapsed_seconds,
                                std::string_view current, std::size_t name_width = 40);

// "plan.xlsx: 120,000 items 0:05 24,000 items/s": one file's items written so far; once they all
// are (`finishing`), "plan.xlsx: 200,000 items 0:08, writing the output" while the output is
// completed (a workbook's sheets take seconds more).
std::string item_progress_text(std::string_view file, std::size_t items, double elapsed_seconds,
                               bool finishing = false);

// Passes a document's items on to another stream, calling `report(items so far, false)` at the
// first item and then at most once an `interval` (a clock read every 256 items), and
// `report(items, true)` before the document is finished.
class ProgressStream final : public DocumentStream {
 public:
  using Clock = std::chrono::steady_clock;
  ProgressStream(DocumentStream& inner, std::function<void(std::size_t, bool)> report,
                 Clock::duration interval = std::chrono::milliseconds(250));

  void begin(const Document& so_far) override { inner_.begin(so_far); }
  void item(const Item& item) override;
  void finish(const Document& document) override;

 private:
  DocumentStream& inner_;
  std::function<void(std::size_t, bool)> report_;
  Clock::duration interval_;
  Clock::time_point last_report_;
  std::size_t items_ = 0;
};

}  // namespace trackport
