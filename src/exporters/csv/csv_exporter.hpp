// The "csv" exporter: one table of the model as RFC 4180 CSV: the Items table (as the workbook's
// Items sheet, the default), or with `--table` the Indicators or the Risks table (as those
// sheets: exporters/register_tables.hpp).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "exporters/exporter.hpp"

namespace trackport {

// One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF, with quotes doubled.
std::string csv_field(std::string_view value);

// UTF-8 with a byte-order mark, CRLF line ends; one row per item over all documents. The same
// columns for every batch, so scripts can rely on them: item_table's fixed columns (Source ...
// Comments), then Period and Title (the item's document's), Assessments (a JSON array of
// {by, rating, raw, from, commentary}), Extra (a JSON object, header -> value) and Location.
void write_items_csv(const std::vector<Document>& documents, std::ostream& out);

// One row per indicator and one per area of its breakdown: Source, Code, Title, Area, Baseline,
// Targets (a JSON array of {period, value}), Location. BOM and CRLF as for items.
void write_indicators_csv(const std::vector<Document>& documents, std::ostream& out);

// One row per risk: Source, Ref, Description, Impact, Likelihood, Score, Mitigation, Owner, Due,
// Due start, Due end (ISO dates), Location. BOM and CRLF as for items.
void write_risks_csv(const std::vector<Document>& documents, std::ostream& out);

enum class CsvTable { items, indicators, risks };

// True when `head` (a file's first bytes, a line at least) starts as a CSV table this exporter
// writes: its byte-order mark and one of its header rows. A folder walk skips such files.
bool written_by_csv_exporter(std::string_view head);

// "items", "indicators", "risks".
std::string_view csv_table_name(CsvTable table);
// The inverse of csv_table_name; nullopt for anything else.
std::optional<CsvTable> csv_table_named(std::string_view name);

void write_csv(const std::vector<Document>& documents, CsvTable table, std::ostream& out);

// The table written document by document (Exporter::open_writer): write_csv's bytes.
std::unique_ptr<DocumentWriter> open_csv_writer(std::ostream& out, CsvTable table);
std::unique_ptr<DocumentWriter> open_csv_file_writer(const std::filesystem::path& path,
                                                     CsvTable table);

class CsvExporter final : public Exporter {
 public:
  explicit CsvExporter(CsvTable table = CsvTable::items) : table_(table) {}
  std::string_view name() const override { return "csv"; }
  std::vector<std::string_view> extensions() const override { return {"csv"}; }
  std::vector<std::string_view> tables() const override;
  std::unique_ptr<Exporter> for_table(std::string_view table) const override;
  CsvTable table() const { return table_; }
  void write(const std::vector<Document>& documents, std::ostream& out) const override {
    write_csv(documents, table_, out);
  }
  std::unique_ptr<DocumentWriter> open_writer(std::ostream& out) const override {
    return open_csv_writer(out, table_);
  }
  std::unique_ptr<DocumentWriter> open_file_writer(
      const std::filesystem::path& path) const override {
    return open_csv_file_writer(path, table_);
  }

 private:
  CsvTable table_;
};

}  // namespace trackport
