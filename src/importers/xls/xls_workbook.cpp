#include "importers/xls/xls_workbook.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

#include "importers/xls/biff_records.hpp"
#include "importers/xls/xls_ole.hpp"
#include "importers/xls/xls_styles.hpp"
#include "io/input.hpp"
#include "io/ole.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

// Record types ([MS-XLS] 2.3; the BIFF2-4 forms from OpenOffice's "Excel File Format").
namespace rec {
constexpr std::uint16_t kBof8 = 0x0809, kBof4 = 0x0409, kBof3 = 0x0209, kBof2 = 0x0009;
constexpr std::uint16_t kEof = 0x000A;
constexpr std::uint16_t kFilePass = 0x002F;
constexpr std::uint16_t kCodePage = 0x0042;
constexpr std::uint16_t kDateMode = 0x0022;
constexpr std::uint16_t kBoundSheet = 0x0085, kBundleSheet4 = 0x008F;
constexpr std::uint16_t kSst = 0x00FC;
constexpr std::uint16_t kFont = 0x0031, kFont34 = 0x0231, kFontColour2 = 0x0045;
constexpr std::uint16_t kFormat = 0x041E, kFormat23 = 0x001E;
constexpr std::uint16_t kXf = 0x00E0, kXf4 = 0x0443, kXf3 = 0x0243, kXf2 = 0x0043;
constexpr std::uint16_t kPalette = 0x0092;
constexpr std::uint16_t kRow = 0x0208;
constexpr std::uint16_t kColInfo = 0x007D;
constexpr std::uint16_t kMergedCells = 0x00E5;
constexpr std::uint16_t kNumber = 0x0203, kNumber2 = 0x0003, kInteger2 = 0x0002;
constexpr std::uint16_t kRk = 0x027E, kMulRk = 0x00BD;
constexpr std::uint16_t kLabel = 0x0204, kLabel2 = 0x0004, kRString = 0x00D6, kLabelSst = 0x00FD;
constexpr std::uint16_t kBoolErr = 0x0205, kBoolErr2 = 0x0005;
constexpr std::uint16_t kBlank = 0x0201, kBlank2 = 0x0001, kMulBlank = 0x00BE;
constexpr std::uint16_t kFormula = 0x0006, kFormula3 = 0x0206, kFormula4 = 0x0406;
constexpr std::uint16_t kString = 0x0207, kString2 = 0x0007;
}  // namespace rec

constexpr std::uint16_t kGlobals = 0x0005, kWorksheet = 0x0010, kWorkbook4 = 0x0100;
constexpr int kMaxColumn = 16384;
constexpr std::size_t kMaxSheets = 65536;

bool is_bof(std::uint16_t type) {
  return type == rec::kBof8 || type == rec::kBof4 || type == rec::kBof3 || type == rec::kBof2;
}

std::string error_text(std::uint8_t code) {
  switch (code) {
    case 0x00:
      return "#NULL!";
    case 0x07:
      return "#DIV/0!";
    case 0x0F:
      return "#VALUE!";
    case 0x17:
      return "#REF!";
    case 0x1D:
      return "#NAME?";
    case 0x24:
      return "#NUM!";
    case 0x2A:
      return "#N/A";
    case 0x2B:
      return "#GETTING_DATA";
    default:
      return "#N/A";
  }
}

struct BofInfo {
  int version = 8;
  std::uint16_t substream = 0;
};

BofInfo read_bof(const biff::Record& record) {
  BofInfo info;
  info.substream = biff::u16(record.data, 2);
  switch (record.type) {
    case rec::kBof2:
      info.version = 2;
      break;
    case rec::kBof3:
      info.version = 3;
      break;
    case rec::kBof4:
      info.version = 4;
      break;
    default: {
      std::uint16_t version = biff::u16(record.data, 0);
      // 0x0600 is BIFF8; 0x0500 BIFF5 and BIFF7. A writer that leaves it out is told by size.
      info.version = version == 0x0600          ? 8
                     : version == 0x0500        ? 5
                     : record.data.size() >= 16 ? 8
                                                : 5;
    }
  }
  return info;
}

