// Assembles the standard workbook, sheet after sheet.
#include "exporters/workbook/workbook_exporter.hpp"

#include <xlsxwriter.h>

#include <fstream>
#include <stdexcept>
#include <string>

#include "exporters/quiet_stderr.hpp"
#include "exporters/through_file.hpp"
#include "exporters/workbook/sheets.hpp"
#include "model/document.hpp"

namespace trackport {
namespace {

// Owns the lxw_workbook until it is closed. One abandoned by an exception is freed without being
// saved, so no half-written workbook appears.
class OpenWorkbook {
 public:
  explicit OpenWorkbook(const std::filesystem::path& path) {
    // Constant-memory mode streams each finished row to a temporary file, so 200,000 items do
    // not sit in memory. It asks for rows in order, which every sheet here does; frozen panes,
    // autofilters, data validation, conditional formats and column widths all still work in it
    // (tests/unit/exporters checks them). Strings are stored inline instead of shared.
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    // ZIP64 stays off: parts stay far below 4 GB (200,000 items are a few hundred MB) and
    // some zip readers do not take ZIP64.
    const std::string name = path.string();
    {
      const QuietStderr quiet;
      workbook_ = workbook_new_opt(name.c_str(), &options);
    }
    if (workbook_ == nullptr) throw std::runtime_error("cannot create the workbook " + name);
    // The mark that keeps this workbook out of the next folder walk (unless it is named).
    workbook_set_custom_property_string(workbook_, kOutputProperty, "standard workbook");
  }
  OpenWorkbook(const OpenWorkbook&) = delete;
  OpenWorkbook& operator=(const OpenWorkbook&) = delete;
  ~OpenWorkbook() {
    if (workbook_ != nullptr) lxw_workbook_free(workbook_);
  }

  lxw_workbook* get() const { return workbook_; }

  void close(const std::filesystem::path& path) {
    lxw_workbook* workbook = workbook_;
    workbook_ = nullptr;
    lxw_error status = LXW_NO_ERROR;
    {
      const QuietStderr quiet;
      status = workbook_close(workbook);
    }
    workbook::check(status, "saving " + path.string());
  }

 private:
  lxw_workbook* workbook_ = nullptr;
};

void check_writable(const std::filesystem::path& path) {
  std::ofstream probe(path, std::ios::binary | std::ios::trunc);
  if (!probe) throw std::runtime_error("cannot open " + path.string() + " for writing");
}

void write_sheets(const std::vector<Document>& documents, const std::filesystem::path& path) {
  OpenWorkbook workbook(path);
  const auto formats = workbook::Formats::create(workbook.get());
  workbook::CutCells cut_cells;
  workbook::write_items_sheet(workbook.get(), formats, documents, cut_cells);
  workbook::write_extra_sheet(workbook.get(), formats, documents, cut_cells);
  workbook::write_assessments_sheet(workbook.get(), formats, documents, cut_cells);
  if (workbook::any_indicators(documents)) {
    workbook::write_indicators_sheet(workbook.get(), formats, documents, cut_cells);
  }
  if (workbook::any_risks(documents)) {
    workbook::write_risks_sheet(workbook.get(), formats, documents, cut_cells);
  }
  workbook::write_summary_sheet(workbook.get(), formats, documents);
  workbook::write_sources_sheet(workbook.get(), formats, documents, cut_cells);
  workbook::write_warnings_sheet(workbook.get(), formats, documents, cut_cells);
  workbook.close(path);
}

}  // namespace

void write_standard_workbook(const std::vector<Document>& documents,
                             const std::filesystem::path& path) {
  check_writable(path);
  try {
    write_sheets(documents, path);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    throw;
  }
}

void WorkbookExporter::write(const std::vector<Document>& documents, std::ostream& out) const {
  write_through_temporary_file(out, "xlsx", [&](const std::filesystem::path& path) {
    write_standard_workbook(documents, path);
  });
}

}  // namespace trackport
