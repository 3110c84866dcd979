// A streaming JSON writer that produces exactly the bytes nlohmann's
// dump(indent, ' ', /*ensure_ascii=*/false, error_handler_t::replace) gives for the same values:
// the same layout (2-space indent or compact, "{}" and "[]" for empty containers) and the same
// string escaping (\" \\ \b \f \n \r \t, other control characters as \u00XX in lower-case hex,
// UTF-8 as is, U+FFFD for each maximal invalid UTF-8 sequence). No tree is built: text goes into
// a 1 MB buffer that is written to the stream each time it fills.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace trackport {

class JsonWriter {
 public:
  enum class Layout { pretty, compact };  // pretty: dump(2); compact: dump(-1)

  JsonWriter(std::ostream& out, Layout layout);
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  // Writes what is still buffered (errors show on the stream's state, as with <<).
  ~JsonWriter();

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // An object member's key; the member's value comes next.
  void key(std::string_view name);
  // The same for a key that needs no escaping (printable ASCII without '"' or '\\', such as the
  // model's field names): written as it is, which spares the escaping scan of most keys.
  void plain_key(std::string_view name);

  void string(std::string_view text);
  void null();
  void boolean(bool value);
  void integer(std::int64_t value);
  // A number already in its JSON form (e.g. nlohmann's dump of a double).
  void number_text(std::string_view number);
  // Any value already in its JSON form, written in this writer's layout (e.g. an object another
  // compact writer made once and repeats on every line).
  void value_text(std::string_view json) { number_text(json); }
  // Text before or after the top-level value, e.g. the "\n" that ends a line.
  void raw(std::string_view text);

  // Elements of the innermost open container, already in their JSON form and written to the
  // stream by `write` (after this writer's buffer): e.g. items another JsonWriter wrote at the
  // same depth. The container then counts as having elements.
  template <typename Write>
  void splice(Write write) {
    flush();
    write(out_);
    if (!has_elements_.empty()) has_elements_.back() = 1;
  }

  // Writes the buffer to the stream.
  void flush();

  // The escaped body of a JSON string (without the quotes), as nlohmann writes it.
  static void append_escaped(std::string& out, std::string_view text);

 private:
  // Before a value or key: the separator and, in pretty layout, the new line and indentation.
  void before_element();
  void new_line(std::size_t depth, bool comma);
  void open(char bracket);
  void close(char bracket);
  void quoted(std::string_view text);

  void put(char c) {
    if (size_ == capacity_) make_room(1);
    buffer_[size_++] = c;
  }
  void put(std::string_view text) {
    if (text.size() > capacity_ - size_) make_room(text.size());
    std::memcpy(buffer_.get() + size_, text.data(), text.size());
    size_ += text.size();
  }
  // Flushes, and grows the buffer if `bytes` would not fit in an empty one.
  void make_room(std::size_t bytes);

  std::ostream& out_;
  bool pretty_;
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_;
  std::size_t size_ = 0;
  // ",\n" and the indentation of the deepest level so far: separators are slices of it.
  std::string separator_;
  // One entry per open container: whether anything has been written in it yet.
  std::vector<char> has_elements_;
  bool after_key_ = false;  // the next value belongs to the key just written
};

}  // namespace trackport