struct BoundSheet {
  std::string name;
  std::uint32_t offset = 0;
  XlsSheetState state = XlsSheetState::visible;
  bool worksheet = true;
};

struct PlacedCell {
  std::uint32_t row = 0;  // 1-based
  std::uint32_t column = 0;
  Cell cell;
};

class BiffReader {
 public:
  BiffReader(std::string_view stream, std::size_t max_cells)
      : stream_(stream), max_cells_(max_cells) {}

  XlsWorkbook read() {
    biff::RecordReader records(stream_);
    biff::Record first;
    if (!records.next(first) || !is_bof(first.type)) {
      throw InputError("damaged .xls workbook (its BIFF stream does not start with a BOF record)");
    }
    BofInfo bof = read_bof(first);
    version_ = bof.version;
    styles_.emplace(version_);
    XlsWorkbook book;
    book.biff_version = version_;
    if (bof.substream == kGlobals || bof.substream == kWorkbook4) {
      read_globals(records);
      read_sheets(records.position(), book);
    } else {
      // A file of one worksheet (Excel 2-4, and what some tools write as BIFF5): its styles are
      // in the sheet itself.
      XlsSheet sheet;
      sheet.name = "Sheet1";
      read_sheet(records, sheet);
      book.sheets.push_back(std::move(sheet));
    }
    return book;
  }

 private:
  std::string_view stream_;
  std::size_t max_cells_;
  std::size_t cells_ = 0;
  int version_ = 8;
  biff::CodePage code_page_{1252};
  bool date1904_ = false;
  std::optional<XlsStyles> styles_;
  std::vector<std::string> shared_strings_;
  std::vector<std::uint16_t> shared_string_fonts_;  // first run's font + 1; 0 when plain
  std::vector<BoundSheet> bound_sheets_;

  // ---- records every substream may hold --------------------------------------------------

  // Settings and cell formats: in the globals, and in a BIFF2-4 worksheet itself. True when the
  // record was one of them.
  bool read_setting(const biff::Record& record, biff::RecordReader& records) {
    switch (record.type) {
      case rec::kFilePass:
        throw InputError(std::string(kXlsPasswordError));
      case rec::kCodePage:
        code_page_ = biff::CodePage(biff::u16(record.data, 0));
        return true;
      case rec::kDateMode:
        date1904_ = biff::u16(record.data, 0) == 1;
        return true;
      case rec::kFont:
      case rec::kFont34:
        styles_->add_font(record.data);
        break;
      case rec::kFontColour2:
        styles_->set_last_font_colour(biff::u16(record.data, 0));
        break;
      case rec::kFormat:
      case rec::kFormat23:
        if (version_ >= 8) {
          std::vector<std::string_view> parts{record.data};
          records.take_continues(parts);
          biff::BiffData data(std::move(parts));
          styles_->add_format8(data);
        } else {
          styles_->add_format(record.data, code_page_);
        }
        break;
      case rec::kXf:
      case rec::kXf4:
      case rec::kXf3:
      case rec::kXf2:
        styles_->add_xf(record.data);
        break;
      case rec::kPalette:
        styles_->set_palette(record.data);
        break;
      default:
        return false;
    }
    return true;
  }

  // ---- workbook globals ------------------------------------------------------------------

  void read_globals(biff::RecordReader& records) {
    biff::Record record;
    while (records.next(record)) {
      if (record.type == rec::kEof) return;
      if (read_setting(record, records)) continue;
      if (record.type == rec::kBoundSheet) {
        read_bound_sheet(record.data);
      } else if (record.type == rec::kBundleSheet4) {
        read_bundle_sheet(record.data);
      } else if (record.type == rec::kSst) {
        std::vector<std::string_view> parts{record.data};
        records.take_continues(parts);
        read_shared_strings(std::move(parts));
      }
    }
    if (records.truncated()) throw truncated();
  }

  static InputError truncated() {
    return InputError("truncated or damaged .xls workbook (a BIFF record runs past its stream)");
  }

