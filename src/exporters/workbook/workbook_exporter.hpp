// The "xlsx" exporter: the standard workbook of spec/MODEL.md (Items, Extra, Indicators, Risks,
// Summary, Sources, Warnings).
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

#include "exporters/exporter.hpp"

namespace trackport {

// Writes the standard workbook at path. Throws std::runtime_error when libxlsxwriter reports an
// error or the Summary would pass Excel's row limit (the other sheets go on in parts, "Items (2)"
// after "Items", past it).
void write_standard_workbook(const std::vector<Document>& documents,
                             const std::filesystem::path& path);

// The standard workbook built document by document (or, for one file, item by item): the rows
// wait in temporary files until close() writes the sheets, so memory stays flat whatever comes
// in. Nothing is written at `path` but a probe (removed on failure) until close().
class WorkbookBuilder {
 public:
  // `rows_per_sheet`: the data rows a sheet holds before it goes on in a part of its own; 0 for
  // as many as Excel allows (less room for a total row). Tests give fewer.
  explicit WorkbookBuilder(std::filesystem::path path, std::size_t rows_per_sheet = 0);
  ~WorkbookBuilder();
  WorkbookBuilder(const WorkbookBuilder&) = delete;
  WorkbookBuilder& operator=(const WorkbookBuilder&) = delete;

  // One whole document.
  void add(const Document& document);
  // Or one document item by item: what is known of it at the first item (its organisation may
  // still change), each item, then the finished document (its items ignored).
  void begin_streamed(const Document& so_far);
  void item(const Item& item);
  void end_streamed(const Document& document);

  // Writes the workbook. Throws std::runtime_error when libxlsxwriter reports an error or the
  // Summary would pass Excel's row limit (the file at path is then removed).
  void close();

 private:
  class Sheets;
  std::filesystem::path path_;
  std::unique_ptr<Sheets> sheets_;
  Document head_;  // the streamed document
  bool streaming_ = false;
  bool streamed_ = false;
  std::size_t streamed_items_ = 0;
};

class WorkbookExporter final : public Exporter {
 public:
  std::string_view name() const override { return "xlsx"; }
  std::vector<std::string_view> extensions() const override { return {"xlsx"}; }
  bool can_stream() const override { return false; }
  // Builds the workbook in a temporary file and copies it to out.
  void write(const std::vector<Document>& documents, std::ostream& out) const override;
  void write_file(const std::vector<Document>& documents,
                  const std::filesystem::path& path) const override {
    write_standard_workbook(documents, path);
  }
  std::unique_ptr<DocumentWriter> open_writer(std::ostream& out) const override;
  std::unique_ptr<DocumentWriter> open_file_writer(
      const std::filesystem::path& path) const override;
  std::unique_ptr<DocumentStream> stream_document_to_file(
      const std::filesystem::path& path) const override;
};

}  // namespace trackport
