#include "exporters/workbook/workbook_reader.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "exporters/item_table.hpp"
#include "exporters/register_tables.hpp"
#include "exporters/workbook/column_names.hpp"
#include "exporters/workbook/sheet_spill.hpp"
#include "exporters/workbook/sheets.hpp"
#include "grid/sheet_parts.hpp"
#include "model/due.hpp"
#include "model/fields.hpp"
#include "model/rating.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

// The Items and Risks sheets' columns of the source file and the location (item_table.hpp).
const std::string kSource(item_table::kSourceHeader);
const std::string kLocation(item_table::kLocationHeader);

// A sheet's table with its columns found by header text.
class SheetTable {
 public:
  explicit SheetTable(const Table* table) : table_(table) {
    if (!table_ || table_->rows.empty()) return;
    for (std::size_t col = 0; col < table_->rows[0].size(); ++col) {
      columns_.emplace(table_->text_at(0, col), col);
    }
  }

  bool valid() const { return table_ != nullptr; }
  bool has(const std::string& header) const { return columns_.count(header) > 0; }
  std::size_t rows() const { return table_ ? table_->rows.size() : 0; }
  std::optional<std::size_t> column(const std::string& header) const {
    auto found = columns_.find(header);
    return found == columns_.end() ? std::nullopt : std::optional(found->second);
  }
  const std::string& at(std::size_t row, const std::string& header) const {
    static const std::string empty;
    auto col = column(header);
    return col ? table_->text_at(row, *col) : empty;
  }
  const std::string& at(std::size_t row, std::size_t col) const {
    return table_->text_at(row, col);
  }
  // A column found by columns_of(), or none: "" for every row.
  const std::string& at(std::size_t row, const std::optional<std::size_t>& col) const {
    static const std::string empty;
    return col ? table_->text_at(row, *col) : empty;
  }
  // The rightmost column of that header (a period column may repeat a fixed column's header).
  std::optional<std::size_t> last_column(const std::string& header) const {
    for (std::size_t col = width(); col-- > 0;) {
      if (table_->text_at(0, col) == header) return col;
    }
    return std::nullopt;
  }
  const std::string& header(std::size_t col) const { return table_->text_at(0, col); }
  std::size_t width() const { return table_ ? table_->column_count() : 0; }

 private:
  const Table* table_ = nullptr;
  std::map<std::string, std::size_t> columns_;
};

// The columns under the writer's headers for a sheet (its table of them: sheets.hpp,
// register_tables.hpp), in that table's order, so that neither spells them again.
template <typename Header, std::size_t N>
std::array<std::optional<std::size_t>, N> columns_of(const SheetTable& sheet,
                                                     const std::array<Header, N>& headers) {
  std::array<std::optional<std::size_t>, N> columns;
  for (std::size_t i = 0; i < N; ++i) columns[i] = sheet.column(std::string(headers[i]));
  return columns;
}