  void read_bound_sheet(std::string_view data) {
    if (bound_sheets_.size() >= kMaxSheets || data.size() < 7) return;
    BoundSheet sheet;
    sheet.offset = biff::u32(data, 0);
    sheet.state = static_cast<XlsSheetState>(std::min<int>(data[4] & 0x03, 2));
    sheet.worksheet = data[5] == 0;
    std::size_t length = static_cast<unsigned char>(data[6]);
    if (version_ >= 8) {
      biff::BiffData name(data.substr(7));
      sheet.name = name.unicode_string(length);
    } else {
      sheet.name = code_page_.to_utf8(data.substr(7, length));
    }
    bound_sheets_.push_back(std::move(sheet));
  }

  // An Excel 4 workbook's BUNDLESHEET: the sheet's offset, its visibility, its name.
  void read_bundle_sheet(std::string_view data) {
    if (bound_sheets_.size() >= kMaxSheets || data.size() < 7) return;
    BoundSheet sheet;
    sheet.offset = biff::u32(data, 0);
    sheet.state = static_cast<XlsSheetState>(std::min<int>(data[4] & 0x03, 2));
    std::size_t length = static_cast<unsigned char>(data[6]);
    sheet.name = code_page_.to_utf8(data.substr(7, length));
    bound_sheets_.push_back(std::move(sheet));
  }

  void read_shared_strings(std::vector<std::string_view> parts) {
    biff::BiffData data(std::move(parts));
    data.u32();  // references in the workbook
    std::uint32_t unique = data.u32();
    // Each string takes at least 3 bytes: the count is not trusted for reserving beyond that.
    shared_strings_.reserve(std::min<std::size_t>(unique, stream_.size() / 3));
    std::vector<std::uint16_t> runs;
    for (std::uint32_t i = 0; i < unique && !data.failed() && !data.at_end(); ++i) {
      std::uint16_t count = data.u16();
      runs.clear();
      std::string text = data.unicode_string(count, &runs);
      shared_strings_.push_back(clean_cell_text(text));
      shared_string_fonts_.push_back(runs.empty() ? 0 : static_cast<std::uint16_t>(runs[0] + 1));
    }
  }

  // ---- worksheets ------------------------------------------------------------------------

  // Where each worksheet substream starts: at its BOUNDSHEET's offset when a BOF is there, else
  // (a directory written wrong) the substreams in the order they follow the globals.
  std::vector<std::size_t> substream_starts(std::size_t after_globals) const {
    std::vector<std::size_t> starts;
    biff::RecordReader records(stream_, after_globals);
    biff::Record record;
    int depth = 0;
    while (records.next(record)) {
      if (is_bof(record.type)) {
        if (depth == 0) starts.push_back(record.offset);
        ++depth;
      } else if (record.type == rec::kEof && depth > 0) {
        --depth;
      }
    }
    return starts;
  }

  bool bof_at(std::size_t offset) const {
    return offset + 4 <= stream_.size() && is_bof(biff::u16(stream_, offset));
  }

  void read_sheets(std::size_t after_globals, XlsWorkbook& book) {
    std::vector<std::size_t> in_order = substream_starts(after_globals);
    std::set<std::size_t> read_already;
    for (std::size_t i = 0; i < bound_sheets_.size(); ++i) {
      const BoundSheet& bound = bound_sheets_[i];
      XlsSheet sheet;
      sheet.name = bound.name;
      sheet.state = bound.state;
      if (!bound.worksheet) continue;  // charts and macro sheets hold no cells
      if (bound.state != XlsSheetState::visible) {
        book.sheets.push_back(std::move(sheet));  // named for the warning, never read
        continue;
      }
      std::size_t start = bof_at(bound.offset)  ? bound.offset
                          : i < in_order.size() ? in_order[i]
                                                : stream_.size();
      if (start >= stream_.size() || !read_already.insert(start).second) continue;
      biff::RecordReader records(stream_, start);
      biff::Record bof;
      records.next(bof);
      if (read_bof(bof).substream != kWorksheet) continue;
      read_sheet(records, sheet);
      book.sheets.push_back(std::move(sheet));
    }
  }

