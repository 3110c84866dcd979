// Items (or indicators, or risks) as CSV. Rows go into a buffer written to the stream about every
// megabyte; fields are appended straight from the model's strings (item_table's CellText), quoted
// only when needed.
#include "exporters/csv/csv_exporter.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "exporters/item_table.hpp"
#include "exporters/json/json_writer.hpp"
#include "exporters/register_tables.hpp"
#include "model/fields.hpp"

namespace trackport {
namespace {

// Excel reads a CSV file without a byte-order mark in the system code page, which garbles every
// "•", "–" and "£" in these documents; with the BOM it reads UTF-8.
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kLineEnd = "\r\n";  // RFC 4180
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

// JSON text, for the cells that hold a list or a map (assessments, extra, targets): a fixed
// column whose cell a script reads with one json.loads, whatever the batch holds.
class JsonCell {
 public:
  explicit JsonCell(std::string& out) : out_(out) { out_.clear(); }
  void open(char bracket) {
    separate();
    out_ += bracket;
    first_ = true;
  }
  void close(char bracket) {
    out_ += bracket;
    first_ = false;
  }
  void key(std::string_view name) {
    string(name);
    out_ += ':';
    first_ = true;  // the value follows without a comma
  }
  void string(std::string_view text) {
    separate();
    out_ += '"';
    JsonWriter::append_escaped(out_, text);
    out_ += '"';
  }
  void member(std::string_view name, std::string_view text) {
    key(name);
    string(text);
  }

 private:
  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
};

// [{"by":...,"rating":...,"raw":...,"from":...,"commentary":...}], as in the JSON output.
const std::string& assessments_cell(const Item& item, std::string& scratch) {
  JsonCell json(scratch);
  json.open('[');
  for (const auto& assessment : item.assessments) {
    json.open('{');
    json.member("by", assessment.by);
    json.member("rating", rating_name(assessment.rating));
    json.member("raw", assessment.raw);
    json.member("from", rating_source_name(assessment.from));
    json.member("commentary", assessment.commentary);
    json.close('}');
  }
  json.close(']');
  return scratch;
}

// {"header": "value", ...}: the JSON form's `extra` (for_each_extra_member).
const std::string& extra_cell(const Item& item, std::string& scratch) {
  JsonCell json(scratch);
  json.open('{');
  for_each_extra_member(item.extra, [&json](const std::string& key, const std::string& value) {
    json.member(key, value);
  });
  json.close('}');
  return scratch;
}

// The columns after item_table's: the same for every batch.
constexpr std::string_view kTailHeaders[] = {"Period", "Title", "Assessments", "Extra", "Location"};

void write_header_row(CsvOutput& csv) {
  for (const auto& column : item_table::fixed_columns()) csv.field(column.header);
  for (const auto header : kTailHeaders) csv.field(header);
  csv.end_row();
}

void write_item_row(CsvOutput& csv, const Document& document, const Item& item,
                    std::string& scratch) {
  for (const auto& column : item_table::fixed_columns()) {
    csv.field(column.text(document, item, scratch));
  }
  csv.field(document.period);
  csv.field(document.title);
  csv.field(assessments_cell(item, scratch));
  csv.field(extra_cell(item, scratch));
  scratch.clear();
  item_table::append_location_label(scratch, item.source);
  csv.field(scratch);
  csv.end_row();
}

const std::string& targets_cell(const std::vector<PeriodValue>& targets, std::string& scratch) {
  JsonCell json(scratch);
  json.open('[');
  for (const auto& target : targets) {
    json.open('{');
    json.member("period", target.period);
    json.member("value", target.value);
    json.close('}');
  }
  json.close(']');
  return scratch;
}

}  // namespace

std::string csv_field(std::string_view value) {
  std::string field;
  append_csv_field(field, value);
  return field;
}

namespace {

constexpr std::string_view kIndicatorHeaders[] = {"Source",   "Code",    "Title",   "Area",
                                                  "Baseline", "Targets", "Location"};

// One table written document by document: the byte-order mark and the header row first, then
// each document's rows as it comes.
class CsvTableWriter final : public DocumentWriter {
 public:
  // `file`, when given, is the stream `out` and is closed by finish().
  CsvTableWriter(std::unique_ptr<std::ofstream> file, std::ostream& out, CsvTable table)
      : file_(std::move(file)), out_(out), table_(table), csv_(out) {
    csv_.raw(kUtf8Bom);
    write_header();
  }

