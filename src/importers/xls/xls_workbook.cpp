#include "importers/xls/xls_workbook.hpp"

#include <freexl.h>

#include <cstdint>

#include "grid/number_format.hpp"
#include "io/input.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

// The largest sheet BIFF8 can hold (Excel 97-2003): 65,536 rows by 256 columns.
constexpr unsigned int kMaxBiffRows = 65536;
constexpr unsigned int kMaxBiffColumns = 256;

std::string open_error(int status) {
  switch (status) {
    case FREEXL_FILE_NOT_FOUND:
      return "cannot open the .xls workbook for reading";
    case FREEXL_INSUFFICIENT_MEMORY:
      return "not enough memory to read the .xls workbook";
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
      return "not an .xls workbook (no valid OLE compound file header)";
    case FREEXL_CFBF_READ_ERROR:
    case FREEXL_CFBF_SEEK_ERROR:
      return "truncated or damaged .xls workbook (the OLE container ends early)";
    case FREEXL_CFBF_INVALID_SECTOR_SIZE:
    case FREEXL_CFBF_EMPTY_FAT_CHAIN:
    case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
    case FREEXL_INVALID_MINI_STREAM:
    case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
      return "damaged .xls workbook (broken OLE container)";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      return "not an Excel workbook: the OLE compound file has no Workbook stream";
    case FREEXL_INVALID_CHARACTER:
    case FREEXL_UNSUPPORTED_CHARSET:
      return "damaged .xls workbook (text that is not in its declared character set)";
    default:
      return "damaged .xls workbook (unreadable BIFF records; freexl error " +
             std::to_string(status) + ")";
  }
}

// An open freexl workbook, closed on every way out.
class FreexlWorkbook {
 public:
  explicit FreexlWorkbook(const std::filesystem::path& file) {
    int status = freexl_open(file.c_str(), &handle_);
    if (status != FREEXL_OK) {
      freexl_close(handle_);  // freexl asks for a close even after a failed open
      throw InputError(open_error(status));
    }
    // freexl 1.0.6 gives up on a BIFF record it cannot parse by returning FREEXL_OK with no
    // workbook.
    if (!handle_) throw InputError("damaged .xls workbook (a BIFF record could not be read)");
  }
  ~FreexlWorkbook() { freexl_close(handle_); }
  FreexlWorkbook(const FreexlWorkbook&) = delete;
  FreexlWorkbook& operator=(const FreexlWorkbook&) = delete;

  const void* handle() const { return handle_; }

  unsigned int info(unsigned short what) const {
    unsigned int value = FREEXL_UNKNOWN;
    freexl_get_info(handle_, what, &value);
    return value;
  }

 private:
  const void* handle_ = nullptr;
};

void check(int status, const char* what) {
  if (status != FREEXL_OK) {
    throw InputError(std::string("damaged .xls workbook (") + what + "; freexl error " +
                     std::to_string(status) + ")");
  }
}

std::string cell_text(const FreeXL_CellValue& value) {
  switch (value.type) {
    case FREEXL_CELL_INT:
      return format_excel_number(value.value.int_value, "");
    case FREEXL_CELL_DOUBLE:
      return format_excel_number(value.value.double_value, "");
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
      return value.value.text_value ? clean_cell_text(value.value.text_value) : std::string();
    default:
      return {};
  }
}

class SheetReader {
 public:
  SheetReader(const FreexlWorkbook& workbook, std::size_t max_cells)
      : workbook_(workbook), max_cells_(max_cells) {}