  // The cells of one worksheet, from after its BOF to its EOF.
  class SheetCells {
   public:
    std::vector<PlacedCell> cells;
    std::vector<char> hidden_columns = std::vector<char>(kMaxColumn + 1, 0);
    std::set<int> hidden_rows;
    std::vector<SheetMerge> merges;
  };

  void read_sheet(biff::RecordReader& records, XlsSheet& sheet) {
    SheetCells cells;
    biff::Record record;
    // A formula whose string result follows in a STRING record.
    std::optional<PlacedCell> pending;
    std::optional<XlsCellStyle> pending_style;
    int depth = 0;  // a chart embedded in the sheet has a BOF..EOF of its own
    while (records.next(record)) {
      if (is_bof(record.type)) {
        ++depth;
        continue;
      }
      if (record.type == rec::kEof) {
        if (depth-- == 0) break;
        continue;
      }
      if (depth > 0) continue;
      if (read_setting(record, records)) continue;
      std::string_view data = record.data;
      switch (record.type) {
        case rec::kRow:
          read_row_info(data, cells);
          break;
        case rec::kColInfo:
          read_column_info(data, cells);
          break;
        case rec::kMergedCells:
          read_merges(data, cells);
          break;
        case rec::kNumber:
          add_number(cells, data, biff::f64(data, 6));
          break;
        case rec::kRk:
          add_number(cells, data, biff::rk_number(biff::u32(data, 6)));
          break;
        case rec::kMulRk:
          read_mulrk(cells, data);
          break;
        case rec::kLabelSst:
          add_shared_string(cells, data);
          break;
        case rec::kLabel:
        case rec::kRString:
          add_label(cells, record, records);
          break;
        case rec::kBoolErr:
          add_bool_or_error(cells, data, 6, style_of(data));
          break;
        case rec::kBlank:
          add_cell(cells, biff::u16(data, 0), biff::u16(data, 2), {}, style_of(data));
          break;
        case rec::kMulBlank:
          read_mulblank(cells, data);
          break;
        case rec::kFormula:
        case rec::kFormula3:
        case rec::kFormula4:
          if (version_ == 2 && record.type == rec::kFormula) {
            read_formula(cells, data, 7, biff2_style(data), pending, pending_style);
          } else {
            read_formula(cells, data, 6, style_of(data), pending, pending_style);
          }
          break;
        case rec::kString:
        case rec::kString2:
          if (pending) {
            std::string text = formula_string(record, records);
            add_cell(cells, pending->row - 1, pending->column - 1, clean_cell_text(text),
                     *pending_style);
            pending.reset();
          }
          break;
        case rec::kNumber2:
          if (version_ == 2) add_number(cells, data, biff::f64(data, 7), biff2_style(data));
          break;
        case rec::kInteger2:
          if (version_ == 2) add_number(cells, data, biff::u16(data, 7), biff2_style(data));
          break;
        case rec::kLabel2:
          if (version_ == 2) add_label2(cells, data);
          break;
        case rec::kBoolErr2:
          if (version_ == 2) add_bool_or_error(cells, data, 7, biff2_style(data));
          break;
        case rec::kBlank2:
          break;  // BIFF2 blanks carry no fill trackport reads
        default:
          break;
      }
    }
    if (records.truncated()) throw truncated();
    finish_sheet(cells, sheet);
  }

  const XlsCellStyle& current_style(std::size_t xf) { return styles_->style(xf); }

  const XlsCellStyle& style_of(std::string_view data) { return current_style(biff::u16(data, 4)); }

  // BIFF2 cells name their number format in their own attribute bytes.
  const XlsCellStyle& biff2_style(std::string_view data) {
    std::uint8_t format = data.size() > 5 ? static_cast<std::uint8_t>(data[5]) & 0x3F : 0;
    return styles_->format_style(format);
  }

