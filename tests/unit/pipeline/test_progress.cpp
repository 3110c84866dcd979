// The progress line's text (pipeline/progress.hpp) and when a streamed file reports its items.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "pipeline/progress.hpp"

using namespace trackport;

namespace {

// Counts what reaches it.
class CountingStream final : public DocumentStream {
 public:
  void item(const Item&) override { ++items; }
  void finish(const Document&) override { finished = true; }
  std::size_t items = 0;
  bool finished = false;
};

}  // namespace

TEST_CASE("progress: a batch's line counts files, the time so far and the time left") {
  CHECK(batch_progress_text(0, 400, 0.5, "") == "[0/400]   0% 0:00 0.0 files/s  ");
  // 100 files in 50 s: 2 a second, so 300 more take 150 s.
  CHECK(batch_progress_text(100, 400, 50, "council-a/q2.xlsx") ==
        "[100/400]  25% 0:50, 2:30 left 2.0 files/s  council-a/q2.xlsx");
  // Nothing left to wait for once every file is done.
  CHECK(batch_progress_text(4, 4, 2, "d.csv") == "[4/4] 100% 0:02 2.0 files/s  d.csv");
  // A long path keeps its end, led by an ellipsis, in `name_width` characters.
  CHECK(batch_progress_text(1, 2, 1, "a-very-long-folder-name/plan.xlsx", 12) ==
        "[1/2]  50% 0:01, 0:01 left 1.0 files/s  …e/plan.xlsx");
}

TEST_CASE("progress: one file's line counts its items, then says the output is being written") {
  CHECK(item_progress_text("big.xlsx", 120000, 5) == "big.xlsx: 120,000 items 0:05 24,000 items/s");
  CHECK(item_progress_text("big.xlsx", 1, 0) == "big.xlsx: 1 items 0:00");
  CHECK(item_progress_text("big.xlsx", 200000, 68, true) ==
        "big.xlsx: 200,000 items 1:08, writing the output");
}

TEST_CASE("progress: a streamed document reports its first item, then at most once an interval") {
  CountingStream inner;
  std::vector<std::pair<std::size_t, bool>> reports;
  // An interval no test run reaches: only the first item and the finish report.
  ProgressStream stream(
      inner, [&](std::size_t items, bool finishing) { reports.emplace_back(items, finishing); },
      std::chrono::hours(1));
  Item item;
  for (int i = 0; i < 10000; ++i) stream.item(item);
  stream.finish(Document{});
  CHECK(inner.items == 10000);
  CHECK(inner.finished);
  REQUIRE(reports.size() == 2);
  CHECK(reports[0] == std::pair<std::size_t, bool>{1, false});
  CHECK(reports[1] == std::pair<std::size_t, bool>{10000, true});

  // With no wait between reports, one every 256 items (where the clock is read).
  CountingStream busy;
  std::size_t count = 0;
  ProgressStream eager(
      busy, [&](std::size_t, bool) { ++count; }, std::chrono::nanoseconds(0));
  for (int i = 0; i < 1024; ++i) eager.item(item);
  CHECK(count == 1 + 4);
}
