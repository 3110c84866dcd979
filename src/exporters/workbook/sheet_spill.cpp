// The spilled rows of a sheet: a buffered temporary file of tagged records, read back in order.
#include "exporters/workbook/sheet_spill.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <stdexcept>

namespace trackport::workbook {
namespace {

constexpr std::size_t kBufferSize = std::size_t{1} << 20;

// Record tags.
constexpr char kRow = 'r';
constexpr char kText = 't';
constexpr char kNumber = 'n';
constexpr char kDate = 'd';
constexpr char kPrintedNumber = 'p';
constexpr char kBoolean = 'b';
constexpr char kField = 'f';
constexpr char kLink = 'l';
constexpr char kAddress = 'a';
constexpr char kPartName = 's';

[[noreturn]] void fail_temporary(const char* what) {
  throw std::runtime_error(std::string(what) +
                           " a temporary file of the workbook failed: " + std::strerror(errno));
}

int open_unlinked_temporary() {
  std::string name = (std::filesystem::temp_directory_path() / "trackport-sheet-XXXXXX").string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) fail_temporary("creating");
  ::unlink(name.c_str());  // goes with the process, whatever happens
  return fd;
}

// Reads the file back from its start through a buffer.
class SpillReader {
 public:
  explicit SpillReader(int fd) : fd_(fd), buffer_(kBufferSize) {}

  bool at_end() {
    fill(1);
    return used_ == size_;
  }
  char tag() { return value<char>(); }
  template <typename T>
  T value() {
    T result;
    read(&result, sizeof result);
    return result;
  }
  void read(void* out, std::size_t size) {
    auto* bytes = static_cast<char*>(out);
    while (size > 0) {
      fill(1);
      if (used_ == size_) throw std::runtime_error("a temporary file of the workbook ended early");
      const std::size_t take = std::min(size, size_ - used_);
      std::memcpy(bytes, buffer_.data() + used_, take);
      used_ += take;
      bytes += take;
      size -= take;
    }
  }

 private:
  // Refills the buffer when fewer than `wanted` bytes are left in it.
  void fill(std::size_t wanted) {
    if (size_ - used_ >= wanted) return;
    std::memmove(buffer_.data(), buffer_.data() + used_, size_ - used_);
    size_ -= used_;
    used_ = 0;
    const ssize_t got = ::pread(fd_, buffer_.data() + size_, buffer_.size() - size_, offset_);
    if (got < 0) fail_temporary("reading");
    offset_ += got;
    size_ += static_cast<std::size_t>(got);
  }

  int fd_;
  std::vector<char> buffer_;
  std::size_t used_ = 0;
  std::size_t size_ = 0;
  off_t offset_ = 0;
};

lxw_format* format_of(const Formats& formats, CellFormat format) {
  switch (format) {
    case CellFormat::text:
      return formats.text;
    case CellFormat::wrapped:
      return formats.wrapped;
    case CellFormat::date:
      return formats.date;
    case CellFormat::score:
      return formats.score;
    case CellFormat::total:
      return formats.total;
  }
  return formats.text;
}

const std::string& field_of(const Document* document, DocumentField field) {
  static const std::string none;
  if (document == nullptr) return none;
  switch (field) {
    case DocumentField::organisation:
      return document->organisation;
  }
  return none;
}

}  // namespace

lxw_col_t planned_column(SpillColumn column, const ColumnPlan& plan) {
  if (column >= kColumnsAfterKeys)
    return static_cast<lxw_col_t>(plan.first_after_keys + (column - kColumnsAfterKeys));
  if (column >= kKeyColumns) return plan.key_columns.at(column - kKeyColumns);
  return static_cast<lxw_col_t>(column);
}

SheetSpill::SheetSpill(std::string sheet, std::function<std::string(SpillColumn)> header_of)
    : sheet_(std::move(sheet)), header_of_(std::move(header_of)), fd_(open_unlinked_temporary()) {
  buffer_.reserve(kBufferSize);
}

SheetSpill::~SheetSpill() {
  if (fd_ >= 0) ::close(fd_);
}

std::string part_sheet_name(const std::string& sheet, std::size_t part) {
  return part == 0 ? sheet : sheet + " (" + std::to_string(part + 1) + ")";
}

void SheetSpill::next_row() {
  if (rows_ >= std::numeric_limits<std::uint32_t>::max() - 1)
    throw std::runtime_error("the " + sheet_ + " sheet would need more than 4 billion rows");
  ++rows_;
  origin_ = nullptr;
  put_value(kRow);
}