  void read_row_info(std::string_view data, SheetCells& cells) {
    if (data.size() < 16) return;
    std::uint16_t height = biff::u16(data, 6);
    std::uint16_t flags = biff::u16(data, 12);
    // fDyZero, or a height of 0 (not the "default height" bit): as invisible as hidden.
    if ((flags & 0x20) || height == 0) cells.hidden_rows.insert(biff::u16(data, 0) + 1);
  }

  void read_column_info(std::string_view data, SheetCells& cells) {
    if (data.size() < 10) return;
    int first = biff::u16(data, 0);
    int last = std::min<int>(biff::u16(data, 2), kMaxColumn - 1);
    bool hidden = (biff::u16(data, 8) & 0x01) || biff::u16(data, 4) == 0;
    if (!hidden) return;
    for (int column = first; column <= last; ++column) {
      cells.hidden_columns[static_cast<std::size_t>(column) + 1] = 1;
    }
  }

  void read_merges(std::string_view data, SheetCells& cells) {
    std::uint16_t count = biff::u16(data, 0);
    for (std::size_t i = 0; i < count && 2 + 8 * i + 8 <= data.size(); ++i) {
      std::size_t at = 2 + 8 * i;
      SheetMerge merge{biff::u16(data, at) + 1, biff::u16(data, at + 4) + 1,
                       biff::u16(data, at + 2) + 1, biff::u16(data, at + 6) + 1};
      if (merge.last_row < merge.first_row || merge.last_column < merge.first_column) continue;
      if (merge.last_column > kMaxColumn) continue;
      cells.merges.push_back(merge);
    }
  }

  std::string number_text(double value, const XlsCellStyle& style) const {
    return show_number(value, style.number_format, style.date_format, date1904_);
  }

  void add_number(SheetCells& cells, std::string_view data, double value) {
    add_number(cells, data, value, style_of(data));
  }
  void add_number(SheetCells& cells, std::string_view data, double value,
                  const XlsCellStyle& style) {
    if (data.size() < 6) return;
    add_cell(cells, biff::u16(data, 0), biff::u16(data, 2), number_text(value, style), style);
  }

  void read_mulrk(SheetCells& cells, std::string_view data) {
    if (data.size() < 6) return;
    std::uint16_t row = biff::u16(data, 0);
    std::uint16_t column = biff::u16(data, 2);
    for (std::size_t at = 4; at + 6 <= data.size() - 2; at += 6, ++column) {
      const XlsCellStyle& style = current_style(biff::u16(data, at));
      double value = biff::rk_number(biff::u32(data, at + 2));
      add_cell(cells, row, column, number_text(value, style), style);
    }
  }

  void read_mulblank(SheetCells& cells, std::string_view data) {
    if (data.size() < 6) return;
    std::uint16_t row = biff::u16(data, 0);
    std::uint16_t column = biff::u16(data, 2);
    for (std::size_t at = 4; at + 2 <= data.size() - 2; at += 2, ++column) {
      add_cell(cells, row, column, {}, current_style(biff::u16(data, at)));
    }
  }

  void add_shared_string(SheetCells& cells, std::string_view data) {
    if (data.size() < 10) return;
    std::uint32_t index = biff::u32(data, 6);
    if (index >= shared_strings_.size()) return;
    const XlsCellStyle& style = style_of(data);
    std::optional<Rgb> run_colour;
    if (std::uint16_t font = shared_string_fonts_[index]) {
      run_colour = styles_->font_colour(font - 1u);
    }
    add_cell(cells, biff::u16(data, 0), biff::u16(data, 2), shared_strings_[index], style,
             run_colour);
  }

  // LABEL and RSTRING (BIFF3-8): a string in the record itself.
  void add_label(SheetCells& cells, const biff::Record& record, biff::RecordReader& records) {
    std::string_view data = record.data;
    if (data.size() < 8) return;
    std::uint16_t count = biff::u16(data, 6);
    std::string text;
    std::vector<std::uint16_t> runs;
    if (version_ >= 8) {
      std::vector<std::string_view> parts{data.substr(8)};
      records.take_continues(parts);
      biff::BiffData string(std::move(parts));
      text = string.unicode_string(count, &runs);
    } else {
      text = code_page_.to_utf8(data.substr(8, count));
    }
    add_cell(cells, biff::u16(data, 0), biff::u16(data, 2), clean_cell_text(text), style_of(data));
  }