const Table* sheet(const SourceDocument& grid, const std::string& name) {
  for (const auto& table : grid.tables) {
    if (table.sheet == name) return &table;
  }
  return nullptr;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    auto end = text.find('\n', start);
    auto line = text.substr(start, end - start);
    if (!line.empty()) lines.push_back(std::move(line));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

Rating rating_of_label(const std::string& label) {
  if (label.empty()) return Rating::none;
  return parse_rating(label).value_or(Rating::none);
}

std::optional<Due> due_of(const SheetTable& items, std::size_t row) {
  const auto& raw = items.at(row, std::string(item_table::label_of("due")));
  auto start = parse_iso_date(items.at(row, std::string(item_table::kDueStartHeader)));
  auto end = parse_iso_date(items.at(row, std::string(item_table::kDueEndHeader)));
  if (raw.empty() && !start && !end) return std::nullopt;
  return Due{raw, start, end};
}

Document document_from_source_row(const SheetTable& sources, std::size_t row) {
  const auto [file, format, sha256, title, organisation, period, mapping, score, automatic_column,
              items] = columns_of(sources, workbook::kSourcesHeaders);
  Document document;
  document.source = {sources.at(row, file), sources.at(row, format), sources.at(row, sha256)};
  document.title = sources.at(row, title);
  document.organisation = sources.at(row, organisation);
  document.period = sources.at(row, period);
  document.mapping.name = sources.at(row, mapping);
  try {
    document.mapping.score = std::stod(sources.at(row, score));
  } catch (const std::exception&) {
    document.mapping.score = 0;
  }
  auto automatic = normalise_for_match(sources.at(row, automatic_column));
  document.mapping.automatic = automatic == "true" || automatic == "yes" || automatic == "1";
  return document;
}

// The headers of the Items sheet's item columns, as the writer's table spells them
// (exporters/item_table.hpp), and Location after them.
const std::vector<std::string>& item_headers() {
  static const std::vector<std::string> headers = [] {
    std::vector<std::string> made;
    for (const auto& column : item_table::fixed_columns()) made.emplace_back(column.header);
    made.emplace_back(item_table::kLocationHeader);
    return made;
  }();
  return headers;
}

bool is_item_header(const std::string& header) {
  const auto& headers = item_headers();
  return std::find(headers.begin(), headers.end(), header) != headers.end();
}

// The rating columns the Items sheet has after Comments, one per assessment `by`: up to the next
// item column (Location in older workbooks, Organisation since the workbook opens on Theme).
std::vector<std::pair<std::size_t, std::string>> assessment_columns(const SheetTable& items) {
  std::vector<std::pair<std::size_t, std::string>> columns;
  auto comments = items.column("Comments");
  if (!comments || !items.has(kLocation)) return columns;
  std::vector<std::string> headers;
  for (std::size_t col = *comments + 1; col < items.width(); ++col) {
    if (is_item_header(items.header(col))) break;
    headers.push_back(items.header(col));
  }
  const auto names = workbook::names_of_headers(headers, item_headers());
  for (std::size_t i = 0; i < names.size(); ++i) columns.emplace_back(*comments + 1 + i, names[i]);
  return columns;
}

// An Items row's fields, each from the column of its label (model/fields.hpp, the labels the
// writer's item_table heads its columns with); assessments, extra and the location are read
// apart.
Item item_from_row(const SheetTable& items, std::size_t row) {
  Item item;
  for (const ItemField& field : kItemFields) {
    const std::string label(field.label);
    switch (field.kind) {
      case ItemFieldKind::id:
      case ItemFieldKind::text:
      case ItemFieldKind::always_text:
        item.*field.text = items.at(row, label);
        break;
      case ItemFieldKind::people:
        item.*field.people = lines_of(items.at(row, label));
        break;
      case ItemFieldKind::due:
        item.due = due_of(items, row);
        break;
      case ItemFieldKind::status:
        item.status = rating_of_label(items.at(row, label));
        break;
      case ItemFieldKind::assessments:
      case ItemFieldKind::extra:
      case ItemFieldKind::source:
        break;
    }
  }
  return item;
}

using ItemIndex = std::unordered_map<std::string, std::pair<std::size_t, std::size_t>>;

std::string key_of(const std::string& file, const std::string& id) {
  return file + '\x1f' + id;
}

Item* find_item(std::vector<Document>& documents, const ItemIndex& index, const std::string& file,
                const std::string& id) {
  auto found = index.find(key_of(file, id));
  if (found == index.end()) return nullptr;
  return &documents[found->second.first].items[found->second.second];
}

void read_assessments(const SheetTable& assessments, std::vector<Document>& documents,
                      const ItemIndex& index) {
  const auto [source, id, by, rating, raw, from, commentary] =
      columns_of(assessments, workbook::kAssessmentHeaders);
  for (std::size_t row = 1; row < assessments.rows(); ++row) {
    Item* item = find_item(documents, index, assessments.at(row, source), assessments.at(row, id));
    if (!item) continue;
    Assessment assessment;
    assessment.by = assessments.at(row, by);
    assessment.rating = rating_of_label(assessments.at(row, rating));
    assessment.raw = assessments.at(row, raw);
    assessment.from =
        rating_source_from_name(assessments.at(row, from)).value_or(RatingSource::text);
    assessment.commentary = assessments.at(row, commentary);
    item->assessments.push_back(std::move(assessment));
  }
}

void read_extra(const SheetTable& extra, std::vector<Document>& documents, const ItemIndex& index) {
  const auto [source, id, header, value] = columns_of(extra, workbook::kExtraHeaders);
  for (std::size_t row = 1; row < extra.rows(); ++row) {
    Item* item = find_item(documents, index, extra.at(row, source), extra.at(row, id));
    if (item) item->extra.emplace_back(extra.at(row, header), extra.at(row, value));
  }
}

void read_warnings(const SheetTable& warnings, std::vector<Document>& documents,
                   const std::map<std::string, std::size_t>& by_file) {
  const auto [source, code, message, location] = columns_of(warnings, workbook::kWarningsHeaders);
  for (std::size_t row = 1; row < warnings.rows(); ++row) {
    auto found = by_file.find(warnings.at(row, source));
    if (found == by_file.end()) continue;
    // The workbook's own note of a long text it continued on the Continued sheet: read back
    // whole, the text needs no note (a new workbook notes it again).
    if (warnings.at(row, code) == "cell-continued") continue;
    const auto& file = found->first;
    documents[found->second].warnings.push_back(
        {warnings.at(row, code), warnings.at(row, message),
         parse_location_label(warnings.at(row, location), file)});
  }
}

using FileIndex = std::map<std::string, std::size_t>;

// The Indicators sheet (exporters/register_tables.hpp): Source, Code, Title, Area, Baseline, one
// column per target period, Location. A row without an Area is an indicator; a row with one is
// an area of the indicator of the same source, code and title nearest above it (the first such
// indicator when the sheet was sorted so that none is above; an indicator of its own when there
// is none at all).
void read_indicators(const SheetTable& sheet, std::vector<Document>& documents,
                     const FileIndex& by_file) {
  const auto baseline = sheet.column("Baseline");
  const auto location = sheet.last_column(kLocation);
  if (!baseline || !location || *location <= *baseline) return;
  std::vector<std::string> headers;
  for (std::size_t col = *baseline + 1; col < *location; ++col)
    headers.push_back(sheet.header(col));
  std::vector<std::string> fixed(register_tables::kIndicatorHeaders.begin(),
                                 register_tables::kIndicatorHeaders.end());
  fixed.emplace_back(item_table::kLocationHeader);
  const auto periods = workbook::names_of_headers(headers, fixed);
  auto targets_of = [&](std::size_t row) {
    std::vector<PeriodValue> targets;
    for (std::size_t col = *baseline + 1; col < *location; ++col) {
      const auto& value = sheet.at(row, col);
      if (!value.empty()) targets.push_back({periods[col - *baseline - 1], value});
    }
    return targets;
  };
  struct Placed {
    std::size_t row;       // in the sheet
    std::size_t document;  // index into documents
    std::size_t indicator;
  };
  // (source, code, title) -> that key's indicators, in row order.
  std::map<std::string, std::vector<Placed>> by_key;
  auto key_of_row = [&](std::size_t row) {
    return sheet.at(row, kSource) + '\x1f' + sheet.at(row, "Code") + '\x1f' +
           sheet.at(row, "Title");
  };
  auto add_indicator = [&](std::size_t row, std::size_t document, const std::string& file,
                           bool with_values) {
    Indicator indicator;
    indicator.code = sheet.at(row, "Code");
    indicator.title = sheet.at(row, "Title");
    if (with_values) {
      indicator.baseline = sheet.at(row, *baseline);
      indicator.targets = targets_of(row);
    }
    indicator.source = parse_location_label(sheet.at(row, *location), file);
    auto& indicators = documents[document].indicators;
    indicators.push_back(std::move(indicator));
    Placed placed{row, document, indicators.size() - 1};
    by_key[key_of_row(row)].push_back(placed);
    return placed;
  };
  for (std::size_t row = 1; row < sheet.rows(); ++row) {
    auto found = by_file.find(sheet.at(row, kSource));
    if (found == by_file.end() || !sheet.at(row, "Area").empty()) continue;
    add_indicator(row, found->second, found->first, true);
  }
  for (std::size_t row = 1; row < sheet.rows(); ++row) {
    auto found = by_file.find(sheet.at(row, kSource));
    const auto& area = sheet.at(row, "Area");
    if (found == by_file.end() || area.empty()) continue;
    std::optional<Placed> owner;
    if (auto same = by_key.find(key_of_row(row)); same != by_key.end()) {
      owner = same->second.front();
      for (const auto& placed : same->second) {
        if (placed.row < row) owner = placed;
      }
    }
    if (!owner) owner = add_indicator(row, found->second, found->first, false);
    documents[owner->document].indicators[owner->indicator].breakdown.push_back(
        {area, sheet.at(row, *baseline), targets_of(row)});
  }
}

// "2010/11: 54%" -> {2010/11, 54%}; a line without ": " is a value with no period.
PeriodValue period_value_of_line(const std::string& line) {
  auto colon = line.find(": ");
  if (colon == std::string::npos) return {"", line};
  return {line.substr(0, colon), line.substr(colon + 2)};
}

// Workbooks written before the period columns: Targets as "period: value" lines, Breakdown as
// "Area: baseline X; period: value; ..." lines. Read as well as that form allows.
void read_legacy_indicators(const SheetTable& sheet, std::vector<Document>& documents,
                            const FileIndex& by_file) {
  for (std::size_t row = 1; row < sheet.rows(); ++row) {
    auto found = by_file.find(sheet.at(row, kSource));
    if (found == by_file.end()) continue;
    Indicator indicator;
    indicator.code = sheet.at(row, "Code");
    indicator.title = sheet.at(row, "Title");
    indicator.baseline = sheet.at(row, "Baseline");
    for (const auto& line : lines_of(sheet.at(row, "Targets"))) {
      indicator.targets.push_back(period_value_of_line(line));
    }
    for (const auto& line : lines_of(sheet.at(row, "Breakdown"))) {
      IndicatorBreakdown area;
      auto colon = line.find(':');
      area.area = line.substr(0, colon);
      std::string rest = colon == std::string::npos ? "" : line.substr(colon + 1);
      std::size_t start = 0;
      while (start < rest.size()) {
        auto end = rest.find(';', start);
        auto part = rest.substr(start, end == std::string::npos ? end : end - start);
        if (part.starts_with(" ")) part.erase(0, 1);
        if (part.starts_with("baseline ") && area.targets.empty() && area.baseline.empty()) {
          area.baseline = part.substr(9);
        } else if (!part.empty()) {
          area.targets.push_back(period_value_of_line(part));
        }
        if (end == std::string::npos) break;
        start = end + 1;
      }
      indicator.breakdown.push_back(std::move(area));
    }
    indicator.source = parse_location_label(sheet.at(row, kLocation), found->first);
    documents[found->second].indicators.push_back(std::move(indicator));
  }
}

// The Risks sheet: one row per risk.
void read_risks(const SheetTable& sheet, std::vector<Document>& documents,
                const FileIndex& by_file) {
  for (std::size_t row = 1; row < sheet.rows(); ++row) {
    auto found = by_file.find(sheet.at(row, kSource));
    if (found == by_file.end()) continue;
    Risk risk;
    for (const auto& column : register_tables::risk_columns())
      if (column.field != nullptr) risk.*column.field = sheet.at(row, std::string(column.header));
    risk.due = due_of(sheet, row);
    risk.source =
        parse_location_label(sheet.at(row, std::string(item_table::kLocationHeader)), found->first);
    documents[found->second].risks.push_back(std::move(risk));
  }
}

// The UTF-16 units of UTF-8 text: how Excel counts a cell's characters.
std::size_t utf16_units(const std::string& text) {
  std::size_t units = 0;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) == 0x80) continue;
    units += byte >= 0xF0 ? 2 : 1;
  }
  return units;
}

