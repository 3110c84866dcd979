// The table of exporters: adding a format is one class and one line here.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>

#include "exporters/csv/csv_exporter.hpp"
#include "exporters/exporter.hpp"
#include "exporters/json/json_exporter.hpp"
#include "exporters/postgres/postgres_exporter.hpp"
#include "exporters/sqlite/sqlite_exporter.hpp"
#include "exporters/workbook/workbook_exporter.hpp"

namespace trackport {
namespace {

std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::vector<std::unique_ptr<Exporter>> make_exporters() {
  std::vector<std::unique_ptr<Exporter>> list;
  list.push_back(std::make_unique<WorkbookExporter>());
  list.push_back(std::make_unique<JsonExporter>());
  list.push_back(std::make_unique<JsonLinesExporter>());
  list.push_back(std::make_unique<CsvExporter>());
  list.push_back(std::make_unique<SqliteExporter>());
  list.push_back(std::make_unique<PostgresExporter>());
  return list;
}

// Every document kept until finish() writes them all at once.
class CollectingWriter final : public DocumentWriter {
 public:
  using WriteAll = std::function<void(const std::vector<Document>&)>;
  explicit CollectingWriter(WriteAll write_all) : write_all_(std::move(write_all)) {}
  void append(const Document& document) override { documents_.push_back(document); }
  void finish() override { write_all_(documents_); }

 private:
  WriteAll write_all_;
  std::vector<Document> documents_;
};

}  // namespace

std::unique_ptr<DocumentWriter> Exporter::open_writer(std::ostream& out) const {
  return std::make_unique<CollectingWriter>(
      [this, &out](const std::vector<Document>& documents) { write(documents, out); });
}

std::unique_ptr<DocumentWriter> Exporter::open_file_writer(
    const std::filesystem::path& path) const {
  return std::make_unique<CollectingWriter>(
      [this, path](const std::vector<Document>& documents) { write_file(documents, path); });
}

void Exporter::write_file(const std::vector<Document>& documents,
                          const std::filesystem::path& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot open " + path.string() + " for writing");
  write(documents, out);
  out.flush();
  if (!out) throw std::runtime_error("writing " + path.string() + " failed (disk full?)");
}

const std::vector<std::unique_ptr<Exporter>>& exporters() {
  static const std::vector<std::unique_ptr<Exporter>> list = make_exporters();
  return list;
}

const Exporter* exporter_for(const std::filesystem::path& output) {
  if (is_postgres_uri(output.string())) return exporter_named("postgresql");
  std::string extension = lower_case(output.extension().string());
  if (extension.empty()) return nullptr;
  extension.erase(0, 1);  // the dot
  for (const auto& exporter : exporters()) {
    const auto extensions = exporter->extensions();
    if (std::find(extensions.begin(), extensions.end(), extension) != extensions.end()) {
      return exporter.get();
    }
  }
  return nullptr;
}

const Exporter* exporter_named(std::string_view name) {
  for (const auto& exporter : exporters()) {
    if (exporter->name() == name) return exporter.get();
  }
  return nullptr;
}

}  // namespace trackport
