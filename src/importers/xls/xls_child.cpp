#include "importers/xls/xls_child.hpp"

#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

#include "io/child_process.hpp"
#include "io/input.hpp"

namespace trackport {

namespace {

// The child's answer through the pipe: 'E' and a message, or 'W', the workbook and a closing
// 'Z' (so an answer cut short can never pass for a whole one). Numbers are 32-bit in the
// machine's own byte order: both ends are the same program.
class AnswerWriter {
 public:
  void mark(char kind) { bytes_.push_back(kind); }
  void number(std::size_t value) {
    auto narrow = static_cast<std::uint32_t>(value);
    char raw[sizeof narrow];
    std::memcpy(raw, &narrow, sizeof narrow);
    bytes_.append(raw, sizeof raw);
  }
  void text(std::string_view text) {
    number(text.size());
    bytes_.append(text);
  }
  void colour(const std::optional<Rgb>& colour) {
    number(colour ? (1u << 24 | colour->r << 16 | colour->g << 8 | colour->b) : 0);
  }
  void numbers(const std::vector<int>& values) {
    number(values.size());
    for (int value : values) number(static_cast<std::size_t>(value));
  }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

InputError cut_short() {
  return InputError("damaged .xls workbook (its reader stopped half-way)");
}

class AnswerReader {
 public:
  explicit AnswerReader(std::string_view bytes) : bytes_(bytes) {}
  char mark() { return take(1)[0]; }
  std::uint32_t number() {
    std::uint32_t value = 0;
    std::memcpy(&value, take(sizeof value).data(), sizeof value);
    return value;
  }
  int integer() { return static_cast<int>(number()); }
  std::string text() { return std::string(take(number())); }
  std::optional<Rgb> colour() {
    std::uint32_t value = number();
    if (!(value >> 24)) return std::nullopt;
    return Rgb{static_cast<std::uint8_t>(value >> 16), static_cast<std::uint8_t>(value >> 8),
               static_cast<std::uint8_t>(value)};
  }
  std::vector<int> numbers() {
    std::vector<int> values;
    for (std::uint32_t count = number(); count > 0; --count) values.push_back(integer());
    return values;
  }
  bool at_end() const { return position_ == bytes_.size(); }

 private:
  std::string_view take(std::size_t size) {
    if (size > bytes_.size() - position_) throw cut_short();
    auto part = bytes_.substr(position_, size);
    position_ += size;
    return part;
  }

  std::string_view bytes_;
  std::size_t position_ = 0;
};

void encode_sheet(const XlsSheet& sheet, AnswerWriter& out) {
  out.text(sheet.name);
  out.number(static_cast<std::size_t>(sheet.state));
  out.number(sheet.rows.size());
  for (const SheetRow& row : sheet.rows) {
    out.number(static_cast<std::size_t>(row.number));
    out.number(row.cells.size());
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      out.number(static_cast<std::size_t>(row.columns[i]));
      out.text(row.cells[i].text);
      out.colour(row.cells[i].fill);
      out.colour(row.cells[i].font);
    }
  }
  out.numbers(sheet.hidden_rows);
  out.number(sheet.merges.size());
  for (const SheetMerge& merge : sheet.merges) {
    out.numbers({merge.first_row, merge.first_column, merge.last_row, merge.last_column});
  }
  out.numbers(sheet.hidden_rows_with_text);
  out.numbers(sheet.hidden_columns_with_text);
}

std::string encode_workbook(const XlsWorkbook& book) {
  AnswerWriter out;
  out.mark('W');
  out.number(static_cast<std::size_t>(book.biff_version));
  out.number(book.sheets.size());
  for (const XlsSheet& sheet : book.sheets) encode_sheet(sheet, out);
  out.mark('Z');
  return std::move(out.bytes());
}

std::string encode_error(std::string_view message) {
  AnswerWriter out;
  out.mark('E');
  out.text(message);
  return std::move(out.bytes());
}

SheetRow decode_row(AnswerReader& in) {
  SheetRow row;
  row.number = in.integer();
  for (std::uint32_t count = in.number(); count > 0; --count) {
    row.columns.push_back(in.integer());
    Cell& cell = row.cells.emplace_back();
    cell.text = in.text();
    cell.fill = in.colour();
    cell.font = in.colour();
  }
  return row;
}

XlsSheet decode_sheet(AnswerReader& in) {
  XlsSheet sheet;
  sheet.name = in.text();
  sheet.state = static_cast<XlsSheetState>(std::min<std::uint32_t>(in.number(), 2));
  // Counts are not trusted for reserving: each entry read checks that its bytes are there.
  for (std::uint32_t rows = in.number(); rows > 0; --rows) sheet.rows.push_back(decode_row(in));
  sheet.hidden_rows = in.numbers();
  for (std::uint32_t merges = in.number(); merges > 0; --merges) {
    std::vector<int> corners = in.numbers();
    if (corners.size() != 4) throw cut_short();
    sheet.merges.push_back({corners[0], corners[1], corners[2], corners[3]});
  }
  sheet.hidden_rows_with_text = in.numbers();
  sheet.hidden_columns_with_text = in.numbers();
  return sheet;
}

XlsWorkbook decode_answer(std::string_view bytes) {
  AnswerReader in(bytes);
  char kind = in.mark();
  if (kind == 'E') throw InputError(in.text());
  if (kind != 'W') throw cut_short();
  XlsWorkbook book;
  book.biff_version = in.integer();
  for (std::uint32_t count = in.number(); count > 0; --count) {
    book.sheets.push_back(decode_sheet(in));
  }
  if (in.mark() != 'Z' || !in.at_end()) throw cut_short();
  return book;
}

}  // namespace

XlsWorkbook read_xls_workbook_in_child(std::string_view file, std::size_t max_cells,
                                       std::chrono::milliseconds time_limit) {
  auto work = [&]() -> std::string {
    try {
      return encode_workbook(read_xls_workbook(file, max_cells));
    } catch (const InputError& e) {
      return encode_error(e.what());
    } catch (const std::bad_alloc&) {
      return encode_error("not enough memory to read the .xls workbook");
    }
  };
  ChildLimits limits;
  limits.time_limit = time_limit;
  ChildOutcome outcome = run_forked(work, limits);
  if (!outcome.started) {
    throw std::runtime_error("cannot start a child process to read the .xls workbook");
  }
  if (outcome.timed_out) {
    throw InputError("gave up reading the .xls workbook after " +
                     std::to_string(time_limit.count() / 1000) + " s");
  }
  if (outcome.signal != 0) {
    throw InputError("damaged .xls workbook (its reader crashed on it: signal " +
                     std::to_string(outcome.signal) + ")");
  }
  return decode_answer(outcome.output);
}

}  // namespace trackport