// "C2" -> (row 2, column 3), both 1-based; nullopt for anything else.
std::optional<std::pair<int, int>> parse_cell_address(const std::string& address) {
  std::size_t at = 0;
  int column = 0;
  while (at < address.size() && address[at] >= 'A' && address[at] <= 'Z' && column < 20000) {
    column = column * 26 + (address[at++] - 'A' + 1);
  }
  int row = 0;
  const std::size_t digits = at;
  while (at < address.size() && address[at] >= '0' && address[at] <= '9' && row < 10000000) {
    row = row * 10 + (address[at++] - '0');
  }
  if (column == 0 || at == digits || at != address.size() || row == 0) return std::nullopt;
  return std::pair{row, column};
}

// The grid position of a sheet's 1-based row and column.
std::optional<std::pair<std::size_t, std::size_t>> grid_position(const Table& table, int row,
                                                                 int column) {
  std::optional<std::size_t> grid_row;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const int number =
        r < table.row_origins.size() ? table.row_origins[r].number : static_cast<int>(r) + 1;
    if (number == row) grid_row = r;
  }
  std::optional<std::size_t> grid_column;
  for (std::size_t c = 0; c < table.column_count(); ++c) {
    const int number =
        c < table.column_numbers.size() ? table.column_numbers[c] : static_cast<int>(c) + 1;
    if (number == column) grid_column = c;
  }
  if (!grid_row || !grid_column || *grid_column >= table.rows[*grid_row].size())
    return std::nullopt;
  return std::pair{*grid_row, *grid_column};
}

