#include "exporters/json/json_writer.hpp"

#include <array>
#include <bit>
#include <cassert>
#include <charconv>
#include <cstring>

#include "model/utf8.hpp"

namespace trackport {
namespace {

// The buffer goes to the stream each time it fills: few, large writes.
constexpr std::size_t kBufferSize = std::size_t{1} << 20;
constexpr std::size_t kIndentWidth = 2;
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

// Bytes a JSON string holds as they are: printable ASCII but '"' and '\\'. (0x7F too: nlohmann
// escapes only U+0000..U+001F when ensure_ascii is off.)
constexpr std::array<bool, 256> plain_bytes() {
  std::array<bool, 256> plain{};
  for (std::size_t byte = 0x20; byte < 0x80; ++byte) plain[byte] = true;
  plain['"'] = false;
  plain['\\'] = false;
  return plain;
}
constexpr std::array<bool, 256> kPlain = plain_bytes();

bool is_plain(char c) {
  return kPlain[static_cast<unsigned char>(c)];
}

std::uint64_t load_word(const char* bytes) {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, sizeof word);
  return word;
}

// Eight bytes at once (SWAR): the high bit of each byte that is not plain. A borrow can only
// come from such a byte and only flag bytes above it, so the lowest flag is always right, and
// with little-endian loads it marks the first byte in text order.
std::uint64_t not_plain_bytes(std::uint64_t word) {
  static_assert(std::endian::native == std::endian::little);
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  auto zero_bytes = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighBits; };
  const std::uint64_t non_ascii = word & kHighBits;
  const std::uint64_t control = (word - kOnes * 0x20) & ~word & kHighBits;  // bytes < 0x20
  const std::uint64_t quote = zero_bytes(word ^ (kOnes * '"'));
  const std::uint64_t backslash = zero_bytes(word ^ (kOnes * '\\'));
  return non_ascii | control | quote | backslash;
}

std::size_t first_flagged_byte(std::uint64_t flags) {
  return static_cast<std::size_t>(std::countr_zero(flags)) / 8;
}

// The position of the first byte at or after `at` that is not plain, or the text's size.
std::size_t skip_plain(std::string_view text, std::size_t at) {
  const char* data = text.data();
  const std::size_t size = text.size();
  for (; at + 8 <= size; at += 8) {
    const std::uint64_t flags = not_plain_bytes(load_word(data + at));
    if (flags != 0) return at + first_flagged_byte(flags);
  }
  if (at == size) return size;
  if (size >= 8) {
    // The last eight bytes, shifted so that `at` comes first, and plain bytes shifted in after
    // them (bytes before `at` may be escaped ones, which could raise false flags above them).
    constexpr std::uint64_t kPlainFill = 0x6161616161616161ULL;       // "aaaaaaaa"
    const auto shift = static_cast<unsigned>(8 * (at - (size - 8)));  // 8..56
    const std::uint64_t word = (load_word(data + size - 8) >> shift) | (kPlainFill << (64 - shift));
    const std::uint64_t flags = not_plain_bytes(word);
    return flags == 0 ? size : at + first_flagged_byte(flags);
  }
  while (at < size && is_plain(data[at])) ++at;
  return at;
}

// The escape of an ASCII byte that is not plain: \" \\ \b \f \n \r \t or \u00XX.
std::string_view escape_of(unsigned char byte, char (&storage)[6]) {
  switch (byte) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default: {
      constexpr std::string_view kHex = "0123456789abcdef";
      storage[0] = '\\';
      storage[1] = 'u';
      storage[2] = '0';
      storage[3] = '0';
      storage[4] = kHex[byte >> 4];
      storage[5] = kHex[byte & 0xF];
      return {storage, sizeof storage};
    }
  }
}

