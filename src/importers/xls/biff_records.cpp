#include "importers/xls/biff_records.hpp"

#include <iconv.h>

#include <cstring>

#include "io/text_encoding.hpp"

namespace trackport::biff {

bool RecordReader::next(Record& record) {
  if (position_ + 4 > stream_.size()) return false;
  std::uint16_t length = biff::u16(stream_, position_ + 2);
  if (position_ + 4 + length > stream_.size()) {
    truncated_ = true;
    return false;
  }
  record.type = biff::u16(stream_, position_);
  record.offset = position_;
  record.data = stream_.substr(position_ + 4, length);
  position_ += 4 + std::size_t{length};
  return true;
}

void RecordReader::take_continues(std::vector<std::string_view>& parts) {
  for (;;) {
    std::size_t at = position_;
    Record record;
    if (!next(record)) return;
    if (record.type != kContinue) {
      position_ = at;
      return;
    }
    parts.push_back(record.data);
  }
}

std::uint16_t u16(std::string_view data, std::size_t at) {
  if (at + 2 > data.size()) return 0;
  return static_cast<std::uint16_t>(static_cast<unsigned char>(data[at]) |
                                    static_cast<unsigned char>(data[at + 1]) << 8);
}

std::uint32_t u32(std::string_view data, std::size_t at) {
  if (at + 4 > data.size()) return 0;
  return static_cast<std::uint32_t>(u16(data, at)) | static_cast<std::uint32_t>(u16(data, at + 2))
                                                         << 16;
}

double f64(std::string_view data, std::size_t at) {
  if (at + 8 > data.size()) return 0.0;
  std::uint64_t bits = static_cast<std::uint64_t>(u32(data, at)) |
                       static_cast<std::uint64_t>(u32(data, at + 4)) << 32;
  double value = 0.0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

double rk_number(std::uint32_t rk) {
  double value = 0.0;
  if (rk & 2) {
    // A signed 30-bit integer in the top bits.
    auto whole = static_cast<std::int32_t>(rk & 0xFFFFFFFCu);
    value = static_cast<double>(whole / 4);
  } else {
    std::uint64_t bits = static_cast<std::uint64_t>(rk & 0xFFFFFFFCu) << 32;
    std::memcpy(&value, &bits, sizeof value);
  }
  return (rk & 1) ? value / 100.0 : value;
}

std::string latin1_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) append_utf8(out, static_cast<unsigned char>(c));
  return out;
}

namespace {

// iconv's name for a Windows code page number; "" for those read without iconv.
std::string iconv_name(int number) {
  switch (number) {
    case 367:
    case 1252:
    case 0x8001:  // "Windows ANSI" as Excel 95 sometimes writes it
      return "";
    case 0x8000:
    case 10000:
      return "MACINTOSH";
    case 1200:
      return "UTF-16LE";
    case 65001:
      return "UTF-8";
    default:
      return "CP" + std::to_string(number);
  }
}

std::string with_iconv(std::string_view bytes, const std::string& from) {
  iconv_t converter = ::iconv_open("UTF-8", from.c_str());
  if (converter == reinterpret_cast<iconv_t>(-1)) return windows_1252_to_utf8(bytes);
  std::string out(bytes.size() * 4 + 4, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* write = out.data();
  std::size_t out_left = out.size();
  while (in_left > 0) {
    if (::iconv(converter, &in, &in_left, &write, &out_left) != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG || out_left < 3) break;
    // A byte the code page has no character for: U+FFFD, then on.
    std::memcpy(write, "\xEF\xBF\xBD", 3);
    write += 3;
    out_left -= 3;
    ++in;
    --in_left;
  }
  ::iconv_close(converter);
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

std::string CodePage::to_utf8(std::string_view bytes) const {
  bool ascii = true;
  for (char c : bytes) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(bytes);
  std::string name = iconv_name(number_);
  if (name.empty()) return windows_1252_to_utf8(bytes);
  return with_iconv(bytes, name);
}

std::string_view BiffData::current() const {
  return part_ < parts_.size() ? parts_[part_] : std::string_view();
}

bool BiffData::advance_part() {
  while (part_ < parts_.size() && at_ >= parts_[part_].size()) {
    ++part_;
    at_ = 0;
  }
  return part_ < parts_.size();
}

std::uint8_t BiffData::u8() {
  if (!advance_part()) {
    failed_ = true;
    return 0;
  }
  return static_cast<std::uint8_t>(current()[at_++]);
}

std::uint16_t BiffData::u16() {
  std::uint16_t low = u8();
  return static_cast<std::uint16_t>(low | u8() << 8);
}

std::uint32_t BiffData::u32() {
  std::uint32_t low = u16();
  return low | static_cast<std::uint32_t>(u16()) << 16;
}

void BiffData::skip(std::size_t bytes) {
  while (bytes > 0) {
    if (!advance_part()) {
      failed_ = true;
      return;
    }
    std::size_t here = std::min(bytes, current().size() - at_);
    at_ += here;
    bytes -= here;
  }
}

bool BiffData::at_end() const {
  for (std::size_t part = part_; part < parts_.size(); ++part) {
    if ((part == part_ ? at_ : 0) < parts_[part].size()) return false;
  }
  return true;
}

std::string BiffData::unicode_string(std::size_t count, std::vector<std::uint16_t>* run_fonts) {
  std::uint8_t flags = u8();
  std::uint16_t runs = (flags & 0x08) ? u16() : 0;
  std::uint32_t extended = (flags & 0x04) ? u32() : 0;
  std::string utf16;  // little-endian UTF-16, widened from compressed runs
  utf16.reserve(count * 2);
  bool high = (flags & 0x01) != 0;
  std::size_t left = count;
  for (bool first = true; left > 0 && !failed_; first = false) {
    if (!first) {
      // The characters resume in the next CONTINUE, which starts with a flags byte of its own.
      if (part_ >= parts_.size() || at_ < parts_[part_].size()) {
        failed_ = true;  // half a character left before the part's end: damaged
        break;
      }
      ++part_;
      at_ = 0;
      if (part_ >= parts_.size() || parts_[part_].empty()) {
        failed_ = true;
        break;
      }
      high = (static_cast<std::uint8_t>(parts_[part_][0]) & 1) != 0;
      at_ = 1;
    } else if (part_ >= parts_.size()) {
      failed_ = true;
      break;
    }
    std::string_view here = current().substr(std::min(at_, current().size()));
    std::size_t width = high ? 2 : 1;
    std::size_t take = std::min(left, here.size() / width);
    for (std::size_t i = 0; i < take; ++i) {
      utf16.push_back(here[i * width]);
      utf16.push_back(high ? here[i * width + 1] : '\0');
    }
    at_ += take * width;
    left -= take;
  }
  for (std::uint16_t run = 0; run < runs && !failed_; ++run) {
    u16();  // the run's first character
    std::uint16_t font = u16();
    if (run_fonts) run_fonts->push_back(font);
  }
  skip(extended);
  return utf16_to_utf8(utf16, true);
}

std::string BiffData::byte_string(std::size_t count, const CodePage& code_page) {
  std::string bytes;
  while (bytes.size() < count) {
    if (!advance_part()) {
      failed_ = true;
      break;
    }
    std::string_view here = current().substr(at_);
    std::size_t take = std::min(count - bytes.size(), here.size());
    bytes.append(here.substr(0, take));
    at_ += take;
  }
  return code_page.to_utf8(bytes);
}

}  // namespace trackport::biff