// A value too long for an Excel cell fills its cell and goes on in rows of the Continued sheet
// (Source, Sheet, Cell, Part, Text): the grid with each such cell's text whole again. A part whose
// cell no longer holds a full cell's text (the sheet was sorted or edited) is not joined to it;
// a warning says so (in `unjoined`, by source file).
SourceDocument joined_continuations(const SourceDocument& grid, const SheetTable& continued,
                                    std::vector<std::pair<std::string, Warning>>& unjoined) {
  // A full cell, cut where it was (a little before Excel's limit, between two letters).
  constexpr std::size_t kFullCell = 32767 - 2000;
  struct Part {
    long number = 0;
    std::string text;
  };
  std::map<std::pair<std::string, std::string>, std::vector<Part>> parts;  // (sheet, cell)
  std::map<std::pair<std::string, std::string>, std::string> sources;
  const auto [source_column, sheet_column, cell_column, part_column, text_column] =
      columns_of(continued, workbook::kContinuedHeaders);
  for (std::size_t row = 1; row < continued.rows(); ++row) {
    const auto key = std::pair{continued.at(row, sheet_column), continued.at(row, cell_column)};
    long number = 0;
    try {
      number = std::stol(continued.at(row, part_column));
    } catch (const std::exception&) {
      number = 0;
    }
    parts[key].push_back({number, continued.at(row, text_column)});
    sources.emplace(key, continued.at(row, source_column));
  }
  SourceDocument joined = grid;
  for (auto& [key, list] : parts) {
    std::stable_sort(list.begin(), list.end(),
                     [](const Part& a, const Part& b) { return a.number < b.number; });
    const auto& [sheet_name, address] = key;
    Table* table = nullptr;
    for (auto& candidate : joined.tables) {
      if (candidate.sheet == sheet_name) table = &candidate;
    }
    const auto cell = parse_cell_address(address);
    const auto position =
        table && cell ? grid_position(*table, cell->first, cell->second) : std::nullopt;
    std::string* text = position ? &table->rows[position->first][position->second].text : nullptr;
    if (text == nullptr || utf16_units(*text) < kFullCell) {
      Warning warning;
      warning.code = "cell-continued";
      warning.message = "The Continued sheet goes on from cell " + address + " of the " +
                        sheet_name +
                        " sheet, which no longer holds the start of a long text (the sheet was "
                        "sorted or edited): its rest is not joined to the cell.";
      warning.location.file = sources[key];
      warning.location.sheet = workbook::kContinuedSheet;
      unjoined.emplace_back(sources[key], std::move(warning));
      continue;
    }
    for (const auto& part : list) *text += part.text;
  }
  return joined;
}

}  // namespace

