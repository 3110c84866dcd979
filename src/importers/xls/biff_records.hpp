// The records of a BIFF stream (the Workbook or Book stream of an .xls, or a bare Excel 2-4
// file): each a 16-bit type and length and its data, read in place. A record's data may go on in
// CONTINUE records after it; BiffData reads across them, including the rule that a string's
// characters resume in a CONTINUE with a fresh "high byte" flag ([MS-XLS] 2.5.293).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trackport::biff {

inline constexpr std::uint16_t kContinue = 0x003C;

struct Record {
  std::uint16_t type = 0;
  std::size_t offset = 0;  // of the record's header in the stream
  std::string_view data;
};

// Walks the records of a stream. Stops (next() false) at the end or at a record that runs past
// it (a truncated stream).
class RecordReader {
 public:
  explicit RecordReader(std::string_view stream, std::size_t offset = 0)
      : stream_(stream), position_(offset) {}
  bool next(Record& record);
  // The CONTINUE records straight after the last one read, appended to `parts`; the reader moves
  // past them.
  void take_continues(std::vector<std::string_view>& parts);
  std::size_t position() const { return position_; }
  bool truncated() const { return truncated_; }

 private:
  std::string_view stream_;
  std::size_t position_;
  bool truncated_ = false;
};

// A little-endian value at `at`; 0 past the end.
std::uint16_t u16(std::string_view data, std::size_t at);
std::uint32_t u32(std::string_view data, std::size_t at);
double f64(std::string_view data, std::size_t at);
// An RK number (a 30-bit integer or the top of a double, perhaps divided by 100).
double rk_number(std::uint32_t rk);

// How 8-bit text is encoded: the workbook's CODEPAGE (BIFF2-5); BIFF8 text is UTF-16 or, when
// "compressed", Latin-1.
class CodePage {
 public:
  explicit CodePage(int number = 1252) : number_(number) {}
  int number() const { return number_; }
  std::string to_utf8(std::string_view bytes) const;

 private:
  int number_;
};

// Latin-1 (BIFF8 "compressed" UTF-16: the high bytes left out) to UTF-8.
std::string latin1_to_utf8(std::string_view bytes);

// A record's data with its CONTINUE records, read as one. Every read past the end gives zeros and
// sets failed(), so a damaged record never reads outside its bytes.
class BiffData {
 public:
  explicit BiffData(std::vector<std::string_view> parts) : parts_(std::move(parts)) {}
  explicit BiffData(std::string_view data) : parts_{data} {}

  std::uint8_t u8();
  std::uint16_t u16();
  std::uint32_t u32();
  void skip(std::size_t bytes);
  bool failed() const { return failed_; }
  bool at_end() const;

  // A BIFF8 XLUnicodeString whose count was read already: `count` characters, the flags byte
  // next (high byte, rich runs, extended data), then the characters, across CONTINUEs.
  // `run_fonts`, when given, receives the font of each rich-text run in order.
  std::string unicode_string(std::size_t count, std::vector<std::uint16_t>* run_fonts = nullptr);
  // `count` characters of 8-bit text in the code page.
  std::string byte_string(std::size_t count, const CodePage& code_page);

 private:
  std::string_view current() const;
  bool advance_part();

  std::vector<std::string_view> parts_;
  std::size_t part_ = 0;
  std::size_t at_ = 0;
  bool failed_ = false;
};

}  // namespace trackport::biff