  void add_label2(SheetCells& cells, std::string_view data) {
    if (data.size() < 8) return;
    std::size_t count = static_cast<unsigned char>(data[7]);
    add_cell(cells, biff::u16(data, 0), biff::u16(data, 2),
             clean_cell_text(code_page_.to_utf8(data.substr(8, count))), biff2_style(data));
  }

  void add_bool_or_error(SheetCells& cells, std::string_view data, std::size_t at,
                         const XlsCellStyle& style) {
    if (data.size() < at + 2) return;
    auto value = static_cast<std::uint8_t>(data[at]);
    bool error = data[at + 1] != 0;
    std::string text = error ? error_text(value) : value ? "TRUE" : "FALSE";
    add_cell(cells, biff::u16(data, 0), biff::u16(data, 2), std::move(text), style);
  }

  // A FORMULA's cached result: a number, or (marked by 0xFFFF in its last two bytes) a string
  // in the STRING record that follows, a boolean, an error or an empty string.
  void read_formula(SheetCells& cells, std::string_view data, std::size_t at,
                    const XlsCellStyle& style, std::optional<PlacedCell>& pending,
                    std::optional<XlsCellStyle>& pending_style) {
    if (data.size() < at + 8) return;
    std::uint16_t row = biff::u16(data, 0);
    std::uint16_t column = biff::u16(data, 2);
    pending.reset();
    if (biff::u16(data, at + 6) != 0xFFFF) {
      add_cell(cells, row, column, number_text(biff::f64(data, at), style), style);
      return;
    }
    auto kind = static_cast<std::uint8_t>(data[at]);
    auto value = static_cast<std::uint8_t>(data[at + 2]);
    switch (kind) {
      case 0:
        pending = PlacedCell{row + 1u, column + 1u, {}};
        pending_style = style;
        break;
      case 1:
        add_cell(cells, row, column, value ? "TRUE" : "FALSE", style);
        break;
      case 2:
        add_cell(cells, row, column, error_text(value), style);
        break;
      default:
        add_cell(cells, row, column, {}, style);  // an empty string: a fill at most
    }
  }

  std::string formula_string(const biff::Record& record, biff::RecordReader& records) {
    std::string_view data = record.data;
    if (version_ >= 8) {
      std::vector<std::string_view> parts{data};
      records.take_continues(parts);
      biff::BiffData string(std::move(parts));
      std::uint16_t count = string.u16();
      return string.unicode_string(count);
    }
    if (record.type == rec::kString2) {
      std::size_t count = data.empty() ? 0 : static_cast<unsigned char>(data[0]);
      return code_page_.to_utf8(data.substr(std::min<std::size_t>(1, data.size()), count));
    }
    return code_page_.to_utf8(
        data.substr(std::min<std::size_t>(2, data.size()), biff::u16(data, 0)));
  }

  // Keeps a cell with text, or with a fill; `row` and `column` are 0-based as BIFF writes them.
  void add_cell(SheetCells& cells, std::uint32_t row, std::uint32_t column, std::string text,
                const XlsCellStyle& style, std::optional<Rgb> run_colour = std::nullopt) {
    if (column >= kMaxColumn) return;
    if (text.empty() && !style.fill) return;
    if (++cells_ > max_cells_) {
      throw InputError("too many cells (more than " + std::to_string(max_cells_) + ")");
    }
    PlacedCell& placed = cells.cells.emplace_back();
    placed.row = row + 1;
    placed.column = column + 1;
    placed.cell.fill = style.fill;
    if (!text.empty()) placed.cell.font = run_colour ? run_colour : style.font;
    placed.cell.text = std::move(text);
  }

