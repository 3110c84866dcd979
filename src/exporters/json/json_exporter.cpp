// The "json" and "jsonl" exporters. They write each Document straight to the output through
// JsonWriter, in the order and form of document_to_json (document_to_json.cpp), without building
// a JSON tree: the output is byte for byte what document_to_json(...).dump(2 or -1, ' ', false,
// error_handler_t::replace) would give, and tests/unit/exporters checks that it is. A field added
// to the model goes in both places.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>

#include "exporters/json/json_exporter.hpp"
#include "exporters/json/json_writer.hpp"
#include "model/due.hpp"
#include "model/fields.hpp"
#include "model/rating.hpp"

namespace trackport {
namespace {

// The members below are the model's fields, whose names need no escaping (plain_key); only the
// headers in `extra` are the documents' own text.
void text_member(JsonWriter& json, std::string_view key, std::string_view text) {
  json.plain_key(key);
  json.string(text);
}

// Optional text: null when empty, so scripts see the same keys on every object.
void optional_text_member(JsonWriter& json, std::string_view key, std::string_view text) {
  json.plain_key(key);
  if (text.empty()) {
    json.null();
  } else {
    json.string(text);
  }
}

void string_array_member(JsonWriter& json, std::string_view key,
                         const std::vector<std::string>& values) {
  json.plain_key(key);
  json.begin_array();
  for (const auto& value : values) json.string(value);
  json.end_array();
}

void optional_date_member(JsonWriter& json, std::string_view key,
                          const std::optional<std::chrono::year_month_day>& day) {
  json.plain_key(key);
  if (day) {
    json.string(iso_date(*day));
  } else {
    json.null();
  }
}

void due_member(JsonWriter& json, const std::optional<Due>& due) {
  json.plain_key("due");
  if (!due) {
    json.null();
    return;
  }
  json.begin_object();
  text_member(json, "raw", due->raw);
  optional_date_member(json, "start", due->start);
  optional_date_member(json, "end", due->end);
  json.end_object();
}

// A page is a number ("page": 3) unless the row spans pages ("page": "3-4"). Text that would not
// read back the same as a number ("03") stays text. Digits without a leading zero are already
// the number's JSON form.
bool page_is_number(std::string_view page) {
  if (page.empty() || page.size() >= 9 || page[0] == '0') return false;
  for (char c : page) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void location_member(JsonWriter& json, std::string_view key, const Location& location) {
  json.plain_key(key);
  json.begin_object();
  text_member(json, "file", location.file);
  if (!location.sheet.empty()) text_member(json, "sheet", location.sheet);
  if (!location.cells.empty()) text_member(json, "cells", location.cells);
  if (location.table > 0) {
    json.plain_key("table");
    json.integer(location.table);
  }
  if (location.row > 0) {
    json.plain_key("row");
    json.integer(location.row);
  }
  if (!location.page.empty()) {
    json.plain_key("page");
    if (page_is_number(location.page)) {
      json.number_text(location.page);
    } else {
      json.string(location.page);
    }
  }
  json.end_object();
}

void write_assessment(JsonWriter& json, const Assessment& assessment) {
  json.begin_object();
  text_member(json, "by", assessment.by);
  text_member(json, "rating", rating_name(assessment.rating));
  text_member(json, "raw", assessment.raw);
  text_member(json, "from", rating_source_name(assessment.from));
  optional_text_member(json, "commentary", assessment.commentary);
  json.end_object();
}

void extra_member(JsonWriter& json, const ExtraFields& extra) {
  json.plain_key("extra");
  json.begin_object();
  for_each_extra_member(extra, [&json](const std::string& key, const std::string& value) {
    json.key(key);  // a document's own text: escaped
    json.string(value);
  });
  json.end_object();
}

void write_item_members(JsonWriter& json, const Item& item) {
  for (const ItemField& field : kItemFields) {
    switch (field.kind) {
      case ItemFieldKind::id:
      case ItemFieldKind::always_text:
        text_member(json, field.name, item.*(field.text));
        break;
      case ItemFieldKind::text:
        optional_text_member(json, field.name, item.*(field.text));
        break;
      case ItemFieldKind::due:
        due_member(json, item.due);
        break;
      case ItemFieldKind::people:
        string_array_member(json, field.name, item.*(field.people));
        break;
      case ItemFieldKind::status:
        text_member(json, field.name, rating_name(item.status));
        break;
      case ItemFieldKind::assessments:
        json.plain_key(field.name);
        json.begin_array();
        for (const auto& assessment : item.assessments) write_assessment(json, assessment);
        json.end_array();
        break;
      case ItemFieldKind::extra:
        extra_member(json, item.extra);
        break;
      case ItemFieldKind::source:
        location_member(json, field.name, item.source);
        break;
    }
  }
}

void write_item(JsonWriter& json, const Item& item) {
  json.begin_object();
  write_item_members(json, item);
  json.end_object();
}

void period_values_member(JsonWriter& json, const std::vector<PeriodValue>& values) {
  json.plain_key("targets");
  json.begin_array();
  for (const auto& value : values) {
    json.begin_object();
    text_member(json, "period", value.period);
    text_member(json, "value", value.value);
    json.end_object();
  }
  json.end_array();
}

void write_breakdown(JsonWriter& json, const IndicatorBreakdown& breakdown) {
  json.begin_object();
  text_member(json, "area", breakdown.area);
  optional_text_member(json, "baseline", breakdown.baseline);
  period_values_member(json, breakdown.targets);
  json.end_object();
}

void write_indicator(JsonWriter& json, const Indicator& indicator) {
  json.begin_object();
  optional_text_member(json, "code", indicator.code);
  optional_text_member(json, "title", indicator.title);
  optional_text_member(json, "baseline", indicator.baseline);
  period_values_member(json, indicator.targets);
  json.plain_key("breakdown");
  json.begin_array();
  for (const auto& area : indicator.breakdown) write_breakdown(json, area);
  json.end_array();
  location_member(json, "source", indicator.source);
  json.end_object();
}

void write_risk(JsonWriter& json, const Risk& risk) {
  json.begin_object();
  optional_text_member(json, "ref", risk.ref);
  optional_text_member(json, "description", risk.description);
  optional_text_member(json, "impact", risk.impact);
  optional_text_member(json, "likelihood", risk.likelihood);
  optional_text_member(json, "score", risk.score);
  optional_text_member(json, "mitigation", risk.mitigation);
  optional_text_member(json, "owner", risk.owner);
  due_member(json, risk.due);
  location_member(json, "source", risk.source);
  json.end_object();
}

void write_warning(JsonWriter& json, const Warning& warning) {
  json.begin_object();
  text_member(json, "code", warning.code);
  text_member(json, "message", warning.message);
  location_member(json, "location", warning.location);
  json.end_object();
}

// title, organisation, period, source, mapping: what says which document an item is from.
void write_identity_members(JsonWriter& json, const Document& document) {
  optional_text_member(json, "title", document.title);
  optional_text_member(json, "organisation", document.organisation);
  optional_text_member(json, "period", document.period);
  json.plain_key("source");
  json.begin_object();
  text_member(json, "file", document.source.file);
  text_member(json, "format", document.source.format);
  optional_text_member(json, "sha256", document.source.sha256);
  json.end_object();
  json.plain_key("mapping");
  json.begin_object();
  optional_text_member(json, "name", document.mapping.name);
  json.plain_key("score");
  // nlohmann's shortest round-trip form of a double ("0.875", "1.0", null for NaN).
  json.number_text(nlohmann::json(document.mapping.score).dump());
  json.plain_key("auto");
  json.boolean(document.mapping.automatic);
  json.end_object();
}

// schema_version, then the identity members.
void write_head_members(JsonWriter& json, const Document& document) {
  text_member(json, "schema_version", kSchemaVersion);
  write_identity_members(json, document);
}

// A JSON Lines line's `document` member: the identity of the document the item is from.
std::string line_document_text(const Document& document) {
  std::ostringstream text;
  {
    JsonWriter json(text, JsonWriter::Layout::compact);
    json.begin_object();
    write_identity_members(json, document);
    json.end_object();
  }
  return std::move(text).str();
}

// One JSON Lines line: {"document":{...}, then the item's own members}.
void write_item_line(JsonWriter& json, std::string_view document_text, const Item& item) {
  json.begin_object();
  json.plain_key("document");
  json.value_text(document_text);
  write_item_members(json, item);
  json.end_object();
  json.raw("\n");
}

template <typename T, typename WriteOne>
void array_member(JsonWriter& json, std::string_view key, const std::vector<T>& values,
                  WriteOne write_one) {
  json.plain_key(key);
  json.begin_array();
  for (const auto& value : values) write_one(json, value);
  json.end_array();
}

// A Document object up to its items: the head members and the items array opened.
void write_document_head(JsonWriter& json, const Document& document) {
  json.begin_object();
  write_head_members(json, document);
  json.plain_key("items");
  json.begin_array();
}

// A Document object after its items.
void write_document_tail(JsonWriter& json, const Document& document) {
  json.end_array();
  array_member(json, "indicators", document.indicators, write_indicator);
  array_member(json, "risks", document.risks, write_risk);
  array_member(json, "warnings", document.warnings, write_warning);
  json.end_object();
}

// A Document object whose items array `write_items` fills.
template <typename WriteItems>
void write_document_with(JsonWriter& json, const Document& document, WriteItems write_items) {
  write_document_head(json, document);
  write_items(json);
  write_document_tail(json, document);
}

// A file nobody else can open: unlinked as soon as it is open, so it goes with the process.
std::fstream open_spill(const std::filesystem::path& dir) {
  std::string name = (dir / ".trackport-items-XXXXXX").string();
  int fd = ::mkstemp(name.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file in " + dir.string());
  ::close(fd);
  std::fstream spill(name, std::ios::in | std::ios::out | std::ios::binary | std::ios::trunc);
  std::filesystem::remove(name);
  if (!spill) throw std::runtime_error("cannot open a temporary file in " + dir.string());
  return spill;
}

void write_document(JsonWriter& json, const Document& document) {
  write_document_with(json, document, [&document](JsonWriter& items) {
    for (const Item& item : document.items) write_item(items, item);
  });
}

// Items go to a temporary file as they come (the document's head, which names the mapping,
// is known only after the last item); finish writes the head, copies the items, and ends.
class JsonDocumentStream final : public DocumentStream {
 public:
  JsonDocumentStream(std::ostream& out, JsonWriter::Layout layout,
                     const std::filesystem::path& spill_dir)
      : out_(out), layout_(layout), spill_(open_spill(spill_dir)), items_(spill_, layout) {
    // The items' writer starts where they stand in a document, so their separators and
    // indentation are the document's; what precedes the first item is left out when copying.
    items_.begin_array();
    items_.begin_object();
    items_.key("items");
    items_.begin_array();
    items_.flush();
    first_item_ = spill_.tellp();
  }

  void item(const Item& item) override {
    write_item(items_, item);
    ++count_;
  }

  void finish(const Document& document) override {
    items_.flush();
    if (!spill_) throw std::runtime_error("writing the items' temporary file failed (disk full?)");
    JsonWriter json(out_, layout_);
    json.begin_array();
    write_document_with(json, document, [this](JsonWriter& items) {
      if (count_ == 0) return;
      items.splice([this](std::ostream& out) {
        spill_.seekg(first_item_);
        out << spill_.rdbuf();
      });
    });
    json.end_array();
    json.raw("\n");
    json.flush();
  }

 private:
  std::ostream& out_;
  JsonWriter::Layout layout_;
  std::fstream spill_;
  JsonWriter items_;
  std::streampos first_item_;
  std::size_t count_ = 0;
};

// The start of a file of one document, up to its items: its bytes, to compare a guessed head
// with the real one.
std::string head_text(const Document& document, JsonWriter::Layout layout) {
  std::ostringstream text;
  {
    JsonWriter json(text, layout);
    json.begin_array();
    write_document_head(json, document);
  }
  return std::move(text).str();
}

// Straight into the output file: the head begin() is given, then each item as it comes. Most
// documents keep that head (one table, or the first table's mapping gives most items); when the
// real one differs, finish() moves the items to a temporary file and writes the file again.
class JsonFileStream final : public DocumentStream {
 public:
  JsonFileStream(std::filesystem::path path, JsonWriter::Layout layout)
      : path_(std::move(path)),
        layout_(layout),
        file_(path_, std::ios::in | std::ios::out | std::ios::binary | std::ios::trunc),
        json_(file_, layout) {
    if (!file_) throw std::runtime_error("cannot open " + path_.string() + " for writing");
  }

  void begin(const Document& so_far) override {
    if (begun_) return;
    json_.begin_array();
    write_document_head(json_, so_far);
    json_.flush();
    head_ = head_text(so_far, layout_);
    begun_ = true;
  }

  void item(const Item& item) override {
    if (!begun_) throw std::logic_error("JsonFileStream: an item before begin()");
    write_item(json_, item);
    ++count_;
  }

  void finish(const Document& document) override {
    if (!begun_) {
      json_.begin_array();
      write_document_with(json_, document, [](JsonWriter&) {});
    } else if (head_text(document, layout_) == head_) {
      write_document_tail(json_, document);
    } else {
      rewrite_with_head(document);
      return;
    }
    json_.end_array();
    json_.raw("\n");
    end_file(0);
  }

 private:
  // The items, after the guessed head, go to a temporary file and come back after the real one.
  void rewrite_with_head(const Document& document) {
    json_.flush();
    file_.flush();
    const std::streamoff written = file_.tellp();
    std::fstream items = open_spill(path_.has_parent_path() ? path_.parent_path() : ".");
    if (count_ > 0) {
      file_.seekg(static_cast<std::streamoff>(head_.size()));
      items << file_.rdbuf();
      items.flush();
      if (!items || !file_) fail();
    }
    file_.seekp(0);
    JsonWriter json(file_, layout_);
    json.begin_array();
    write_document_with(json, document, [this, &items](JsonWriter& writer) {
      if (count_ == 0) return;
      writer.splice([&items](std::ostream& out) {
        items.seekg(0);
        out << items.rdbuf();
      });
    });
    json.end_array();
    json.raw("\n");
    json.flush();
    end_file(written);
  }

  // Closes the file, cutting what an earlier, longer head left beyond the new end.
  void end_file(std::streamoff written_before) {
    json_.flush();
    file_.flush();
    const std::streamoff end = file_.tellp();
    file_.close();
    if (!file_ || end < 0) fail();
    if (end < written_before) std::filesystem::resize_file(path_, static_cast<std::uintmax_t>(end));
  }

  [[noreturn]] static void fail() { throw std::runtime_error("the write failed (disk full?)"); }

  std::filesystem::path path_;
  JsonWriter::Layout layout_;
  std::fstream file_;
  JsonWriter json_;
  std::string head_;  // as written
  bool begun_ = false;
  std::size_t count_ = 0;
};

// JSON Lines, item by item: each line needs its document's `document` member, known only at
// the end, so the items wait in a temporary file as lines of their own members and are copied
// out with it in front.
class JsonLinesStream final : public DocumentStream {
 public:
  JsonLinesStream(std::ostream& out, const std::filesystem::path& spill_dir)
      : out_(&out), spill_(open_spill(spill_dir)), items_(spill_, JsonWriter::Layout::compact) {}
  // Into a file of its own.
  explicit JsonLinesStream(const std::filesystem::path& path)
      : file_(std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc)),
        out_(file_.get()),
        spill_(open_spill(path.has_parent_path() ? path.parent_path() : ".")),
        items_(spill_, JsonWriter::Layout::compact) {
    if (!*file_) throw std::runtime_error("cannot open " + path.string() + " for writing");
  }

  void item(const Item& item) override {
    write_item(items_, item);
    items_.raw("\n");
  }

  void finish(const Document& document) override {
    items_.flush();
    if (!spill_) throw std::runtime_error("writing the items' temporary file failed (disk full?)");
    const std::string head = "{\"document\":" + line_document_text(document) + ",";
    spill_.seekg(0);
    std::string line;
    while (std::getline(spill_, line)) {
      // `line` is {"id":...}: the head replaces its opening brace.
      *out_ << head << std::string_view(line).substr(1) << '\n';
    }
    out_->flush();
    if (file_) file_->close();
    if (!*out_) throw std::runtime_error("the write failed (disk full?)");
  }

 private:
  std::unique_ptr<std::ofstream> file_;
  std::ostream* out_;
  std::fstream spill_;
  JsonWriter items_;
};

// A batch, document after document: the array opened at once, each document written whole as
// it comes (pretty JSON), or as its items' lines (JSON Lines).
class JsonBatchWriter final : public DocumentWriter {
 public:
  // `file`, when given, is the stream `out` and is closed by finish().
  JsonBatchWriter(std::unique_ptr<std::ofstream> file, std::ostream& out, bool lines)
      : file_(std::move(file)),
        out_(out),
        lines_(lines),
        json_(out, lines ? JsonWriter::Layout::compact : JsonWriter::Layout::pretty) {
    if (!lines_) json_.begin_array();
  }

  void append(const Document& document) override {
    if (lines_) {
      const std::string document_text = line_document_text(document);
      for (const Item& item : document.items) write_item_line(json_, document_text, item);
    } else {
      write_document(json_, document);
    }
  }

  void finish() override {
    if (!lines_) {
      json_.end_array();
      json_.raw("\n");
    }
    json_.flush();
    out_.flush();
    if (file_) file_->close();
    if (!out_ || (file_ && !*file_)) throw std::runtime_error("the write failed (disk full?)");
  }

 private:
  std::unique_ptr<std::ofstream> file_;  // first: the writer below writes into it
  std::ostream& out_;
  bool lines_;
  JsonWriter json_;
};

}  // namespace

std::unique_ptr<DocumentStream> stream_json_document(std::ostream& out, bool lines,
                                                     const std::filesystem::path& spill_dir) {
  if (lines) return std::make_unique<JsonLinesStream>(out, spill_dir);
  return std::make_unique<JsonDocumentStream>(out, JsonWriter::Layout::pretty, spill_dir);
}

std::unique_ptr<DocumentStream> stream_json_document_to_file(const std::filesystem::path& path,
                                                             bool lines) {
  if (lines) return std::make_unique<JsonLinesStream>(path);
  return std::make_unique<JsonFileStream>(path, JsonWriter::Layout::pretty);
}

std::unique_ptr<DocumentWriter> open_json_writer(std::ostream& out, bool lines) {
  return std::make_unique<JsonBatchWriter>(nullptr, out, lines);
}

std::unique_ptr<DocumentWriter> open_json_file_writer(const std::filesystem::path& path,
                                                      bool lines) {
  auto file = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!*file) throw std::runtime_error("cannot open " + path.string() + " for writing");
  std::ostream& out = *file;
  return std::make_unique<JsonBatchWriter>(std::move(file), out, lines);
}

void write_json(const std::vector<Document>& documents, std::ostream& out) {
  JsonWriter json(out, JsonWriter::Layout::pretty);
  json.begin_array();
  for (const auto& document : documents) write_document(json, document);
  json.end_array();
  json.raw("\n");
  json.flush();
}

void write_json_lines(const std::vector<Document>& documents, std::ostream& out) {
  JsonWriter json(out, JsonWriter::Layout::compact);
  for (const auto& document : documents) {
    const std::string document_text = line_document_text(document);
    for (const Item& item : document.items) write_item_line(json, document_text, item);
  }
  json.flush();
}

void write_documents_a_line(const std::vector<Document>& documents, std::ostream& out) {
  JsonWriter json(out, JsonWriter::Layout::compact);
  for (const auto& document : documents) {
    write_document(json, document);
    json.raw("\n");
  }
  json.flush();
}

}  // namespace trackport
