// Items (or indicators, or risks) as CSV. Rows go into a buffer written to the stream about every
// megabyte; fields are appended straight from the model's strings (item_table's CellText), quoted
// only when needed.
#include "exporters/csv/csv_exporter.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <unordered_map>

#include "exporters/item_table.hpp"
#include "exporters/register_tables.hpp"

namespace trackport {
namespace {

// Excel reads a CSV file without a byte-order mark in the system code page, which garbles every
// "•", "–" and "£" in these documents; with the BOM it reads UTF-8.
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kLineEnd = "\r\n";  // RFC 4180
constexpr std::string_view kExtraPrefix = "extra: ";
constexpr std::size_t kFlushThreshold = std::size_t{1} << 20;

// Eight bytes at once (SWAR): true when one of them is ',', '"', CR or LF.
bool needs_quotes_word(const char* bytes) {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, sizeof word);
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  auto has_byte = [word](char c) {
    const std::uint64_t v = word ^ (kOnes * static_cast<unsigned char>(c));
    return ((v - kOnes) & ~v & kHighBits) != 0;  // exact for "some byte is c"
  };
  return has_byte(',') || has_byte('"') || has_byte('\r') || has_byte('\n');
}

bool needs_quotes(std::string_view value) {
  std::size_t at = 0;
  for (; at + 8 <= value.size(); at += 8) {
    if (needs_quotes_word(value.data() + at)) return true;
  }
  for (; at < value.size(); ++at) {
    const char c = value[at];
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
  }
  return false;
}

void append_csv_field(std::string& out, std::string_view value) {
  if (!needs_quotes(value)) {
    out += value;
    return;
  }
  out += '"';
  // Copy the runs between quotes in one go, doubling each quote.
  for (std::size_t quote = value.find('"'); quote != std::string_view::npos;
       quote = value.find('"')) {
    out.append(value.data(), quote + 1);
    out += '"';
    value.remove_prefix(quote + 1);
  }
  out += value;
  out += '"';
}

// Fills rows field by field into a buffer that goes to the stream in large writes.
class CsvOutput {
 public:
  explicit CsvOutput(std::ostream& out) : out_(out) {
    buffer_.reserve(kFlushThreshold + kFlushThreshold / 4);
  }
  CsvOutput(const CsvOutput&) = delete;
  CsvOutput& operator=(const CsvOutput&) = delete;

  void raw(std::string_view text) { buffer_ += text; }

  void field(std::string_view value) {
    if (!at_row_start_) buffer_ += ',';
    at_row_start_ = false;
    append_csv_field(buffer_, value);
  }

  void empty_fields(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) field({});
  }

  void end_row() {
    buffer_ += kLineEnd;
    at_row_start_ = true;
    if (buffer_.size() >= kFlushThreshold) flush();
  }

  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

 private:
  std::ostream& out_;
  std::string buffer_;
  bool at_row_start_ = true;
};

// Distinct extra headers in first-seen order, each with its column position after the others.
struct ExtraColumns {
  std::vector<std::string> headers;
  std::unordered_map<std::string, std::size_t> index;
};

ExtraColumns extra_columns(const std::vector<Document>& documents) {
  ExtraColumns columns;
  for (const auto& document : documents) {
    for (const auto& item : document.items) {
      for (const auto& field : item.extra) {
        if (columns.index.emplace(field.first, columns.headers.size()).second) {
          columns.headers.push_back(field.first);
        }
      }
    }
  }
  return columns;
}

void write_header_row(CsvOutput& csv, const std::vector<std::string>& assessment_headers,
                      const ExtraColumns& extra) {
  for (const auto& column : item_table::fixed_columns()) csv.field(column.header);
  for (const auto& header : assessment_headers) csv.field(header);
  csv.field(item_table::kLocationHeader);
  std::string prefixed;
  for (const auto& header : extra.headers) {
    prefixed.assign(kExtraPrefix);
    prefixed += header;
    csv.field(prefixed);
  }
  csv.end_row();
}

// Reused from row to row so that a row allocates nothing once they have grown.
struct RowScratch {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> extra_order;  // (column, field index)
};

// The item's extra values in the extra columns; a header repeated within one row keeps both
// values, one a line.
void write_extra_fields(CsvOutput& csv, const Item& item, const ExtraColumns& extra,
                        RowScratch& scratch) {
  auto& order = scratch.extra_order;
  order.clear();
  for (std::size_t i = 0; i < item.extra.size(); ++i) {
    order.emplace_back(extra.index.at(item.extra[i].first), i);
  }
  std::sort(order.begin(), order.end());
  std::size_t column = 0;
  for (std::size_t next = 0; next < order.size();) {
    csv.empty_fields(order[next].first - column);
    column = order[next].first;
    std::size_t same_column = next + 1;
    while (same_column < order.size() && order[same_column].first == column) ++same_column;
    if (same_column == next + 1) {
      csv.field(item.extra[order[next].second].second);
    } else {
      scratch.text.clear();
      for (std::size_t i = next; i < same_column; ++i) {
        if (!scratch.text.empty()) scratch.text += '\n';  // an empty first value adds no line
        scratch.text += item.extra[order[i].second].second;
      }
      csv.field(scratch.text);
    }
    next = same_column;
    ++column;
  }
  csv.empty_fields(extra.headers.size() - column);
}