  void finish_sheet(SheetCells& cells, XlsSheet& sheet) {
    std::stable_sort(cells.cells.begin(), cells.cells.end(),
                     [](const PlacedCell& a, const PlacedCell& b) {
                       return a.row != b.row ? a.row < b.row : a.column < b.column;
                     });
    sheet.hidden_rows.assign(cells.hidden_rows.begin(), cells.hidden_rows.end());
    std::set<int> hidden_columns_with_text;
    std::set<int> hidden_rows_with_text;
    for (std::size_t i = 0; i < cells.cells.size(); ++i) {
      PlacedCell& placed = cells.cells[i];
      // A cell written twice: the later one counts, as in Excel.
      if (i + 1 < cells.cells.size() && cells.cells[i + 1].row == placed.row &&
          cells.cells[i + 1].column == placed.column) {
        continue;
      }
      auto row = static_cast<int>(placed.row);
      auto column = static_cast<int>(placed.column);
      bool has_text = !placed.cell.text.empty();
      if (cells.hidden_columns[static_cast<std::size_t>(column)]) {
        if (has_text) hidden_columns_with_text.insert(column);
        continue;
      }
      if (cells.hidden_rows.count(row)) {
        if (has_text) hidden_rows_with_text.insert(row);
        continue;
      }
      if (sheet.rows.empty() || sheet.rows.back().number != row) {
        sheet.rows.emplace_back().number = row;
      }
      sheet.rows.back().columns.push_back(column);
      sheet.rows.back().cells.push_back(std::move(placed.cell));
    }
    cells.cells.clear();
    sheet.merges = std::move(cells.merges);
    sheet.hidden_rows_with_text.assign(hidden_rows_with_text.begin(), hidden_rows_with_text.end());
    sheet.hidden_columns_with_text.assign(hidden_columns_with_text.begin(),
                                          hidden_columns_with_text.end());
  }
};

// Excel 2.x-4.x saved the BIFF stream itself, without an OLE container; it starts with a BOF.
bool starts_with_bof_record(std::string_view bytes) {
  return bytes.size() >= 4 && is_bof(biff::u16(bytes, 0));
}

// A container libgsf refuses (a directory or allocation table that other readers look past)
// whose workbook stream is still whole: found by its globals BOF at a sector's start and read to
// the end of the file, as Excel writes a stream in consecutive sectors. Accepted only when the
// records from there parse as a whole workbook; else the container's own error stands.
std::optional<XlsWorkbook> read_from_first_record(std::string_view file, std::size_t max_cells) {
  for (std::size_t offset = 512; offset + 8 <= file.size(); offset += 512) {
    std::uint16_t version = biff::u16(file, offset + 4);
    if (biff::u16(file, offset) != rec::kBof8 || biff::u16(file, offset + 6) != kGlobals ||
        (version != 0x0600 && version != 0x0500)) {
      continue;
    }
    try {
      XlsWorkbook book = read_biff_stream(file.substr(offset), max_cells);
      if (!book.sheets.empty()) return book;
    } catch (const InputError& e) {
      // A password stays a password; anything else means this was not the stream.
      if (std::string_view(e.what()) == kXlsPasswordError) throw;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

XlsWorkbook read_biff_stream(std::string_view stream, std::size_t max_cells) {
  return BiffReader(stream, max_cells).read();
}

XlsWorkbook read_xls_workbook(std::string_view file, std::size_t max_cells) {
  if (file.empty()) throw InputError("empty file (an .xls workbook is an OLE compound file)");
  if (is_ole_compound_file(file)) {
    std::string stream;
    try {
      stream = read_workbook_stream(file);
    } catch (const InputError& container_error) {
      std::string_view reason = container_error.what();
      bool broken = reason.starts_with("damaged") || reason.starts_with("truncated");
      if (!broken) throw;
      if (auto rescued = read_from_first_record(file, max_cells)) return std::move(*rescued);
      throw;
    }
    return read_biff_stream(stream, max_cells);
  }
  if (starts_with_bof_record(file)) return read_biff_stream(file, max_cells);
  throw InputError("not an .xls workbook (neither an OLE compound file nor a BIFF stream)");
}

}  // namespace trackport