  XlsSheet read(unsigned short index) {
    const void* handle = workbook_.handle();
    const char* name = nullptr;
    check(freexl_get_worksheet_name(handle, index, &name), "a sheet without a name");
    check(freexl_select_active_worksheet(handle, index), "a sheet that cannot be selected");
    unsigned int rows = 0;
    unsigned short columns = 0;
    check(freexl_worksheet_dimensions(handle, &rows, &columns), "a sheet without dimensions");
    XlsSheet sheet{name ? name : "", {}};
    if (rows > kMaxBiffRows || columns > kMaxBiffColumns) {
      throw InputError("damaged .xls workbook (sheet '" + sheet.name + "' claims " +
                       std::to_string(rows) + " rows and " + std::to_string(columns) + " columns)");
    }
    for (unsigned int row = 0; row < rows; ++row) {
      SheetRow cells = read_row(row, columns);
      if (!cells.cells.empty()) sheet.rows.push_back(std::move(cells));
    }
    return sheet;
  }

 private:
  SheetRow read_row(unsigned int row, unsigned short columns) {
    SheetRow cells;
    cells.number = static_cast<int>(row) + 1;
    for (unsigned short column = 0; column < columns; ++column) {
      FreeXL_CellValue value;
      check(freexl_get_cell_value(workbook_.handle(), row, column, &value), "an unreadable cell");
      std::string text = cell_text(value);
      if (text.empty()) continue;
      if (++cells_read_ > max_cells_) {
        throw InputError("too many cells (more than " + std::to_string(max_cells_) + ")");
      }
      cells.columns.push_back(column + 1);
      cells.cells.emplace_back().text = std::move(text);
    }
    return cells;
  }

  const FreexlWorkbook& workbook_;
  std::size_t max_cells_;
  std::size_t cells_read_ = 0;
};

std::uint16_t read_u16(std::string_view bytes, std::size_t offset) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[offset]) |
                                    static_cast<unsigned char>(bytes[offset + 1]) << 8);
}

// A workbook globals BOF record at `offset`, directly followed by FILEPASS. BOF: type 0x0809,
// length 16 (BIFF8, version 0x0600) or 8 (BIFF5, 0x0500), substream type 0x0005 (globals).
bool globals_bof_then_filepass(std::string_view bytes, std::size_t offset) {
  constexpr std::uint16_t kBof = 0x0809, kFilePass = 0x002F, kGlobals = 0x0005;
  if (offset + 8 > bytes.size() || read_u16(bytes, offset) != kBof) return false;
  std::uint16_t length = read_u16(bytes, offset + 2);
  std::uint16_t version = read_u16(bytes, offset + 4);
  bool biff8 = length == 16 && version == 0x0600;
  bool biff5 = length == 8 && version == 0x0500;
  if (!(biff8 || biff5) || read_u16(bytes, offset + 6) != kGlobals) return false;
  std::size_t next = offset + 4 + length;
  return next + 2 <= bytes.size() && read_u16(bytes, next) == kFilePass;
}

}  // namespace

std::vector<XlsSheet> read_xls_file(const std::filesystem::path& file, std::size_t max_cells) {
  FreexlWorkbook workbook(file);
  if (workbook.info(FREEXL_BIFF_PASSWORD) == FREEXL_BIFF_OBFUSCATED) {
    throw InputError(std::string(kXlsPasswordError));
  }
  // freexl 1.0.6 keeps each sheet's visibility to itself: hidden sheets are read like the others.
  unsigned int count = workbook.info(FREEXL_BIFF_SHEET_COUNT);
  SheetReader reader(workbook, max_cells);
  std::vector<XlsSheet> sheets;
  for (unsigned int index = 0; index < count && index <= 0xFFFF; ++index) {
    sheets.push_back(reader.read(static_cast<unsigned short>(index)));
  }
  return sheets;
}

bool has_biff_password(std::string_view bytes) {
  // The Workbook stream starts at a sector (512 or 4096 bytes) or, when small, at a 64-byte
  // sector of the mini stream: either way at a multiple of 64 in the file.
  for (std::size_t offset = 512; offset < bytes.size(); offset += 64) {
    if (globals_bof_then_filepass(bytes, offset)) return true;
  }
  return false;
}

}  // namespace trackport