void write_item_row(CsvOutput& csv, const Document& document, const Item& item,
                    const std::vector<std::string>& assessment_headers, const ExtraColumns& extra,
                    RowScratch& scratch) {
  for (const auto& column : item_table::fixed_columns()) {
    csv.field(column.text(document, item, scratch.text));
  }
  for (const auto& by : assessment_headers) csv.field(item_table::assessment_label(item, by));
  scratch.text.clear();
  item_table::append_location_label(scratch.text, item.source);
  csv.field(scratch.text);
  write_extra_fields(csv, item, extra, scratch);
  csv.end_row();
}

}  // namespace

std::string csv_field(std::string_view value) {
  std::string field;
  append_csv_field(field, value);
  return field;
}

void write_items_csv(const std::vector<Document>& documents, std::ostream& out) {
  const std::vector<std::string> assessment_headers = item_table::assessment_headers(documents);
  const ExtraColumns extra = extra_columns(documents);
  CsvOutput csv(out);
  csv.raw(kUtf8Bom);
  write_header_row(csv, assessment_headers, extra);
  RowScratch scratch;
  for (const auto& document : documents) {
    for (const auto& item : document.items) {
      write_item_row(csv, document, item, assessment_headers, extra, scratch);
    }
  }
  csv.flush();
}

void write_indicators_csv(const std::vector<Document>& documents, std::ostream& out) {
  const register_tables::PeriodColumns periods(documents);
  CsvOutput csv(out);
  csv.raw(kUtf8Bom);
  for (const auto& header : register_tables::indicator_headers(periods)) csv.field(header);
  csv.end_row();
  std::string location;
  register_tables::for_each_indicator_row(documents, [&](const register_tables::IndicatorRow& row) {
    csv.field(row.document.source.file);
    csv.field(row.indicator.code);
    csv.field(row.indicator.title);
    csv.field(row.area ? std::string_view(row.area->area) : std::string_view());
    csv.field(row.baseline());
    for (const std::string* value : periods.cells(row.targets())) {
      csv.field(value ? std::string_view(*value) : std::string_view());
    }
    location.clear();
    item_table::append_location_label(location, row.indicator.source);
    csv.field(location);
    csv.end_row();
  });
  csv.flush();
}

void write_risks_csv(const std::vector<Document>& documents, std::ostream& out) {
  const auto& columns = register_tables::risk_columns();
  CsvOutput csv(out);
  csv.raw(kUtf8Bom);
  for (const auto& column : columns) csv.field(column.header);
  csv.end_row();
  std::string scratch;
  for (const auto& document : documents) {
    for (const auto& risk : document.risks) {
      for (const auto& column : columns) csv.field(column.text(document, risk, scratch));
      csv.end_row();
    }
  }
  csv.flush();
}

namespace {

constexpr std::array<std::pair<CsvTable, std::string_view>, 3> kTableNames = {{
    {CsvTable::items, "items"},
    {CsvTable::indicators, "indicators"},
    {CsvTable::risks, "risks"},
}};

}  // namespace

std::string_view csv_table_name(CsvTable table) {
  for (const auto& [value, name] : kTableNames) {
    if (value == table) return name;
  }
  return {};
}

std::optional<CsvTable> csv_table_named(std::string_view name) {
  for (const auto& [value, table_name] : kTableNames) {
    if (table_name == name) return value;
  }
  return std::nullopt;
}

void write_csv(const std::vector<Document>& documents, CsvTable table, std::ostream& out) {
  switch (table) {
    case CsvTable::items:
      write_items_csv(documents, out);
      return;
    case CsvTable::indicators:
      write_indicators_csv(documents, out);
      return;
    case CsvTable::risks:
      write_risks_csv(documents, out);
      return;
  }
}

std::vector<std::string_view> CsvExporter::tables() const {
  std::vector<std::string_view> names;
  for (const auto& entry : kTableNames) names.push_back(entry.second);
  return names;
}

std::unique_ptr<Exporter> CsvExporter::for_table(std::string_view table) const {
  auto named = csv_table_named(table);
  if (!named) return nullptr;
  return std::make_unique<CsvExporter>(*named);
}

}  // namespace trackport
