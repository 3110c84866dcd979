// The "csv" exporter: the Items table (as the workbook's Items sheet) as RFC 4180 CSV.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "exporters/exporter.hpp"

namespace trackport {

// One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF, with quotes doubled.
std::string csv_field(std::string_view value);

// UTF-8 with a byte-order mark, CRLF line ends; one row per item over all documents; the fixed
// columns, one per assessment `by`, Location, then "extra: <header>" per distinct extra header.
void write_items_csv(const std::vector<Document>& documents, std::ostream& out);

class CsvExporter final : public Exporter {
 public:
  std::string_view name() const override { return "csv"; }
  std::vector<std::string_view> extensions() const override { return {"csv"}; }
  void write(const std::vector<Document>& documents, std::ostream& out) const override {
    write_items_csv(documents, out);
  }
};

}  // namespace trackport
