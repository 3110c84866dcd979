// The "json" and "jsonl" exporters. They stream: the document head, then one item (indicator, risk,
// warning) at a time, so a batch of 200,000 items is never built as one JSON tree. The output is
// byte for byte what document_to_json(...).dump(indent) would give.
#include "exporters/json/json_exporter.hpp"

#include <string>

#include "exporters/json/json_parts.hpp"

namespace trackport {
namespace {

using nlohmann::ordered_json;

// Invalid UTF-8 (which importers should already have cleaned) becomes U+FFFD instead of
// aborting the whole export.
constexpr auto kInvalidUtf8 = ordered_json::error_handler_t::replace;
constexpr int kCompact = -1;

// Writes nested objects and arrays with the separators and indentation nlohmann's dump uses,
// dumping finished sub-values as they come.
class JsonStream {
 public:
  JsonStream(std::ostream& out, int indent) : out_(out), indent_(indent) {}

  void open(char bracket) {
    out_ << bracket;
    empty_.push_back(true);
  }

  void close(char bracket) {
    const bool was_empty = empty_.back();
    empty_.pop_back();
    if (!was_empty) new_line();
    out_ << bracket;
  }

  // Before each array element or object member: the comma, then a new indented line.
  void next_element() {
    if (!empty_.back()) out_ << ',';
    empty_.back() = false;
    new_line();
  }

  void key(const std::string& name) {
    next_element();
    out_ << ordered_json(name).dump(kCompact, ' ', false, kInvalidUtf8) << (pretty() ? ": " : ":");
  }

  void value(const ordered_json& value) {
    const std::string text = value.dump(indent_, ' ', false, kInvalidUtf8);
    if (!pretty()) {
      out_ << text;
      return;
    }
    // The value was dumped as if at the top level; shift its inner lines to this depth. JSON
    // strings never hold a raw newline, so every '\n' is a line break of the layout.
    const std::string indentation(empty_.size() * static_cast<std::size_t>(indent_), ' ');
    std::size_t line_start = 0;
    for (std::size_t end = text.find('\n'); end != std::string::npos;
         end = text.find('\n', line_start)) {
      out_.write(text.data() + line_start, static_cast<std::streamsize>(end + 1 - line_start));
      out_ << indentation;
      line_start = end + 1;
    }
    out_.write(text.data() + line_start, static_cast<std::streamsize>(text.size() - line_start));
  }

 private:
  bool pretty() const { return indent_ >= 0; }

  void new_line() {
    if (!pretty()) return;
    out_ << '\n' << std::string(empty_.size() * static_cast<std::size_t>(indent_), ' ');
  }

  std::ostream& out_;
  int indent_;
  std::vector<bool> empty_;  // one entry per open container: nothing written in it yet
};

template <typename T, typename ToJson>
void write_array_member(JsonStream& stream, const std::string& key, const std::vector<T>& values,
                        ToJson to_json) {
  stream.key(key);
  stream.open('[');
  for (const auto& value : values) {
    stream.next_element();
    stream.value(to_json(value));
  }
  stream.close(']');
}

void write_document(JsonStream& stream, const Document& document) {
  stream.open('{');
  const ordered_json head = json_parts::document_head(document);
  for (const auto& [key, value] : head.items()) {
    stream.key(key);
    stream.value(value);
  }
  write_array_member(stream, "items", document.items, json_parts::item);
  write_array_member(stream, "indicators", document.indicators, json_parts::indicator);
  write_array_member(stream, "risks", document.risks, json_parts::risk);
  write_array_member(stream, "warnings", document.warnings, json_parts::warning);
  stream.close('}');
}

}  // namespace

void write_json(const std::vector<Document>& documents, std::ostream& out) {
  constexpr int kIndent = 2;
  JsonStream stream(out, kIndent);
  if (documents.size() == 1) {
    write_document(stream, documents.front());
  } else {
    stream.open('[');
    for (const auto& document : documents) {
      stream.next_element();
      write_document(stream, document);
    }
    stream.close(']');
  }
  out << '\n';
}

void write_json_lines(const std::vector<Document>& documents, std::ostream& out) {
  for (const auto& document : documents) {
    JsonStream stream(out, kCompact);
    write_document(stream, document);
    out << '\n';
  }
}

}  // namespace trackport
