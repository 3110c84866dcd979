// The "xlsx" exporter: the standard workbook of spec/MODEL.md (Items, Extra, Indicators, Risks,
// Summary, Sources, Warnings).
#pragma once

#include <filesystem>
#include <ostream>
#include <string_view>
#include <vector>

#include "exporters/exporter.hpp"

namespace trackport {

// Writes the standard workbook at path. Throws std::runtime_error when libxlsxwriter reports an
// error or a sheet would pass Excel's row limit.
void write_standard_workbook(const std::vector<Document>& documents,
                             const std::filesystem::path& path);

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
};

}  // namespace trackport