// Calls emit(std::string_view) with the pieces of text's escaped form: runs of plain bytes and
// valid UTF-8 in one piece, then each escape or U+FFFD.
template <typename Emit>
void escape(std::string_view text, Emit&& emit) {
  const char* data = text.data();
  const std::size_t size = text.size();
  std::size_t emitted_up_to = 0;
  std::size_t at = 0;
  while (at < size) {
    at = skip_plain(text, at);
    if (at == size) break;
    const auto byte = static_cast<unsigned char>(data[at]);
    std::size_t invalid = 0;
    if (byte >= 0x80) {
      // nlohmann's decoder (Hoehrmann's DFA) rejects at the same byte, then writes one U+FFFD
      // and reads the rejected byte again: the substitution valid_sequence_length describes.
      const std::size_t length = utf8::valid_sequence_length(text, at, invalid);
      if (length > 0) {
        at += length;  // valid UTF-8 is written as is
        continue;
      }
    }
    if (at > emitted_up_to) emit(text.substr(emitted_up_to, at - emitted_up_to));
    if (byte >= 0x80) {
      emit(kReplacementCharacter);
      at += invalid;
    } else {
      char storage[6];
      emit(escape_of(byte, storage));
      ++at;
    }
    emitted_up_to = at;
  }
  // Never an empty piece: a default string_view's null data must not reach memcpy.
  if (size > emitted_up_to) emit(text.substr(emitted_up_to));
}

}  // namespace

JsonWriter::JsonWriter(std::ostream& out, Layout layout)
    : out_(out),
      pretty_(layout == Layout::pretty),
      buffer_(std::make_unique<char[]>(kBufferSize)),
      capacity_(kBufferSize),
      separator_(",\n") {}

JsonWriter::~JsonWriter() {
  try {
    flush();
  } catch (...) {  // a stream with exceptions enabled; the caller checks the stream
  }
}

void JsonWriter::append_escaped(std::string& out, std::string_view text) {
  escape(text, [&out](std::string_view piece) { out += piece; });
}

void JsonWriter::make_room(std::size_t bytes) {
  flush();
  if (bytes > capacity_) {
    buffer_ = std::make_unique<char[]>(bytes);
    capacity_ = bytes;
  }
}

void JsonWriter::flush() {
  if (size_ == 0) return;
  out_.write(buffer_.get(), static_cast<std::streamsize>(size_));
  size_ = 0;
}

void JsonWriter::new_line(std::size_t depth, bool comma) {
  const std::size_t length = 2 + depth * kIndentWidth;  // ",\n" and the indentation
  if (separator_.size() < length) separator_.resize(length, ' ');
  put(std::string_view(separator_).substr(comma ? 0 : 1, comma ? length : length - 1));
}

void JsonWriter::before_element() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_elements_.empty()) return;  // the top-level value
  const bool comma = has_elements_.back() != 0;
  has_elements_.back() = 1;
  if (pretty_) {
    new_line(has_elements_.size(), comma);
  } else if (comma) {
    put(',');
  }
}

void JsonWriter::open(char bracket) {
  before_element();
  put(bracket);
  has_elements_.push_back(0);
}

void JsonWriter::close(char bracket) {
  const bool had_elements = has_elements_.back() != 0;
  has_elements_.pop_back();
  if (had_elements && pretty_) new_line(has_elements_.size(), false);
  put(bracket);
}

void JsonWriter::begin_object() {
  open('{');
}

void JsonWriter::end_object() {
  close('}');
}

void JsonWriter::begin_array() {
  open('[');
}

void JsonWriter::end_array() {
  close(']');
}

void JsonWriter::quoted(std::string_view text) {
  put('"');
  escape(text, [this](std::string_view piece) { put(piece); });
  put('"');
}

void JsonWriter::key(std::string_view name) {
  before_element();
  quoted(name);
  put(pretty_ ? std::string_view(": ") : std::string_view(":"));
  after_key_ = true;
}

void JsonWriter::plain_key(std::string_view name) {
  assert(skip_plain(name, 0) == name.size() && "plain_key given a key that needs escaping");
  before_element();
  put('"');
  put(name);
  put(pretty_ ? std::string_view("\": ") : std::string_view("\":"));
  after_key_ = true;
}

void JsonWriter::string(std::string_view text) {
  before_element();
  quoted(text);
}

void JsonWriter::null() {
  before_element();
  put("null");
}

void JsonWriter::boolean(bool value) {
  before_element();
  put(value ? std::string_view("true") : std::string_view("false"));
}

void JsonWriter::integer(std::int64_t value) {
  before_element();
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  put(std::string_view(digits, static_cast<std::size_t>(result.ptr - digits)));
}

void JsonWriter::number_text(std::string_view number) {
  before_element();
  put(number);
}

void JsonWriter::raw(std::string_view text) {
  put(text);
}

}  // namespace trackport