  void append(const Document& document) override {
    switch (table_) {
      case CsvTable::items:
        for (const auto& item : document.items) write_item_row(csv_, document, item, scratch_);
        return;
      case CsvTable::indicators:
        for (const auto& indicator : document.indicators) {
          write_indicator_row({document, indicator, nullptr});
          for (const auto& area : indicator.breakdown)
            write_indicator_row({document, indicator, &area});
        }
        return;
      case CsvTable::risks:
        for (const auto& risk : document.risks) {
          for (const auto& column : register_tables::risk_columns())
            csv_.field(column.text(document, risk, scratch_));
          csv_.end_row();
        }
        return;
    }
  }

  void finish() override {
    csv_.flush();
    out_.flush();
    if (file_) file_->close();
    if (!out_ || (file_ && !*file_)) throw std::runtime_error("the write failed (disk full?)");
  }

 private:
  void write_header() {
    switch (table_) {
      case CsvTable::items:
        write_header_row(csv_);
        return;
      case CsvTable::indicators:
        for (const auto header : kIndicatorHeaders) csv_.field(header);
        break;
      case CsvTable::risks:
        for (const auto& column : register_tables::risk_columns()) csv_.field(column.header);
        break;
    }
    csv_.end_row();
  }

  void write_indicator_row(const register_tables::IndicatorRow& row) {
    csv_.field(row.document.source.file);
    csv_.field(row.indicator.code);
    csv_.field(row.indicator.title);
    csv_.field(row.area ? std::string_view(row.area->area) : std::string_view());
    csv_.field(row.baseline());
    csv_.field(targets_cell(row.targets(), scratch_));
    scratch_.clear();
    item_table::append_location_label(scratch_, row.indicator.source);
    csv_.field(scratch_);
    csv_.end_row();
  }

  std::unique_ptr<std::ofstream> file_;  // first: the output below writes into it
  std::ostream& out_;
  CsvTable table_;
  CsvOutput csv_;
  std::string scratch_;
};

void write_table(const std::vector<Document>& documents, CsvTable table, std::ostream& out) {
  CsvTableWriter writer(nullptr, out, table);
  for (const auto& document : documents) writer.append(document);
  writer.finish();
}

}  // namespace

void write_items_csv(const std::vector<Document>& documents, std::ostream& out) {
  write_table(documents, CsvTable::items, out);
}

void write_indicators_csv(const std::vector<Document>& documents, std::ostream& out) {
  write_table(documents, CsvTable::indicators, out);
}

void write_risks_csv(const std::vector<Document>& documents, std::ostream& out) {
  write_table(documents, CsvTable::risks, out);
}

std::unique_ptr<DocumentWriter> open_csv_writer(std::ostream& out, CsvTable table) {
  return std::make_unique<CsvTableWriter>(nullptr, out, table);
}

std::unique_ptr<DocumentWriter> open_csv_file_writer(const std::filesystem::path& path,
                                                     CsvTable table) {
  auto file = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!*file) throw std::runtime_error("cannot open " + path.string() + " for writing");
  std::ostream& out = *file;
  return std::make_unique<CsvTableWriter>(std::move(file), out, table);
}

namespace {

constexpr std::array<std::pair<CsvTable, std::string_view>, 3> kTableNames = {{
    {CsvTable::items, "items"},
    {CsvTable::indicators, "indicators"},
    {CsvTable::risks, "risks"},
}};

}  // namespace

bool written_by_csv_exporter(std::string_view head) {
  if (!head.starts_with(kUtf8Bom)) return false;
  head.remove_prefix(kUtf8Bom.size());
  const auto line_end = head.find(kLineEnd);
  if (line_end == std::string_view::npos) return false;
  const std::string_view header = head.substr(0, line_end);
  for (const CsvTable table : {CsvTable::items, CsvTable::indicators, CsvTable::risks}) {
    std::ostringstream out;
    write_csv({}, table, out);  // a table of no rows: the BOM and the header row
    std::string_view written = out.view();
    written.remove_prefix(kUtf8Bom.size());
    if (written.substr(0, written.find(kLineEnd)) == header) return true;
  }
  return false;
}

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