Location parse_location_label(const std::string& label, const std::string& file) {
  Location location;
  std::string rest = label;
  // What follows the file in a label: a sheet, a table, a row or a page.
  auto marker_at = [](const std::string& text, std::size_t from) {
    std::size_t first = std::string::npos;
    for (const char* marker : {"!", " table ", " row ", " p. "}) {
      first = std::min(first, text.find(marker, from));
    }
    return first;
  };
  if (!file.empty() && rest.starts_with(file) &&
      (rest.size() == file.size() || marker_at(rest, file.size()) == file.size())) {
    location.file = file;
    rest.erase(0, file.size());
  } else if (rest.starts_with("table ") || rest.starts_with("row ") || rest.starts_with("p. ")) {
    rest.insert(0, 1, ' ');  // a location without a file
  } else if (auto marker = marker_at(rest, 0); marker == std::string::npos) {
    location.file = rest;
    return location;
  } else {
    // Another file than the document's (a location the document borrowed).
    location.file = rest.substr(0, marker);
    rest.erase(0, marker);
  }
  if (rest.starts_with("!")) {
    auto last = rest.rfind('!');
    if (last > 0) {
      location.sheet = rest.substr(1, last - 1);
      location.cells = rest.substr(last + 1);
    } else {
      location.sheet = rest.substr(1);
    }
    return location;
  }
  auto number_after = [&](const std::string& word) {
    auto at = rest.find(word);
    if (at == std::string::npos) return 0;
    try {
      return std::stoi(rest.substr(at + word.size()));
    } catch (const std::exception&) {
      return 0;
    }
  };
  location.table = number_after(" table ");
  location.row = number_after(" row ");
  auto page = rest.find(" p. ");
  if (page != std::string::npos) location.page = rest.substr(page + 4);
  return location;
}