void SheetSpill::text(SpillColumn column, std::string_view value, CellFormat format) {
  if (value.empty()) return;
  // A value has no more UTF-16 units than bytes: only a long one can be too long for a cell.
  if (value.size() > kMaxCellUnits) {
    std::size_t size = cell_prefix_size(value);
    if (size < value.size()) {
      if (continued_ != nullptr) size = clean_cut(value, size);
      if (header_of_) {
        CutCell cut;
        cut.sheet = sheet_;
        cut.column = header_of_(column);
        cut.length = utf8_length(value);
        cut.continued = continued_ != nullptr;
        if (origin_ != nullptr) cut.location = *origin_;
        cut_cells_.push_back(std::move(cut));
      }
      if (continued_ != nullptr) continue_rest(column, value.substr(size));
      value = value.substr(0, size);
    }
  }
  put_cell(kText, column);
  put_value(format);
  put_value(static_cast<std::uint32_t>(value.size()));
  put(value.data(), value.size());
}

// The rest of a value after its cell, in parts that fit a cell, each on a row of the Continued
// sheet that names the cell (this row, `column`).
void SheetSpill::continue_rest(SpillColumn column, std::string_view rest) {
  const Location* origin = origin_;
  for (std::uint32_t part = 2; !rest.empty(); ++part) {
    std::size_t size = cell_prefix_size(rest);
    if (size < rest.size()) size = clean_cut(rest, size);
    continued_->next_row();
    if (origin != nullptr) {
      continued_->origin(*origin);
      continued_->text(0, origin->file);
    }
    continued_->part_name(1, sheet_, static_cast<std::uint32_t>(rows_));
    continued_->cell_address(2, sheet_, static_cast<std::uint32_t>(rows_), column);
    continued_->number(3, part);
    continued_->wrapped_text(4, rest.substr(0, size));
    rest = rest.substr(size);
  }
}

void SheetSpill::number(SpillColumn column, double value, CellFormat format) {
  put_cell(kNumber, column);
  put_value(format);
  put_value(value);
}

void SheetSpill::number_or_text(SpillColumn column, std::string_view value, CellFormat format) {
  // Only a short value can be a number printed whole; most prose fails on its first character.
  constexpr std::size_t kLongestPrintedNumber = 40;
  const auto number =
      value.size() <= kLongestPrintedNumber ? read_printed_number(value) : std::nullopt;
  if (!number) {
    text(column, value, format);
    return;
  }
  if (!has_number_style_.at(number->style.code())) {
    has_number_style_[number->style.code()] = true;
    number_styles_.push_back(number->style);
  }
  put_cell(kPrintedNumber, column);
  put_value(number->value);
  put_value(number->style.code());
  put_value(static_cast<std::uint8_t>(value.size()));
}

void SheetSpill::date(SpillColumn column, std::chrono::year_month_day day) {
  put_cell(kDate, column);
  put_value(static_cast<std::int32_t>(day.year()));
  put_value(static_cast<std::uint8_t>(static_cast<unsigned>(day.month())));
  put_value(static_cast<std::uint8_t>(static_cast<unsigned>(day.day())));
}

void SheetSpill::boolean(SpillColumn column, bool value) {
  put_cell(kBoolean, column);
  put_value(static_cast<std::uint8_t>(value ? 1 : 0));
}

void SheetSpill::link(SpillColumn column, std::string_view value, const char* target,
                      std::uint32_t target_row) {
  if (value.empty()) return;
  if (value.size() > kMaxCellUnits) {  // a cell cut to fit links nowhere
    text(column, value);
    return;
  }
  put_cell(kLink, column);
  const auto target_size = static_cast<std::uint8_t>(std::strlen(target));
  put_value(target_size);
  put(target, target_size);
  put_value(target_row);
  put_value(static_cast<std::uint32_t>(value.size()));
  put(value.data(), value.size());
}

void SheetSpill::cell_address(SpillColumn column, const std::string& sheet, std::uint32_t row,
                              SpillColumn target_column) {
  put_cell(kAddress, column);
  put_value(static_cast<std::uint8_t>(sheet.size()));
  put(sheet.data(), sheet.size());
  put_value(row);
  put_value(target_column);
}

void SheetSpill::part_name(SpillColumn column, const std::string& sheet, std::uint32_t row) {
  put_cell(kPartName, column);
  put_value(static_cast<std::uint8_t>(sheet.size()));
  put(sheet.data(), sheet.size());
  put_value(row);
}

void SheetSpill::document_field(SpillColumn column, DocumentField field) {
  put_cell(kField, column);
  put_value(field);
}

