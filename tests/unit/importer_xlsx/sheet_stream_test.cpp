// SheetStreamer must hand on exactly the tables sheet_to_tables builds, or give up.
#include <catch2/catch.hpp>

#include <sstream>

#include "grid/sheet_stream.hpp"
#include "io/input.hpp"

using namespace trackport;

namespace {

SheetRow text_row(int number, std::vector<std::pair<int, std::string>> cells) {
  SheetRow row;
  row.number = number;
  for (auto& [column, text] : cells) {
    row.columns.push_back(column);
    Cell cell;
    cell.text = std::move(text);
    row.cells.push_back(std::move(cell));
  }
  return row;
}

// Everything of a table the mapping engine reads, one line.
std::string describe(const Table& table) {
  std::ostringstream out;
  out << "#" << table.index << " " << table.sheet << " headings[";
  for (const auto& heading : table.headings) out << heading << ";";
  out << "] columns[";
  for (int column : table.column_numbers) out << column << ",";
  out << "]";
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    out << " | " << table.row_origins[r].number << ":";
    for (const Cell& cell : table.rows[r]) out << cell.text << (cell.fill ? "*" : "") << ",";
  }
  return out.str();
}

// Records each table as it is when the stream ends it; checks rows only ever grow.
class Recorder final : public TableStream {
 public:
  std::vector<std::string> tables;
  std::size_t growths = 0;
  void begin_table(Table& table) override { seen_ = table.rows.size(); }
  void rows_added(Table& table) override {
    CHECK(table.rows.size() > seen_);
    seen_ = table.rows.size();
    ++growths;
  }
  void end_table(Table& table) override { tables.push_back(describe(table)); }

 private:
  std::size_t seen_ = 0;
};

struct Events {
  std::vector<SheetRow> rows;
  std::vector<int> hidden;
  std::vector<SheetMerge> merges;
};

// The same sheet both ways: whole (SheetCollector) and streamed with a small look-ahead.
std::pair<std::vector<std::string>, std::vector<std::string>> both_ways(const Events& events,
                                                                        Recorder& recorder,
                                                                        std::size_t first_rows) {
  auto feed = [&](SheetRowSink& sink) {
    sink.begin_sheet("S");
    std::size_t h = 0;
    for (const SheetRow& row : events.rows) {
      while (h < events.hidden.size() && events.hidden[h] < row.number) {
        sink.hidden_row(events.hidden[h++]);
      }
      SheetRow copy = row;
      sink.row(std::move(copy));
    }
    while (h < events.hidden.size()) sink.hidden_row(events.hidden[h++]);
    auto merges = events.merges;
    sink.end_sheet(std::move(merges), nullptr);
  };
  std::vector<Table> tables;
  std::size_t budget = 100000;
  SheetCollector collector(tables, budget);
  feed(collector);
  std::vector<std::string> whole;
  for (const Table& table : tables) whole.push_back(describe(table));
  SheetStreamer streamer(recorder, 100000, first_rows);
  feed(streamer);
  return {whole, recorder.tables};
}

Events tracker_sheet() {
  Events events;
  events.rows.push_back(text_row(1, {{1, "Delivery plan 2024"}}));  // a title: heading
  events.rows.push_back(text_row(3, {{1, "Ref"}, {2, "Action"}, {3, "Status"}}));
  for (int r = 4; r <= 40; ++r) {
    if (r == 10 || r == 11) continue;  // hidden rows inside the table
    events.rows.push_back(text_row(r, {{1, std::to_string(r)}, {2, "do " + std::to_string(r)}}));
  }
  events.rows.back().cells.back().fill = Rgb{255, 0, 0};
  events.hidden = {10, 11, 45};
  // A row of fills alone is blank; then a short second table with its own header.
  SheetRow fills;
  fills.number = 42;
  fills.columns = {3};
  fills.cells.emplace_back();
  fills.cells.back().fill = Rgb{0, 255, 0};
  events.rows.push_back(fills);
  events.rows.push_back(text_row(44, {{2, "Risk"}, {4, "Owner"}}));
  events.rows.push_back(text_row(46, {{2, "Flooding"}, {4, "Jo"}}));  // 45 is hidden: same table
  events.rows.push_back(text_row(48, {{1, "Notes"}}));                // last block: a table
  return events;
}

}  // namespace

TEST_CASE("sheet stream: the same tables as sheet_to_tables, whatever the look-ahead") {
  for (std::size_t first_rows : {std::size_t{1}, std::size_t{2}, std::size_t{5}, std::size_t{64}}) {
    Recorder recorder;
    auto [whole, streamed] = both_ways(tracker_sheet(), recorder, first_rows);
    INFO("first_rows " << first_rows);
    REQUIRE(whole.size() == 3);
    CHECK(streamed == whole);
    if (first_rows < 30) CHECK(recorder.growths > 0);
  }
  // The title became the first table's heading, the fill-only row split the tables.
  Recorder recorder;
  auto [whole, streamed] = both_ways(tracker_sheet(), recorder, 64);
  CHECK(whole[0].starts_with("#1 S headings[Delivery plan 2024;] columns[1,2,3,]"));
  CHECK(whole[1].starts_with("#2 S headings[] columns[2,4,] | 44:Risk,Owner, | 46:"));
}

TEST_CASE("sheet stream: gives up where it cannot match sheet_to_tables") {
  Recorder recorder;
  SheetStreamer streamer(recorder, 100000, 2);
  SECTION("merged cells") {
    Events events = tracker_sheet();
    events.merges.push_back({3, 1, 3, 2});
    CHECK_THROWS_AS(both_ways(events, recorder, 2), NotStreamable);
  }
  SECTION("rows out of order") {
    streamer.begin_sheet("S");
    streamer.row(text_row(5, {{1, "a"}}));
    CHECK_THROWS_AS(streamer.row(text_row(4, {{1, "b"}})), NotStreamable);
  }
  SECTION("a column that first appears after the table was handed on") {
    streamer.begin_sheet("S");
    streamer.row(text_row(1, {{1, "Ref"}, {2, "Action"}}));
    streamer.row(text_row(2, {{1, "1"}, {2, "x"}}));
    CHECK_THROWS_AS(streamer.row(text_row(3, {{1, "2"}, {5, "late"}})), NotStreamable);
  }
  SECTION("the cell limit is the same error as a whole read's") {
    SheetStreamer small(recorder, 5, 2);
    small.begin_sheet("S");
    small.row(text_row(1, {{1, "Ref"}, {2, "Action"}}));
    small.row(text_row(2, {{1, "1"}, {2, "x"}}));  // 4 cells of 5, handed on
    CHECK_THROWS_AS(small.row(text_row(3, {{1, "2"}, {2, "y"}})), InputError);
  }
}