bool is_standard_workbook_sheet(std::string_view sheet_name) {
  return sheet_name == workbook::kItemsSheet || sheet_name == workbook::kSourcesSheet;
}

namespace {

std::optional<std::vector<Document>> read_joined_workbook(
    const SourceDocument& grid, const std::vector<std::pair<std::string, Warning>>& unjoined) {
  SheetTable items(sheet(grid, workbook::kItemsSheet));
  SheetTable sources(sheet(grid, workbook::kSourcesSheet));
  if (!items.valid() || !sources.valid()) return std::nullopt;
  for (const std::string_view header :
       {item_table::kSourceHeader, item_table::label_of("id"), item_table::label_of("text"),
        item_table::label_of("status"), item_table::kLocationHeader}) {
    if (!items.has(std::string(header))) return std::nullopt;
  }
  // File, Format and SHA-256: a document's source.
  for (std::size_t i = 0; i < 3; ++i) {
    if (!sources.has(workbook::kSourcesHeaders[i])) return std::nullopt;
  }

  std::vector<Document> documents;
  std::map<std::string, std::size_t> by_file;
  for (std::size_t row = 1; row < sources.rows(); ++row) {
    documents.push_back(document_from_source_row(sources, row));
    by_file.emplace(documents.back().source.file, documents.size() - 1);
  }

  SheetTable assessments(sheet(grid, workbook::kAssessmentsSheet));
  const auto rating_columns = assessment_columns(items);
  ItemIndex index;
  for (std::size_t row = 1; row < items.rows(); ++row) {
    auto found = by_file.find(items.at(row, "Source"));
    if (found == by_file.end()) continue;
    Document& document = documents[found->second];
    Item item = item_from_row(items, row);
    item.source = parse_location_label(items.at(row, "Location"), found->first);
    if (!assessments.valid()) {
      for (const auto& [col, by] : rating_columns) {
        const auto& label = items.at(row, col);
        if (!label.empty())
          item.assessments.push_back({by, rating_of_label(label), label, RatingSource::text, ""});
      }
    }
    index.emplace(key_of(found->first, item.id), std::pair{found->second, document.items.size()});
    document.items.push_back(std::move(item));
  }
  if (assessments.valid()) read_assessments(assessments, documents, index);
  SheetTable extra(sheet(grid, workbook::kExtraSheet));
  if (extra.valid()) read_extra(extra, documents, index);
  SheetTable warnings(sheet(grid, workbook::kWarningsSheet));
  if (warnings.valid()) read_warnings(warnings, documents, by_file);
  SheetTable indicators(sheet(grid, workbook::kIndicatorsSheet));
  if (indicators.valid()) {
    if (indicators.has("Targets") && !indicators.has("Area")) {
      read_legacy_indicators(indicators, documents, by_file);
    } else {
      read_indicators(indicators, documents, by_file);
    }
  }
  SheetTable risks(sheet(grid, workbook::kRisksSheet));
  if (risks.valid()) read_risks(risks, documents, by_file);
  for (const auto& [file, warning] : unjoined) {
    auto found = by_file.find(file);
    if (found != by_file.end()) documents[found->second].warnings.push_back(warning);
  }
  return documents;
}

}  // namespace

std::optional<std::vector<Document>> read_standard_workbook(const SourceDocument& grid) {
  // First the values too long for a cell, joined to the rest of them in the Continued sheet
  // (which names the sheet part and cell each continues), then the parts of the sheets past
  // Excel's rows ("Items (2)" ...) made one table again.
  std::vector<std::pair<std::string, Warning>> unjoined;
  std::optional<SourceDocument> joined;
  SheetTable continued(sheet(grid, workbook::kContinuedSheet));
  if (continued.valid() && continued.rows() >= 2 && continued.has("Cell") && continued.has("Text"))
    joined = joined_continuations(grid, continued, unjoined);
  if (has_sheet_parts(grid.tables)) {
    if (!joined) joined = grid;
    join_sheet_parts(joined->tables);
  }
  return read_joined_workbook(joined ? *joined : grid, unjoined);
}

}  // namespace trackport
