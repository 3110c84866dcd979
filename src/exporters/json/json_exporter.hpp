// The JSON form of the model (spec/MODEL.md: a public contract, field names fixed) and the "json"
// and "jsonl" exporters.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>
#include <vector>

#include "exporters/exporter.hpp"
#include "model/document.hpp"

namespace trackport {

// One Document in its JSON form, keys in the order MODEL.md lists them. Optional text that is
// empty is null, an absent due is null, so every document has the same keys.
nlohmann::ordered_json document_to_json(const Document& document);

// The inverse of document_to_json. Missing keys take their defaults; a value of the wrong type,
// an unknown rating or a date that is not YYYY-MM-DD throws std::runtime_error naming the path,
// e.g. "items[3].status: unknown rating \"purple\"". Parse with ordered_json to keep the order
// of `extra` (plain json sorts object keys).
Document document_from_json(const nlohmann::ordered_json& json);
Document document_from_json(const nlohmann::json& json);
// A Document object or an array of them.
std::vector<Document> documents_from_json(const nlohmann::ordered_json& json);

// A JSON array of Documents (one element for one document: every .json has the same shape);
// 2-space indent, UTF-8 as is (invalid sequences as U+FFFD). Exactly
// nlohmann::ordered_json::array({document_to_json(...)...}).dump(2, ' ', false,
// error_handler_t::replace), written field by field through JsonWriter without building the
// tree, so a large batch is never held twice.
void write_json(const std::vector<Document>& documents, std::ostream& out);
// JSON Lines (MODEL.md): one compact item a line, {"document": {title, organisation, period,
// source, mapping}, then the item's fields}. A document without items has no line.
void write_json_lines(const std::vector<Document>& documents, std::ostream& out);
// One whole compact Document a line: how a worker process hands its documents back (read with
// documents_from_json line by line); not an output format.
void write_documents_a_line(const std::vector<Document>& documents, std::ostream& out);

// One document item by item (Exporter::stream_document): pretty JSON (an array of the one
// document), or JSON Lines.
std::unique_ptr<DocumentStream> stream_json_document(std::ostream& out, bool lines,
                                                     const std::filesystem::path& spill_dir);
// The same into a file (Exporter::stream_document_to_file): the head as begin() gives it, then
// the items straight after it; finish() rewrites the file around the items if the head changed.
std::unique_ptr<DocumentStream> stream_json_document_to_file(const std::filesystem::path& path,
                                                             bool lines);

// A batch document by document (Exporter::open_writer): exactly write_json's (or with `lines`,
// write_json_lines') bytes for the documents appended.
std::unique_ptr<DocumentWriter> open_json_writer(std::ostream& out, bool lines);
std::unique_ptr<DocumentWriter> open_json_file_writer(const std::filesystem::path& path,
                                                      bool lines);

class JsonExporter final : public Exporter {
 public:
  std::string_view name() const override { return "json"; }
  std::vector<std::string_view> extensions() const override { return {"json"}; }
  void write(const std::vector<Document>& documents, std::ostream& out) const override {
    write_json(documents, out);
  }
  std::unique_ptr<DocumentStream> stream_document(
      std::ostream& out, const std::filesystem::path& spill_dir) const override {
    return stream_json_document(out, false, spill_dir);
  }
  std::unique_ptr<DocumentStream> stream_document_to_file(
      const std::filesystem::path& path) const override {
    return stream_json_document_to_file(path, false);
  }
  std::unique_ptr<DocumentWriter> open_writer(std::ostream& out) const override {
    return open_json_writer(out, false);
  }
  std::unique_ptr<DocumentWriter> open_file_writer(
      const std::filesystem::path& path) const override {
    return open_json_file_writer(path, false);
  }
};

class JsonLinesExporter final : public Exporter {
 public:
  std::string_view name() const override { return "jsonl"; }
  std::vector<std::string_view> extensions() const override { return {"jsonl"}; }
  void write(const std::vector<Document>& documents, std::ostream& out) const override {
    write_json_lines(documents, out);
  }
  std::unique_ptr<DocumentStream> stream_document(
      std::ostream& out, const std::filesystem::path& spill_dir) const override {
    return stream_json_document(out, true, spill_dir);
  }
  std::unique_ptr<DocumentStream> stream_document_to_file(
      const std::filesystem::path& path) const override {
    return stream_json_document_to_file(path, true);
  }
  std::unique_ptr<DocumentWriter> open_writer(std::ostream& out) const override {
    return open_json_writer(out, true);
  }
  std::unique_ptr<DocumentWriter> open_file_writer(
      const std::filesystem::path& path) const override {
    return open_json_file_writer(path, true);
  }
};

}  // namespace trackport