CutCells SheetSpill::take_cut_cells() {
  CutCells cut = std::move(cut_cells_);
  cut_cells_.clear();
  return cut;
}

void SheetSpill::put_cell(char tag, SpillColumn column) {
  put_value(tag);
  put_value(column);
}

void SheetSpill::put(const void* bytes, std::size_t size) {
  if (buffer_.size() + size > kBufferSize) flush();
  if (size > kBufferSize) {
    // A value bigger than the buffer goes straight to the file.
    const auto* data = static_cast<const char*>(bytes);
    while (size > 0) {
      const ssize_t wrote = ::write(fd_, data, size);
      if (wrote < 0) {
        if (errno == EINTR) continue;
        fail_temporary("writing");
      }
      data += wrote;
      size -= static_cast<std::size_t>(wrote);
    }
    return;
  }
  const auto* data = static_cast<const char*>(bytes);
  buffer_.insert(buffer_.end(), data, data + size);
}

void SheetSpill::flush() {
  const char* data = buffer_.data();
  std::size_t size = buffer_.size();
  while (size > 0) {
    const ssize_t wrote = ::write(fd_, data, size);
    if (wrote < 0) {
      if (errno == EINTR) continue;
      fail_temporary("writing");
    }
    data += wrote;
    size -= static_cast<std::size_t>(wrote);
  }
  buffer_.clear();
}

void SheetSpill::write_to(const std::vector<SheetWriter*>& parts, std::size_t rows_per_sheet,
                          const ColumnPlan& plan, const Document* document,
                          const CellResolver& resolver) {
  flush();
  std::size_t part = 0;
  SheetWriter* sheet = parts.at(0);
  const Formats& formats = sheet->formats();
  SpillReader in(fd_);
  std::string text;  // NUL-terminated for libxlsxwriter; reused for every cell
  while (!in.at_end()) {
    const char tag = in.tag();
    if (tag == kRow) {
      if (sheet->row() >= rows_per_sheet) {
        if (++part >= parts.size())
          throw std::logic_error("the " + sheet_ + " sheet has more rows than its parts hold");
        sheet = parts[part];
      }
      sheet->next_row();
      continue;
    }
    const lxw_col_t column = planned_column(in.value<SpillColumn>(), plan);
    switch (tag) {
      case kText: {
        const auto format = in.value<CellFormat>();
        text.resize(in.value<std::uint32_t>());
        in.read(text.data(), text.size());
        if (format == CellFormat::wrapped) {
          sheet->wrapped_text(column, text);
        } else {
          sheet->text(column, text, format_of(formats, format));
        }
        break;
      }
      case kNumber: {
        const auto format = in.value<CellFormat>();
        sheet->number(column, in.value<double>(), format_of(formats, format));
        break;
      }
      case kPrintedNumber: {
        const auto value = in.value<double>();
        const auto style = NumberStyle::from_code(in.value<std::uint8_t>());
        sheet->printed_number(column, value, style, in.value<std::uint8_t>());
        break;
      }
      case kDate: {
        const auto year = in.value<std::int32_t>();
        const auto month = in.value<std::uint8_t>();
        const auto day = in.value<std::uint8_t>();
        sheet->date(column, std::chrono::year{year} / month / day);
        break;
      }
      case kBoolean:
        sheet->boolean(column, in.value<std::uint8_t>() != 0);
        break;
      case kField:
        sheet->text(column, field_of(document, in.value<DocumentField>()));
        break;
      case kAddress: {
        std::string target(in.value<std::uint8_t>(), '\0');
        in.read(target.data(), target.size());
        const auto row = in.value<std::uint32_t>();
        const auto target_column = in.value<SpillColumn>();
        char address[LXW_MAX_CELL_NAME_LENGTH];
        lxw_rowcol_to_cell(address, resolver.part(target, row).row,
                           resolver.column(target, target_column));
        sheet->text(column, address);
        break;
      }
      case kPartName: {
        std::string target(in.value<std::uint8_t>(), '\0');
        in.read(target.data(), target.size());
        sheet->text(column, resolver.part(target, in.value<std::uint32_t>()).sheet);
        break;
      }
      case kLink: {
        std::string target(in.value<std::uint8_t>(), '\0');
        in.read(target.data(), target.size());
        const auto target_row = in.value<std::uint32_t>();
        text.resize(in.value<std::uint32_t>());
        in.read(text.data(), text.size());
        sheet->link(column, text, target, target_row);
        break;
      }
      default:
        throw std::runtime_error("a temporary file of the workbook is damaged");
    }
  }
}

}  // namespace trackport::workbook
